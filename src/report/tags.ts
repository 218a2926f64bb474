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

/** printTags renders the tag report. */
export function printTags(rpt: Report): string {
  const p = rpt.prof;
  const o = rpt.options;
  const tagMap = new Map<string, Map<string, number>>();
  const tagTotal = new Map<string, number>();
  const add = (key: string, val: string, v: number): void => {
    let m = tagMap.get(key);
    if (!m) tagMap.set(key, (m = new Map()));
    m.set(val, (m.get(val) ?? 0) + v);
    tagTotal.set(key, (tagTotal.get(key) ?? 0) + v);
  };
  const s = p.samples;
  const nv = s.nValues;
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * nv + o.sampleIndex];
    const ls = s.labelSets[s.labels[i]];
    for (const [key, vals] of ls.str) for (const val of vals) add(key, val, v);
    for (const [key, vals] of ls.num) {
      const unit = o.numLabelUnits.get(key) ?? '';
      for (const nval of vals) add(key, scaledLabel(nval, unit, o.outputUnit), v);
    }
  }
  const lines: string[] = [];
  const total = rpt.total;
  for (const { name: key } of sortTags([...tagMap.keys()].map((name) => ({ name, flat: 0 })))) {
    const tt = tagTotal.get(key)!;
    if (total > 0) lines.push(`${key}:\t Total ${rpt.formatValue(tt)} of ${rpt.formatValue(total)} (${percentage(tt, total)})\n`);
    else lines.push(`${key}:\t Total ${rpt.formatValue(tt)} of ${rpt.formatValue(total)}\n`);
    const tags = sortTags([...tagMap.get(key)!].map(([name, flat]) => ({ name, flat })));
    for (const t of tags) {
      if (total > 0) lines.push(` \t${rpt.formatValue(t.flat)} (${percentage(t.flat, total)}):\t ${t.name}\n`);
      else lines.push(` \t${rpt.formatValue(t.flat)}:\t ${t.name}\n`);
    }
    lines.push('\n');
  }
  return tabwrite(lines.join(''), { minWidth: 0, padding: 1, alignRight: true });
}
