// Shared reading of block and mutex profiles: how many goroutines waited on
// average over the profile's window (delay / window).

import type { Inputs, View } from './types.js';

/** windowNanos is the span a delta block or mutex profile covers: its own duration, else the run's window. */
export function windowNanos(v: View, inputs: Inputs): number {
  if (v.durationNanos > 0) return v.durationNanos;
  const w = inputs.kpis?.windowSeconds;
  return w ? w * 1e9 : 0;
}

/** waitSeverity grades the average number of goroutines waiting: 1 or more is high, 0.1 medium. */
export function waitSeverity(waiting: number): 'high' | 'medium' | 'low' {
  return waiting >= 1 ? 'high' : waiting >= 0.1 ? 'medium' : 'low';
}
