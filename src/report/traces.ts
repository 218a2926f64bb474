// The -traces report: every sample with its labels, value and whole stack.

import { createNodes } from '../graph/graph.js';
import { printableName } from '../graph/node-info.js';
import { label } from '../units/measurement.js';
import { padLeft } from '../units/go-format.js';
import { ByteChunks, utf8 } from './byte-chunks.js';
import { profileLabels, type Report } from './report.js';

const SEPARATOR = '-----------+-------------------------------------------------------';

/**
 * traceChunks yields the traces report in pieces of UTF-8: it is as long
 * as the profile has samples (3 GB for a 100 MB profile), so it is never
 * built as one string; each location's and label set's lines are encoded
 * once and copied per sample.
 */
export function* traceChunks(rpt: Report): Generator<Uint8Array> {
  const out = new ByteChunks();
  out.text(profileLabels(rpt).join('\n') + '\n');
  const p = rpt.prof;
  const o = rpt.options;
  const { frames } = createNodes(p, {});
  // Render each location's lines once: many samples share them. A
  // sample's first line carries its value, so the first frame of each
  // location is also kept apart.
  const blank = padLeft('', 10);
  const firstName: (string | undefined)[] = new Array(p.locations.length);
  const restText: Uint8Array[] = new Array(p.locations.length);
  const allText: Uint8Array[] = new Array(p.locations.length);
  const prepare = (li: number): void => {
    const nodes = frames[li];
    const names = nodes.map((n, i) => printableName(n!.info) + (i !== nodes.length - 1 ? ' (inline)' : ''));
    const lines = names.map((f) => `${blank}   ${f}\n`);
    firstName[li] = names[0];
    restText[li] = utf8(lines.slice(1).join(''));
    allText[li] = utf8(lines.join(''));
  };
  // Label lines depend only on the label set.
  const labelText: (Uint8Array | undefined)[] = new Array(p.samples.labelSets.length);
  const labelsOf = (k: number): Uint8Array => {
    let t = labelText[k];
    if (t === undefined) {
      const ls = p.samples.labelSets[k];
      const strs = [...ls.str].map(([key, vs]) => `${padLeft(key, 10)}:  ${vs.join(' ')}\n`).sort();
      const nums = [...ls.num].map(([key, vs]) => {
        const unit = o.numLabelUnits.get(key) ?? '';
        return `${padLeft(key, 10)}:  ${vs.map((v) => label(v, unit)).join(' ')}\n`;
      }).sort();
      t = utf8(SEPARATOR + '\n' + strs.join('') + nums.join(''));
      labelText[k] = t;
    }
    return t;
  };
  const s = p.samples;
  const nv = s.nValues;
  for (let i = 0; i < s.count; i++) {
    const from = s.stackStart[i];
    const to = s.stackStart[i + 1];
    if (to === from) continue;
    if (out.full) yield* out.take();
    out.put(labelsOf(s.labels[i]));
    let v = s.values[i * nv + o.sampleIndex];
    const d = o.meanIndex >= 0 ? s.values[i * nv + o.meanIndex] : 0;
    if (d !== 0) v = Math.trunc(v / d);
    const li = s.locs[from];
    if (firstName[li] === undefined) prepare(li);
    out.text(`${padLeft(rpt.formatValue(v), 10)}   ${firstName[li]}\n`);
    out.put(restText[li]);
    for (let k = from + 1; k < to; k++) {
      const lk = s.locs[k];
      if (firstName[lk] === undefined) prepare(lk);
      out.put(allText[lk]);
    }
  }
  out.text(SEPARATOR + '\n');
  yield* out.take(true);
}
