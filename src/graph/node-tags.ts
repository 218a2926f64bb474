// The label tags of chosen graph nodes (DOT's nodelets): per label set and
// node, the weight of the samples holding the node (each sample once) and
// of those whose leaf it is, summed in typed arrays over one sequential
// walk of the samples (split with a helper thread when there is one) and
// only then turned into the nodes' tag maps.

import { samplesShared, type Parallel } from '../profile/parallel.js';
import type { Samples } from '../profile/types.js';
import { addNodeTags, tagPlan, type Node } from './graph.js';
import type { SampleArrays } from './passes.js';

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
  /** A helper thread that sums the samples from `split` on (with shared sample arrays). */
  parallel?: Parallel | null;
  split?: number;
}

/** NodeTagInput is what summing a range of samples reads (a helper thread gets it whole). */
export interface NodeTagInput extends SampleArrays, LocationFrames {
  labels: Uint32Array;
  /** Node id → its chosen node's number c, or -1. */
  slot: Int32Array;
  /** 1 for the locations that hold a chosen node. */
  holds: Uint8Array;
  /** How many nodes are chosen. */
  ns: number;
  /** The block of label sets summed: [b0, b1). */
  b0: number;
  b1: number;
}

/**
 * NodeTagSums are a block's sums per (label set, chosen node) cell, at
 * (labelSet - b0) * ns + c. touched: 1 counted cumulatively, 2 as a leaf
 * (a tag exists even when its sum is 0).
 */
interface NodeTagSums {
  cum: Float64Array;
  flat: Float64Array;
  /** The divisors, only with -mean. */
  cumDiv: Float64Array | null;
  flatDiv: Float64Array | null;
  touched: Uint8Array;
}

/**
 * nodeTagSums sums, over samples [from, to) whose label set is in the
 * block, each sample's weight once into the cell of every chosen node on
 * its stack, and into its leaf's flat cell.
 */
export function nodeTagSums(x: NodeTagInput, from: number, to: number): NodeTagSums {
  const { stackStart, locs, values, labels, nValues: nv, sampleIndex: si, meanIndex: mi, locStart, locNode, slot, holds, ns, b0, b1 } = x;
  const cells = (b1 - b0) * ns;
  const cum = new Float64Array(cells);
  const flat = new Float64Array(cells);
  const cumDiv = mi >= 0 ? new Float64Array(cells) : null;
  const flatDiv = mi >= 0 ? new Float64Array(cells) : null;
  const touched = new Uint8Array(cells);
  // The last sample that counted each chosen node.
  const seen = new Int32Array(ns).fill(-1);
  for (let i = from; i < to; i++) {
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
  return { cum, flat, cumDiv, flatDiv, touched };
}

/** addSums adds b's cells into a's (sums add, touched marks OR). */
function addSums(a: NodeTagSums, b: NodeTagSums): void {
  for (let k = 0; k < a.cum.length; k++) {
    a.cum[k] += b.cum[k];
    a.flat[k] += b.flat[k];
    a.touched[k] |= b.touched[k];
  }
  if (a.cumDiv && b.cumDiv && a.flatDiv && b.flatDiv) {
    for (let k = 0; k < a.cumDiv.length; k++) {
      a.cumDiv[k] += b.cumDiv[k];
      a.flatDiv[k] += b.flatDiv[k];
    }
  }
}

/**
 * addNodeTagsFor adds to nodes[ids[c]] (ids ascending) the tags pprof's
 * graph gives them, in the order it adds them: label set by label set, and
 * for each node its cumulative tag before its flat one. Sample values are
 * integers, so the sums do not depend on the order samples are added in
 * (nor on which thread adds them).
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
  const nl = s.labelSets.length;
  const perBlock = Math.max(1, Math.floor((o.maxCells ?? MAX_CELLS) / ns));
  const split = o.split ?? s.count;
  // The helper reads the sample arrays in place, so only when all are shared.
  const parallel = o.parallel && split < s.count && samplesShared(s) ? o.parallel : null;
  for (let b0 = 0; b0 < nl; b0 += perBlock) {
    const b1 = Math.min(nl, b0 + perBlock);
    const x: NodeTagInput = {
      stackStart: s.stackStart, locs: s.locs, values: s.values, labels: s.labels, nValues: s.nValues,
      sampleIndex: o.sampleIndex, meanIndex: o.meanIndex, locStart, locNode, slot, holds, ns, b0, b1,
    };
    let sums: NodeTagSums;
    if (parallel) {
      const other = parallel.start<NodeTagSums>('graph.nodeTags', { input: x, from: split, to: s.count });
      sums = nodeTagSums(x, 0, split);
      // Without the helper's part (it failed), sum that part here.
      addSums(sums, other.wait() ?? nodeTagSums(x, split, s.count));
    } else {
      sums = nodeTagSums(x, 0, s.count);
    }
    const { cum, flat, cumDiv, flatDiv, touched } = sums;
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
  }
}
