// An HDR histogram (Gil Tene's HdrHistogram layout) of integer values such
// as latencies in microseconds: 3 significant digits from 1 to 2^32 - 1,
// constant-time recording, mergeable, and serialisable for run.json.

import type { HistogramJson } from '../run/run-json.js';

const SUB_BUCKET_HALF_MAGNITUDE = 10; // 2048 sub-buckets: 3 significant digits
const SUB_BUCKET_HALF = 1 << SUB_BUCKET_HALF_MAGNITUDE;
const SUB_BUCKET_COUNT = SUB_BUCKET_HALF * 2;
const SUB_BUCKET_MASK = SUB_BUCKET_COUNT - 1;
const BUCKETS = 22; // 2048 · 2^21 > 2^32
/** HDR_MAX_VALUE is the largest value kept exactly to 3 digits; larger ones are clamped to it. */
export const HDR_MAX_VALUE = 2 ** 32 - 1;

function bucketOf(v: number): number {
  // 2^(bucket + 11) > v: the number of bits of v above the sub-bucket range.
  return 31 - Math.clz32((v | SUB_BUCKET_MASK) >>> 0) - SUB_BUCKET_HALF_MAGNITUDE;
}

function indexOf(v: number): number {
  const b = bucketOf(v);
  const sub = Math.floor(v / 2 ** b);
  return ((b + 1) << SUB_BUCKET_HALF_MAGNITUDE) + (sub - SUB_BUCKET_HALF);
}

function lowestAt(index: number): number {
  let b = (index >> SUB_BUCKET_HALF_MAGNITUDE) - 1;
  let sub = (index & (SUB_BUCKET_HALF - 1)) + SUB_BUCKET_HALF;
  if (b < 0) {
    sub -= SUB_BUCKET_HALF;
    b = 0;
  }
  return sub * 2 ** b;
}

function widthAt(index: number): number {
  const b = Math.max(0, (index >> SUB_BUCKET_HALF_MAGNITUDE) - 1);
  return 2 ** b;
}

/**
 * HdrHistogram counts integer values (≥ 0) in buckets whose width is at
 * most 1/1024 of their value, so every percentile is exact to 3
 * significant digits; min, max, mean and count are exact.
 */
export class HdrHistogram {
  private readonly counts = new Float64Array((BUCKETS + 1) * SUB_BUCKET_HALF);
  /** count is the number of values recorded. */
  count = 0;
  /** min is the smallest value recorded (Infinity when empty). */
  min = Infinity;
  /** max is the largest value recorded (0 when empty). */
  max = 0;
  private sum = 0;

  /** record adds one value (negative values count as 0; fractions are rounded). */
  record(value: number, times = 1): void {
    const v = Math.min(HDR_MAX_VALUE, Math.max(0, Math.round(value)));
    this.counts[indexOf(v)] += times;
    this.count += times;
    this.sum += v * times;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** mean is the average value (0 when empty). */
  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /**
   * percentile returns the value below or at which p percent of the values
   * fall: the highest value equivalent to the bucket that holds the
   * ceil(p% · count)-th value (as HdrHistogram's getValueAtPercentile),
   * never above max. 0 when empty.
   */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((Math.min(100, Math.max(0, p)) / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        const hi = lowestAt(i) + widthAt(i) - 1;
        return Math.max(this.min, Math.min(hi, this.max));
      }
    }
    return this.max;
  }

  /** add merges other's values into this histogram. */
  add(other: HdrHistogram): void {
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.sum += other.sum;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  /** toJSON lists the non-empty buckets with the exact summary figures. */
  toJSON(): HistogramJson {
    const buckets: [number, number][] = [];
    for (let i = 0; i < this.counts.length; i++) {
      if (this.counts[i] > 0) buckets.push([lowestAt(i), this.counts[i]]);
    }
    return { buckets, count: this.count, min: this.count === 0 ? 0 : this.min, max: this.max, mean: this.mean };
  }

  /** fromJSON rebuilds a histogram written by toJSON. */
  static fromJSON(j: HistogramJson): HdrHistogram {
    const h = new HdrHistogram();
    for (const [value, n] of j.buckets) h.counts[indexOf(value)] += n;
    h.count = j.count;
    h.sum = j.mean * j.count;
    h.min = j.count === 0 ? Infinity : j.min;
    h.max = j.max;
    return h;
  }
}
