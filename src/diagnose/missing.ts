// What a diagnosis lacked to be sure, and how to get it.

import type { Inputs } from './types.js';

/** missingInputs lists the absent or empty profiles, each with what it leaves unknown and how to capture it. */
export function missingInputs(inputs: Inputs): string[] {
  const out: string[] = [];
  if (!inputs.cpu) out.push('no CPU profile: CPU hotspots and GC cost unknown; capture /debug/pprof/profile?seconds=30');
  if (inputs.heap.length === 0) out.push('no heap profile: allocation and memory growth unknown; capture /debug/pprof/heap (or allocs)');
  else if (inputs.heap.length === 1) out.push('one heap snapshot: growth unknown; capture two, some time apart under load');
  if (inputs.goroutine.length === 0) out.push('no goroutine profile: goroutine leaks unknown; capture /debug/pprof/goroutine');
  else if (inputs.goroutine.length === 1) out.push('one goroutine snapshot: leaks unknown; capture two, some time apart under load');
  if (!inputs.block) out.push('no block profile: cannot rule out channel or lock waits; call runtime.SetBlockProfileRate and capture /debug/pprof/block');
  else if (inputs.block.totals.every((t) => t === 0)) out.push('block profile empty: call runtime.SetBlockProfileRate in the service');
  if (!inputs.mutex) out.push('no mutex profile: cannot rule out lock contention; call runtime.SetMutexProfileFraction and capture /debug/pprof/mutex');
  else if (inputs.mutex.totals.every((t) => t === 0)) out.push('mutex profile empty: cannot rule out lock contention; call runtime.SetMutexProfileFraction in the service');
  return out;
}
