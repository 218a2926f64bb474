// Trimming a graph for display: drop light nodes, edges and tags, keep the
// top N nodes, and remove edges implied by others (pprof's graph trimming).

import type { Graph, Node, Tag } from './graph.js';
import { sortEdges } from './sort.js';

/** keptNodeKeys returns the keys of nodes whose |cum| reaches cutoff. */
export function keptNodeKeys(nodes: Node[], cutoff: number): Set<string> {
  const kept = new Set<string>();
  for (const n of nodes) if (Math.abs(n.cum) >= cutoff) kept.add(n.key);
  return kept;
}

/** keptNodes returns the nodes whose |cum| reaches cutoff. */
export function keptNodes(nodes: Node[], cutoff: number): Set<Node> {
  return new Set(nodes.filter((n) => Math.abs(n.cum) >= cutoff));
}

function trimTags(tags: Map<string, Tag>, min: number): Map<string, Tag> {
  const kept = new Map<string, Tag>();
  for (const [k, t] of tags) if (Math.abs(t.flat) >= min || Math.abs(t.cum) >= min) kept.set(k, t);
  return kept;
}

/** trimLowFrequencyTags removes tags lighter than cutoff from every node. */
export function trimLowFrequencyTags(g: Graph, cutoff: number): void {
  for (const n of g.nodes) {
    n.labelTags = trimTags(n.labelTags, cutoff);
    for (const [k, nt] of n.numericTags) n.numericTags.set(k, trimTags(nt, cutoff));
  }
}

/** trimLowFrequencyEdges removes edges lighter than cutoff; returns how many. */
export function trimLowFrequencyEdges(g: Graph, cutoff: number): number {
  let dropped = 0;
  for (const n of g.nodes) {
    for (const [src, e] of n.in) {
      if (Math.abs(e.weight) < cutoff) {
        n.in.delete(src);
        src.out.delete(n);
        dropped++;
      }
    }
  }
  return dropped;
}

/** MAX_NODELETS is how many tags a DOT node shows at most. */
export const MAX_NODELETS = 4;

function countTags(n: Node): number {
  let count = 0;
  for (const t of n.labelTags.values()) if (t.flat !== 0) count++;
  for (const m of n.numericTags.values()) for (const t of m.values()) if (t.flat !== 0) count++;
  return count;
}

/**
 * selectTopNodes returns the first maxNodes nodes (already sorted); in
 * visual mode each node's tags count against the budget too.
 */
export function selectTopNodes(g: Graph, maxNodes: number, visualMode: boolean): Node[] {
  if (maxNodes > 0 && visualMode) {
    let count = 0;
    for (let i = 0; i < g.nodes.length; i++) {
      count += Math.min(countTags(g.nodes[i]), MAX_NODELETS) + 1;
      if (count >= maxNodes) {
        maxNodes = i + 1;
        break;
      }
    }
  }
  if (maxNodes > g.nodes.length) maxNodes = g.nodes.length;
  return g.nodes.slice(0, maxNodes);
}

function isRedundantEdge(src: Node, dest: Node, edge: object): boolean {
  const seen = new Set<Node>([dest]);
  const queue: Node[] = [dest];
  for (let qi = 0; qi < queue.length; qi++) {
    const n = queue[qi];
    for (const ie of n.in.values()) {
      if (ie === edge || seen.has(ie.src)) continue;
      if (ie.src === src) return true;
      seen.add(ie.src);
      queue.push(ie.src);
    }
  }
  return false;
}

/**
 * removeRedundantEdges drops residual edges that another path already
 * connects, visiting nodes from the last and edges from the lightest.
 */
export function removeRedundantEdges(g: Graph): void {
  for (let i = g.nodes.length; i > 0; i--) {
    const n = g.nodes[i - 1];
    const ins = sortEdges(n.in.values());
    for (let j = ins.length; j > 0; j--) {
      const e = ins[j - 1];
      if (!e.residual) break;
      if (isRedundantEdge(e.src, e.dest, e)) {
        e.src.out.delete(e.dest);
        e.dest.in.delete(e.src);
      }
    }
  }
}

/**
 * trimTree removes the nodes not in kept from a call tree, linking each
 * removed node's children to its parent with residual edges.
 */
export function trimTree(g: Graph, kept: Set<Node>): void {
  const old = g.nodes;
  g.nodes = [];
  for (const cur of old) {
    if (cur.in.size > 1) throw new Error('trimTree only works on trees');
    if (kept.has(cur)) {
      g.nodes.push(cur);
      continue;
    }
    if (cur.in.size === 0) {
      for (const oe of cur.out.values()) oe.dest.in.delete(cur);
      continue;
    }
    const parent = [...cur.in.values()][0].src;
    const parentEdgeInline = parent.out.get(cur)!.inline;
    parent.out.delete(cur);
    for (const oe of cur.out.values()) {
      const child = oe.dest;
      child.in.delete(cur);
      child.in.set(parent, oe);
      parent.out.set(child, oe);
      oe.src = parent;
      oe.residual = true;
      oe.inline = parentEdgeInline && oe.inline;
    }
  }
  removeRedundantEdges(g);
}
