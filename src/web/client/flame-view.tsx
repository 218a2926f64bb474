// The flame graph view, the UI's default: the packed layout from the
// server drawn on a canvas; click to zoom, breadcrumbs, hover details,
// regex search with next/previous, top-down or inverted, a sandwich around
// one function, and with a base a differential graph with its delta table.

import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getBinary } from './api.js';
import { ancestors, decodeFlame, type FlameData } from './flame-data.js';
import { ROW, drawFlame } from './flame-canvas.js';
import { diffColor, layoutFlame, nodeAt, normalizeScale, packageColor, searchFlame, widthsOf, type WidthBy } from './flame-layout.js';
import { formatShare, formatValue, InfoContext, selectedType } from './info.js';
import { openRefineMenu } from './refine-menu.js';
import { DiffTable } from './top-view.js';
import { lastNavigation, navigate, reportQuery, type Place } from './url-state.js';
import { useData } from './use-data.js';
import { Warnings } from './warnings.js';

/** Loaded flame data with the server's warnings. */
interface Flame { d: FlameData; warnings: string[] }

async function loadFlame(q: URLSearchParams): Promise<Flame> {
  const t0 = performance.now();
  const { buf, warnings } = await getBinary('/ui/data/flame', q);
  const d = decodeFlame(buf);
  stats.fetchMs = performance.now() - t0;
  return { d, warnings };
}

/**
 * stats exposes timings to tests and the bench (window.__gotune): the last
 * data fetch, the last draw, and the last redraw after a navigation (zoom,
 * search: from the click to the painted canvas, layout included).
 */
const stats = { fetchMs: 0, drawMs: 0, drawn: 0, paints: 0, redrawMs: 0 };
(globalThis as unknown as { __gotune: typeof stats }).__gotune = stats;

/** zoomNode finds the node a zoom path ("a;b;c", names from the root's child down) names, else the root. */
function zoomNode(d: FlameData, path: string | null): number {
  if (!path) return 0;
  let i = 0;
  for (const name of path.split(';')) {
    let c = i + 1;
    let found = -1;
    while (c < d.end[i]) {
      if (d.names[d.name[c]] === name) { found = c; break; }
      c = d.end[c];
    }
    if (found < 0) return i;
    i = found;
  }
  return i;
}

function zoomPath(d: FlameData, node: number): string | null {
  if (node <= 0) return null;
  return ancestors(d, node).slice(1).map((k) => d.names[d.name[k]]).join(';');
}

/** FlameView is /ui/flamegraph (and /ui/). */
export function FlameView({ place }: { place: Place }) {
  const q = place.query;
  const mode = q.get('mode') ?? 'top-down';
  if (mode === 'sandwich' && q.get('fn')) return <Sandwich place={place} fn={q.get('fn')!} />;
  const rq = reportQuery(q, ['mode']);
  if (mode === 'sandwich') rq.delete('mode');
  const data = useData(rq.toString(), () => loadFlame(rq));
  return (
    <div class="flame-view">
      <FlameToolbar place={place} />
      {data.state === 'loading' && <p class="loading">Loading the flame graph…</p>}
      {data.state === 'error' && <p class="error">{data.message}</p>}
      {data.state === 'ok' && <FlameGraph flame={data.value} place={place} zoomKey="zoom" />}
      {data.state === 'ok' && data.value.d.baseTotal && <DiffTable place={place} limit={20} />}
    </div>
  );
}

function Sandwich({ place, fn }: { place: Place; fn: string }) {
  const base = reportQuery(place.query);
  const callers = new URLSearchParams(base);
  callers.set('mode', 'callers');
  callers.set('fn', fn);
  const callees = new URLSearchParams(base);
  callees.set('mode', 'callees');
  callees.set('fn', fn);
  const up = useData(callers.toString(), () => loadFlame(callers));
  const down = useData(callees.toString(), () => loadFlame(callees));
  return (
    <div class="flame-view">
      <FlameToolbar place={place} />
      <p class="sandwich-title">Sandwich of <b>{fn}</b>: its callers above, its callees below. <a href="#" onClick={(e) => { e.preventDefault(); navigate(null, { mode: null, fn: null }); }}>Leave</a></p>
      {up.state === 'error' && <p class="error">{up.message}</p>}
      {up.state === 'ok' && <FlameGraph flame={up.value} place={place} zoomKey="zoomup" flip />}
      {down.state === 'error' && <p class="error">{down.message}</p>}
      {down.state === 'ok' && <FlameGraph flame={down.value} place={place} zoomKey="zoom" />}
    </div>
  );
}

/** FlameToolbar holds the mode, the search box, and the diff's settings. */
function FlameToolbar({ place }: { place: Place }) {
  const info = useContext(InfoContext)!;
  const q = place.query;
  const mode = q.get('mode') ?? 'top-down';
  const [text, setText] = useState(q.get('q') ?? '');
  useEffect(() => setText(q.get('q') ?? ''), [q.get('q')]);
  return (
    <div class="toolbar">
      <label>Shape <select aria-label="shape" value={mode === 'sandwich' ? 'top-down' : mode} onChange={(e) => navigate(null, { mode: (e.target as HTMLSelectElement).value === 'top-down' ? null : (e.target as HTMLSelectElement).value, fn: null, zoom: null, zoomup: null })}>
        <option value="top-down">Top-down (callers above callees)</option>
        <option value="inverted">Inverted (bottom-up, leaves first)</option>
      </select></label>
      <form class="search" onSubmit={(e) => { e.preventDefault(); navigate(null, { q: text, sel: null }); }}>
        <input id="search" type="search" placeholder="Search (regexp)" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <button type="submit">Search</button>
      </form>
      {info.diff && <>
        <label>Width <select aria-label="width" value={q.get('width') ?? 'both'} onChange={(e) => navigate(null, { width: (e.target as HTMLSelectElement).value === 'both' ? null : (e.target as HTMLSelectElement).value })}>
          <option value="both">base + new</option>
          <option value="new">new</option>
          <option value="base">base</option>
        </select></label>
        <label><input type="checkbox" id="normalize" checked={q.get('normalize') === '1'} onChange={(e) => navigate(null, { normalize: (e.target as HTMLInputElement).checked ? '1' : null })} /> Normalize</label>
        <span class="legend"><span class="grew">grew</span> <span class="shrank">shrank</span></span>
      </>}
    </div>
  );
}

/** Tip is the hover box's content. */
interface Tip { x: number; y: number; node: number }

/** FlameGraph draws one flame graph with its breadcrumbs, search line and hover box. */
function FlameGraph({ flame, place, zoomKey, flip = false }: { flame: Flame; place: Place; zoomKey: string; flip?: boolean }) {
  const info = useContext(InfoContext)!;
  const { d, warnings } = flame;
  const q = place.query;
  const unit = selectedType(info, q.get('si')).unit;
  const widthBy = (q.get('width') ?? 'both') as WidthBy;
  const scale = q.get('normalize') === '1' ? normalizeScale(d) : 1;
  const widths = useMemo(() => widthsOf(d, widthBy, scale), [d, widthBy, scale]);
  const zoom = useMemo(() => zoomNode(d, q.get(zoomKey)), [d, q.get(zoomKey)]);
  const layout = useMemo(() => layoutFlame(d, widths, zoom), [d, widths, zoom]);
  const search = q.get('q') ?? '';
  const found = useMemo(() => {
    if (search === '') return null;
    try {
      return searchFlame(d, widths, new RegExp(search));
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }, [d, widths, search]);
  const matched = found !== null && typeof found !== 'string' ? found : null;
  const sel = Number(q.get('sel') ?? -1);
  const colors = useMemo(() => {
    const byName = d.names.map((n) => packageColor(n));
    const bt = d.baseTotal;
    return (i: number) => (bt ? diffColor(d.total[i], bt[i] * scale) : byName[d.name[i]]);
  }, [d, scale]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const c = canvas.current!;
    const ro = new ResizeObserver(() => setWidth(c.clientWidth));
    ro.observe(c);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    const c = canvas.current!;
    const t0 = performance.now();
    stats.drawn = drawFlame(c, d, layout, { color: colors, matched: matched?.matched ?? null, selected: sel, flip });
    stats.drawMs = performance.now() - t0;
    const since = lastNavigation();
    if (since !== null) stats.redrawMs = performance.now() - since;
    stats.paints++;
    if (stats.paints === 1) performance.mark('gotune:first-paint');
    c.dataset.paints = String(stats.paints);
  }, [d, layout, colors, matched, sel, width, flip]);

  const where = (e: MouseEvent): number => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    const fx = (e.clientX - r.left) / r.width;
    let row = Math.floor((e.clientY - r.top) / ROW);
    if (flip) row = d.maxDepth - row;
    return nodeAt(d, layout, fx, row);
  };
  const total = widths[0];
  const bt = d.baseTotal;
  const crumbs = zoom > 0 ? ancestors(d, zoom) : [];
  const go = (node: number) => navigate(null, { [zoomKey]: zoomPath(d, node) });
  const matchIdx = matched && sel >= 0 ? matched.nodes.indexOf(sel) : -1;
  const step = (dir: number) => {
    if (!matched || matched.nodes.length === 0) return;
    const k = (matchIdx + dir + matched.nodes.length) % matched.nodes.length;
    const node = matched.nodes[k];
    // Zoom to the match's parent so the match and its siblings show.
    navigate(null, { sel: String(node), [zoomKey]: zoomPath(d, d.parent[node] === 0xffffffff ? 0 : d.parent[node]) });
  };
  return (
    <div class="flame">
      <Warnings lines={warnings} />
      {crumbs.length > 0 && (
        <nav class="crumbs" aria-label="breadcrumbs">
          <button type="button" onClick={() => go(0)}>Reset zoom</button>
          {crumbs.map((k) => <button type="button" class="crumb" onClick={() => go(k)}>{d.names[d.name[k]]}</button>)}
        </nav>
      )}
      {typeof found === 'string' && <p class="error">Search: {found}</p>}
      {matched && (
        <p class="matches" id="matches">
          {matched.functions} function{matched.functions === 1 ? '' : 's'}, {matched.nodes.length} frame{matched.nodes.length === 1 ? '' : 's'} match: {formatShare(matched.share * total, total)} of the total
          {' '}<button type="button" onClick={() => step(-1)} disabled={matched.nodes.length === 0}>Previous</button>
          <button type="button" onClick={() => step(1)} disabled={matched.nodes.length === 0}>Next</button>
          {matchIdx >= 0 && <span> {matchIdx + 1} of {matched.nodes.length}</span>}
        </p>
      )}
      <div class="canvas-box">
        <canvas ref={canvas} class="flame-canvas" role="img" aria-label="flame graph"
          onMouseMove={(e) => { const node = where(e); setTip(node < 0 ? null : { x: e.clientX, y: e.clientY, node }); }}
          onMouseLeave={() => setTip(null)}
          onClick={(e) => { const node = where(e); if (node >= 0) go(node); }}
          onContextMenu={(e) => {
            const node = where(e);
            if (node <= 0) return;
            e.preventDefault();
            openRefineMenu(e.clientX, e.clientY, d.names[d.name[node]], { sandwich: true });
          }} />
      </div>
      {tip && (
        <div class="tip" style={{ left: `${Math.min(tip.x + 14, innerWidth - 380)}px`, top: `${tip.y + 14}px` }} role="tooltip">
          <div class="tip-name">{d.names[d.name[tip.node]]}</div>
          {d.files[d.name[tip.node]] && <div class="tip-file">{d.files[d.name[tip.node]]}</div>}
          {!bt && <div>cum {formatValue(d.total[tip.node], unit)} ({formatShare(Math.abs(d.total[tip.node]), total)}), flat {formatValue(d.self[tip.node], unit)} ({formatShare(Math.abs(d.self[tip.node]), total)})</div>}
          {bt && <>
            <div>new {formatValue(d.total[tip.node], unit)}, base {formatValue(bt[tip.node] * scale, unit)}{scale !== 1 ? ' (normalized)' : ''}</div>
            <div>delta {delta(d.total[tip.node] - bt[tip.node] * scale, unit)} ({deltaShare(d.total[tip.node], bt[tip.node] * scale)}); flat new {formatValue(d.self[tip.node], unit)}, base {formatValue(d.baseSelf![tip.node] * scale, unit)}</div>
          </>}
        </div>
      )}
    </div>
  );
}

function delta(v: number, unit: string): string {
  return (v > 0 ? '+' : '') + formatValue(v, unit);
}

function deltaShare(value: number, base: number): string {
  if (base === 0) return value === 0 ? '0%' : 'new';
  const r = ((value - base) / base) * 100;
  return `${r > 0 ? '+' : ''}${r.toFixed(1)}%`;
}
