// The -traces report: every sample with its labels, value and whole stack.

import { createNodes } from '../graph/graph.js';
import { printableName } from '../graph/node-info.js';
import { label } from '../units/measurement.js';
import { padLeft } from '../units/go-format.js';
import { profileLabels, type Report } from './report.js';

const SEPARATOR = '-----------+-------------------------------------------------------';

// Output is handed over in pieces of about this many characters.
const CHUNK = 1 << 16;

/**
 * traceChunks yields the traces report in pieces: it is as long as the
 * profile has samples (gigabytes for large profiles), so it is never built
 * as one string.
 */
export function* traceChunks(rpt: Report): Generator<string> {
  let out: string[] = [profileLabels(rpt).join('\n') + '\n'];
  let size = 0;
  const p = rpt.prof;
  const o = rpt.options;
  const { frames } = createNodes(p, {});
  // Render each location's lines once: many samples share them. A
  // sample's first line carries its value, so the first frame of each
  // location is also kept apart.
  const blank = padLeft('', 10);
  const firstName: (string | undefined)[] = new Array(p.locations.length);
  const restText: string[] = new Array(p.locations.length);
  const allText: string[] = new Array(p.locations.length);
  const prepare = (li: number): void => {
    const nodes = frames[li];
    const names = nodes.map((n, i) => printableName(n!.info) + (i !== nodes.length - 1 ? ' (inline)' : ''));
    const lines = names.map((f) => `${blank}   ${f}\n`);
    firstName[li] = names[0];
    restText[li] = lines.slice(1).join('');
    allText[li] = lines.join('');
  };
  // Label lines depend only on the label set.
  const labelText: (string | undefined)[] = new Array(p.samples.labelSets.length);
  const labelsOf = (k: number): string => {
    let t = labelText[k];
    if (t === undefined) {
      const ls = p.samples.labelSets[k];
      const strs = [...ls.str].map(([key, vs]) => `${padLeft(key, 10)}:  ${vs.join(' ')}\n`).sort();
      const nums = [...ls.num].map(([key, vs]) => {
        const unit = o.numLabelUnits.get(key) ?? '';
        return `${padLeft(key, 10)}:  ${vs.map((v) => label(v, unit)).join(' ')}\n`;
      }).sort();
      t = strs.join('') + nums.join('');
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
    if (size > CHUNK) {
      yield out.join('');
      out = [];
      size = 0;
    }
    out.push(SEPARATOR + '\n', labelsOf(s.labels[i]));
    let v = s.values[i * nv + o.sampleIndex];
    const d = o.meanIndex >= 0 ? s.values[i * nv + o.meanIndex] : 0;
    if (d !== 0) v = Math.trunc(v / d);
    for (let k = from; k < to; k++) {
      const li = s.locs[k];
      if (firstName[li] === undefined) prepare(li);
      const text = k === from ? `${padLeft(rpt.formatValue(v), 10)}   ${firstName[li]}\n${restText[li]}` : allText[li];
      out.push(text);
      size += text.length;
    }
  }
  out.push(SEPARATOR + '\n');
  yield out.join('');
}
