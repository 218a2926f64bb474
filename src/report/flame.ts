// The flame-graph data of the web UI: the collapsed stacks of -folded
// merged into a tree (top-down, inverted, or the two halves of a sandwich
// around one function; optionally a base beside it for a diff) and packed
// as typed arrays, one record per frame and no object per frame, which the
// browser decodes (web/client/flame-data.ts) and draws.

import { cleanPath } from '../graph/gopath.js';
import { StringTable } from '../profile/string-table.js';
import type { Profile } from '../profile/types.js';
import { addSamples, type FlameMode, FrameTree } from './frame-tree.js';
import type { Report } from './report.js';

export { type FlameMode, FLAME_MODES } from './frame-tree.js';

/** FLAME_MAGIC starts every packed flame graph ("GTF2"). */
export const FLAME_MAGIC = 0x32465447;

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
  const frameNames = new StringTable([rootName]);
  const names = frameNames.list;
  // The sandwich function is name 0, so recursion into it finds it there.
  const fnIdx = rootName === 'root' ? -1 : 0;
  const t = new FrameTree();
  addSamples(t, input.value, frameNames, { mode: input.mode, fnIdx });
  if (input.base) addSamples(t, input.base, frameNames, { base: true, mode: input.mode, fnIdx });
  t.sumTotals();
  const fileOf = names.map((nm, i) => (i === 0 && rootName === 'root' ? '' : files.get(nm) ?? ''));

  // Children by name; then a pre-order walk with an explicit stack, so deep
  // profiles do not overflow.
  const tn = t.n;
  const { start, kids } = t.children((a, b) => {
    const x = names[t.name[a]], y = names[t.name[b]];
    return x < y ? -1 : x > y ? 1 : 0;
  });
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
