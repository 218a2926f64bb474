// The details panel's warnings: a selected sample index summing to zero,
// a block or mutex profile left empty because its rate was never set, and
// the reminder that a heap profile is not the process's RSS.

import { sampleIndexByName } from '../../driver/pipeline.js';
import type { Profile } from '../../profile/types.js';

/** profileWarnings lists what the reader of this profile should know. */
export function profileWarnings(p: Profile, sampleIndex: string): string[] {
  const out: string[] = [];
  let idx: number;
  try {
    idx = sampleIndexByName(p, sampleIndex);
  } catch (e) {
    return [e instanceof Error ? e.message : String(e)];
  }
  const s = p.samples;
  let sum = 0;
  for (let i = 0; i < s.count; i++) sum += Math.abs(s.values[i * s.nValues + idx]);
  const types = p.sampleTypes.map((t) => t.type);
  const st = p.sampleTypes[idx];
  if (sum === 0) {
    out.push(`The selected sample type ${st?.type ?? ''} sums to zero: nothing to show.`);
    if (types.includes('contentions') && s.count === 0) {
      out.push(p.periodType?.type === 'contentions' && /mutex/i.test(p.comments.join(' ') + (p.docUrl ?? ''))
        ? 'An empty mutex profile: the program never called runtime.SetMutexProfileFraction.'
        : 'An empty block or mutex profile: the program never set its rate (runtime.SetBlockProfileRate for block, runtime.SetMutexProfileFraction for mutex).');
    }
  }
  if (types.includes('inuse_space') || types.includes('alloc_space')) {
    out.push("A heap profile counts the Go heap's sampled allocations, not the process's RSS (stacks, runtime metadata, fragmentation and freed-but-unreturned memory are not in it).");
  }
  return out;
}
