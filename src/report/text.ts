// The -top / -text report: one line per node with flat, running sum and
// cumulative weights.

import { percentage } from '../units/measurement.js';
import { padLeft } from '../units/go-format.js';
import { graphTotal, reportLabels, type Report } from './report.js';

/** TextItem is one row of the top report. */
interface TextItem {
  name: string;
  /** "", "(inline)" or "(partial-inline)". */
  inlineLabel: string;
  flat: number;
  cum: number;
  flatFormat: string;
  cumFormat: string;
}

/** textItems computes the rows and header labels of the top report. */
export function textItems(rpt: Report): { items: TextItem[]; labels: string[] } {
  const { graph: g, origCount, droppedNodes } = rpt.newTrimmedGraph();
  const unit = rpt.selectOutputUnit(g);
  const labels = reportLabels(rpt, unit, graphTotal(g), g.nodes.length, origCount, droppedNodes, 0, false);
  const items = g.nodes.map((n) => {
    // A proven node has no incoming edges here, and only inline ones in pprof.
    let inline = n.inlineProven;
    let noinline = false;
    for (const e of n.in.values()) {
      if (e.inline) inline = true;
      else noinline = true;
    }
    const flat = n.flatValue();
    const cum = n.cumValue();
    return {
      name: rpt.nodeName(n),
      inlineLabel: inline ? (noinline ? '(partial-inline)' : '(inline)') : '',
      flat,
      cum,
      flatFormat: rpt.formatValue(flat, unit),
      cumFormat: rpt.formatValue(cum, unit),
    };
  });
  return { items, labels };
}

/** printText renders the top report. */
export function printText(rpt: Report): string {
  const { items, labels } = textItems(rpt);
  const out: string[] = [labels.join('\n') + '\n'];
  out.push(`${padLeft('flat', 10)} ${padLeft('flat', 5)}% ${padLeft('sum', 5)}% ${padLeft('cum', 10)} ${padLeft('cum', 5)}%\n`);
  let flatSum = 0;
  const total = rpt.total;
  for (const it of items) {
    flatSum += it.flat;
    const inl = it.inlineLabel !== '' ? ' ' + it.inlineLabel : '';
    out.push(`${padLeft(it.flatFormat, 10)} ${percentage(it.flat, total)} ${percentage(flatSum, total)} ${padLeft(it.cumFormat, 10)} ${percentage(it.cum, total)}  ${it.name}${inl}\n`);
  }
  return out.join('');
}
