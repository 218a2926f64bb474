// The median's confidence interval against the order statistics Go's
// benchstat picks (recorded from golang.org/x/perf's statistics package),
// over the exact range, the lgamma range (21–30) and the normal approximation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quantile, quantileCi } from './quantile-ci.js';

// [n, confidence, loOrder, hiOrder, actual confidence] as Go's stats.QuantileCI(n, 0.5, confidence) returns them.
const GO: [number, number, number, number, number][] = [
  [1, 0.95, 0, 2, 1], [2, 0.9, 0, 3, 1], [3, 0.99, 0, 4, 1],
  [5, 0.95, 0, 5, 0.96875], [5, 0.99, 0, 6, 1], [5, 0.9, 1, 5, 0.9375],
  [6, 0.95, 1, 6, 0.96875], [6, 0.99, 0, 7, 1], [6, 0.9, 1, 6, 0.96875],
  [10, 0.95, 2, 9, 0.978515625], [10, 0.99, 1, 10, 0.998046875], [10, 0.9, 2, 8, 0.9345703125],
  [20, 0.95, 6, 15, 0.9586105346679688], [20, 0.99, 4, 16, 0.992802619934082], [20, 0.9, 6, 14, 0.9216461181640625],
  [21, 0.95, 6, 16, 0.9733963012695351], [21, 0.99, 5, 17, 0.9928026199340859], [21, 0.9, 7, 15, 0.9216461181640659],
  [22, 0.95, 6, 16, 0.9653103351593018], [22, 0.99, 5, 18, 0.9956564903259277], [22, 0.9, 8, 16, 0.9068603515624998],
  [25, 0.95, 8, 18, 0.9567147493362438], [25, 0.99, 6, 19, 0.9906446933746351], [25, 0.9, 8, 17, 0.9244813024997721],
  [28, 0.95, 9, 20, 0.9643018618226076], [28, 0.99, 8, 22, 0.9918699413538005], [28, 0.9, 10, 19, 0.9128414466977142],
  [30, 0.95, 10, 21, 0.9572260547429379], [30, 0.99, 8, 23, 0.9947771206498202], [30, 0.9, 11, 20, 0.9012628532946163],
  [31, 0.95, 10, 22, 0.9688587894042033], [31, 0.99, 8, 23, 0.9920109312353573], [31, 0.9, 11, 21, 0.9275139149131535],
  [40, 0.95, 14, 27, 0.9601673807552584], [40, 0.99, 12, 29, 0.992810482749835], [40, 0.9, 15, 26, 0.918009678999617],
  [50, 0.95, 18, 32, 0.9500565457079816], [50, 0.99, 16, 35, 0.9927904292352574], [50, 0.9, 19, 31, 0.9071065072573671],
  [100, 0.95, 40, 60, 0.9534190196211817], [100, 0.99, 37, 63, 0.9903233608711832], [100, 0.9, 42, 59, 0.910869074482914],
];

test('quantileCi picks the order statistics benchstat picks', () => {
  for (const [n, c, lo, hi, conf] of GO) {
    const ci = quantileCi(n, 0.5, c);
    assert.deepEqual([ci.loOrder, ci.hiOrder], [lo, hi], `n=${n} confidence=${c}`);
    // Exact sums agree to the bit below 31 samples; the normal approximation's erfc may differ in the last places.
    if (n <= 30) assert.equal(ci.confidence, conf, `n=${n} confidence=${c}`);
    else assert.ok(Math.abs(ci.confidence - conf) < 1e-12, `n=${n} confidence=${c}: ${ci.confidence} vs ${conf}`);
  }
});

test('quantileCi: confidence 1 covers everything; the interval never shrinks as the level grows', () => {
  assert.deepEqual(quantileCi(10, 0.5, 1), { n: 10, quantile: 0.5, confidence: 1, loOrder: 0, hiOrder: 11 });
  for (let n = 2; n <= 60; n++) {
    const a = quantileCi(n, 0.5, 0.9);
    const b = quantileCi(n, 0.5, 0.99);
    assert.ok(b.loOrder <= a.loOrder && b.hiOrder >= a.hiOrder, `n=${n}`);
    assert.ok(a.confidence >= 0.9 && b.confidence >= 0.99, `n=${n}`);
  }
});

test('quantile is the R8 median: the middle value, or between the middle two', () => {
  assert.equal(quantile([1, 2, 3, 4, 5], 0.5), 3);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([7], 0.5), 7);
  assert.ok(Number.isNaN(quantile([], 0.5)));
  assert.equal(quantile([1, 2, 3], 0), 1);
  assert.equal(quantile([1, 2, 3], 1), 3);
});
