// KPIs from profiles built in code and from MemStats snapshots.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProfileBuilder } from '../profile/builder.js';
import { HdrHistogram } from './hdr-histogram.js';
import { cpuKpis, gcKpis, goroutineCount, inuseBytes, loadKpis, memoryKpis } from './kpis.js';
import type { MemStats } from './memstats.js';

function cpuProfile(cpuNs: number[], durationNanos: number) {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
  const loc = b.addLocation(0x1n, null, [{ fn: b.fn('main.work'), line: 1, column: 0 }]);
  for (const ns of cpuNs) b.addSample([loc], [ns / 1e7, ns]);
  return b.build({ durationNanos, periodType: { type: 'cpu', unit: 'nanoseconds' }, period: 1e7 });
}

test('CPU: the samples\' nanoseconds over the profile\'s duration, in cores and % of the machine', () => {
  const k = cpuKpis(cpuProfile([1.5e9, 1.5e9], 2e9), 2)!;
  assert.deepEqual(k, { cpuSeconds: 3, profileSeconds: 2, cores: 1.5, percentOfMachine: 75 });
  assert.equal(cpuKpis(cpuProfile([1e9], 2e9), null)!.percentOfMachine, null);
  assert.equal(cpuKpis(cpuProfile([1e9], 0), 2), null);
});

test('goroutine and heap totals', () => {
  const g = new ProfileBuilder([{ type: 'goroutine', unit: 'count' }]);
  const loc = g.addLocation(0x1n, null, []);
  g.addSample([loc], [40]);
  g.addSample([loc], [2]);
  assert.equal(goroutineCount(g.build()), 42);
  const h = new ProfileBuilder([{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' }, { type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: 'bytes' }]);
  h.addSample([h.addLocation(0x1n, null, [])], [1, 100, 1, 64]);
  assert.equal(inuseBytes(h.build()), 64);
  assert.equal(inuseBytes(null), null);
  assert.equal(goroutineCount(h.build()), null);
});

test('load figures from a window', () => {
  const latency = new HdrHistogram();
  for (let i = 1; i <= 100; i++) latency.record(i * 100);
  const k = loadKpis({
    startedAt: 0, durationMs: 2000, latency, responses: 100, bytes: 5000, statuses: { 200: 98, 500: 2 }, httpErrors: 2,
    connectionErrors: { ECONNRESET: 1 }, timeouts: 3, inFlightAtEnd: 4,
  }, 0);
  // Successful responses only: 98 in 2 s.
  assert.equal(k.throughputRps, 49);
  assert.equal(k.succeeded, 98);
  // 2 error statuses, 1 reset, 3 timeouts of 104 requests that ended.
  assert.equal(k.errorRate, +(6 / 104).toFixed(6));
  // Percentiles are the top of their HDR bucket (4 µs wide from 4096 µs): within 0.1%.
  assert.deepEqual(k.latencyUs, { p50: 5003, p90: 9007, p95: 9503, p99: 9903, max: 10000, min: 100, mean: 5050 });
  assert.deepEqual(k.errors, { http: 2, connection: 1, timeouts: 3, total: 6, byCode: { ECONNRESET: 1 } });
  assert.equal(k.openLoop, undefined);
});

test('memory and GC figures between two MemStats snapshots', () => {
  const ms = (numGC: number, heapInuse: number, totalAlloc: number): MemStats => ({
    heapAlloc: heapInuse, heapInuse, heapObjects: 1, sys: 1 << 24, totalAlloc, mallocs: 0, numGC,
    pauseNs: Array.from({ length: 256 }, (_, i) => (i + 1) * 1000), gcCpuFraction: 0.01, nextGC: 0,
  });
  const m = memoryKpis(ms(10, 1000, 5000), ms(14, 3000, 105_000), null, null, 2)!;
  assert.equal(m.heapInuseStart, 1000);
  assert.equal(m.heapInuseEnd, 3000);
  assert.equal(m.allocatedBytes, 100_000);
  assert.equal(m.allocRateBytesPerSec, 50_000);
  const gc = gcKpis(ms(10, 0, 0), ms(14, 0, 0), 2)!;
  // GCs 11..14 have pauses 11..14 µs.
  assert.deepEqual(gc, { count: 4, perSecond: 2, pauseUs: { p50: 12, p99: 14, max: 14, total: 50 }, pausesMissing: 0, cpuFraction: 0.01 });
  assert.equal(gcKpis(null, ms(1, 0, 0), 1), null);
  assert.equal(memoryKpis(null, null, null, null, 1), null);
});
