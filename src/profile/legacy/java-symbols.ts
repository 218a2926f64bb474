// The symbol section that ends Java profiles: "0x<addr> function (File.java:line)"
// lines naming the pseudo-addresses used by the samples.

import type { DraftFunction, DraftProfile } from './draft.js';
import { malformed } from './errors.js';
import { goTrimSpace } from './lines.js';
import { assignMappings } from './mappings.js';
import { parseGoInt, parseGoUint } from './strconv.js';

const SP = '[\\t\\n\\f\\r ]';
const SYMBOL_LINE = new RegExp(`^${SP}*0x([0-9A-Fa-f]+)${SP}+([^\\n]*)${SP}*$`);
const WITH_FILE_LINE = new RegExp(`^([^\\n]*)${SP}+\\(([^\\n]+):(-?[0-9]+)\\)$`);
const WITH_PATH = new RegExp(`^([^\\n]*)${SP}+\\(([^\\n]*)\\)$`);

/** pathBase is Go's filepath.Base for slash-separated paths. */
export function pathBase(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

// Splits a symbol description into function name, file and line.
function describe(text: string): { name: string; file: string; line: number } {
  const fl = WITH_FILE_LINE.exec(text);
  if (fl) {
    const n = parseGoInt(fl[3], 10);
    return { name: fl[1], file: fl[2], line: n.ok && n.value > 0n ? Number(n.value) : 0 };
  }
  const path = WITH_PATH.exec(text);
  // A shared-library path: only its base name is interesting.
  if (path) return { name: path[1], file: pathBase(path[2]), line: 0 };
  if (text.includes('generated stub/JIT')) return { name: 'STUB', file: '', line: 0 };
  // Agent states such as "GC" or "VM" are the whole text.
  return { name: text, file: '', line: 0 };
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
    const addr = parseGoUint(m[1], 16);
    if (!addr.ok) throw malformed(`parsing sample ${line}: ${addr.message}`);
    const loc = d.knownLocation(addr.value);
    if (!loc) continue;
    const sym = describe(m[2]);
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
