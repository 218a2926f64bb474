// How many repetitions a comparison needs: the U test cannot give a p-value
// below 2 / C(n1+n2, n1) (every value of one run above every value of the
// other), so a run with too few repetitions can never be significant; and
// the median's confidence interval is unbounded below a few samples.

import { quantileCi } from '../benchstat/quantile-ci.js';

/** smallestP is the smallest two-sided p-value the exact U test gives for samples of n1 and n2 (without ties). */
export function smallestP(n1: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 1;
  let c = 1;
  const k = Math.min(n1, n2);
  for (let i = 1; i <= k; i++) c = (c * (n1 + n2 - k + i)) / i;
  return Math.min(1, 2 / c);
}

/** repetitionsNeeded is the fewest repetitions per run (equal counts) with which a U test can reach p < alpha. */
export function repetitionsNeeded(alpha: number): number {
  let n = 1;
  while (smallestP(n, n) >= alpha && n < 1000) n++;
  return n;
}

/** ciRepetitionsNeeded is the fewest repetitions whose median has a bounded interval at the confidence level (0.95). */
export function ciRepetitionsNeeded(confidence: number): number {
  for (let n = 2; n <= 1000; n++) {
    const ci = quantileCi(n, 0.5, confidence);
    if (ci.loOrder > 0 && ci.hiOrder <= n) return n;
  }
  return 1000;
}
