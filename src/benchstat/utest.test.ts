// The U test against a brute-force permutation count (every split of the
// pooled values, ties included) and against p-values recorded from Go's
// benchstat statistics package for the normal approximation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mannWhitneyU, UTestError } from './utest.js';

/** uStat counts the pairs where a's value is larger, ties as half. */
function uStat(a: readonly number[], b: readonly number[]): number {
  let u = 0;
  for (const x of a) for (const y of b) u += x > y ? 1 : x === y ? 0.5 : 0;
  return u;
}

/** bruteP is the two-sided exact p-value by enumerating every way to pick a's size from the pooled values. */
function bruteP(a: readonly number[], b: readonly number[]): number {
  const pool = [...a, ...b];
  const n1 = a.length;
  const u1 = uStat(a, b);
  const uSmall = Math.min(u1, n1 * b.length - u1);
  if (u1 === n1 * b.length - u1) return 1;
  let total = 0;
  let below = 0;
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length === n1) {
      const rest = pool.filter((_, i) => !chosen.includes(i));
      total++;
      if (uStat(chosen.map((i) => pool[i]), rest) <= uSmall) below++;
      return;
    }
    for (let i = start; i < pool.length; i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return (2 * below) / total;
}

test('exact p-values equal a permutation count, with and without ties', () => {
  const cases: [number[], number[]][] = [
    [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]],
    [[1, 3, 5, 7, 9, 11], [2, 4, 6, 8, 10, 12]],
    [[1, 2, 2, 3], [2, 3, 3, 4]],
    [[5, 5, 5, 6], [5, 6, 6, 6, 7]],
    [[10, 20, 20, 30, 40], [20, 40, 40, 50]],
    [[3, 1, 4, 1, 5], [9, 2, 6, 5, 3, 5]],
    [[1], [2, 3]],
  ];
  for (const [a, b] of cases) {
    const r = mannWhitneyU(a, b);
    assert.ok(Math.abs(r.p - bruteP(a, b)) < 1e-12, `${a} vs ${b}: ${r.p} vs ${bruteP(a, b)}`);
    assert.equal(r.u, uStat(a, b));
  }
});

test('p-values as Go computes them (exact and normal approximation)', () => {
  const seq = (a: number, n: number, step: number) => Array.from({ length: n }, (_, i) => a + ((i * step) % 97));
  const cases: [number[], number[], number, number][] = [
    [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 0, 0.007936507936507938],
    [[1, 2, 2, 3], [2, 3, 3, 4], 3, 0.2857142857142857],
    [[5, 5, 5, 6], [5, 6, 6, 6, 7], 4, 0.2698412698412698],
    [[1, 3, 5, 7, 9, 11], [2, 4, 6, 8, 10, 12], 15, 0.6991341991341993],
    [seq(0, 60, 7), seq(10, 55, 11), 1273.5, 0.035263062742213434], // ties, more than 25: normal approximation
    [seq(0, 30, 3), seq(5, 28, 5), 414.5, 0.9379782902073273], // ties, more than 25
  ];
  for (const [a, b, u, p] of cases) {
    const r = mannWhitneyU(a, b);
    assert.equal(r.u, u);
    assert.ok(Math.abs(r.p - p) < 1e-13, `${r.p} vs ${p}`);
  }
});

test('the U test refuses empty samples and samples that are all equal', () => {
  assert.throws(() => mannWhitneyU([], [1]), (e: unknown) => e instanceof UTestError && e.message === 'sample is too small');
  assert.throws(() => mannWhitneyU([2, 2, 2], [2, 2]), (e: unknown) => e instanceof UTestError && e.message === 'all samples are equal');
  assert.throws(() => mannWhitneyU(Array(60).fill(1), Array(60).fill(1)), /all samples are equal/);
});

test('the p-value is symmetric in the samples and 1 at the centre', () => {
  const a = [1.5, 2.5, 3.1, 4.7, 9];
  const b = [2, 3, 5, 8, 13, 21];
  assert.equal(mannWhitneyU(a, b).p, mannWhitneyU(b, a).p);
  assert.equal(mannWhitneyU([1, 4], [2, 3]).p, 1);
});

test('two groups of equal values: the p-value Go computes, quirk included', () => {
  // One sample above three equal ones: Go's benchstat prints p=1.500 (its bound truncates toward zero).
  assert.equal(mannWhitneyU([2736], [520, 520, 520]).p, 1.5);
  assert.equal(mannWhitneyU([14], [10.5, 10.5, 10.5]).p, 1.5);
  // Where the bound is not negative the count is the true one.
  const a = [1, 1, 2];
  const b = [1, 2, 2, 2];
  assert.ok(Math.abs(mannWhitneyU(a, b).p - bruteP(a, b)) < 1e-12);
});

test('ties with several groups: the count stays exact where a group both raises and lowers U', () => {
  // Values tied at the bottom with first-sample members in them: the gain of r members in a group is not monotonic in r.
  const a = [1, 1, 1, 2, 3, 3];
  const b = [1, 2, 2, 3, 4];
  assert.ok(Math.abs(mannWhitneyU(a, b).p - bruteP(a, b)) < 1e-12);
  const c = [0, 0, 0, 0, 5, 7];
  const d = [0, 0, 5, 5, 9];
  assert.ok(Math.abs(mannWhitneyU(c, d).p - bruteP(c, d)) < 1e-12);
  assert.ok(Math.abs(mannWhitneyU(d, c).p - bruteP(d, c)) < 1e-12);
  // All of the bottom group in the first sample adds nothing to U, though one or two of them would: U is tiny here.
  const e = [1, 1, 1, 2];
  const f = [2, 3, 4, 5, 6];
  assert.equal(mannWhitneyU(e, f).u, 0.5);
  assert.ok(Math.abs(mannWhitneyU(e, f).p - bruteP(e, f)) < 1e-12, `${mannWhitneyU(e, f).p} vs ${bruteP(e, f)}`);
});
