// The symbol section that ends Java profiles: "0x<addr> function (File.java:line)"
// lines naming the pseudo-addresses used by the samples.

import type { DraftFunction, DraftProfile } from './draft.js';
import { malformed } from './errors.js';
import { goTrimSpace } from './lines.js';
import { GoRegExp } from './linear-regexp.js';
import { assignMappings } from './mappings.js';
import { parseGoInt, parseGoUint } from './strconv.js';

const SP = '[\\t\\n\\f\\r ]';
const SYMBOL_LINE = new GoRegExp(`^${SP}*0x([0-9A-Fa-f]+)${SP}+([^\\n]*)${SP}*$`);
const WITH_FILE_LINE = new GoRegExp(`^([^\\n]*)${SP}+\\(([^\\n]+):(-?[0-9]+)\\)$`);
const WITH_PATH = new GoRegExp(`^([^\\n]*)${SP}+\\(([^\\n]*)\\)$`);

/** pathBase is Go's filepath.Base for slash-separated paths. */
export function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

// Splits a symbol description into function name, file and line.
function describe(text: string): { name: string; file: string; line: bigint } {
  const fl = WITH_FILE_LINE.exec(text);
  if (fl) {
    const [, name = '', file = '', lineText = ''] = fl;
    const n = parseGoInt(lineText, 10);
    return { name, file, line: n.ok && n.value > 0n ? n.value : 0n };
  }
  const path = WITH_PATH.exec(text);
  // A shared-library path: only its base name is interesting.
  if (path) return { name: path[1] ?? '', file: pathBase(path[2] ?? ''), line: 0n };
  if (text.includes('generated stub/JIT')) return { name: 'STUB', file: '', line: 0n };
  // Agent states such as "GC" or "VM" are the whole text.
  return { name: text, file: '', line: 0n };
}

/**
 * readJavaSymbols attaches a function and line to each sampled address the
 * text names, zeroing those addresses, then finishes the tables: unused
 * locations go, and unnamed addresses get a fake mapping. Functions are
 * shared by name (the first file seen wins).
 */
export function readJavaSymbols(d: DraftProfile, text: string): void {
  const fns = new Map<string, DraftFunction>();
  for (const raw of text.split('\n')) {
    const line = goTrimSpace(raw);
    if (line === '') continue;
    const m = SYMBOL_LINE.exec(line);
    if (!m) continue;
    const [, hex = '', rest = ''] = m;
    const addr = parseGoUint(hex, 16);
    if (!addr.ok) throw malformed(`parsing sample ${line}: ${addr.message}`);
    const loc = d.knownLocation(addr.value);
    if (!loc) continue;
    const sym = describe(rest);
    let fn = fns.get(sym.name);
    if (!fn) {
      fn = { name: sym.name, filename: sym.file };
      fns.set(sym.name, fn);
    }
    loc.fn = fn;
    loc.line = sym.line;
    loc.address = 0n;
  }
  d.keepSampledLocations();
  assignMappings(d);
}

/**
 * dropJavaAddresses clears every location address, as pprof does to Java
 * profiles so that their samples merge by function and line.
 */
export function dropJavaAddresses(d: DraftProfile): void {
  for (const l of d.locations) l.address = 0n;
}
