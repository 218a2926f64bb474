// The distinct samples of a merge: (stack, label set) pairs found by a hash
// over the samples of several profiles, with summed values, held without a
// copy of any stack until the merged table is written once, at its size.

import { sharedBuffer } from './parallel.js';
import type { LabelSet, LocIndexes, Samples } from './types.js';

/**
 * UniqueSamples is the sample table of a merge in the making. A distinct
 * sample is a reference to its first occurrence (source, sample index);
 * its stack is that sample's, read through the source's location map
 * (locIndex: source location index → merged location index, -1 until
 * mapped). Memory per source sample: its reference, label, hash and
 * values, 16 + 8 × nValues bytes, plus 8 to 16 bytes of hash slots; the
 * arrays are sized for every source sample, but pages never written cost
 * nothing.
 */
export class UniqueSamples {
  count = 0;
  /** Per source: location index → merged location index, or -1. */
  readonly locIndex: Int32Array[];
  private readonly srcs: readonly Samples[];
  private readonly nv: number;
  private readonly src: Uint32Array;
  private readonly sample: Uint32Array;
  private readonly label: Uint32Array;
  private readonly hashes: Int32Array;
  private readonly values: Float64Array;
  // Open addressing: 1 + distinct sample index, 0 empty (zero pages stay unmapped).
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(srcs: readonly Samples[], capacity: number) {
    this.srcs = srcs;
    this.nv = srcs.length > 0 ? srcs[0].nValues : 0;
    this.locIndex = srcs.map(() => new Int32Array(0));
    this.src = new Uint32Array(capacity);
    this.sample = new Uint32Array(capacity);
    this.label = new Uint32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.values = new Float64Array(capacity * this.nv);
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** setLocations sizes source si's location map (all unmapped). */
  setLocations(si: number, n: number): Int32Array {
    return (this.locIndex[si] = new Int32Array(n).fill(-1));
  }

  private static hash(stack: ArrayLike<number>, n: number, label: number): number {
    let h = (label * 0x9e3779b1) | 0;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ stack[i], 0x85ebca6b) + 0x27d4eb2f | 0;
    // Murmur3's finaliser, so the low bits that pick a slot are well mixed.
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  /** same tells whether distinct sample u has the merged stack stack[0, n) and label. */
  private same(u: number, stack: ArrayLike<number>, n: number, label: number): boolean {
    if (this.label[u] !== label) return false;
    const s = this.srcs[this.src[u]];
    const map = this.locIndex[this.src[u]];
    const i = this.sample[u];
    const from = s.stackStart[i];
    if (s.stackStart[i + 1] - from !== n) return false;
    const locs = s.locs;
    for (let k = 0; k < n; k++) if (map[locs[from + k]] !== stack[k]) return false;
    return true;
  }

  /**
   * add sums values into the distinct sample with this merged stack and
   * label, or makes sample i of source si (whose stack it is) a new one.
   */
  add(si: number, i: number, stack: ArrayLike<number>, n: number, label: number, values: Float64Array): void {
    const h = UniqueSamples.hash(stack, n, label);
    const nv = this.nv;
    let slot = (h >>> 0) & this.mask;
    for (;;) {
      const u = this.slots[slot] - 1;
      if (u < 0) break;
      if (this.hashes[u] === h && this.same(u, stack, n, label)) {
        for (let j = 0; j < nv; j++) this.values[u * nv + j] += values[j];
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    const u = this.count++;
    this.src[u] = si;
    this.sample[u] = i;
    this.label[u] = label;
    this.hashes[u] = h;
    for (let j = 0; j < nv; j++) this.values[u * nv + j] = values[j];
    this.slots[slot] = u + 1;
  }

  /** isZero tells whether distinct sample u's values all cancelled out. */
  isZero(u: number): boolean {
    for (let j = 0; j < this.nv; j++) if (this.values[u * this.nv + j] !== 0) return false;
    return true;
  }

  /** locationsInOrder lists the merged locations the non-zero samples use, in order of first use. */
  locationsInOrder(nLocations: number): number[] {
    const seen = new Uint8Array(nLocations);
    const order: number[] = [];
    this.forEachFrame((m) => {
      if (seen[m] === 0) {
        seen[m] = 1;
        order.push(m);
      }
    });
    return order;
  }

  /** labelsInOrder numbers the label sets the non-zero samples use in order of first use (0, the empty set, stays 0). */
  labelsInOrder(nSets: number): { labelMap: Int32Array; order: number[] } {
    const labelMap = new Int32Array(nSets).fill(-1);
    labelMap[0] = 0;
    const order = [0];
    for (let u = 0; u < this.count; u++) {
      const l = this.label[u];
      if (labelMap[l] < 0 && !this.isZero(u)) {
        labelMap[l] = order.length;
        order.push(l);
      }
    }
    return { labelMap, order };
  }

  private forEachFrame(fn: (merged: number) => void): void {
    for (let u = 0; u < this.count; u++) {
      if (this.isZero(u)) continue;
      const s = this.srcs[this.src[u]];
      const map = this.locIndex[this.src[u]];
      const i = this.sample[u];
      for (let k = s.stackStart[i]; k < s.stackStart[i + 1]; k++) fn(map[s.locs[k]]);
    }
  }

  /**
   * write returns the merged sample table: the non-zero distinct samples in
   * order, stacks as merged location indexes (through locMap when the
   * locations were renumbered), labels through labelMap likewise.
   */
  write(nLocations: number, locMap: Int32Array | null, labelMap: Int32Array | null, labelSets: LabelSet[]): Samples {
    const nv = this.nv;
    let count = 0;
    let nLocs = 0;
    for (let u = 0; u < this.count; u++) {
      if (this.isZero(u)) continue;
      count++;
      const s = this.srcs[this.src[u]];
      nLocs += s.stackStart[this.sample[u] + 1] - s.stackStart[this.sample[u]];
    }
    // Shared memory, as decoded profiles have, so a helper thread can walk them.
    const stackStart = new Uint32Array(sharedBuffer((count + 1) * 4));
    const locs: LocIndexes = nLocations <= 0x10000 ? new Uint16Array(sharedBuffer(nLocs * 2)) : new Uint32Array(sharedBuffer(nLocs * 4));
    const values = new Float64Array(sharedBuffer(count * nv * 8));
    const labels = new Uint32Array(sharedBuffer(count * 4));
    let w = 0;
    let k = 0;
    for (let u = 0; u < this.count; u++) {
      if (this.isZero(u)) continue;
      const s = this.srcs[this.src[u]];
      const map = this.locIndex[this.src[u]];
      const i = this.sample[u];
      const to = s.stackStart[i + 1];
      if (locMap) for (let f = s.stackStart[i]; f < to; f++) locs[w++] = locMap[map[s.locs[f]]];
      else for (let f = s.stackStart[i]; f < to; f++) locs[w++] = map[s.locs[f]];
      stackStart[k + 1] = w;
      for (let j = 0; j < nv; j++) values[k * nv + j] = this.values[u * nv + j];
      labels[k] = labelMap ? labelMap[this.label[u]] : this.label[u];
      k++;
    }
    return { count, nValues: nv, stackStart, locs, values, labels, labelSets };
  }
}
