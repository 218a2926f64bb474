// Unit tidying, classes and the common scale, on values whose printed form
// was checked against benchstat's output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonScale, formatScaled, scaleValue, tidyUnit, unitClass } from './units.js';

test('tidyUnit turns ns into sec and MB into B in numerators only', () => {
  assert.deepEqual(tidyUnit('ns/op'), ['sec/op', 1e-9]);
  assert.deepEqual(tidyUnit('MB/s'), ['B/s', 1e6]);
  assert.deepEqual(tidyUnit('B/op'), ['B/op', 1]);
  assert.deepEqual(tidyUnit('frames/op'), ['frames/op', 1]);
  assert.deepEqual(tidyUnit('ns/frame'), ['sec/frame', 1e-9]);
  assert.deepEqual(tidyUnit('ops/ns'), ['ops/ns', 1]);
  assert.deepEqual(tidyUnit('MB*ns/op'), ['B*sec/op', 1e6 / 1e9]);
  assert.deepEqual(tidyUnit('gcns/op'), ['gcns/op', 1]); // a word, not the token ns
});

test('unitClass is binary for bytes in the numerator', () => {
  assert.equal(unitClass('B/op'), 'binary');
  assert.equal(unitClass('B/s'), 'binary');
  assert.equal(unitClass('bytes'), 'binary');
  assert.equal(unitClass('allocs/op'), 'decimal');
  assert.equal(unitClass('sec/op'), 'decimal');
  assert.equal(unitClass('ops/B'), 'decimal');
});

test('commonScale shows three significant digits of the smallest value', () => {
  const s = commonScale([1.718e-6, 1.423e-6], 'decimal');
  assert.deepEqual(s, { prec: 3, factor: 1e-6, prefix: 'µ' });
  assert.equal(formatScaled(s, 1.718e-6), '1.718µ');
  assert.equal(scaleValue(2.295e-6, 'decimal'), '2.295µ');
  assert.equal(scaleValue(99.996, 'decimal'), '100.0');
  assert.equal(scaleValue(99.994, 'decimal'), '99.99');
  assert.equal(scaleValue(1536, 'binary'), '1.500Ki');
  assert.equal(scaleValue(1020 * 1024, 'binary'), '1020.0Ki');
  assert.equal(scaleValue(0.5, 'binary'), '0.5000');
  assert.equal(scaleValue(3.2e-12, 'decimal'), '0.003200n');
  assert.equal(scaleValue(0, 'decimal'), '0.000');
  assert.equal(formatScaled(commonScale([0, 5], 'decimal'), 0), '0.000');
  assert.equal(scaleValue(4.5e15, 'decimal'), '4500.0T');
});
