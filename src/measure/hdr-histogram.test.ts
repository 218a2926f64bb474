// The HDR histogram against exact percentiles of random data: 3
// significant digits everywhere, exact extremes, merging, JSON round trip.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { HDR_MAX_VALUE, HdrHistogram } from './hdr-histogram.js';

function exact(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

test('percentiles are within 1/1000 of the exact ones (never below them)', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 31 }), { minLength: 1, maxLength: 400 }), (xs) => {
    const h = new HdrHistogram();
    for (const x of xs) h.record(x);
    const sorted = [...xs].sort((a, b) => a - b);
    for (const p of [0, 1, 50, 90, 95, 99, 99.9, 100]) {
      const want = exact(sorted, p);
      const got = h.percentile(p);
      assert.ok(got >= want && got <= Math.max(want * 1.001, want + 1) && got <= h.max, `p${p}: got ${got}, exact ${want}`);
    }
    assert.equal(h.min, sorted[0]);
    assert.equal(h.max, sorted[sorted.length - 1]);
    assert.equal(h.count, xs.length);
  }));
});

test('small values are exact; large ones clamp to the maximum', () => {
  const h = new HdrHistogram();
  for (let v = 0; v <= 2047; v++) h.record(v);
  assert.equal(h.percentile(50), 1023);
  assert.equal(h.percentile(100), 2047);
  h.record(2 ** 40);
  assert.equal(h.max, HDR_MAX_VALUE);
  assert.equal(new HdrHistogram().percentile(50), 0);
});

test('add merges; toJSON and fromJSON round-trip', () => {
  const a = new HdrHistogram();
  const b = new HdrHistogram();
  const all = new HdrHistogram();
  for (let i = 1; i <= 5000; i++) {
    const v = (i * 7919) % 100_000;
    (i % 2 ? a : b).record(v);
    all.record(v);
  }
  a.add(b);
  for (const p of [50, 90, 99]) assert.equal(a.percentile(p), all.percentile(p));
  assert.equal(a.mean, all.mean);
  const back = HdrHistogram.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  for (const p of [10, 50, 99, 100]) assert.equal(back.percentile(p), a.percentile(p));
  assert.deepEqual(back.toJSON(), a.toJSON());
});
