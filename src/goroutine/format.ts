// Printing a goroutine record back in the runtime's traceback form (the
// inverse of DumpParser for debug=2): for showing one goroutine of a group,
// and for tests that build dumps from records.

import type { GoroutineRecord } from './types.js';

function quoteGo(s: string): string {
  // JSON's escapes are a subset of Go's; Go writes U+2028/2029 as is too.
  return JSON.stringify(s);
}

/** formatHeader prints `goroutine N [state, M minutes, locked to thread labels:{…}]:`. */
function formatHeader(r: GoroutineRecord): string {
  let inside = r.state;
  if (r.waitMinutes > 0) inside += `, ${r.waitMinutes} minutes`;
  if (r.lockedToThread) inside += ', locked to thread';
  if (r.labels.length > 0) inside += ` labels:{${r.labels.map(([k, v]) => `${quoteGo(k)}: ${quoteGo(v)}`).join(', ')}}`;
  return `goroutine ${r.id} [${inside}]:`;
}

/** formatGoroutine prints a record as a debug=2 dump prints a goroutine (ending in a newline). */
export function formatGoroutine(r: GoroutineRecord): string {
  const out = [formatHeader(r)];
  const elision = r.elided < 0 ? '...additional frames elided...' : `...${r.elided} frames elided...`;
  r.frames.forEach((f, i) => {
    if (i === r.elidedAt) out.push(elision);
    out.push(`${f.func}(${f.args})`, `\t${f.file}:${f.line}${f.offset >= 0 ? ` +0x${f.offset.toString(16)}` : ''}`);
  });
  if (r.elidedAt === r.frames.length && r.elided !== 0) out.push(elision);
  if (r.stackUnavailable) out.push('\tgoroutine running on other thread; stack unavailable');
  const c = r.createdBy;
  if (c) {
    out.push(`created by ${c.func}${c.goid >= 0 ? ` in goroutine ${c.goid}` : ''}`,
      `\t${c.file}:${c.line}${c.offset >= 0 ? ` +0x${c.offset.toString(16)}` : ''}`);
  }
  return out.join('\n') + '\n';
}
