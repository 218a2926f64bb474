// Unit scaling and Go-compatible number formatting.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goFixed, goG } from './go-format.js';
import { percentage, scaledLabel, scaleValue } from './measurement.js';

test('goFixed rounds exact ties to even like Go', () => {
  assert.equal(goFixed(0.125, 2), '0.12');
  assert.equal(goFixed(0.375, 2), '0.38');
  assert.equal(goFixed(0.625, 2), '0.62');
  assert.equal(goFixed(1.125, 2), '1.12');
  assert.equal(goFixed(-0.125, 2), '-0.12');
  assert.equal(goFixed(2.675, 2), '2.67'); // not a tie: 2.675 is below in binary
  assert.equal(goFixed(0.005, 2), '0.01');
  assert.equal(goFixed(1e22, 2), '10000000000000000000000.00');
  assert.equal(goFixed(99.995, 2), '100.00');
  assert.equal(goFixed(0, 2), '0.00');
});

test('goG matches %.2g', () => {
  assert.equal(goG(0.5, 2), '0.5');
  assert.equal(goG(0.0123, 2), '0.012');
  assert.equal(goG(0.00001234, 2), '1.2e-05');
  assert.equal(goG(0.995, 2), '0.99');
  assert.equal(goG(0.996, 2), '1');
  assert.equal(goG(0.125, 2), '0.12');
  assert.equal(goG(0, 2), '0');
  assert.equal(goG(123, 2), '1.2e+02');
});

test('percentage formats like pprof', () => {
  assert.equal(percentage(1, 1), '  100%');
  assert.equal(percentage(1234, 10000), '12.34%');
  assert.equal(percentage(5, 1000), '  0.5%');
  assert.equal(percentage(0, 1000), '    0%');
  assert.equal(percentage(1, 0), '    0%');
  assert.equal(percentage(-5, 100), ' 5.00%');
});

test('scaling picks natural units', () => {
  assert.deepEqual(scaleValue(1536, 'bytes', 'minimum'), [1.5, 'kB']);
  assert.deepEqual(scaleValue(1500000000, 'nanoseconds', 'auto'), [1.5, 's']);
  assert.deepEqual(scaleValue(3, 'count', 'minimum'), [3, '']);
  assert.deepEqual(scaleValue(2048, 'bytes', 'kb'), [2, 'kB']);
  assert.deepEqual(scaleValue(5, 'widgets', 'auto'), [5, '']);
  // "μs" is three bytes long in Go, so it loses its "s" and is not found.
  assert.deepEqual(scaleValue(5, 'μs', 'ns'), [5, 'ns']);
  assert.equal(scaledLabel(1048576, 'bytes', 'minimum'), '1MB');
  assert.equal(scaledLabel(0, 'bytes', 'minimum'), '0');
  assert.equal(scaledLabel(-1536, 'bytes', 'auto'), '-1.50kB');
});
