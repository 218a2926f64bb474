// Frame pruning: drop_frames/keep_frames from the profile itself
// (pprof's Prune and RemoveUninteresting) and -prune_from.

import { rebuildSamples, type Matcher } from './filter.js';
import type { Profile } from './types.js';

const RESERVED = ['(anonymous namespace)', 'operator()'];

/**
 * simplifyFunc cuts a C++ name at its first "(" that is not part of a
 * reserved name such as "(anonymous namespace)", and drops a leading ".".
 */
function simplifyFunc(f: string): string {
  const name = f.startsWith('.') ? f.slice(1) : f;
  let i = 0;
  while (i < name.length) {
    const reserved = RESERVED.find((r) => name.startsWith(r, i));
    if (reserved) {
      i += reserved.length;
      continue;
    }
    if (name[i] === '(') return name.slice(0, i);
    i++;
  }
  return name;
}

/**
 * pruneProfile removes, from each sample, the frames at and below (towards
 * the leaf) the first frame from the root whose function matches drop and
 * not keep — pprof's Profile.Prune.
 */
function pruneProfile(p: Profile, drop: Matcher, keep: Matcher | null): Profile {
  const cache = new Map<string, boolean>();
  const pruneFromHere = (name: string): boolean => {
    let r = cache.get(name);
    if (r === undefined) {
      const f = simplifyFunc(name);
      r = drop.test(f) && !(keep && keep.test(f));
      cache.set(name, r);
    }
    return r;
  };
  const n = p.locations.length;
  const prune = new Uint8Array(n);
  const pruneBeneath = new Uint8Array(n);
  const locations = p.locations.map((l, li) => {
    let i = l.lines.length - 1;
    for (; i >= 0; i--) {
      const name = l.lines[i].fn.name;
      if (name !== '' && pruneFromHere(name)) break;
    }
    if (i < 0) return l;
    pruneBeneath[li] = 1;
    if (i === l.lines.length - 1) {
      prune[li] = 1;
      return l;
    }
    return { ...l, lines: l.lines.slice(i + 1) };
  });
  const samples = rebuildSamples(p.samples, (stack) => {
    let foundUser = false;
    for (let i = stack.length - 1; i >= 0; i--) {
      const id = stack[i];
      if (!prune[id] && !pruneBeneath[id]) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      if (prune[id]) return stack.subarray(i + 1);
      return stack.subarray(i);
    }
    return stack;
  });
  return { ...p, locations, samples };
}

/**
 * removeUninteresting applies the profile's own drop_frames/keep_frames
 * (anchored regexes) — pprof's RemoveUninteresting. compile turns a Go
 * regexp into a Matcher and throws on a bad one.
 */
export function removeUninteresting(p: Profile, compile: (re: string) => Matcher): Profile {
  if (p.dropFrames === '') return p;
  const drop = compile('^(' + p.dropFrames + ')$');
  const keep = p.keepFrames !== '' ? compile('^(' + p.keepFrames + ')$') : null;
  return pruneProfile(p, drop, keep);
}

/**
 * pruneFrom drops every frame below (towards the leaf) the first frame,
 * from the leaf, whose function matches re — pprof's PruneFrom.
 */
export function pruneFrom(p: Profile, re: Matcher): Profile {
  const beneath = new Uint8Array(p.locations.length);
  const locations = p.locations.map((l, li) => {
    for (let i = 0; i < l.lines.length; i++) {
      const name = l.lines[i].fn.name;
      if (name !== '' && re.test(simplifyFunc(name))) {
        beneath[li] = 1;
        return { ...l, lines: l.lines.slice(i) };
      }
    }
    return l;
  });
  const samples = rebuildSamples(p.samples, (stack) => {
    for (let i = 0; i < stack.length; i++) if (beneath[stack[i]]) return stack.subarray(i);
    return stack;
  });
  return { ...p, locations, samples };
}
