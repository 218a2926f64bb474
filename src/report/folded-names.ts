// Frame names as -folded and the flame graph print them: a location's
// frames (inlined calls as frames of their own), made safe for the
// collapsed-stack format.

import { nodeInfoOf } from '../graph/graph.js';
import { printableName } from '../graph/node-info.js';
import type { Profile } from '../profile/types.js';

/**
 * foldedFrameName makes a frame name safe for the format: ";" separates
 * frames and a newline ends the line, so both are replaced (";" by ":",
 * line breaks by spaces).
 */
export function foldedFrameName(name: string): string {
  return name.replace(/;/g, ':').replace(/\r\n|[\r\n]/g, ' ');
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
