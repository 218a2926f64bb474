// The top view: -top's rows as a table sortable by flat, cum or name and
// virtualised (only the rows in sight exist in the page), so 100k rows
// scroll smoothly; in a comparison each row shows base, new and delta, and
// the table sorts by the size of the change.

import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getJson } from './api.js';
import { formatShare, formatValue, InfoContext, selectedType } from './info.js';
import { openRefineMenu } from './refine-menu.js';
import { hrefFor, navigate, quoteRegexp, reportQuery, type Place } from './url-state.js';
import { useData } from './use-data.js';
import { Warnings } from './warnings.js';

interface TopRow { name: string; inline: string; flat: number; cum: number; flatText: string; cumText: string }
interface TopData {
  warnings: string[];
  table: { labels: string[]; total: number; rows: TopRow[] };
  /** In a comparison: name → [base flat, base cum, new flat, new cum]. */
  sides?: Record<string, [number, number, number, number]>;
}

const ROW_H = 22;

type Order = 'flat' | 'cum' | 'name' | 'delta';

function sortRows(rows: TopRow[], order: Order): TopRow[] {
  const r = rows.slice();
  switch (order) {
    case 'cum': return r.sort((a, b) => Math.abs(b.cum) - Math.abs(a.cum) || (a.name < b.name ? -1 : 1));
    case 'name': return r.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    case 'delta': return r.sort((a, b) => Math.abs(b.flat) - Math.abs(a.flat) || Math.abs(b.cum) - Math.abs(a.cum) || (a.name < b.name ? -1 : 1));
    default: return r; // -top's own order, by flat
  }
}

/** TopView is /ui/top. */
export function TopView({ place }: { place: Place }) {
  return <TopTable place={place} />;
}

/** DiffTable is the delta table under a differential flame graph: the biggest changes first. */
export function DiffTable({ place, limit }: { place: Place; limit: number }) {
  return <TopTable place={place} limit={limit} />;
}

function TopTable({ place, limit }: { place: Place; limit?: number }) {
  const info = useContext(InfoContext)!;
  const rq = reportQuery(place.query);
  const data = useData(rq.toString(), () => getJson<TopData>('/ui/data/top', rq));
  const diff = info.diff;
  const order = (place.query.get('order') ?? (diff ? 'delta' : 'flat')) as Order;
  const unit = selectedType(info, place.query.get('si')).unit;
  const rows = useMemo(() => (data.state === 'ok' ? sortRows(data.value.table.rows, order) : []), [data, order]);
  if (data.state === 'loading') return <p class="loading">Loading…</p>;
  if (data.state === 'error') return <p class="error">{data.message}</p>;
  const { table, sides, warnings } = data.value;
  const shown = limit === undefined ? rows : rows.slice(0, limit);
  const sums = order === 'flat' && !diff ? runningSums(shown) : null;
  const head = (label: string, key: Order) => (
    <th scope="col" class={order === key ? 'sorted' : ''}>
      <a href={hrefFor(null, { order: key })} onClick={(e) => { e.preventDefault(); navigate(null, { order: key }); }}>{label}</a>
    </th>
  );
  return (
    <div class="top-view">
      <Warnings lines={warnings} />
      {limit === undefined && <ul class="labels">{table.labels.map((l) => <li>{l}</li>)}</ul>}
      {limit !== undefined && <h3>Biggest changes</h3>}
      <VirtualRows count={shown.length} height={limit === undefined ? Math.max(300, innerHeight - 220) : (Math.min(shown.length, limit) + 1) * ROW_H + 4}
        head={<tr>
          {diff ? <>
            <th scope="col">base flat</th><th scope="col">new flat</th>{head('delta flat', 'delta')}
            <th scope="col">base cum</th><th scope="col">new cum</th><th scope="col">delta cum</th><th scope="col">change</th>
          </> : <>{head('flat', 'flat')}<th scope="col">flat%</th><th scope="col">sum%</th>{head('cum', 'cum')}<th scope="col">cum%</th></>}
          {head('name', 'name')}
        </tr>}
        row={(i) => <Row r={shown[i]} total={table.total} sum={sums ? sums[i] : null} diff={diff ? sides?.[shown[i].name] ?? [0, 0, 0, 0] : null} unit={unit} />} />
    </div>
  );
}

/** runningSums is sum% of -top: the flat values up to each row. */
function runningSums(rows: TopRow[]): Float64Array {
  const s = new Float64Array(rows.length);
  let acc = 0;
  for (let i = 0; i < rows.length; i++) s[i] = acc += rows[i].flat;
  return s;
}

function Row({ r, total, sum, diff, unit }: { r: TopRow; total: number; sum: number | null; diff: [number, number, number, number] | null; unit: string }) {
  const menu = (e: MouseEvent) => { e.preventDefault(); openRefineMenu(e.clientX, e.clientY, r.name, { sandwich: true }); };
  const name = (
    <td class="name" onContextMenu={menu}>
      <a href={hrefFor('/ui/source', { f: quoteRegexp(r.name) })} onClick={(e) => { e.preventDefault(); navigate('/ui/source', { f: quoteRegexp(r.name) }); }}>{r.name}</a>
      {r.inline && <span class="inline"> {r.inline}</span>}
    </td>
  );
  if (diff) {
    const [bf, bc, nf, nc] = diff;
    const cls = (v: number) => (v > 0 ? 'grew' : v < 0 ? 'shrank' : '');
    const change = bc === 0 ? (nc === 0 ? '0%' : 'new') : `${nc - bc > 0 ? '+' : ''}${(((nc - bc) / bc) * 100).toFixed(1)}%`;
    return (
      <tr>
        <td>{formatValue(bf, unit)}</td><td>{formatValue(nf, unit)}</td><td class={cls(r.flat)}>{r.flatText}</td>
        <td>{formatValue(bc, unit)}</td><td>{formatValue(nc, unit)}</td><td class={cls(r.cum)}>{r.cumText}</td><td class={cls(r.cum)}>{change}</td>
        {name}
      </tr>
    );
  }
  return (
    <tr>
      <td>{r.flatText}</td><td>{formatShare(r.flat, total)}</td><td>{sum === null ? '' : formatShare(sum, total)}</td>
      <td>{r.cumText}</td><td>{formatShare(r.cum, total)}</td>
      {name}
    </tr>
  );
}

/** VirtualRows renders only the rows inside the scrolled window, with spacers for the rest. */
function VirtualRows({ count, height, head, row }: { count: number; height: number; head: preact.JSX.Element; row: (i: number) => preact.JSX.Element }) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  useEffect(() => { if (box.current) box.current.scrollTop = 0; setTop(0); }, [count]);
  const first = Math.max(0, Math.floor(top / ROW_H) - 10);
  const last = Math.min(count, Math.ceil((top + height) / ROW_H) + 10);
  const rows: preact.JSX.Element[] = [];
  for (let i = first; i < last; i++) rows.push(row(i));
  return (
    <div class="vrows" ref={box} style={{ height: `${height}px` }} onScroll={(e) => setTop((e.target as HTMLDivElement).scrollTop)}>
      <table class="top">
        <thead>{head}</thead>
        <tbody>
          <tr class="spacer" style={{ height: `${first * ROW_H}px` }} />
          {rows}
          <tr class="spacer" style={{ height: `${(count - last) * ROW_H}px` }} />
        </tbody>
      </table>
    </div>
  );
}
