// The commands table: every report command once, with its help, whether it
// takes a regexp argument, the report (a row of report/generate.ts) behind
// it and how its output is delivered. CLI flags, the shell, web routes and
// tests derive from it.

import type { ForcedSettings, ReportFormat } from '../report/generate.js';

/** CommandDef describes one report command. */
export interface CommandDef {
  name: string;
  description: string;
  usage: string;
  /** Takes a regexp argument (e.g. -list=main.foo). */
  hasParam: boolean;
  format: ReportFormat;
  /** Settings the command imposes besides its report's (-peek: no trimming). */
  forces?: ForcedSettings;
  /** Output is binary data (a file format), not text. */
  binary?: boolean;
  /** Set while gotune cannot produce this output yet. */
  notSupported?: string;
  /** How the report becomes the command's output, when it is not text printed as is. */
  output?: OutputPlan;
}

/** OutputPlan says how a command's report becomes its output (done by the CLI and web faces). */
export interface OutputPlan {
  /** Render the DOT report: SVG (with pan and zoom for browsers) or PostScript. */
  render?: 'svg' | 'svg-pan' | 'ps';
  /** Keep the output off a terminal: the temporary file's extension. */
  away?: string;
  /** Show the output in a viewer: a browser, or the given command. */
  viewer?: 'browser' | readonly string[];
}

function reportHelp(c: string, cum: boolean, redirect: boolean): string {
  const lines = [c + ' [n] [focus_regex]* [-ignore_regex]*', 'Include up to n samples', 'Include samples matching focus_regex, and exclude ignore_regex.'];
  if (cum) {
    lines[0] += ' [-cum]';
    lines.push('-cum sorts the output by cumulative weight');
  }
  if (redirect) {
    lines[0] += ' >f';
    lines.push('Optionally save the report on the file f');
  }
  return lines.join('\n');
}

function listHelp(c: string, redirect: boolean): string {
  const lines = [c + '<func_regex|address> [-focus_regex]* [-ignore_regex]*', 'Include functions matching func_regex, or including the address specified.', 'Include samples matching focus_regex, and exclude ignore_regex.'];
  if (redirect) {
    lines[0] += ' >f';
    lines.push('Optionally save the report on the file f');
  }
  return lines.join('\n');
}

const NO_RASTER = 'gotune draws graphs in-process as SVG or PostScript only; use -svg, -ps or -web';

/** COMMANDS lists every command pprof has (and gotune's additions). */
export const COMMANDS: CommandDef[] = [
  { name: 'comments', description: 'Output all profile comments', usage: '', hasParam: false, format: 'comments' },
  { name: 'disasm', description: 'Output assembly listings annotated with samples', usage: listHelp('disasm', true), hasParam: true, format: 'disasm' },
  { name: 'dot', description: 'Outputs a graph in DOT format', usage: reportHelp('dot', false, true), hasParam: false, format: 'dot' },
  { name: 'list', description: 'Output annotated source for functions matching regexp', usage: listHelp('list', false), hasParam: true, format: 'list' },
  { name: 'peek', description: 'Output callers/callees of functions matching regexp', usage: 'peek func_regex\nDisplay callers and callees of functions matching func_regex.', hasParam: true, format: 'tree', forces: { trim: false } },
  { name: 'raw', description: 'Outputs a text representation of the raw profile', usage: '', hasParam: false, format: 'raw' },
  { name: 'tags', description: 'Outputs all tags in the profile', usage: 'tags [tag_regex]* [-ignore_regex]* [>file]\nList tags with key:value matching tag_regex and exclude ignore_regex.', hasParam: false, format: 'tags' },
  { name: 'text', description: 'Outputs top entries in text form', usage: reportHelp('text', true, true), hasParam: false, format: 'text' },
  { name: 'top', description: 'Outputs top entries in text form', usage: reportHelp('top', true, true), hasParam: false, format: 'text' },
  { name: 'traces', description: 'Outputs all profile samples in text form', usage: '', hasParam: false, format: 'traces' },
  { name: 'tree', description: 'Outputs a text rendering of call graph', usage: reportHelp('tree', true, true), hasParam: false, format: 'tree' },
  { name: 'callgrind', description: 'Outputs a graph in callgrind format', usage: reportHelp('callgrind', false, true), hasParam: false, format: 'callgrind', output: { away: 'callgraph.out' } },
  { name: 'proto', description: 'Outputs the profile in compressed protobuf format', usage: '', hasParam: false, format: 'proto', binary: true, output: { away: 'pb.gz' } },
  { name: 'topproto', description: 'Outputs top entries in compressed protobuf format', usage: '', hasParam: false, format: 'topproto', binary: true, output: { away: 'pb.gz' } },
  { name: 'gif', description: 'Outputs a graph image in GIF format', usage: reportHelp('gif', false, true), hasParam: false, format: 'dot', binary: true, notSupported: NO_RASTER },
  { name: 'pdf', description: 'Outputs a graph in PDF format', usage: reportHelp('pdf', false, true), hasParam: false, format: 'dot', binary: true, notSupported: NO_RASTER },
  { name: 'png', description: 'Outputs a graph image in PNG format', usage: reportHelp('png', false, true), hasParam: false, format: 'dot', binary: true, notSupported: NO_RASTER },
  { name: 'ps', description: 'Outputs a graph in PS format', usage: reportHelp('ps', false, true), hasParam: false, format: 'dot', binary: true, output: { render: 'ps', away: 'ps' } },
  { name: 'svg', description: 'Outputs a graph in SVG format', usage: reportHelp('svg', false, true), hasParam: false, format: 'dot', output: { render: 'svg-pan', away: 'svg' } },
  { name: 'eog', description: 'Visualize graph through eog', usage: reportHelp('eog', false, false), hasParam: false, format: 'dot', output: { render: 'svg', away: 'svg', viewer: ['eog'] } },
  { name: 'evince', description: 'Visualize graph through evince', usage: reportHelp('evince', false, false), hasParam: false, format: 'dot', notSupported: NO_RASTER },
  { name: 'gv', description: 'Visualize graph through gv', usage: reportHelp('gv', false, false), hasParam: false, format: 'dot', output: { render: 'ps', away: 'ps', viewer: ['gv', '--noantialias'] } },
  { name: 'web', description: 'Visualize graph through web browser', usage: reportHelp('web', false, false), hasParam: false, format: 'dot', output: { render: 'svg-pan', away: 'svg', viewer: 'browser' } },
  { name: 'kcachegrind', description: 'Visualize report in KCachegrind', usage: reportHelp('kcachegrind', false, false), hasParam: false, format: 'callgrind', output: { away: 'grind', viewer: ['kcachegrind'] } },
  { name: 'weblist', description: 'Display annotated source in a web browser', usage: listHelp('weblist', false), hasParam: true, format: 'weblist', output: { away: 'html', viewer: 'browser' } },
  { name: 'folded', description: 'Outputs collapsed stacks for flame graph tools', usage: 'folded [focus_regex]* [-ignore_regex]* >f\nOne line per distinct stack: root;caller;...;leaf value\nFor flamegraph.pl, speedscope and other flame graph tools.', hasParam: false, format: 'folded' },
];

/** commandByName finds a command. */
export function commandByName(name: string): CommandDef | undefined {
  return COMMANDS.find((c) => c.name === name);
}
