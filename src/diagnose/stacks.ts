// Aggregating a decoded profile's samples once for every rule, into the
// groups of stacks no rule can tell apart (the same user function, the same
// classes of known frames; see StackGroup). Locations are classified once
// each, and stacks are summed and their frames built only for the few groups
// a finding reports. A 100 MB profile has 1.5 million samples over 40
// million stack entries and 800,000 distinct stacks, but only tens of
// thousands of groups: the rules' many passes over a view cost little, and
// no object is made per stack.

import type { LocIndexes, Profile } from '../profile/types.js';
import { classBit, classify, classOfBit, type FrameClass, isUserFunction } from './frames.js';
import type { Frame, Heaviest, StackFacts, StackGroup, Trace } from './types.js';

/** Facts is what a run of frames (one location's inline chain, or a whole stack) tells the rules, with its user frame's index. */
interface Facts {
  /** Index of the first user function, or -1. */
  user: number;
  /** Classes of all the frames. */
  all: number;
  /** Classes of the frames before the user frame (of all of them when there is none). */
  below: number;
  /** The first known class among those, or null. */
  leaf: FrameClass | null;
}

/** factsOf classifies function names (leaf first): the user frame, and the classes below it and in all. */
export function factsOf(fns: readonly string[], cls: (fn: string) => FrameClass | null = classify, user: (fn: string) => boolean = isUserFunction): Facts {
  const f: Facts = { user: -1, all: 0, below: 0, leaf: null };
  for (let i = 0; i < fns.length; i++) {
    const c = cls(fns[i]);
    f.all |= classBit(c);
    if (f.user >= 0) continue;
    if (user(fns[i])) f.user = i;
    else {
      f.below |= classBit(c);
      f.leaf ??= c;
    }
  }
  return f;
}

/** memo caches a function of a name (many locations share a function). */
function memo<T>(f: (fn: string) => T): (fn: string) => T {
  const m = new Map<string, T>();
  return (fn) => {
    if (m.has(fn)) return m.get(fn) as T;
    const v = f(fn);
    m.set(fn, v);
    return v;
  };
}

/** LocationFacts holds the Facts of every location of a profile, as typed arrays indexed by location. */
class LocationFacts {
  readonly user: Int32Array;
  readonly all: Int32Array;
  readonly below: Int32Array;
  readonly depth: Int32Array;
  /** The leaf class's bit (0: none). */
  readonly leaf: Int32Array;
  /** The user function's index in `names`, or -1. */
  readonly userFn: Int32Array;
  readonly names: string[] = [];
  readonly #frames: Array<Frame[] | undefined>;

  constructor(private readonly p: Profile) {
    const n = p.locations.length;
    this.user = new Int32Array(n);
    this.all = new Int32Array(n);
    this.below = new Int32Array(n);
    this.depth = new Int32Array(n);
    this.userFn = new Int32Array(n).fill(-1);
    this.leaf = new Int32Array(n);
    this.#frames = new Array<Frame[] | undefined>(n);
    const cls = memo(classify);
    const user = memo(isUserFunction);
    const ids = new Map<string, number>();
    for (let li = 0; li < n; li++) {
      const fns = p.locations[li].lines.map((l) => l.fn.name);
      const f = factsOf(fns, cls, user);
      this.user[li] = f.user;
      this.all[li] = f.all;
      this.below[li] = f.below;
      this.depth[li] = fns.length;
      this.leaf[li] = classBit(f.leaf);
      if (f.user >= 0) {
        const name = fns[f.user];
        let id = ids.get(name);
        if (id === undefined) {
          id = this.names.length;
          ids.set(name, id);
          this.names.push(name);
        }
        this.userFn[li] = id;
      }
    }
  }

  /** frames are a location's frames, innermost first. */
  frames(li: number): Frame[] {
    return this.#frames[li] ??= this.p.locations[li].lines.map((l) => ({ fn: l.fn.name, file: l.fn.filename, line: l.line }));
  }
}

/** DecodedTrace is one stack of a decoded profile, its frames built on first use. */
class DecodedTrace implements Trace {
  readonly userFn: string;
  readonly below: number;
  readonly all: number;
  readonly leaf: FrameClass | null;
  user = -1;
  #frames: Frame[] | null = null;

  constructor(private readonly locs: LocIndexes, private readonly a: number, private readonly b: number,
    private readonly lf: LocationFacts, facts: StackFacts) {
    ({ userFn: this.userFn, below: this.below, all: this.all, leaf: this.leaf } = facts);
    let depth = 0;
    for (let j = a; j < b; j++) {
      const u = lf.user[locs[j]];
      if (u >= 0) {
        this.user = depth + u;
        break;
      }
      depth += lf.depth[locs[j]];
    }
  }

  get frames(): Frame[] {
    if (this.#frames === null) {
      const out: Frame[] = [];
      for (let j = this.a; j < this.b; j++) for (const f of this.lf.frames(this.locs[j])) out.push(f);
      this.#frames = out;
    }
    return this.#frames;
  }
}

/** Members lists each group's samples in order, built on first use (a counting sort of the samples by group). */
class Members {
  #start: Int32Array | null = null;
  #order: Int32Array | null = null;

  constructor(private readonly groupOf: Int32Array, private readonly groups: number) {}

  /** of is group g's samples, in the profile's order. */
  of(g: number): Int32Array {
    if (this.#order === null || this.#start === null) {
      const start = new Int32Array(this.groups + 1);
      for (const x of this.groupOf) start[x + 1]++;
      for (let k = 0; k < this.groups; k++) start[k + 1] += start[k];
      const at = start.slice(0, this.groups);
      const order = new Int32Array(this.groupOf.length);
      for (let i = 0; i < this.groupOf.length; i++) order[at[this.groupOf[i]]++] = i;
      this.#start = start;
      this.#order = order;
    }
    return this.#order.subarray(this.#start[g], this.#start[g + 1]);
  }
}

/**
 * DecodedGroup is a StackGroup of a decoded profile: its sums, and its
 * heaviest stacks, found on first use by summing its own samples by stack
 * (most groups are never asked: a rule reports one function or two).
 */
class DecodedGroup implements StackGroup {
  values: number[] = [];
  #heaviest: Heaviest[] | null = null;

  constructor(readonly userFn: string, readonly below: number, readonly all: number, readonly leaf: FrameClass | null,
    private readonly p: Profile, private readonly lf: LocationFacts, private readonly members: Members, private readonly g: number) {}

  heaviest(vi: number): Heaviest {
    this.#heaviest ??= this.#find();
    return this.#heaviest[vi];
  }

  #find(): Heaviest[] {
    const s = this.p.samples;
    const nv = s.nValues;
    const locs = s.locs;
    const byHash = new Map<number, number[]>();
    const first: number[] = [];
    const sums: number[] = [];
    for (const i of this.members.of(this.g)) {
      const a = s.stackStart[i];
      const b = s.stackStart[i + 1];
      const h = stackHash(locs, a, b);
      let list = byHash.get(h);
      if (!list) byHash.set(h, list = []);
      let k = -1;
      for (const c of list) if (sameStack(locs, s.stackStart[first[c]], s.stackStart[first[c] + 1], a, b)) { k = c; break; }
      if (k < 0) {
        k = first.length;
        first.push(i);
        for (let v = 0; v < nv; v++) sums.push(0);
        list.push(k);
      }
      for (let v = 0; v < nv; v++) sums[k * nv + v] += s.values[i * nv + v];
    }
    // Stacks are in the order first seen, so a strict > keeps the first among equals.
    const out: Heaviest[] = [];
    for (let v = 0; v < nv; v++) {
      let best = 0;
      for (let k = 1; k < first.length; k++) if (sums[k * nv + v] > sums[best * nv + v]) best = k;
      const i = first[best];
      out.push({ trace: new DecodedTrace(locs, s.stackStart[i], s.stackStart[i + 1], this.lf, this), value: sums[best * nv + v], order: i });
    }
    return out;
  }
}

/** stackHash hashes a range of location indexes. */
function stackHash(locs: LocIndexes, a: number, b: number): number {
  let h = b - a;
  for (let j = a; j < b; j++) h = Math.imul(h ^ locs[j], 0x01000193);
  return h;
}

/** sameStack tells whether two ranges of location indexes hold the same stack. */
function sameStack(locs: LocIndexes, a0: number, b0: number, a1: number, b1: number): boolean {
  if (b0 - a0 !== b1 - a1) return false;
  for (let k = 0; k < b0 - a0; k++) if (locs[a0 + k] !== locs[a1 + k]) return false;
  return true;
}

/**
 * Grouping is the groups found so far: their facts (the leaf class as its
 * bit) in typed arrays, found by an open-addressing table on a hash of
 * them. Nested Maps cost half a microsecond a stack in cache misses.
 */
class Grouping {
  fn = new Int32Array(1024);
  below = new Int32Array(1024);
  all = new Int32Array(1024);
  leaf = new Int32Array(1024);
  count = 0;
  #slots = new Int32Array(4096);

  /** id is the group of a stack with these facts, made when new. */
  id(fn: number, below: number, all: number, leaf: number): number {
    const h = hash4(fn, below, all, leaf);
    let mask = this.#slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.#slots[slot];
      if (e === 0) break;
      const g = e - 1;
      if (this.fn[g] === fn && this.below[g] === below && this.all[g] === all && this.leaf[g] === leaf) return g;
    }
    const g = this.count++;
    if (g === this.fn.length) {
      for (const k of ['fn', 'below', 'all', 'leaf'] as const) {
        const bigger = new Int32Array(2 * g);
        bigger.set(this[k]);
        this[k] = bigger;
      }
    }
    this.fn[g] = fn;
    this.below[g] = below;
    this.all[g] = all;
    this.leaf[g] = leaf;
    // At most half full: grow and re-insert every group.
    if (2 * this.count > this.#slots.length) {
      this.#slots = new Int32Array(2 * this.#slots.length);
      mask = this.#slots.length - 1;
      for (let k = 0; k < this.count; k++) this.#insert(hash4(this.fn[k], this.below[k], this.all[k], this.leaf[k]) & mask, k);
    } else this.#insert(h & mask, g);
    return g;
  }

  #insert(slot: number, g: number): void {
    const mask = this.#slots.length - 1;
    while (this.#slots[slot] !== 0) slot = (slot + 1) & mask;
    this.#slots[slot] = g + 1;
  }
}

function hash4(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ c, 0x01000193);
  h = Math.imul(h ^ d, 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * aggregateStacks sums a profile's samples into stack groups and sums each
 * sample type: each sample's facts are combined from its locations' (read
 * in order, a few typed-array reads an entry) and its group found in a
 * small table. Summing by distinct stack first would visit a table of a
 * million stacks at random, several times slower in cache misses; a
 * group's stacks are summed only when a rule asks for its heaviest.
 */
export function aggregateStacks(p: Profile): { groups: StackGroup[]; totals: number[] } {
  const s = p.samples;
  const nv = s.nValues;
  const locs = s.locs;
  const lf = new LocationFacts(p);
  const grouping = new Grouping();
  const groupOf = new Int32Array(s.count);
  let sums = new Float64Array(1024 * nv);
  const totals = new Array<number>(nv).fill(0);
  for (let i = 0; i < s.count; i++) {
    const g = groupOfStack(lf, grouping, locs, s.stackStart[i], s.stackStart[i + 1]);
    groupOf[i] = g;
    if ((g + 1) * nv > sums.length) {
      const bigger = new Float64Array(2 * sums.length);
      bigger.set(sums);
      sums = bigger;
    }
    for (let v = 0; v < nv; v++) {
      const x = s.values[i * nv + v];
      sums[g * nv + v] += x;
      totals[v] += x;
    }
  }
  const ng = grouping.count;
  const members = new Members(groupOf, ng);
  const groups: StackGroup[] = new Array(ng);
  for (let g = 0; g < ng; g++) {
    const fn = grouping.fn[g];
    const group = new DecodedGroup(fn < 0 ? '' : lf.names[fn], grouping.below[g], grouping.all[g], classOfBit(grouping.leaf[g]), p, lf, members, g);
    group.values = Array.from(sums.subarray(g * nv, g * nv + nv));
    groups[g] = group;
  }
  return { groups, totals };
}

/** groupOfStack combines a stack's facts from its locations' and finds its group. */
function groupOfStack(lf: LocationFacts, grouping: Grouping, locs: LocIndexes, a: number, b: number): number {
  let all = 0;
  let below = 0;
  let leaf = 0;
  let fn = -1;
  let j = a;
  for (; j < b; j++) {
    const li = locs[j];
    all |= lf.all[li];
    below |= lf.below[li];
    if (leaf === 0) leaf = lf.leaf[li];
    if (lf.user[li] >= 0) {
      fn = lf.userFn[li];
      break;
    }
  }
  for (j++; j < b; j++) all |= lf.all[locs[j]];
  return grouping.id(fn, below, all, leaf);
}
