// Unit scaling and Go-compatible number formatting.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goFixed, goG, goGExact, padLeft, padRight } from './go-format.js';
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

test('goG agrees with its exact path on ties, near-ties and random values', () => {
  const values: number[] = [];
  // Ties of every kind at 1-4 significant digits: k/2^n holds k*5^n/10^n exactly.
  for (let n = 0; n <= 12; n++) for (let k = 1; k < 400; k++) values.push(k / 2 ** n, (k / 2 ** n) * 1000);
  // Decimals whose nearest double lies just below or above the tie.
  for (let k = 1; k < 2000; k++) values.push(k / 1000 + 0.0005, k / 200, k * 0.015, k * 1e-7 + 5e-11);
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < 20000; i++) values.push(rnd() * 10 ** Math.floor(rnd() * 40 - 20));
  values.push(Number.MIN_VALUE, Number.MAX_VALUE, 5e-324, 1e21, 9.5, 0.95, 0.0095, 99.5);
  for (const prec of [1, 2, 3, 4, 6]) {
    for (const v of values) {
      assert.equal(goG(v, prec), goGExact(v, prec), `goG(${v}, ${prec})`);
      assert.equal(goG(-v, prec), goGExact(-v, prec), `goG(${-v}, ${prec})`);
    }
  }
  // The exact path must differ from JS's ties-up rounding where Go's differs.
  assert.equal(goG(0.125, 2), '0.12');
  assert.equal(goG(0.375, 2), '0.38');
  assert.equal(goG(2.5, 1), '2');
  assert.equal(goG(3.5, 1), '4');
});

test('padLeft and padRight count code points, not UTF-16 units', () => {
  assert.equal(padLeft('ab', 4), '  ab');
  assert.equal(padLeft('abcde', 4), 'abcde');
  assert.equal(padLeft('\u{1F600}x', 4), '  \u{1F600}x');
  assert.equal(padRight('\u{1F600}', 3), '\u{1F600}  ');
  assert.equal(padRight('é', 2), 'é ');
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
