// Rule anti-pattern: known costly idioms recognised by the runtime or
// standard-library frame they leave on CPU stacks (concatstrings for += in
// a loop, fmt on a hot path, regexp compilation, map and slice growth,
// reflection-based JSON), each charged to the user function that calls it.

import type { FrameClass } from '../frames.js';
import { viewLink } from '../link.js';
import { hasClass, owners, pct, sumWhere, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs, Severity } from '../types.js';

/** Pattern is one idiom: the frame class that gives it away and the fix. */
interface Pattern {
  pattern: string;
  cls: FrameClass;
  what: string;
  suggestion: string;
}

const PATTERNS: readonly Pattern[] = [
  { pattern: 'string-concat-in-loop', cls: 'concat', what: 'string concatenation (+, +=)', suggestion: 'build the string with a strings.Builder (Grow it first when the size is known) instead of += in a loop, which copies the whole string each time' },
  { pattern: 'fmt-on-hot-path', cls: 'fmt', what: 'fmt formatting', suggestion: 'on a hot path use strconv (AppendInt, FormatInt), hex.Encode or direct writes instead of fmt.Sprintf/Fprintf, which reflect on every argument and allocate' },
  { pattern: 'regexp-compile-on-hot-path', cls: 'regexp-compile', what: 'regexp compilation', suggestion: 'compile the regexp once (a package-level var with regexp.MustCompile) instead of on every call' },
  { pattern: 'map-growth', cls: 'map-growth', what: 'map insertion and growth', suggestion: 'presize the map (make(map[K]V, n)) when its size is known, or reuse it (clear(m))' },
  { pattern: 'slice-growth', cls: 'growslice', what: 'slice growth (append)', suggestion: 'presize the slice (make([]T, 0, n)) or reuse it across calls (s = s[:0])' },
  { pattern: 'defer-in-loop', cls: 'defer', what: 'heap-allocated defers', suggestion: 'a defer inside a loop runs only when the function returns and cannot be open-coded: move the loop body into its own function (so its defer runs each iteration) or release the resource explicitly' },
  { pattern: 'reflection-json', cls: 'json-reflect', what: 'reflection-based encoding/json', suggestion: 'avoid encoding/json\'s reflection on a hot path: reuse an Encoder/Decoder, encode into a pooled buffer, or use a code-generated encoder' },
];

/** A pattern is reported from this share of CPU; 10% is medium, 20% high. */
const MIN_SHARE = 0.05;

function severity(share: number): Severity {
  return share >= 0.2 ? 'high' : share >= 0.1 ? 'medium' : 'low';
}

/** antiPatterns reports each pattern that costs at least 5% of CPU. */
export function antiPatterns(inputs: Inputs): Finding[] {
  const v = inputs.cpu;
  if (!v) return [];
  const vi = valueIndex(v, 'cpu');
  const total = v.totals[vi];
  if (total <= 0) return [];
  const out: Finding[] = [];
  for (const p of PATTERNS) {
    const keep = (s: Parameters<typeof hasClass>[0]) => hasClass(s, [p.cls]);
    const cost = sumWhere(v, vi, keep);
    const share = cost / total;
    const top = owners(v, vi, keep)[0];
    if (share < MIN_SHARE || !top) continue;
    out.push({
      kind: 'anti-pattern', pattern: p.pattern, severity: severity(share),
      title: `${p.what} in ${top.fn} costs ${pct(cost, total)} of CPU`,
      where: whereOf(top),
      evidence: [`${v.name}: ${pct(cost, total)} of CPU in stacks through ${p.what}; ${pct(top.value, cost)} of that called from ${top.fn}`],
      suggestion: p.suggestion,
      confidence: Math.min(0.95, 0.6 + share),
      // The idiom is a line of the function: the source view shows which.
      view: viewLink('source', v, top.fn, vi),
    });
  }
  return out;
}
