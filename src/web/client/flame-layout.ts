// The flame graph's geometry, pure so that tests run it without a canvas:
// frame widths by the chosen measure (a diff can size by the new profile,
// the base, or both), the layout of a zoomed subtree as fractions of the
// width, hit-testing, search with its share of the total, and colours.

import type { FlameData } from './flame-data.js';
import { packageOf } from './flame-data.js';

/** WidthBy is what a frame's width shows in a differential flame graph. */
export type WidthBy = 'new' | 'base' | 'both';

/** widthsOf sizes every node: |total| for a plain graph; for a diff the chosen side (the base scaled by baseScale). */
export function widthsOf(d: FlameData, by: WidthBy = 'new', baseScale = 1): Float64Array {
  const w = new Float64Array(d.n);
  const bt = d.baseTotal;
  for (let i = 0; i < d.n; i++) {
    const v = Math.abs(d.total[i]);
    if (!bt) w[i] = v;
    else if (by === 'new') w[i] = v;
    else if (by === 'base') w[i] = Math.abs(bt[i]) * baseScale;
    else w[i] = v + Math.abs(bt[i]) * baseScale;
  }
  return w;
}

/** normalizeScale is the factor that brings the base's total to the new profile's (the diff's normalize toggle). */
export function normalizeScale(d: FlameData): number {
  const b = d.baseTotal ? d.baseTotal[0] : 0;
  return b > 0 ? d.total[0] / b : 1;
}

/** Layout places nodes: x and w as fractions of the width; w is 0 for nodes not drawn. */
export interface Layout {
  zoom: number;
  x: Float64Array;
  w: Float64Array;
}

/**
 * layoutFlame lays out the subtree of zoom across the whole width, its
 * ancestors spanning it too (as breadcrumbs drawn in place); other nodes
 * get no width. Children follow their parent's left edge in order.
 */
export function layoutFlame(d: FlameData, widths: Float64Array, zoom: number): Layout {
  const x = new Float64Array(d.n);
  const w = new Float64Array(d.n);
  const next = new Float64Array(d.n);
  for (let k = d.parent[zoom]; k !== 0xffffffff && zoom !== 0; k = d.parent[k]) w[k] = 1;
  const whole = widths[zoom];
  w[zoom] = whole > 0 ? 1 : 0;
  const end = d.end[zoom];
  for (let i = zoom + 1; i < end; i++) {
    const p = d.parent[i];
    x[i] = next[p] + x[p];
    w[i] = whole > 0 ? widths[i] / whole : 0;
    next[p] += w[i];
  }
  return { zoom, x, w };
}

/**
 * nodeAt finds the node drawn at fraction fx of the width on row `row`
 * (row 0 is the root), or -1: down the ancestors, then down the children
 * (each child's subtree ends where its next sibling starts).
 */
export function nodeAt(d: FlameData, l: Layout, fx: number, row: number): number {
  if (row < 0 || fx < 0 || fx >= 1) return -1;
  const zd = d.depth[l.zoom];
  if (row <= zd) {
    let k = l.zoom;
    while (d.depth[k] > row) k = d.parent[k];
    return k;
  }
  let i = l.zoom;
  while (d.depth[i] < row) {
    let c = i + 1;
    let found = -1;
    while (c < d.end[i]) {
      if (l.w[c] > 0 && fx >= l.x[c] && fx < l.x[c] + l.w[c]) { found = c; break; }
      c = d.end[c];
    }
    if (found < 0) return -1;
    i = found;
  }
  return i;
}

/** SearchResult is a search's matches: per node, and the totals shown beside the box. */
interface SearchResult {
  /** 1 where the node's frame matches. */
  matched: Uint8Array;
  /** Matching nodes in pre-order, for next/previous. */
  nodes: number[];
  /** Distinct matching functions. */
  functions: number;
  /** The matched share of the root's width, each sample counted once (a match inside a match adds nothing). */
  share: number;
}

/** searchFlame matches re against every frame name. */
export function searchFlame(d: FlameData, widths: Float64Array, re: RegExp): SearchResult {
  const byName = new Uint8Array(d.names.length);
  let functions = 0;
  for (let k = 1; k < d.names.length; k++) {
    re.lastIndex = 0;
    if (re.test(d.names[k])) {
      byName[k] = 1;
      functions++;
    }
  }
  const matched = new Uint8Array(d.n);
  const nodes: number[] = [];
  let covered = 0;
  let sum = 0;
  for (let i = 1; i < d.n; i++) {
    if (!byName[d.name[i]]) continue;
    matched[i] = 1;
    nodes.push(i);
    if (i >= covered) {
      sum += widths[i];
      covered = d.end[i];
    }
  }
  return { matched, nodes, functions, share: widths[0] > 0 ? sum / widths[0] : 0 };
}

/** hash32 is FNV-1a over a string's UTF-16 units. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** packageColor gives each package its own warm colour, the same on every load. */
export function packageColor(frame: string): string {
  const h = hash32(packageOf(frame));
  const hue = 5 + (h % 50);
  const sat = 55 + ((h >>> 8) % 30);
  const light = 55 + ((h >>> 16) % 15);
  return `hsl(${hue} ${sat}% ${light}%)`;
}

/**
 * diffColor is red when the frame grew, blue when it shrank, grey when it
 * stayed, the intensity by the change relative to the larger side.
 */
export function diffColor(value: number, base: number): string {
  const big = Math.max(Math.abs(value), Math.abs(base));
  if (big === 0) return 'hsl(0 0% 85%)';
  const r = Math.min(1, Math.abs(value - base) / big);
  if (r < 0.01) return 'hsl(0 0% 85%)';
  const light = Math.round(92 - 42 * r);
  return value > base ? `hsl(0 80% ${light}%)` : `hsl(220 80% ${light}%)`;
}
