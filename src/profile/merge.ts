// Merging profiles of the same type into one (and compacting one), with
// pprof's rules for identifying equal mappings, functions, locations and
// samples, and for combining headers.

import { ProfileError } from './errors.js';
import { LabelInterner, SampleBuilder } from './samples.js';
import type { Func, Location, Mapping, Profile, Samples, ValueType } from './types.js';

/** valueTypeText formats a value type for messages, e.g. "cpu/nanoseconds". */
function valueTypeText(v: ValueType | null): string {
  return v ? `${v.type}/${v.unit}` : '<none>';
}

/** checkCompatible throws unless a and b have equal period and sample types. */
export function checkCompatible(a: Profile, b: Profile): void {
  const pa = a.periodType ?? { type: '', unit: '' };
  const pb = b.periodType ?? { type: '', unit: '' };
  if (pa.type !== pb.type || pa.unit !== pb.unit) {
    throw new ProfileError('incompatible', `incompatible period types ${valueTypeText(pa)} and ${valueTypeText(pb)}`);
  }
  const same = a.sampleTypes.length === b.sampleTypes.length &&
    a.sampleTypes.every((t, i) => t.type === b.sampleTypes[i].type && t.unit === b.sampleTypes[i].unit);
  if (!same) {
    throw new ProfileError('incompatible', `incompatible sample types [${a.sampleTypes.map(valueTypeText).join(' ')}] and [${b.sampleTypes.map(valueTypeText).join(' ')}]`);
  }
}

function mappingKey(m: Mapping): string {
  // Sizes are rounded up to 4 KiB: the same binary mapped twice may differ
  // in its last partial page.
  let size = BigInt.asUintN(64, m.limit - m.start);
  size = BigInt.asUintN(64, size + 0xfffn);
  size -= size % 0x1000n;
  const idOrFile = m.buildId !== '' ? m.buildId : m.file;
  return `${size}|${m.offset}|${idOrFile}`;
}

function functionKey(f: Func): string {
  return `${f.startLine}\u0000${f.name}\u0000${f.systemName}\u0000${f.filename}`;
}

// pprof's location key writes each line's three fields at overlapping
// positions (2i, 2i+1, 2i+2), so a line's column is overwritten by the next
// line's function id. Reproduced as-is: it decides which locations merge.
function locationKey(l: Location): string {
  const n = l.lines.length;
  const parts: string[] = new Array(n * 3).fill('');
  l.lines.forEach((ln, i) => {
    parts[i * 2] = ln.fn.id.toString(16);
    parts[i * 2 + 1] = ln.line.toString(16);
    parts[i * 2 + 2] = ln.column.toString(16);
  });
  let addr = l.address;
  let mid = 0;
  if (l.mapping) {
    addr = BigInt.asUintN(64, addr - l.mapping.start);
    mid = l.mapping.id;
  }
  return `${addr}|${mid}|${l.isFolded ? 1 : 0}|${parts.join('|')}`;
}

/**
 * SampleTable sums samples with equal stacks and label sets: a hash index
 * over the samples of a SampleBuilder.
 */
class SampleTable {
  private readonly samples: SampleBuilder;
  // Open addressing over sample indexes (-1 empty); hashes kept for rehashing.
  private slots = new Int32Array(2048).fill(-1);
  private mask = 2047;
  private hashes = new Int32Array(1024);

  constructor(nValues: number, labels: LabelInterner) {
    this.samples = new SampleBuilder(nValues, 1024, 8192, labels);
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

  /** add sums values into the sample with this stack and labels, creating it. */
  add(stack: ArrayLike<number>, n: number, label: number, values: Float64Array, vOff: number): void {
    const h = SampleTable.hash(stack, n, label);
    const samples = this.samples;
    let slot = (h >>> 0) & this.mask;
    for (;;) {
      const i = this.slots[slot];
      if (i < 0) break;
      if (this.hashes[i] === h && samples.sameSample(i, stack, n, label)) {
        samples.addValues(i, values, vOff);
        return;
      }
      slot = (slot + 1) & this.mask;
    }
    const i = samples.count;
    samples.push(stack, 0, n, values, vOff, label);
    if (i === this.hashes.length) {
      const hs = new Int32Array(i * 2);
      hs.set(this.hashes);
      this.hashes = hs;
    }
    this.hashes[i] = h;
    this.slots[slot] = i;
    if (samples.count * 2 > this.mask) this.rehash();
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    for (let i = 0; i < this.samples.count; i++) {
      let slot = (this.hashes[i] >>> 0) & this.mask;
      while (this.slots[slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = i;
    }
  }

  /** finish returns the summed samples. */
  finish(): Samples {
    return this.samples.finish();
  }
}

interface MappedMapping {
  m: Mapping;
  offset: bigint;
}

/**
 * mergeProfiles merges profiles with identical sample and period types into
 * a new profile, as pprof's profile.Merge: equal mappings, functions and
 * locations are unified, samples with the same stack and labels are summed,
 * and samples whose values are all zero are dropped.
 */
export function mergeProfiles(srcs: Profile[]): Profile {
  if (srcs.length === 0) throw new ProfileError('invalid', 'no profiles to merge');
  for (const s of srcs.slice(1)) checkCompatible(srcs[0], s);
  const head = srcs[0];
  let timeNanos = 0n, durationNanos = 0, period = 0;
  const comments: string[] = [];
  const seenComments = new Set<string>();
  let docUrl = '', defaultSampleType = '';
  for (const s of srcs) {
    if (timeNanos === 0n || s.timeNanos < timeNanos) timeNanos = s.timeNanos;
    durationNanos += s.durationNanos;
    if (period === 0 || period < s.period) period = s.period;
    for (const c of s.comments) {
      if (!seenComments.has(c)) {
        comments.push(c);
        seenComments.add(c);
      }
    }
    if (defaultSampleType === '') defaultSampleType = s.defaultSampleType;
    if (docUrl === '') docUrl = s.docUrl;
  }

  const mappings: Mapping[] = [];
  const locations: Location[] = [];
  const functions: Func[] = [];
  const mappingByKey = new Map<string, Mapping>();
  const locationByKey = new Map<string, number>();
  const functionByKey = new Map<string, Func>();
  const nv = head.sampleTypes.length;
  const interner = new LabelInterner();
  const table = new SampleTable(nv, interner);

  for (const src of srcs) {
    const mappingById = new Map<Mapping, MappedMapping>();
    const functionById = new Map<Func, Func>();
    const locIndex = new Int32Array(src.locations.length).fill(-1);

    const mapMapping = (m: Mapping | null): MappedMapping | null => {
      if (!m) return null;
      const seen = mappingById.get(m);
      if (seen) return seen;
      const key = mappingKey(m);
      const existing = mappingByKey.get(key);
      let mi: MappedMapping;
      if (existing) {
        mi = { m: existing, offset: existing.start - m.start };
      } else {
        const nm: Mapping = { ...m, id: mappings.length + 1 };
        mappings.push(nm);
        mappingByKey.set(key, nm);
        mi = { m: nm, offset: 0n };
      }
      mappingById.set(m, mi);
      return mi;
    };
    const mapFunction = (f: Func): Func => {
      const seen = functionById.get(f);
      if (seen) return seen;
      const key = functionKey(f);
      let nf = functionByKey.get(key);
      if (!nf) {
        nf = { ...f, id: functions.length + 1 };
        functions.push(nf);
        functionByKey.set(key, nf);
      }
      functionById.set(f, nf);
      return nf;
    };
    const mapLocation = (li: number): number => {
      const seen = locIndex[li];
      if (seen >= 0) return seen;
      const l = src.locations[li];
      const mi = mapMapping(l.mapping);
      const nl: Location = {
        id: locations.length + 1,
        mapping: mi ? mi.m : null,
        address: BigInt.asUintN(64, l.address + (mi ? mi.offset : 0n)),
        lines: l.lines.map((ln) => ({ fn: mapFunction(ln.fn), line: ln.line, column: ln.column })),
        isFolded: l.isFolded,
      };
      const key = locationKey(nl);
      let idx = locationByKey.get(key);
      if (idx === undefined) {
        idx = locations.length;
        locations.push(nl);
        locationByKey.set(key, idx);
      }
      locIndex[li] = idx;
      return idx;
    };

    if (mappings.length === 0 && src.mappings.length > 0) mapMapping(src.mappings[0]);

    const s = src.samples;
    const labelMap = new Int32Array(s.labelSets.length).fill(-1);
    // Locations are mapped on first use, so new ids follow pprof's order.
    let stack = new Uint32Array(64);
    for (let i = 0; i < s.count; i++) {
      let zero = true;
      for (let j = i * nv; j < (i + 1) * nv; j++) if (s.values[j] !== 0) zero = false;
      if (zero) continue;
      const from = s.stackStart[i];
      const n = s.stackStart[i + 1] - from;
      if (n > stack.length) stack = new Uint32Array(n * 2);
      for (let k = 0; k < n; k++) {
        const li = s.locs[from + k];
        const mapped = locIndex[li];
        stack[k] = mapped >= 0 ? mapped : mapLocation(li);
      }
      const sl = s.labels[i];
      if (labelMap[sl] < 0) labelMap[sl] = interner.intern(s.labelSets[sl]);
      table.add(stack, n, labelMap[sl], s.values, i * nv);
    }
  }

  const merged: Profile = {
    sampleTypes: head.sampleTypes.map((t) => ({ ...t })),
    defaultSampleType,
    samples: table.finish(),
    mappings,
    locations,
    functions,
    comments,
    docUrl,
    dropFrames: head.dropFrames,
    keepFrames: head.keepFrames,
    timeNanos,
    durationNanos,
    periodType: head.periodType,
    period,
  };
  // Sums may cancel to zero (diffs); pprof then merges once more to drop them.
  const s = merged.samples;
  for (let i = 0; i < s.count; i++) {
    let zero = true;
    for (let j = i * nv; j < (i + 1) * nv; j++) if (s.values[j] !== 0) zero = false;
    if (zero) return mergeProfiles([merged]);
  }
  return merged;
}

