// Tests of the timer-leak anti-pattern: live timers that grow at the user
// function creating them, told apart by the time function it calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../diagnose.js';
import { cpu, heap, inputs } from '../testing.test.js';
import { timerLeak } from './timer-leak.js';

const MiB = 1 << 20;
const AFTER = ['runtime.mallocgc', 'time.newTimer', 'time.NewTimer', 'time.After', 'main.worker'];
const TICKER = ['time.newTimer', 'time.NewTicker', 'main.openSession'];
const FIRING = ['time.sendTime', 'runtime.(*timer).unlockAndRun', 'runtime.(*timers).run', 'runtime.(*timers).check', 'runtime.findRunnable', 'runtime.schedule'];

test('timer-leak: timers from time.After in a loop that grow between snapshots are high, at the caller', () => {
  const a = heap([[AFTER, 5 * MiB, 2 * MiB], [['main.other'], 1 * MiB, 1 * MiB]], 1);
  const b = heap([[AFTER, 30 * MiB, 18 * MiB], [['main.other'], 2 * MiB, 1 * MiB]], 2);
  const f = timerLeak(inputs({ heap: [a, b] }));
  assert.equal(f.length, 1);
  assert.equal(f[0].kind, 'anti-pattern');
  assert.equal(f[0].pattern, 'timer-leak');
  assert.equal(f[0].severity, 'high');
  assert.equal(f[0].where?.function, 'main.worker');
  assert.equal(f[0].title, 'time.After in a loop in main.worker: live timers grow by 16.0 MiB');
  assert.match(f[0].evidence[0], /live timers created in main\.worker \(time\.After\) 2\.0 MiB → 18\.0 MiB/);
  assert.match(f[0].suggestion, /time\.NewTimer before the loop, Reset it/);
  const d = diagnose(inputs({ heap: [a, b] }));
  assert.equal(d.scenario, 'memory-growth');
});

test('timer-leak: unstopped tickers show their firing in the CPU profile and get Stop as the fix', () => {
  const a = heap([[TICKER, 2 * MiB, 1 * MiB]], 1);
  const b = heap([[TICKER, 12 * MiB, 9 * MiB]], 2);
  const c = cpu([[FIRING, 40], [['main.process'], 60]]);
  const f = timerLeak(inputs({ heap: [a, b], cpu: c }));
  assert.equal(f[0].where?.function, 'main.openSession');
  assert.match(f[0].title, /^tickers never stopped in main\.openSession/);
  assert.ok(f[0].evidence.some((e) => /40% of CPU runs timers .*leaked tickers keep firing/.test(e)), f[0].evidence.join('\n'));
  assert.match(f[0].suggestion, /defer t\.Stop\(\)/);
});

test('timer-leak: steady or small timer populations are not reported; one big snapshot is medium', () => {
  const a = heap([[AFTER, 5 * MiB, 3 * MiB]], 1);
  assert.deepEqual(timerLeak(inputs({ heap: [a, heap([[AFTER, 9 * MiB, 3.5 * MiB]], 2)] })).map((f) => f.severity), ['medium']);
  assert.deepEqual(timerLeak(inputs({ heap: [heap([[AFTER, 1 * MiB, 0.5 * MiB]], 1), heap([[AFTER, 2 * MiB, 0.5 * MiB]], 2)] })), []);
  const one = timerLeak(inputs({ heap: [a] }));
  assert.equal(one[0].severity, 'medium');
  assert.match(one[0].evidence[0], /one heap snapshot: growth unknown/);
  assert.deepEqual(timerLeak(inputs({ heap: [heap([[['main.cache'], 9 * MiB, 9 * MiB]], 1), heap([[['main.cache'], 30 * MiB, 30 * MiB]], 2)] })), []);
});
