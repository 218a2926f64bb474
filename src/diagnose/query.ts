// The questions rules ask of a View: a value's index, and which user
// functions own which share of it (each stack charged to its first user
// frame from the leaf), optionally only over stacks that hold a known frame.
// They read the view's stack groups (StackGroup), never frames.

import { classMask, type FrameClass } from './frames.js';
import type { Heaviest, StackFacts, StackGroup, Trace, View, Where } from './types.js';

/** valueIndex is the index of a sample type (the last one when absent: pprof's default). */
export function valueIndex(v: View, type: string): number {
  const i = v.types.indexOf(type);
  return i >= 0 ? i : v.types.length - 1;
}

/** Owner is one user function's share of a value. */
export interface Owner {
  fn: string;
  value: number;
  /** The heaviest stack that reached it, for `where`. */
  top: Trace;
  topValue: number;
  /** The top's rank in the profile: among equals the first seen is the top. */
  topOrder: number;
}

// The three read the classes found once per stack (StackFacts), not the frames.

/** hasClass tells whether a stack holds a frame of one of the classes below its user frame. */
export function hasClass(s: StackFacts, classes: readonly FrameClass[]): boolean {
  return (s.below & classMask(classes)) !== 0;
}

/** anywhere tells whether any frame of a stack, above or below its user frame, is of one of the classes (e.g. 'request'). */
export function anywhere(s: StackFacts, classes: readonly FrameClass[]): boolean {
  return (s.all & classMask(classes)) !== 0;
}

/** leafClass is the class of a stack's innermost known frame below its user frame (what a goroutine waits in). */
export function leafClass(s: StackFacts): FrameClass | null {
  return s.leaf;
}

/**
 * GroupOwner is an Owner whose top is found when first asked, among the
 * groups it summed: rules ask it of the one or two owners they report.
 */
class GroupOwner implements Owner {
  value = 0;
  readonly #groups: StackGroup[] = [];
  #top: Heaviest | null = null;

  constructor(readonly fn: string, private readonly vi: number) {}

  add(g: StackGroup, x: number): void {
    this.value += x;
    this.#groups.push(g);
  }

  #best(): Heaviest {
    if (this.#top === null) {
      for (const g of this.#groups) {
        const h = g.heaviest(this.vi);
        if (this.#top === null || h.value > this.#top.value || (h.value === this.#top.value && h.order < this.#top.order)) this.#top = h;
      }
    }
    return this.#top!;
  }

  get top(): Trace { return this.#best().trace; }
  get topValue(): number { return this.#best().value; }
  get topOrder(): number { return this.#best().order; }
}

/** owners sums value vi by user function over the stacks that pass keep, largest first; stacks without a user frame are left out. */
export function owners(v: View, vi: number, keep: (s: StackGroup) => boolean = () => true): Owner[] {
  const m = new Map<string, GroupOwner>();
  for (const s of v.groups) {
    const x = s.values[vi];
    if (x <= 0 || s.userFn === '' || !keep(s)) continue;
    let o = m.get(s.userFn);
    if (!o) m.set(s.userFn, o = new GroupOwner(s.userFn, vi));
    o.add(s, x);
  }
  return [...m.values()].sort((a, b) => b.value - a.value || (a.fn < b.fn ? -1 : 1));
}

/** sumWhere sums value vi over the stacks that pass keep. */
export function sumWhere(v: View, vi: number, keep: (s: StackGroup) => boolean): number {
  let t = 0;
  for (const s of v.groups) if (keep(s)) t += s.values[vi];
  return t;
}

/** whereOf makes the `where` of an owner: its function, file and line, and the path to it, outermost first. */
export function whereOf(o: Owner): Where {
  const f = o.top.frames[o.top.user];
  const stack = o.top.frames.slice(o.top.user).map((x) => x.fn).reverse();
  return { function: o.fn, file: f.file || null, line: f.line || null, stack };
}

/** pct formats a share as a percentage. */
export function pct(part: number, total: number): string {
  if (total <= 0) return '0%';
  const p = (100 * part) / total;
  return `${p >= 10 ? p.toFixed(0) : p.toFixed(1)}%`;
}
