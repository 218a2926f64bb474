// Decoding of uncompressed profile.proto bytes into the Profile model, with
// the same acceptance rules as pprof's parser and validity check.

import { ProfileError } from './errors.js';
import { LabelInterner } from './samples.js';
import type { Func, LabelSet, Line, Location, Mapping, Profile, Samples, ValueType } from './types.js';
import { decodeUtf8 } from './utf8.js';
import { Reader, WireType } from './wire.js';

/** Growable list of message byte ranges found in one scan of the top level. */
class Ranges {
  starts = new Uint32Array(16);
  ends = new Uint32Array(16);
  n = 0;
  add(s: number, e: number): void {
    if (this.n === this.starts.length) {
      const ns = new Uint32Array(this.n * 2);
      ns.set(this.starts);
      this.starts = ns;
      const ne = new Uint32Array(this.n * 2);
      ne.set(this.ends);
      this.ends = ne;
    }
    this.starts[this.n] = s;
    this.ends[this.n++] = e;
  }
}

interface Header {
  sampleTypes: Ranges;
  samples: Ranges;
  mappings: Ranges;
  locations: Ranges;
  functions: Ranges;
  strings: string[];
  dropFramesX: number;
  keepFramesX: number;
  timeNanos: bigint;
  durationNanos: number;
  periodType: Ranges;
  period: number;
  commentX: number[];
  defaultSampleTypeX: number;
  docUrlX: number;
  timeSeen: boolean;
}

function typeMismatch(what: string): ProfileError {
  return new ProfileError('malformed', `wire type mismatch in ${what}`);
}

/**
 * decodeProfile decodes uncompressed profile.proto bytes. It throws a
 * ProfileError for empty, truncated, malformed or invalid input.
 */
export function decodeProfile(buf: Uint8Array): Profile {
  if (buf.length === 0) throw new ProfileError('empty', 'empty input file');
  const h = scanTop(buf);
  const strings = h.strings;
  if (strings.length === 0) throw new ProfileError('malformed', 'profile has no string table');
  const str = (x: number, what: string): string => {
    if (x < 0 || x >= strings.length) {
      throw new ProfileError('malformed', `${what} refers to string ${x}, outside the string table (${strings.length} entries)`);
    }
    return strings[x];
  };

  const sampleTypes: ValueType[] = [];
  for (let i = 0; i < h.sampleTypes.n; i++) {
    sampleTypes.push(decodeValueType(buf, h.sampleTypes.starts[i], h.sampleTypes.ends[i], str));
  }
  const functions = decodeFunctions(buf, h.functions, str);
  const mappings = decodeMappings(buf, h.mappings, str);
  const locations = decodeLocations(buf, h.locations, mappings, functions);
  const samples = decodeSamples(buf, h.samples, sampleTypes.length, locations, str);

  let periodType: ValueType = { type: '', unit: '' };
  if (h.periodType.n > 0) {
    const k = h.periodType.n - 1;
    periodType = decodeValueType(buf, h.periodType.starts[k], h.periodType.ends[k], str);
  }
  return {
    sampleTypes,
    defaultSampleType: str(h.defaultSampleTypeX, 'default_sample_type'),
    samples,
    mappings,
    locations,
    functions,
    comments: h.commentX.map((x) => str(x, 'comment')),
    docUrl: str(h.docUrlX, 'doc_url'),
    dropFrames: str(h.dropFramesX, 'drop_frames'),
    keepFrames: str(h.keepFramesX, 'keep_frames'),
    timeNanos: h.timeNanos,
    durationNanos: h.durationNanos,
    periodType,
    period: h.period,
  };
}

function scanTop(buf: Uint8Array): Header {
  const h: Header = {
    sampleTypes: new Ranges(),
    samples: new Ranges(),
    mappings: new Ranges(),
    locations: new Ranges(),
    functions: new Ranges(),
    strings: [],
    dropFramesX: 0,
    keepFramesX: 0,
    timeNanos: 0n,
    durationNanos: 0,
    periodType: new Ranges(),
    period: 0,
    commentX: [],
    defaultSampleTypeX: 0,
    docUrlX: 0,
    timeSeen: false,
  };
  const r = new Reader(buf);
  while (r.pos < r.end) {
    const key = r.uint();
    const field = Math.floor(key / 8);
    const wt = key & 7;
    if (field >= 1 && field <= 6 || field === 11) {
      if (wt !== WireType.Bytes) throw typeMismatch(`profile field ${field}`);
      const end = r.bytesEnd();
      const start = r.pos;
      r.pos = end;
      switch (field) {
        case 1: h.sampleTypes.add(start, end); break;
        case 2: h.samples.add(start, end); break;
        case 3: h.mappings.add(start, end); break;
        case 4: h.locations.add(start, end); break;
        case 5: h.functions.add(start, end); break;
        case 6:
          h.strings.push(decodeUtf8(buf, start, end));
          if (h.strings[0] !== '') throw new ProfileError('malformed', "string_table[0] must be ''");
          break;
        case 11: h.periodType.add(start, end); break;
      }
      continue;
    }
    switch (field) {
      case 7: h.dropFramesX = scalar(r, wt, 'drop_frames'); break;
      case 8: h.keepFramesX = scalar(r, wt, 'keep_frames'); break;
      case 9:
        if (h.timeSeen && h.timeNanos !== 0n) {
          throw new ProfileError('unsupported', 'concatenated profiles detected');
        }
        if (wt !== WireType.Varint) throw typeMismatch('time_nanos');
        h.timeNanos = BigInt.asIntN(64, r.uint64());
        h.timeSeen = true;
        break;
      case 10: h.durationNanos = scalar(r, wt, 'duration_nanos'); break;
      case 12: h.period = scalar(r, wt, 'period'); break;
      case 13:
        if (wt === WireType.Bytes) {
          const end = r.bytesEnd();
          while (r.pos < end) h.commentX.push(r.int64());
          if (r.pos !== end) throw new ProfileError('malformed', 'bad packed comment list');
        } else {
          h.commentX.push(scalar(r, wt, 'comment'));
        }
        break;
      case 14: h.defaultSampleTypeX = scalar(r, wt, 'default_sample_type'); break;
      case 15: h.docUrlX = scalar(r, wt, 'doc_url'); break;
      default:
        r.skip(wt);
    }
    r.check();
  }
  return h;
}

function scalar(r: Reader, wt: number, what: string): number {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.int64();
}

type Str = (x: number, what: string) => string;

function decodeValueType(buf: Uint8Array, s: number, e: number, str: Str): ValueType {
  const r = new Reader(buf, s, e);
  let typeX = 0;
  let unitX = 0;
  while (r.pos < e) {
    const key = r.uint();
    const field = Math.floor(key / 8);
    const wt = key & 7;
    if (field === 1) typeX = scalar(r, wt, 'value type');
    else if (field === 2) unitX = scalar(r, wt, 'value type');
    else r.skip(wt);
  }
  r.check();
  return { type: str(typeX, 'value type'), unit: str(unitX, 'value type') };
}

/** IdIndex maps a table's uint64 ids to array indexes. */
class IdIndex {
  private dense: Int32Array | null = null;
  private sparse: Map<number, number> | null = null;

  constructor(ids: ArrayLike<number>, what: string) {
    let max = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
    const dup = (id: number) => new ProfileError('invalid', `multiple ${what}s with same id: ${id}`);
    if (max <= ids.length * 4 + 1024) {
      const d = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id === 0) throw new ProfileError('invalid', `found ${what} with reserved id=0`);
        if (d[id] !== -1) throw dup(id);
        d[id] = i;
      }
      this.dense = d;
    } else {
      const m = new Map<number, number>();
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id === 0) throw new ProfileError('invalid', `found ${what} with reserved id=0`);
        if (m.has(id)) throw dup(id);
        m.set(id, i);
      }
      this.sparse = m;
    }
  }

  /** denseTable returns the id-indexed table when ids are dense enough. */
  denseTable(): Int32Array | null {
    return this.dense;
  }

  /** get returns the index of id, or -1. */
  get(id: number): number {
    const d = this.dense;
    if (d !== null) return id < d.length ? d[id] : -1;
    const v = this.sparse!.get(id);
    return v === undefined ? -1 : v;
  }
}

function decodeFunctions(buf: Uint8Array, rs: Ranges, str: Str): Func[] {
  const out: Func[] = new Array(rs.n);
  const r = new Reader(buf);
  for (let i = 0; i < rs.n; i++) {
    r.pos = rs.starts[i];
    const e = (r.end = rs.ends[i]);
    let id = 0, nameX = 0, sysX = 0, fileX = 0, startLine = 0;
    while (r.pos < e) {
      const key = r.uint();
      const field = Math.floor(key / 8);
      const wt = key & 7;
      switch (field) {
        case 1: id = scalarU(r, wt, 'function id'); break;
        case 2: nameX = scalar(r, wt, 'function name'); break;
        case 3: sysX = scalar(r, wt, 'function system name'); break;
        case 4: fileX = scalar(r, wt, 'function filename'); break;
        case 5: startLine = scalar(r, wt, 'function start line'); break;
        default: r.skip(wt);
      }
    }
    r.check();
    out[i] = {
      id,
      name: str(nameX, 'function name'),
      systemName: str(sysX, 'function system name'),
      filename: str(fileX, 'function filename'),
      startLine,
    };
  }
  return out;
}

function scalarU(r: Reader, wt: number, what: string): number {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.uint();
}

function scalarBig(r: Reader, wt: number, what: string): bigint {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.uint64();
}

function scalarBool(r: Reader, wt: number, what: string): boolean {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.bool();
}

function decodeMappings(buf: Uint8Array, rs: Ranges, str: Str): Mapping[] {
  const out: Mapping[] = new Array(rs.n);
  const r = new Reader(buf);
  for (let i = 0; i < rs.n; i++) {
    r.pos = rs.starts[i];
    const e = (r.end = rs.ends[i]);
    const m: Mapping = {
      id: 0, start: 0n, limit: 0n, offset: 0n, file: '', buildId: '',
      hasFunctions: false, hasFilenames: false, hasLineNumbers: false, hasInlineFrames: false,
    };
    let fileX = 0, buildX = 0;
    while (r.pos < e) {
      const key = r.uint();
      const field = Math.floor(key / 8);
      const wt = key & 7;
      switch (field) {
        case 1: m.id = scalarU(r, wt, 'mapping id'); break;
        case 2: m.start = scalarBig(r, wt, 'mapping start'); break;
        case 3: m.limit = scalarBig(r, wt, 'mapping limit'); break;
        case 4: m.offset = scalarBig(r, wt, 'mapping offset'); break;
        case 5: fileX = scalar(r, wt, 'mapping filename'); break;
        case 6: buildX = scalar(r, wt, 'mapping build id'); break;
        case 7: m.hasFunctions = scalarBool(r, wt, 'mapping'); break;
        case 8: m.hasFilenames = scalarBool(r, wt, 'mapping'); break;
        case 9: m.hasLineNumbers = scalarBool(r, wt, 'mapping'); break;
        case 10: m.hasInlineFrames = scalarBool(r, wt, 'mapping'); break;
        default: r.skip(wt);
      }
    }
    r.check();
    m.file = str(fileX, 'mapping filename');
    m.buildId = str(buildX, 'mapping build id');
    out[i] = m;
  }
  new IdIndex(out.map((m) => m.id), 'mapping'); // rejects id 0 and duplicates
  return out;
}

function decodeLocations(buf: Uint8Array, rs: Ranges, mappings: Mapping[], functions: Func[]): Location[] {
  const mapIdx = new IdIndex(mappings.map((m) => m.id), 'mapping');
  const fnIdx = new IdIndex(functions.map((f) => f.id), 'function');
  const out: Location[] = new Array(rs.n);
  const r = new Reader(buf);
  for (let i = 0; i < rs.n; i++) {
    r.pos = rs.starts[i];
    const e = (r.end = rs.ends[i]);
    let id = 0, mappingId = 0, address = 0n, isFolded = false;
    const lines: Line[] = [];
    while (r.pos < e) {
      const key = r.uint();
      const field = Math.floor(key / 8);
      const wt = key & 7;
      switch (field) {
        case 1: id = scalarU(r, wt, 'location id'); break;
        case 2: mappingId = scalarU(r, wt, 'location mapping id'); break;
        case 3: address = scalarBig(r, wt, 'location address'); break;
        case 4: {
          if (wt !== WireType.Bytes) throw typeMismatch('location line');
          const le = r.bytesEnd();
          let fnId = 0, line = 0, column = 0;
          while (r.pos < le) {
            const k2 = r.uint();
            const f2 = Math.floor(k2 / 8);
            const w2 = k2 & 7;
            if (f2 === 1) fnId = scalarU(r, w2, 'line function id');
            else if (f2 === 2) line = scalar(r, w2, 'line number');
            else if (f2 === 3) column = scalar(r, w2, 'line column');
            else r.skip(w2);
          }
          if (r.pos !== le) throw new ProfileError('truncated', 'unexpected end of data in a location line');
          const fi = fnIdx.get(fnId);
          if (fi < 0) throw new ProfileError('invalid', `location id: ${id} has a line with nil function`);
          lines.push({ fn: functions[fi], line, column });
          break;
        }
        case 5: isFolded = scalarBool(r, wt, 'location is_folded'); break;
        default: r.skip(wt);
      }
    }
    r.check();
    const mi = mappingId === 0 ? -1 : mapIdx.get(mappingId);
    out[i] = { id, mapping: mi < 0 ? null : mappings[mi], address, lines, isFolded };
  }
  new IdIndex(out.map((l) => l.id), 'location');
  return out;
}

/**
 * countLocationIds counts the location ids of all samples (for an exact
 * allocation): the varint terminators inside each packed field 1. Fields
 * that do not parse cleanly fall back to counting every varint of their
 * message, an upper bound; the decoder reports the actual error later.
 */
function countLocationIds(buf: Uint8Array, rs: Ranges): number {
  let n = 0;
  for (let i = 0; i < rs.n; i++) {
    const start = rs.starts[i];
    const end = rs.ends[i];
    let p = start;
    let ok = true;
    while (p < end) {
      const tag = buf[p++];
      if (tag === 0x0a) {
        // Packed location ids: read the length, count terminators.
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
        // Branch-free: a byte ends a varint when its top bit is clear;
        // branchy code mispredicts on random ids and runs several times slower.
        for (; p < e; p++) n += (buf[p] >>> 7) ^ 1;
      } else if (tag === 0x08) {
        n++;
        while (p < end && buf[p] >= 0x80) p++;
        p++;
      } else if (tag === 0x12 || tag === 0x1a) {
        let len = 0;
        let shift = 0;
        let b: number;
        do {
          b = buf[p++];
          len += (b & 0x7f) * 2 ** shift;
          shift += 7;
        } while (b >= 0x80 && shift < 35);
        p += len;
      } else if (tag === 0x10) {
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
function readLocationIds(buf: Uint8Array, pos: number, end: number, locs: Uint32Array, n: number,
  dense: Int32Array | null, idx: IdIndex): number {
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

function decodeSamples(buf: Uint8Array, rs: Ranges, nValues: number, locations: Location[], str: Str): Samples {
  const count = rs.n;
  if (count > 0 && nValues === 0) throw new ProfileError('invalid', 'missing sample type information');
  const locIdx = new IdIndex(locations.map((l) => l.id), 'location');
  const dense = locIdx.denseTable();
  // Every value takes at least one byte: refuse impossible value counts
  // before allocating count × nValues numbers.
  let sampleBytes = 0;
  for (let i = 0; i < count; i++) sampleBytes += rs.ends[i] - rs.starts[i];
  if (count * nValues > sampleBytes) {
    throw new ProfileError('invalid', `mismatch: samples hold fewer values than the ${nValues} sample types`);
  }
  // Each location id takes at least one byte, so the sample bytes bound the
  // id count. Up to 1 GiB that bound is allocated as is: pages never written
  // stay unmapped (the kernel hands out zero pages lazily), so only the ids
  // decoded cost memory, and a counting pass over the data is saved.
  const cap = sampleBytes * 4 <= 1 << 30 ? sampleBytes : countLocationIds(buf, rs);
  const locs = new Uint32Array(cap);
  const stackStart = new Uint32Array(count + 1);
  const values = new Float64Array(count * nValues);
  const labels = new Uint32Array(count);
  const interner = new LabelInterner();
  const r = new Reader(buf);
  let nLocs = 0;
  const labelFields: number[] = [];
  const labelIndex = new FieldListIndex();
  for (let i = 0; i < count; i++) {
    r.pos = rs.starts[i];
    const e = (r.end = rs.ends[i]);
    let nv = 0;
    const vbase = i * nValues;
    labelFields.length = 0;
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
    stackStart[i + 1] = nLocs;
    if (labelFields.length > 0) {
      let li = labelIndex.find(labelFields);
      if (li < 0) labelIndex.add(labelFields, (li = internLabels(interner, labelFields, str)));
      labels[i] = li;
    }
  }
  return {
    count,
    nValues,
    stackStart,
    locs: locs.subarray(0, nLocs),
    values,
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
