// The two passes over the samples that build a graph, as plain functions of
// typed arrays and a range of samples, so that a helper thread can run one
// half while the caller runs the other (see profile/parallel.ts).

import type { LocIndexes } from '../profile/types.js';
import { EdgeTable } from './edge-table.js';

/** SampleArrays are the sample table's arrays a pass reads. */
export interface SampleArrays {
  stackStart: Uint32Array;
  locs: LocIndexes;
  values: Float64Array;
  nValues: number;
  sampleIndex: number;
  /** Value index of the divisor for means, or -1. */
  meanIndex: number;
}

/** WeightsInput is what the weights pass reads. */
export interface WeightsInput extends SampleArrays {
  nNodes: number;
  /** Location → its frames' node ids: locNode[locStart[l] .. locStart[l+1]). */
  locStart: Int32Array;
  locNode: Int32Array;
  /**
   * Location → its node when it has a single frame; else -(c + 1), where c
   * numbers the locations with an inline chain (0 .. nChains-1).
   */
  single: Int32Array;
  nChains: number;
}

/** Weights are a pass's flat and cumulative sums per node. */
export interface Weights {
  flat: Float64Array;
  flatDiv: Float64Array;
  cum: Float64Array;
  cumDiv: Float64Array;
  /**
   * Per location with an inline chain (by its number c in single): the
   * summed weight of the samples whose stack holds it, each sample once.
   * A lower bound of the weight of every call inside the chain while no
   * weight is negative (see inline-proof.ts).
   */
  chainCum: Float64Array;
  /** 1 when some weight the pass added was negative. */
  negative: number;
}

/**
 * weightsPass adds, for samples [from, to), each sample's weight once to
 * the cumulative weight of every distinct node on its stack and to the flat
 * weight of its leaf node.
 */
export function weightsPass(x: WeightsInput, from: number, to: number): Weights {
  const { stackStart, locs, values, nValues: nv, sampleIndex: si, meanIndex: mi, locStart, locNode, single, nNodes, nChains } = x;
  const flat = new Float64Array(nNodes);
  const flatDiv = new Float64Array(nNodes);
  const cumDiv = new Float64Array(nNodes);
  // cum[n] and the last sample that counted n share a cache line:
  // cumSeen[2n] is the weight, cumSeen[2n+1] the sample index.
  const cumSeen = new Float64Array(nNodes * 2);
  for (let n = 0; n < nNodes; n++) cumSeen[2 * n + 1] = -1;
  // The same layout for chains: chainSeen[2c] is the weight, [2c+1] the sample.
  const chainSeen = new Float64Array(nChains * 2);
  for (let c = 0; c < nChains; c++) chainSeen[2 * c + 1] = -1;
  let negative = 0;
  const hasMean = mi >= 0;
  for (let i = from; i < to; i++) {
    const w = values[i * nv + si];
    const dw = hasMean ? values[i * nv + mi] : 0;
    if (w === 0 && dw === 0) continue;
    if (w < 0) negative = 1;
    // Leaf first: the order does not matter to once-per-sample sums, and
    // the forward loop runs about a quarter faster than the backward one.
    const a = stackStart[i];
    const b = stackStart[i + 1];
    for (let k = a; k < b; k++) {
      const loc = locs[k];
      const one = single[loc];
      if (one >= 0 && !hasMean) {
        if (cumSeen[2 * one + 1] !== i) {
          cumSeen[2 * one + 1] = i;
          cumSeen[2 * one] += w;
        }
        continue;
      }
      if (one < 0) {
        const c = -2 * one - 2;
        if (chainSeen[c + 1] !== i) {
          chainSeen[c + 1] = i;
          chainSeen[c] += w;
        }
      }
      for (let ni = locStart[loc]; ni < locStart[loc + 1]; ni++) {
        const n = locNode[ni];
        if (cumSeen[2 * n + 1] !== i) {
          cumSeen[2 * n + 1] = i;
          cumSeen[2 * n] += w;
          if (hasMean) cumDiv[n] += dw;
        }
      }
    }
    // The leaf: the innermost frame of the first location that has one.
    let leaf = -1;
    for (let k = a; k < b && leaf < 0; k++) {
      const loc = locs[k];
      if (locStart[loc + 1] > locStart[loc]) leaf = locNode[locStart[loc]];
    }
    if (leaf >= 0) {
      flat[leaf] += w;
      if (hasMean) flatDiv[leaf] += dw;
    }
  }
  const cum = new Float64Array(nNodes);
  for (let n = 0; n < nNodes; n++) cum[n] = cumSeen[2 * n];
  const chainCum = new Float64Array(nChains);
  for (let c = 0; c < nChains; c++) chainCum[c] = chainSeen[2 * c];
  return { flat, flatDiv, cum, cumDiv, chainCum, negative };
}

/** addWeights sums b into a. */
export function addWeights(a: Weights, b: Weights): void {
  for (let n = 0; n < a.flat.length; n++) {
    a.flat[n] += b.flat[n];
    a.flatDiv[n] += b.flatDiv[n];
    a.cum[n] += b.cum[n];
    a.cumDiv[n] += b.cumDiv[n];
  }
  for (let l = 0; l < a.chainCum.length; l++) a.chainCum[l] += b.chainCum[l];
  a.negative |= b.negative;
}

/** Flags of LocationPlan.summary. */
const RESIDUAL = 1;
const WALK = 2;
/** Flags of LocationPlan.entryFlags and internalFlags. */
const ENTRY_NEEDS_EDGE = 1;
const ENTRY_INLINE = 2;
const ENTRY_RESIDUAL = 4;

/** LocationPlan is, per location, what walking its frames does to the edges. */
interface LocationPlan {
  /**
   * (innermost kept node << 2) | WALK if any edge is added | RESIDUAL if
   * dropped frames follow that node; -1 when no frame is kept.
   */
  summary: Int32Array;
  /** The outermost kept frame (the callee of the call from outside). */
  entry: Int32Array;
  entryFlags: Uint8Array;
  /** Calls between kept frames inside the location: internalStart[l] .. [l+1]. */
  internalStart: Int32Array;
  internalSrc: Int32Array;
  internalDst: Int32Array;
  internalFlags: Uint8Array;
}

/**
 * planLocations precomputes, for the kept nodes, each location's effect on
 * a walk from the root: a location's inline chain is fixed, so the edges
 * between its own frames are known in advance and only the call into it
 * depends on the sample. An edge is wanted when its callee needs its
 * incoming edges, or (with needOut) its caller needs its outgoing ones.
 */
export function planLocations(nLoc: number, locStart: Int32Array, locNode: Int32Array, keep: Uint8Array, needIn: Uint8Array,
  needOut: Uint8Array | null = null): LocationPlan {
  const summary = new Int32Array(nLoc);
  const entry = new Int32Array(nLoc).fill(-1);
  const entryFlags = new Uint8Array(nLoc);
  const internalStart = new Int32Array(nLoc + 1);
  const src: number[] = [];
  const dst: number[] = [];
  const flags: number[] = [];
  for (let l = 0; l < nLoc; l++) {
    const last = locStart[l + 1] - 1;
    let prev = -1;
    let residual = false;
    let walk = false;
    for (let ni = last; ni >= locStart[l]; ni--) {
      const n = locNode[ni];
      if (keep[n] === 0) {
        residual = true;
        continue;
      }
      const inline = ni !== last;
      if (prev < 0) {
        entry[l] = n;
        let f = 0;
        if (needIn[n] === 1) {
          f |= ENTRY_NEEDS_EDGE;
          walk = true;
        }
        if (inline) f |= ENTRY_INLINE;
        if (residual) f |= ENTRY_RESIDUAL;
        entryFlags[l] = f;
      } else if (n !== prev && (needIn[n] === 1 || (needOut !== null && needOut[prev] === 1))) {
        src.push(prev);
        dst.push(n);
        flags.push((inline ? ENTRY_INLINE : 0) | (residual ? ENTRY_RESIDUAL : 0));
        walk = true;
      }
      prev = n;
      residual = false;
    }
    internalStart[l + 1] = src.length;
    summary[l] = prev < 0 ? -1 : prev * 4 + (walk ? WALK : 0) + (residual ? RESIDUAL : 0);
  }
  return {
    summary, entry, entryFlags, internalStart,
    internalSrc: Int32Array.from(src), internalDst: Int32Array.from(dst), internalFlags: Uint8Array.from(flags),
  };
}

/** SCAN_TRIAL is how many samples the edges pass scans before judging whether scanning pays. */
const SCAN_TRIAL = 4096;

/** EdgesInput is what the edges pass reads. */
export interface EdgesInput extends SampleArrays {
  plan: LocationPlan;
  /** Dense edge-id table coordinates for calls between kept nodes (or -1). */
  srcSlot: Int32Array;
  dstSlot: Int32Array;
  nSrc: number;
  nDst: number;
  /**
   * 1 for the nodes whose outgoing edges are wanted too, whatever their
   * callee (a report that shows the callers and callees of a few nodes);
   * null when needIn alone says which edges are wanted.
   */
  needOut: Uint8Array | null;
}

/**
 * edgesPass adds, for samples [from, to), each sample's weight once to
 * each distinct caller→callee edge between kept nodes whose callee needs
 * its edges (as planned), marking edges that skip dropped nodes residual.
 */
export function edgesPass(x: EdgesInput, from: number, to: number): EdgeTable {
  const { stackStart, locs, values, nValues: nv, sampleIndex: si, meanIndex: mi, plan, srcSlot, dstSlot, nSrc, nDst, needOut } = x;
  const { summary, entry, entryFlags, internalStart, internalSrc, internalDst, internalFlags } = plan;
  const internalEdge = new Int32Array(internalSrc.length).fill(-1);
  const edges = new EdgeTable();
  // Calls into a location come from a kept node into a kept node that needs
  // its edges. When there are few of each (the usual case after trimming),
  // a dense table of edge ids replaces the hash lookups.
  const dense = nSrc * nDst <= 1 << 22 ? new Int32Array(nSrc * nDst).fill(-1) : null;
  // The last call into each node: consecutive samples mostly repeat it,
  // and these small arrays stay in cache where the big table does not.
  const lastParent = new Int32Array(srcSlot.length).fill(-1);
  const lastEdge = new Int32Array(srcSlot.length);
  // When few locations need walking (edges only into a few nodes), most
  // samples hold none of them: a branch-free scan of a sample's locations
  // is several times cheaper than walking it, so scan first, and walk only
  // the samples that need it. Whether that pays is seen on the first
  // samples: when most of them need walking anyway, scanning stops.
  const walks = new Uint8Array(summary.length);
  for (let l = 0; l < summary.length; l++) walks[l] = summary[l] >= 0 && (summary[l] & WALK) !== 0 ? 1 : 0;
  // A location whose innermost kept frame needs its outgoing edges makes
  // the call into the next location wanted: its samples are walked too.
  if (needOut !== null) {
    for (let l = 0; l < summary.length; l++) if (summary[l] >= 0 && needOut[summary[l] >> 2] === 1) walks[l] = 1;
  }
  let scan = true;
  let scanned = 0;
  let walked = 0;
  for (let i = from; i < to; i++) {
    const w = values[i * nv + si];
    const dw = mi >= 0 ? values[i * nv + mi] : 0;
    if (w === 0 && dw === 0) continue;
    if (scan) {
      let any = 0;
      for (let k = stackStart[i]; k < stackStart[i + 1]; k++) any |= walks[locs[k]];
      if (++scanned === SCAN_TRIAL) scan = walked * 2 < SCAN_TRIAL;
      if (any === 0) continue;
      walked++;
    }
    let parent = -1;
    let residual = false;
    for (let k = stackStart[i + 1] - 1; k >= stackStart[i]; k--) {
      const loc = locs[k];
      const sum = summary[loc];
      if (sum < 0) {
        residual = true; // no kept frame: the parent stays
        continue;
      }
      const fromWanted = needOut !== null && parent >= 0 && needOut[parent] === 1;
      if ((sum & WALK) !== 0 || fromWanted) {
        // The call into the location's outermost kept frame, from the caller
        // outside (the only edge whose source varies).
        const n = entry[loc];
        const f = entryFlags[loc];
        if (((f & ENTRY_NEEDS_EDGE) !== 0 || fromWanted) && parent >= 0 && n !== parent) {
          let e: number;
          if (lastParent[n] === parent) {
            e = lastEdge[n];
          } else {
            if (dense !== null) {
              const cell = dstSlot[n] * nSrc + srcSlot[parent];
              e = dense[cell];
              if (e < 0) e = dense[cell] = edges.id(parent, n);
            } else {
              e = edges.id(parent, n);
            }
            lastParent[n] = parent;
            lastEdge[n] = e;
          }
          edges.addOnce(e, i, w, dw, residual || (f & ENTRY_RESIDUAL) !== 0, (f & ENTRY_INLINE) !== 0);
        }
        // Calls between the location's own frames: fixed edges.
        for (let j = internalStart[loc]; j < internalStart[loc + 1]; j++) {
          let e = internalEdge[j];
          if (e < 0) e = internalEdge[j] = edges.id(internalSrc[j], internalDst[j]);
          const fl = internalFlags[j];
          edges.addOnce(e, i, w, dw, (fl & ENTRY_RESIDUAL) !== 0, (fl & ENTRY_INLINE) !== 0);
        }
      }
      parent = sum >> 2;
      residual = (sum & RESIDUAL) !== 0;
    }
  }
  return edges;
}
