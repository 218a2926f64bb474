// Rule gc-pressure: a large share of CPU in the garbage collector and the
// allocator (gcBgMarkWorker, scanobject, mallocgc…), charged to the user
// function that allocates most (alloc_space), as an engineer reads the CPU
// profile and the allocs view side by side.

import { gcCost } from '../gc-cost.js';
import { viewLink } from '../link.js';
import { hasClass, owners, pct, sumWhere, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs } from '../types.js';

/** gcPressure reports when GC and allocation take at least 15% of CPU. */
export function gcPressure(inputs: Inputs): Finding[] {
  const v = inputs.cpu;
  if (!v) return [];
  const vi = valueIndex(v, 'cpu');
  const total = v.totals[vi];
  if (total <= 0) return [];
  const gc = sumWhere(v, vi, (s) => hasClass(s, ['gc']));
  const malloc = sumWhere(v, vi, (s) => !hasClass(s, ['gc']) && hasClass(s, ['malloc']));
  const share = (gc + malloc) / total;
  const perSec = inputs.kpis?.gcPerSecond;
  if (share < 0.15) return [];
  const heap = inputs.heap[inputs.heap.length - 1];
  const allocTop = heap ? owners(heap, valueIndex(heap, 'alloc_space'))[0] : undefined;
  const cpuTop = owners(v, vi, (s) => hasClass(s, ['malloc']))[0];
  const who = allocTop ?? cpuTop;
  const evidence = [
    `${v.name}: ${pct(gc, total)} of CPU in the garbage collector (mark workers, assists, scanning), ${pct(malloc, total)} in the allocator`,
  ];
  if (perSec !== undefined) evidence.push(`${perSec.toFixed(1)} collections per second`);
  const cost = gcCost(inputs);
  if (cost?.light) evidence.push(cost.light);
  if (allocTop && heap) evidence.push(`${heap.name}: ${allocTop.fn} allocated ${pct(allocTop.value, heap.totals[valueIndex(heap, 'alloc_space')])} of alloc_space`);
  return [{
    // A share of a nearly idle process is not what bounds it: high needs GC to weigh on the machine too.
    kind: 'gc-pressure', severity: share >= 0.25 && (cost?.weighs ?? true) ? 'high' : 'medium',
    title: `GC and allocation take ${pct(gc + malloc, total)} of CPU`,
    where: who ? whereOf(who) : null,
    evidence,
    suggestion: 'allocate less on the hot path: reuse buffers (sync.Pool for hot short-lived ones), presize slices and maps, avoid string/[]byte conversions and fmt; raising GOGC or a GOMEMLIMIT trades memory for CPU',
    confidence: Math.min(0.95, 0.5 + share),
    // What the top allocator allocates (the allocs view), else its allocation's CPU.
    view: allocTop && heap ? viewLink('flamegraph', heap, allocTop.fn, valueIndex(heap, 'alloc_space'))
      : cpuTop ? viewLink('flamegraph', v, cpuTop.fn, vi) : null,
  }];
}
