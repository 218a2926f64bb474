// The -folded report (a gotune addition): collapsed stacks, one line per
// distinct stack, "root;caller;…;leaf value", the input format of
// flamegraph.pl, speedscope, inferno and most flame-graph tools.

import { nodeInfoOf } from '../graph/graph.js';
import { byteCompare, printableName } from '../graph/node-info.js';
import type { Profile } from '../profile/types.js';
import type { Report } from './report.js';

/**
 * foldedFrameName makes a frame name safe for the format: ";" separates
 * frames and a newline ends the line, so both are replaced (";" by ":",
 * line breaks by spaces).
 */
export function foldedFrameName(name: string): string {
  return name.replace(/;/g, ':').replace(/\r\n|[\r\n]/g, ' ');
}

/** FoldedStack is one line of the report. */
interface FoldedStack {
  /** Frame names from the root to the leaf. */
  frames: string[];
  value: number;
}

/**
 * locationFrames renders a location's frames, root-most (outermost inline
 * call) first, as -folded names them; each location is rendered once.
 */
export function locationFrames(p: Profile): (li: number) => string[] {
  const locFrames = new Map<number, string[]>();
  return (li: number): string[] => {
    let f = locFrames.get(li);
    if (f) return f;
    const l = p.locations[li];
    f = [];
    if (l.lines.length === 0) f.push(foldedFrameName(printableName(nodeInfoOf(l, -1, false, false))));
    for (let k = l.lines.length - 1; k >= 0; k--) f.push(foldedFrameName(printableName(nodeInfoOf(l, k, false, false))));
    locFrames.set(li, f);
    return f;
  };
}

/**
 * foldedStacks groups the report's samples by stack: frames at the
 * report's granularity (nodes' printable names, as -top shows them),
 * inlined calls as frames of their own, values of the selected sample
 * index summed. Samples without frames and stacks summing to 0 are left
 * out; stacks come sorted by their text.
 */
function foldedStacks(rpt: Report): FoldedStack[] {
  const p = rpt.graphProfile();
  const s = p.samples;
  const nv = s.nValues;
  const si = rpt.options.sampleIndex;
  // Sum by location sequence first: most samples share a few stacks.
  const byLocs = new Map<string, { first: number; value: number }>();
  for (let i = 0; i < s.count; i++) {
    const v = s.values[i * nv + si];
    if (v === 0 || s.stackStart[i] === s.stackStart[i + 1]) continue;
    const key = s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]).join(',');
    const e = byLocs.get(key);
    if (e) e.value += v;
    else byLocs.set(key, { first: i, value: v });
  }
  const framesOf = locationFrames(p);
  // Different locations can print the same (e.g. at function granularity
  // with addresses kept), so merge again by the rendered stack.
  const byText = new Map<string, FoldedStack>();
  for (const { first, value } of byLocs.values()) {
    const frames: string[] = [];
    for (let k = s.stackStart[first + 1] - 1; k >= s.stackStart[first]; k--) frames.push(...framesOf(s.locs[k]));
    const text = frames.join(';');
    const e = byText.get(text);
    if (e) e.value += value;
    else byText.set(text, { frames, value });
  }
  const out = [...byText.entries()].filter(([, e]) => e.value !== 0);
  // Byte order, as Go sorts; JavaScript's own comparison (UTF-16 order)
  // agrees unless a line has a character beyond U+FFFF, and is much faster.
  const astral = out.some(([t]) => /[\uD800-\uDFFF]/.test(t));
  out.sort(astral ? (a, b) => byteCompare(a[0], b[0]) : (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out.map(([, e]) => e);
}

/**
 * printFolded renders the collapsed stacks, one "a;b;c value" line each;
 * values are in the sample type's own unit (e.g. nanoseconds, bytes).
 */
export function printFolded(rpt: Report): string {
  return foldedStacks(rpt).map((e) => `${e.frames.join(';')} ${e.value}\n`).join('');
}
