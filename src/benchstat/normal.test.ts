// erfc and the normal distribution against values printed by Go's math.Erfc.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erfc, normalCdf, normalInvCdf } from './normal.js';

test('erfc agrees with Go to about 1e-16', () => {
  const GO: [number, number][] = [
    [0.1, 0.8875370839817152], [0.5, 0.4795001221869535], [1, 0.15729920705028513], [1.5, 0.033894853524689274],
    [2, 0.004677734981047265], [2.5, 0.0004069520174449589], [3, 2.2090496998585438e-05], [5, 1.5374597944280351e-12], [-1, 1.8427007929497148],
  ];
  for (const [x, want] of GO) assert.ok(Math.abs(erfc(x) - want) <= 4e-16 * Math.max(1, want) && Math.abs(erfc(x) / want - 1) < 1e-12, `erfc(${x}) = ${erfc(x)}, want ${want}`);
  assert.equal(erfc(0), 1);
  assert.equal(erfc(Infinity), 0);
  assert.equal(erfc(-Infinity), 2);
  assert.equal(erfc(30), 0);
  assert.ok(Number.isNaN(erfc(NaN)));
});

test('normalInvCdf inverts normalCdf', () => {
  for (const p of [1e-10, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999]) {
    assert.ok(Math.abs(normalCdf(normalInvCdf(p)) - p) < 1e-15 + p * 1e-12, String(p));
  }
  assert.ok(Math.abs(normalInvCdf(0.025) + 1.959963984540054) < 1e-12);
  assert.equal(normalInvCdf(0), -Infinity);
  assert.equal(normalInvCdf(1), Infinity);
  assert.ok(Number.isNaN(normalInvCdf(2)));
  assert.ok(Math.abs(normalInvCdf(0.975, 10, 2) - (10 + 2 * 1.959963984540054)) < 1e-11);
});
