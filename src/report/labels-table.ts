// The labels panel of the web UI (pprof has none): each label key with its
// values, their sums and shares, the numbers -tags prints, as JSON.

import { tagCounts } from './tags.js';
import type { Report } from './report.js';

/** LabelsTable is the JSON of the labels panel. */
interface LabelsTable {
  total: number;
  totalText: string;
  keys: { key: string; total: number; totalText: string; values: { name: string; flat: number; flatText: string; numeric: boolean }[] }[];
}

/** labelsTable lists the report's label keys and values with formatted sums. */
export function labelsTable(rpt: Report): LabelsTable {
  return {
    total: rpt.total,
    totalText: rpt.formatValue(rpt.total),
    keys: tagCounts(rpt).map((k) => ({
      key: k.key,
      total: k.total,
      totalText: rpt.formatValue(k.total),
      values: k.values.map((v) => ({ ...v, flatText: rpt.formatValue(v.flat) })),
    })),
  };
}
