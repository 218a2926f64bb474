// Reading a goroutine profile (profile.proto, e.g. /debug/pprof/goroutine)
// as goroutine records: one record per sample, inline chains expanded.

import type { Profile } from '../profile/types.js';
import type { DumpInfo, Frame, GoroutineRecord } from './types.js';

/** STATE_LABEL and WAIT_LABEL are the labels dumpToProfile writes. */
export const STATE_LABEL = 'state';
/** WAIT_LABEL holds the wait as Go prints it: `5 minutes`. */
export const WAIT_LABEL = 'wait';

function countIndex(p: Profile): number {
  const want = p.defaultSampleType !== '' ? p.defaultSampleType : 'goroutine';
  const i = p.sampleTypes.findIndex((t) => t.type === want);
  return i >= 0 ? i : 0;
}

/**
 * recordsFromProfile yields one record per sample of p, with its count,
 * stack (innermost first) and string labels. A profile that gotune wrote
 * from a dump gets its `state` and `wait` labels back as state and wait.
 */
export function* recordsFromProfile(p: Profile): Generator<GoroutineRecord> {
  const s = p.samples;
  const vi = countIndex(p);
  for (let i = 0; i < s.count; i++) {
    const frames: Frame[] = [];
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) {
      const loc = p.locations[s.locs[j]];
      const pc = loc.address !== 0n ? '0x' + loc.address.toString(16) : '';
      if (loc.lines.length === 0) frames.push({ func: '', args: '', file: '', line: 0, offset: -1, pc });
      for (const l of loc.lines) frames.push({ func: l.fn.name, args: '', file: l.fn.filename, line: l.line, offset: -1, pc });
    }
    let state = '';
    let waitMinutes = 0;
    const labels: [string, string][] = [];
    for (const [k, vs] of s.labelSets[s.labels[i]].str) {
      for (const v of vs) {
        const minutes = /^(\d+) minutes$/.exec(v);
        if (k === STATE_LABEL && state === '') state = v;
        else if (k === WAIT_LABEL && minutes && waitMinutes === 0) waitMinutes = Number(minutes[1]);
        else labels.push([k, v]);
      }
    }
    yield {
      count: s.values[i * s.nValues + vi], id: -1, state, waitMinutes, lockedToThread: false, labels, frames,
      elided: 0, elidedAt: -1, createdBy: null, ancestors: [], stackUnavailable: false, truncated: false, lineNo: 0,
    };
  }
}

/** profileInfo describes a profile the way DumpParser describes a dump. */
export function profileInfo(p: Profile): DumpInfo {
  const s = p.samples;
  const vi = countIndex(p);
  let total = 0;
  for (let i = 0; i < s.count; i++) total += s.values[i * s.nValues + vi];
  const t = p.sampleTypes[vi];
  return {
    format: 'profile', headline: t ? `${t.type} profile: total ${total}` : '', declaredTotal: -1,
    profileName: t?.type ?? '', goroutines: total, records: s.count, lines: 0, warnings: [],
  };
}
