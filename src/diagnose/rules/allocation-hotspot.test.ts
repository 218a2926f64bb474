// Tests of the allocation-hotspot rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpu, heap, inputs } from '../testing.test.js';
import { allocationHotspot } from './allocation-hotspot.js';

test('allocation-hotspot names the function owning most alloc_space, graded by GC cost', () => {
  const h = heap([[['runtime.mallocgc', 'runtime.growslice', 'main.render'], 800, 0], [['main.other'], 200, 0]]);
  const low = allocationHotspot(inputs({ heap: [h], cpu: cpu([[['main.work'], 100]]) }));
  assert.equal(low[0].where?.function, 'main.render');
  assert.equal(low[0].severity, 'low');
  const high = allocationHotspot(inputs({ heap: [h], cpu: cpu([[['runtime.mallocgc', 'main.render'], 40], [['main.work'], 60]]) }));
  assert.equal(high[0].severity, 'high');
});

test('allocation-hotspot needs one function with 30% of the bytes', () => {
  const h = heap([[['main.a'], 25, 0], [['main.b'], 25, 0], [['main.c'], 25, 0], [['main.d'], 25, 0]]);
  assert.deepEqual(allocationHotspot(inputs({ heap: [h] })), []);
});

test('allocation-hotspot is not high when the GC it causes weighs little on the machine', () => {
  const h = heap([[['runtime.mallocgc', 'main.render'], 800, 0], [['main.other'], 200, 0]]);
  const c = cpu([[['runtime.mallocgc', 'main.render'], 40], [['main.work'], 60]]);
  assert.equal(allocationHotspot(inputs({ heap: [h], cpu: c, kpis: { cores: 0.2, machineCpus: 4 } }))[0].severity, 'medium');
});
