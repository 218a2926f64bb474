// Test helper: write profile.proto bytes field by field, with no checks, so
// that tests can build inputs pprof must reject (ids pointing nowhere, value
// counts that do not match, string indexes past the table).

import { Writer, WireType } from '../profile/wire.js';

/** RawLine is one Line message: a function id and a line number. */
interface RawLine {
  functionId: number;
  line?: number;
}

/** RawLocation is one Location message. */
interface RawLocation {
  id: number;
  mappingId?: number;
  address?: bigint;
  lines: RawLine[];
}

/** RawFunction is one Function message; names are string-table indexes. */
interface RawFunction {
  id: number;
  name: number;
  systemName?: number;
  filename?: number;
}

/** RawLabel is one Label message; key/str/unit are string-table indexes. */
interface RawLabel {
  key: number;
  str?: number;
  num?: number;
  unit?: number;
}

/** RawSample is one Sample message: location ids, values and labels. */
interface RawSample {
  locationIds: number[];
  values: number[];
  labels?: RawLabel[];
}

/** RawMapping is one Mapping message. */
interface RawMapping {
  id: number;
  start?: bigint;
  limit?: bigint;
  file?: number;
}

/**
 * RawProfile mirrors profile.proto with every reference left as a number:
 * nothing is resolved or validated when it is written.
 */
export interface RawProfile {
  /** [type, unit] string indexes of each sample type. */
  sampleTypes: [number, number][];
  samples: RawSample[];
  mappings: RawMapping[];
  locations: RawLocation[];
  functions: RawFunction[];
  strings: string[];
  /** [type, unit] string indexes, written when present. */
  periodType?: [number, number];
  period?: number;
  defaultSampleType?: number;
  comments?: number[];
}

function varintField(w: Writer, field: number, v: number | bigint | undefined): void {
  if (v === undefined || v === 0 || v === 0n) return;
  w.tag(field, WireType.Varint);
  if (typeof v === 'bigint') w.varintBig(v);
  else w.varint(v);
}

function packed(w: Writer, field: number, vs: number[]): void {
  if (vs.length === 0) return;
  const mark = w.beginMessage(field);
  for (const v of vs) w.varint(v);
  w.endMessage(mark);
}

/** encodeRawProfile writes p as profile.proto bytes, exactly as given. */
export function encodeRawProfile(p: RawProfile): Uint8Array {
  const w = new Writer(1 << 12);
  for (const [t, u] of p.sampleTypes) {
    const m = w.beginMessage(1);
    varintField(w, 1, t);
    varintField(w, 2, u);
    w.endMessage(m);
  }
  for (const s of p.samples) {
    const m = w.beginMessage(2);
    packed(w, 1, s.locationIds);
    packed(w, 2, s.values);
    for (const l of s.labels ?? []) {
      const lm = w.beginMessage(3);
      varintField(w, 1, l.key);
      varintField(w, 2, l.str);
      varintField(w, 3, l.num);
      varintField(w, 4, l.unit);
      w.endMessage(lm);
    }
    w.endMessage(m);
  }
  for (const mp of p.mappings) {
    const m = w.beginMessage(3);
    varintField(w, 1, mp.id);
    varintField(w, 2, mp.start);
    varintField(w, 3, mp.limit);
    varintField(w, 5, mp.file);
    w.endMessage(m);
  }
  for (const l of p.locations) {
    const m = w.beginMessage(4);
    varintField(w, 1, l.id);
    varintField(w, 2, l.mappingId);
    varintField(w, 3, l.address);
    for (const ln of l.lines) {
      const lm = w.beginMessage(4);
      varintField(w, 1, ln.functionId);
      varintField(w, 2, ln.line);
      w.endMessage(lm);
    }
    w.endMessage(m);
  }
  for (const f of p.functions) {
    const m = w.beginMessage(5);
    varintField(w, 1, f.id);
    varintField(w, 2, f.name);
    varintField(w, 3, f.systemName ?? f.name);
    varintField(w, 4, f.filename);
    w.endMessage(m);
  }
  const enc = new TextEncoder();
  for (const s of p.strings) {
    const b = enc.encode(s);
    w.tag(6, WireType.Bytes);
    w.varint(b.length);
    w.bytes(b);
  }
  if (p.periodType) {
    const m = w.beginMessage(11);
    varintField(w, 1, p.periodType[0]);
    varintField(w, 2, p.periodType[1]);
    w.endMessage(m);
  }
  varintField(w, 12, p.period);
  for (const c of p.comments ?? []) {
    w.tag(13, WireType.Varint);
    w.varint(c);
  }
  varintField(w, 14, p.defaultSampleType);
  return w.finish().slice();
}

/**
 * smallCpuProfile is a valid two-sample CPU profile (main → work → spin) to
 * start from; tests copy it and break one thing. String indexes:
 * 1 samples, 2 count, 3 cpu, 4 nanoseconds, 5 main.main, 6 main.work,
 * 7 main.spin, 8 main.go, 9 /bin/app.
 */
export function smallCpuProfile(): RawProfile {
  return {
    sampleTypes: [[1, 2], [3, 4]],
    samples: [
      { locationIds: [3, 2, 1], values: [5, 50_000_000] },
      { locationIds: [2, 1], values: [2, 20_000_000] },
    ],
    mappings: [{ id: 1, start: 0x400000n, limit: 0x500000n, file: 9 }],
    locations: [
      { id: 1, mappingId: 1, address: 0x401000n, lines: [{ functionId: 1, line: 10 }] },
      { id: 2, mappingId: 1, address: 0x402000n, lines: [{ functionId: 2, line: 20 }] },
      { id: 3, mappingId: 1, address: 0x403000n, lines: [{ functionId: 3, line: 30 }] },
    ],
    functions: [
      { id: 1, name: 5, filename: 8 },
      { id: 2, name: 6, filename: 8 },
      { id: 3, name: 7, filename: 8 },
    ],
    strings: ['', 'samples', 'count', 'cpu', 'nanoseconds', 'main.main', 'main.work', 'main.spin', 'main.go', '/bin/app'],
    periodType: [3, 4],
    period: 10_000_000,
  };
}
