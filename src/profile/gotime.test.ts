// Go time and duration formats.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoDuration, formatGoTimeShort, formatGoTimeString } from './gotime.js';

const utc = () => ({ offsetMinutes: 0, abbrev: 'UTC' });

test('durations', () => {
  assert.equal(formatGoDuration(0), '0s');
  assert.equal(formatGoDuration(500), '500ns');
  assert.equal(formatGoDuration(1500), '1.5µs');
  assert.equal(formatGoDuration(2_000_000), '2ms');
  assert.equal(formatGoDuration(4_000_000_000), '4s');
  assert.equal(formatGoDuration(90_500_000_000), '1m30.5s');
  assert.equal(formatGoDuration(3_600_000_000_000), '1h0m0s');
});

test('times', () => {
  const ns = 1764302076123456789n;
  assert.equal(formatGoTimeString(ns, utc), '2025-11-28 03:54:36.123456789 +0000 UTC');
  assert.equal(formatGoTimeShort(ns, utc), '2025-11-28 03:54:36 UTC');
  assert.equal(formatGoTimeString(1764302076000000000n, () => ({ offsetMinutes: 60, abbrev: 'CET' })), '2025-11-28 04:54:36 +0100 CET');
});
