// The line grammar of runtime/pprof's debug=1 text profiles (printCountProfile):
// a `goroutine profile: total N` header, then `count @ pc…` records, each with
// an optional `# labels: {…}` line and one `#\tpc\tfunc+0xoff\tfile:line` per frame.

import { parseLabelMap } from './goquote.js';
import type { Frame } from './types.js';

/** parseProfileHeader reads `NAME profile: total N`, or returns null. */
export function parseProfileHeader(line: string): { name: string; total: number } | null {
  const m = /^(\w+) profile: total (\d+)$/.exec(line);
  return m ? { name: m[1], total: Number(m[2]) } : null;
}

/** parseCountLine reads `count @ 0x… 0x…`, or returns null. */
export function parseCountLine(line: string): { count: number; pcs: string[] } | null {
  const m = /^(\d+) @((?: 0x[0-9a-f]+)*)$/.exec(line);
  if (!m) return null;
  return { count: Number(m[1]), pcs: m[2] === '' ? [] : m[2].slice(1).split(' ') };
}

/** parseLabelsLine reads `# labels: {"k":"v", …}`, or returns null. */
export function parseLabelsLine(line: string): [string, string][] | null {
  if (!line.startsWith('# labels: ')) return null;
  const p = parseLabelMap(line, '# labels: '.length);
  return p && p.end === line.length ? p.labels : null;
}

/**
 * parseFrameLine reads `#\t0xpc\tfunc+0xoff\tfile:line`, or returns null.
 * runtime/pprof aligns the columns with a tabwriter, so the separators are
 * runs of tabs; a PC without symbol information prints as `#\t0xpc` alone.
 */
export function parseFrameLine(line: string): Frame | null {
  if (!line.startsWith('#\t0x')) return null;
  const cols = line.slice(2).split(/\t+/);
  const pc = cols[0];
  if (!/^0x[0-9a-f]+$/.test(pc)) return null;
  if (cols.length === 1) return { func: '', args: '', file: '', line: 0, offset: -1, pc };
  if (cols.length !== 3) return null;
  const fn = /^(.*)\+0x([0-9a-f]+)$/.exec(cols[1]);
  const pos = /^(.*):(\d+)$/.exec(cols[2]);
  if (!fn || !pos) return null;
  return { func: fn[1], args: '', file: pos[1], line: Number(pos[2]), offset: parseInt(fn[2], 16), pc };
}
