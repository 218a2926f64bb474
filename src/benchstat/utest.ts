// The Mann–Whitney U test (two-sided), as benchstat runs it: the exact
// distribution of U for small samples (up to 50 each without ties, 25 with
// ties, counting a tie as half a win), else the normal approximation with
// tie and continuity corrections.

import { normalCdf } from './normal.js';

/** UTestResult is the U statistic of the first sample and the two-sided p-value. */
interface UTestResult {
  readonly n1: number;
  readonly n2: number;
  /** Pairs where the first sample's value is larger, plus half the ties. */
  readonly u: number;
  readonly p: number;
}

/** UTestError is why a U test has no answer: an empty sample, or every value equal. */
export class UTestError extends Error {}

/** The largest samples for which the exact distribution is used, without and with ties. */
const EXACT_LIMIT = 50;
const TIES_EXACT_LIMIT = 25;

/**
 * mannWhitneyU tests whether a and b come from one population against the
 * alternative that one tends to larger values, and returns the p-value.
 * Throws UTestError("sample is too small") for an empty sample and
 * UTestError("all samples are equal") when every value is the same.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): UTestResult {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new UTestError('sample is too small');
  const merged = [...a.map((v) => ({ v, first: true })), ...b.map((v) => ({ v, first: false }))].sort((x, y) => x.v - y.v);
  // Ranks with ties averaged; ties[j] is the size of the j-th group of equal values.
  let r1 = 0;
  const ties: number[] = [];
  for (let i = 0; i < merged.length;) {
    const start = i;
    let inFirst = 0;
    for (; i < merged.length && merged[i].v === merged[start].v; i++) if (merged[i].first) inFirst++;
    if (inFirst > 0) r1 += ((start + 1 + i) / 2) * inFirst;
    ties.push(i - start);
  }
  const hasTies = ties.some((t) => t > 1);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const uSmall = Math.min(u1, u2);
  let p: number;
  if (hasTies ? n1 <= TIES_EXACT_LIMIT && n2 <= TIES_EXACT_LIMIT : n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT) {
    if (ties.length === 1) throw new UTestError('all samples are equal');
    // Symmetric about the middle: doubling the CDF at the middle would count its mass twice.
    p = u1 === u2 ? 1 : 2 * (hasTies ? tiedCdf(n1, ties, uSmall) : untiedCdf(n1, n2, uSmall));
  } else {
    const t = ties.reduce((s, k) => s + k * k * k - k, 0);
    const n = n1 + n2;
    const mu = (n1 * n2) / 2;
    const sigma = Math.sqrt((n1 * n2 * ((n + 1) - t / (n * (n - 1)))) / 12);
    if (sigma === 0) throw new UTestError('all samples are equal');
    let numer = u1 - mu;
    numer -= Math.sign(numer) * 0.5;
    const z = numer / sigma;
    p = 2 * Math.min(normalCdf(z), 1 - normalCdf(z));
  }
  return { n1, n2, u: u1, p };
}

/**
 * untiedPmf is Pr[U = u] for u = 0…uMax with samples of n1 and n2 and no
 * ties, by Mann and Whitney's recurrence
 * p(n,m,u) = (n·p(n-1,m,u-m) + m·p(n,m-1,u)) / (n+m), kept for n ≤ m only
 * (the distribution is the same with the samples swapped).
 */
function untiedPmf(n1: number, n2: number, uMax: number): number[] {
  const small = Math.min(n1, n2);
  const large = Math.max(n1, n2);
  // rows[n] holds p(n, m, ·) for the m of the current pass.
  const rows = Array.from({ length: small + 1 }, () => new Array<number>(uMax + 1).fill(0));
  for (let m = 0; m <= large; m++) {
    rows[0][0] = 1;
    for (let n = 1; n <= Math.min(small, m); n++) {
      const fewer = rows[n - 1]; // p(n-1, m)
      const shorter = n <= m - 1 ? rows[n] : rows[m - 1]; // p(n, m-1), mirrored as p(m-1, n) when n = m
      const top = Math.min(n * m, uMax);
      const out = rows[n];
      for (let u = top; u >= 0; u--) {
        const left = u - m >= 0 ? n * fewer[u - m] : 0;
        out[u] = (left + m * shorter[u]) / (n + m);
      }
    }
  }
  return rows[small];
}

/** untiedCdf is Pr[U <= u], summing whichever tail is shorter. */
function untiedCdf(n1: number, n2: number, u: number): number {
  if (u < 0) return 0;
  if (u >= n1 * n2) return 1;
  let ui = Math.floor(u);
  const flip = ui >= Math.floor((n1 * n2 + 1) / 2);
  if (flip) ui = n1 * n2 - ui - 1;
  const pmf = untiedPmf(n1, n2, ui);
  let p = 0;
  for (let i = 0; i <= ui; i++) p += pmf[i];
  return flip ? 1 - p : p;
}

/** binomial is the exact C(n, k) (whole numbers below 2^53 for the sizes used here). */
function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - Math.min(k, n - k) + i)) / i;
  return c;
}

/**
 * tiedCdf is Pr[U <= u] when the pooled values fall into groups of equal
 * values (sizes ties, in increasing value order) and the first sample has
 * n1 of them: count the ways to choose the first sample's members group by
 * group, tracking 2U (each member beats the second sample's members of the
 * groups below and ties those of its own group), over C(N, n1).
 */
function tiedCdf(n1: number, ties: readonly number[], u: number): number {
  const total = ties.reduce((s, t) => s + t, 0);
  if (ties.length === 2) return twoGroupCount(n1, ties[0], ties[1], Math.floor(2 * u)) / binomial(total, n1);
  // Every group adds a non-negative amount to 2U, so states past the bound never come back under it.
  const limit = Math.min(Math.floor(2 * u), 2 * n1 * (total - n1));
  const width = limit + 1;
  // ways[k·width + w]: ways to have placed k first-sample members with 2U = w so far.
  let ways = new Float64Array((n1 + 1) * width);
  ways[0] = 1;
  let below = 0;
  for (const t of ties) {
    const next = new Float64Array((n1 + 1) * width);
    const choose = Array.from({ length: t + 1 }, (_, r) => binomial(t, r));
    for (let k = 0; k <= n1; k++) {
      const secondBelow = below - k;
      if (secondBelow < 0) continue;
      for (let w = 0; w < width; w++) {
        const c = ways[k * width + w];
        if (c === 0) continue;
        for (let r = 0; r <= Math.min(t, n1 - k); r++) {
          const to = w + r * (2 * secondBelow + (t - r));
          if (to > limit) continue;
          next[(k + r) * width + to] += c * choose[r];
        }
      }
    }
    ways = next;
    below += t;
  }
  let count = 0;
  for (let w = 0; w < width; w++) count += ways[n1 * width + w];
  return count / binomial(total, n1);
}

/**
 * twoGroupCount counts the ways to place n1 first-sample members in two
 * groups of equal values (t0 below, t1 above) with 2U <= twoU. Putting r
 * of them in the upper group gives 2U = n1·(t0-n1) + r·(t0+t1), so r runs
 * up to (twoU - n1·(t0-n1)) / (t0+t1). Go's benchstat divides with
 * truncation toward zero, so a bound just below zero counts r = 0 anyway
 * (a p-value of 1.5 for 1 sample against 3 equal ones); gotune counts as
 * benchstat does, to print the same p-values.
 */
function twoGroupCount(n1: number, t0: number, t1: number, twoU: number): number {
  const hi = Math.trunc((twoU - n1 * (t0 - n1)) / (t0 + t1));
  let count = 0;
  for (let r = Math.max(0, n1 - t0); r <= hi; r++) count += binomial(t0, n1 - r) * binomial(t1, r);
  return count;
}
