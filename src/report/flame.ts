// The flame-graph data of the web UI: the collapsed stacks of -folded
// merged into a tree (top-down, inverted, or the two halves of a sandwich
// around one function; optionally a base beside it for a diff) and packed
// as typed arrays, one record per frame and no object per frame, which the
// browser decodes (web/client/flame-data.ts) and draws.

import { cleanPath } from '../graph/gopath.js';
import { locationFrames } from './folded.js';
import type { Profile } from '../profile/types.js';
import type { Report } from './report.js';

/** FLAME_MAGIC starts every packed flame graph ("GTF2"). */
export const FLAME_MAGIC = 0x32465447;

/** FlameMode is the tree's shape: callers above callees (top-down), leaves first (inverted), or one side of a sandwich around a function. */
export type FlameMode = 'top-down' | 'inverted' | 'callers' | 'callees';

/** FLAME_MODES lists the modes, for query checks. */
export const FLAME_MODES: readonly FlameMode[] = ['top-down', 'inverted', 'callers', 'callees'];

/** FlameInput is what a flame graph is made of: the report, a base beside it for a diff, the mode and the sandwich function. */
interface FlameInput {
  value: Report;
  /** The base of a differential flame graph, its values positive. */
  base?: Report;
  mode: FlameMode;
  /** Each frame's "file:line" (functionFiles), for the hover box. */
  files?: Map<string, string>;
  /** The sandwich function's frame name (callers and callees modes). */
  fn?: string;
}

/**
 * functionFiles maps each function name of a profile to its "file:line"
 * (where it starts); take it from the profile before aggregation, since
 * function granularity drops the files.
 */
export function functionFiles(p: Profile): Map<string, string> {
  const m = new Map<string, string>();
  for (const fn of p.functions) {
    if (fn.filename === '' || m.has(fn.name)) continue;
    m.set(fn.name, fn.startLine > 0 ? `${cleanPath(fn.filename)}:${fn.startLine}` : cleanPath(fn.filename));
  }
  return m;
}

/**
 * FlameTree grows the tree in typed arrays: one row per node, children
 * found through an open-addressing hash of (parent, name) in an
 * Int32Array, so that a million samples cost no strings and no Map (a
 * stack's text, as -folded builds it, and then a Map of number keys were
 * what made large profiles slow: 40 million lookups for 100 MB).
 */
class FlameTree {
  n = 1;
  name = new Uint32Array(1024);
  parent = new Uint32Array(1024).fill(0xffffffff, 0, 1);
  total = new Float64Array(1024);
  self = new Float64Array(1024);
  baseTotal = new Float64Array(1024);
  baseSelf = new Float64Array(1024);
  /** Node index + 1 per slot, 0 when empty; at most half full. */
  private slots = new Int32Array(2048);

  private static hash(parent: number, nameIdx: number): number {
    return (Math.imul(parent, 0x9e3779b1) ^ Math.imul(nameIdx + 0x7f4a7c15, 0x85ebca77)) >>> 0;
  }

  /** child finds or adds the child of parent named nameIdx. */
  child(parent: number, nameIdx: number): number {
    const mask = this.slots.length - 1;
    let h = FlameTree.hash(parent, nameIdx) & mask;
    for (;;) {
      const e = this.slots[h];
      if (e === 0) break;
      const c = e - 1;
      if (this.parent[c] === parent && this.name[c] === nameIdx) return c;
      h = (h + 1) & mask;
    }
    const c = this.n++;
    if (c === this.name.length) this.grow();
    this.name[c] = nameIdx;
    this.parent[c] = parent;
    if (this.n * 2 > this.slots.length) this.rehash();
    else this.slots[h] = c + 1;
    return c;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let c = 1; c < this.n; c++) {
      let h = FlameTree.hash(this.parent[c], this.name[c]) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = c + 1;
    }
    this.slots = slots;
  }

  private grow(): void {
    const g = <T extends Uint32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.name = g(this.name);
    this.parent = g(this.parent);
    this.total = g(this.total);
    this.self = g(this.self);
    this.baseTotal = g(this.baseTotal);
    this.baseSelf = g(this.baseSelf);
  }
}

/**
 * addReport walks the report's samples into the tree: frames at the
 * report's granularity, named as -folded names them (inlined calls as
 * frames), the selected sample value; samples without frames or with a
 * zero value add nothing, as in -folded.
 */
function addReport(t: FlameTree, rpt: Report, base: boolean, mode: FlameMode, fnIdx: number, nameOf: (f: string) => number): void {
  const p = rpt.graphProfile();
  const s = p.samples;
  const nv = s.nValues;
  const si = rpt.options.sampleIndex;
  const framesOf = locationFrames(p);
  const locNames: (Uint32Array | undefined)[] = new Array(p.locations.length);
  const path: number[] = [];
  const nodes: number[] = [];
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * nv + si];
    const from = s.stackStart[i], to = s.stackStart[i + 1];
    if (v === 0 || from === to) continue;
    path.length = 0;
    for (let k = to - 1; k >= from; k--) {
      const li = s.locs[k];
      let names = locNames[li];
      if (!names) names = locNames[li] = Uint32Array.from(framesOf(li), nameOf);
      for (let j = 0; j < names.length; j++) path.push(names[j]);
    }
    // The mode's path: [lo, hi) of path, walked forward or backward.
    let lo = 0, hi = path.length, backward = false;
    if (mode === 'inverted') backward = true;
    else if (mode === 'callees' || mode === 'callers') {
      const at = path.indexOf(fnIdx);
      if (at < 0) continue;
      if (mode === 'callees') lo = at + 1;
      else {
        hi = at;
        backward = true;
      }
    }
    // Children first, then the sums: growing the tree replaces its arrays.
    let node = 0;
    for (let k = 0; k < hi - lo; k++) {
      node = t.child(node, path[backward ? hi - 1 - k : lo + k]);
      nodes[k] = node;
    }
    const totals = base ? t.baseTotal : t.total;
    totals[0] += v;
    for (let k = 0; k < hi - lo; k++) totals[nodes[k]] += v;
    (base ? t.baseSelf : t.self)[node] += v;
  }
}

/**
 * packFlame builds the flame tree and packs it. Layout, little-endian:
 * u32 magic, u32 node count n, u32 JSON byte length, u32 flags (bit 0:
 * has a base); the JSON `{"names":[…],"files":[…]}` (files[i] is
 * "file:line" of names[i], or ""); then, aligned to 8 bytes, Float64
 * total[n] and self[n], with a base also Float64 baseTotal[n] and
 * baseSelf[n], then Uint32 name[n] and Uint32 parent[n] (the root's is
 * 0xFFFFFFFF). Nodes are in pre-order, children sorted by name, the root
 * (name 0, "root") holding the whole. Values are in the sample type's unit.
 */
export function packFlame(input: FlameInput): Uint8Array {
  const files = input.files ?? new Map<string, string>();
  const rootName = (input.mode === 'callers' || input.mode === 'callees') && input.fn ? input.fn : 'root';
  const names: string[] = [rootName];
  const nameIdx = new Map<string, number>([[rootName, 0]]);
  const nameOf = (f: string): number => {
    let k = nameIdx.get(f);
    if (k === undefined) {
      k = names.length;
      names.push(f);
      nameIdx.set(f, k);
    }
    return k;
  };
  // The sandwich function is name 0, so recursion into it finds it there.
  const fnIdx = rootName === 'root' ? -1 : 0;
  const t = new FlameTree();
  addReport(t, input.value, false, input.mode, fnIdx, nameOf);
  if (input.base) addReport(t, input.base, true, input.mode, fnIdx, nameOf);
  const fileOf = names.map((nm, i) => (i === 0 && rootName === 'root' ? '' : files.get(nm) ?? ''));

  // Children grouped by parent (counting sort), each group by name; then a
  // pre-order walk with an explicit stack, so deep profiles do not overflow.
  const tn = t.n;
  const start = new Uint32Array(tn + 1);
  for (let i = 1; i < tn; i++) start[t.parent[i] + 1]++;
  for (let i = 0; i < tn; i++) start[i + 1] += start[i];
  const kids = new Uint32Array(Math.max(tn - 1, 0));
  const fill = start.slice(0, tn);
  for (let i = 1; i < tn; i++) kids[fill[t.parent[i]]++] = i;
  const byName = (a: number, b: number) => {
    const x = names[t.name[a]], y = names[t.name[b]];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  for (let i = 0; i < tn; i++) if (start[i + 1] - start[i] > 1) kids.subarray(start[i], start[i + 1]).sort(byName);
  const order = new Uint32Array(tn);
  const newIdx = new Uint32Array(tn);
  const todo: number[] = [0];
  let at = 0;
  while (todo.length > 0) {
    const v = todo.pop()!;
    newIdx[v] = at;
    order[at++] = v;
    for (let k = start[v + 1]; k > start[v]; k--) todo.push(kids[k - 1]);
  }
  const n = tn;
  const hasBase = input.base !== undefined;
  const json = new TextEncoder().encode(JSON.stringify({ names, files: fileOf }));
  const off = Math.ceil((16 + json.length) / 8) * 8;
  const floats = hasBase ? 4 : 2;
  const buf = new ArrayBuffer(off + n * (8 * floats + 8));
  const dv = new DataView(buf);
  dv.setUint32(0, FLAME_MAGIC, true);
  dv.setUint32(4, n, true);
  dv.setUint32(8, json.length, true);
  dv.setUint32(12, hasBase ? 1 : 0, true);
  new Uint8Array(buf, 16, json.length).set(json);
  const f64 = (k: number) => new Float64Array(buf, off + k * 8 * n, n);
  const total = f64(0), self = f64(1);
  const baseTotal = hasBase ? f64(2) : null, baseSelf = hasBase ? f64(3) : null;
  const name = new Uint32Array(buf, off + floats * 8 * n, n);
  const parent = new Uint32Array(buf, off + floats * 8 * n + 4 * n, n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    total[i] = t.total[v];
    self[i] = t.self[v];
    if (baseTotal && baseSelf) {
      baseTotal[i] = t.baseTotal[v];
      baseSelf[i] = t.baseSelf[v];
    }
    name[i] = t.name[v];
    parent[i] = v === 0 ? 0xffffffff : newIdx[t.parent[v]];
  }
  return new Uint8Array(buf);
}
