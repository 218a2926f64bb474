// GraphBuilder: the graph of a profile built in two steps over typed arrays
// — node weights once, then edges for whichever set of nodes is kept.

import type { Profile } from '../profile/types.js';
import { EdgeTable } from './edge-table.js';
import { addNodeTags, createNodes, selectNodes, tagPlan, type Edge, type Graph, type GraphOptions, type Node, type TagPlan } from './graph.js';

/**
 * GraphBuilder aggregates samples as pprof's graph.New does: each sample
 * adds its weight once to the cumulative weight of every distinct node on
 * its stack, once to each distinct caller→callee edge, and to the flat
 * weight of its leaf.
 *
 * pprof rebuilds the whole graph whenever it drops nodes (-nodefraction,
 * -nodecount). A kept node's flat and cumulative weights (and tags) do not
 * change in the rebuild — it is still counted once per sample that holds
 * it, and is still the leaf of the same samples — only edges do: they now
 * skip the dropped nodes. So weights are computed once here, and each
 * graph() call recomputes only the edges for its set of kept nodes.
 */
export class GraphBuilder {
  /** Every node of the profile (weights filled in; edges per graph()). */
  readonly nodes: Node[];
  private readonly p: Profile;
  private readonly o: GraphOptions;
  private readonly locStart: Int32Array;
  private readonly locNode: Int32Array;
  private readonly needIn: Uint8Array;

  constructor(p: Profile, o: GraphOptions) {
    this.p = p;
    this.o = o;
    const { frames, interner } = createNodes(p, { objNames: o.objNames, origFnNames: o.origFnNames });
    const nodes = interner.nodes;
    this.nodes = nodes;
    const nodeId = new Map<Node, number>();
    nodes.forEach((n, i) => nodeId.set(n, i));
    const locStart = new Int32Array(p.locations.length + 1);
    let total = 0;
    frames.forEach((f, i) => {
      total += f.length;
      locStart[i + 1] = total;
    });
    const locNode = new Int32Array(total);
    frames.forEach((f, i) => f.forEach((n, k) => (locNode[locStart[i] + k] = nodeId.get(n!)!)));
    this.locStart = locStart;
    this.locNode = locNode;
    // Which nodes need their incoming edges: all, or (for reports that only
    // label inlined functions) those that appear inlined in some location —
    // an edge is inline only when its destination is an inner frame.
    const needIn = new Uint8Array(nodes.length);
    if ((o.edges ?? 'all') === 'all') needIn.fill(1);
    else {
      for (let l = 0; l < p.locations.length; l++) {
        for (let k = locStart[l]; k < locStart[l + 1] - 1; k++) needIn[locNode[k]] = 1;
      }
    }
    this.needIn = needIn;
    this.addWeights();
  }

  private addWeights(): void {
    const { p, o, nodes, locStart, locNode } = this;
    const nNodes = nodes.length;
    const flat = new Float64Array(nNodes);
    const flatDiv = new Float64Array(nNodes);
    const cumDiv = new Float64Array(nNodes);
    // cum[n] and the last sample that counted n share a cache line:
    // cumSeen[2n] is the weight, cumSeen[2n+1] the sample index.
    const cumSeen = new Float64Array(nNodes * 2);
    for (let n = 0; n < nNodes; n++) cumSeen[2 * n + 1] = -1;
    // Most locations have one frame: their node without the indirection.
    const nLoc = p.locations.length;
    const single = new Int32Array(nLoc);
    for (let l = 0; l < nLoc; l++) single[l] = locStart[l + 1] - locStart[l] === 1 ? locNode[locStart[l]] : -1;
    const s = p.samples;
    const nv = s.nValues;
    const si = o.sampleIndex;
    const mi = o.meanIndex;
    const hasMean = mi >= 0;
    const values = s.values;
    const stackStart = s.stackStart;
    const locs = s.locs;
    const withTags = !!o.tags;
    const plans: (TagPlan | undefined)[] = new Array(s.labelSets.length);
    const format = o.formatTag ?? ((v: number) => String(v));
    for (let i = 0; i < s.count; i++) {
      const w = values[i * nv + si];
      const dw = hasMean ? values[i * nv + mi] : 0;
      if (w === 0 && dw === 0) continue;
      let plan: TagPlan | undefined;
      if (withTags) {
        const li = s.labels[i];
        plan = plans[li] ?? (plans[li] = tagPlan(s.labelSets[li], format));
      }
      let leaf = -1;
      for (let k = stackStart[i + 1] - 1; k >= stackStart[i]; k--) {
        const loc = locs[k];
        const one = single[loc];
        if (one >= 0 && !plan && !hasMean) {
          if (cumSeen[2 * one + 1] !== i) {
            cumSeen[2 * one + 1] = i;
            cumSeen[2 * one] += w;
          }
          leaf = one;
          continue;
        }
        for (let ni = locStart[loc + 1] - 1; ni >= locStart[loc]; ni--) {
          const n = locNode[ni];
          if (cumSeen[2 * n + 1] !== i) {
            cumSeen[2 * n + 1] = i;
            cumSeen[2 * n] += w;
            if (hasMean) cumDiv[n] += dw;
            if (plan) addNodeTags(nodes[n], plan, dw, w, false);
          }
          leaf = n;
        }
      }
      if (leaf >= 0) {
        flat[leaf] += w;
        if (hasMean) flatDiv[leaf] += dw;
        if (plan) addNodeTags(nodes[leaf], plan, dw, w, true);
      }
    }
    for (let n = 0; n < nNodes; n++) {
      const node = nodes[n];
      node.flat = flat[n];
      node.flatDiv = flatDiv[n];
      node.cum = cumSeen[2 * n];
      node.cumDiv = cumDiv[n];
    }
  }

  /**
   * graph returns the graph of the kept nodes (all when null), with fresh
   * edges: an edge that skips dropped nodes is marked residual, and a
   * sample whose leaf was dropped adds no flat weight — as in pprof.
   * Without edges it is only the selection of nodes (a cheap step for
   * intermediate graphs whose edges nobody reads).
   */
  graph(kept: Set<Node> | null, withEdges = true): Graph {
    const { p, o, nodes, locStart, locNode, needIn } = this;
    const keep = new Uint8Array(nodes.length);
    nodes.forEach((n, i) => {
      n.resetEdges();
      if (!kept || kept.has(n)) keep[i] = 1;
    });
    const shown = kept ? nodes.filter((_, i) => keep[i] === 1) : nodes;
    if (!withEdges) return { nodes: selectNodes(shown, !!o.dropNegative) };
    const plan = planLocations(p.locations.length, locStart, locNode, keep, needIn);
    const { summary, entry, entryFlags, internalStart, internalSrc, internalDst, internalFlags, internalEdge } = plan;
    const edges = new EdgeTable();
    // Calls into a location come from a kept node into a kept node that
    // needs its edges. When there are few of each (the usual case after
    // trimming), a dense table of edge ids replaces the hash lookups.
    const srcSlot = new Int32Array(nodes.length).fill(-1);
    const dstSlot = new Int32Array(nodes.length).fill(-1);
    let nSrc = 0;
    let nDst = 0;
    for (let n = 0; n < nodes.length; n++) {
      if (keep[n] === 1) srcSlot[n] = nSrc++;
      if (keep[n] === 1 && needIn[n] === 1) dstSlot[n] = nDst++;
    }
    const dense = nSrc * nDst <= 1 << 22 ? new Int32Array(nSrc * nDst).fill(-1) : null;
    const s = p.samples;
    const nv = s.nValues;
    const si = o.sampleIndex;
    const mi = o.meanIndex;
    const values = s.values;
    const stackStart = s.stackStart;
    const locs = s.locs;
    for (let i = 0; i < s.count; i++) {
      const w = values[i * nv + si];
      const dw = mi >= 0 ? values[i * nv + mi] : 0;
      if (w === 0 && dw === 0) continue;
      let parent = -1;
      let residual = false;
      for (let k = stackStart[i + 1] - 1; k >= stackStart[i]; k--) {
        const loc = locs[k];
        const sum = summary[loc];
        if (sum < 0) {
          residual = true; // no kept frame: the parent stays
          continue;
        }
        if ((sum & WALK) !== 0) {
          // The call into the location's outermost kept frame, from the
          // caller outside (the only edge whose source varies).
          const n = entry[loc];
          const f = entryFlags[loc];
          if ((f & ENTRY_NEEDS_EDGE) !== 0 && parent >= 0 && n !== parent) {
            let e: number;
            if (dense !== null) {
              const cell = srcSlot[parent] * nDst + dstSlot[n];
              e = dense[cell];
              if (e < 0) e = dense[cell] = edges.id(parent, n);
            } else {
              e = edges.id(parent, n);
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
    for (let e = 0; e < edges.count; e++) {
      const src = nodes[edges.src(e)];
      const dest = nodes[edges.dst(e)];
      const edge: Edge = {
        src, dest, weight: edges.weight(e), weightDiv: edges.weightDiv(e),
        residual: edges.residual(e), inline: edges.inline(e),
      };
      src.out.set(dest, edge);
      dest.in.set(src, edge);
    }
    return { nodes: selectNodes(shown, !!o.dropNegative) };
  }
}

const RESIDUAL = 1;
const WALK = 2;
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
  /** Edge ids, resolved on first use (-1 until then). */
  internalEdge: Int32Array;
}

/**
 * planLocations precomputes, for the kept nodes, each location's effect on
 * a walk from the root: a location's inline chain is fixed, so the edges
 * between its own frames are known in advance and only the call into it
 * depends on the sample.
 */
function planLocations(nLoc: number, locStart: Int32Array, locNode: Int32Array, keep: Uint8Array, needIn: Uint8Array): LocationPlan {
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
      } else if (n !== prev && needIn[n] === 1) {
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
    internalEdge: new Int32Array(src.length).fill(-1),
  };
}
