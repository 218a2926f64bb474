// Decoding the sample messages, the bulk of a profile: location ids into
// one typed array, values, and label sets interned as they are met.

import { IdIndex, Ranges, scalar, typeMismatch, type Str } from './decode-fields.js';
import { ProfileError } from './errors.js';
import { isShared, sharedBuffer, worthSplitting, type Parallel } from './parallel.js';
import { LabelInterner } from './samples.js';
import type { LabelSet, LocIndexes, Location, Samples } from './types.js';
import { Reader, WireType } from './wire.js';

/**
 * countLocationIds counts the location ids of all samples (for an exact
 * allocation): the varint terminators inside each packed field 1. Fields
 * that do not parse cleanly fall back to counting every varint of their
 * message, an upper bound; the decoder reports the actual error later.
 */
function countLocationIds(buf: Uint8Array, starts: Uint32Array, ends: Uint32Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const start = starts[i];
    const end = ends[i];
    let p = start;
    let ok = true;
    while (p < end) {
      const tag = buf[p++];
      if (tag === 0x0a || tag === 0x12 || tag === 0x1a) {
        // Length-delimited: packed location ids (field 1), values, a label.
        let len = 0;
        let shift = 0;
        let b: number;
        do {
          b = buf[p++];
          len += (b & 0x7f) * 2 ** shift;
          shift += 7;
        } while (b >= 0x80 && shift < 35);
        const e = p + len;
        if (b >= 0x80 || e > end) {
          ok = false;
          break;
        }
        // Count the ids' terminators. Branch-free: a byte ends a varint when
        // its top bit is clear; branchy code mispredicts on random ids and
        // runs several times slower.
        if (tag === 0x0a) for (; p < e; p++) n += (buf[p] >>> 7) ^ 1;
        p = e;
      } else if (tag === 0x08 || tag === 0x10) {
        // One unpacked varint: a location id (field 1) or a value.
        if (tag === 0x08) n++;
        while (p < end && buf[p] >= 0x80) p++;
        p++;
      } else {
        ok = false;
        break;
      }
    }
    if (!ok || p !== end) {
      for (let q = start; q < end; q++) n += (buf[q] >>> 7) ^ 1;
    }
  }
  return n;
}

/**
 * readLocationIds decodes a packed list of location ids in buf[pos, end)
 * into locs from index n, mapping ids through the dense table (or the slow
 * path), and returns the new count. This is the hottest loop of decoding.
 */
function readLocationIds(buf: Uint8Array, pos: number, end: number, locs: LocIndexes, n: number,
  dense: Int32Array | null, idx: { get(id: number): number }): number {
  while (pos < end) {
    let b = buf[pos++];
    let id = b & 0x7f;
    if (b >= 0x80) {
      b = buf[pos++];
      id |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[pos++];
        id |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          const r = new Reader(buf, pos - 3, end);
          id = r.uint();
          pos = r.pos;
        }
      }
    }
    const li = dense !== null && id < dense.length ? dense[id] : idx.get(id);
    if (li < 0) throw new ProfileError('invalid', 'sample has nil location');
    locs[n++] = li;
  }
  if (pos !== end) throw new ProfileError('truncated', 'unexpected end of data in a sample');
  return n;
}

/** SampleRangeInput is what decoding a range of sample messages reads and writes. */
export interface SampleRangeInput {
  buf: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
  nValues: number;
  /** Location id → index: the dense table, or the map for sparse ids. */
  dense: Int32Array | null;
  sparse: Map<number, number> | null;
  locs: LocIndexes;
  stackStart: Uint32Array;
  values: Float64Array;
  /**
   * False to check each sample's location ids and drop them (every stack
   * empty): for a report that reads no stack, a large profile's biggest
   * array is never made. maxSampleBytes then sizes the one-sample row.
   */
  stacks: boolean;
  maxSampleBytes: number;
}

/** SampleRangeOutput is a decoded range's offsets in locs and its labels. */
interface SampleRangeOutput {
  /** Where the range's first id went, and the end of its ids. */
  locBase: number;
  nLocs: number;
  /** Per sample of the range: 1 + index into lists, or 0 for no labels. */
  labels: Uint32Array;
  /** The distinct label field lists, as (key, str, num, unit) string indexes. */
  lists: number[][];
}

/**
 * decodeSampleRange decodes sample messages [from, to), writing location
 * indexes into locs from locBase on (stackStart[i+1] is each sample's end)
 * and values into their rows. Labels come back as field lists, for the
 * caller to intern.
 */
function decodeSampleRange(x: SampleRangeInput, from: number, to: number, locBase: number): SampleRangeOutput {
  const { buf, starts, ends, nValues, dense, stackStart, values, stacks } = x;
  // Without stacks, each sample's ids go to a scratch row, checked as
  // usual and then forgotten.
  const locs = stacks ? x.locs : new Uint32Array(x.maxSampleBytes);
  const locIdx = new IdIndex.Lookup(dense, x.sparse);
  const labels = new Uint32Array(to - from);
  const lists: number[][] = [];
  const r = new Reader(buf);
  let nLocs = locBase;
  const labelFields: number[] = [];
  const labelIndex = new FieldListIndex();
  for (let i = from; i < to; i++) {
    r.pos = starts[i];
    const e = (r.end = ends[i]);
    if (!stacks) nLocs = 0;
    let nv = 0;
    const vbase = i * nValues;
    // Setting an array's length is a runtime call: only when needed.
    if (labelFields.length !== 0) labelFields.length = 0;
    while (r.pos < e) {
      const key = r.uint();
      const field = key < 0x100000000 ? key >>> 3 : Math.floor(key / 8);
      const wt = key & 7;
      if (field === 1) {
        if (wt === WireType.Bytes) {
          const end = r.bytesEnd();
          nLocs = readLocationIds(buf, r.pos, end, locs, nLocs, dense, locIdx);
          r.pos = end;
        } else if (wt === WireType.Varint) {
          const li = locIdx.get(r.uint());
          if (li < 0) throw new ProfileError('invalid', 'sample has nil location');
          locs[nLocs++] = li;
        } else {
          throw typeMismatch('sample location');
        }
      } else if (field === 2) {
        if (wt === WireType.Bytes) {
          const end = r.bytesEnd();
          while (r.pos < end) {
            const v = r.int64();
            if (nv < nValues) values[vbase + nv] = v;
            nv++;
          }
          if (r.pos !== end) throw new ProfileError('truncated', 'unexpected end of data in a sample');
        } else if (wt === WireType.Varint) {
          const v = r.int64();
          if (nv < nValues) values[vbase + nv] = v;
          nv++;
        } else {
          throw typeMismatch('sample value');
        }
      } else if (field === 3) {
        if (wt !== WireType.Bytes) throw typeMismatch('sample label');
        const le = r.bytesEnd();
        let k = 0, s = 0, num = 0, unit = 0;
        while (r.pos < le) {
          const k2 = r.uint();
          const f2 = Math.floor(k2 / 8);
          const w2 = k2 & 7;
          if (f2 === 1) k = scalar(r, w2, 'label key');
          else if (f2 === 2) s = scalar(r, w2, 'label value');
          else if (f2 === 3) num = scalar(r, w2, 'label number');
          else if (f2 === 4) unit = scalar(r, w2, 'label unit');
          else r.skip(w2);
        }
        if (r.pos !== le) throw new ProfileError('truncated', 'unexpected end of data in a sample label');
        labelFields.push(k, s, num, unit);
      } else {
        r.skip(wt);
      }
    }
    r.check();
    if (nv !== nValues) {
      throw new ProfileError('invalid', `mismatch: sample has ${nv} values vs. ${nValues} types`);
    }
    stackStart[i + 1] = stacks ? nLocs : 0;
    if (labelFields.length > 0) {
      let li = labelIndex.find(labelFields);
      if (li < 0) {
        li = lists.length;
        lists.push(labelFields.slice());
        labelIndex.add(labelFields, li);
      }
      labels[i - from] = li + 1;
    }
  }
  return { locBase, nLocs: stacks ? nLocs : 0, labels, lists };
}

/**
 * decodeLaterRange decodes samples [from, to) of a split, placing their ids
 * after those of samples [0, from), which it counts first: run on the
 * helper, the count overlaps the caller's decoding of the first range
 * instead of delaying both.
 */
export function decodeLaterRange(x: SampleRangeInput, from: number, to: number): SampleRangeOutput {
  return decodeSampleRange(x, from, to, x.stacks ? countLocationIds(x.buf, x.starts, x.ends, 0, from) : 0);
}

/**
 * SPLIT_SHARE is the caller's share of the sample bytes when decoding on
 * two threads: the helper also counts the caller's ids first.
 */
const SPLIT_SHARE = 0.56;

/**
 * decodeSamples decodes every sample message into the typed sample table;
 * with a helper thread, the second half of the samples is decoded there.
 * stacks false leaves every stack empty (see SampleRangeInput.stacks).
 */
export function decodeSamples(buf: Uint8Array, rs: Ranges, nValues: number, locations: Location[], str: Str,
  parallel?: Parallel, stacks = true): Samples {
  const count = rs.n;
  if (count > 0 && nValues === 0) throw new ProfileError('invalid', 'missing sample type information');
  const locIdx = new IdIndex(locations.map((l) => l.id), 'location');
  // Every value takes at least one byte: refuse impossible value counts
  // before allocating count × nValues numbers.
  let sampleBytes = 0;
  let maxSampleBytes = 0;
  for (let i = 0; i < count; i++) {
    const n = rs.ends[i] - rs.starts[i];
    sampleBytes += n;
    if (n > maxSampleBytes) maxSampleBytes = n;
  }
  if (count * nValues > sampleBytes) {
    throw new ProfileError('invalid', `mismatch: samples hold fewer values than the ${nValues} sample types`);
  }
  // Each location id takes at least one byte, so the sample bytes bound the
  // id count. Up to 1 GiB that bound is allocated as is: pages never written
  // stay unmapped (the kernel hands out zero pages lazily), so only the ids
  // decoded cost memory, and a counting pass over the data is saved.
  const lazy = sampleBytes * 4 <= 1 << 30;
  const cap = !stacks ? 0 : lazy ? sampleBytes : countLocationIds(buf, rs.starts, rs.ends, 0, count);
  // Shared memory where the runtime has it, so a helper thread can walk
  // the samples too (profile/parallel.ts); otherwise plain arrays.
  const x: SampleRangeInput = {
    buf, starts: rs.starts, ends: rs.ends, nValues,
    dense: locIdx.denseTable(), sparse: locIdx.sparseTable(),
    locs: locations.length <= 0x10000 ? new Uint16Array(sharedBuffer(cap * 2)) : new Uint32Array(sharedBuffer(cap * 4)),
    stackStart: new Uint32Array(sharedBuffer((count + 1) * 4)),
    values: new Float64Array(sharedBuffer(count * nValues * 8)),
    stacks,
    maxSampleBytes,
  };
  // Split a little before the middle byte: the helper writes its ids right
  // after the first part's, so it first counts them, a quick pass.
  let split = count;
  if (worthSplitting(parallel, sampleBytes) && lazy && isShared(buf) && isShared(rs.starts) && isShared(rs.ends)) {
    let acc = 0;
    for (split = 0; split < count && acc < sampleBytes * SPLIT_SHARE; split++) acc += rs.ends[split] - rs.starts[split];
  }
  // Shared as the other sample arrays are (DOT's nodelet sums split by sample).
  const labels = new Uint32Array(sharedBuffer(count * 4));
  const interner = new LabelInterner();
  const intern = (out: SampleRangeOutput, from: number): void => {
    const ids = out.lists.map((f) => internLabels(interner, f, str));
    for (let k = 0; k < out.labels.length; k++) if (out.labels[k] !== 0) labels[from + k] = ids[out.labels[k] - 1];
  };
  let nLocs: number;
  if (split < count) {
    const other = parallel!.start<SampleRangeOutput>('profile.samples', { input: x, from: split, to: count });
    const a = decodeSampleRange(x, 0, split, 0);
    // Without the helper's part (it failed), decode that part here.
    const b = other.wait() ?? decodeSampleRange(x, split, count, a.nLocs);
    intern(a, 0);
    intern(b, split);
    nLocs = b.nLocs;
    if (a.nLocs !== b.locBase) {
      // The count was an upper bound (fields it could not classify): close the gap.
      const gap = b.locBase - a.nLocs;
      x.locs.copyWithin(a.nLocs, b.locBase, b.nLocs);
      for (let i = split + 1; i <= count; i++) x.stackStart[i] -= gap;
      nLocs -= gap;
    }
  } else {
    const a = decodeSampleRange(x, 0, count, 0);
    intern(a, 0);
    nLocs = a.nLocs;
  }
  return {
    count,
    nValues,
    stackStart: x.stackStart,
    locs: x.locs.subarray(0, nLocs),
    values: x.values,
    labels,
    labelSets: interner.sets,
  };
}

/**
 * FieldListIndex finds a sample's label fields among those seen before by a
 * numeric hash: most samples repeat a few label sets, and this saves
 * building a string key for each of them.
 */
class FieldListIndex {
  private slots = new Int32Array(256).fill(-1);
  private mask = 255;
  private readonly lists: number[][] = [];
  private readonly ids: number[] = [];
  private readonly hashes: number[] = [];

  private static hash(f: number[]): number {
    let h = f.length;
    for (let j = 0; j < f.length; j++) h = (Math.imul(h ^ f[j], 0x85ebca6b) + 0x27d4eb2f) | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 13);
  }

  /** find returns the id stored for a list equal to f, or -1. */
  find(f: number[]): number {
    const h = FieldListIndex.hash(f);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const k = this.slots[slot];
      if (k < 0) return -1;
      if (this.hashes[k] !== h) continue;
      const l = this.lists[k];
      if (l.length !== f.length) continue;
      let same = true;
      for (let j = 0; j < f.length; j++) {
        if (l[j] !== f[j]) {
          same = false;
          break;
        }
      }
      if (same) return this.ids[k];
    }
  }

  /** add stores id for (a copy of) f. */
  add(f: number[], id: number): void {
    const h = FieldListIndex.hash(f);
    const k = this.lists.length;
    this.lists.push(f.slice());
    this.ids.push(id);
    this.hashes.push(h);
    if (this.lists.length * 2 > this.mask) {
      const size = (this.mask + 1) * 2;
      this.mask = size - 1;
      this.slots = new Int32Array(size).fill(-1);
      for (let j = 0; j < this.lists.length - 1; j++) this.place(this.hashes[j], j);
    }
    this.place(h, k);
  }

  private place(h: number, k: number): void {
    let slot = h & this.mask;
    while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = k;
  }
}

// Label fields arrive as (key, str, num, unit) string-table indexes; equal
// lists make equal label sets, so the list itself is the interning key.
function internLabels(interner: LabelInterner, f: number[], str: Str): number {
  return interner.internKeyed(f.join(','), () => {
    const ls: LabelSet = { str: new Map(), num: new Map(), numUnits: new Map() };
    for (let j = 0; j < f.length; j += 4) {
      const key = str(f[j], 'label key');
      const sx = f[j + 1], num = f[j + 2], ux = f[j + 3];
      if (sx !== 0) {
        const v = str(sx, 'label value');
        const vs = ls.str.get(key);
        if (vs) vs.push(v);
        else ls.str.set(key, [v]);
      } else if (num !== 0 || ux !== 0) {
        // As pprof: units are padded with "" to line up with their values.
        const vs = ls.num.get(key) ?? [];
        if (ux !== 0) {
          const us = ls.numUnits.get(key) ?? [];
          while (us.length < vs.length) us.push('');
          us.push(str(ux, 'label unit'));
          ls.numUnits.set(key, us);
        }
        vs.push(num);
        ls.num.set(key, vs);
      }
    }
    for (const [key, us] of ls.numUnits) {
      const n = ls.num.get(key)!.length;
      while (us.length < n) us.push('');
    }
    return ls;
  });
}
