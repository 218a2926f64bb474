// Whether the load itself failed: a run whose requests mostly failed (a
// wrong path answering 404, a service refusing connections) measured
// nothing useful and must not end as a success.

import type { Repetition } from '../run/run-json.js';

/** LoadOutcome sums a run's requests: how many succeeded, how many failed and how. */
interface LoadOutcome {
  succeeded: number;
  failed: number;
  /** The failures by cause: "HTTP 404", "ECONNREFUSED", "timeout". */
  causes: Record<string, number>;
}

/** loadOutcome adds up the requests of every repetition. */
export function loadOutcome(reps: readonly Repetition[]): LoadOutcome {
  const out: LoadOutcome = { succeeded: 0, failed: 0, causes: {} };
  const add = (cause: string, n: number) => {
    if (n <= 0) return;
    out.failed += n;
    out.causes[cause] = (out.causes[cause] ?? 0) + n;
  };
  for (const r of reps) {
    const l = r.kpis.load;
    out.succeeded += l.succeeded ?? l.requests - l.errors.http;
    for (const [status, n] of Object.entries(l.statuses)) if (Number(status) < 200 || Number(status) >= 400) add(`HTTP ${status}`, n);
    for (const [code, n] of Object.entries(l.errors.byCode)) add(code, n);
    add('timeout', l.errors.timeouts);
  }
  return out;
}

/** describeFailures lists the causes, most frequent first: "HTTP 404 ×1,204; ECONNRESET ×3". */
export function describeFailures(o: LoadOutcome): string {
  return Object.entries(o.causes).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ×${n.toLocaleString('en-US')}`).join('; ');
}

/**
 * loadFailure says why the load failed, or null when it did not: more
 * than maxErrorRate of the requests failed, or none succeeded at all.
 */
export function loadFailure(reps: readonly Repetition[], maxErrorRate: number): string | null {
  const o = loadOutcome(reps);
  const total = o.succeeded + o.failed;
  if (total === 0 || o.failed === 0) return null;
  const rate = o.failed / total;
  if (o.succeeded > 0 && rate <= maxErrorRate) return null;
  const pct = (x: number) => `${+(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
  const what = o.succeeded === 0 ? `every request failed (${o.failed.toLocaleString('en-US')})` : `${pct(rate)} of ${total.toLocaleString('en-US')} requests failed`;
  return `the load failed: ${what}: ${describeFailures(o)}${o.succeeded > 0 ? `; above --max-error-rate ${pct(maxErrorRate)}` : ''}`;
}
