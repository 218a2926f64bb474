// Rule allocation-hotspot: the user function that allocates the most bytes
// (alloc_space of the newest heap or allocs profile).

import { gcCost } from '../gc-cost.js';
import { viewLink } from '../link.js';
import { owners, pct, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs } from '../types.js';

/**
 * allocationHotspot reports a function with at least 30% of the bytes
 * allocated. Allocation matters in proportion to the GC work it causes,
 * so its severity follows the CPU share of the collector when known.
 */
export function allocationHotspot(inputs: Inputs): Finding[] {
  const heap = inputs.heap[inputs.heap.length - 1];
  if (!heap) return [];
  const vi = valueIndex(heap, 'alloc_space');
  const total = heap.totals[vi];
  const top = owners(heap, vi)[0];
  if (!top || total <= 0 || top.value < 0.3 * total) return [];
  const gc = gcCost(inputs);
  const gcShare = gc ? gc.share : null;
  // High only when the GC it causes is heavy and weighs on the machine (see gc-cost.ts).
  const severity = gcShare === null ? 'medium' : gcShare >= 0.25 && gc!.weighs ? 'high' : gcShare >= 0.1 ? 'medium' : 'low';
  return [{
    kind: 'allocation-hotspot', severity,
    title: `${top.fn} allocates ${pct(top.value, total)} of all bytes`,
    where: whereOf(top),
    evidence: [
      `${heap.name}: ${mib(top.value)} of ${mib(total)} alloc_space (${pct(top.value, total)}) allocated in ${top.fn} and below`,
      ...(gcShare !== null ? [`GC and allocator: ${(gcShare * 100).toFixed(0)}% of CPU${gc!.light ? `; ${gc!.light}` : ''}`] : []),
    ],
    suggestion: 'reuse what it allocates (sync.Pool, a buffer kept across calls), presize slices and maps, and avoid building strings piece by piece',
    confidence: 0.7,
    view: viewLink('flamegraph', heap, top.fn, vi),
  }];
}

function mib(b: number): string {
  return `${(b / (1 << 20)).toFixed(1)} MiB`;
}
