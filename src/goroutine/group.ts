// Grouping goroutines with identical stacks, one record at a time: memory
// grows with the number of distinct stacks, not with the number of goroutines.

import { topFrameIndex } from './frames.js';
import { detachString } from './lines.js';
import { stateKind } from './states.js';
import type { CreatedBy, Frame, GoroutineRecord } from './types.js';

/**
 * GroupMode says when two stacks are the same: 'exact' compares every
 * printed detail (argument values, PC offsets); 'loose' compares functions
 * and file:line only, so goroutines parked at the same place on different
 * channels or mutexes fall together.
 */
export type GroupMode = 'exact' | 'loose';

/** GroupOptions configures a Grouper. */
interface GroupOptions {
  mode: GroupMode;
  /** Keep every goroutine id per group (needed to follow goroutines across snapshots). */
  collectIds?: boolean;
}

/** MAX_LABEL_VALUES bounds the distinct `key=value` labels counted per group. */
const MAX_LABEL_VALUES = 16;

/** Group is a set of goroutines with the same stack and creation site. */
export interface Group {
  key: string;
  /** Goroutines in the group. */
  count: number;
  /** Goroutines per state ('' for sources without states). */
  states: Map<string, number>;
  /** Goroutines per wait in minutes, for goroutines whose state is known. */
  waits: Map<number, number>;
  /** Goroutines locked to their thread. */
  locked: number;
  /** Goroutines per `key=value` label, up to MAX_LABEL_VALUES distinct. */
  labels: Map<string, number>;
  /** Goroutines whose labels were not counted because the table was full. */
  labelsOverflow: number;
  /** The stack of the first goroutine of the group, innermost first. */
  frames: Frame[];
  /** Index in frames of the call that waits (see topFrameIndex); -1 without frames. */
  top: number;
  createdBy: CreatedBy | null;
  elided: number;
  elidedAt: number;
  /** Goroutines whose stack broke off. */
  truncated: number;
  /** Up to 8 goroutine ids, in input order. */
  sampleIds: number[];
  /** Every goroutine id, when GroupOptions.collectIds is set; else null. */
  ids: number[] | null;
  /** Order of first appearance (ties in count keep it). */
  seq: number;
}

function frameKey(f: Frame, exact: boolean): string {
  if (f.func === '') return f.pc;
  return exact ? `${f.func}(${f.args}) ${f.file}:${f.line} +${f.offset}` : `${f.func} ${f.file}:${f.line}`;
}

/** groupKey is the identity of a record's stack under a mode. */
export function groupKey(r: GoroutineRecord, mode: GroupMode): string {
  const exact = mode === 'exact';
  const parts: string[] = [];
  for (let i = 0; i < r.frames.length; i++) {
    if (i === r.elidedAt) parts.push(`...${r.elided}...`);
    parts.push(frameKey(r.frames[i], exact));
  }
  if (r.elidedAt === r.frames.length) parts.push(`...${r.elided}...`);
  if (r.stackUnavailable) parts.push('(stack unavailable)');
  const c = r.createdBy;
  if (c) parts.push(`created by ${c.func} ${c.file}:${c.line}` + (exact ? ` +${c.offset}` : ''));
  return parts.join('\n');
}

function detachFrame(f: Frame): Frame {
  return { ...f, func: detachString(f.func), args: detachString(f.args), file: detachString(f.file) };
}

/** Grouper collects records into groups as they stream by. */
export class Grouper {
  private readonly byKey = new Map<string, Group>();
  /** Goroutines in all groups. */
  total = 0;
  /** Goroutines per state over all groups. */
  readonly states = new Map<string, number>();

  constructor(readonly options: GroupOptions) {}

  /** add puts a record into its group. */
  add(r: GoroutineRecord): void {
    const key = groupKey(r, this.options.mode);
    let g = this.byKey.get(key);
    if (!g) {
      const frames = r.frames.map(detachFrame);
      g = {
        key, count: 0, states: new Map(), waits: new Map(), locked: 0, labels: new Map(), labelsOverflow: 0,
        frames, top: topFrameIndex(frames),
        createdBy: r.createdBy ? { ...r.createdBy, func: detachString(r.createdBy.func), file: detachString(r.createdBy.file) } : null,
        elided: r.elided, elidedAt: r.elidedAt, truncated: 0, sampleIds: [],
        ids: this.options.collectIds ? [] : null, seq: this.byKey.size,
      };
      this.byKey.set(key, g);
    }
    const n = r.count;
    g.count += n;
    this.total += n;
    bump(g.states, r.state, n);
    bump(this.states, r.state, n);
    // Go prints how long a goroutine has waited, never how long one ran.
    if (r.state !== '' && stateKind(r.state) !== 'running') bump(g.waits, r.waitMinutes, n);
    if (r.lockedToThread) g.locked += n;
    if (r.truncated) g.truncated += n;
    for (const [k, v] of r.labels) {
      const kv = `${k}=${v}`;
      const had = g.labels.get(kv);
      if (had !== undefined) g.labels.set(kv, had + n);
      else if (g.labels.size < MAX_LABEL_VALUES) g.labels.set(detachString(kv), n);
      else g.labelsOverflow += n;
    }
    if (r.id >= 0) {
      if (g.sampleIds.length < 8) g.sampleIds.push(r.id);
      g.ids?.push(r.id);
    }
  }

  /** groups returns the groups, largest first (ties in order of appearance). */
  groups(): Group[] {
    return [...this.byKey.values()].sort((a, b) => b.count - a.count || a.seq - b.seq);
  }
}

function bump<K>(m: Map<K, number>, k: K, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

/** WaitSummary is the least, median and greatest wait in minutes. */
export interface WaitSummary {
  min: number;
  median: number;
  max: number;
}

/** waitSummary summarises a group's waits, or returns null when none is known. */
export function waitSummary(waits: Map<number, number>): WaitSummary | null {
  if (waits.size === 0) return null;
  const mins = [...waits.keys()].sort((a, b) => a - b);
  const n = [...waits.values()].reduce((a, b) => a + b, 0);
  // The lower median: the value at position ⌈n/2⌉ in sorted order.
  const mid = Math.ceil(n / 2);
  let seen = 0;
  let median = mins[0];
  for (const m of mins) {
    seen += waits.get(m)!;
    if (seen >= mid) {
      median = m;
      break;
    }
  }
  return { min: mins[0], median, max: mins[mins.length - 1] };
}

/** WAIT_BUCKETS are the histogram bins of wait durations, in minutes [from, to). */
export const WAIT_BUCKETS: readonly { label: string; from: number; to: number }[] = [
  { label: '<1m', from: 0, to: 1 },
  { label: '1-9m', from: 1, to: 10 },
  { label: '10-59m', from: 10, to: 60 },
  { label: '1-9h', from: 60, to: 600 },
  { label: '10-99h', from: 600, to: 6000 },
  { label: '>=100h', from: 6000, to: Infinity },
];

/** waitHistogram counts goroutines per WAIT_BUCKETS bin. */
export function waitHistogram(waits: Map<number, number>): number[] {
  const out = WAIT_BUCKETS.map(() => 0);
  for (const [m, n] of waits) {
    const i = WAIT_BUCKETS.findIndex((b) => m >= b.from && m < b.to);
    out[i] += n;
  }
  return out;
}
