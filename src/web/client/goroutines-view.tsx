// The goroutines page: the model `gotune goroutines` prints, drawn in the
// UI: goroutines per state, the groups by stack (count, states, how long
// they waited, where they wait and who started them) and, for two
// snapshots, the leak verdict per creation site and the groups that grew.

import { useState } from 'preact/hooks';
import { getJson } from './api.js';
import { navigate, quoteRegexp, reportQuery, type Place } from './url-state.js';
import { useData } from './use-data.js';
import { Warnings } from './warnings.js';

interface Group {
  count: number; states: Record<string, number>; waitMinutes: { min: number; median: number; max: number } | null;
  top: string | null; topAt: string | null; createdBy: string | null; createdAt: string | null;
  frames: { func: string; args: string; file: string; line: number }[];
  labels: Record<string, Record<string, number>>; before?: number; after?: number; growth?: number;
}
interface Site { kind: string; func: string; at: string | null; before: number; after: number; growth: number; finished: number | null; spawned: number | null; leak: boolean | null; states: Record<string, number> }
interface Source { name: string; format: string; headline: string; total: number; warnings: string[] }
interface Report {
  mode: string; source: Source; total: number; states: Record<string, number>; groups: Group[];
  diff?: { before: Source; growth: number; intervalSeconds: number | null; byId: boolean; sites: Site[] };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function Chips({ states }: { states: Record<string, number> }) {
  return <>{Object.entries(states).map(([s, n]) => <span class="chip">{s} {n}</span>)}</>;
}

/** GoroutinesView is /ui/goroutines. */
export function GoroutinesView({ place }: { place: Place }) {
  const rq = reportQuery(place.query);
  const data = useData('goroutines', () => getJson<Report>('/ui/data/goroutines', rq));
  if (data.state === 'loading') return <p class="loading">Grouping the goroutines…</p>;
  if (data.state === 'error') return <p class="error">{data.message}</p>;
  const r = data.value;
  const d = r.diff;
  const groups = d ? r.groups.filter((g) => g.growth !== 0) : r.groups;
  const leaks = d ? d.sites.filter((s) => s.leak) : [];
  return (
    <div class="goroutines-view">
      <h2>{d ? `Goroutine diff: ${d.before.name} → ${r.source.name}` : `Goroutines: ${r.source.name}`}</h2>
      <p class="muted">{d
        ? <>{d.before.total} → {r.total} goroutines (<span class={d.growth > 0 ? 'grew' : 'shrank'}>{signed(d.growth)}</span>){d.intervalSeconds !== null ? ` over ${d.intervalSeconds}s` : ''}</>
        : <>{r.total} goroutines in {r.groups.length} groups</>} · {r.source.format} · grouped {r.mode}ly</p>
      <Warnings lines={[...(d?.before.warnings ?? []), ...r.source.warnings]} />
      {Object.keys(r.states).length > 0 && <p class="states">States: <Chips states={r.states} /></p>}
      {d && leaks.length > 0 && <section class="leaks"><h3>Leak: creation sites that keep starting goroutines that never finish</h3>
        {leaks.map((s) => <p class="leak"><b>{s.func}</b> {s.at && <span class="file">{s.at}</span>}: {s.before} → {s.after} (<span class="grew">{signed(s.growth)}</span>), none of the earlier ones finished, {s.spawned} new</p>)}
      </section>}
      {d && <section><h3>Creation sites that changed</h3>
        <table class="top"><thead><tr><th>before</th><th>after</th><th>growth</th>{d.byId && <><th>finished</th><th>new</th></>}<th>site</th></tr></thead>
          <tbody>{d.sites.filter((s) => s.growth !== 0 || (s.finished ?? 0) > 0).map((s) => (
            <tr><td>{s.before}</td><td>{s.after}</td><td class={s.growth > 0 ? 'grew' : s.growth < 0 ? 'shrank' : ''}>{signed(s.growth)}</td>
              {d.byId && <><td>{s.finished}</td><td>{s.spawned}</td></>}<td class="name">{s.func} <span class="file">{s.at}</span></td></tr>
          ))}</tbody></table>
      </section>}
      <h3>{d ? `Groups that changed (${groups.length} of ${r.groups.length})` : 'Groups'}</h3>
      {groups.map((g, i) => <GroupBox g={g} open={i < 10} />)}
    </div>
  );
}

function GroupBox({ g, open }: { g: Group; open: boolean }) {
  const [shown, setShown] = useState(open);
  const w = g.waitMinutes;
  return (
    <section class="group-box">
      <h4 onClick={() => setShown(!shown)} class="clickable">
        {shown ? '▾' : '▸'} <b>{g.growth !== undefined ? `${g.before} → ${g.after} (${signed(g.growth)})` : g.count}</b> <Chips states={g.states} />
        {w && <span class="muted"> waiting {w.min === w.max ? `${w.min}` : `${w.min}–${w.max}`} min</span>}
        {' '}<span class="fn">{g.top ?? '(runtime only)'}</span>
      </h4>
      {shown && <div class="group-detail">
        {g.createdBy && <p>created by <span class="fn">{g.createdBy}</span> <span class="file">{g.createdAt}</span></p>}
        {Object.entries(g.labels).map(([k, vs]) => <p>label {k}: {Object.entries(vs).map(([v, n]) => `${v} (${n})`).join(', ')}</p>)}
        <pre class="report">{g.frames.map((f) => `${f.func}${f.args ? `(${f.args})` : ''}\n\t${f.file}${f.line ? `:${f.line}` : ''}`).join('\n')}</pre>
        {g.top && <p><a href="#" onClick={(e) => { e.preventDefault(); navigate('/ui/flamegraph', { f: quoteRegexp(g.top!) }); }}>Flame graph of these goroutines</a></p>}
      </div>}
    </section>
  );
}
