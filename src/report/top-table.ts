// The top report as data for the web UI's table: the rows of -top (the
// same textItems) with raw values, their formatted forms and the header.

import type { Report } from './report.js';
import { textItems } from './text.js';

/** TopTable is the JSON the web UI's top view receives. */
interface TopTable {
  labels: string[];
  total: number;
  rows: { name: string; inline: string; flat: number; cum: number; flatText: string; cumText: string }[];
}

/** topTable computes the rows of -top, untrimmed by the caller's choice of node count. */
export function topTable(rpt: Report): TopTable {
  const { items, labels } = textItems(rpt);
  return {
    labels,
    total: rpt.total,
    rows: items.map((i) => ({ name: i.name, inline: i.inlineLabel, flat: i.flat, cum: i.cum, flatText: i.flatFormat, cumText: i.cumFormat })),
  };
}
