// The statistics benchstat prints, through the functions gotune verify
// reuses: the summary and its range, the comparison and its delta, the
// exact-unit variants and the geomean; expected strings as Go's benchstat
// printed them (its documentation's example and our goldens).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareExact, compareSamples, formatComparison, formatDelta, formatRange, geomean, summarize, summarizeExact } from './summary.js';

// The gob rows of benchstat's documentation: old 3.066µ ± 0%, new 3.070µ ± 2%, "~ (p=0.446 n=10)".
const OLD = [3069, 3075, 3069, 3067, 3207, 3064, 3064, 3058, 3059, 3062];
const NEW = [3075, 3065, 3059, 3065, 3060, 3081, 3186, 3135, 3087, 3062];
// The json rows: 1.718µ ± 1%, 1.423µ ± 1%, "-17.20% (p=0.000 n=10)".
const OLD_JSON = [1726, 1723, 1707, 1707, 1713, 1729, 1736, 1707, 1705, 1774];
const NEW_JSON = [1423, 1416, 1411, 1413, 1412, 1426, 1422, 1424, 1447, 1425];

test('summarize: the median and the order statistics around it', () => {
  const s = summarize(OLD, 0.95);
  assert.deepEqual([s.center, s.lo, s.hi, s.confidence, s.warnings], [3065.5, 3059, 3075, 0.978515625, []]);
  assert.equal(formatRange(s), '0%');
  assert.equal(formatRange(summarize(NEW, 0.95)), '2%');
  assert.equal(formatRange(summarize(OLD_JSON, 0.95)), '1%');
  assert.deepEqual(OLD, [3069, 3075, 3069, 3067, 3207, 3064, 3064, 3058, 3059, 3062], 'the input is not sorted in place');
});

test('summarize: too few samples give an unbounded range and say how many are needed', () => {
  const s = summarize([5, 6, 7], 0.95);
  assert.equal(s.center, 6);
  assert.equal(formatRange(s), '∞');
  assert.deepEqual(s.warnings, ['need >= 6 samples for confidence interval at level 0.95']);
  assert.deepEqual(summarize([5, 6, 7, 8, 9], 0.99).warnings, ['need >= 8 samples for confidence interval at level 0.99']);
  assert.deepEqual(summarize([5], 0.999999999999).warnings, ['need > 50 samples for confidence interval at level 0.999999999999']);
});

test('formatRange: ? when a bound crosses zero, 0% around zero', () => {
  assert.equal(formatRange({ center: 1, lo: -1, hi: 2, confidence: 1, warnings: [] }), '?');
  assert.equal(formatRange({ center: 0, lo: 0, hi: 0, confidence: 1, warnings: [] }), '0%');
  // benchstat's formula with a negative center: the larger of two negative distances.
  assert.equal(formatRange({ center: -10, lo: -12, hi: -9, confidence: 1, warnings: [] }), '-10%');
});

test('compareSamples: the U test, "~" above alpha, the change below it', () => {
  const gob = compareSamples(OLD, NEW, 0.05);
  assert.equal(formatComparison(gob), 'p=0.446 n=10');
  assert.equal(formatDelta(gob, summarize(OLD, 0.95).center, summarize(NEW, 0.95).center), '~');
  const json = compareSamples(OLD_JSON, NEW_JSON, 0.05);
  assert.equal(formatComparison(json), 'p=0.000 n=10');
  assert.equal(formatDelta(json, summarize(OLD_JSON, 0.95).center, summarize(NEW_JSON, 0.95).center), '-17.20%');
  assert.deepEqual(json.warnings, []);
});

test('compareSamples: warnings for equal samples and for samples too small to ever reach alpha', () => {
  const eq = compareSamples([3, 3, 3], [3, 3], 0.05);
  assert.deepEqual([eq.p, eq.warnings], [1, ['all samples are equal']]);
  const small = compareSamples([1, 2, 3], [4, 5, 6], 0.05);
  assert.equal(formatComparison(small), 'p=0.100 n=3');
  assert.deepEqual(small.warnings, ['need >= 4 samples to detect a difference at alpha level 0.05']);
  assert.deepEqual(compareSamples([1, 2, 3], [4, 5, 6], 0.1).warnings, []); // 0.1 is reachable with 3
  assert.deepEqual(compareSamples([1, 2], [3, 4, 5], 0.00001).warnings, ['need > 10 samples to detect a difference at alpha level 1e-05']);
  assert.equal(formatComparison(compareSamples([1], [2, 3, 4], 0.05)), 'p=0.500 n=1+3');
});

test('exact units: the mode, a warning when values differ, and no test', () => {
  assert.deepEqual(summarizeExact([10.5, 10.75, 10.5, 10.5]), {
    center: 10.5, lo: 10.5, hi: 10.75, confidence: 1, warnings: ['exact distribution expected, but values range from 10.5 to 10.75'],
  });
  assert.deepEqual(summarizeExact([64, 64]).warnings, []);
  const c = compareExact([14, 14], [10.5, 10.5]);
  assert.equal(formatComparison(c), 'n=2');
  assert.equal(formatDelta(c, 14, 10.5), '-25.00%');
  assert.equal(formatDelta(c, 64, 64), '0.00%');
  assert.equal(formatDelta(c, 0, 5), '?');
});

test('geomean: as benchstat computes it, NaN for non-positive values', () => {
  assert.equal(geomean([14, 14, 14]), 14.000000000000004); // Go's Log and Exp, as -format csv prints it
  assert.ok(Math.abs(geomean([1.718e-6, 3.0655e-6]) - 2.294891936453654e-06) < 1e-21);
  assert.ok(Number.isNaN(geomean([])));
  assert.ok(Number.isNaN(geomean([1, 0, 2])));
  assert.ok(Number.isNaN(geomean([1, -2])));
});
