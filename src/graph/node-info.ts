// NodeInfo identifies a graph node (function, line or address, depending on
// granularity) and renders its printable name, as pprof's graph.NodeInfo.

import { basePath } from './gopath.js';

/** NodeInfo is the identity of a node; equal infos are the same node. */
export interface NodeInfo {
  name: string;
  origName: string;
  address: bigint;
  file: string;
  startLine: number;
  lineno: number;
  columnno: number;
  objfile: string;
}

/** nodeInfoKey returns a string that is equal exactly for equal infos. */
export function nodeInfoKey(i: NodeInfo): string {
  return `${i.name}\u0000${i.origName}\u0000${i.address}\u0000${i.file}\u0000${i.startLine}\u0000${i.lineno}\u0000${i.columnno}\u0000${i.objfile}`;
}

/** nameComponents lists the parts of the printable name. */
export function nameComponents(i: NodeInfo): string[] {
  const name: string[] = [];
  if (i.address !== 0n) name.push(i.address.toString(16).padStart(16, '0'));
  if (i.name !== '') name.push(i.name);
  if (i.lineno !== 0) {
    let s = `${i.file}:${i.lineno}`;
    if (i.columnno !== 0) s += `:${i.columnno}`;
    name.push(s);
  } else if (i.file !== '') {
    name.push(i.file);
  } else if (i.name !== '') {
    // the name alone
  } else if (i.objfile !== '') {
    name.push('[' + basePath(i.objfile) + ']');
  } else {
    name.push('<unknown>');
  }
  return name;
}

/** printableName is the node's label in text reports. */
export function printableName(i: NodeInfo): string {
  return nameComponents(i).join(' ');
}

/** goSprintInfo renders an info as Go's fmt.Sprint of the struct, the last tie-breaker of pprof's sorts. */
export function goSprintInfo(i: NodeInfo): string {
  return `{${i.name} ${i.origName} ${i.address} ${i.file} ${i.startLine} ${i.lineno} ${i.columnno} ${i.objfile}}`;
}

/** byteCompare compares strings as Go does (by UTF-8 bytes). */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order differs from UTF-8 order only for surrogate pairs vs
  // U+E000..U+FFFF; handle the common all-BMP case quickly.
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const ca = a.charCodeAt(k);
    const cb = b.charCodeAt(k);
    if (ca !== cb) {
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1; // a supplementary character sorts last in UTF-8
      return ca < cb ? -1 : 1;
    }
  }
  return a.length - b.length;
}
