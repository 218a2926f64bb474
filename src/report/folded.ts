// The -folded report (a gotune addition): collapsed stacks, one line per
// distinct stack, "root;caller;…;leaf value", the input format of
// flamegraph.pl, speedscope, inferno and most flame-graph tools.

import { byteCompare } from '../graph/node-info.js';
import { StringTable } from '../profile/string-table.js';
import { addSamples, FrameTree } from './frame-tree.js';
import type { Report } from './report.js';

/** CHUNK is about how many characters a written piece holds. */
const CHUNK = 1 << 20;

/**
 * foldedChunks writes the report: one line per distinct stack (frames at
 * the report's granularity, as -top names its nodes, inlined calls as
 * frames of their own; values of the selected sample index summed),
 * sorted by the stack's text in byte order, as pprof's Go would sort.
 * Samples without frames and stacks summing to 0 are left out.
 *
 * The stacks are merged into a frame tree and the lines come from a walk
 * of it, in pieces: a large profile's report (873 MB for a 100 MB one)
 * exceeds the longest string JavaScript can hold, and a Map keyed by each
 * stack's text was most of the time and memory.
 */
export function* foldedChunks(rpt: Report): Generator<string> {
  const names = new StringTable();
  const t = new FrameTree();
  addSamples(t, rpt, names, { mode: 'top-down' });
  const nm = names.list;
  // JavaScript's comparison (UTF-16 order) agrees with byte order unless a
  // name has a character beyond U+FFFF, and is much faster.
  const astral = nm.some((s) => /[\uD800-\uDFFF]/.test(s));
  const cmp = astral ? byteCompare : (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const { start, kids } = t.children();
  // A node's lines are its own (the stack ending there) and its subtree's;
  // among siblings, the own line sorts by the bare name and the subtree by
  // name + ";". Names hold no ";", so each group is contiguous in text
  // order and the groups' keys order them.
  const entries = (v: number): { key: string; node: number; own: boolean }[] => {
    const e: { key: string; node: number; own: boolean }[] = [];
    for (let k = start[v]; k < start[v + 1]; k++) {
      const c = kids[k];
      const name = nm[t.name[c]];
      if (t.self[c] !== 0) e.push({ key: name, node: c, own: true });
      if (start[c + 1] > start[c]) e.push({ key: `${name};`, node: c, own: false });
    }
    return e.sort((a, b) => cmp(a.key, b.key));
  };
  const stack: { e: ReturnType<typeof entries>; at: number; prefix: string }[] = [{ e: entries(0), at: 0, prefix: '' }];
  let out = '';
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.at === top.e.length) {
      stack.pop();
      continue;
    }
    const { key, node, own } = top.e[top.at++];
    if (own) {
      out += `${top.prefix}${key} ${t.self[node]}\n`;
      if (out.length >= CHUNK) {
        yield out;
        out = '';
      }
    } else stack.push({ e: entries(node), at: 0, prefix: top.prefix + key });
  }
  if (out !== '') yield out;
}
