// The scenario, decided first as the method does: growing memory, waiting,
// GC, CPU, or healthy; with the chain of reasoning that led there.

import { pct, sumWhere, valueIndex } from './query.js';
import { hasClass } from './query.js';
import type { Finding, Inputs, Scenario } from './types.js';

/** classify picks the scenario from the KPIs and the findings, and says why. */
export function classifyScenario(inputs: Inputs, findings: readonly Finding[]): { scenario: Scenario; reasoning: string[] } {
  const r: string[] = [];
  const k = inputs.kpis;
  // A pattern named here counts as its own kind: leaked timers are memory growth, not CPU.
  const high = (kinds: string[]) => findings.find((f) => f.severity === 'high' && (kinds.includes(f.kind) || (f.pattern !== undefined && kinds.includes(f.pattern))));
  if (k?.p99Us !== undefined) r.push(`latency p50 ${ms(k.p50Us ?? 0)}, p99 ${ms(k.p99Us)}${k.throughputRps !== undefined ? ` at ${k.throughputRps.toFixed(0)} req/s` : ''}`);
  if (k?.cores !== undefined) r.push(`CPU ${k.cores.toFixed(2)} cores busy${k.percentOfMachine != null ? ` (${k.percentOfMachine.toFixed(0)}% of the machine)` : ''}`);
  const cpu = inputs.cpu;
  if (cpu) {
    const vi = valueIndex(cpu, 'cpu');
    r.push(`CPU profile: GC and allocation ${pct(sumWhere(cpu, vi, (s) => hasClass(s, ['gc', 'malloc'])), cpu.totals[vi])} of the samples`);
  }
  const g = inputs.goroutine;
  if (g.length > 0) r.push(`goroutines ${g.map((v) => v.totals[0]).join(' → ')}`);
  if (inputs.heap.length >= 2) {
    const a = inputs.heap[0];
    const b = inputs.heap[inputs.heap.length - 1];
    r.push(`heap in use ${mib(a.totals[valueIndex(a, 'inuse_space')])} → ${mib(b.totals[valueIndex(b, 'inuse_space')])}`);
  }
  const pick = (s: Scenario, f: Finding | undefined): { scenario: Scenario; reasoning: string[] } | null => {
    if (!f) return null;
    r.push(`${f.kind}: ${f.title} → ${s}`);
    return { scenario: s, reasoning: r };
  };
  return pick('memory-growth', high(['memory-leak', 'goroutine-leak', 'timer-leak']))
    ?? pick('wait-bound', high(['lock-contention', 'channel-blocking', 'io-wait']))
    ?? pick('gc-bound', high(['gc-pressure']))
    ?? pick('cpu-bound', high(['cpu-hotspot', 'anti-pattern']))
    ?? (r.push('no high-severity finding → healthy'), { scenario: 'healthy', reasoning: r });
}

function ms(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(1)}ms` : `${us.toFixed(0)}µs`;
}

function mib(b: number): string {
  return `${(b / (1 << 20)).toFixed(1)} MiB`;
}
