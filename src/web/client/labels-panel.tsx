// The labels panel (pprof has none): every label key, its values and their
// share of the total under the current filters; one click focuses on a
// value or ignores it (tagfocus, tagignore), or groups the graph by a key
// (tagroot, tagleaf).

import { getJson } from './api.js';
import { formatShare } from './info.js';
import { navigate, quoteRegexp, reportQuery, type Place } from './url-state.js';
import { useData } from './use-data.js';

interface Labels {
  total: number;
  totalText: string;
  keys: { key: string; total: number; totalText: string; values: { name: string; flat: number; flatText: string; numeric: boolean }[] }[];
}

/** tagFilter is the tagfocus/tagignore expression of one value: key=value, the value quoted as a regexp, or a range for a number. */
export function tagFilter(key: string, value: string, numeric: boolean): string {
  if (numeric) return `${key}=${value}:${value}`;
  return `${key}=${quoteRegexp(value)}`;
}

/** LabelsPanel is the side panel. */
export function LabelsPanel({ place }: { place: Place }) {
  const rq = reportQuery(place.query);
  const data = useData(rq.toString(), () => getJson<{ labels: Labels; warnings: string[] }>('/ui/data/labels', rq));
  const q = place.query;
  return (
    <aside class="panel labels-panel" aria-label="labels">
      <h2>Labels <button type="button" class="close" aria-label="close" onClick={() => navigate(null, { panel: null })}>×</button></h2>
      {data.state === 'loading' && <p class="loading">Loading…</p>}
      {data.state === 'error' && <p class="error">{data.message}</p>}
      {data.state === 'ok' && data.value.labels.keys.length === 0 && <p>No sample carries a label. Go adds them with pprof.Do or pprof.SetGoroutineLabels.</p>}
      {data.state === 'ok' && data.value.labels.keys.map((k) => (
        <section class="label-key">
          <h3>{k.key} <span class="share">{k.totalText} ({formatShare(k.total, data.value.labels.total)})</span></h3>
          <p class="group">Group by: <button type="button" onClick={() => navigate(null, { tagroot: k.key, tagleaf: null })} aria-pressed={q.get('tagroot') === k.key}>root</button>
            <button type="button" onClick={() => navigate(null, { tagleaf: k.key, tagroot: null })} aria-pressed={q.get('tagleaf') === k.key}>leaf</button></p>
          <table class="label-values"><tbody>
            {k.values.map((v) => (
              <tr>
                <td class="bar"><span style={{ width: `${data.value.labels.total ? Math.min(100, (Math.abs(v.flat) / Math.abs(data.value.labels.total)) * 100) : 0}%` }} /></td>
                <td class="num">{v.flatText}</td><td class="num">{formatShare(v.flat, data.value.labels.total)}</td>
                <td class="value">{v.name}</td>
                <td><button type="button" title="only samples with this value" onClick={() => navigate(null, { tf: tagFilter(k.key, v.name, v.numeric) })}>focus</button>
                  <button type="button" title="drop samples with this value" onClick={() => navigate(null, { ti: tagFilter(k.key, v.name, v.numeric) })}>ignore</button></td>
              </tr>
            ))}
          </tbody></table>
        </section>
      ))}
    </aside>
  );
}
