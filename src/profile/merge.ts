// Merging profiles of the same type into one (and compacting one), with
// pprof's rules for identifying equal mappings, functions, locations and
// samples, and for combining headers. A source may be scaled on the way in
// (a -base is merged negated), so no scaled copy of it is ever made.

import { ProfileError } from './errors.js';
import { LabelInterner } from './samples.js';
import type { Func, LabelSet, Location, Mapping, Profile, Samples, ValueType } from './types.js';
import { UniqueSamples } from './unique-samples.js';

/** goRound rounds half away from zero, as Go's math.Round. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

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

interface MappedMapping {
  m: Mapping;
  offset: bigint;
}

/** MergeTables are the merged mappings, functions and locations, numbered in order of first use. */
interface MergeTables {
  mappings: Mapping[];
  functions: Func[];
  locations: Location[];
}

/**
 * mergeProfiles merges profiles with identical sample and period types into
 * a new profile, as pprof's profile.Merge: equal mappings, functions and
 * locations are unified, samples with the same stack and labels are summed,
 * and samples whose values are all zero are dropped. scales[i], when given,
 * multiplies the values of srcs[i] first, rounded as pprof's Profile.Scale
 * (mergeProfiles([a, b], [1, -1]) is Merge(a, b.Scale(-1)) without the copy).
 *
 * Memory: the sources' stacks are not copied while samples are matched (a
 * distinct sample is a reference to its first occurrence, see
 * UniqueSamples), and the merged stacks are written once, at their final
 * size.
 */
export function mergeProfiles(srcs: Profile[], scales?: readonly number[]): Profile {
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

  const tables: MergeTables = { mappings: [], functions: [], locations: [] };
  const { mappings, locations, functions } = tables;
  const mappingByKey = new Map<string, Mapping>();
  const locationByKey = new Map<string, number>();
  const functionByKey = new Map<string, Func>();
  const nv = head.sampleTypes.length;
  const interner = new LabelInterner();
  let capacity = 0;
  for (const src of srcs) capacity += src.samples.count;
  const unique = new UniqueSamples(srcs.map((p) => p.samples), capacity);
  const scaled = new Float64Array(nv);

  srcs.forEach((src, si) => {
    const ratio = scales?.[si] ?? 1;
    const mappingById = new Map<Mapping, MappedMapping>();
    const functionById = new Map<Func, Func>();
    const locIndex = unique.setLocations(si, src.locations.length);

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
      for (let j = 0; j < nv; j++) {
        const v = s.values[i * nv + j];
        const x = ratio === 1 ? v : goRound(v * ratio);
        scaled[j] = x;
        if (x !== 0) zero = false;
      }
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
      unique.add(si, i, stack, n, labelMap[sl], scaled);
    }
  });

  // Sums may cancel to zero (diffs); pprof then merges once more to drop
  // them, which also drops what only they used and renumbers the rest.
  let cancelled = false;
  for (let u = 0; u < unique.count && !cancelled; u++) cancelled = unique.isZero(u);
  const out = cancelled ? renumber(tables, unique, interner.sets) : { tables, labelSets: interner.sets, locMap: null };
  return {
    sampleTypes: head.sampleTypes.map((t) => ({ ...t })),
    defaultSampleType,
    samples: unique.write(out.tables.locations.length, out.locMap, out.labelMap ?? null, out.labelSets),
    mappings: out.tables.mappings,
    locations: out.tables.locations,
    functions: out.tables.functions,
    comments,
    docUrl,
    dropFrames: head.dropFrames,
    keepFrames: head.keepFrames,
    timeNanos,
    durationNanos,
    periodType: head.periodType,
    period,
  };
}

/** Renumbered is the tables and label sets of a second merge, and how merged indexes map to them. */
interface Renumbered {
  tables: MergeTables;
  labelSets: LabelSet[];
  /** Merged location index → final index (-1: unused). */
  locMap: Int32Array | null;
  /** Merged label set index → final index. */
  labelMap?: Int32Array;
}

/**
 * renumber is what pprof's second Merge makes of the merged tables once
 * the cancelled samples are gone: the mappings (the first one always),
 * locations, functions and label sets still used, renumbered in order of
 * first use by the remaining samples. Their keys stay distinct (ids are
 * renamed one-to-one), so nothing else merges.
 */
function renumber(t: MergeTables, unique: UniqueSamples, labelSets: LabelSet[]): Renumbered {
  const used = unique.locationsInOrder(t.locations.length);
  const locMap = new Int32Array(t.locations.length).fill(-1);
  const mappings: Mapping[] = [];
  const functions: Func[] = [];
  const mappingMap = new Map<Mapping, Mapping>();
  const functionMap = new Map<Func, Func>();
  const mapMapping = (m: Mapping | null): Mapping | null => {
    if (!m) return null;
    let nm = mappingMap.get(m);
    if (!nm) {
      nm = { ...m, id: mappings.length + 1 };
      mappings.push(nm);
      mappingMap.set(m, nm);
    }
    return nm;
  };
  const mapFunction = (f: Func): Func => {
    let nf = functionMap.get(f);
    if (!nf) {
      nf = { ...f, id: functions.length + 1 };
      functions.push(nf);
      functionMap.set(f, nf);
    }
    return nf;
  };
  if (t.mappings.length > 0) mapMapping(t.mappings[0]);
  const locations = used.map((m, i): Location => {
    locMap[m] = i;
    const l = t.locations[m];
    const mapping = mapMapping(l.mapping);
    return { id: i + 1, mapping, address: l.address, lines: l.lines.map((ln) => ({ fn: mapFunction(ln.fn), line: ln.line, column: ln.column })), isFolded: l.isFolded };
  });
  const { labelMap, order } = unique.labelsInOrder(labelSets.length);
  return { tables: { mappings, functions, locations }, labelSets: order.map((i) => labelSets[i]), locMap, labelMap };
}
