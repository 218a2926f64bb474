// Go's duration syntax: the cases time.ParseDuration accepts and refuses.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGoDuration } from './duration.js';

test('parseGoDuration reads what time.ParseDuration reads', () => {
  const ok: [string, number][] = [
    ['0', 0], ['5s', 5e9], ['30s', 30e9], ['1478s', 1478e9], ['-5s', -5e9], ['+5s', 5e9], ['-0', 0],
    ['5.0s', 5e9], ['5.6s', 5.6e9], ['5.s', 5e9], ['.5s', 0.5e9], ['1.004s', 1.004e9],
    ['10ns', 10], ['11us', 11e3], ['12µs', 12e3], ['12μs', 12e3], ['13ms', 13e6], ['14s', 14e9], ['15m', 900e9], ['16h', 57600e9],
    ['3h30m', 12600e9], ['10.5s4m', 250.5e9], ['-2m3.4s', -123.4e9], ['1h2m3s4ms5us6ns', 3723004005006],
    ['39h9m14.425907s', 140954.425907e9],
  ];
  for (const [s, want] of ok) {
    const got = parseGoDuration(s);
    assert.ok(got !== null && Math.abs(got - want) < 1e-3 * Math.max(1, Math.abs(want)) / 1e6, `${s}: ${got} != ${want}`);
  }
  for (const s of ['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '5x', '1.5', 'ms', '1s ', ' 1s']) {
    assert.equal(parseGoDuration(s), null, s);
  }
});
