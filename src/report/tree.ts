// The -tree and -peek reports: each node with its callers above and its
// callees below, weighted by edge.

import { sortEdges } from '../graph/sort.js';
import { percentage } from '../units/measurement.js';
import { padLeft } from '../units/go-format.js';
import { graphTotal, reportLabels, type Report } from './report.js';
import { ReportError } from './errors.js';

const SEPARATOR = '----------------------------------------------------------+-------------';
const LEGEND = '      flat  flat%   sum%        cum   cum%   calls calls% + context 	 	 ';

/** printTree renders the call tree; with a symbol regexp (peek) only matching nodes. */
export function printTree(rpt: Report): string {
  const { graph: g, origCount, droppedNodes } = rpt.newTrimmedGraph();
  const unit = rpt.selectOutputUnit(g);
  const out: string[] = [];
  out.push(reportLabels(rpt, unit, graphTotal(g), g.nodes.length, origCount, droppedNodes, 0, false).join('\n') + '\n');
  out.push(SEPARATOR + '\n');
  out.push(LEGEND + '\n');
  let flatSum = 0;
  const rx = rpt.options.symbol;
  let matched = 0;
  const total = rpt.total;
  for (const n of g.nodes) {
    const name = rpt.nodeName(n);
    const flat = n.flatValue();
    const cum = n.cumValue();
    if (rx && !rx.test(name)) continue;
    matched++;
    out.push(SEPARATOR + '\n');
    for (const e of sortEdges(n.in.values())) {
      const inline = e.inline ? ' (inline)' : '';
      out.push(`${padLeft(rpt.formatValue(e.weight, unit), 50)} ${percentage(e.weight, cum)} |   ${rpt.nodeName(e.src)}${inline}\n`);
    }
    flatSum += flat;
    out.push(`${padLeft(rpt.formatValue(flat, unit), 10)} ${percentage(flat, total)} ${percentage(flatSum, total)} ${padLeft(rpt.formatValue(cum, unit), 10)} ${percentage(cum, total)}                | ${name}\n`);
    for (const e of sortEdges(n.out.values())) {
      const inline = e.inline ? ' (inline)' : '';
      out.push(`${padLeft(rpt.formatValue(e.weight, unit), 50)} ${percentage(e.weight, cum)} |   ${rpt.nodeName(e.dest)}${inline}\n`);
    }
  }
  if (g.nodes.length > 0) out.push(SEPARATOR + '\n');
  if (rx && matched === 0) throw new ReportError(`no matches found for regexp: ${rpt.options.symbolSource ?? rx.source}`);
  return out.join('');
}
