// Building the shared View of one decoded profile: samples aggregated by
// stack (inline frames expanded, leaf first), each stack's first user frame
// and the classes of its known frames found once, and the profile's kind
// detected from its sample types.

import type { Profile } from '../profile/types.js';
import { aggregateStacks, factsOf } from './stacks.js';
import type { Heaviest, ProfileKind, StackGroup, View } from './types.js';

/**
 * detectKind names what a profile measures from its sample types: cpu
 * (samples/count, cpu/nanoseconds), heap and allocs (the same four
 * alloc_/inuse_ types), goroutine, threadcreate, and contentions/delay, which
 * block and mutex share: those are told apart by their stacks (a mutex
 * profile's leaf is the Unlock that ended the wait), unless `hint` (a file
 * name) says which.
 */
export function detectKind(p: Profile, hint = ''): ProfileKind | null {
  const types = p.sampleTypes.map((t) => t.type);
  if (types.includes('cpu') || (p.periodType?.type === 'cpu')) return 'cpu';
  if (types.includes('inuse_space') || types.includes('alloc_space')) return 'heap';
  if (types.includes('goroutine')) return 'goroutine';
  if (types.includes('threadcreate')) return 'threadcreate';
  if (types.includes('contentions') && types.includes('delay')) {
    if (/mutex/i.test(hint)) return 'mutex';
    if (/block/i.test(hint)) return 'block';
    return unlockLeaves(p) ? 'mutex' : 'block';
  }
  return null;
}

/** unlockLeaves tells whether most sampled stacks start at an Unlock (mutex profiles record the unlocker). */
function unlockLeaves(p: Profile): boolean {
  const s = p.samples;
  let unlock = 0;
  for (let i = 0; i < s.count; i++) {
    const loc = p.locations[s.locs[s.stackStart[i]]];
    const fn = loc?.lines[0]?.fn.name ?? ''; // the innermost frame: Unlock is usually inlined
    if (/[Uu]nlock|semrelease/.test(fn)) unlock++;
  }
  return s.count > 0 && unlock * 2 >= s.count;
}

/**
 * buildView aggregates a decoded profile of a known kind by stack (see
 * stacks.ts); `file` is where gotune pprof can open it (null: nowhere).
 */
export function buildView(p: Profile, kind: ProfileKind, name: string, file: string | null = null): View {
  const { groups, totals } = aggregateStacks(p);
  return {
    kind, name, types: p.sampleTypes.map((t) => t.type), groups, totals,
    timeNanos: Number(p.timeNanos), durationNanos: p.durationNanos, file,
  };
}

/** synthView builds a View from function-name stacks (leaf first) and their values, for tests and synthetic inputs. */
export function synthView(kind: ProfileKind, types: string[], rows: ReadonlyArray<readonly [readonly string[], ...number[]]>, opts: { name?: string; timeNanos?: number; durationNanos?: number; file?: string | null } = {}): View {
  // Each row is a group of its own.
  const groups: StackGroup[] = rows.map(([fns, ...values], order) => {
    const frames = fns.map((fn) => ({ fn, file: fn.startsWith('main.') ? 'main.go' : '', line: fn.startsWith('main.') ? 10 : 0 }));
    const { user, all, below, leaf } = factsOf(fns);
    const facts = { userFn: user >= 0 ? fns[user] : '', all, below, leaf };
    const trace = { ...facts, frames, user };
    return { ...facts, values, heaviest: (vi: number): Heaviest => ({ trace, value: values[vi] ?? 0, order }) };
  });
  const totals = types.map((_, i) => groups.reduce((t, s) => t + (s.values[i] ?? 0), 0));
  const name = opts.name ?? `${kind}.pb.gz`;
  return { kind, name, types, groups, totals, timeNanos: opts.timeNanos ?? 0, durationNanos: opts.durationNanos ?? 0, file: opts.file === undefined ? name : opts.file };
}
