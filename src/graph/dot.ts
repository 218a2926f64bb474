// A graph in Graphviz's DOT language, as pprof draws it: a legend, one box
// per node sized by its flat weight and coloured by its cumulative weight,
// tag "nodelets" under nodes, and weighted edges (dotted when residual).

import { percentage } from '../units/measurement.js';
import { edgeValue, type Edge, type Graph, type Node } from './graph.js';
import { basePath } from './gopath.js';
import { nameComponents, printableName } from './node-info.js';
import { shortenFunctionName } from './shorten.js';
import { sortEdges } from './sort.js';
import { nodeletLines } from './dot-tags.js';

/** DotConfig is what the DOT writer needs besides the graph. */
interface DotConfig {
  /** The graph's name (the profiled binary), or "" for "unnamed". */
  title: string;
  /** The legend's lines; the first also names the legend box. */
  labels: string[];
  /** Formats a value in the report's unit. */
  formatValue: (v: number) => string;
  /** The report total, the base of percentages and colours. */
  total: number;
  /** Escape the title and the label nodelets too (pprof writes them raw; the web UI must not break on a quote). */
  escapeAll?: boolean;
}

/**
 * escapeForDot escapes backslashes and double quotes for a DOT string and
 * turns newlines into Graphviz's left-justified line break.
 */
export function escapeForDot(s: string): string {
  return s.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\l');
}

// Go's uint8(x) for x in [0, 255]; NaN (a zero total) becomes 0 as on amd64.
function byte(x: number): string {
  const v = Number.isFinite(x) ? Math.trunc(x) & 0xff : 0;
  return v.toString(16).padStart(2, '0');
}

/**
 * dotColor maps a score in [-1, 1] to a colour: -1 green, 0 grey, 1 red;
 * light (for fills) when background is set, dark (for lines) otherwise.
 */
export function dotColor(score: number, background: boolean): string {
  // How far scores are pushed away from grey, so small values still show.
  const shift = 0.7;
  let saturation = background ? 0.1 : 1.0;
  const value = background ? 0.93 : 0.7;
  score = Math.max(-1.0, Math.min(1.0, score));
  // Near zero the colour fades to grey rather than to yellow.
  if (Math.abs(score) < 0.2) saturation *= Math.abs(score) / 0.2;
  if (score > 0) score = Math.pow(score, 1.0 - shift);
  if (score < 0) score = -Math.pow(-score, 1.0 - shift);
  let r: number;
  let g: number;
  if (score < 0) {
    g = value;
    r = value * (1 + saturation * score);
  } else {
    r = value;
    g = value * (1 - saturation * score);
  }
  const b = value * (1 - saturation);
  return '#' + byte(r * 255.0) + byte(g * 255.0) + byte(b * 255.0);
}

/**
 * multilinePrintableName is a node's label text: the shortened function
 * name broken at "." and "::" (Go's "[...]" kept whole), then the file's
 * base name and line, each part ending in a DOT line break.
 */
export function multilinePrintableName(n: Node): string {
  const info = n.info;
  const name = escapeForDot(shortenFunctionName(info.name))
    .replaceAll('::', '\\n')
    .replaceAll('[...]', '[…]')
    .replaceAll('.', '\\n');
  const file = info.file !== '' ? basePath(info.file) : '';
  return nameComponents({ ...info, name, file }).join('\\n') + '\\n';
}

// a * m / b with int64 truncation, exact past 2^53 (values may be that large).
function mulDiv(a: number, m: number, b: number): number {
  const p = a * m;
  if (Math.abs(p) <= Number.MAX_SAFE_INTEGER) return Math.trunc(p / b);
  return Number((BigInt(a) * BigInt(m)) / BigInt(b));
}

function nodeLine(n: Node, id: number, maxFlat: number, c: DotConfig): string {
  const flat = n.flatValue();
  const cum = n.cumValue();
  let label = multilinePrintableName(n);
  const flatText = c.formatValue(flat);
  label += flat !== 0 ? `${flatText} (${percentage(flat, c.total).trim()})` : '0';
  let cumText = flatText;
  if (cum !== flat) {
    label += flat !== 0 ? '\\n' : ' ';
    cumText = c.formatValue(cum);
    label += `of ${cumText} (${percentage(cum, c.total).trim()})`;
  }
  // Font sizes grow from 8 to 24 with the square root of the flat share.
  let fontSize = 8;
  if (maxFlat !== 0 && flat !== 0 && Math.abs(flat) <= maxFlat) {
    fontSize += Math.ceil(16 * Math.sqrt(Math.abs(flat) / maxFlat));
  }
  const score = cum / Math.abs(c.total);
  return `N${id} [label="${label}" id="node${id}" fontsize=${fontSize} shape=box ` +
    `tooltip="${escapeForDot(printableName(n.info))} (${cumText})" ` +
    `color="${dotColor(score, false)}" fillcolor="${dotColor(score, true)}"]\n`;
}

function edgeLine(e: Edge, from: number, to: number, srcHasNodelets: boolean, c: DotConfig): string {
  const wv = edgeValue(e);
  const w = c.formatValue(wv);
  let attr = `label=" ${w}${e.inline ? '\\n (inline)' : ''}"`;
  if (c.total !== 0) {
    // Heavier edges pull their nodes closer (weight) and are drawn thicker.
    const weight = 1 + Math.min(Math.abs(mulDiv(wv, 100, c.total)), 100);
    if (weight > 1) attr += ` weight=${weight}`;
    const width = 1 + Math.min(Math.abs(mulDiv(wv, 5, c.total)), 5);
    if (width > 1) attr += ` penwidth=${width}`;
    attr += ` color="${dotColor(wv / Math.abs(c.total), false)}"`;
  }
  const arrow = e.residual ? '...' : '->';
  const tip = `"${escapeForDot(printableName(e.src.info))} ${arrow} ${escapeForDot(printableName(e.dest.info))} (${w})"`;
  attr += ` tooltip=${tip} labeltooltip=${tip}`;
  if (e.residual) attr += ' style="dotted"';
  // Children of a node with tags sit further down, below the nodelets.
  if (srcHasNodelets) attr += ' minlen=2';
  return `N${from} -> N${to} [${attr}]\n`;
}

function legend(c: DotConfig): string {
  if (c.labels.length === 0) return '';
  let s = `subgraph cluster_L { "${escapeForDot(c.labels[0])}" [shape=box fontsize=16`;
  s += ` label="${c.labels.map(escapeForDot).join('\\l')}\\l"`;
  if (c.title !== '') s += ` tooltip="${c.title}"`;
  return s + '] }\n';
}

/**
 * composeDot writes the graph in DOT: nodes are numbered N1, N2, … in the
 * graph's order, edges listed heaviest first.
 */
export function composeDot(g: Graph, c: DotConfig): string {
  const out: string[] = [];
  const title = c.title !== '' ? c.title : 'unnamed';
  out.push(`digraph "${c.escapeAll ? escapeForDot(title) : title}" {\n`);
  out.push('node [style=filled fillcolor="#f8f8f8"]\n');
  out.push(legend(c));
  if (g.nodes.length > 0) {
    const ids = new Map<Node, number>();
    let maxFlat = Math.abs(g.nodes[0].flatValue());
    g.nodes.forEach((n, i) => {
      ids.set(n, i + 1);
      maxFlat = Math.max(maxFlat, Math.abs(n.flatValue()));
    });
    const withNodelets = new Set<Node>();
    const edges: Edge[] = [];
    for (const n of g.nodes) {
      const id = ids.get(n)!;
      out.push(nodeLine(n, id, maxFlat, c));
      const nodelets = nodeletLines(n, id, c.formatValue, c.escapeAll ? escapeForDot : undefined);
      if (nodelets !== '') {
        out.push(nodelets);
        withNodelets.add(n);
      }
      for (const e of n.out.values()) edges.push(e);
    }
    for (const e of sortEdges(edges)) {
      out.push(edgeLine(e, ids.get(e.src) ?? 0, ids.get(e.dest) ?? 0, withNodelets.has(e.src), c));
    }
  }
  out.push('}\n');
  return out.join('');
}
