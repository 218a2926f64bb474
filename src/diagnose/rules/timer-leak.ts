// Rule anti-pattern timer-leak: timers and tickers created and never
// stopped (time.After in a select loop, time.NewTicker without Stop,
// time.Tick), seen as live timers that grow between heap snapshots at the
// user function that creates them, and as CPU spent firing them.

import { viewLink } from '../link.js';
import { anywhere, hasClass, owners, type Owner, pct, sumWhere, valueIndex, whereOf } from '../query.js';
import type { Finding, Inputs, Severity, StackFacts, View } from '../types.js';

const MIB = 1 << 20;

const isNew = (s: StackFacts) => hasClass(s, ['timer-new']);

/** What a creating call leaks and how to fix it, by the time function the user's code calls. */
const CALLS: Record<string, { what: string; suggestion: string }> = {
  After: {
    what: 'time.After in a loop',
    suggestion: 'time.After makes a new timer each turn of the loop, kept until it fires: create one with time.NewTimer before the loop, Reset it each turn and Stop it on the way out (or use a context deadline); Go 1.23+ collects unreferenced timers only when the main module\'s go.mod says go 1.23 or later',
  },
  NewTicker: {
    what: 'tickers never stopped',
    suggestion: 'stop every ticker when its goroutine is done (t := time.NewTicker(d); defer t.Stop()): an unstopped ticker keeps firing for ever in programs whose go.mod says go 1.22 or older, and a referenced one leaks in any version',
  },
  Tick: {
    what: 'time.Tick',
    suggestion: 'time.Tick\'s ticker can never be stopped: use time.NewTicker with defer t.Stop() where the ticking should end',
  },
  NewTimer: {
    what: 'timers never stopped',
    suggestion: 'Stop timers you no longer need (defer t.Stop()), and reuse one with Reset in loops instead of creating a timer each turn',
  },
  AfterFunc: {
    what: 'pending time.AfterFunc timers',
    suggestion: 'keep the *Timer that time.AfterFunc returns and Stop it when its work is no longer wanted',
  },
};

/** callOf names the time function the owner's heaviest stack calls, e.g. "After" for time.After. */
function callOf(o: Owner): string {
  const s = o.top;
  for (let i = s.user - 1; i >= 0; i--) {
    const m = /^time\.(\w+)$/.exec(s.frames[i].fn);
    if (m && m[1] in CALLS) return m[1];
  }
  return 'NewTimer';
}

/** Growth is one user function's live timers, first to last heap snapshot. */
interface Growth {
  o: Owner;
  bytes: number;
  objects: number;
  before: number;
}

function growth(first: View, last: View): Growth | null {
  const fs = valueIndex(first, 'inuse_space');
  const fo = first.types.indexOf('inuse_objects');
  const ls = valueIndex(last, 'inuse_space');
  const lo = last.types.indexOf('inuse_objects');
  const before = new Map(owners(first, fs, isNew).map((o) => [o.fn, o.value]));
  const beforeObjects = new Map(fo < 0 ? [] : owners(first, fo, isNew).map((o) => [o.fn, o.value]));
  const afterObjects = new Map(lo < 0 ? [] : owners(last, lo, isNew).map((o) => [o.fn, o.value]));
  let best: Growth | null = null;
  for (const o of owners(last, ls, isNew)) {
    const g = o.value - (before.get(o.fn) ?? 0);
    if (!best || g > best.bytes) {
      best = { o, bytes: g, objects: (afterObjects.get(o.fn) ?? 0) - (beforeObjects.get(o.fn) ?? 0), before: before.get(o.fn) ?? 0 };
    }
  }
  return best;
}

/**
 * timerLeak reports the user function whose timers stay alive: high when
 * its live timers grow by 1 MiB or more between the first and last heap
 * snapshots (thousands of timers; below that, heap sampling every 512 KiB
 * cannot tell growth from noise); medium for a mere 1 MiB of live timers in
 * one snapshot, or for a fifth of the CPU spent running timers.
 */
export function timerLeak(inputs: Inputs): Finding[] {
  const h = inputs.heap;
  const last = h[h.length - 1];
  const cpu = inputs.cpu;
  const cpuShare = cpu && cpu.totals[valueIndex(cpu, 'cpu')] > 0
    ? sumWhere(cpu, valueIndex(cpu, 'cpu'), (s) => anywhere(s, ['timer'])) / cpu.totals[valueIndex(cpu, 'cpu')] : 0;
  const g = h.length >= 2 ? growth(h[0], last) : null;
  const live = last ? owners(last, valueIndex(last, 'inuse_space'), isNew)[0] : undefined;
  const made = last ? owners(last, valueIndex(last, 'alloc_space'), isNew)[0] : undefined;
  let severity: Severity;
  let who: Owner | undefined;
  if (g && g.bytes >= MIB) { severity = 'high'; who = g.o; }
  else if (live && live.value >= MIB) { severity = 'medium'; who = live; }
  else if (cpuShare >= 0.2 && made) { severity = 'medium'; who = made; }
  else return [];
  const call = callOf(who);
  const evidence: string[] = [];
  if (g && g.bytes >= MIB) {
    evidence.push(`${h[0].name} → ${last.name}: live timers created in ${who.fn} (${`time.${call}`}) ${mib(g.before)} → ${mib(g.o.value)}${g.objects > 0 ? ` (+${Math.round(g.objects)} objects)` : ''}`);
    const heapGrowth = last.totals[valueIndex(last, 'inuse_space')] - h[0].totals[valueIndex(h[0], 'inuse_space')];
    if (heapGrowth > 0) evidence.push(`${pct(Math.min(g.bytes, heapGrowth), heapGrowth)} of the in-use heap's growth`);
  } else if (live && live.value >= MIB) {
    evidence.push(`${last.name}: ${mib(live.value)} of live timers created in ${live.fn} (time.${callOf(live)})${h.length < 2 ? '; one heap snapshot: growth unknown' : ''}`);
  }
  if (made && last) {
    const ao = last.types.indexOf('alloc_objects');
    if (ao >= 0 && last.totals[ao] > 0) evidence.push(`${last.name}: timers made ${pct(sumWhere(last, ao, isNew), last.totals[ao])} of the objects allocated`);
  }
  if (cpu && cpuShare >= 0.01) evidence.push(`${cpu.name}: ${pct(cpuShare, 1)} of CPU runs timers (the runtime's timer heap, time.sendTime)${call === 'NewTicker' || call === 'Tick' ? ': leaked tickers keep firing' : ''}`);
  return [{
    kind: 'anti-pattern', pattern: 'timer-leak', severity,
    title: g && severity === 'high'
      ? `${CALLS[call].what} in ${who.fn}: live timers grow by ${mib(g.bytes)}`
      : `${CALLS[call].what} in ${who.fn}: ${live && live.value >= MIB ? `${mib(live.value)} of live timers` : `${pct(cpuShare, 1)} of CPU runs timers`}`,
    where: whereOf(who),
    evidence,
    suggestion: CALLS[call].suggestion,
    confidence: severity === 'high' ? Math.min(0.95, 0.7 + (g ? g.bytes / (40 * MIB) : 0)) : 0.5,
    // Growth: the heap diff, as for memory-leak; else the live timers, or those made.
    view: severity === 'high' ? viewLink('flamegraph', last, who.fn, valueIndex(last, 'inuse_space'), h[0])
      : viewLink('flamegraph', last, who.fn, valueIndex(last, who === made ? 'alloc_space' : 'inuse_space')),
  }];
}

function mib(b: number): string {
  return `${(b / MIB).toFixed(1)} MiB`;
}
