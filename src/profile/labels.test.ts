// mapLabelSets (under setLabel and removeLabel): a rewrite that keeps every
// label set distinct leaves the samples' label array as it is (shared, for
// a helper thread, and not copied); one that merges sets renumbers the
// samples, each still pointing at its own rewritten labels.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomProfile } from '../testkit/random-profile.js';
import { encodeRawProfile, type RawProfile } from '../testkit/raw-profile.js';
import { removeLabel } from './labels.js';
import { isShared } from './parallel.js';
import { parseProfile } from './parse.js';
import type { Profile } from './types.js';

/**
 * labelled gives sample i the label handler=h(i%3), and base=b to those
 * that `based` picks.
 */
function labelled(based: (i: number) => boolean): Profile {
  const raw: RawProfile = randomProfile(5, 200);
  const strings = [...raw.strings, 'handler', 'h0', 'h1', 'h2', 'base', 'b'];
  const at = (x: string) => strings.indexOf(x);
  const samples = raw.samples.map((s, i) => ({
    ...s,
    labels: [{ key: at('handler'), str: at(`h${i % 3}`) }, ...(based(i) ? [{ key: at('base'), str: at('b') }] : [])],
  }));
  return parseProfile(encodeRawProfile({ ...raw, samples, strings }));
}

/** labelsOf lists each sample's labels as text. */
function labelsOf(p: Profile): string[] {
  const s = p.samples;
  return Array.from(s.labels, (li) => [...s.labelSets[li].str].map(([k, v]) => `${k}=${v.join(',')}`).sort().join(' '));
}

test('a rewrite that keeps label sets apart keeps the label array itself', () => {
  // base=b only beside handler=h0: without it, h0, h1 and h2 stay three sets.
  const p = labelled((i) => i % 3 === 0);
  assert.ok(isShared(p.samples.labels), 'decoded labels are shared');
  const q = removeLabel(p, 'base');
  assert.equal(q.samples.labels, p.samples.labels);
  assert.deepEqual(labelsOf(q), labelsOf(p).map((l) => l.replace(/base=b ?/, '')));
  assert.ok(labelsOf(p).some((l) => l.includes('base=b')));
});

test('a rewrite that merges label sets renumbers the samples', () => {
  // base=b on every other sample: h0 with and without it become one set.
  const p = labelled((i) => i % 2 === 0);
  const q = removeLabel(p, 'base');
  assert.notEqual(q.samples.labels, p.samples.labels);
  assert.ok(isShared(q.samples.labels), 'the new array is shared too');
  assert.equal(q.samples.labelSets.length, 4, 'the empty set and h0, h1, h2');
  assert.deepEqual(labelsOf(q), labelsOf(p).map((l) => l.split(' ').filter((x) => !x.startsWith('base=')).join(' ')));
  // The original is untouched.
  assert.ok(labelsOf(p).some((l) => l.includes('base=b')));
});
