// pprof's mapping heuristics for legacy profiles: merging split mappings,
// putting the main binary first, and assigning each location its mapping.

import { goTrimSpace, type LineScanner } from './lines.js';
import type { DraftLocation, DraftMapping, DraftProfile } from './draft.js';
import { isMemoryMapSentinel, readMemoryMap } from './proc-maps.js';
import { toUint64 } from './strconv.js';

const SHARED_LIBRARY = /\.so$|\.so[._][0-9]/;
const MAIN_BINARY_START = 0x400000n;

// Two entries are one mapping split in two when they touch, do not
// disagree on file or build id, and (when both have one) offsets line up.
function continues(a: DraftMapping, b: DraftMapping): boolean {
  if (a.file !== '' && b.file !== '' && a.file !== b.file) return false;
  if (a.buildId !== '' && b.buildId !== '' && a.buildId !== b.buildId) return false;
  if (a.limit !== b.start) return false;
  if (a.offset !== 0n && b.offset !== 0n && toUint64(a.offset + (a.limit - a.start)) !== b.offset) return false;
  return true;
}

/**
 * massageMappings merges adjacent pieces of one mapping and moves the first
 * mapping that looks like the main executable (not a .so, not "[vdso]"-like)
 * to the front. No location has a mapping yet when legacy parsers call it.
 */
function massageMappings(ms: DraftMapping[]): DraftMapping[] {
  const merged: DraftMapping[] = [];
  for (const m of ms) {
    const last = merged[merged.length - 1];
    if (last && continues(last, m)) {
      last.limit = m.limit;
      if (m.file !== '') last.file = m.file;
      if (m.buildId !== '') last.buildId = m.buildId;
    } else {
      merged.push(m);
    }
  }
  const main = merged.findIndex((m) => {
    const file = goTrimSpace(m.file.split('(deleted)').join(''));
    return file !== '' && !SHARED_LIBRARY.test(file) && file[0] !== '[';
  });
  if (main > 0) [merged[0], merged[main]] = [merged[main], merged[0]];
  return merged;
}

/**
 * RangeFinder answers "which is the first mapping, in table order, whose
 * range [lo, hi) holds this address". When the ranges do not overlap it
 * binary-searches a sorted copy; otherwise it scans. Call reset() after a
 * range changes.
 */
class RangeFinder {
  private sorted: { lo: bigint; hi: bigint; m: DraftMapping }[] | null | undefined;

  private readonly ms: DraftMapping[];

  constructor(ms: DraftMapping[], private readonly range: (m: DraftMapping) => [bigint, bigint] | null) {
    this.ms = ms.slice();
  }

  reset(): void {
    this.sorted = undefined;
  }

  private index(): { lo: bigint; hi: bigint; m: DraftMapping }[] | null {
    if (this.sorted !== undefined) return this.sorted;
    const rs = [];
    for (const m of this.ms) {
      const r = this.range(m);
      if (r && r[0] < r[1]) rs.push({ lo: r[0], hi: r[1], m });
    }
    rs.sort((x, y) => (x.lo < y.lo ? -1 : x.lo > y.lo ? 1 : 0));
    let disjoint = true;
    for (let i = 1; i < rs.length && disjoint; i++) disjoint = rs[i - 1].hi <= rs[i].lo;
    this.sorted = disjoint ? rs : null;
    return this.sorted;
  }

  find(a: bigint): DraftMapping | null {
    const rs = this.index();
    if (rs === null) {
      for (const m of this.ms) {
        const r = this.range(m);
        if (r && r[0] <= a && a < r[1]) return m;
      }
      return null;
    }
    let lo = 0;
    let hi = rs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rs[mid].lo <= a) lo = mid + 1;
      else hi = mid;
    }
    const r = rs[lo - 1];
    return r && a < r.hi ? r.m : null;
  }
}

/**
 * assignMappings is pprof's remapMappingIDs for legacy profiles: it drops a
 * leading /anon_hugepage piece, snaps a main binary mapped at 0x400000,
 * gives each location with an address the mapping that holds it (growing a
 * mapping down over its unlisted first part if need be), and adds one fake
 * all-covering mapping for locations nothing holds.
 */
export function assignMappings(d: DraftProfile): void {
  let ms = d.mappings;
  if (ms.length > 1 && ms[0].file.startsWith('/anon_hugepage') && ms[0].limit === ms[1].start) ms = ms.slice(1);
  if (ms.length > 0 && toUint64(ms[0].start - ms[0].offset) === MAIN_BINARY_START) {
    ms[0].start = MAIN_BINARY_START;
    ms[0].offset = 0n;
  }
  const holding = new RangeFinder(ms, (m) => [m.start, m.limit]);
  const below = new RangeFinder(ms, (m) => (m.offset === 0n ? null : [toUint64(m.start - m.offset), m.start]));
  let fake: DraftMapping | null = null;
  const place = (l: DraftLocation): void => {
    const a = l.address;
    // Once the fake mapping exists it holds whatever the real ones do not.
    let m = holding.find(a) ?? fake;
    if (!m) {
      m = below.find(a);
      if (m) {
        m.start = toUint64(m.start - m.offset);
        m.offset = 0n;
        holding.reset();
        below.reset();
      }
    }
    if (!m) {
      if (!fake) {
        fake = { start: 0n, limit: (1n << 64n) - 1n, offset: 0n, file: '', buildId: '' };
        ms.push(fake);
      }
      m = fake;
    }
    l.mapping = m;
  };
  for (const l of d.locations) {
    if (l.mapping === null && l.address !== 0n) place(l);
  }
  d.mappings = ms;
}

/**
 * attachMemoryMap reads the memory map from the scanner and finishes the
 * draft's tables, as pprof's ParseMemoryMapFromScanner does.
 */
export function attachMemoryMap(d: DraftProfile, s: LineScanner): void {
  d.mappings = massageMappings([...d.mappings, ...readMemoryMap(s)]);
  d.keepSampledLocations();
  assignMappings(d);
}

/**
 * readTrailingSections skips any sections after the samples up to the
 * memory-map sentinel (the scanner's current line counts) and attaches the
 * memory map that follows, if any.
 */
export function readTrailingSections(d: DraftProfile, s: LineScanner): void {
  while (!isMemoryMapSentinel(s.text) && s.scan()) {
    // skip
  }
  s.throwIfFailed();
  attachMemoryMap(d, s);
}
