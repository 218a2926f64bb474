// The DOT "nodelets" of a node: small boxes for its heaviest label sets
// and for its numeric tags (allocation sizes), the numbers collapsed into
// at most four ranges — as pprof draws them under graph nodes.

import { label, scaleValue } from '../units/measurement.js';
import type { Node, Tag } from './graph.js';
import { byteCompare } from './node-info.js';
import { MAX_NODELETS } from './trim.js';

function tagValue(v: number, div: number): number {
  return div === 0 ? v : Math.trunc(v / div);
}

function absDesc(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  return x === y ? 0 : x > y ? -1 : 1;
}

/**
 * sortTags orders tags heaviest first — by cumulative weight unless flat,
 * then by flat weight — and then by name.
 */
export function sortTags(ts: Tag[], flat: boolean): Tag[] {
  return ts.sort((a, b) => {
    if (!flat && a.cum !== b.cum) return absDesc(a.cum, b.cum);
    if (a.flat !== b.flat) return absDesc(a.flat, b.flat);
    return byteCompare(a.name, b.name);
  });
}

// How far apart two numeric tags are, in the first one's unit.
function tagDistance(t: Tag, u: Tag): number {
  const [v] = scaleValue(u.value, u.unit, t.unit);
  return Math.abs(t.value - v);
}

function groupTag(g: Tag[]): Tag {
  if (g.length === 1) {
    const t = g[0];
    return { name: label(t.value, t.unit), unit: '', value: 0, flat: tagValue(t.flat, t.flatDiv), flatDiv: 0, cum: tagValue(t.cum, t.cumDiv), cumDiv: 0 };
  }
  let min = g[0];
  let max = g[0];
  let f = min.flat;
  let df = min.flatDiv;
  let c = min.cum;
  let dc = min.cumDiv;
  for (const t of g.slice(1)) {
    if (Math.trunc(scaleValue(t.value, t.unit, min.unit)[0]) < min.value) min = t;
    if (Math.trunc(scaleValue(t.value, t.unit, max.unit)[0]) > max.value) max = t;
    f += t.flat;
    df += t.flatDiv;
    c += t.cum;
    dc += t.cumDiv;
  }
  // Range labels keep each end's natural unit: in the output unit small
  // sizes would all read "0..0".
  const name = label(min.value, min.unit) + '..' + label(max.value, max.unit);
  return { name, unit: '', value: 0, flat: tagValue(f, df), flatDiv: 0, cum: tagValue(c, dc), cumDiv: 0 };
}

/**
 * collapsedTags sorts numeric tags and, when there are more than count,
 * puts each of the rest into the group of the nearest of the first count,
 * one "min..max" tag per group.
 */
export function collapsedTags(ts: Tag[], count: number, flat: boolean): Tag[] {
  ts = sortTags(ts, flat);
  if (ts.length <= count) return ts;
  const groups = ts.slice(0, count).map((t) => [t]);
  for (const t of ts.slice(count)) {
    let best = 0;
    let d = tagDistance(t, groups[0][0]);
    for (let i = 1; i < count; i++) {
      const nd = tagDistance(t, groups[i][0]);
      if (nd < d) {
        best = i;
        d = nd;
      }
    }
    groups[best].push(t);
  }
  return sortTags(groups.map(groupTag), flat);
}

function numericNodelets(nts: Tag[], flat: boolean, source: string, format: (v: number) => string, quote: (s: string) => string): string {
  let out = '';
  collapsedTags(nts, MAX_NODELETS, flat).forEach((t, j) => {
    const fv = tagValue(t.flat, t.flatDiv);
    const cv = tagValue(t.cum, t.cumDiv);
    // A leaf shows cumulative weight (dotted when it differs from flat).
    const useFlat = flat || fv === cv;
    const w = useFlat ? fv : cv;
    if (w === 0) return;
    const weight = format(w);
    // pprof prefixes the source id with another "N" (NN3_0); kept for parity.
    out += `N${source}_${j} [label = "${quote(t.name)}" id="N${source}_${j}" fontsize=8 shape=box3d tooltip="${weight}"]\n`;
    out += `${source} -> N${source}_${j} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"${useFlat ? '' : ' style="dotted"'}]\n`;
  });
  return out;
}

/**
 * nodeletLines returns the DOT lines of a node's tags ("" when none): up
 * to four label-set boxes, each with its numeric tags, then the numeric
 * tags of samples without labels. Inner nodes show flat weights, leaves
 * cumulative ones (which include trimmed children). Like pprof, the
 * label text is written as it is unless quote escapes it (the web UI's
 * graph does: a quote in a label would break Graphviz's parse).
 */
export function nodeletLines(n: Node, id: number, format: (v: number) => string, quote: (s: string) => string = (s) => s): string {
  const numeric = new Map<string, Tag[]>();
  for (const [labels, tm] of n.numericTags) if (tm.size > 0) numeric.set(labels, [...tm.values()]);
  const flat = n.out.size > 0;
  const ts = sortTags([...n.labelTags.values()], flat).slice(0, MAX_NODELETS);
  let out = '';
  ts.forEach((t, i) => {
    const w = flat ? tagValue(t.flat, t.flatDiv) : tagValue(t.cum, t.cumDiv);
    if (w === 0) return;
    const weight = format(w);
    out += `N${id}_${i} [label = "${quote(t.name)}" id="N${id}_${i}" fontsize=8 shape=box3d tooltip="${weight}"]\n`;
    out += `N${id} -> N${id}_${i} [label=" ${weight}" weight=100 tooltip="${weight}" labeltooltip="${weight}"]\n`;
    const nts = numeric.get(t.name);
    if (nts) out += numericNodelets(nts, flat, `N${id}_${i}`, format, quote);
  });
  const bare = numeric.get('');
  if (bare) out += numericNodelets(bare, flat, `N${id}`, format, quote);
  return out;
}
