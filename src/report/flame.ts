// The flame-graph report of the web UI: the collapsed stacks of -folded
// merged into a tree and packed as typed arrays (one record per frame, no
// object per frame), which the browser decodes and draws.

import { foldedStacks } from './folded.js';
import type { Report } from './report.js';

/** FLAME_MAGIC starts every packed flame graph ("GTF1"). */
export const FLAME_MAGIC = 0x31465447;

/**
 * packFlame builds the flame tree of the report (children sorted by name,
 * as flame graphs are) and packs it: a header of u32 magic, node count and
 * name-table byte length; the names as a UTF-8 JSON array; then, aligned to
 * 8 bytes, Float64 start, Float64 total, Float64 self, Uint32 name index,
 * Uint32 parent index (the root's is 0xFFFFFFFF) and Uint16 depth, in
 * pre-order. Start and total are sample values, the root holding the whole.
 */
export function packFlame(rpt: Report): Uint8Array {
  const stacks = foldedStacks(rpt);
  const names: string[] = ['root'];
  const nameIdx = new Map<string, number>();
  const nameOf = (s: string): number => {
    let i = nameIdx.get(s);
    if (i === undefined) {
      i = names.length;
      names.push(s);
      nameIdx.set(s, i);
    }
    return i;
  };
  // Tree with children keyed by name.
  interface T { name: number; total: number; self: number; kids: Map<number, T> }
  const root: T = { name: 0, total: 0, self: 0, kids: new Map() };
  for (const st of stacks) {
    let n = root;
    n.total += st.value;
    for (const f of st.frames) {
      const k = nameOf(f);
      let c = n.kids.get(k);
      if (!c) {
        c = { name: k, total: 0, self: 0, kids: new Map() };
        n.kids.set(k, c);
      }
      c.total += st.value;
      n = c;
    }
    n.self += st.value;
  }
  const start: number[] = [], total: number[] = [], self: number[] = [], name: number[] = [], parent: number[] = [], depth: number[] = [];
  const walk = (t: T, x: number, d: number, p: number): void => {
    const me = start.length;
    start.push(x); total.push(t.total); self.push(t.self); name.push(t.name); parent.push(p); depth.push(d);
    let cx = x;
    const kids = [...t.kids.values()].sort((a, b) => (names[a.name] < names[b.name] ? -1 : names[a.name] > names[b.name] ? 1 : 0));
    for (const k of kids) {
      walk(k, cx, d + 1, me);
      cx += Math.abs(k.total);
    }
  };
  walk(root, 0, 0, 0xffffffff);
  const n = start.length;
  const nameBytes = new TextEncoder().encode(JSON.stringify(names));
  const head = 12 + nameBytes.length;
  const off = Math.ceil(head / 8) * 8;
  const size = off + n * (8 * 3 + 4 * 2 + 2);
  const buf = new ArrayBuffer(size);
  const dv = new DataView(buf);
  dv.setUint32(0, FLAME_MAGIC, true);
  dv.setUint32(4, n, true);
  dv.setUint32(8, nameBytes.length, true);
  new Uint8Array(buf, 12, nameBytes.length).set(nameBytes);
  new Float64Array(buf, off, n).set(start);
  new Float64Array(buf, off + 8 * n, n).set(total);
  new Float64Array(buf, off + 16 * n, n).set(self);
  new Uint32Array(buf, off + 24 * n, n).set(name);
  new Uint32Array(buf, off + 28 * n, n).set(parent);
  new Uint16Array(buf, off + 32 * n, n).set(depth);
  return new Uint8Array(buf);
}
