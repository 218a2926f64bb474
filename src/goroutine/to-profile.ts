// Converting a dump into a goroutine profile (profile.proto's goroutine/count,
// as /debug/pprof/goroutine serves it), with each goroutine's state and wait
// as labels, so that every pprof report and filter works on a text dump.

import { ProfileBuilder } from '../profile/builder.js';
import type { Profile } from '../profile/types.js';
import { STATE_LABEL, WAIT_LABEL } from './from-profile.js';
import { groupKey } from './group.js';
import type { Frame, GoroutineRecord } from './types.js';

interface Row {
  stack: number[];
  labels: Record<string, string[]>;
  count: number;
}

/**
 * ProfileCollector turns records into profile samples as they stream by.
 * Goroutines with the same stack, state, wait and labels become one sample,
 * so memory grows with the distinct stacks, not with the goroutines.
 */
export class ProfileCollector {
  private readonly b = new ProfileBuilder([{ type: 'goroutine', unit: 'count' }]);
  private readonly locByKey = new Map<string, number>();
  private readonly rows = new Map<string, Row>();

  /** add adds one record. */
  add(r: GoroutineRecord): void {
    const labels: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    const put = (k: string, v: string): void => {
      (labels[k] ??= []).push(v);
    };
    if (r.state !== '') put(STATE_LABEL, r.state);
    if (r.waitMinutes > 0) put(WAIT_LABEL, `${r.waitMinutes} minutes`);
    for (const [k, v] of r.labels) put(k, v);
    const labelKey = JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]]));
    const key = `${groupKey(r, 'loose')}\n${labelKey}`;
    const row = this.rows.get(key);
    if (row) {
      row.count += r.count;
      return;
    }
    const stack: number[] = [];
    for (let i = 0; i < r.frames.length; i++) {
      if (i === r.elidedAt) stack.push(this.elision(r.elided));
      stack.push(this.location(r.frames[i]));
    }
    if (r.elidedAt === r.frames.length) stack.push(this.elision(r.elided));
    this.rows.set(key, { stack, labels, count: r.count });
  }

  /** build returns the profile; timeNanos is when the dump was taken (0 when unknown). */
  build(timeNanos = 0n): Profile {
    for (const row of this.rows.values()) this.b.addSample(row.stack, [row.count], { str: row.labels });
    return this.b.build({ periodType: { type: 'goroutine', unit: 'count' }, period: 1, timeNanos });
  }

  private location(f: Frame): number {
    const key = `${f.func}\n${f.file}\n${f.line}\n${f.pc}`;
    let loc = this.locByKey.get(key);
    if (loc === undefined) {
      const address = f.pc !== '' ? BigInt(f.pc) : 0n;
      const lines = f.func !== '' || f.file !== '' ? [{ fn: this.b.fn(f.func, f.file), line: f.line, column: 0 }] : [];
      loc = this.b.addLocation(address, null, lines);
      this.locByKey.set(key, loc);
    }
    return loc;
  }

  /** elision is a pseudo-frame where the runtime left frames out. */
  private elision(n: number): number {
    const name = n < 0 ? '...additional frames elided...' : `...${n} frames elided...`;
    return this.location({ func: name, args: '', file: '', line: 0, offset: -1, pc: '' });
  }
}

