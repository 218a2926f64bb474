// Reading runtime.MemStats from heap?debug=1 and /debug/vars; GC pauses
// between snapshots, including the runtime's circular buffer wrapping.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gcBetween, memStatsTrailer, parseMemStatsJson, parseMemStatsText, type MemStats } from './memstats.js';

const pauses = Array.from({ length: 256 }, (_, i) => (i < 9 ? (i + 1) * 1000 : 0));
const TEXT = `heap profile: 1: 2 [3: 4] @ heap/1048576
1: 2 [3: 4] @ 0x1 0x2

# runtime.MemStats
# Alloc = 824296
# TotalAlloc = 26912216
# Sys = 12949768
# Mallocs = 839895
# HeapAlloc = 824296
# HeapInuse = 1925120
# HeapObjects = 14273
# Stack = 393216 / 393216
# NextGC = 4194304
# PauseNs = [${pauses.join(' ')}]
# NumGC = 9
# GCCPUFraction = 0.001878461556922352
# DebugGC = false
`;

test('the MemStats trailer of heap?debug=1', () => {
  assert.ok(memStatsTrailer(TEXT)!.startsWith('# runtime.MemStats\n# Alloc'));
  const m = parseMemStatsText(TEXT)!;
  assert.equal(m.heapInuse, 1925120);
  assert.equal(m.heapAlloc, 824296);
  assert.equal(m.totalAlloc, 26912216);
  assert.equal(m.numGC, 9);
  assert.equal(m.gcCpuFraction, 0.001878461556922352);
  assert.equal(m.pauseNs.length, 256);
  assert.equal(parseMemStatsText('heap profile: no trailer'), null);
});

test('the memstats object of /debug/vars', () => {
  const m = parseMemStatsJson({ cmdline: ['x'], memstats: { HeapInuse: 5, NumGC: 2, TotalAlloc: 9, PauseNs: [1, 2] } })!;
  assert.equal(m.heapInuse, 5);
  assert.equal(m.numGC, 2);
  assert.deepEqual(m.pauseNs, [1, 2]);
  assert.equal(parseMemStatsJson({ cmdline: [] }), null);
});

test('gcBetween picks the pauses of the collections in between, even across the buffer end', () => {
  const m = parseMemStatsText(TEXT)!;
  const start = { ...m, numGC: 6 };
  assert.deepEqual(gcBetween(start, m), { count: 3, pausesNs: [7000, 8000, 9000], missing: 0 });
  // GC number k is at (k - 1) % 256: 257 and 258 wrap to 0 and 1.
  const ring = new Array(256).fill(1);
  ring[0] = 257_000;
  ring[1] = 258_000;
  const end: MemStats = { ...m, numGC: 258, pauseNs: ring };
  assert.deepEqual(gcBetween({ ...m, numGC: 256 }, end).pausesNs, [257_000, 258_000]);
  const long = gcBetween({ ...m, numGC: 0 }, end);
  assert.equal(long.count, 258);
  assert.equal(long.pausesNs.length, 256);
  assert.equal(long.missing, 2);
});
