// The call graph of a profile: one node per distinct NodeInfo (at the
// chosen granularity) with flat and cumulative weights, and weighted edges
// between callers and callees — pprof's graph.New, built over typed arrays.

import type { Func, LabelSet, Location, Profile } from '../profile/types.js';
import { cleanPath } from './gopath.js';
import { nodeInfoKey, type NodeInfo } from './node-info.js';

/** Edge is a caller→callee arc. */
export interface Edge {
  src: Node;
  dest: Node;
  weight: number;
  weightDiv: number;
  /** The arc skips nodes that were removed from the graph. */
  residual: boolean;
  /** The callee was inlined into the caller (on every path). */
  inline: boolean;
}

/** edgeValue is an edge's weight, divided when the graph shows means. */
export function edgeValue(e: Edge): number {
  return e.weightDiv === 0 ? e.weight : Math.trunc(e.weight / e.weightDiv);
}

/** Tag is a label value's share of a node's weight. */
export interface Tag {
  name: string;
  unit: string;
  value: number;
  flat: number;
  flatDiv: number;
  cum: number;
  cumDiv: number;
}

/** Node is a function, line or address in the graph. */
export class Node {
  readonly info: NodeInfo;
  readonly key: string;
  /** The node of the same function (itself at function granularity). */
  fn: Node = this;
  flat = 0;
  flatDiv = 0;
  cum = 0;
  cumDiv = 0;
  /**
   * Set by GraphBuilder when the top report's "(inline)" mark is proven
   * without counting the node's incoming edges (which are then absent).
   */
  inlineProven = false;
  // Maps are created on first use: most nodes of a large profile never
  // need them, and four Maps per node dominated graph building.
  private inMap: Map<Node, Edge> | null = null;
  private outMap: Map<Node, Edge> | null = null;
  private labelMap: Map<string, Tag> | null = null;
  private numericMap: Map<string, Map<string, Tag>> | null = null;

  /** resetEdges forgets the node's edges (before a graph is rebuilt). */
  resetEdges(): void {
    this.inMap = null;
    this.outMap = null;
    this.inlineProven = false;
  }

  /** in maps each caller to the edge from it. */
  get in(): Map<Node, Edge> {
    return (this.inMap ??= new Map());
  }

  /** out maps each callee to the edge to it. */
  get out(): Map<Node, Edge> {
    return (this.outMap ??= new Map());
  }

  /** labelTags are the string-label tags (joined "key:value" sets). */
  get labelTags(): Map<string, Tag> {
    return (this.labelMap ??= new Map());
  }

  set labelTags(m: Map<string, Tag>) {
    this.labelMap = m;
  }

  /** numericTags are numeric-label tags, grouped by the string labels. */
  get numericTags(): Map<string, Map<string, Tag>> {
    return (this.numericMap ??= new Map());
  }

  constructor(info: NodeInfo, key: string) {
    this.info = info;
    this.key = key;
  }

  /** flatValue is the flat weight (a mean when divisors are tracked). */
  flatValue(): number {
    return this.flatDiv === 0 ? this.flat : Math.trunc(this.flat / this.flatDiv);
  }

  /** cumValue is the cumulative weight (a mean when divisors are tracked). */
  cumValue(): number {
    return this.cumDiv === 0 ? this.cum : Math.trunc(this.cum / this.cumDiv);
  }
}

/** Graph is a set of nodes; edges hang off the nodes. */
export interface Graph {
  nodes: Node[];
}

/** GraphOptions configures buildGraph. */
export interface GraphOptions {
  /** Index of the sample value to weigh by. */
  sampleIndex: number;
  /** Index of the value to divide by for means (-mean), or -1. */
  meanIndex: number;
  /** Formats a numeric tag value for tag names; default: the integer. */
  formatTag?: (v: number, unit: string) => string;
  /** Keep object (binary) names on every node. */
  objNames?: boolean;
  /** Keep original (system) function names. */
  origFnNames?: boolean;
  /** Drop nodes whose weight is negative. */
  dropNegative?: boolean;
  /** Only nodes with these keys (nodeInfoKey) take part. */
  keptNodes?: Set<string> | null;
  /** Collect label tags on nodes (only the DOT output shows them). */
  tags?: boolean;
  /**
   * Which edges to compute: 'all', or 'inlined' — only edges into nodes
   * that are inlined somewhere, which is all a top list looks at (its
   * "(inline)" marks) and much cheaper on large profiles.
   */
  edges?: 'all' | 'inlined';
}

/** NodeInterner maps NodeInfo keys to nodes, creating function nodes too. */
export class NodeInterner {
  readonly nodes: Node[] = [];
  private readonly byKey = new Map<string, Node>();

  constructor(private readonly kept: Set<string> | null) {}

  /** findOrInsert returns the node for info, or null when it is not kept. */
  findOrInsert(info: NodeInfo, useKept = true): Node | null {
    const key = nodeInfoKey(info);
    if (useKept && this.kept && !this.kept.has(key)) return null;
    let n = this.byKey.get(key);
    if (n) return n;
    n = new Node(info, key);
    this.byKey.set(key, n);
    this.nodes.push(n);
    if (info.address !== 0n || info.lineno !== 0) {
      n.fn = this.findOrInsert({ ...info, address: 0n, lineno: 0, columnno: 0 }, false)!;
    }
    return n;
  }
}

/** nodeInfoOf derives the node identity of one frame of a location. */
export function nodeInfoOf(l: Location, lineIdx: number, objNames: boolean, origFnNames: boolean): NodeInfo {
  const objfile = l.mapping && l.mapping.file !== '' ? l.mapping.file : '';
  const ln = lineIdx >= 0 ? l.lines[lineIdx] : null;
  if (!ln) {
    return { name: '', origName: '', address: l.address, file: '', startLine: 0, lineno: 0, columnno: 0, objfile };
  }
  const fn = ln.fn;
  const info: NodeInfo = {
    name: fn.name,
    origName: origFnNames ? fn.systemName : '',
    address: l.address,
    file: fn.filename !== '' ? cleanPath(fn.filename) : '',
    startLine: 0,
    lineno: ln.line,
    columnno: ln.column,
    objfile: '',
  };
  if (objNames || (info.name === '' && info.origName === '')) {
    info.objfile = objfile;
    info.startLine = fn.startLine;
  }
  return info;
}

/** LocationNodes lists, per location index, its nodes (one per inline frame). */
interface LocationNodes {
  /** Node per frame, in the location's line order (innermost first); null when not kept. */
  frames: (Node | null)[][];
  interner: NodeInterner;
}

/** NodeTables are createNodes' frames as typed arrays: location l's node ids are locNode[locStart[l] .. locStart[l+1]), innermost first. */
interface NodeTables {
  /** Each node's index in the interner's nodes. */
  index: Map<Node, number>;
  locStart: Int32Array;
  locNode: Int32Array;
}

/** nodeTables turns createNodes' output into NodeTables (every frame's node must be kept). */
export function nodeTables({ frames, interner }: LocationNodes): NodeTables {
  const index = new Map<Node, number>();
  interner.nodes.forEach((n, i) => index.set(n, i));
  const locStart = new Int32Array(frames.length + 1);
  frames.forEach((f, l) => (locStart[l + 1] = locStart[l] + f.length));
  const locNode = new Int32Array(locStart[frames.length]);
  frames.forEach((f, l) => f.forEach((n, k) => (locNode[locStart[l] + k] = index.get(n!)!)));
  return { index, locStart, locNode };
}

/**
 * createNodes makes the nodes of every location (pprof's CreateNodes).
 * Locations far outnumber distinct nodes, so each frame is first looked up
 * by a cheap key — an id for the function's identity (interned once per
 * function) plus object file, address, line and column — and the full
 * NodeInfo and its string key are built only for new nodes.
 */
export function createNodes(p: Profile, o: Pick<GraphOptions, 'objNames' | 'origFnNames' | 'keptNodes'>): LocationNodes {
  const interner = new NodeInterner(o.keptNodes ?? null);
  const objNames = !!o.objNames;
  const origFnNames = !!o.origFnNames;
  const fnIds = new Map<Func, number>();
  const fnIdByValue = new Map<string, number>();
  const objIds = new Map<string, number>();
  const fast = new Map<number | string, Node | null>();
  const fnId = (fn: Func): number => {
    let id = fnIds.get(fn);
    if (id === undefined) {
      const name = fn.name;
      const orig = origFnNames ? fn.systemName : '';
      const file = fn.filename !== '' ? cleanPath(fn.filename) : '';
      const needObj = objNames || (name === '' && orig === '');
      const v = `${name}\u0000${orig}\u0000${file}\u0000${needObj ? 1 : 0}\u0000${needObj ? fn.startLine : 0}`;
      id = fnIdByValue.get(v);
      if (id === undefined) {
        id = fnIdByValue.size * 2 + (needObj ? 1 : 0); // low bit: the object file is part of the identity
        fnIdByValue.set(v, id);
      }
      fnIds.set(fn, id);
    }
    return id;
  };
  const frames = p.locations.map((l) => {
    const objfile = l.mapping && l.mapping.file !== '' ? l.mapping.file : '';
    let objId = objIds.get(objfile);
    if (objId === undefined) objIds.set(objfile, (objId = objIds.size));
    if (l.lines.length === 0) {
      const key = `x\u0000${objId}\u0000${l.address}`;
      let n = fast.get(key);
      if (n === undefined) fast.set(key, (n = interner.findOrInsert(nodeInfoOf(l, -1, objNames, origFnNames))));
      return [n];
    }
    const out: (Node | null)[] = new Array(l.lines.length);
    for (let k = 0; k < l.lines.length; k++) {
      const ln = l.lines[k];
      const fid = fnId(ln.fn);
      const obj = fid & 1 ? objId : 0;
      let key: number | string;
      if (l.address === 0n && ln.line === 0 && ln.column === 0 && obj < 0x10000) key = fid * 0x10000 + obj;
      else key = `${fid}\u0000${obj}\u0000${l.address}\u0000${ln.line}\u0000${ln.column}`;
      let n = fast.get(key);
      if (n === undefined) fast.set(key, (n = interner.findOrInsert(nodeInfoOf(l, k, objNames, origFnNames))));
      out[k] = n;
    }
    return out;
  });
  return { frames, interner };
}

/** TagPlan is, per label set, the joined string labels and the numeric tags to add. */
export interface TagPlan {
  labels: string;
  numeric: { name: string; unit: string; value: number }[];
}

/** tagPlan prepares the tags a sample with label set ls adds to its nodes. */
export function tagPlan(ls: LabelSet, format: (v: number, unit: string) => string): TagPlan {
  const parts: string[] = [];
  for (const [k, vs] of ls.str) for (const v of vs) parts.push(`${k}:${v}`);
  parts.sort();
  const numeric: TagPlan['numeric'] = [];
  for (const [k, vs] of ls.num) {
    const units = ls.numUnits.get(k) ?? [];
    vs.forEach((v, i) => {
      const unit = units.length > 0 ? units[i] : k;
      numeric.push({ name: format(v, unit), unit, value: v });
    });
  }
  return { labels: parts.join('\\n'), numeric };
}

function addTag(m: Map<string, Tag>, name: string, unit: string, value: number, dw: number, w: number, flat: boolean): void {
  let t = m.get(name);
  if (!t) {
    t = { name, unit, value, flat: 0, flatDiv: 0, cum: 0, cumDiv: 0 };
    m.set(name, t);
  }
  if (flat) {
    t.flatDiv += dw;
    t.flat += w;
  } else {
    t.cumDiv += dw;
    t.cum += w;
  }
}

/** addNodeTags adds a sample's weight to a node's tags (flat or cumulative). */
export function addNodeTags(n: Node, plan: TagPlan, dw: number, w: number, flat: boolean): void {
  if (plan.labels !== '') addTag(n.labelTags, plan.labels, '', 0, dw, w, flat);
  // pprof makes an empty map here too, which nothing prints; with many
  // label sets that was a Map per node and set (380 k, 110 MB, on 100 MB).
  if (plan.numeric.length === 0) return;
  let nt = n.numericTags.get(plan.labels);
  if (!nt) {
    nt = new Map();
    n.numericTags.set(plan.labels, nt);
  }
  for (const t of plan.numeric) addTag(nt, t.name, t.unit, t.value, dw, w, flat);
}

function isNegative(n: Node): boolean {
  return n.flat < 0 || (n.flat === 0 && n.cum < 0);
}

/** selectNodes keeps nodes with weight (and non-negative ones if asked). */
export function selectNodes(nodes: Node[], dropNegative: boolean): Node[] {
  return nodes.filter((n) => !(n.cum === 0 && n.flat === 0) && !(dropNegative && isNegative(n)));
}
