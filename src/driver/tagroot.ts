// -tagroot and -tagleaf: pseudo stack frames made from label values, added
// at the root or the leaf of every sample (pprof's addLabelNodes).

import { rebuildSamples } from '../profile/filter.js';
import type { Func, LabelSet, Location, Profile } from '../profile/types.js';
import { scaledLabel } from '../units/measurement.js';

function formatLabelValues(ls: LabelSet, key: string, outputUnit: string): string[] {
  const values = [...(ls.str.get(key) ?? [])];
  const nums = ls.num.get(key) ?? [];
  const units = ls.numUnits.get(key) ?? [];
  if (nums.length !== units.length && units.length !== 0) return values;
  nums.forEach((v, i) => values.push(units.length !== 0 ? scaledLabel(v, units[i], outputUnit) : scaledLabel(v, '', '')));
  return values;
}

/**
 * addLabelNodes adds, to every sample, one frame per root key (outermost
 * first) and per leaf key, named by the sample's values for that key
 * (empty when it has none). Returns whether any key had values.
 */
export function addLabelNodes(p: Profile, rootKeys: string[], leafKeys: string[], outputUnit: string):
  { profile: Profile; rootMatched: boolean; leafMatched: boolean } {
  if (rootKeys.length === 0 && leafKeys.length === 0) return { profile: p, rootMatched: false, leafMatched: false };
  let nextLoc = 1;
  for (const l of p.locations) nextLoc = Math.max(nextLoc, l.id + 1);
  let nextFn = 1;
  for (const f of p.functions) nextFn = Math.max(nextFn, f.id + 1);
  const functions: Func[] = [...p.functions];
  const locations: Location[] = [...p.locations];
  const byKey = new Map<string, number>();
  const intern = (name: string, file: string): number => {
    const k = name + '\u0000' + file;
    let idx = byKey.get(k);
    if (idx === undefined) {
      const fn: Func = { id: nextFn++, name, systemName: '', filename: file, startLine: 0 };
      functions.push(fn);
      idx = locations.length;
      locations.push({ id: nextLoc++, mapping: null, address: 0n, lines: [{ fn, line: 0, column: 0 }], isFolded: false });
      byKey.set(k, idx);
    }
    return idx;
  };
  let rootMatched = false;
  let leafMatched = false;
  const s = p.samples;
  const makeLocs = (ls: LabelSet, keys: string[]): { locs: number[]; match: boolean } => {
    const locs: number[] = [];
    let match = false;
    for (let i = keys.length - 1; i >= 0; i--) {
      const values = formatLabelValues(ls, keys[i], outputUnit);
      if (values.length > 0) match = true;
      locs.push(intern(values.join(','), keys[i]));
    }
    return { locs, match };
  };
  const samples = rebuildSamples(s, (stack, i) => {
    const ls = s.labelSets[s.labels[i]];
    const roots = makeLocs(ls, rootKeys);
    const leaves = makeLocs(ls, leafKeys);
    if (roots.match) rootMatched = true;
    if (leaves.match) leafMatched = true;
    if (roots.locs.length + leaves.locs.length === 0) return stack;
    return Uint32Array.from([...leaves.locs, ...stack, ...roots.locs]);
  });
  return { profile: { ...p, functions, locations, samples }, rootMatched, leafMatched };
}
