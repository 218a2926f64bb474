// A small, complete run.json built in code, for tests of what reads runs
// (the summary, the run reader, diagnose, verify).

import { HdrHistogram } from '../measure/hdr-histogram.js';
import type { Repetition, RunJson } from '../run/run-json.js';

/** fixtureRepetition is one repetition with plausible KPIs, throughput rps and p99 p99 µs. */
export function fixtureRepetition(index: number, rps: number, p99: number, complete = true): Repetition {
  const h = new HdrHistogram();
  h.record(p99);
  return {
    index, complete, startedAt: '2026-01-01T00:00:00.000Z', durationSeconds: 10,
    kpis: {
      load: {
        throughputRps: rps, requests: rps * 10, bytesReceived: 0, inFlightAtEnd: 0, statuses: { 200: rps * 10 - 3, 503: 3 },
        latencyUs: { p50: 1000, p90: 2000, p95: 3000, p99: p99, max: 9000, min: 100, mean: 1200 },
        errors: { http: 3, connection: 0, timeouts: 0, total: 3, byCode: {} },
      },
      cpu: { cpuSeconds: 14.2, profileSeconds: 10, cores: 1.42, percentOfMachine: 71 },
      memory: { heapInuseStart: 13_000_000, heapInuseEnd: 13_500_000, heapAllocEnd: 0, sysEnd: 0, profileInuseStart: 0, profileInuseEnd: 0, allocatedBytes: 0, allocRateBytesPerSec: 0 },
      gc: { count: 81, perSecond: 8.1, pauseUs: { p50: 100, p99: 312, max: 400, total: 9000 }, pausesMissing: 0, cpuFraction: 0.01 },
      goroutines: { start: 21, end: 21 },
    },
    latencyHistogram: h.toJSON(),
    captures: [{ name: 'cpu', url: 'u', file: `rep-${index}/cpu.pb.gz`, ok: true, at: '', ms: 1 }],
    warnings: [],
  };
}

/** fixtureRun is a complete two-repetition run of a local service. */
export function fixtureRun(repetitions: Repetition[] = [fixtureRepetition(1, 4812, 7800), fixtureRepetition(2, 4700, 8200)]): RunJson {
  return {
    version: 1, tool: 'gotune measure', complete: true, status: 'complete', reason: null, startedAt: '', finishedAt: '',
    config: { target: 'http://127.0.0.1:8080/work', method: 'GET', headers: [], bodyBytes: 0, pprof: 'http://127.0.0.1:6060/debug/pprof',
      durationSeconds: 10, warmupSeconds: 5, concurrency: 16, rate: null, mode: 'closed-loop', repeat: repetitions.length, profiles: ['cpu'], timeoutMs: 10000 },
    environment: { machine: { hostname: 'h', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: '', memoryBytes: 0, loadAverage: [] },
      node: 'v20', gotune: '0.1.0', go: { version: 'go1.26.8', source: '/debug/vars goversion' }, targetLocal: true,
      notes: ['the service and the load generator share this machine\'s 2 cores'] },
    repetitions, warnings: [],
  };
}
