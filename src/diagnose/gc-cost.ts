// Shared reading of what garbage collection costs: its share of the CPU
// profile, and what that share is in cores, since a share of a nearly idle
// process cannot be what bounds it.

import { hasClass, sumWhere, valueIndex } from './query.js';
import type { Inputs } from './types.js';

/** GcCost is GC and allocation's part of the CPU profile. */
interface GcCost {
  /** Share of CPU samples in the collector (gc) or the allocator (malloc), 0..1. */
  share: number;
  /** Cores the process used over the profile (the run's KPI, else the profile's CPU time over its duration); null when unknown. */
  cores: number | null;
  /** Whether GC burns enough of the machine (10% of it; 0.2 cores when the machine is unknown) to bound the service. */
  weighs: boolean;
  /** Why it does not weigh, for evidence; null when it does. */
  light: string | null;
}

/** gcCost reads GC and allocation's CPU share and its weight in cores, or null without a CPU profile. */
export function gcCost(inputs: Inputs): GcCost | null {
  const v = inputs.cpu;
  if (!v) return null;
  const vi = valueIndex(v, 'cpu');
  const total = v.totals[vi];
  if (total <= 0) return null;
  const share = sumWhere(v, vi, (s) => hasClass(s, ['gc', 'malloc'])) / total;
  const k = inputs.kpis;
  const cores = k?.cores ?? (v.durationNanos > 0 ? total / v.durationNanos : null);
  if (cores === null) return { share, cores, weighs: true, light: null };
  const gcCores = share * cores;
  const floor = k?.machineCpus ? 0.1 * k.machineCpus : 0.2;
  const weighs = gcCores >= floor;
  const machine = k?.machineCpus ? ` of ${k.machineCpus}` : '';
  return {
    share, cores, weighs,
    light: weighs ? null : `the process used ${cores.toFixed(2)} cores${machine}, so GC cost ${gcCores.toFixed(2)} cores: too little to bound it`,
  };
}
