// Tests of the cpu-hotspot rule on synthetic CPU profiles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpu, inputs } from '../testing.test.js';
import { cpuHotspot } from './cpu-hotspot.js';

test('cpu-hotspot charges runtime leaves to the first user frame and grades overhead', () => {
  const f = cpuHotspot(inputs({ cpu: cpu([[['runtime.mallocgc', 'runtime.concatstrings', 'main.build'], 70], [['crypto/sha256.block', 'main.build'], 10], [['main.other'], 20]]) }));
  assert.equal(f.length, 1);
  assert.equal(f[0].where?.function, 'main.build');
  assert.equal(f[0].severity, 'high');
  assert.deepEqual(f[0].where?.stack, ['net/http.(*conn).serve', 'net/http.HandlerFunc.ServeHTTP', 'main.handler', 'main.build']);
});

test('cpu-hotspot is medium when the time is the function\'s own work, absent below 30%', () => {
  assert.equal(cpuHotspot(inputs({ cpu: cpu([[['crypto/sha256.block', 'main.hash'], 90], [['main.x'], 10]]) }))[0].severity, 'medium');
  assert.deepEqual(cpuHotspot(inputs({ cpu: cpu([[['main.a'], 25], [['main.b'], 25], [['main.c'], 25], [['main.d'], 25]]) })), []);
  assert.deepEqual(cpuHotspot(inputs({})), []);
});
