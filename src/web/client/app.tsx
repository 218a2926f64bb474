// The UI's shell: the header (views, sample type, the refine box and the
// active filters, the side panels), and the view the path names. The
// profile's details load first; every view reads the URL for the rest.

import { useState } from 'preact/hooks';
import { getJson } from './api.js';
import { DashboardView } from './dashboard-view.js';
import { DetailsPanel } from './details-panel.js';
import { FlameView } from './flame-view.js';
import { GraphView } from './graph-view.js';
import { GoroutinesView } from './goroutines-view.js';
import { InfoContext, selectedType, type Info } from './info.js';
import { LabelsPanel } from './labels-panel.js';
import { REFINES, RefineMenuHost } from './refine-menu.js';
import { SourceView } from './source-view.js';
import { TextView } from './text-view.js';
import { TopView } from './top-view.js';
import { hrefFor, navigate, useLocation, type Place } from './url-state.js';
import { useData } from './use-data.js';

/** VIEWS are the header's tabs: path, label. */
const VIEWS: [string, string][] = [
  ['/ui/flamegraph', 'Flame graph'], ['/ui/top', 'Top'], ['/ui/graph', 'Graph'], ['/ui/source', 'Source'],
  ['/ui/peek', 'Peek'], ['/ui/tags', 'Tags'], ['/ui/disasm', 'Disassembly'],
];

/** The filters the header shows as removable chips: query key, name. */
const FILTERS: [string, string][] = [...REFINES.map(([l, k]): [string, string] => [k, l.toLowerCase()]), ['tf', 'tagfocus'], ['ti', 'tagignore'], ['tagroot', 'tagroot'], ['tagleaf', 'tagleaf']];

/** App is the whole page. */
export function App() {
  const place = useLocation();
  if (place.path === '/ui/dashboard') {
    return (
      <>
        <header class="header"><span class="brand">gotune</span><nav class="views"><a class="current" href="/ui/dashboard">Dashboard</a></nav></header>
        <div class="body"><main id="view"><DashboardView /></main></div>
      </>
    );
  }
  return <ProfileApp place={place} />;
}

/** ProfileApp is every view of one profile (or, with a base, a comparison). */
function ProfileApp({ place }: { place: Place }) {
  // The details follow the profile (src, base, in gotune web) and the sample type.
  const iq = new URLSearchParams();
  for (const k of ['si', 'src', 'base']) if (place.query.get(k)) iq.set(k, place.query.get(k)!);
  const info = useData(`info?${iq}`, () => getJson<Info>('/ui/data/info', iq));
  if (info.state === 'loading') return <p class="loading">Loading the profile…</p>;
  if (info.state === 'error') return <p class="error">{info.message}</p>;
  return (
    <InfoContext.Provider value={info.value}>
      <Header place={place} info={info.value} />
      <div class="body">
        <main id="view">{viewOf(place, info.value)}</main>
        {place.query.get('panel') === 'labels' && <LabelsPanel place={place} />}
        {place.query.get('panel') === 'details' && <DetailsPanel />}
      </div>
      <RefineMenuHost />
    </InfoContext.Provider>
  );
}

function viewOf(place: Place, info: Info) {
  switch (place.path) {
    case '/ui/top': return <TopView place={place} />;
    case '/ui/graph': return <GraphView place={place} />;
    case '/ui/source': return <SourceView place={place} />;
    case '/ui/peek': return <TextView place={place} view="peek" needsFunction />;
    case '/ui/tags': return <TextView place={place} view="tags" needsFunction={false} />;
    case '/ui/disasm': return <TextView place={place} view="disasm" needsFunction />;
    case '/ui/goroutines': return <GoroutinesView place={place} />;
    default: return <FlameView place={place} />;
  }
}

function Header({ place, info }: { place: Place; info: Info }) {
  const q = place.query;
  const current = place.path === '/ui/' ? '/ui/flamegraph' : place.path;
  const views: [string, string][] = [...(info.dashboard ? [['/ui/dashboard', 'Dashboard'] as [string, string]] : []), ...VIEWS,
    ...(info.goroutines ? [['/ui/goroutines', 'Goroutines'] as [string, string]] : [])];
  const [text, setText] = useState('');
  const [action, setAction] = useState('f');
  const st = selectedType(info, q.get('si'));
  return (
    <header class="header">
      <span class="brand">gotune</span>
      <nav class="views" aria-label="views">
        {views.map(([path, label]) => (
          <a href={hrefFor(path)} class={current === path ? 'current' : ''} aria-current={current === path ? 'page' : undefined}
            onClick={(e) => { e.preventDefault(); navigate(path, {}, false, path !== '/ui/dashboard'); }}>{label}</a>
        ))}
      </nav>
      {info.sampleTypes.length > 1 && (
        <label class="sample">Sample <select id="sample-type" aria-label="sample type" value={String(st.index)} onChange={(e) => navigate(null, { si: info.sampleTypes[Number((e.target as HTMLSelectElement).value)].type })}>
          {info.sampleTypes.map((t, i) => <option value={String(i)}>{t.type} ({t.unit})</option>)}
        </select></label>
      )}
      <form class="refine" onSubmit={(e) => { e.preventDefault(); if (text !== '') { navigate(null, { [action]: text, zoom: null, sel: null }); setText(''); } }}>
        <select aria-label="refine action" value={action} onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
          {REFINES.map(([label, key]) => <option value={key}>{label}</option>)}
          <option value="tf">Tag focus</option><option value="ti">Tag ignore</option>
        </select>
        <input id="refine" type="text" placeholder="regexp" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <button type="submit">Apply</button>
      </form>
      <span class="filters">
        {FILTERS.filter(([k]) => q.get(k)).map(([k, name]) => (
          <span class="chip">{name}={q.get(k)} <button type="button" aria-label={`remove ${name}`} onClick={() => navigate(null, { [k]: null })}>×</button></span>
        ))}
      </span>
      <span class="panels">
        <button type="button" aria-pressed={q.get('panel') === 'labels'} onClick={() => navigate(null, { panel: q.get('panel') === 'labels' ? null : 'labels' })}>Labels</button>
        <button type="button" aria-pressed={q.get('panel') === 'details'} onClick={() => navigate(null, { panel: q.get('panel') === 'details' ? null : 'details' })}>Details{info.warnings.length > 0 ? ` (${info.warnings.length})` : ''}</button>
        <a href={hrefFor('/ui/download')} download="profile.pb.gz">Download</a>
      </span>
    </header>
  );
}
