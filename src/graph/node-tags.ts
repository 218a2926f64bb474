// The label tags of chosen graph nodes (DOT's nodelets): per label set and
// node, the weight of the samples holding the node (each sample once) and
// of those whose leaf it is, summed in typed arrays over one sequential
// walk of the samples and only then turned into the nodes' tag maps.

import type { Samples } from '../profile/types.js';
import { addNodeTags, tagPlan, type Node } from './graph.js';

/** Bound on the (label set, node) cells summed at once: 1 M cells, ~17 MB of sums. */
const MAX_CELLS = 1 << 20;

/** LocationFrames maps a location to its frames' node ids: locNode[locStart[l] .. locStart[l+1]), innermost first. */
interface LocationFrames {
  locStart: Int32Array;
  locNode: Int32Array;
}

/** TagOptions are the sample value and divisor the tags sum, and how numeric tags are named. */
interface TagOptions {
  sampleIndex: number;
  meanIndex: number;
  format: (v: number, unit: string) => string;
  /** The bound on cells summed at once (default MAX_CELLS; tests make blocks small). */
  maxCells?: number;
}

/**
 * addNodeTagsFor adds to nodes[ids[c]] (ids ascending) the tags pprof's
 * graph gives them, in the order it adds them: label set by label set, and
 * for each node its cumulative tag before its flat one. Sample values are
 * integers, so the sums do not depend on the order samples are added in.
 *
 * The label sets go in blocks whose cells fit MAX_CELLS: a profile with
 * many label sets takes several walks, each skipping the samples of the
 * other blocks, rather than unbounded memory.
 */
export function addNodeTagsFor(s: Samples, frames: LocationFrames, nodes: readonly Node[], ids: Int32Array, o: TagOptions): void {
  const { locStart, locNode } = frames;
  const ns = ids.length;
  const slot = new Int32Array(nodes.length).fill(-1);
  for (let c = 0; c < ns; c++) slot[ids[c]] = c;
  // The locations that hold a chosen node: the walk skips the others.
  const nLoc = locStart.length - 1;
  const holds = new Uint8Array(nLoc);
  for (let l = 0; l < nLoc; l++) {
    for (let ni = locStart[l]; ni < locStart[l + 1]; ni++) if (slot[locNode[ni]] >= 0) holds[l] = 1;
  }
  const { stackStart, locs, values, labels } = s;
  const nv = s.nValues;
  const si = o.sampleIndex;
  const mi = o.meanIndex;
  const nl = s.labelSets.length;
  const perBlock = Math.max(1, Math.floor((o.maxCells ?? MAX_CELLS) / ns));
  const cells = Math.min(nl, perBlock) * ns;
  const cum = new Float64Array(cells);
  const flat = new Float64Array(cells);
  // The divisors are all zero unless -mean is set.
  const cumDiv = mi >= 0 ? new Float64Array(cells) : null;
  const flatDiv = mi >= 0 ? new Float64Array(cells) : null;
  // 1: counted cumulatively; 2: as a leaf (a tag exists even when its sum is 0).
  const touched = new Uint8Array(cells);
  // The last sample that counted each chosen node. A sample belongs to one
  // label set, so to one block: indexes never repeat across blocks.
  const seen = new Int32Array(ns).fill(-1);
  for (let b0 = 0; b0 < nl; b0 += perBlock) {
    const b1 = Math.min(nl, b0 + perBlock);
    for (let i = 0; i < s.count; i++) {
      const li = labels[i];
      if (li < b0 || li >= b1) continue;
      const w = values[i * nv + si];
      const dw = mi >= 0 ? values[i * nv + mi] : 0;
      if (w === 0 && dw === 0) continue;
      const base = (li - b0) * ns;
      // The leaf: the innermost frame of the first location that has one.
      let leaf = -1;
      for (let k = stackStart[i]; k < stackStart[i + 1]; k++) {
        const loc = locs[k];
        if (leaf < 0 && locStart[loc + 1] > locStart[loc]) leaf = locNode[locStart[loc]];
        if (holds[loc] === 0) continue;
        for (let ni = locStart[loc]; ni < locStart[loc + 1]; ni++) {
          const c = slot[locNode[ni]];
          if (c >= 0 && seen[c] !== i) {
            seen[c] = i;
            touched[base + c] |= 1;
            cum[base + c] += w;
            if (cumDiv) cumDiv[base + c] += dw;
          }
        }
      }
      const c = leaf >= 0 ? slot[leaf] : -1;
      if (c >= 0) {
        touched[base + c] |= 2;
        flat[base + c] += w;
        if (flatDiv) flatDiv[base + c] += dw;
      }
    }
    for (let li = b0; li < b1; li++) {
      const base = (li - b0) * ns;
      let plan: ReturnType<typeof tagPlan> | null = null;
      for (let c = 0; c < ns; c++) {
        const t = touched[base + c];
        if (t === 0) continue;
        plan ??= tagPlan(s.labelSets[li], o.format);
        const node = nodes[ids[c]];
        if (t & 1) addNodeTags(node, plan, cumDiv ? cumDiv[base + c] : 0, cum[base + c], false);
        if (t & 2) addNodeTags(node, plan, flatDiv ? flatDiv[base + c] : 0, flat[base + c], true);
      }
    }
    if (b1 < nl) {
      cum.fill(0);
      flat.fill(0);
      touched.fill(0);
      cumDiv?.fill(0);
      flatDiv?.fill(0);
    }
  }
}
