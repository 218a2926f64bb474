// Building the shared View of one decoded profile: samples aggregated by
// stack (inline frames expanded, leaf first), each stack's first user frame
// found once, and the profile's kind detected from its sample types.

import type { Profile } from '../profile/types.js';
import { isUserFunction } from './frames.js';
import type { Frame, ProfileKind, Stack, View } from './types.js';

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

/** userIndex finds the first user function from the leaf, or -1. */
function userIndex(frames: readonly Frame[]): number {
  for (let i = 0; i < frames.length; i++) if (isUserFunction(frames[i].fn)) return i;
  return -1;
}

/** buildView aggregates a decoded profile of a known kind by stack; `file` is where gotune pprof can open it (null: nowhere). */
export function buildView(p: Profile, kind: ProfileKind, name: string, file: string | null = null): View {
  const s = p.samples;
  const nv = s.nValues;
  const frameCache = new Map<number, Frame[]>();
  const framesOf = (li: number): Frame[] => {
    let f = frameCache.get(li);
    if (!f) {
      f = p.locations[li].lines.map((l) => ({ fn: l.fn.name, file: l.fn.filename, line: l.line }));
      frameCache.set(li, f);
    }
    return f;
  };
  const byKey = new Map<string, Stack>();
  const totals = new Array<number>(nv).fill(0);
  for (let i = 0; i < s.count; i++) {
    const a = s.stackStart[i];
    const b = s.stackStart[i + 1];
    let key = '';
    for (let j = a; j < b; j++) key += s.locs[j] + ',';
    let st = byKey.get(key);
    if (!st) {
      const frames: Frame[] = [];
      for (let j = a; j < b; j++) frames.push(...framesOf(s.locs[j]));
      st = { frames, values: new Array<number>(nv).fill(0), user: userIndex(frames) };
      byKey.set(key, st);
    }
    for (let v = 0; v < nv; v++) {
      st.values[v] += s.values[i * nv + v];
      totals[v] += s.values[i * nv + v];
    }
  }
  return {
    kind, name, types: p.sampleTypes.map((t) => t.type), stacks: [...byKey.values()], totals,
    timeNanos: Number(p.timeNanos), durationNanos: p.durationNanos, file,
  };
}

/** synthView builds a View from function-name stacks (leaf first) and their values, for tests and synthetic inputs. */
export function synthView(kind: ProfileKind, types: string[], rows: ReadonlyArray<readonly [readonly string[], ...number[]]>, opts: { name?: string; timeNanos?: number; durationNanos?: number; file?: string | null } = {}): View {
  const stacks: Stack[] = rows.map(([fns, ...values]) => {
    const frames = fns.map((fn) => ({ fn, file: fn.startsWith('main.') ? 'main.go' : '', line: fn.startsWith('main.') ? 10 : 0 }));
    return { frames, values, user: userIndex(frames) };
  });
  const totals = types.map((_, i) => stacks.reduce((t, s) => t + (s.values[i] ?? 0), 0));
  const name = opts.name ?? `${kind}.pb.gz`;
  return { kind, name, types, stacks, totals, timeNanos: opts.timeNanos ?? 0, durationNanos: opts.durationNanos ?? 0, file: opts.file === undefined ? name : opts.file };
}
