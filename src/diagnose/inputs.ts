// Building the Inputs of a diagnosis once from decoded profiles: one View
// per profile, by kind, snapshots ordered by their time.

import type { Profile } from '../profile/types.js';
import type { Inputs, Kpis, ProfileKind, View } from './types.js';
import { buildView, detectKind } from './view.js';

/**
 * NamedProfile is a decoded profile and where it came from: `name` for the
 * evidence (relative to its run or directory), `file` where gotune pprof
 * can open it (relative to the cwd; absent or null when it cannot); `kind`
 * overrides detection.
 */
export interface NamedProfile {
  name: string;
  profile: Profile;
  kind?: ProfileKind;
  file?: string | null;
}

// Within one timestamp (or none), a "start" snapshot comes before an "end" one.
function order(v: View): number {
  return /start/.test(v.name) ? 0 : /end/.test(v.name) ? 2 : 1;
}

/** byTime orders snapshots oldest first. */
function byTime(a: View, b: View): number {
  return a.timeNanos - b.timeNanos || order(a) - order(b) || (a.name < b.name ? -1 : 1);
}

/** buildInputs builds the shared inputs; profiles of an unknown kind are noted and left out. */
export function buildInputs(profiles: readonly NamedProfile[], kpis: Kpis | null = null, notes: string[] = []): Inputs {
  const inputs: Inputs = { cpu: null, heap: [], goroutine: [], block: null, mutex: null, kpis, notes: [...notes] };
  for (const np of profiles) {
    const kind = np.kind ?? detectKind(np.profile, np.name);
    if (!kind) {
      inputs.notes.push(`${np.name}: skipped: not a profile kind diagnose reads (${np.profile.sampleTypes.map((t) => t.type).join(', ') || 'no sample types'})`);
      continue;
    }
    if (kind === 'threadcreate') continue;
    const view = buildView(np.profile, kind, np.name, np.file ?? null);
    if (kind === 'heap' || kind === 'goroutine') {
      inputs[kind].push(view);
    } else if (inputs[kind] === null) {
      inputs[kind] = view;
    } else {
      inputs.notes.push(`${np.name}: a second ${kind} profile: only ${inputs[kind]!.name} is read`);
    }
  }
  inputs.heap.sort(byTime);
  inputs.goroutine.sort(byTime);
  return inputs;
}
