// The -list report: annotated source of the functions matching a regexp,
// per line flat and cumulative weight, with a few lines of context (pprof's
// printSource). Source files come through the SourceReader port.

import type { Node } from '../graph/graph.js';
import { sortNodes } from '../graph/sort.js';
import type { SourceReader, SourceSearch, SourceText } from '../ports.js';
import { padLeft } from '../units/go-format.js';
import { percentage } from '../units/measurement.js';
import { ReportError } from './errors.js';
import type { Report } from './report.js';

/** CONTEXT_LINES is how many lines pprof shows around the sampled ones. */
const CONTEXT_LINES = 5;

/** SourceCache reads each file once per report, as pprof's sourceReader does. */
export class SourceCache {
  private readonly files = new Map<string, SourceText>();
  private readonly warned = new Set<string>();

  constructor(private readonly reader: SourceReader, private readonly search: SourceSearch,
    private readonly warn: (line: string) => void) {}

  /** get resolves and reads a file (cached, failures included). */
  get(file: string): SourceText {
    let t = this.files.get(file);
    if (!t) {
      t = this.reader.read(file, this.search);
      this.files.set(file, t);
    }
    return t;
  }

  /** line returns line n (1-based) of file, or null when out of range or unreadable. */
  line(file: string, n: number): string | null {
    const t = this.get(file);
    if (!t.ok || n <= 0 || n > t.lines.length) return null;
    return t.lines[n - 1];
  }

  /** reportMissing warns once per file about where it was looked for. */
  reportMissing(file: string): void {
    const t = this.get(file);
    if (t.ok || this.warned.has(file)) return;
    this.warned.add(file);
    this.warn(`${file}: source not found; looked in:`);
    for (const p of t.tried) this.warn(`  ${p}`);
  }
}

/** ListedLine is one printed source line with its weights. */
interface ListedLine {
  lineno: number;
  text: string;
  flat: number;
  cum: number;
}

function sum(ns: Node[]): [number, number] {
  let flat = 0, cum = 0;
  for (const n of ns) {
    flat += n.flat;
    cum += n.cum;
  }
  return [flat, cum];
}

/**
 * sourceLines picks the lines to show for the nodes of one function in one
 * file: from the function's first line (or 5 before the first sample) to 5
 * after the last, stopping at the end of the file. Returns an error message
 * when the file cannot be read.
 */
function sourceLines(file: string, src: SourceCache, fns: Node[]): { lines: ListedLine[] } | { error: string } {
  const first = fns[0].info;
  let start = first.startLine !== 0 ? first.startLine : first.lineno - CONTEXT_LINES;
  let end = first.lineno + CONTEXT_LINES;
  const byLine = new Map<number, Node[]>();
  for (const n of fns) {
    const lineno = n.info.lineno;
    const nodeStart = n.info.startLine !== 0 ? n.info.startLine : lineno - CONTEXT_LINES;
    const nodeEnd = lineno + CONTEXT_LINES;
    // pprof widens the end only when the start did not move; kept for parity.
    if (nodeStart < start) start = nodeStart;
    else if (nodeEnd > end) end = nodeEnd;
    let l = byLine.get(lineno);
    if (!l) byLine.set(lineno, (l = []));
    l.push(n);
  }
  if (start < 1) start = 1;
  const lines: ListedLine[] = [];
  for (let lineno = start; lineno <= end; lineno++) {
    const text = src.line(file, lineno);
    if (text === null) break;
    const [flat, cum] = sum(byLine.get(lineno) ?? []);
    lines.push({ lineno, text, flat, cum });
  }
  const t = src.get(file);
  if (!t.ok) return { error: t.error };
  return { lines };
}

/** dotOr prints "." for zero, else the value in the report's unit (pprof's valueOrDot). */
export function dotOr(rpt: Report, v: number): string {
  return v === 0 ? '.' : rpt.formatValue(v);
}

/** printList renders the -list report. */
export function printList(rpt: Report, reader: SourceReader, warn: (line: string) => void): string {
  const o = rpt.options;
  const rx = o.symbol;
  if (!rx) throw new ReportError('-list needs a regexp');
  const g = rpt.newGraph(null);

  // The nodes of every matching function, grouped by function name.
  const functions: Node[] = [];
  const byName = new Map<string, Node[]>();
  for (const n of g.nodes) {
    if (!rx.test(n.info.name)) continue;
    let ns = byName.get(n.info.name);
    if (!ns) {
      functions.push(n);
      byName.set(n.info.name, (ns = []));
    }
    ns.push(n);
  }
  sortNodes(functions, 'name');
  if (byName.size === 0) throw new ReportError(`no matches found for regexp: ${o.symbolSource ?? rx.source}`);

  const src = new SourceCache(reader, { searchPath: o.sourcePath, trimPath: o.trimPath }, warn);
  const out: string[] = [`Total: ${rpt.formatValue(rpt.total)}\n`];
  for (const fn of functions) {
    const name = fn.info.name;
    const files: Node[] = [];
    const byFile = new Map<string, Node[]>();
    for (const n of byName.get(name)!) {
      if (n.info.file === '') continue;
      let ns = byFile.get(n.info.file);
      if (!ns) {
        files.push(n);
        byFile.set(n.info.file, (ns = []));
      }
      ns.push(n);
    }
    if (files.length === 0) {
      out.push(`No source information for ${name}\n`);
      continue;
    }
    sortNodes(files, 'file');
    for (const fl of files) {
      const file = fl.info.file;
      const fns = byFile.get(file)!;
      const [flatSum, cumSum] = sum(fns);
      const got = sourceLines(file, src, fns);
      out.push(`ROUTINE ======================== ${name} in ${file}\n`);
      out.push(`${padLeft(rpt.formatValue(flatSum), 10)} ${padLeft(rpt.formatValue(cumSum), 10)} (flat, cum) ${percentage(cumSum, rpt.total)} of Total\n`);
      if ('error' in got) {
        out.push(` Error: ${got.error}\n`);
        src.reportMissing(file);
        continue;
      }
      for (const l of got.lines) {
        out.push(`${padLeft(dotOr(rpt, l.flat), 10)} ${padLeft(dotOr(rpt, l.cum), 10)} ${padLeft(String(l.lineno), 6)}:${l.text}\n`);
      }
    }
  }
  return out.join('');
}
