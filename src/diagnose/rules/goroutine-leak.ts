// Rule goroutine-leak: goroutines parked at the same user function in
// growing numbers between the first and last goroutine snapshots (or, with
// one snapshot, in such numbers that they cannot all be working).

import { viewLink } from '../link.js';
import { leafClass, owners, type Owner, whereOf } from '../query.js';
import type { Finding, Inputs } from '../types.js';

/** Growth at a function below this many goroutines is not reported. */
const MIN_GROWTH = 50;
/** With a single snapshot, this many goroutines parked at one function is suspicious. */
const MIN_PARKED = 1000;

const WAITS: Record<string, string> = {
  'chan-send': 'sending on a channel nobody receives from',
  'chan-recv': 'receiving from a channel nobody sends on',
  select: 'in a select no case of which becomes ready',
  'lock-wait': 'waiting for a lock',
  sleep: 'sleeping',
  netpoll: 'waiting for network I/O',
  timer: 'waiting on a timer',
};

function describe(o: Owner): string {
  const c = leafClass(o.top);
  return (c && WAITS[c]) ?? 'blocked';
}

/** goroutineLeak compares goroutine snapshots by the user function each goroutine is parked in. */
export function goroutineLeak(inputs: Inputs): Finding[] {
  const g = inputs.goroutine;
  if (g.length === 0) return [];
  const last = g[g.length - 1];
  const end = owners(last, 0);
  if (g.length === 1) {
    const top = end[0];
    if (!top || top.value < MIN_PARKED) return [];
    return [{
      kind: 'goroutine-leak', severity: 'medium',
      title: `${top.value} goroutines parked in ${top.fn}`,
      where: whereOf(top),
      evidence: [`${last.name}: ${top.value} of ${last.totals[0]} goroutines in ${top.fn}, ${describe(top)}`],
      suggestion: suggestion(top),
      confidence: 0.5,
      view: viewLink('flamegraph', last, top.fn),
    }];
  }
  const first = g[0];
  const before = new Map(owners(first, 0).map((o) => [o.fn, o.value]));
  let best: { o: Owner; growth: number } | null = null;
  for (const o of end) {
    const growth = o.value - (before.get(o.fn) ?? 0);
    if (!best || growth > best.growth) best = { o, growth };
  }
  if (!best || best.growth < MIN_GROWTH) return [];
  const { o, growth } = best;
  const secs = last.timeNanos && first.timeNanos ? (last.timeNanos - first.timeNanos) / 1e9 : 0;
  const evidence = [
    `${first.name} → ${last.name}: goroutines ${first.totals[0]} → ${last.totals[0]}; at ${o.fn} ${before.get(o.fn) ?? 0} → ${o.value} (+${growth}${secs > 0 ? ` in ${secs.toFixed(0)}s, ${(growth / secs).toFixed(1)}/s` : ''}), ${describe(o)}`,
  ];
  const k = inputs.kpis;
  if (k?.goroutinesStart !== undefined && k.goroutinesEnd !== undefined) evidence.push(`run KPIs: goroutines ${k.goroutinesStart} → ${k.goroutinesEnd}`);
  return [{
    kind: 'goroutine-leak', severity: growth >= 0.2 * last.totals[0] ? 'high' : 'medium',
    title: `goroutines pile up in ${o.fn} (+${growth})`,
    where: whereOf(o),
    evidence,
    suggestion: suggestion(o),
    confidence: growth >= 0.2 * last.totals[0] ? 0.9 : 0.6,
    view: viewLink('flamegraph', last, o.fn),
  }];
}

function suggestion(o: Owner): string {
  const c = leafClass(o.top);
  if (c === 'chan-send') return 'nobody receives the value: give the channel room for every sender (make(chan T, n)), or select on a context\'s Done or a done channel so the goroutine can return';
  if (c === 'chan-recv' || c === 'select') return 'nobody sends or closes: close the channel when the producer is done, or select on a context\'s Done so the goroutine can return';
  if (c === 'timer') return 'stop tickers and timers you no longer need (defer t.Stop()); prefer time.NewTimer over time.After in loops';
  if (c === 'netpoll') return 'bound every network wait with a deadline or a context, and close response bodies';
  return 'give the goroutine a way to return: a context or a done channel, and a deadline on what it waits for';
}
