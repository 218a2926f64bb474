// The tree of frames that -folded and the flame graph are made of: each
// sample's frames (as -folded names them, inlined calls as frames of their
// own) merged from the root, in typed arrays with no object per frame.

import type { StringTable } from '../profile/string-table.js';
import { locationFrames } from './folded-names.js';
import { locationTree } from './location-tree.js';
import { grownArray, pairHash } from './pair-hash.js';
import type { Report } from './report.js';

/** FlameMode is the tree's shape: callers above callees (top-down), leaves first (inverted), or one side of a sandwich around a function. */
export type FlameMode = 'top-down' | 'inverted' | 'callers' | 'callees';

/** FLAME_MODES lists the modes, for query checks. */
export const FLAME_MODES: readonly FlameMode[] = ['top-down', 'inverted', 'callers', 'callees'];

/**
 * FrameTree grows the tree in typed arrays: one row per node (0 is the
 * root), children found through an open-addressing hash of (parent, name)
 * in an Int32Array, so that a million samples cost no strings and no Map
 * (a stack's text, and then a Map of number keys, were what made large
 * profiles slow: 40 million lookups for 100 MB).
 */
export class FrameTree {
  n = 1;
  name = new Uint32Array(1024);
  parent = new Uint32Array(1024).fill(0xffffffff, 0, 1);
  self = new Float64Array(1024);
  baseSelf = new Float64Array(1024);
  /** Each node's total (and base total), made by sumTotals. */
  total = new Float64Array(0);
  baseTotal = new Float64Array(0);
  /**
   * The hash: per slot (parent, name, node + 1), 0 when empty, at most
   * half full. The key sits beside the node so a probe reads one cache
   * line: with the key in the node arrays, a lookup in a 100 MB profile's
   * tree cost three cache misses.
   */
  private slots = new Int32Array(3 * 2048);
  private cap = 2048;

  /** child finds or adds the child of parent named nameIdx. */
  child(parent: number, nameIdx: number): number {
    const mask = this.cap - 1;
    const slots = this.slots;
    let h = pairHash(parent, nameIdx) & mask;
    for (;;) {
      const at = 3 * h;
      const e = slots[at + 2];
      if (e === 0) break;
      if (slots[at] === parent && slots[at + 1] === nameIdx) return e - 1;
      h = (h + 1) & mask;
    }
    const c = this.n++;
    if (c === this.name.length) this.grow();
    this.name[c] = nameIdx;
    this.parent[c] = parent;
    if (this.n * 2 > this.cap) this.rehash();
    else {
      slots[3 * h] = parent;
      slots[3 * h + 1] = nameIdx;
      slots[3 * h + 2] = c + 1;
    }
    return c;
  }

  /**
   * sumTotals makes total (and baseTotal) from self: each node's total is
   * its self plus its children's totals. Children come after their parent
   * in node order, so one backward pass does it; the walk then touches no
   * node but the stack's leaf.
   */
  sumTotals(): void {
    this.total = this.self.slice(0, this.n);
    this.baseTotal = this.baseSelf.slice(0, this.n);
    for (let c = this.n - 1; c > 0; c--) {
      const p = this.parent[c];
      this.total[p] += this.total[c];
      this.baseTotal[p] += this.baseTotal[c];
    }
  }

  /**
   * children groups the nodes by parent (a counting sort): the children of
   * v are kids[start[v]] … kids[start[v + 1] - 1], each group in the order
   * of cmp (nodes' own order when cmp is absent).
   */
  children(cmp?: (a: number, b: number) => number): { start: Uint32Array; kids: Uint32Array } {
    const tn = this.n;
    const start = new Uint32Array(tn + 1);
    for (let i = 1; i < tn; i++) start[this.parent[i] + 1]++;
    for (let i = 0; i < tn; i++) start[i + 1] += start[i];
    const kids = new Uint32Array(Math.max(tn - 1, 0));
    const fill = start.slice(0, tn);
    for (let i = 1; i < tn; i++) kids[fill[this.parent[i]]++] = i;
    if (cmp) for (let i = 0; i < tn; i++) if (start[i + 1] - start[i] > 1) kids.subarray(start[i], start[i + 1]).sort(cmp);
    return { start, kids };
  }

  private rehash(): void {
    const cap = this.cap * 2;
    const slots = new Int32Array(3 * cap);
    const mask = cap - 1;
    for (let c = 1; c < this.n; c++) {
      let h = pairHash(this.parent[c], this.name[c]) & mask;
      while (slots[3 * h + 2] !== 0) h = (h + 1) & mask;
      slots[3 * h] = this.parent[c];
      slots[3 * h + 1] = this.name[c];
      slots[3 * h + 2] = c + 1;
    }
    this.slots = slots;
    this.cap = cap;
  }

  private grow(): void {
    const size = this.name.length * 2;
    this.name = grownArray(this.name, size);
    this.parent = grownArray(this.parent, size);
    this.self = grownArray(this.self, size);
    this.baseSelf = grownArray(this.baseSelf, size);
  }

}

/** AddOptions say how samples join the tree. */
interface AddOptions {
  /** Add into baseSelf instead of self. */
  base?: boolean;
  mode: FlameMode;
  /** The sandwich function's name index (callers and callees modes). */
  fnIdx?: number;
}

/**
 * addSamples walks the report's samples into the tree: frames at the
 * report's granularity, named as -folded names them (inlined calls as
 * frames), the selected sample value; samples without frames or with a
 * zero value add nothing, as in -folded. Only self (or baseSelf) grows:
 * call sumTotals once all samples are in.
 */
export function addSamples(t: FrameTree, rpt: Report, names: StringTable, opts: AddOptions): void {
  const p = rpt.graphProfile();
  const framesOf = locationFrames(p);
  const nameOf = (f: string) => names.add(f);
  const locNames: (Uint32Array | undefined)[] = new Array(p.locations.length);
  const namesOf = (li: number): Uint32Array => (locNames[li] ??= Uint32Array.from(framesOf(li), nameOf));
  if (opts.mode === 'top-down' || opts.mode === 'inverted') addByLocations(t, rpt, namesOf, opts.mode === 'inverted', opts.base ?? false);
  else addSandwich(t, rpt, namesOf, opts.mode === 'callers', opts.fnIdx ?? -1, opts.base ?? false);
}

/**
 * addByLocations adds the samples in two steps: a tree of location
 * sequences first (from the root, or from the leaf when inverted), then
 * each of its nodes onto the frame tree below its parent's frame node.
 * Most of a large profile's stack frames are prefixes shared with other
 * samples; the first tree meets each frame once per sample, the second
 * expands each distinct prefix once, and the location tree has no inlined
 * frames to walk (half the lookups on a 100 MB profile).
 */
function addByLocations(t: FrameTree, rpt: Report, namesOf: (li: number) => Uint32Array, inverted: boolean, base: boolean): void {
  const lt = locationTree(rpt.graphProfile().samples, rpt.options.sampleIndex, inverted);
  // Parents come before their children in the location tree's order.
  const frameNode = new Uint32Array(lt.n);
  for (let c = 1; c < lt.n; c++) {
    let f = frameNode[lt.parent[c]];
    const ln = namesOf(lt.loc[c]);
    if (inverted) for (let j = ln.length - 1; j >= 0; j--) f = t.child(f, ln[j]);
    else for (let j = 0; j < ln.length; j++) f = t.child(f, ln[j]);
    frameNode[c] = f;
    // t.child may have grown the arrays: read self afresh.
    (base ? t.baseSelf : t.self)[f] += lt.self[c];
  }
}

/**
 * addSandwich adds the samples through a function: the frames below its
 * outermost call (callees) or above it, leaf-side first (callers); samples
 * without it are left out.
 */
function addSandwich(t: FrameTree, rpt: Report, namesOf: (li: number) => Uint32Array, callers: boolean, fnIdx: number, base: boolean): void {
  const s = rpt.graphProfile().samples;
  const nv = s.nValues;
  const si = rpt.options.sampleIndex;
  const path: number[] = [];
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * nv + si];
    const from = s.stackStart[i], to = s.stackStart[i + 1];
    if (v === 0 || from === to) continue;
    path.length = 0;
    for (let k = to - 1; k >= from; k--) {
      const ln = namesOf(s.locs[k]);
      for (let j = 0; j < ln.length; j++) path.push(ln[j]);
    }
    const at = path.indexOf(fnIdx);
    if (at < 0) continue;
    let node = 0;
    if (callers) for (let k = at - 1; k >= 0; k--) node = t.child(node, path[k]);
    else for (let k = at + 1; k < path.length; k++) node = t.child(node, path[k]);
    (base ? t.baseSelf : t.self)[node] += v;
  }
}
