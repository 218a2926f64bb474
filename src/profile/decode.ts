// Decoding of uncompressed profile.proto bytes into the Profile model, with
// the same acceptance rules as pprof's parser and validity check.

import { IdIndex, Ranges, scalar, scalarBig, scalarBool, scalarU, typeMismatch, type Str } from './decode-fields.js';
import { decodeSamples } from './decode-samples.js';
import { ProfileError } from './errors.js';
import type { Parallel } from './parallel.js';
import type { Func, Line, Location, Mapping, Profile, ValueType } from './types.js';
import { decodeUtf8 } from './utf8.js';
import { Reader, WireType } from './wire.js';

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

/**
 * decodeProfile decodes uncompressed profile.proto bytes. It throws a
 * ProfileError for empty, truncated, malformed or invalid input. With
 * stacks false every sample's stack is left empty, its location ids only
 * checked (for a report that never reads a stack).
 */
export function decodeProfile(buf: Uint8Array, parallel?: Parallel, stacks = true): Profile {
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
  const samples = decodeSamples(buf, h.samples, sampleTypes.length, locations, str, parallel, stacks);

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
    // Runs of samples, locations and functions (most of the top-level
    // fields) are skipped by a small loop of their own.
    const run = RUN_OF[buf[r.pos]];
    if (run !== undefined) {
      const next = scanRun(buf, r.pos, r.end, h[run]);
      if (next !== r.pos) {
        r.pos = next;
        continue;
      }
    }
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

// The one-byte tags of the length-delimited fields 2, 4 and 5, and their ranges.
const RUN_OF: Record<number, 'samples' | 'locations' | 'functions'> = { 0x12: 'samples', 0x22: 'locations', 0x2a: 'functions' };

/**
 * scanRun adds to rs the payloads of consecutive fields that share the tag
 * byte at pos, and returns where the run ends. Why: a profile's top level
 * is mostly such runs, and on a small profile this loop runs before the
 * optimizing compiler has seen it, so its few bytecodes per field are
 * most of the scan. It stops, for the general loop to take over (and to
 * report any error), at a length of 3 bytes or more or one past the end.
 */
function scanRun(buf: Uint8Array, pos: number, end: number, rs: Ranges): number {
  const tag = buf[pos];
  while (pos < end && buf[pos] === tag) {
    let p = pos + 1;
    let b = buf[p++];
    let len = b & 0x7f;
    if (b >= 0x80) {
      b = buf[p++];
      if (b >= 0x80) break;
      len |= b << 7;
    }
    const e = p + len;
    if (e > end) break;
    rs.add(p, e);
    pos = e;
  }
  return pos;
}

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

