// The -dot report (and the DOT behind -svg and -web): the trimmed call
// graph with pprof's full header labels in the legend.

import { composeDot } from '../graph/dot.js';
import { graphTotal, reportLabels, type Report } from './report.js';

/** printDot renders the report's graph in Graphviz's DOT language; escapeAll quotes what pprof leaves raw (for the web UI). */
export function printDot(rpt: Report, escapeAll = false): string {
  const { graph: g, origCount, droppedNodes, droppedEdges } = rpt.newTrimmedGraph();
  const unit = rpt.selectOutputUnit(g);
  const labels = reportLabels(rpt, unit, graphTotal(g), g.nodes.length, origCount, droppedNodes, droppedEdges, true);
  return composeDot(g, {
    title: rpt.options.title,
    labels,
    formatValue: (v) => rpt.formatValue(v, unit),
    total: rpt.total,
    escapeAll,
  });
}
