// Tests of the lock-contention rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contention, inputs } from '../testing.test.js';
import { lockContention } from './lock-contention.js';

test('lock-contention names the holder from the mutex profile and grades by goroutines waiting', () => {
  const m = contention('mutex', [[['sync.(*Mutex).Unlock', 'main.update'], 30e9]]);
  const b = contention('block', [[['sync.(*Mutex).Lock', 'main.update'], 30e9], [['runtime.chanrecv1', 'main.wait'], 1e9]]);
  const f = lockContention(inputs({ mutex: m, block: b }));
  assert.equal(f.length, 1);
  assert.equal(f[0].where?.function, 'main.update');
  assert.equal(f[0].severity, 'high');
  assert.equal(f[0].evidence.length, 2);
});

test('lock-contention uses the block profile alone, and ignores negligible waits', () => {
  const b = contention('block', [[['sync.(*Mutex).lockSlow', 'sync.(*Mutex).Lock', 'main.get'], 2e9]]);
  assert.equal(lockContention(inputs({ block: b }))[0].severity, 'medium');
  assert.deepEqual(lockContention(inputs({ mutex: contention('mutex', [[['sync.(*Mutex).Unlock', 'main.x'], 1e6]]) })), []);
});

test('lock-contention leaves out the runtime\'s own locks', () => {
  const m = contention('mutex', [[['runtime.unlock', 'runtime.(*mheap).alloc', 'runtime.mallocgc', 'main.churn'], 30e9]]);
  assert.deepEqual(lockContention(inputs({ mutex: m })), []);
});
