// The run dashboard (`gotune web`): each KPI per repetition as a small
// chart (baseline beside candidate when two runs are served), the captured
// profiles with links into every view (and diff flame graphs between the
// runs), and the diagnosis, each finding linking to the view that shows it.

import { getJson } from './api.js';
import { formatValue } from './info.js';
import { hrefFor, navigate } from './url-state.js';
import { useData } from './use-data.js';

interface Rep {
  index: number; complete: boolean; p50: number; p90: number; p95: number; p99: number; throughput: number;
  errorRate: number | null; cpuCores: number | null; heapInuse: number | null; gcPauseP99: number | null; goroutines: number | null;
}
interface Run {
  label: string; dir: string; target: string; mode: string; concurrency: number; durationSeconds: number; startedAt: string; complete: boolean;
  repetitions: Rep[]; captures: { repetition: number; name: string; file: string }[];
}
interface Finding {
  kind: string; severity: string; title: string; pattern?: string; suggestion: string;
  where: { function: string; file?: string; line?: number } | null;
  view?: { profile: string; path: string; base?: string } | null;
}
interface KpiResult { name: string; unit: string; delta: number | null; p: number | null; verdict: string; baseline: { median: number } | null; candidate: { median: number } | null }
interface Shift { type: string; top: { function: string; beforeShare: number; afterShare: number; deltaShare: number }[] }
interface Verification { verdict: string; kpis: KpiResult[]; profiles: Shift[]; warnings: string[]; error?: string }
interface Dashboard {
  verification: Verification | null;
  runs: Run[];
  diagnosed: string;
  diagnosis: { scenario?: { kind?: string; name?: string; summary?: string } | string; findings?: Finding[]; missing?: unknown[]; error?: string } | null;
}

/** KPIS are the charted KPIs: key, label, unit (for formatting), whether lower is better. */
const KPIS: [keyof Rep, string, string, boolean][] = [
  ['p50', 'p50 latency', 'microseconds', true], ['p90', 'p90 latency', 'microseconds', true], ['p99', 'p99 latency', 'microseconds', true],
  ['throughput', 'throughput (req/s)', '', false], ['errorRate', 'errors (share)', '', true], ['cpuCores', 'CPU (cores)', '', true],
  ['heapInuse', 'heap in use', 'bytes', true], ['gcPauseP99', 'GC pause p99', 'microseconds', true], ['goroutines', 'goroutines', '', true],
];

const COLORS = ['#7a7a7a', '#0b63c5'];

function fmt(v: number, unit: string): string {
  if (unit === '') return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
  return formatValue(v, unit);
}

/** Chart draws one KPI's repetitions per run as dots with the median as a line. */
function Chart({ runs, k, unit }: { runs: Run[]; k: keyof Rep; unit: string }) {
  const series = runs.map((r) => r.repetitions.map((p) => p[k]).filter((v): v is number => typeof v === 'number'));
  const all = series.flat();
  if (all.length === 0) return <span class="muted">not captured</span>;
  const max = Math.max(...all) || 1;
  const W = 220, H = 64, pad = 4, top = 16;
  const y = (v: number) => H - pad - ((H - pad - top) * v) / max;
  const band = (W - 2 * pad) / runs.length;
  return (
    <svg class="kpi-chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={String(k)}>
      <line x1={pad} x2={W - pad} y1={H - pad} y2={H - pad} stroke="#ccc" />
      {series.map((vs, i) => {
        const sorted = vs.slice().sort((a, b) => a - b);
        const med = sorted.length ? (sorted.length % 2 ? sorted[sorted.length >> 1] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2) : 0;
        const x0 = pad + i * band;
        return (
          <g>
            {vs.map((v, j) => <circle cx={x0 + ((j + 1) * band) / (vs.length + 1)} cy={y(v)} r={3} fill={COLORS[i]} />)}
            {vs.length > 0 && <line x1={x0 + 4} x2={x0 + band - 4} y1={y(med)} y2={y(med)} stroke={COLORS[i]} stroke-width={2} />}
            {vs.length > 0 && <text x={x0 + band / 2} y={10} text-anchor="middle" font-size="10" fill={COLORS[i]}>{fmt(med, unit)}</text>}
          </g>
        );
      })}
    </svg>
  );
}

function profileLinks(run: Run, other: Run | undefined) {
  const last = Math.max(...run.captures.map((c) => c.repetition), 0);
  const caps = run.captures.filter((c) => c.repetition === last && /\.pb\.gz$/.test(c.file));
  return (
    <table class="top">
      <thead><tr><th>profile (repetition {last})</th><th>views</th>{other && <th>against {other.label}</th>}</tr></thead>
      <tbody>{caps.map((c) => {
        const src = `${run.label}/${c.file}`;
        const twin = other?.captures.find((o) => o.name === c.name && o.repetition === Math.max(...other.captures.map((x) => x.repetition)));
        const go = (path: string, extra: Record<string, string | null> = {}) => (e: MouseEvent) => { e.preventDefault(); navigate(path, { src, ...extra }, false, false); };
        return (
          <tr>
            <td class="name">{c.name}</td>
            <td class="name">
              <a href={hrefFor('/ui/flamegraph', { src, base: null }, false)} onClick={go('/ui/flamegraph')}>flame graph</a>{' · '}
              <a href={hrefFor('/ui/top', { src, base: null }, false)} onClick={go('/ui/top')}>top</a>{' · '}
              <a href={hrefFor('/ui/graph', { src, base: null }, false)} onClick={go('/ui/graph')}>graph</a>
              {c.name.startsWith('goroutine') && <>{' · '}<a href={hrefFor('/ui/goroutines', { src }, false)} onClick={go('/ui/goroutines')}>goroutines</a></>}
            </td>
            {other && <td class="name">{twin
              ? <a href={hrefFor('/ui/flamegraph', { src, base: `${other.label}/${twin.file}` }, false)}
                onClick={(e) => { e.preventDefault(); navigate('/ui/flamegraph', { src, base: `${other.label}/${twin.file}` }, false, false); }}>diff flame graph</a>
              : <span class="muted">not in {other.label}</span>}</td>}
          </tr>
        );
      })}</tbody>
    </table>
  );
}

/** findingHref opens a finding's view on the diagnosed run's capture (src), with its base for a diff. */
function findingHref(f: Finding, label: string): string | null {
  const v = f.view;
  if (!v) return null;
  const u = new URL(v.path, location.origin);
  u.searchParams.set('src', `${label}/${v.profile}`);
  if (v.base) u.searchParams.set('base', `${label}/${v.base}`);
  return u.pathname + u.search;
}

const unitOf = (u: string) => (u === 'us' ? 'microseconds' : u === 'bytes' ? 'bytes' : '');
const pct = (x: number) => `${x > 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

/** VerificationBox is gotune verify's comparison of the two runs: the verdict, each KPI, where the profiles moved. */
function VerificationBox({ v }: { v: Verification }) {
  if (v.error) return <p class="error">verify: {v.error}</p>;
  return (
    <section class="verification">
      <h3>Verify: <span class={`verdict ${v.verdict}`}>{v.verdict}</span></h3>
      <table class="top"><thead><tr><th>KPI</th><th>baseline</th><th>candidate</th><th>delta</th><th>p</th><th>verdict</th></tr></thead>
        <tbody>{v.kpis.map((k) => (
          <tr><td class="name">{k.name}</td>
            <td>{k.baseline ? fmt(k.baseline.median, unitOf(k.unit)) : '—'}</td><td>{k.candidate ? fmt(k.candidate.median, unitOf(k.unit)) : '—'}</td>
            <td>{k.delta === null ? '' : pct(k.delta)}</td><td>{k.p === null ? '' : k.p.toFixed(3)}</td>
            <td class={k.verdict === 'improved' ? 'shrank' : k.verdict === 'regressed' ? 'grew' : ''}>{k.verdict}</td></tr>
        ))}</tbody></table>
      {v.profiles.map((p) => p.top.length > 0 && (
        <p class="shift"><b>{p.type}</b>: {p.top.slice(0, 3).map((t) => `${t.function} ${(t.beforeShare * 100).toFixed(1)}% → ${(t.afterShare * 100).toFixed(1)}%`).join('; ')}</p>
      ))}
      {v.warnings.length > 0 && <ul class="warnings">{v.warnings.map((w) => <li>{w}</li>)}</ul>}
    </section>
  );
}

/** DashboardView is /ui/dashboard. */
export function DashboardView() {
  const data = useData('dashboard', () => getJson<Dashboard>('/ui/data/run', new URLSearchParams()));
  if (data.state === 'loading') return <p class="loading">Reading the runs and diagnosing…</p>;
  if (data.state === 'error') return <p class="error">{data.message}</p>;
  const { runs, diagnosis, diagnosed, verification } = data.value;
  const findings = diagnosis?.findings ?? [];
  const scenario = diagnosis?.scenario;
  return (
    <div class="dashboard">
      <h2>{runs.length === 2 ? `${runs[0].label} → ${runs[1].label}` : 'Run'}</h2>
      <table class="top runs"><thead><tr><th>run</th><th>target</th><th>load</th><th>repetitions</th><th>started</th></tr></thead>
        <tbody>{runs.map((r, i) => (
          <tr><td class="name" style={{ color: COLORS[i] }}>{r.label}{r.complete ? '' : ' (incomplete)'}</td><td class="name">{r.target}</td>
            <td>{r.mode}, {r.concurrency} conns, {r.durationSeconds}s</td><td>{r.repetitions.length}</td><td>{r.startedAt}</td></tr>
        ))}</tbody></table>
      <h3>KPIs per repetition{runs.length === 2 ? ' (grey: baseline, blue: candidate)' : ''}</h3>
      <div class="kpis">
        {KPIS.map(([k, label, unit]) => <div class="kpi"><div class="kpi-name">{label}</div><Chart runs={runs} k={k} unit={unit} /></div>)}
      </div>
      {verification && <VerificationBox v={verification} />}
      <h3>Profiles</h3>
      {runs.map((r, i) => <section class="profiles"><h4>{r.label}</h4>{profileLinks(r, runs[1 - i])}</section>)}
      <h3>Diagnosis of {diagnosed}</h3>
      {diagnosis?.error && <p class="error">{diagnosis.error}</p>}
      {scenario && <p class="scenario">Scenario: <b>{typeof scenario === 'string' ? scenario : scenario.kind ?? scenario.name ?? ''}</b>{typeof scenario === 'object' && scenario.summary ? ` — ${scenario.summary}` : ''}</p>}
      {findings.length === 0 && !diagnosis?.error && <p>No findings.</p>}
      <ul class="findings">{findings.map((f) => {
        const href = findingHref(f, diagnosed);
        return (
          <li class={`finding ${f.severity}`}>
            <b>{f.severity}</b> {f.kind}{f.pattern ? ` (${f.pattern})` : ''}: {f.title}
            {f.where && <div class="fn">{f.where.function}{f.where.file ? ` ${f.where.file}${f.where.line ? `:${f.where.line}` : ''}` : ''}</div>}
            <div class="suggestion">{f.suggestion}</div>
            {href && <a href={href} onClick={(e) => { e.preventDefault(); navigate(href.split('?')[0], Object.fromEntries(new URL(href, location.origin).searchParams), false, false); }}>show it</a>}
          </li>
        );
      })}</ul>
    </div>
  );
}
