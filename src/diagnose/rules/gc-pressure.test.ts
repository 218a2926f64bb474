// Tests of the gc-pressure rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpu, heap, inputs } from '../testing.test.js';
import { gcPressure } from './gc-pressure.js';

test('gc-pressure adds GC and allocator time and names the top allocator', () => {
  const c = cpu([[['runtime.scanobject', 'runtime.gcDrain', 'runtime.gcBgMarkWorker'], 20], [['runtime.mallocgc', 'main.alloc'], 10], [['main.work'], 70]]);
  const h = heap([[['runtime.mallocgc', 'main.alloc'], 900, 1], [['main.work'], 100, 1]]);
  const f = gcPressure(inputs({ cpu: c, heap: [h] }));
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'high');
  assert.equal(f[0].where?.function, 'main.alloc');
});

test('gc-pressure stays quiet below 15% of CPU', () => {
  assert.deepEqual(gcPressure(inputs({ cpu: cpu([[['runtime.mallocgc', 'main.alloc'], 10], [['main.work'], 90]]) })), []);
});
