// Encoding of a Profile into uncompressed profile.proto bytes, laid out the
// way pprof writes them (same string-table order, field order and packing),
// so that a profile written by gotune and one written by pprof compare equal.

import type { LabelSet, Profile } from './types.js';
import { StringTable } from './string-table.js';
import { encodeUtf8 } from './utf8.js';
import { Writer, WireType } from './wire.js';

interface EncodedLabel {
  key: number;
  str: number;
  num: number;
  unit: number;
}

// Label sets are shared by many samples: encode each set's labels once.
function labelFields(ls: LabelSet, st: StringTable): EncodedLabel[] {
  const out: EncodedLabel[] = [];
  for (const k of [...ls.str.keys()].sort()) {
    for (const v of ls.str.get(k)!) out.push({ key: st.add(k), str: st.add(v), num: 0, unit: 0 });
  }
  for (const k of [...ls.num.keys()].sort()) {
    const key = st.add(k);
    const units = ls.numUnits.get(k) ?? [];
    for (const [i, v] of ls.num.get(k)!.entries()) {
      out.push({ key, str: 0, num: v, unit: units.length !== 0 ? st.add(units[i]) : 0 });
    }
  }
  return out;
}

function optVarint(w: Writer, field: number, v: number): void {
  if (v !== 0) {
    w.tag(field, WireType.Varint);
    w.varint(v);
  }
}

function optBig(w: Writer, field: number, v: bigint): void {
  if (v !== 0n) {
    w.tag(field, WireType.Varint);
    w.varintBig(v);
  }
}

function optBool(w: Writer, field: number, v: boolean): void {
  if (v) {
    w.tag(field, WireType.Varint);
    w.varint(1);
  }
}

// pprof packs repeated numbers only when there are more than two.
function repeated(w: Writer, field: number, vs: ArrayLike<number>, from: number, to: number): void {
  if (to - from > 2) {
    const mark = w.beginMessage(field);
    for (let i = from; i < to; i++) w.varint(vs[i]);
    w.endMessage(mark);
    return;
  }
  for (let i = from; i < to; i++) {
    w.tag(field, WireType.Varint);
    w.varint(vs[i]);
  }
}

/** encodeProfile returns the uncompressed profile.proto encoding of p. */
export function encodeProfile(p: Profile): Uint8Array {
  // profile.proto: string_table[0] must be "".
  const st = new StringTable(['']);
  const sampleTypeX = p.sampleTypes.map((t) => [st.add(t.type), st.add(t.unit)]);
  const s = p.samples;
  // Strings of labels are added sample by sample, as pprof does, so the
  // table order matches; each distinct set is converted once.
  const setFields: (EncodedLabel[] | undefined)[] = new Array(s.labelSets.length);
  for (let i = 0; i < s.count; i++) {
    const li = s.labels[i];
    if (setFields[li] === undefined) setFields[li] = labelFields(s.labelSets[li], st);
  }
  const mappingX = p.mappings.map((m) => [st.add(m.file), st.add(m.buildId)]);
  const functionX = p.functions.map((f) => [st.add(f.name), st.add(f.systemName), st.add(f.filename)]);
  const dropX = st.add(p.dropFrames);
  const keepX = st.add(p.keepFrames);
  const periodX = p.periodType ? [st.add(p.periodType.type), st.add(p.periodType.unit)] : [0, 0];
  const commentX = p.comments.map((c) => st.add(c));
  const defaultX = st.add(p.defaultSampleType);
  const docX = st.add(p.docUrl);

  const w = new Writer(Math.max(1 << 16, s.locs.length * 3 + s.count * 16));
  for (const [t, u] of sampleTypeX) {
    const mark = w.beginMessage(1);
    optVarint(w, 1, t);
    optVarint(w, 2, u);
    w.endMessage(mark);
  }
  const locIds = p.locations.map((l) => l.id);
  const stack: number[] = [];
  for (let i = 0; i < s.count; i++) {
    const mark = w.beginMessage(2);
    stack.length = 0;
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) stack.push(locIds[s.locs[j]]);
    repeated(w, 1, stack, 0, stack.length);
    repeated(w, 2, s.values, i * s.nValues, (i + 1) * s.nValues);
    for (const l of setFields[s.labels[i]]!) {
      const lm = w.beginMessage(3);
      optVarint(w, 1, l.key);
      optVarint(w, 2, l.str);
      optVarint(w, 3, l.num);
      optVarint(w, 4, l.unit);
      w.endMessage(lm);
    }
    w.endMessage(mark);
  }
  p.mappings.forEach((m, i) => {
    const mark = w.beginMessage(3);
    optVarint(w, 1, m.id);
    optBig(w, 2, m.start);
    optBig(w, 3, m.limit);
    optBig(w, 4, m.offset);
    optVarint(w, 5, mappingX[i][0]);
    optVarint(w, 6, mappingX[i][1]);
    optBool(w, 7, m.hasFunctions);
    optBool(w, 8, m.hasFilenames);
    optBool(w, 9, m.hasLineNumbers);
    optBool(w, 10, m.hasInlineFrames);
    w.endMessage(mark);
  });
  for (const l of p.locations) {
    const mark = w.beginMessage(4);
    optVarint(w, 1, l.id);
    optVarint(w, 2, l.mapping ? l.mapping.id : 0);
    optBig(w, 3, l.address);
    for (const ln of l.lines) {
      const lm = w.beginMessage(4);
      optVarint(w, 1, ln.fn.id);
      optVarint(w, 2, ln.line);
      optVarint(w, 3, ln.column);
      w.endMessage(lm);
    }
    optBool(w, 5, l.isFolded);
    w.endMessage(mark);
  }
  p.functions.forEach((f, i) => {
    const mark = w.beginMessage(5);
    optVarint(w, 1, f.id);
    optVarint(w, 2, functionX[i][0]);
    optVarint(w, 3, functionX[i][1]);
    optVarint(w, 4, functionX[i][2]);
    optVarint(w, 5, f.startLine);
    w.endMessage(mark);
  });
  for (const str of st.list) {
    const b = encodeUtf8(str);
    w.tag(6, WireType.Bytes);
    w.varint(b.length);
    w.bytes(b);
  }
  optVarint(w, 7, dropX);
  optVarint(w, 8, keepX);
  optBig(w, 9, p.timeNanos);
  optVarint(w, 10, p.durationNanos);
  if (periodX[0] !== 0 || periodX[1] !== 0) {
    const mark = w.beginMessage(11);
    optVarint(w, 1, periodX[0]);
    optVarint(w, 2, periodX[1]);
    w.endMessage(mark);
  }
  optVarint(w, 12, p.period);
  repeated(w, 13, commentX, 0, commentX.length);
  w.tag(14, WireType.Varint);
  w.varint(defaultX);
  optVarint(w, 15, docX);
  return w.finish();
}
