// Rule memory-leak: in-use heap that grows between the first and last heap
// snapshots, charged to the user function whose allocations stay live.

import { viewLink } from '../link.js';
import { owners, pct, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs } from '../types.js';

const MIB = 1 << 20;

/** memoryLeak reports heap growth of at least 1 MiB and 20%, at the function that grew most. */
export function memoryLeak(inputs: Inputs): Finding[] {
  const h = inputs.heap;
  if (h.length < 2) return [];
  const first = h[0];
  const last = h[h.length - 1];
  const fi = valueIndex(first, 'inuse_space');
  const li = valueIndex(last, 'inuse_space');
  const growth = last.totals[li] - first.totals[fi];
  if (growth < MIB || growth < 0.2 * first.totals[fi]) return [];
  const before = new Map(owners(first, fi).map((o) => [o.fn, o.value]));
  const ranked = owners(last, li)
    .map((o) => ({ o, g: o.value - (before.get(o.fn) ?? 0) }))
    .sort((a, b) => b.g - a.g);
  const top = ranked[0];
  if (!top || top.g <= 0) return [];
  const ratio = growth / Math.max(1, first.totals[fi]);
  const evidence = [
    `${first.name} → ${last.name}: inuse_space ${mib(first.totals[fi])} → ${mib(last.totals[li])} (+${pct(growth, first.totals[fi])})`,
    `${top.o.fn}: ${mib(before.get(top.o.fn) ?? 0)} → ${mib(top.o.value)} in use (${pct(top.g, growth)} of the growth)`,
  ];
  const k = inputs.kpis;
  if (k?.heapInuseStart !== undefined && k.heapInuseEnd !== undefined) evidence.push(`MemStats HeapInuse ${mib(k.heapInuseStart)} → ${mib(k.heapInuseEnd)}`);
  return [{
    kind: 'memory-leak', severity: ratio >= 0.5 ? 'high' : 'medium',
    title: `in-use heap grows by ${mib(growth)}, held by allocations in ${top.o.fn}`,
    where: whereOf(top.o),
    evidence,
    suggestion: 'something keeps what this function allocates reachable: bound or evict the cache or map it goes into (an LRU, a size limit, keys that repeat), and stop tickers and close bodies that pin memory; confirm with gotune pprof -base <first> <last>',
    confidence: Math.min(0.95, 0.5 + ratio / 2),
    // The growth itself: the later snapshot with the earlier as -base.
    view: viewLink('flamegraph', last, top.o.fn, li, first),
  }];
}

function mib(b: number): string {
  return `${(b / MIB).toFixed(1)} MiB`;
}
