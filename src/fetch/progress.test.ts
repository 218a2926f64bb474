// The countdown bar: frames as pure text, drawing only on a terminal sink.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderBar, startCountdown } from './progress.js';

test('renderBar fills with elapsed time and counts seconds down', () => {
  // The bar takes what the label leaves of the width, between 10 and 50 columns.
  assert.equal(renderBar(0, 10_000, 40), `[${'.'.repeat(28)}] 10s left`);
  assert.equal(renderBar(5_000, 10_000, 40), `[${'#'.repeat(15)}${'.'.repeat(14)}] 5s left`);
  assert.equal(renderBar(9_100, 10_000, 40), `[${'#'.repeat(26)}${'.'.repeat(3)}] 1s left`);
  assert.equal(renderBar(12_000, 10_000, 40), `[${'#'.repeat(25)}] collecting…`);
  assert.equal(renderBar(0, 10_000, 200).length, 50 + 2 + ' 10s left'.length);
});

test('startCountdown draws on a sink, erases on stop, and does nothing without one', async () => {
  let t = 0;
  const out: string[] = [];
  const c = startCountdown({ write: (s) => out.push(s), columns: 41 }, 2, 5, () => t);
  t = 1000;
  await new Promise((r) => setTimeout(r, 30));
  c.stop();
  assert.ok(out[0].startsWith('\r[') && out[0].includes('2s left'), out[0]);
  assert.ok(out.some((s) => s.includes('1s left')), out.join('|'));
  assert.equal(out[out.length - 1], '\r\x1b[K');
  startCountdown(undefined, 5).stop(); // no sink: no output, no timer left behind
});
