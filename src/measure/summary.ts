// The readable summary of a run printed on stdout: one row of KPIs per
// repetition (with mean and standard deviation when repeated), what was
// captured, warnings, and where the run is kept.

import type { Repetition, RunJson } from '../run/run-json.js';
import { describeFailures, loadOutcome } from './load-verdict.js';

/** formatMicros prints a duration given in µs with 3 significant digits: 812µs, 3.10ms, 21.4ms, 1.20s. */
export function formatMicros(us: number): string {
  if (!Number.isFinite(us)) return '-';
  if (us < 1000) return `${Math.round(us)}µs`;
  const sig = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  if (us < 1e6) return `${sig(us / 1000)}ms`;
  return `${sig(us / 1e6)}s`;
}

/** formatBytes prints bytes with a binary unit and 3 significant digits. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  let v = n;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 ? String(Math.round(v)) : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${s} ${units[u]}`;
}

function thousands(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** table aligns rows: the first column left, the others right, two spaces apart. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) => r.map((c, i) => {
    const pad = ' '.repeat(widths[i] - [...c].length);
    return i === 0 ? c + pad : pad + c;
  }).join('  ').trimEnd()).join('\n') + '\n';
}

const HEAD = ['REP', 'REQ/S', 'P50', 'P90', 'P95', 'P99', 'MAX', 'ERRORS', 'CPU', 'HEAP INUSE', 'GC/S', 'GC P99', 'GOROUTINES'];

function row(label: string, r: Repetition): string[] {
  const k = r.kpis;
  const l = k.load.latencyUs;
  const none = k.load.requests === 0;
  const cpu = k.cpu ? `${k.cpu.cores.toFixed(2)}${k.cpu.percentOfMachine !== null ? ` ${Math.round(k.cpu.percentOfMachine)}%` : ''}` : '-';
  const m = k.memory;
  const heap = m && m.heapInuseStart !== null && m.heapInuseEnd !== null
    ? `${formatBytes(m.heapInuseStart)} → ${formatBytes(m.heapInuseEnd)}` : '-';
  const gc = k.gc;
  const g = k.goroutines;
  return [
    label + (r.complete ? '' : '*'),
    thousands(k.load.throughputRps),
    none ? '-' : formatMicros(l.p50), none ? '-' : formatMicros(l.p90), none ? '-' : formatMicros(l.p95),
    none ? '-' : formatMicros(l.p99), none ? '-' : formatMicros(l.max),
    thousands(k.load.errors.total),
    cpu,
    heap,
    gc ? gc.perSecond.toFixed(1) : '-',
    gc?.pauseUs ? formatMicros(gc.pauseUs.p99) : '-',
    g && g.start !== null && g.end !== null ? `${g.start} → ${g.end}` : g?.end != null ? String(g.end) : '-',
  ];
}

/** meanSd returns the mean and sample standard deviation. */
export function meanSd(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}

function statRows(reps: Repetition[]): string[][] {
  const full = reps.filter((r) => r.complete && r.kpis.load.requests > 0);
  if (full.length < 2) return [];
  const col = (f: (r: Repetition) => number) => meanSd(full.map(f));
  const rps = col((r) => r.kpis.load.throughputRps);
  const lat = (k: 'p50' | 'p90' | 'p95' | 'p99' | 'max') => col((r) => r.kpis.load.latencyUs[k]);
  const errs = col((r) => r.kpis.load.errors.total);
  const cpu = full.every((r) => r.kpis.cpu) ? col((r) => r.kpis.cpu!.cores) : null;
  const mean = ['mean', thousands(rps.mean), ...(['p50', 'p90', 'p95', 'p99', 'max'] as const).map((k) => formatMicros(lat(k).mean)),
    thousands(errs.mean), cpu ? cpu.mean.toFixed(2) : '-', '', '', '', ''];
  const sd = ['± sd', thousands(rps.sd), ...(['p50', 'p90', 'p95', 'p99', 'max'] as const).map((k) => formatMicros(lat(k).sd)),
    thousands(errs.sd), cpu ? cpu.sd.toFixed(2) : '-', '', '', '', ''];
  return [mean, sd];
}

/** summaryText renders the run for a person. */
export function summaryText(run: RunJson, shownDir: string): string {
  const c = run.config;
  const mode = c.mode === 'open-loop' ? `open loop at ${thousands(c.rate ?? 0)} req/s, ${c.concurrency} connections` : `closed loop, ${c.concurrency} connections`;
  const lines: string[] = [];
  lines.push(`gotune measure: ${c.method} ${c.target}`);
  lines.push(`  ${mode}; ${c.repeat} × ${c.durationSeconds}s after ${c.warmupSeconds}s warm-up${c.pprof ? `; profiles from ${c.pprof}` : ''}`);
  lines.push('');
  const rows = [HEAD, ...run.repetitions.map((r) => row(String(r.index), r)), ...statRows(run.repetitions)];
  lines.push(table(rows).trimEnd());
  lines.push('');
  lines.push(`Latency: every response, in µs (HDR histogram, 3 significant digits)${c.mode === 'open-loop' ? ', timed from when each request was due' : ''}.`);
  lines.push('REQ/S: successful (2xx, 3xx) responses per second; ERRORS: failed requests (error statuses, connection errors, timeouts).');
  if (run.repetitions.some((r) => r.kpis.cpu)) lines.push('CPU: cores the service kept busy (and % of this machine\'s cores), from its CPU profile.');
  if (run.repetitions.some((r) => !r.complete)) lines.push('* the repetition was cut short');
  const errorRows = run.repetitions.filter((r) => r.kpis.load.errors.total > 0);
  for (const r of errorRows) {
    const e = r.kpis.load.errors;
    const parts = [];
    if (e.http > 0) {
      const bad = Object.entries(r.kpis.load.statuses).filter(([s]) => Number(s) < 200 || Number(s) >= 400).map(([s, n]) => `${s} ×${n}`);
      parts.push(`HTTP ${bad.join(', ')}`);
    }
    if (e.connection > 0) parts.push(`connection ${Object.entries(e.byCode).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    if (e.timeouts > 0) parts.push(`timeouts ×${e.timeouts}`);
    lines.push(`Errors in repetition ${r.index}: ${parts.join('; ')}`);
  }
  const failed = run.repetitions.flatMap((r) => r.captures.filter((x) => !x.ok && !x.name.startsWith('vars')).map((x) => `rep ${r.index} ${x.name}: ${x.error}`));
  const kept = run.repetitions.reduce((n, r) => n + r.captures.filter((x) => x.ok).length, 0);
  if (c.pprof) lines.push(`Captured ${kept} files${failed.length > 0 ? `; ${failed.length} captures failed:` : ''}`);
  for (const f of failed.slice(0, 12)) lines.push(`  ${f}`);
  if (failed.length > 12) lines.push(`  … and ${failed.length - 12} more (see run.json)`);
  for (const w of run.warnings) lines.push(`Warning: ${w}`);
  for (const n of run.environment.notes) lines.push(`Note: ${n}.`);
  if (run.environment.go) lines.push(`Service: ${run.environment.go.version} (from ${run.environment.go.source})`);
  const o = loadOutcome(run.repetitions);
  if (o.failed > 0) {
    const total = o.succeeded + o.failed;
    lines.push(`Requests: ${thousands(o.succeeded)} succeeded, ${thousands(o.failed)} failed (${+((o.failed / total) * 100).toFixed(2)}%: ${describeFailures(o)})`);
  }
  const state = run.complete ? 'complete' : run.status === 'failed' ? `FAILED (${run.reason ?? 'see run.json'})` : `INCOMPLETE (${run.status}${run.reason ? `: ${run.reason}` : ''})`;
  lines.push(`Run: ${shownDir} — ${state}`);
  const has = (name: string) => run.repetitions.find((r) => r.captures.some((x) => x.name === name && x.ok));
  const next: string[] = [];
  const cpu = has('cpu');
  if (cpu) next.push(`gotune pprof -top ${shownDir}/rep-${cpu.index}/cpu.pb.gz`);
  const heap = run.repetitions.find((r) => ['heap.start', 'heap.end'].every((n) => r.captures.some((x) => x.name === n && x.ok)));
  if (heap) next.push(`gotune pprof -top -base ${shownDir}/rep-${heap.index}/heap.start.pb.gz ${shownDir}/rep-${heap.index}/heap.end.pb.gz`);
  const g = run.repetitions.find((r) => ['goroutine.start.debug2', 'goroutine.end.debug2'].every((n) => r.captures.some((x) => x.name === n && x.ok)));
  if (g) next.push(`gotune goroutines --diff ${shownDir}/rep-${g.index}/goroutine.start.txt ${shownDir}/rep-${g.index}/goroutine.end.txt`);
  const trace = has('trace');
  if (trace) next.push(`go tool trace ${shownDir}/rep-${trace.index}/trace.out`);
  if (next.length > 0) lines.push(`Next: ${next.join('\n      ')}`);
  return lines.join('\n') + '\n';
}
