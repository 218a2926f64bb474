// GraphBuilder: the graph of a profile built in two steps over typed arrays
// — node weights once, then edges for whichever set of nodes is kept —
// each step split with a helper thread when one is available.

import { samplesShared, worthSplitting, type Parallel } from '../profile/parallel.js';
import type { Profile } from '../profile/types.js';
import { EdgeTable } from './edge-table.js';
import { createNodes, nodeTables, selectNodes, type Edge, type Graph, type GraphOptions, type Node } from './graph.js';
import { addNodeTagsFor } from './node-tags.js';
import { addWeights, edgesPass, planLocations, weightsPass, type EdgesInput, type SampleArrays, type Weights, type WeightsInput } from './passes.js';
import { provenInline } from './inline-proof.js';

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
  /** 1 for the nodes that are the outermost frame of some location. */
  private readonly outermost: Uint8Array;
  /** The weights pass's per-chain sums and sign (for provenInline). */
  private chainCum: Float64Array | null = null;
  private negative = 1;
  private readonly samples: SampleArrays;
  /** Each node's index in nodes. */
  private readonly index: Map<Node, number>;
  /** 1 for the nodes whose tags ensureTags has made. */
  private readonly tagged: Uint8Array;
  /** Where the samples split between this thread and the helper (count: no split). */
  private readonly split: number;

  constructor(p: Profile, o: GraphOptions, parallel?: Parallel) {
    this.p = p;
    this.o = o;
    const made = createNodes(p, { objNames: o.objNames, origFnNames: o.origFnNames });
    const nodes = made.interner.nodes;
    this.nodes = nodes;
    const { index, locStart, locNode } = nodeTables(made);
    this.index = index;
    this.tagged = new Uint8Array(nodes.length);
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
    const outermost = new Uint8Array(nodes.length);
    for (let l = 0; l < p.locations.length; l++) {
      if (locStart[l + 1] > locStart[l]) outermost[locNode[locStart[l + 1] - 1]] = 1;
    }
    this.outermost = outermost;
    const s = p.samples;
    this.samples = {
      stackStart: s.stackStart, locs: s.locs, values: s.values, nValues: s.nValues,
      sampleIndex: o.sampleIndex, meanIndex: o.meanIndex,
    };
    // Split at the middle frame when a helper can share the sample arrays.
    this.split = s.count;
    if (worthSplitting(parallel, s.locs.length) && samplesShared(s)) {
      let lo = 0;
      let hi = s.count;
      // The helper runs a little slower (a colder JIT and caches): give it less.
      const half = s.locs.length * 0.54;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (s.stackStart[mid] < half) lo = mid + 1;
        else hi = mid;
      }
      this.split = lo;
    }
    this.parallel = this.split < s.count ? parallel ?? null : null;
    this.setWeights();
  }

  private readonly parallel: Parallel | null;

  private setWeights(): void {
    const { p, nodes, locStart, locNode } = this;
    const nLoc = p.locations.length;
    // Most locations have one frame: their node without the indirection.
    // The others (inline chains) are numbered for the pass's chain sums.
    const single = new Int32Array(nLoc);
    let nChains = 0;
    for (let l = 0; l < nLoc; l++) single[l] = locStart[l + 1] - locStart[l] === 1 ? locNode[locStart[l]] : -++nChains;
    const input: WeightsInput = { ...this.samples, nNodes: nodes.length, locStart, locNode, single, nChains };
    const count = p.samples.count;
    let w: Weights;
    if (this.parallel) {
      const other = this.parallel.start<Weights>('graph.weights', { input, from: this.split, to: count });
      w = weightsPass(input, 0, this.split);
      // Without the helper's half (it failed), do that half here.
      addWeights(w, other.wait() ?? weightsPass(input, this.split, count));
    } else {
      w = weightsPass(input, 0, count);
    }
    const chainCum = new Float64Array(nLoc);
    for (let l = 0; l < nLoc; l++) if (single[l] < 0) chainCum[l] = w.chainCum[-single[l] - 1];
    this.chainCum = chainCum;
    this.negative = w.negative;
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n];
      node.flat = w.flat[n];
      node.flatDiv = w.flatDiv[n];
      node.cum = w.cum[n];
      node.cumDiv = w.cumDiv[n];
    }
  }

  /**
   * ensureTags makes the tags of those of `want` that have none yet (a
   * node's tags do not depend on the kept set). Only DOT shows tags: those
   * of at most -nodecount nodes, picked among the first -nodecount of its
   * order by their tags' count. So tags are made for those nodes only, not
   * for the thousands of a large profile (a pass per label set over every
   * frame was a quarter of -dot's time on 100 MB).
   */
  ensureTags(want: readonly Node[]): void {
    if (!this.o.tags) return;
    const ids: number[] = [];
    for (const n of want) {
      const id = this.index.get(n);
      if (id !== undefined && this.tagged[id] === 0) {
        this.tagged[id] = 1;
        ids.push(id);
      }
    }
    if (ids.length === 0) return;
    ids.sort((a, b) => a - b);
    const { p, o, nodes, locStart, locNode } = this;
    addNodeTagsFor(p.samples, { locStart, locNode }, nodes, Int32Array.from(ids), {
      sampleIndex: o.sampleIndex, meanIndex: o.meanIndex, format: o.formatTag ?? ((v: number) => String(v)),
      parallel: this.parallel, split: this.split,
    });
  }

  /**
   * graph returns the graph of the kept nodes (all when null), with fresh
   * edges: an edge that skips dropped nodes is marked residual, and a
   * sample whose leaf was dropped adds no flat weight — as in pprof.
   * Without edges it is only the selection of nodes (a cheap step for
   * intermediate graphs whose edges nobody reads).
   *
   * With edges only into inlined functions (for the top report) and the
   * cutoff below which the report drops edges, nodes whose "(inline)" mark
   * is proven from the weights alone get Node.inlineProven instead of
   * edges, and only the others are counted over the samples.
   *
   * With `touching`, only the edges into or out of the nodes it accepts
   * are made (a report that prints those nodes' callers and callees reads
   * no other): with a few such nodes, most samples are scanned, not walked.
   */
  graph(kept: Set<Node> | null, withEdges = true, edgeCutoff?: number, touching?: (n: Node) => boolean): Graph {
    const { p, o, nodes, locStart, locNode } = this;
    let needIn = this.needIn;
    let needOut: Uint8Array | null = null;
    const keep = new Uint8Array(nodes.length);
    nodes.forEach((n, i) => {
      n.resetEdges();
      if (!kept || kept.has(n)) keep[i] = 1;
    });
    const shown = kept ? nodes.filter((_, i) => keep[i] === 1) : nodes;
    if (!withEdges) return { nodes: selectNodes(shown, !!o.dropNegative) };
    if (o.edges === 'inlined' && edgeCutoff !== undefined && this.negative === 0 && this.chainCum) {
      const proven = provenInline({
        locStart, locNode, keep, needIn, outermost: this.outermost, chainCum: this.chainCum, edgeCutoff,
      });
      needIn = needIn.slice();
      for (let n = 0; n < nodes.length; n++) {
        if (proven[n] === 1) {
          nodes[n].inlineProven = true;
          needIn[n] = 0;
        }
      }
    }
    if (touching && (o.edges ?? 'all') === 'all') {
      const wanted = new Uint8Array(nodes.length);
      for (let n = 0; n < nodes.length; n++) if (keep[n] === 1 && touching(nodes[n])) wanted[n] = 1;
      needIn = needIn.slice();
      for (let n = 0; n < nodes.length; n++) needIn[n] &= wanted[n];
      needOut = wanted;
    }
    // No kept node whose edges are read: no pass to make.
    let anyIn = false;
    for (let n = 0; n < nodes.length && !anyIn; n++) anyIn = keep[n] === 1 && (needIn[n] === 1 || (needOut !== null && needOut[n] === 1));
    if (!anyIn) return { nodes: selectNodes(shown, !!o.dropNegative) };
    const plan = planLocations(p.locations.length, locStart, locNode, keep, needIn, needOut);
    const srcSlot = new Int32Array(nodes.length).fill(-1);
    const dstSlot = new Int32Array(nodes.length).fill(-1);
    let nSrc = 0;
    let nDst = 0;
    for (let n = 0; n < nodes.length; n++) {
      if (keep[n] === 1) srcSlot[n] = nSrc++;
      // Any kept node can be the callee of a wanted node's outgoing edge.
      if (keep[n] === 1 && (needIn[n] === 1 || needOut !== null)) dstSlot[n] = nDst++;
    }
    const input: EdgesInput = { ...this.samples, plan, srcSlot, dstSlot, nSrc, nDst, needOut };
    const count = p.samples.count;
    let edges: EdgeTable;
    if (this.parallel) {
      const other = this.parallel.start<Float64Array>('graph.edges', { input, from: this.split, to: count });
      edges = edgesPass(input, 0, this.split);
      const rows = other.wait();
      edges.merge(rows ? EdgeTable.fromRows(rows) : edgesPass(input, this.split, count));
    } else {
      edges = edgesPass(input, 0, count);
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
