// The report table: every report format once, with its renderer, the
// graph it builds and the settings it forces — pprof's report.Generate.
// A new report is one row here and one file for its renderer; commands
// (driver/commands.ts) name a row by its key.

import type { ReportTools } from '../ports.js';
import { printCallgrind } from './callgrind.js';
import { printDisasm } from './disasm.js';
import { printDot } from './dot.js';
import { ReportError } from './errors.js';
import { foldedChunks } from './folded.js';
import { printList } from './list.js';
import type { ReportOutput } from './output.js';
import type { GraphNeeds, Report } from './report.js';
import { printComments, protoBytes, rawChunks } from './simple.js';
import { printTags } from './tags.js';
import { printText } from './text.js';
import { topProtoBytes } from './topproto.js';
import { traceChunks } from './traces.js';
import { topTable } from './top-table.js';
import { printTree } from './tree.js';
import { printWebList } from './weblist-html.js';
import { makeWebList } from './weblist.js';
import { labelsTable } from './labels-table.js';

/** ForcedSettings are settings a report (or a command) imposes whatever the command line says. */
export interface ForcedSettings {
  /** false: no -nodecount/-nodefraction/-edgefraction trimming. */
  trim?: false;
  granularity?: 'addresses' | 'lines';
  noinlines?: boolean;
}

/** ReportDef is one row of the report table. */
interface ReportDef {
  /** What graph the report builds. */
  graph: GraphNeeds;
  /** Settings the format imposes (pprof's generateRawReport). */
  forces?: ForcedSettings;
  /** -nodecount when it was not set: 80 unless given here. */
  defaultNodeCount?: number;
  /** The report reads source files or binaries (the sources and obj tools). */
  readsFiles?: true;
  /** The report reads no sample's stack (only values, labels, comments). */
  noStacks?: true;
  render(rpt: Report, tools: ReportTools): ReportOutput;
}

const text = (s: string): ReportOutput => ({ kind: 'text', text: s });
const warnOf = (t: ReportTools) => t.warn ?? (() => {});

function need<T>(tool: T | undefined, what: string): T {
  if (tool === undefined) throw new ReportError(what);
  return tool;
}

/** REPORTS is the report table, keyed by format. */
const REPORTS = {
  text: { graph: { edges: 'inlined' }, defaultNodeCount: 0, render: (r) => text(printText(r)) },
  tree: { graph: { edgesOfSymbol: true }, render: (r) => text(printTree(r)) },
  traces: { graph: {}, render: (r) => ({ kind: 'stream', chunks: { [Symbol.iterator]: () => traceChunks(r) } }) },
  tags: { graph: {}, noStacks: true, render: (r) => text(printTags(r)) },
  raw: {
    graph: { objNames: true }, forces: { trim: false, granularity: 'addresses' },
    render: (r) => ({ kind: 'stream', chunks: { [Symbol.iterator]: () => rawChunks(r)[Symbol.iterator]() } }),
  },
  comments: { graph: {}, noStacks: true, render: (r) => text(printComments(r)) },
  proto: { graph: {}, forces: { trim: false, granularity: 'addresses' }, render: (r) => ({ kind: 'binary', data: protoBytes(r), gzip: true }) },
  topproto: { graph: {}, defaultNodeCount: 0, render: (r) => ({ kind: 'binary', data: topProtoBytes(r), gzip: true }) },
  dot: { graph: { tags: true, visual: true, callTree: true }, render: (r) => text(printDot(r)) },
  callgrind: {
    graph: { objNames: true, callTree: true, smallestUnit: true }, forces: { trim: false, granularity: 'addresses' },
    render: (r) => text(printCallgrind(r)),
  },
  list: {
    graph: { objNames: true }, forces: { trim: false, granularity: 'lines' }, readsFiles: true,
    render: (r, t) => text(printList(r, need(t.sources, '-list needs a source reader'), warnOf(t))),
  },
  weblist: {
    graph: { objNames: true }, forces: { trim: false, granularity: 'addresses', noinlines: false }, readsFiles: true,
    render: (r, t) => text(printWebList(r, need(t.obj, '-weblist needs an object tool'), need(t.sources, '-weblist needs a source reader'), warnOf(t))),
  },
  disasm: {
    graph: { objNames: true }, forces: { trim: false, granularity: 'addresses', noinlines: true }, readsFiles: true,
    render: (r, t) => text(printDisasm(r, need(t.obj, '-disasm needs an object tool'), warnOf(t))),
  },
  folded: { graph: {}, render: (r) => ({ kind: 'stream', chunks: { [Symbol.iterator]: () => foldedChunks(r) } }) },
  // The web UI's data (src/web/): top, the labels panel and the source view
  // as JSON; the flame graph is packed by report/flame.ts from -folded's frame tree.
  labels: { graph: {}, render: (r) => text(JSON.stringify(labelsTable(r))) },
  webdot: { graph: { tags: true, visual: true, callTree: true }, render: (r) => text(printDot(r, true)) },
  weblistdata: {
    graph: { objNames: true }, forces: { trim: false, granularity: 'addresses', noinlines: false }, readsFiles: true,
    render: (r, t) => text(JSON.stringify(makeWebList(r, need(t.obj, 'the source view needs an object tool'), need(t.sources, 'the source view needs a source reader'), warnOf(t)),
      (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v))),
  },
  toptable: { graph: { edges: 'inlined' }, defaultNodeCount: 0, render: (r) => text(JSON.stringify(topTable(r))) },
} satisfies Record<string, ReportDef>;

/** ReportFormat names a row of the report table. */
export type ReportFormat = keyof typeof REPORTS;

/** reportDef is the row of a format. */
export function reportDef(format: ReportFormat): ReportDef {
  return REPORTS[format];
}

/** readsFiles tells whether a format reads source files or binaries (needs the sources and obj tools). */
export function readsFiles(format: ReportFormat): boolean {
  return reportDef(format).readsFiles === true;
}

/** readsStacks tells whether a format reads the samples' stacks (all but -tags and -comments do). */
export function readsStacks(format: ReportFormat): boolean {
  return reportDef(format).noStacks !== true;
}

/** generate renders a prepared report in format; tools serve -list, -disasm and -weblist. */
export function generate(format: ReportFormat, rpt: Report, tools: ReportTools = {}): ReportOutput {
  return reportDef(format).render(rpt, tools);
}
