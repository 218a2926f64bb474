// Tests of the channel-blocking rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { synthView } from '../view.js';
import { contention, inputs } from '../testing.test.js';
import { channelBlocking } from './channel-blocking.js';

test('channel-blocking: blocked senders on the request path are high', () => {
  const f = channelBlocking(inputs({ block: contention('block', [[['runtime.chansend1', 'main.enqueue'], 50e9]]) }));
  assert.equal(f[0].where?.function, 'main.enqueue');
  assert.equal(f[0].severity, 'high');
});

test('channel-blocking: a request waiting for its reply is at most medium; idle workers low', () => {
  const f = channelBlocking(inputs({ block: contention('block', [[['runtime.chanrecv1', 'main.handle'], 50e9]]) }));
  assert.equal(f[0].severity, 'medium');
  const idle = synthView('block', ['contentions', 'delay'], [[['runtime.chanrecv2', 'main.worker', 'runtime.goexit'], 1, 50e9]], { durationNanos: 10e9 });
  assert.equal(channelBlocking(inputs({ block: idle }))[0].severity, 'low');
});
