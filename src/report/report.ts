// The Report: a profile prepared for one output (its total, units and
// options) and the shared steps every graph-based report takes — building
// the trimmed graph, choosing the output unit, and the header labels.

import { GraphBuilder } from '../graph/builder.js';
import type { Graph, Node } from '../graph/graph.js';
import { printableName } from '../graph/node-info.js';
import { sortNodes } from '../graph/sort.js';
import {
  keptNodeKeys, keptNodes, removeRedundantEdges, selectTopNodes, trimLowFrequencyEdges,
  trimLowFrequencyTags, trimTree,
} from '../graph/trim.js';
import { basePath } from '../graph/gopath.js';
import { buildCallTree } from '../graph/tree.js';
import { formatGoTimeShort, localZone, type ZoneInfo } from '../profile/gotime.js';
import { hasLabel, mapLabelSets, removeLabel } from '../profile/labels.js';
import type { Parallel } from '../profile/parallel.js';
import type { LabelSet, Profile } from '../profile/types.js';
import { label, percentage, scaledLabel, scaleValue } from '../units/measurement.js';

/** GraphNeeds says what graph a report builds (a row of the report table, generate.ts). */
export interface GraphNeeds {
  /** Node names carry the object file (pprof's ObjNames), for reports about binaries. */
  objNames?: boolean;
  /** Nodes carry label tags (the "nodelets" of DOT). */
  tags?: boolean;
  /** Edges the report reads: all, or only those that decide "(inline)" marks (the top list). */
  edges?: 'all' | 'inlined';
  /**
   * With a symbol regexp (-peek), only the matching nodes' edges are read:
   * the others are not counted (the report prints no dropped-edge count).
   */
  edgesOfSymbol?: boolean;
  /** DOT's layout rules: entropy order, dropped-edge counts, redundant edges removed. */
  visual?: boolean;
  /** -call_tree applies: locations reached through different paths stay apart. */
  callTree?: boolean;
  /** The unit is the smallest value's, without pprof's widening when values span units (callgrind). */
  smallestUnit?: boolean;
}

/** ReportOptions is everything a report needs besides the profile. */
export interface ReportOptions {
  /** What graph the report builds. */
  graph: GraphNeeds;
  cumSort: boolean;
  callTree: boolean;
  dropNegative: boolean;
  compactLabels: boolean;
  /** Multiplier applied to values when printing (1 / -divide_by). */
  ratio: number;
  title: string;
  profileLabels: string[];
  activeFilters: string[];
  numLabelUnits: Map<string, string>;
  nodeCount: number;
  nodeFraction: number;
  edgeFraction: number;
  sampleIndex: number;
  /** Value index of the divisor for -mean, or -1. */
  meanIndex: number;
  sampleType: string;
  sampleUnit: string;
  /** The -unit setting: "minimum" lets a graph report pick the unit (selectOutputUnit). */
  outputUnit: string;
  symbol: RegExp | null;
  /** The symbol regexp as the user wrote it (for messages). */
  symbolSource?: string;
  sourcePath: string;
  trimPath: string;
  intelSyntax: boolean;
  zone?: ZoneInfo;
  /** A helper thread for graph building on large profiles. */
  parallel?: Parallel;
}

/**
 * computeTotal sums |value| over samples (divided for means); when the
 * profile has diff-base samples, the base alone is the total, as pprof does.
 */
function computeTotal(p: Profile, sampleIndex: number, meanIndex: number): number {
  const s = p.samples;
  const nv = s.nValues;
  let div = 0, total = 0, diffDiv = 0, diffTotal = 0;
  const isBase = s.labelSets.map((ls) => hasLabel(ls, 'pprof::base', 'true'));
  for (let i = 0; i < s.count; i++) {
    let v = s.values[i * nv + sampleIndex];
    const d = meanIndex >= 0 ? s.values[i * nv + meanIndex] : 0;
    if (v < 0) v = -v;
    total += v;
    div += d;
    if (isBase[s.labels[i]]) {
      diffTotal += v;
      diffDiv += d;
    }
  }
  if (diffTotal > 0) {
    total = diffTotal;
    div = diffDiv;
  }
  return div !== 0 ? Math.trunc(total / div) : total;
}

/** TrimmedGraph is a graph ready for display plus what was dropped. */
interface TrimmedGraph {
  graph: Graph;
  origCount: number;
  droppedNodes: number;
  droppedEdges: number;
}

/** Report couples a (filtered) profile with its options and total. */
export class Report {
  prof: Profile;
  readonly total: number;
  readonly options: ReportOptions;
  private graphProf: Profile | null = null;
  private builder: GraphBuilder | null = null;
  private readonly names = new WeakMap<Node, string>();

  /** The total is computed on `totalFrom` (the profile before focusing, unless relative). */
  constructor(prof: Profile, totalFrom: Profile, options: ReportOptions) {
    this.prof = prof;
    this.options = options;
    this.total = computeTotal(totalFrom, options.sampleIndex, options.meanIndex);
  }

  /** nodeName is a node's printable name (cached: sorting and printing ask often). */
  nodeName(n: Node): string {
    let s = this.names.get(n);
    if (s === undefined) {
      s = printableName(n.info);
      this.names.set(n, s);
    }
    return s;
  }

  /** formatValue prints a sample value in unit (by default the -unit setting). */
  formatValue(v: number, unit = this.options.outputUnit): string {
    const r = this.options.ratio;
    if (r > 0 && r !== 1) v = Math.trunc(v * r);
    return scaledLabel(v, this.options.sampleUnit, unit);
  }

  /**
   * graphProfile is the profile as pprof's newGraph sees it: file names
   * trimmed, only the "bytes" numeric label kept, the diff-base mark gone.
   */
  graphProfile(): Profile {
    if (this.graphProf) return this.graphProf;
    const o = this.options;
    let p = this.prof;
    const trimmed = p.functions.map((f) => trimPath(f.filename, o.trimPath, o.sourcePath));
    // Usually no name changes: then the locations (tens of thousands of
    // objects in a large profile) are not copied.
    if (trimmed.some((name, i) => name !== p.functions[i].filename)) {
      const fnMap = new Map(p.functions.map((f, i) => [f, { ...f, filename: trimmed[i] }]));
      p = {
        ...p,
        functions: [...fnMap.values()],
        locations: p.locations.map((l) => ({ ...l, lines: l.lines.map((ln) => ({ ...ln, fn: fnMap.get(ln.fn)! })) })),
      };
    }
    const unit = o.numLabelUnits.get('bytes') ?? '';
    p = mapLabelSets(p, (ls): LabelSet => {
      const vs = ls.num.get('bytes');
      if (!vs && ls.num.size === 0) return ls;
      const num = new Map<string, number[]>();
      const numUnits = new Map<string, string[]>();
      if (vs) {
        num.set('bytes', vs);
        numUnits.set('bytes', vs.map(() => unit));
      }
      return { str: ls.str, num, numUnits };
    });
    p = removeLabel(p, 'pprof::base');
    this.graphProf = p;
    return p;
  }

  /**
   * newGraph builds the report's graph, limited to kept node keys if given;
   * withEdges=false skips the edges (for graphs that are only trimmed);
   * edgeCutoff, when the caller will drop lighter edges, lets the top
   * report skip counting edges whose outcome is known (GraphBuilder.graph).
   */
  newGraph(kept: Set<string> | null, withEdges = true, edgeCutoff?: number): Graph {
    const o = this.options;
    const gopt = {
      sampleIndex: o.sampleIndex,
      meanIndex: o.meanIndex,
      formatTag: (v: number, unit: string) => scaledLabel(v, unit, o.outputUnit),
      objNames: o.graph.objNames === true,
      dropNegative: o.dropNegative,
      keptNodes: kept,
      tags: o.graph.tags === true,
      edges: o.graph.edges ?? 'all',
    };
    if (o.callTree && o.graph.callTree) {
      return buildCallTree(this.graphProfile(), gopt);
    }
    // Node weights are computed once; each rebuild only redoes the edges.
    this.builder ??= new GraphBuilder(this.graphProfile(), gopt, o.parallel);
    const rx = o.graph.edgesOfSymbol === true ? o.symbol : null;
    const touching = rx ? (n: Node) => rx.test(this.nodeName(n)) : undefined;
    return this.builder.graph(kept ? new Set(this.builder.nodes.filter((n) => kept.has(n.key))) : null, withEdges, edgeCutoff, touching);
  }

  /** newTrimmedGraph applies node/edge fractions and the node count. */
  newTrimmedGraph(): TrimmedGraph {
    const o = this.options;
    const visualMode = o.graph.visual === true;
    const callTree = o.callTree && o.graph.callTree === true;
    const order = visualMode ? 'entropy' : o.cumSort ? 'cum-name' : 'flat-name';
    // Orders other than DOT's do not look at edges, and pprof discards the
    // edges of every graph it trims afterwards: build edges only where they
    // are read (only DOT prints the dropped-edge count that this changes).
    const early = visualMode || callTree;
    // The first graph's edges are read only when -nodefraction drops no
    // node; otherwise the graph is rebuilt on the kept nodes. So DOT builds
    // the first without edges, and adds them in that case: every call
    // between any two of a large profile's functions was most of -dot's time.
    const deferEdges = visualMode && !callTree && o.nodeFraction !== 0;
    let g = this.newGraph(null, early && !deferEdges);
    let totalValue = 0;
    for (const n of g.nodes) totalValue += n.flat;
    const nodeCutoff = Math.abs(Math.trunc(totalValue * o.nodeFraction));
    const edgeCutoff = Math.abs(Math.trunc(totalValue * o.edgeFraction));
    let droppedNodes = 0;
    let edgesMissing = deferEdges;
    if (nodeCutoff > 0) {
      if (callTree) {
        const kept = keptNodes(g.nodes, nodeCutoff);
        if (kept.size !== g.nodes.length) {
          droppedNodes = g.nodes.length - kept.size;
          trimTree(g, kept);
        }
      } else {
        const kept = keptNodeKeys(g.nodes, nodeCutoff);
        if (kept.size !== g.nodes.length) {
          droppedNodes = g.nodes.length - kept.size;
          g = this.newGraph(kept, early);
          edgesMissing = false;
        }
      }
    }
    if (edgesMissing) g = this.newGraph(null, true);
    const origCount = g.nodes.length;
    sortNodes(g.nodes, order);
    if (o.nodeCount > 0) {
      // Only the first -nodecount nodes can be selected, by their tags.
      this.builder?.ensureTags(g.nodes.slice(0, o.nodeCount));
      trimLowFrequencyTags(g, nodeCutoff);
      trimLowFrequencyEdges(g, edgeCutoff);
      const top = selectTopNodes(g, o.nodeCount, visualMode);
      if (top.length !== g.nodes.length) {
        if (callTree) {
          trimTree(g, new Set(top));
        } else {
          g = this.newGraph(new Set(top.map((n) => n.key)), early);
        }
        sortNodes(g.nodes, order);
      }
    }
    if (!early) {
      g = this.newGraph(new Set(g.nodes.map((n) => n.key)), true, edgeCutoff);
      sortNodes(g.nodes, order);
    }
    this.builder?.ensureTags(g.nodes);
    trimLowFrequencyTags(g, nodeCutoff);
    const droppedEdges = trimLowFrequencyEdges(g, edgeCutoff);
    if (visualMode) removeRedundantEdges(g);
    return { graph: g, origCount, droppedNodes, droppedEdges };
  }

  /**
   * selectOutputUnit is the unit a graph report shows its values in: the
   * -unit setting, or for "minimum" one picked from the graph's values.
   * It returns the unit and changes nothing (a report may be rendered again).
   */
  selectOutputUnit(g: Graph): string {
    const o = this.options;
    if (o.outputUnit !== 'minimum' || g.nodes.length === 0) return o.outputUnit;
    let minValue = 0;
    for (const n of g.nodes) {
      let nodeMin = Math.abs(n.flatValue());
      if (nodeMin === 0) nodeMin = Math.abs(n.cumValue());
      if (nodeMin > 0 && (minValue === 0 || nodeMin < minValue)) minValue = nodeMin;
    }
    let maxValue = this.total;
    if (minValue === 0) minValue = maxValue;
    const r = o.ratio;
    if (r > 0 && r !== 1) {
      minValue = Math.trunc(minValue * r);
      maxValue = Math.trunc(maxValue * r);
    }
    const [, minUnit] = scaleValue(minValue, o.sampleUnit, 'minimum');
    const [, maxUnit] = scaleValue(maxValue, o.sampleUnit, 'minimum');
    let unit = minUnit;
    if (minUnit !== maxUnit && minValue * 100 < maxValue && !o.graph.smallestUnit) {
      [, unit] = scaleValue(100 * minValue, o.sampleUnit, 'minimum');
    }
    return unit !== '' ? unit : o.sampleUnit;
  }
}

/**
 * trimPath strips a configured (or guessed) prefix from a source path so it
 * can be found under -source_path; "/proc/self/cwd/" always goes.
 */
function trimPath(path: string, trim: string, searchPath: string): string {
  const sPath = path;
  if (trim === '') {
    for (const dir of splitList(searchPath)) {
      const want = '/' + basePath(dir) + '/';
      const found = sPath.indexOf(want);
      if (found !== -1) return path.slice(found + want.length);
    }
  }
  const prefixes = [...splitList(trim), '/proc/self/cwd/./', '/proc/self/cwd/'];
  for (let t of prefixes) {
    if (!t.endsWith('/')) t += '/';
    if (sPath.startsWith(t)) return path.slice(t.length);
  }
  return path;
}

/** splitList splits a path list on ":" like Go's filepath.SplitList. */
function splitList(list: string): string[] {
  return list === '' ? [] : list.split(':');
}

/** profileLabels are the header lines: file, build id, type, time, duration (values in unit). */
export function profileLabels(rpt: Report, unit = rpt.options.outputUnit): string[] {
  const out: string[] = [];
  const p = rpt.prof;
  const o = rpt.options;
  if (p.mappings.length > 0) {
    if (p.mappings[0].file !== '') out.push('File: ' + basePath(p.mappings[0].file));
    if (p.mappings[0].buildId !== '') out.push('Build ID: ' + p.mappings[0].buildId);
  }
  for (const c of p.comments) if (!c.startsWith('#')) out.push(c);
  if (o.sampleType !== '') out.push('Type: ' + o.sampleType);
  if (p.docUrl !== '') out.push('Doc: ' + p.docUrl);
  if (p.timeNanos !== 0n) out.push('Time: ' + formatGoTimeShort(p.timeNanos, o.zone ?? localZone));
  if (p.durationNanos !== 0) {
    const duration = label(p.durationNanos, 'nanoseconds');
    const [totalNanos, totalUnit] = scaleValue(rpt.total, o.sampleUnit, 'nanoseconds');
    let ratio = '';
    if (totalUnit === 'ns' && totalNanos !== 0) ratio = '(' + percentage(Math.trunc(totalNanos), p.durationNanos) + ')';
    out.push(`Duration: ${duration}, Total samples = ${rpt.formatValue(rpt.total, unit)} ${ratio}`);
  }
  return out;
}

function legendActiveFilters(filters: string[]): string[] {
  return ['Active filters:', ...filters.map((s) => {
    // pprof cuts at 80 bytes; cut on a character boundary at most 80 bytes in.
    const bytes = new TextEncoder().encode(s);
    if (bytes.length <= 80) return '   ' + s;
    return '   ' + new TextDecoder().decode(bytes.subarray(0, 80)).replace(/\uFFFD+$/, '') + '…';
  })];
}

function genLabel(d: number, n: string, l: string, f: string): string {
  return `Dropped ${d} ${d > 1 ? n + 's' : n} (${l} <= ${f})`;
}

/** reportLabels are the header lines of graph reports (with what was shown and dropped), values in unit. */
export function reportLabels(rpt: Report, unit: string, shownTotal: number, nodeCount: number, origCount: number,
  droppedNodes: number, droppedEdges: number, fullHeaders: boolean): string[] {
  const o = rpt.options;
  const fmt = (v: number) => rpt.formatValue(v, unit);
  let out: string[] = [];
  if (o.profileLabels.length > 0) out = [...o.profileLabels];
  else if (fullHeaders || !o.compactLabels) out = profileLabels(rpt, unit);
  if (o.activeFilters.length > 0) out.push(...legendActiveFilters(o.activeFilters));
  out.push(`Showing nodes accounting for ${fmt(shownTotal)}, ${percentage(shownTotal, rpt.total).trim()} of ${fmt(rpt.total)} total`);
  if (rpt.total !== 0) {
    if (droppedNodes > 0) {
      out.push(genLabel(droppedNodes, 'node', 'cum', fmt(Math.abs(Math.trunc(rpt.total * o.nodeFraction)))));
    }
    if (droppedEdges > 0) {
      out.push(genLabel(droppedEdges, 'edge', 'freq', fmt(Math.abs(Math.trunc(rpt.total * o.edgeFraction)))));
    }
    if (nodeCount > 0 && nodeCount < origCount) out.push(`Showing top ${nodeCount} nodes out of ${origCount}`);
  }
  if (fullHeaders) out.push('\nSee https://git.io/JfYMW for how to read the graph');
  return out;
}

/** graphTotal sums the flat values of the nodes shown. */
export function graphTotal(g: Graph): number {
  let t = 0;
  for (const n of g.nodes) t += n.flatValue();
  return t;
}
