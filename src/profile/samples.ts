// Building and reading the typed-array sample table, and interning label
// sets so that samples with equal labels share one LabelSet.

import { EMPTY_LABELS, type LabelSet, type Samples } from './types.js';

/** labelSetKey is a canonical string for a label set (keys sorted). */
function labelSetKey(l: LabelSet): string {
  if (l.str.size === 0 && l.num.size === 0) return '';
  const parts: string[] = [];
  for (const k of [...l.str.keys()].sort()) parts.push('s', k, String(l.str.get(k)!.length), ...l.str.get(k)!);
  for (const k of [...l.num.keys()].sort()) {
    const vs = l.num.get(k)!;
    const us = l.numUnits.get(k) ?? [];
    parts.push('n', k, String(vs.length), ...vs.map(String), String(us.length), ...us);
  }
  return parts.join('\u0000');
}

/** LabelInterner hands out stable indexes for equal label sets. */
export class LabelInterner {
  readonly sets: LabelSet[] = [EMPTY_LABELS];
  private readonly byKey = new Map<string, number>([['', 0]]);

  /** intern returns the index of a set equal to l, adding l if new. */
  intern(l: LabelSet): number {
    const key = labelSetKey(l);
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.sets.length;
      this.sets.push(l);
      this.byKey.set(key, i);
    }
    return i;
  }

  /** internKeyed is intern with a caller-made key (used by the decoder). */
  internKeyed(key: string, make: () => LabelSet): number {
    let i = this.byKey.get(key);
    if (i === undefined) {
      i = this.sets.length;
      this.sets.push(make());
      this.byKey.set(key, i);
    }
    return i;
  }
}

/** SampleBuilder appends samples to growable typed arrays. */
export class SampleBuilder {
  readonly nValues: number;
  count = 0;
  private nLocs = 0;
  private stackStart: Uint32Array;
  private locs: Uint32Array;
  private values: Float64Array;
  private labels: Uint32Array;
  readonly labelSets: LabelInterner;

  constructor(nValues: number, sampleHint = 64, locHint = 1024, labels?: LabelInterner) {
    this.nValues = nValues;
    this.stackStart = new Uint32Array(Math.max(sampleHint, 1) + 1);
    this.locs = new Uint32Array(Math.max(locHint, 16));
    this.values = new Float64Array(Math.max(sampleHint, 1) * nValues);
    this.labels = new Uint32Array(Math.max(sampleHint, 1));
    this.labelSets = labels ?? new LabelInterner();
  }

  private growSamples(): void {
    const cap = this.labels.length * 2;
    const ss = new Uint32Array(cap + 1);
    ss.set(this.stackStart);
    this.stackStart = ss;
    const vs = new Float64Array(cap * this.nValues);
    vs.set(this.values);
    this.values = vs;
    const ls = new Uint32Array(cap);
    ls.set(this.labels);
    this.labels = ls;
  }

  private growLocs(need: number): void {
    let cap = this.locs.length * 2;
    while (cap < need) cap *= 2;
    const l = new Uint32Array(cap);
    l.set(this.locs.subarray(0, this.nLocs));
    this.locs = l;
  }

  /**
   * push appends a sample whose stack is stack[from, to) and whose values are
   * values[vOff, vOff + nValues); labelSet is an index into labelSets.
   */
  push(stack: ArrayLike<number>, from: number, to: number, values: ArrayLike<number>, vOff: number, labelSet: number): void {
    if (this.count === this.labels.length) this.growSamples();
    const n = to - from;
    if (this.nLocs + n > this.locs.length) this.growLocs(this.nLocs + n);
    const locs = this.locs;
    let w = this.nLocs;
    for (let i = from; i < to; i++) locs[w++] = stack[i];
    this.nLocs = w;
    const nv = this.nValues;
    const base = this.count * nv;
    for (let j = 0; j < nv; j++) this.values[base + j] = values[vOff + j];
    this.labels[this.count] = labelSet;
    this.count++;
    this.stackStart[this.count] = w;
  }

  /** sameSample tells whether sample i has the stack stack[0, n) and label set label. */
  sameSample(i: number, stack: ArrayLike<number>, n: number, label: number): boolean {
    if (this.labels[i] !== label) return false;
    const s = this.stackStart[i];
    if (this.stackStart[i + 1] - s !== n) return false;
    for (let k = 0; k < n; k++) if (this.locs[s + k] !== stack[k]) return false;
    return true;
  }

  /** addValues adds values[vOff, vOff + nValues) to sample i's values. */
  addValues(i: number, values: ArrayLike<number>, vOff: number): void {
    const nv = this.nValues;
    for (let j = 0; j < nv; j++) this.values[i * nv + j] += values[vOff + j];
  }

  /** finish returns the table, trimmed to its length. */
  finish(): Samples {
    return {
      count: this.count,
      nValues: this.nValues,
      stackStart: this.stackStart.slice(0, this.count + 1),
      locs: this.locs.slice(0, this.nLocs),
      values: this.values.slice(0, this.count * this.nValues),
      labels: this.labels.slice(0, this.count),
      labelSets: this.labelSets.sets,
    };
  }
}

/**
 * filterSamples keeps the samples for which keep(i) is true, sharing the
 * label sets; it returns the input unchanged when all are kept.
 */
export function filterSamples(s: Samples, keep: (i: number) => boolean): Samples {
  const kept: number[] = [];
  for (let i = 0; i < s.count; i++) if (keep(i)) kept.push(i);
  if (kept.length === s.count) return s;
  const nv = s.nValues;
  let nLocs = 0;
  for (const i of kept) nLocs += s.stackStart[i + 1] - s.stackStart[i];
  const stackStart = new Uint32Array(kept.length + 1);
  const locs = new Uint32Array(nLocs);
  const values = new Float64Array(kept.length * nv);
  const labels = new Uint32Array(kept.length);
  let w = 0;
  kept.forEach((i, k) => {
    locs.set(s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]), w);
    w += s.stackStart[i + 1] - s.stackStart[i];
    stackStart[k + 1] = w;
    values.set(s.values.subarray(i * nv, i * nv + nv), k * nv);
    labels[k] = s.labels[i];
  });
  return { count: kept.length, nValues: nv, stackStart, locs, values, labels, labelSets: s.labelSets };
}
