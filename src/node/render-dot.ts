// DOT to SVG or PostScript in this process, with Graphviz compiled to
// WebAssembly (@hpcc-js/wasm-graphviz, which embeds its wasm): no system
// Graphviz is needed. Also pprof-style pan and zoom for SVG in a browser.

import { Graphviz, type Format } from '@hpcc-js/wasm-graphviz';
import type { OutputPlan } from '../driver/commands.js';
import { ReportError } from '../report/errors.js';
import type { ReportOutput } from '../report/output.js';
import { SVG_PAN_SCRIPT } from './svg-pan.js';

/** RenderError is a DOT text that Graphviz could not lay out. */
class RenderError extends ReportError {}

/** GraphFormat is an output format rendered from DOT in-process. */
type GraphFormat = 'svg' | 'ps';

let loaded: Promise<Graphviz> | null = null;

/** renderDot lays out a DOT graph with Graphviz's dot engine. */
async function renderDot(dot: string, format: GraphFormat): Promise<string> {
  loaded ??= Graphviz.load();
  const gv = await loaded;
  try {
    // The wasm build writes PostScript too, though its types list only text formats.
    return gv.layout(dot, format as Format, 'dot');
  } catch (e) {
    throw new RenderError(`graphviz could not lay out the graph: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const SVG_SIZE = /<svg\s*width="[^"]+"\s*height="[^"]+"\s*viewBox="[^"]+"/;
const GRAPH_GROUP = /<g id="graph\d+"/;

/**
 * addPanZoom makes a Graphviz SVG fill the browser window and wraps the
 * graph in a "viewport" group that a small embedded script pans (drag),
 * zooms (wheel, +/-) and fits to the window (on load, double click, 0) —
 * what pprof does with its svgpan script, with a script of our own.
 */
export function addPanZoom(svg: string): string {
  // Older dot releases leave some ampersands unescaped, which breaks XML.
  let out = svg.replaceAll('&;', '&amp;;');
  out = out.replace(SVG_SIZE, '<svg width="100%" height="100%"');
  const g = GRAPH_GROUP.exec(out);
  if (!g) return out;
  const script = `<script type="text/ecmascript"><![CDATA[${SVG_PAN_SCRIPT}]]></script>`;
  out = out.slice(0, g.index) + script + '<g id="viewport" transform="translate(0,0)">' + out.slice(g.index);
  const close = out.lastIndexOf('</svg>');
  if (close >= 0) out = out.slice(0, close) + '</g>\n' + out.slice(close);
  return out;
}

/** renderGraphOutput draws a DOT report as the plan asks (SVG, SVG with pan and zoom, PostScript); other output passes through. */
export async function renderGraphOutput(plan: OutputPlan | undefined, out: ReportOutput): Promise<ReportOutput> {
  const render = plan?.render;
  if (!render || out.kind !== 'text') return out;
  const text = await renderDot(out.text, render === 'ps' ? 'ps' : 'svg');
  return { kind: 'text', text: render === 'svg-pan' ? addPanZoom(text) : text };
}
