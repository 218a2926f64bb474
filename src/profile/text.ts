// The debugging dump of a profile, as pprof's Profile.String() writes it;
// `pprof -raw` prints exactly this.

import { formatGoDuration, formatGoTimeString, localZone, type ZoneInfo } from './gotime.js';
import type { LabelSet, Location, Mapping, Profile } from './types.js';

/** hex formats like Go's %#x ("0x0" for zero). */
function hex(v: bigint | number): string {
  return '0x' + v.toString(16);
}

/** profileToText renders p as Profile.String() does. */
export function profileToText(p: Profile, zone: ZoneInfo = localZone): string {
  return [...profileTextChunks(p, zone)].join('');
}

/** profileTextChunks yields profileToText's text in pieces, for large profiles. */
export function* profileTextChunks(p: Profile, zone: ZoneInfo = localZone): Generator<string> {
  let ss: string[] = [];
  for (const c of p.comments) ss.push('Comment: ' + c);
  if (p.docUrl !== '') ss.push('Doc: ' + p.docUrl);
  if (p.periodType) ss.push(`PeriodType: ${p.periodType.type} ${p.periodType.unit}`);
  ss.push(`Period: ${p.period}`);
  if (p.timeNanos !== 0n) ss.push('Time: ' + formatGoTimeString(p.timeNanos, zone));
  // pprof prints the duration with %.4v: Duration.String() cut to 4 characters.
  if (p.durationNanos !== 0) ss.push('Duration: ' + [...formatGoDuration(p.durationNanos)].slice(0, 4).join(''));
  ss.push('Samples:');
  let header = '';
  for (const t of p.sampleTypes) {
    header += `${t.type}/${t.unit}${t.type === p.defaultSampleType ? '[dflt]' : ''} `;
  }
  ss.push(header.trim());
  const s = p.samples;
  const nv = s.nValues;
  for (let i = 0; i < s.count; i++) {
    if (ss.length >= 4096) {
      yield ss.join('\n') + '\n';
      ss = [];
    }
    let line = '';
    for (let j = 0; j < nv; j++) line += ' ' + String(s.values[i * nv + j]).padStart(10);
    line += ': ';
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) line += p.locations[s.locs[j]].id + ' ';
    ss.push(line);
    const ls = s.labelSets[s.labels[i]];
    const labelHeader = '                ';
    if (ls.str.size > 0) ss.push(labelHeader + labelsText(ls));
    if (ls.num.size > 0) ss.push(labelHeader + numLabelsText(ls));
  }
  ss.push('Locations');
  for (const l of p.locations) {
    if (ss.length >= 4096) {
      yield ss.join('\n') + '\n';
      ss = [];
    }
    ss.push(locationText(l));
  }
  ss.push('Mappings');
  for (const m of p.mappings) ss.push(mappingText(m));
  yield ss.join('\n') + '\n';
}

// Go sorts "key:[v1 v2]" strings byte-wise; JS sorts UTF-16 units, which
// agrees for the ASCII keys profiles use.
function labelsText(ls: LabelSet): string {
  const out: string[] = [];
  for (const [k, vs] of ls.str) out.push(`${k}:[${vs.join(' ')}]`);
  return out.sort().join(' ');
}

function numLabelsText(ls: LabelSet): string {
  const out: string[] = [];
  for (const [k, vs] of ls.num) {
    const units = ls.numUnits.get(k) ?? [];
    if (units.length === vs.length) out.push(`${k}:[${vs.map((v, i) => `${v} ${units[i]}`).join(' ')}]`);
    else out.push(`${k}:[${vs.join(' ')}]`);
  }
  return out.sort().join(' ');
}

function locationText(l: Location): string {
  let locStr = `${String(l.id).padStart(6)}: ${hex(l.address)} `;
  if (l.mapping) locStr += `M=${l.mapping.id} `;
  if (l.isFolded) locStr += '[F] ';
  if (l.lines.length === 0) return locStr;
  const ss: string[] = [];
  for (const ln of l.lines) {
    const fn = ln.fn;
    let s = `${fn.name} ${fn.filename}:${ln.line}:${ln.column} s=${fn.startLine}`;
    if (fn.name !== fn.systemName) s += '(' + fn.systemName + ')';
    ss.push(locStr + s);
    locStr = '             ';
  }
  return ss.join('\n');
}

function mappingText(m: Mapping): string {
  let bits = '';
  if (m.hasFunctions) bits += '[FN]';
  if (m.hasFilenames) bits += '[FL]';
  if (m.hasLineNumbers) bits += '[LN]';
  if (m.hasInlineFrames) bits += '[IN]';
  return `${m.id}: ${hex(m.start)}/${hex(m.limit)}/${hex(m.offset)} ${m.file} ${m.buildId} ${bits}`;
}
