// Tests of the goroutine-leak rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goroutines, inputs } from '../testing.test.js';
import { goroutineLeak } from './goroutine-leak.js';

const parked = ['runtime.gopark', 'runtime.chansend', 'runtime.chansend1', 'main.replica.func1', 'runtime.goexit'];

test('goroutine-leak compares the first and last snapshots whatever their order in the input', () => {
  const a = goroutines([[parked, 10], [['runtime.gopark', 'main.main'], 1]], 1e9);
  const b = goroutines([[parked, 900], [['runtime.gopark', 'main.main'], 1]], 6e9);
  const f = goroutineLeak(inputs({ goroutine: [a, b] }));
  assert.equal(f[0].where?.function, 'main.replica.func1');
  assert.equal(f[0].severity, 'high');
  assert.match(f[0].evidence[0], /\+890 in 5s/);
  assert.match(f[0].suggestion, /make\(chan T, n\)/);
});

test('goroutine-leak: steady counts are not a leak; one big snapshot is medium', () => {
  const a = goroutines([[parked, 10]], 1e9);
  assert.deepEqual(goroutineLeak(inputs({ goroutine: [a, goroutines([[parked, 12]], 2e9)] })), []);
  assert.equal(goroutineLeak(inputs({ goroutine: [goroutines([[parked, 5000]], 1)] }))[0].severity, 'medium');
});
