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

test('gc-pressure is medium when the process is nearly idle: its GC costs too few cores to bound it', () => {
  const c = cpu([[['runtime.scanobject', 'runtime.gcBgMarkWorker'], 20], [['runtime.mallocgc', 'main.alloc'], 10], [['main.work'], 70]]);
  const idle = gcPressure(inputs({ cpu: c, kpis: { cores: 0.3, machineCpus: 2 } }));
  assert.equal(idle[0].severity, 'medium');
  assert.ok(idle[0].evidence.includes('the process used 0.30 cores of 2, so GC cost 0.09 cores: too little to bound it'), idle[0].evidence.join('\n'));
  assert.equal(gcPressure(inputs({ cpu: c, kpis: { cores: 1.5, machineCpus: 2 } }))[0].severity, 'high');
});
