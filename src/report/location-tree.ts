// The tree of location sequences that the frame tree is expanded from,
// built one depth at a time so that each depth's lookups stay in cache.

import type { Samples } from '../profile/types.js';
import { grownArray, pairHash } from './pair-hash.js';

/** LocationTree is a tree of location ids: node 0 is the root; parents come before their children. */
export interface LocationTree {
  n: number;
  /** Each node's location id (unset for the root). */
  loc: Uint32Array;
  parent: Uint32Array;
  /** The summed values of the samples whose stack ends at the node. */
  self: Float64Array;
}

/**
 * locationTree merges the samples' stacks (from the root, or from the leaf
 * when inverted) into a tree, skipping samples with no frames or a zero
 * value.
 *
 * Why by depth: a 100 MB profile's 40 M frames make about 1.5 M nodes, and
 * one hash of (parent, location) over all of them is far larger than the
 * caches, so every frame's lookup was a miss (about 100 ns; 5.5 s for
 * -folded). The nodes of one depth number tens of thousands, so a table
 * per depth stays in cache, and each depth reads the samples' frames in
 * memory order. Within a depth the samples are visited in their order, so
 * each node's self sums its samples in the same order as a sample-by-sample
 * walk would.
 */
export function locationTree(s: Samples, sampleIndex: number, inverted: boolean): LocationTree {
  const { stackStart, locs, values, nValues: nv } = s;
  // The samples still below the current depth, and the node each is at.
  let active = new Uint32Array(s.count);
  let na = 0;
  for (let i = 0; i < s.count; i++) {
    if (values[i * nv + sampleIndex] !== 0 && stackStart[i + 1] > stackStart[i]) active[na++] = i;
  }
  const at = new Uint32Array(na);
  let cap = 1024;
  let loc = new Uint32Array(cap);
  let parent = new Uint32Array(cap);
  let self = new Float64Array(cap);
  parent[0] = 0xffffffff;
  let n = 1;
  let tableCap = 4096;
  // Per slot: parent, location, node + 1 (0: empty); at most half full.
  let table = new Int32Array(3 * tableCap);
  for (let depth = 0; na > 0; depth++) {
    table.fill(0);
    let used = 0;
    let kept = 0;
    for (let j = 0; j < na; j++) {
      const i = active[j];
      const from = stackStart[i];
      const to = stackStart[i + 1];
      const l = inverted ? locs[from + depth] : locs[to - 1 - depth];
      const p = at[j];
      let mask = tableCap - 1;
      let h = pairHash(p, l) & mask;
      let node = -1;
      for (;;) {
        const e = table[3 * h + 2];
        if (e === 0) break;
        if (table[3 * h] === p && table[3 * h + 1] === l) {
          node = e - 1;
          break;
        }
        h = (h + 1) & mask;
      }
      if (node < 0) {
        node = n++;
        if (node === cap) {
          cap *= 2;
          loc = grownArray(loc, cap);
          parent = grownArray(parent, cap);
          self = grownArray(self, cap);
        }
        loc[node] = l;
        parent[node] = p;
        if (++used * 2 > tableCap) {
          table = rehash(table, tableCap * 2);
          tableCap *= 2;
          mask = tableCap - 1;
          h = pairHash(p, l) & mask;
          while (table[3 * h + 2] !== 0) h = (h + 1) & mask;
        }
        table[3 * h] = p;
        table[3 * h + 1] = l;
        table[3 * h + 2] = node + 1;
      }
      if (to - from === depth + 1) self[node] += values[i * nv + sampleIndex];
      else {
        // Kept in order, in place: j only moves ahead of kept.
        active[kept] = i;
        at[kept++] = node;
      }
    }
    na = kept;
    // Deep stacks are few: let the list of a million samples go.
    if (na * 4 < active.length && active.length > 4096) active = active.slice(0, na);
  }
  return { n, loc, parent, self };
}

/** rehash copies a depth's table into a new one of cap slots. */
function rehash(old: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const t = new Int32Array(3 * cap);
  const mask = cap - 1;
  for (let k = 0; k < old.length; k += 3) {
    if (old[k + 2] === 0) continue;
    let h = pairHash(old[k], old[k + 1]) & mask;
    while (t[3 * h + 2] !== 0) h = (h + 1) & mask;
    t[3 * h] = old[k];
    t[3 * h + 1] = old[k + 1];
    t[3 * h + 2] = old[k + 2];
  }
  return t;
}
