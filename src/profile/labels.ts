// Whole-profile label operations: units of numeric labels, and setting or
// removing a label on every sample.

import { sharedBuffer } from './parallel.js';
import { LabelInterner } from './samples.js';
import type { LabelSet, Profile } from './types.js';

/** NumLabelUnits is the unit chosen per numeric label key, plus ignored ones. */
interface NumLabelUnits {
  units: Map<string, string>;
  /** Keys that carried more than one unit: the units not used, sorted. */
  ignored: Map<string, string[]>;
}

/**
 * numLabelUnits picks each numeric label key's unit as pprof does: the first
 * unit seen; without any, "bytes" for the keys alignment and request, and
 * the key itself otherwise.
 */
export function numLabelUnits(p: Profile): NumLabelUnits {
  const units = new Map<string, string>();
  const ignored = new Map<string, Set<string>>();
  const keys = new Set<string>();
  const s = p.samples;
  const seenSets = new Uint8Array(s.labelSets.length);
  for (let i = 0; i < s.count; i++) {
    // Each distinct set needs visiting once; order of first use is kept.
    if (seenSets[s.labels[i]]) continue;
    seenSets[s.labels[i]] = 1;
    const ls = s.labelSets[s.labels[i]];
    for (const k of ls.num.keys()) {
      keys.add(k);
      for (const u of ls.numUnits.get(k) ?? []) {
        if (u === '') continue;
        const want = units.get(k);
        if (want === undefined) units.set(k, u);
        else if (want !== u) {
          let set = ignored.get(k);
          if (!set) ignored.set(k, (set = new Set()));
          set.add(u);
        }
      }
    }
  }
  for (const k of keys) {
    if (!units.get(k)) units.set(k, k === 'alignment' || k === 'request' ? 'bytes' : k);
  }
  const ign = new Map<string, string[]>();
  for (const [k, set] of ignored) ign.set(k, [...set].sort());
  return { units, ignored: ign };
}

/** mapLabelSets rewrites every label set with fn (interning the results). */
export function mapLabelSets(p: Profile, fn: (ls: LabelSet) => LabelSet): Profile {
  const s = p.samples;
  const interner = new LabelInterner();
  const remap = s.labelSets.map((ls) => interner.intern(fn(ls)));
  // Most rewrites keep every set distinct and in place: then the samples'
  // indexes stand, and a large profile's array is neither copied nor
  // moved out of shared memory (where a helper thread reads it).
  if (remap.every((r, i) => r === i)) return { ...p, samples: { ...s, labelSets: interner.sets } };
  const labels = new Uint32Array(sharedBuffer(s.count * 4));
  for (let i = 0; i < s.count; i++) labels[i] = remap[s.labels[i]];
  return { ...p, samples: { ...s, labels, labelSets: interner.sets } };
}

/** setLabel sets key to values on every sample (pprof's SetLabel). */
export function setLabel(p: Profile, key: string, values: string[]): Profile {
  return mapLabelSets(p, (ls) => {
    const str = new Map(ls.str);
    str.set(key, values);
    return { str, num: ls.num, numUnits: ls.numUnits };
  });
}

/** removeLabel deletes the string label key from every sample. */
export function removeLabel(p: Profile, key: string): Profile {
  if (!p.samples.labelSets.some((ls) => ls.str.has(key))) return p;
  return mapLabelSets(p, (ls) => {
    if (!ls.str.has(key)) return ls;
    const str = new Map(ls.str);
    str.delete(key);
    return { str, num: ls.num, numUnits: ls.numUnits };
  });
}

/** hasLabel tells whether a label set has key=value. */
export function hasLabel(ls: LabelSet, key: string, value: string): boolean {
  return (ls.str.get(key) ?? []).includes(value);
}
