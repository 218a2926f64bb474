// Go's number formatting: values printed by Go's fmt (go run) for the cases
// where JavaScript's own formatting differs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFixed, formatShortest, formatSignedFixed } from './gofmt.js';

test('formatFixed rounds the exact binary value half to even, as %.Nf does', () => {
  assert.equal(formatFixed(0.0625, 3), '0.062'); // a true tie: JavaScript's toFixed gives 0.063
  assert.equal(formatFixed(0.0635, 3), '0.064'); // not a tie in binary
  assert.equal(formatFixed(0.25, 1), '0.2');
  assert.equal(formatFixed(0.5, 0), '0');
  assert.equal(formatFixed(2.5, 0), '2');
  assert.equal(formatFixed(3.5, 0), '4');
  assert.equal(formatFixed(1e21, 3), '1000000000000000000000.000'); // toFixed would switch to exponents
  assert.equal(formatFixed(1.718e-6 / 1e-6, 3), '1.718');
  assert.equal(formatFixed(-0.001, 2), '-0.00');
  assert.equal(formatFixed(NaN, 2), 'NaN');
  assert.equal(formatFixed(Infinity, 2), '+Inf');
  assert.equal(formatFixed(-Infinity, 0), '-Inf');
  assert.equal(formatFixed(5e-324, 3), '0.000');
  assert.equal(formatFixed(123.456, 0), '123');
});

test('formatSignedFixed always shows the sign', () => {
  assert.equal(formatSignedFixed(46.664, 2), '+46.66');
  assert.equal(formatSignedFixed(-8.9449, 2), '-8.94');
  assert.equal(formatSignedFixed(0, 2), '+0.00');
  assert.equal(formatSignedFixed(NaN, 2), '+NaN'); // as Go prints it
});

test('formatShortest is %v: shortest digits, exponents below 1e-4 and from 1e6', () => {
  const cases: [number, string][] = [
    [1e6, '1e+06'], [123456, '123456'], [1234567, '1.234567e+06'], [1e20, '1e+20'], [1e-5, '1e-05'],
    [0.0001, '0.0001'], [1.718e-6, '1.718e-06'], [0.95, '0.95'], [100, '100'], [999999.9, '999999.9'],
    [123456789, '1.23456789e+08'], [0.00012345, '0.00012345'], [1.5e-5, '1.5e-05'], [Infinity, '+Inf'],
    [NaN, 'NaN'], [0, '0'], [5e-324, '5e-324'], [-2.5, '-2.5'], [1e100, '1e+100'],
  ];
  for (const [v, want] of cases) assert.equal(formatShortest(v), want, String(v));
});
