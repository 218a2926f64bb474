// The peek, tags and disassembly views: the CLI's -peek, -tags and
// -disasm reports as the server renders them, shown as preformatted text
// (never as markup), with a box for the function regexp where one is needed.

import { useEffect, useState } from 'preact/hooks';
import { getJson } from './api.js';
import { navigate, reportQuery, type Place } from './url-state.js';
import { useData } from './use-data.js';
import { Warnings } from './warnings.js';

/** TextView shows one text report; view is the server's name for it. */
export function TextView({ place, view, needsFunction }: { place: Place; view: 'peek' | 'tags' | 'disasm'; needsFunction: boolean }) {
  const rq = reportQuery(place.query);
  rq.set('view', view);
  const data = useData(rq.toString(), () => getJson<{ text: string; warnings: string[] }>('/ui/data/text', rq));
  return (
    <div class="text-view">
      {needsFunction && <FunctionBox place={place} />}
      {data.state === 'loading' && <p class="loading">Loading…</p>}
      {data.state === 'error' && <p class="error">{data.message}</p>}
      {data.state === 'ok' && <><Warnings lines={data.value.warnings} /><pre class="report" id="report">{data.value.text}</pre></>}
    </div>
  );
}

/** FunctionBox edits f, the regexp of the functions a view shows. */
export function FunctionBox({ place }: { place: Place }) {
  const [text, setText] = useState(place.query.get('f') ?? '');
  useEffect(() => setText(place.query.get('f') ?? ''), [place.query.get('f')]);
  return (
    <form class="function-box" onSubmit={(e) => { e.preventDefault(); navigate(null, { f: text }); }}>
      <label>Functions matching <input type="text" name="f" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder="regexp, e.g. main\." /></label>
      <button type="submit">Show</button>
    </form>
  );
}
