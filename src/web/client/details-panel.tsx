// The details panel: what the profile is (file, type, sample types,
// period, duration, time, frames dropped and kept, comments, doc URL) and
// what its reader should know (an empty sample type, a block or mutex
// profile whose rate was never set, a heap profile is not the RSS).

import { useContext } from 'preact/hooks';
import { InfoContext } from './info.js';
import { navigate } from './url-state.js';
import { Warnings } from './warnings.js';

/** DetailsPanel is the side panel. */
export function DetailsPanel() {
  const info = useContext(InfoContext)!;
  const rows: [string, string][] = [
    ['File', info.sources.join(', ')],
    ['Sample types', info.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ')],
    ['Default sample type', info.defaultSampleType],
    ['Period', info.periodType ? `${info.period} ${info.periodType}` : ''],
    ['Duration', info.durationNanos ? `${(info.durationNanos / 1e9).toFixed(3)} s` : ''],
    ['Time', info.time],
    ['Samples', String(info.samples)],
    ['Drop frames', info.dropFrames],
    ['Keep frames', info.keepFrames],
    ['Comments', info.comments.join('\n')],
  ];
  // Only an http(s) documentation link becomes a link; anything else stays text.
  const doc = /^https?:\/\//.test(info.docUrl) ? info.docUrl : '';
  return (
    <aside class="panel details-panel" aria-label="details">
      <h2>Details <button type="button" class="close" aria-label="close" onClick={() => navigate(null, { panel: null })}>×</button></h2>
      <Warnings lines={info.warnings} />
      <dl>
        {rows.filter(([, v]) => v !== '').map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
        {info.docUrl && <><dt>Documentation</dt><dd>{doc ? <a href={doc} rel="noreferrer noopener" target="_blank">{doc}</a> : info.docUrl}</dd></>}
      </dl>
    </aside>
  );
}
