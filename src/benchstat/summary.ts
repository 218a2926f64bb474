// What benchstat says about one sample and about a pair: the summary (the
// median and its confidence interval, or the exact value for units marked
// `assume=exact`), the comparison (U test, or none needed for exact
// units), the geomean, and the strings it prints for each, warnings included.

import { formatFixed, formatShortest, formatSignedFixed } from './gofmt.js';
import { goExp, goLog } from './go-math.js';
import { quantile, quantileCi } from './quantile-ci.js';
import { mannWhitneyU, UTestError } from './utest.js';

/** Summary is a sample's center and confidence interval; lo/hi are ±Infinity when the sample is too small for the level. */
export interface Summary {
  readonly center: number;
  readonly lo: number;
  readonly hi: number;
  /** The interval's actual confidence (≥ the requested level). */
  readonly confidence: number;
  readonly warnings: readonly string[];
}

/** Comparison is the outcome of testing two samples against each other. */
export interface Comparison {
  /** The p-value; 0 means exact (no test needed). */
  readonly p: number;
  readonly n1: number;
  readonly n2: number;
  /** The threshold: a p-value above it is "no difference" (~). */
  readonly alpha: number;
  readonly warnings: readonly string[];
}

/** Assumption is what benchstat assumes about a unit's distribution: none (median, U test) or exact (one value, no test). */
export type Assumption = 'nothing' | 'exact';

/** medianCiMinSamples is the smallest sample with a finite interval at the level: [">=", n], or [">", 50] when even 50 is not enough. */
function medianCiMinSamples(confidence: number): [string, number] {
  for (let n = 2; n <= 50; n++) {
    const ci = quantileCi(n, 0.5, confidence);
    if (ci.loOrder > 0 && ci.hiOrder <= n) return ['>=', n];
  }
  return ['>', 50];
}

/**
 * summarize is the median of values and its distribution-free confidence
 * interval at the confidence level (0.95 for 95%): the order statistics
 * that bound the population median with at least that probability. Too
 * few samples give an unbounded side and a warning saying how many are needed.
 */
export function summarize(values: readonly number[], confidence: number): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const ci = quantileCi(sorted.length, 0.5, confidence);
  const center = quantile(sorted, 0.5);
  const lo = ci.loOrder < 1 ? -Infinity : sorted[ci.loOrder - 1];
  const hi = ci.hiOrder - 1 >= sorted.length ? Infinity : sorted[ci.hiOrder - 1];
  const warnings: string[] = [];
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    const [op, need] = medianCiMinSamples(confidence);
    warnings.push(`need ${op} ${need} samples for confidence interval at level ${formatShortest(confidence)}`);
  }
  return { center, lo, hi, confidence: ci.confidence, warnings };
}

/** summarizeExact is the summary of a unit measured exactly: its most common value, the range, and a warning if the values differ. */
export function summarizeExact(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  let val = sorted[0];
  let count = 1;
  let mode = val;
  let modeCount = 1;
  for (const v of sorted.slice(1)) {
    if (v === val) {
      count++;
      if (count > modeCount) [mode, modeCount] = [val, count];
    } else {
      [val, count] = [v, 1];
    }
  }
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const warnings = modeCount === sorted.length ? [] : [`exact distribution expected, but values range from ${formatShortest(first)} to ${formatShortest(last)}`];
  return { center: mode, lo: first, hi: last, confidence: 1, warnings };
}

/** The smallest p-value a U test can give with n samples on each side: 2/C(2n, n), for n = 1…9. */
const U_TEST_MIN_P = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => {
  let c = 1;
  for (let i = 1; i <= n; i++) c = (c * (n + i)) / i;
  return 2 / c;
});

/** uTestMinSamples is how many samples per side a U test needs to reach alpha at all: [">=", n] or [">", 10]. */
function uTestMinSamples(alpha: number): [string, number] {
  for (let i = 0; i < U_TEST_MIN_P.length; i++) if (U_TEST_MIN_P[i] <= alpha) return ['>=', i + 1];
  return ['>', U_TEST_MIN_P.length + 1];
}

/**
 * compareSamples tests base against other with the U test. A test that
 * cannot run (all values equal) counts as no difference, with the reason as
 * a warning; so does a sample too small to ever reach alpha.
 */
export function compareSamples(base: readonly number[], other: readonly number[], alpha: number): Comparison {
  let res;
  try {
    res = mannWhitneyU(base, other);
  } catch (e) {
    if (!(e instanceof UTestError)) throw e;
    return { p: 1, n1: base.length, n2: other.length, alpha, warnings: [e.message] };
  }
  const warnings: string[] = [];
  if (res.p > alpha) {
    const [op, n] = uTestMinSamples(alpha);
    if (res.n1 < n && res.n2 < n) warnings.push(`need ${op} ${n} samples to detect a difference at alpha level ${formatShortest(alpha)}`);
  }
  return { p: res.p, n1: res.n1, n2: res.n2, alpha, warnings };
}

/** compareExact is the comparison of exactly measured samples: any difference is real (p = 0, no threshold). */
export function compareExact(base: readonly number[], other: readonly number[]): Comparison {
  return { p: 0, n1: base.length, n2: other.length, alpha: 0, warnings: [] };
}

/** summaryFor and comparisonFor pick the statistics of an assumption. */
export function summaryFor(assumption: Assumption, values: readonly number[], confidence: number): Summary {
  return assumption === 'exact' ? summarizeExact(values) : summarize(values, confidence);
}

/** comparisonFor compares two samples under an assumption. */
export function comparisonFor(assumption: Assumption, base: readonly number[], other: readonly number[], alpha: number): Comparison {
  return assumption === 'exact' ? compareExact(base, other) : compareSamples(base, other, alpha);
}

/**
 * formatRange is the interval as benchstat prints it after "±": the larger
 * distance from the center in percent ("1%"), "∞" when unbounded, "?" when
 * a bound has the other sign than the center, "0%" around zero.
 */
export function formatRange(s: Summary): string {
  if (!Number.isFinite(s.lo) || !Number.isFinite(s.hi)) return '∞';
  const sign = Math.sign(s.center);
  if (sign !== Math.sign(s.lo) || sign !== Math.sign(s.hi)) return '?';
  if (s.center === 0) return '0%';
  const v = Math.max(s.hi / s.center - 1, 1 - s.lo / s.center);
  return `${formatFixed(100 * v, 0)}%`;
}

/** formatComparison is "p=0.002 n=6", "n=6+5" for unequal sizes, without the p for exact comparisons. */
export function formatComparison(c: Comparison): string {
  const p = c.p !== 0 ? `p=${formatFixed(c.p, 3)} ` : '';
  return c.n1 === c.n2 ? `${p}n=${c.n1}` : `${p}n=${c.n1}+${c.n2}`;
}

/** formatDelta is the change of the center: "~" when not significant, "+46.66%", "0.00%", or "?" from a zero base. */
export function formatDelta(c: Comparison, oldCenter: number, newCenter: number): string {
  if (c.p > c.alpha) return '~';
  if (oldCenter === newCenter) return '0.00%';
  if (oldCenter === 0) return '?';
  return `${formatSignedFixed((newCenter / oldCenter - 1) * 100, 2)}%`;
}

/**
 * geomean is the geometric mean (the running mean of the logarithms), NaN
 * when empty or when a value is not positive; with Go's Log and Exp, so
 * that it agrees with benchstat to the last digit.
 */
export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let m = 0;
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] <= 0) return NaN;
    m += (goLog(xs[i]) - m) / (i + 1);
  }
  return goExp(m);
}
