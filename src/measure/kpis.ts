// KPIs of one repetition from what was measured and captured: latency
// percentiles and throughput from the load generator's window, CPU
// utilisation from the CPU profile, heap and GC figures from the
// runtime's MemStats and the heap profiles, goroutines from their profile.

import { sampleTotals } from '../profile/scale.js';
import type { Profile } from '../profile/types.js';
import type { HdrHistogram } from './hdr-histogram.js';
import type { WindowStats } from './load-generator.js';
import { gcBetween, type MemStats } from './memstats.js';
import type { CpuKpis, GcKpis, LoadKpis, MemoryKpis, Percentiles } from '../run/run-json.js';

/** percentilesOf summarises a histogram: p50/p90/p95/p99, exact min, max and mean. */
function percentilesOf(h: HdrHistogram): Percentiles {
  return {
    p50: h.percentile(50), p90: h.percentile(90), p95: h.percentile(95), p99: h.percentile(99),
    max: h.max, min: h.count === 0 ? 0 : h.min, mean: Math.round(h.mean * 10) / 10,
  };
}

/** loadKpis turns a load window into throughput, latency and error figures. */
export function loadKpis(w: WindowStats, rate: number): LoadKpis {
  const seconds = w.durationMs / 1000;
  const connection = Object.values(w.connectionErrors).reduce((a, b) => a + b, 0);
  // A failed request is no throughput: an endpoint that answers 404 fast is not fast.
  const succeeded = w.responses - w.httpErrors;
  const failed = w.httpErrors + connection + w.timeouts;
  const k: LoadKpis = {
    throughputRps: seconds > 0 ? Math.round((succeeded / seconds) * 10) / 10 : 0,
    requests: w.responses,
    succeeded,
    errorRate: succeeded + failed > 0 ? Math.round((failed / (succeeded + failed)) * 1e6) / 1e6 : 0,
    latencyUs: percentilesOf(w.latency),
    errors: { http: w.httpErrors, connection, timeouts: w.timeouts, total: w.httpErrors + connection + w.timeouts, byCode: w.connectionErrors },
    statuses: w.statuses,
    bytesReceived: w.bytes,
    inFlightAtEnd: w.inFlightAtEnd,
  };
  if (rate > 0 && w.sendLag) {
    k.openLoop = {
      rate, scheduled: w.scheduled ?? 0, notSent: w.notSent ?? 0,
      sendLagUs: { p50: w.sendLag.percentile(50), p99: w.sendLag.percentile(99), max: w.sendLag.max },
    };
  }
  return k;
}

/** valueIndex finds a sample type by name (and unit when given), -1 when absent. */
function valueIndex(p: Profile, type: string, unit?: string): number {
  return p.sampleTypes.findIndex((t) => t.type === type && (unit === undefined || t.unit === unit));
}

/**
 * cpuKpis is the service's CPU use over the CPU profile: the sum of its
 * cpu/nanoseconds samples divided by the profile's duration gives the
 * cores kept busy; machineCores turns that into a share of the machine.
 */
export function cpuKpis(p: Profile, machineCores: number | null): CpuKpis | null {
  const i = valueIndex(p, 'cpu', 'nanoseconds');
  if (i < 0 || p.durationNanos <= 0) return null;
  const cpuNs = sampleTotals(p)[i];
  const cores = cpuNs / p.durationNanos;
  return {
    cpuSeconds: round3(cpuNs / 1e9),
    profileSeconds: round3(p.durationNanos / 1e9),
    cores: round3(cores),
    percentOfMachine: machineCores ? Math.round((cores / machineCores) * 1000) / 10 : null,
  };
}

/** inuseBytes is a heap profile's in-use bytes (inuse_space), null for other profiles. */
export function inuseBytes(p: Profile | null): number | null {
  if (!p) return null;
  const i = valueIndex(p, 'inuse_space');
  return i < 0 ? null : sampleTotals(p)[i];
}

/** goroutineCount is the number of goroutines in a goroutine profile. */
export function goroutineCount(p: Profile | null): number | null {
  if (!p) return null;
  const i = valueIndex(p, 'goroutine');
  return i < 0 ? null : sampleTotals(p)[i];
}

/** memoryKpis combines MemStats snapshots and heap profiles of the window's start and end. */
export function memoryKpis(start: MemStats | null, end: MemStats | null, heapStart: Profile | null, heapEnd: Profile | null,
  windowSeconds: number): MemoryKpis | null {
  if (!start && !end && !heapStart && !heapEnd) return null;
  const allocated = start && end ? end.totalAlloc - start.totalAlloc : null;
  return {
    heapInuseStart: start?.heapInuse ?? null,
    heapInuseEnd: end?.heapInuse ?? null,
    heapAllocEnd: end?.heapAlloc ?? null,
    sysEnd: end?.sys ?? null,
    profileInuseStart: inuseBytes(heapStart),
    profileInuseEnd: inuseBytes(heapEnd),
    allocatedBytes: allocated,
    allocRateBytesPerSec: allocated !== null && windowSeconds > 0 ? Math.round(allocated / windowSeconds) : null,
  };
}

/** gcKpis describes the collections between two MemStats snapshots. */
export function gcKpis(start: MemStats | null, end: MemStats | null, windowSeconds: number): GcKpis | null {
  if (!start || !end) return null;
  const g = gcBetween(start, end);
  const us = g.pausesNs.map((ns) => ns / 1000).sort((a, b) => a - b);
  const at = (q: number) => us[Math.min(us.length - 1, Math.max(0, Math.ceil(q * us.length) - 1))];
  return {
    count: g.count,
    perSecond: windowSeconds > 0 ? Math.round((g.count / windowSeconds) * 100) / 100 : 0,
    pauseUs: us.length === 0 ? null : {
      p50: round1(at(0.5)), p99: round1(at(0.99)), max: round1(us[us.length - 1]),
      total: round1(us.reduce((a, b) => a + b, 0)),
    },
    pausesMissing: g.missing,
    cpuFraction: end.gcCpuFraction,
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
