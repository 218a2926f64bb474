// Applying the filter options (focus, ignore, hide, show, show_from,
// tagfocus, tagignore, tagshow, taghide, prune_from) to a profile, in
// pprof's order and with its warnings.

import { filterSamplesByName, filterSamplesByTag, filterTagsByName, showFrom, type TagMatch } from '../profile/filter.js';
import { pruneFrom } from '../profile/prune.js';
import type { LabelSet, Profile } from '../profile/types.js';
import { scaleValue } from '../units/measurement.js';
import type { Config } from './config.js';
import { compileGoRegexp } from './goregexp.js';

/** Warn receives warnings for stderr. */
type Warn = (msg: string) => void;

function rx(name: string, value: string): RegExp | null {
  return value === '' ? null : compileGoRegexp(value, `${name} regexp`);
}

/**
 * parseTagFilterRange interprets a value such as "1kb:10kb", "64kb:",
 * ":512" or "100" as a numeric range; null when it is not one.
 */
function parseTagFilterRange(filter: string): ((v: number, unit: string) => boolean) | null {
  const re = /([+-]?[0-9]+)([A-Za-z]+)?/g;
  const ranges: RegExpExecArray[] = [];
  let m: RegExpExecArray | null;
  while (ranges.length < 2 && (m = re.exec(filter)) !== null) ranges.push(m);
  if (ranges.length === 0) return null;
  const v0 = Number(ranges[0][1]);
  const [scaled, unit] = scaleValue(v0, ranges[0][2] ?? '', ranges[0][2] ?? '');
  if (ranges.length === 1) {
    const match = ranges[0][0];
    const cmp = (v: number, u: string): [number, boolean] => {
      const [sv, su] = scaleValue(v, u, unit);
      return [sv, su === unit];
    };
    if (filter === match) return (v, u) => { const [sv, ok] = cmp(v, u); return ok && sv === scaled; };
    if (filter === match + ':') return (v, u) => { const [sv, ok] = cmp(v, u); return ok && sv >= scaled; };
    if (filter === ':' + match) return (v, u) => { const [sv, ok] = cmp(v, u); return ok && sv <= scaled; };
    return null;
  }
  if (filter !== ranges[0][0] + ':' + ranges[1][0]) return null;
  const [scaled2, unit2] = scaleValue(Number(ranges[1][1]), ranges[1][2] ?? '', unit);
  if (unit !== unit2) return null;
  return (v, u) => {
    const [sv, su] = scaleValue(v, u, unit);
    return su === unit && sv >= scaled && sv <= scaled2;
  };
}

/** compileTagFilter turns a -tagfocus/-tagignore value into a label-set predicate. */
function compileTagFilter(name: string, value: string, numLabelUnits: Map<string, string>, warn: Warn): TagMatch | null {
  if (value === '') return null;
  let wantKey = '';
  const eq = value.indexOf('=');
  if (eq >= 0) {
    wantKey = value.slice(0, eq);
    value = value.slice(eq + 1);
  }
  const numFilter = parseTagFilterRange(value);
  if (numFilter) {
    warn(`${name}:Interpreted '${value}' as range, not regexp`);
    const matchAny = (vals: number[], unit: string) => vals.some((v) => numFilter(v, unit));
    if (wantKey === '') {
      return (ls) => {
        for (const [key, vals] of ls.num) if (matchAny(vals, numLabelUnits.get(key) ?? '')) return true;
        return false;
      };
    }
    return (ls) => {
      const vals = ls.num.get(wantKey);
      return vals !== undefined && matchAny(vals, numLabelUnits.get(wantKey) ?? '');
    };
  }
  const rfx = value.split(',').map((v) => compileGoRegexp(v, `${name} regexp`));
  if (wantKey === '') {
    // Every regexp must match some "key:value" of the sample.
    return (ls: LabelSet) => rfx.every((re) => {
      for (const [key, vals] of ls.str) for (const v of vals) if (re.test(key + ':' + v)) return true;
      return false;
    });
  }
  return (ls) => {
    const vals = ls.str.get(wantKey);
    if (!vals) return false;
    return rfx.some((re) => vals.some((v) => re.test(v)));
  };
}

function warnNoMatches(match: boolean, option: string, warn: Warn): void {
  if (!match) warn(`${option} expression matched no samples`);
}

/**
 * filtersByFrames tells whether a filter option applyFocus applies reads the
 * samples' frames (the -tag* ones read only their labels): a report that
 * reads no stack needs none decoded unless one is set.
 */
export function filtersByFrames(cfg: Config): boolean {
  return cfg.focus !== '' || cfg.ignore !== '' || cfg.hide !== '' || cfg.show !== '' || cfg.show_from !== '' || cfg.prune_from !== '';
}

/** applyFocus returns p filtered by the config's filter options. */
export function applyFocus(p: Profile, numLabelUnits: Map<string, string>, cfg: Config, warn: Warn): Profile {
  const focus = rx('focus', cfg.focus);
  const ignore = rx('ignore', cfg.ignore);
  const hide = rx('hide', cfg.hide);
  const show = rx('show', cfg.show);
  const showfrom = rx('show_from', cfg.show_from);
  const tagfocus = compileTagFilter('tagfocus', cfg.tagfocus, numLabelUnits, warn);
  const tagignore = compileTagFilter('tagignore', cfg.tagignore, numLabelUnits, warn);
  const prunefrom = rx('prune_from', cfg.prune_from);

  const byName = filterSamplesByName(p, focus, ignore, hide, show);
  p = byName.profile;
  warnNoMatches(!focus || byName.focusMatched, 'Focus', warn);
  warnNoMatches(!ignore || byName.ignoreMatched, 'Ignore', warn);
  warnNoMatches(!hide || byName.hideMatched, 'Hide', warn);
  warnNoMatches(!show || byName.showMatched, 'Show', warn);

  if (showfrom) {
    const sf = showFrom(p, showfrom);
    p = sf.profile;
    warnNoMatches(sf.matched, 'ShowFrom', warn);
  }

  if (tagfocus || tagignore) {
    const t = filterSamplesByTag(p, tagfocus, tagignore);
    p = t.profile;
    warnNoMatches(!tagfocus || t.focusMatched, 'TagFocus', warn);
    warnNoMatches(!tagignore || t.ignoreMatched, 'TagIgnore', warn);
  }

  const tagshow = rx('tagshow', cfg.tagshow);
  const taghide = rx('taghide', cfg.taghide);
  if (tagshow || taghide) {
    const t = filterTagsByName(p, tagshow, taghide);
    p = t.profile;
    warnNoMatches(!tagshow || t.showMatched, 'TagShow', warn);
    warnNoMatches(!taghide || t.hideMatched, 'TagHide', warn);
  }

  if (prunefrom) p = pruneFrom(p, prunefrom);
  return p;
}
