// Tests of the memory-leak rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { heap, inputs } from '../testing.test.js';
import { memoryLeak } from './memory-leak.js';

const MiB = 1 << 20;

test('memory-leak names the function whose in-use bytes grew most', () => {
  const a = heap([[['runtime.mallocgc', 'main.cacheEntry'], 0, 2 * MiB], [['main.other'], 0, 2 * MiB]], 1);
  const b = heap([[['runtime.mallocgc', 'main.cacheEntry'], 0, 10 * MiB], [['main.other'], 0, 2 * MiB]], 2);
  const f = memoryLeak(inputs({ heap: [a, b] }));
  assert.equal(f[0].where?.function, 'main.cacheEntry');
  assert.equal(f[0].severity, 'high');
});

test('memory-leak needs two snapshots and real growth', () => {
  const a = heap([[['main.x'], 0, 10 * MiB]], 1);
  assert.deepEqual(memoryLeak(inputs({ heap: [a] })), []);
  assert.deepEqual(memoryLeak(inputs({ heap: [a, heap([[['main.x'], 0, 10.5 * MiB]], 2)] })), []);
});
