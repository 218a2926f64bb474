// Rule cpu-hotspot: the user function that owns the largest share of CPU
// time (each sample charged to the first user frame from the leaf).

import { viewLink } from '../link.js';
import { hasClass, owners, pct, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs } from '../types.js';

/** Below this share of the CPU profile a function is not reported. */
const MIN_SHARE = 0.3;

/**
 * cpuHotspot reports the heaviest user function. It is high only when more
 * than half of that function's time goes to runtime overhead (allocation,
 * GC, concatenation, map growth) rather than to its own work: a service
 * that is busy doing its job is not thereby broken.
 */
export function cpuHotspot(inputs: Inputs): Finding[] {
  const v = inputs.cpu;
  if (!v) return [];
  const vi = valueIndex(v, 'cpu');
  const total = v.totals[vi];
  const top = owners(v, vi)[0];
  if (!top || total <= 0 || top.value < MIN_SHARE * total) return [];
  const overhead = owners(v, vi, (s) => hasClass(s, ['malloc', 'gc', 'concat', 'growslice', 'map-growth', 'fmt'])).find((o) => o.fn === top.fn)?.value ?? 0;
  const share = top.value / total;
  const severity = share >= 0.5 && overhead * 2 > top.value ? 'high' : 'medium';
  const cores = inputs.kpis?.cores;
  return [{
    kind: 'cpu-hotspot', severity,
    title: `${top.fn} uses ${pct(top.value, total)} of CPU time`,
    where: whereOf(top),
    evidence: [
      `${v.name}: ${(top.value / 1e9).toFixed(2)}s of ${(total / 1e9).toFixed(2)}s sampled (${pct(top.value, total)}) in ${top.fn} and below`,
      `${pct(overhead, top.value)} of it in runtime allocation, GC, string concatenation, map growth or fmt`,
      ...(cores !== undefined ? [`service busy on ${cores.toFixed(2)} cores`] : []),
    ],
    suggestion: overhead * 2 > top.value
      ? 'most of the time is overhead, not work: see the anti-pattern findings for its source; profile with -focus on this function'
      : 'the function is busy with its own work: make it do less (cache results, a cheaper algorithm) or spread it over more cores',
    confidence: Math.min(0.95, 0.5 + share / 2),
    // Where its time goes, under it.
    view: viewLink('flamegraph', v, top.fn, vi),
  }];
}
