// The source view: -weblist's data as a listing per function, each line
// with its flat and cum, hot lines shaded by their share of the hottest,
// and the lines that have code expandable to their inlined calls and (with
// a binary) instructions. Every string is shown as text.

import { useState } from 'preact/hooks';
import { getJson } from './api.js';
import { FunctionBox } from './text-view.js';
import { reportQuery, type Place } from './url-state.js';
import { useData } from './use-data.js';
import { Warnings } from './warnings.js';

interface Call { fileName: string; fileBase: string; line: number; srcLine: string }
interface Inst { flat: string; cum: string; synthetic: boolean; address: string; disasm: string; fileLine: string; inlinedCalls: Call[] }
interface Line { srcLine: string; htmlClass: 'nop' | 'deadsrc' | 'livesrc'; line: number; flat: string; cum: string; instructions: Inst[] }
interface Func { name: string; file: string; flat: string; cum: string; percent: string; lines: Line[] }
interface Listing { total: string; files: Func[][] }

/**
 * heat reads a formatted value back for shading ("1.20s" → 1.2, "460ms" →
 * 0.46; "." is none): the listing carries -list's texts, and only their
 * order matters here.
 */
function heat(text: string): number {
  const m = /^(-?\d[\d.]*)([a-zµ]*)/i.exec(text.trim());
  if (!m) return 0;
  const scale: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, mins: 60, hrs: 3600, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, tb: 1e12 };
  return Math.abs(Number(m[1])) * (scale[m[2].toLowerCase()] ?? 1);
}

/** SourceView is /ui/source. */
export function SourceView({ place }: { place: Place }) {
  const rq = reportQuery(place.query);
  const data = useData(rq.toString(), () => getJson<{ listing: Listing | null; warnings: string[] }>('/ui/data/source', rq));
  return (
    <div class="source-view">
      <FunctionBox place={place} />
      {data.state === 'loading' && <p class="loading">Loading…</p>}
      {data.state === 'error' && <p class="error">{data.message}</p>}
      {data.state === 'ok' && <>
        <Warnings lines={data.value.warnings} />
        {data.value.listing && data.value.listing.files.flat().map((f) => <FuncListing f={f} />)}
        {data.value.listing && data.value.listing.files.length === 0 && <p>No function matches.</p>}
      </>}
    </div>
  );
}

function FuncListing({ f }: { f: Func }) {
  const hottest = Math.max(1e-300, ...f.lines.map((l) => heat(l.cum)));
  return (
    <section class="listing">
      <h2><span class="fn">{f.name}</span> <span class="file">{f.file}</span></h2>
      <p class="totals">flat {f.flat}, cum {f.cum} ({f.percent} of the total)</p>
      <table class="source"><thead><tr><th>line</th><th>flat</th><th>cum</th><th>source</th></tr></thead>
        <tbody>{f.lines.map((l) => <SourceLine l={l} hottest={hottest} />)}</tbody></table>
    </section>
  );
}

function SourceLine({ l, hottest }: { l: Line; hottest: number }) {
  const [open, setOpen] = useState(false);
  const h = heat(l.cum) / hottest;
  const style = h > 0 ? { background: `rgba(255, 80, 0, ${(0.08 + 0.5 * h).toFixed(3)})` } : undefined;
  const live = l.htmlClass === 'livesrc';
  return (
    <>
      <tr class={`src ${l.htmlClass}${live ? ' clickable' : ''}`} style={style} onClick={live ? () => setOpen(!open) : undefined}>
        <td class="ln">{live ? (open ? '▾ ' : '▸ ') : ''}{l.line}</td><td>{l.flat}</td><td>{l.cum}</td><td class="code">{l.srcLine}</td>
      </tr>
      {open && l.instructions.map((i) => (
        <>
          {i.inlinedCalls.map((c) => <tr class="inlined"><td /><td /><td /><td class="code">inlined: {c.srcLine.trim()} <span class="file">{c.fileBase}:{c.line}</span></td></tr>)}
          {!i.synthetic && <tr class="asm"><td /><td>{i.flat}</td><td>{i.cum}</td><td class="code">{i.address} {i.disasm} <span class="file">{i.fileLine}</span></td></tr>}
        </>
      ))}
    </>
  );
}
