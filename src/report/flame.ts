// The flame-graph data of the web UI: the collapsed stacks of -folded
// merged into a tree (top-down, inverted, or the two halves of a sandwich
// around one function; optionally a base beside it for a diff) and packed
// as typed arrays, one record per frame and no object per frame, which the
// browser decodes (web/client/flame-data.ts) and draws.

import { cleanPath } from '../graph/gopath.js';
import { foldedStacks, type FoldedStack } from './folded.js';
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

/** shapeStack turns a root-first stack into the mode's path, or null when the mode leaves it out. */
function shapeStack(frames: string[], mode: FlameMode, fn: string | undefined): string[] | null {
  switch (mode) {
    case 'top-down':
      return frames;
    case 'inverted':
      return frames.slice().reverse();
    // A sandwich's halves hang from the function itself, which becomes the
    // root; its outermost call counts, so recursion stays in the callees
    // and the callers are the ones that entered it, each sample once.
    case 'callees': {
      const i = frames.indexOf(fn!);
      return i < 0 ? null : frames.slice(i + 1);
    }
    case 'callers': {
      const i = frames.indexOf(fn!);
      return i < 0 ? null : frames.slice(0, i).reverse();
    }
  }
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

interface Tree { name: number; total: number; self: number; baseTotal: number; baseSelf: number; kids: Map<number, Tree> | null }

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
  const fileOf: string[] = [''];
  const root: Tree = { name: 0, total: 0, self: 0, baseTotal: 0, baseSelf: 0, kids: null };
  const add = (stacks: FoldedStack[], base: boolean): void => {
    for (const st of stacks) {
      const path = shapeStack(st.frames, input.mode, input.fn);
      if (path === null) continue;
      let n = root;
      if (base) n.baseTotal += st.value;
      else n.total += st.value;
      for (const f of path) {
        let k = nameIdx.get(f);
        if (k === undefined) {
          k = names.length;
          names.push(f);
          nameIdx.set(f, k);
          fileOf.push(files.get(f) ?? '');
        }
        n.kids ??= new Map();
        let c = n.kids.get(k);
        if (!c) {
          c = { name: k, total: 0, self: 0, baseTotal: 0, baseSelf: 0, kids: null };
          n.kids.set(k, c);
        }
        if (base) c.baseTotal += st.value;
        else c.total += st.value;
        n = c;
      }
      if (base) n.baseSelf += st.value;
      else n.self += st.value;
    }
  };
  add(foldedStacks(input.value), false);
  if (input.base) add(foldedStacks(input.base), true);
  fileOf[0] = rootName === 'root' ? '' : files.get(rootName) ?? '';

  // Pre-order walk with an explicit stack: deep profiles must not overflow.
  const order: Tree[] = [];
  const parents: number[] = [];
  const todo: [Tree, number][] = [[root, 0xffffffff]];
  const byName = (a: Tree, b: Tree) => (names[a.name] < names[b.name] ? -1 : names[a.name] > names[b.name] ? 1 : 0);
  while (todo.length > 0) {
    const [t, p] = todo.pop()!;
    const me = order.length;
    order.push(t);
    parents.push(p);
    if (t.kids) {
      const kids = [...t.kids.values()].sort(byName);
      for (let i = kids.length - 1; i >= 0; i--) todo.push([kids[i], me]);
    }
  }
  const n = order.length;
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
    const t = order[i];
    total[i] = t.total;
    self[i] = t.self;
    if (baseTotal && baseSelf) {
      baseTotal[i] = t.baseTotal;
      baseSelf[i] = t.baseSelf;
    }
    name[i] = t.name;
    parent[i] = parents[i];
  }
  return new Uint8Array(buf);
}
