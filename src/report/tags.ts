// The -tags report: for each label key, how the total splits over its values.

import { percentage, scaledLabel } from '../units/measurement.js';
import { byteCompare } from '../graph/node-info.js';
import type { Report } from './report.js';
import { tabwrite } from './tabwriter.js';

interface TagCount {
  name: string;
  flat: number;
}

// pprof's SortTags(…, flat=true): by |flat| descending, then name.
function sortTags(ts: TagCount[]): TagCount[] {
  return ts.sort((a, b) => {
    if (a.flat !== b.flat) {
      const x = Math.abs(a.flat);
      const y = Math.abs(b.flat);
      if (x !== y) return x > y ? -1 : 1;
    }
    return byteCompare(a.name, b.name);
  });
}

/** TagKey is how the total splits over one label key's values. */
interface TagKey {
  key: string;
  total: number;
  /** Values, biggest share first; numeric ones in the report's unit, as -tags prints them. */
  values: { name: string; flat: number; numeric: boolean }[];
}

/** tagCounts sums the selected sample value by label key and value, in -tags's order. */
export function tagCounts(rpt: Report): TagKey[] {
  const p = rpt.prof;
  const o = rpt.options;
  const tagMap = new Map<string, Map<string, { flat: number; numeric: boolean }>>();
  const tagTotal = new Map<string, number>();
  const add = (key: string, val: string, v: number, numeric: boolean): void => {
    let m = tagMap.get(key);
    if (!m) tagMap.set(key, (m = new Map()));
    const e = m.get(val);
    if (e) e.flat += v;
    else m.set(val, { flat: v, numeric });
    tagTotal.set(key, (tagTotal.get(key) ?? 0) + v);
  };
  const s = p.samples;
  const nv = s.nValues;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * nv + o.sampleIndex];
    const ls = s.labelSets[s.labels[i]];
    for (const [key, vals] of ls.str) for (const val of vals) add(key, val, v, false);
    for (const [key, vals] of ls.num) {
      const unit = o.numLabelUnits.get(key) ?? '';
      for (const nval of vals) add(key, scaledLabel(nval, unit, o.outputUnit), v, true);
    }
  }
  return sortTags([...tagMap.keys()].map((name) => ({ name, flat: 0 }))).map(({ name: key }) => {
    const vals = tagMap.get(key)!;
    const order = sortTags([...vals].map(([name, e]) => ({ name, flat: e.flat })));
    return { key, total: tagTotal.get(key)!, values: order.map((t) => ({ name: t.name, flat: t.flat, numeric: vals.get(t.name)!.numeric })) };
  });
}

/** printTags renders the tag report. */
export function printTags(rpt: Report): string {
  const lines: string[] = [];
  const total = rpt.total;
  for (const { key, total: tt, values: tags } of tagCounts(rpt)) {
    if (total > 0) lines.push(`${key}:\t Total ${rpt.formatValue(tt)} of ${rpt.formatValue(total)} (${percentage(tt, total)})\n`);
    else lines.push(`${key}:\t Total ${rpt.formatValue(tt)} of ${rpt.formatValue(total)}\n`);
    for (const t of tags) {
      if (total > 0) lines.push(` \t${rpt.formatValue(t.flat)} (${percentage(t.flat, total)}):\t ${t.name}\n`);
      else lines.push(` \t${rpt.formatValue(t.flat)}:\t ${t.name}\n`);
    }
    lines.push('\n');
  }
  return tabwrite(lines.join(''), { minWidth: 0, padding: 1, alignRight: true });
}
