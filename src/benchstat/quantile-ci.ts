// The distribution-free confidence interval of a quantile (the median, for
// benchstat's "± x%"): the number of samples below the population quantile
// is binomial, so the interval is the pair of order statistics that holds
// the requested probability mass. Exact sums up to 30 samples, the normal
// approximation with continuity correction above, as benchstat does.

import { GO_LGAMMA_BINOMIAL } from './go-binomial.js';
import { normalCdf, normalInvCdf } from './normal.js';

/** QuantileCi is the interval as 1-based order statistics (0 or n+1: unbounded on that side) and its actual confidence (≥ the requested one). */
interface QuantileCi {
  readonly n: number;
  readonly quantile: number;
  readonly confidence: number;
  readonly loOrder: number;
  readonly hiOrder: number;
}

/** Above this many samples the normal approximation is used. */
const EXACT_LIMIT = 30;

/** choose is C(n, k) as Go's float64 arithmetic gives it: exact up to n = 20, through Lgamma above (recorded for n ≤ 30). */
function choose(n: number, k: number): number {
  if (k === 0 || k === n) return 1;
  if (k < 0 || n < k) return 0;
  if (n <= 20) {
    let c = 1;
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i; // exact: each step is a whole number below 2^53
    return c;
  }
  if (n <= 30) return GO_LGAMMA_BINOMIAL[n - 21][k];
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** binomialPmf is Pr[X = floor(k)] for X ~ Binomial(n, p). */
function binomialPmf(n: number, p: number, k: number): number {
  const ki = Math.floor(k);
  if (ki < 0 || ki > n) return 0;
  return choose(n, ki) * Math.pow(p, ki) * Math.pow(1 - p, n - ki);
}

/**
 * quantileCi finds the order statistics bounding the confidence interval
 * of quantile q in a sample of n. Small n: start at the binomial mode and
 * take the more probable neighbour (the left on a tie) until the mass
 * reaches the confidence. Large n: the symmetric normal band, rounded out
 * to whole order statistics, then one step narrower on the right if that
 * still holds the confidence.
 */
export function quantileCi(n: number, q: number, confidence: number): QuantileCi {
  if (confidence >= 1) return { n, quantile: q, confidence: 1, loOrder: 0, hiOrder: n + 1 };
  let l: number;
  let r: number;
  let conf: number;
  if (n <= EXACT_LIMIT) {
    const x = q === 0 ? 0 : Math.ceil((n + 1) * q) - 1;
    let accum = binomialPmf(n, q, x);
    l = x;
    r = x + 1;
    let lp = binomialPmf(n, q, l - 1);
    let rp = binomialPmf(n, q, r);
    while (accum < confidence && (lp > 0 || rp > 0)) {
      if (lp >= rp) {
        accum += lp;
        l--;
        lp = binomialPmf(n, q, l - 1);
      } else {
        accum += rp;
        r++;
        rp = binomialPmf(n, q, r);
      }
    }
    conf = accum;
  } else {
    const mu = n * q;
    const sigma = Math.sqrt(n * q * (1 - q));
    const l1 = normalInvCdf((1 - confidence) / 2, mu, sigma);
    const r1 = 2 * mu - l1;
    // Order statistic k covers [k-0.5, k+0.5] of the normal curve: round the band out to those edges.
    l = Math.floor(Math.floor(l1 - 0.5) + 0.5) + 1;
    r = Math.floor(Math.ceil(r1 - 0.5) + 0.5) + 1;
    const mass = (lo: number, hi: number) => normalCdf(hi - 0.5, mu, sigma) - normalCdf(lo - 0.5, mu, sigma);
    conf = mass(l, r);
    const biased = mass(l, r - 1);
    if (biased >= confidence && biased < conf) {
      conf = biased;
      r = r - 1;
    }
    if (l <= 0 && r >= n + 1) conf = 1;
  }
  return { n, quantile: q, confidence: conf, loOrder: Math.max(l, 0), hiOrder: Math.min(r, n + 1) };
}

/**
 * quantile is the q-quantile of sorted values by the R8 definition
 * (Hyndman & Fan's type 8, median-unbiased), linear between neighbours.
 */
export function quantile(sorted: readonly number[], q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (q <= 0) return sorted[0];
  if (q >= 1) return sorted[n - 1];
  const h = 1 / 3 + q * (n + 1 / 3);
  const k = Math.trunc(h);
  const frac = h - k;
  if (k <= 0) return sorted[0];
  if (k >= n) return sorted[n - 1];
  return sorted[k - 1] + frac * (sorted[k] - sorted[k - 1]);
}
