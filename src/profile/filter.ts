// Sample and frame filters behind -focus, -ignore, -hide, -show,
// -show_from, -tagfocus/-tagignore and -tagshow/-taghide, with pprof's
// matching rules (function name, file name, or mapping file).

import { mapLabelSets } from './labels.js';
import { sharedBuffer } from './parallel.js';
import type { LabelSet, Line, Location, LocIndexes, Profile, Samples } from './types.js';

/** Matcher is anything with RegExp's test (a RegExp without the g flag). */
export interface Matcher {
  test(s: string): boolean;
}

function lineMatches(re: Matcher, ln: Line): boolean {
  return re.test(ln.fn.name) || re.test(ln.fn.filename);
}

function locationMatches(re: Matcher, l: Location): boolean {
  for (const ln of l.lines) if (lineMatches(re, ln)) return true;
  return l.mapping !== null && re.test(l.mapping.file);
}

/** rebuildSamples rewrites each sample's stack; `keep` false drops it. */
export function rebuildSamples(s: Samples, fn: (stack: LocIndexes, i: number) => LocIndexes | null): Samples {
  const kept: number[] = [];
  const stacks: LocIndexes[] = [];
  let nLocs = 0;
  for (let i = 0; i < s.count; i++) {
    const st = fn(s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]), i);
    if (st === null) continue;
    kept.push(i);
    stacks.push(st);
    nLocs += st.length;
  }
  const nv = s.nValues;
  // Shared memory, as the decoder's, so that a filtered profile's graph
  // passes are split with the helper thread too (profile/parallel.ts).
  const stackStart = new Uint32Array(sharedBuffer((kept.length + 1) * 4));
  const locs = new Uint32Array(sharedBuffer(nLocs * 4));
  const values = new Float64Array(sharedBuffer(kept.length * nv * 8));
  const labels = new Uint32Array(sharedBuffer(kept.length * 4));
  let w = 0;
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k];
    locs.set(stacks[k], w);
    w += stacks[k].length;
    stackStart[k + 1] = w;
    values.set(s.values.subarray(i * nv, i * nv + nv), k * nv);
    labels[k] = s.labels[i];
  }
  return { count: kept.length, nValues: nv, stackStart, locs, values, labels, labelSets: s.labelSets };
}

/** NameFilterResult is the filtered profile and which filters matched. */
interface NameFilterResult {
  profile: Profile;
  focusMatched: boolean;
  ignoreMatched: boolean;
  hideMatched: boolean;
  showMatched: boolean;
}

const enum Mark {
  None = 0,
  Focus = 1,
  Ignore = 2,
}

/**
 * filterSamplesByName applies focus/ignore (keep or drop whole samples) and
 * hide/show (remove frames), as pprof's FilterSamplesByName.
 */
export function filterSamplesByName(p: Profile, focus: Matcher | null, ignore: Matcher | null,
  hide: Matcher | null, show: Matcher | null): NameFilterResult {
  const res: NameFilterResult = { profile: p, focusMatched: false, ignoreMatched: false, hideMatched: false, showMatched: false };
  if (!focus && !ignore && !hide && !show) {
    res.focusMatched = true; // no focus means everything is in focus
    return res;
  }
  const n = p.locations.length;
  const mark = new Uint8Array(n);
  const hidden = new Uint8Array(n);
  let anyHidden = false;
  const locations = p.locations.slice();
  for (let i = 0; i < n; i++) {
    let l = locations[i];
    if (ignore && locationMatches(ignore, l)) {
      res.ignoreMatched = true;
      mark[i] = Mark.Ignore;
    } else if (!focus || locationMatches(focus, l)) {
      res.focusMatched = true;
      mark[i] = Mark.Focus;
    }
    if (hide && locationMatches(hide, l)) {
      res.hideMatched = true;
      const lines = l.mapping && hide.test(l.mapping.file) ? [] : l.lines.filter((ln) => !lineMatches(hide, ln));
      l = { ...l, lines };
      if (lines.length === 0) {
        hidden[i] = 1;
        anyHidden = true;
      }
    }
    if (show) {
      const lines = l.mapping && show.test(l.mapping.file) ? l.lines : l.lines.filter((ln) => lineMatches(show, ln));
      l = { ...l, lines };
      if (lines.length === 0) {
        hidden[i] = 1;
        anyHidden = true;
      } else {
        res.showMatched = true;
      }
    }
    locations[i] = l;
  }
  const samples = rebuildSamples(p.samples, (stack) => {
    let focused = false;
    for (let k = 0; k < stack.length; k++) {
      const m = mark[stack[k]];
      if (m === Mark.Ignore) return null;
      if (m === Mark.Focus) focused = true;
    }
    if (!focused) return null;
    if (!anyHidden) return stack;
    const kept = stack.filter((li) => hidden[li] === 0);
    return kept.length === 0 ? null : kept;
  });
  res.profile = { ...p, locations, samples };
  return res;
}

/**
 * showFrom drops, in every sample, the frames above the outermost frame
 * matching re (pprof's ShowFrom); samples without a match are dropped.
 */
export function showFrom(p: Profile, re: Matcher): { profile: Profile; matched: boolean } {
  const n = p.locations.length;
  const hit = new Uint8Array(n);
  let matched = false;
  const locations = p.locations.map((l, i) => {
    if (l.mapping && re.test(l.mapping.file)) {
      hit[i] = 1;
      matched = true;
      return l;
    }
    for (let k = l.lines.length - 1; k >= 0; k--) {
      if (lineMatches(re, l.lines[k])) {
        hit[i] = 1;
        matched = true;
        return { ...l, lines: l.lines.slice(0, k + 1) };
      }
    }
    return l;
  });
  const samples = rebuildSamples(p.samples, (stack) => {
    for (let k = stack.length - 1; k >= 0; k--) if (hit[stack[k]]) return stack.subarray(0, k + 1);
    return null;
  });
  return { profile: { ...p, locations, samples }, matched };
}

/** TagMatch decides on a sample's labels (tag filters). */
export type TagMatch = (labels: LabelSet) => boolean;

/** filterSamplesByTag keeps samples that match focus and not ignore. */
export function filterSamplesByTag(p: Profile, focus: TagMatch | null, ignore: TagMatch | null):
  { profile: Profile; focusMatched: boolean; ignoreMatched: boolean } {
  const s = p.samples;
  const verdict = new Int8Array(s.labelSets.length).fill(-1); // per label set: 0 drop, 1 keep
  let focusMatched = false;
  let ignoreMatched = false;
  const focused = new Uint8Array(s.labelSets.length);
  const ignored = new Uint8Array(s.labelSets.length);
  s.labelSets.forEach((ls, k) => {
    focused[k] = !focus || focus(ls) ? 1 : 0;
    ignored[k] = ignore && ignore(ls) ? 1 : 0;
    verdict[k] = focused[k] && !ignored[k] ? 1 : 0;
  });
  for (let i = 0; i < s.count; i++) {
    const k = s.labels[i];
    if (focused[k]) focusMatched = true;
    if (ignored[k]) ignoreMatched = true;
  }
  const samples = rebuildSamples(s, (stack, i) => (verdict[s.labels[i]] === 1 ? stack : null));
  return { profile: { ...p, samples }, focusMatched, ignoreMatched };
}

/**
 * filterTagsByName removes label keys that do not match show or that match
 * hide (pprof's FilterTagsByName, behind -tagshow/-taghide).
 */
export function filterTagsByName(p: Profile, show: Matcher | null, hide: Matcher | null):
  { profile: Profile; showMatched: boolean; hideMatched: boolean } {
  let showMatched = false;
  let hideMatched = false;
  const s = p.samples;
  // As in pprof, matches count only for labels of samples that exist.
  const used = new Uint8Array(s.labelSets.length);
  for (let i = 0; i < s.count; i++) used[s.labels[i]] = 1;
  const remove = (name: string, k: number): boolean => {
    const ms = !show || show.test(name);
    const mh = hide !== null && hide.test(name);
    if (used[k]) {
      if (ms) showMatched = true;
      if (mh) hideMatched = true;
    }
    return !ms || mh;
  };
  const sets = s.labelSets.map((ls, k) => {
    const str = new Map([...ls.str].filter(([key]) => !remove(key, k)));
    const num = new Map([...ls.num].filter(([key]) => !remove(key, k)));
    const numUnits = new Map([...ls.numUnits].filter(([key]) => num.has(key)));
    return { str, num, numUnits };
  });
  const byObject = new Map(s.labelSets.map((ls, k) => [ls, sets[k]]));
  return { profile: mapLabelSets(p, (ls) => byObject.get(ls)!), showMatched, hideMatched };
}
