// Node and edge orderings of pprof's graph package; every order ends in a
// total tie-break, so results do not depend on the sort algorithm.

import type { Edge, Node } from './graph.js';
import { byteCompare, goSprintInfo, printableName, type NodeInfo } from './node-info.js';

/** NodeOrder names the orderings pprof uses. */
type NodeOrder = 'flat-name' | 'flat-cum-name' | 'cum-name' | 'name' | 'file' | 'address' | 'entropy';

function infoEqual(a: NodeInfo, b: NodeInfo): boolean {
  return a.name === b.name && a.origName === b.origName && a.address === b.address && a.file === b.file &&
    a.startLine === b.startLine && a.lineno === b.lineno && a.columnno === b.columnno && a.objfile === b.objfile;
}

// Printable names are needed many times while sorting: cache them.
const nameCache = new WeakMap<Node, string>();
function pname(n: Node): string {
  let s = nameCache.get(n);
  if (s === undefined) {
    s = printableName(n.info);
    nameCache.set(n, s);
  }
  return s;
}

/** comparePrintableName orders by address when both have one, else by name; 0 when equal. */
function comparePrintableName(l: Node, r: Node): number {
  if (infoEqual(l.info, r.info)) return 0;
  const la = l.info.address;
  const ra = r.info.address;
  if (la !== 0n && ra !== 0n && la !== ra) return la < ra ? -1 : 1;
  const c = byteCompare(pname(l), pname(r));
  // pprof treats unequal infos with equal names as "not less"; fall through.
  return c;
}

function compareNodes(l: Node, r: Node): number {
  return byteCompare(goSprintInfo(l.info), goSprintInfo(r.info));
}

function absCmpDesc(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  return x === y ? 0 : x > y ? -1 : 1;
}

const MIN_INT64 = -(2n ** 63n);

// Go's int64(x) on amd64: NaN and values out of range become MinInt64.
function goInt64(x: number): bigint {
  if (Number.isNaN(x) || x >= 2 ** 63 || x < -(2 ** 63)) return MIN_INT64;
  return BigInt(Math.trunc(x));
}

// Go's abs64: -MinInt64 overflows and stays negative.
function abs64(v: bigint): bigint {
  return BigInt.asIntN(64, v < 0n ? -v : v);
}

/**
 * entropyScore favours nodes whose edges spread their weight (DOT's order).
 * It is an int64 as in pprof: in diffs a node's weights can be negative,
 * the entropy NaN, and Go's conversion then yields MinInt64, which the
 * node order depends on — so the arithmetic is done in 64-bit integers.
 */
function entropyScore(n: Node): bigint {
  let score = 0;
  if (n.in.size === 0) score++;
  else score += edgeEntropyScore(n.in, 0);
  if (n.out.size === 0) score++;
  else score += edgeEntropyScore(n.out, n.flat);
  return BigInt.asIntN(64, goInt64(score * n.cum) + BigInt(n.flat));
}

function edgeEntropyScore(edges: Map<Node, Edge>, self: number): number {
  let score = 0;
  let total = self;
  for (const e of edges.values()) if (e.weight > 0) total += Math.abs(e.weight);
  if (total !== 0) {
    for (const e of edges.values()) {
      const frac = Math.abs(e.weight) / total;
      score += -frac * Math.log2(frac);
    }
    if (self > 0) {
      const frac = Math.abs(self) / total;
      score += -frac * Math.log2(frac);
    }
  }
  return score;
}

/** sortNodes sorts in place by the given order. */
export function sortNodes(nodes: Node[], order: NodeOrder): void {
  let cmp: (l: Node, r: Node) => number;
  switch (order) {
    case 'flat-name':
      cmp = (l, r) => absCmpDesc(l.flat, r.flat) || comparePrintableName(l, r) || absCmpDesc(l.cum, r.cum) || compareNodes(l, r);
      break;
    case 'flat-cum-name':
      cmp = (l, r) => absCmpDesc(l.flat, r.flat) || absCmpDesc(l.cum, r.cum) || comparePrintableName(l, r) || compareNodes(l, r);
      break;
    case 'name':
      cmp = (l, r) => byteCompare(l.info.name, r.info.name) || compareNodes(l, r);
      break;
    case 'file':
      cmp = (l, r) => byteCompare(l.info.file, r.info.file) || (l.info.startLine - r.info.startLine) || compareNodes(l, r);
      break;
    case 'address':
      cmp = (l, r) => (l.info.address === r.info.address ? 0 : l.info.address < r.info.address ? -1 : 1) || compareNodes(l, r);
      break;
    case 'cum-name':
      cmp = (l, r) => absCmpDesc(l.cum, r.cum) || comparePrintableName(l, r) || absCmpDesc(l.flat, r.flat) || compareNodes(l, r);
      break;
    case 'entropy': {
      const score = new Map<Node, bigint>();
      for (const n of nodes) score.set(n, abs64(entropyScore(n)));
      const desc = (x: bigint, y: bigint) => (x === y ? 0 : x > y ? -1 : 1);
      cmp = (l, r) => desc(score.get(l)!, score.get(r)!) || comparePrintableName(l, r) || absCmpDesc(l.flat, r.flat) || compareNodes(l, r);
      break;
    }
  }
  nodes.sort(cmp);
}

/** sortEdges returns edges by weight (descending), then source and destination names. */
export function sortEdges(edges: Iterable<Edge>): Edge[] {
  return [...edges].sort((a, b) => {
    // Weights equal in magnitude but not in sign are "equal" to pprof too.
    if (a.weight !== b.weight) return absCmpDesc(a.weight, b.weight);
    return byteCompare(pname(a.src), pname(b.src)) || byteCompare(pname(a.dest), pname(b.dest));
  });
}
