// Filtered and merged profiles keep their sample arrays in shared memory,
// as the decoder does, so that their graph passes (and DOT's nodelet sums)
// can be split with the helper thread, which reads only shared arrays; the
// samples kept are the same whichever memory holds them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomProfile } from '../testkit/random-profile.js';
import { encodeRawProfile } from '../testkit/raw-profile.js';
import { filterSamplesByName } from './filter.js';
import { mergeProfiles } from './merge.js';
import { isShared } from './parallel.js';
import { parseProfile } from './parse.js';
import type { Samples } from './types.js';

/** assertShared checks the four per-sample arrays. */
function assertShared(s: Samples): void {
  for (const [k, a] of Object.entries({ stackStart: s.stackStart, locs: s.locs, values: s.values, labels: s.labels })) {
    assert.ok(isShared(a), `${k} is shared`);
  }
}

test('samples kept by -ignore are in shared memory, each with its own stack, values and labels', () => {
  const p = parseProfile(encodeRawProfile(randomProfile(3, 500)));
  const o = p.samples;
  const holdsFn = (i: number, name: string) => Array.from(o.locs.subarray(o.stackStart[i], o.stackStart[i + 1]))
    .some((l) => p.locations[l].lines.some((ln) => ln.fn.name === name));
  // A function on some stacks but not all.
  const counts = p.functions.map((f) => Array.from({ length: o.count }, (_, i) => holdsFn(i, f.name)).filter(Boolean).length);
  const at = counts.findIndex((c) => c > 0 && c < o.count);
  assert.ok(at >= 0, 'the profile has a function to ignore');
  const name = p.functions[at].name;
  const holds = (i: number) => holdsFn(i, name);
  const q = filterSamplesByName(p, null, { test: (s: string) => s === name }, null, null).profile;
  const s = q.samples;
  assert.ok(s.count > 0 && s.count < p.samples.count, 'some samples dropped, some kept');
  assertShared(s);
  // Kept in order: each kept sample is the next input sample whose stack has no frame of `name`.
  let k = 0;
  for (let i = 0; i < o.count; i++) {
    if (holds(i)) continue;
    assert.deepEqual(Array.from(s.locs.subarray(s.stackStart[k], s.stackStart[k + 1])), Array.from(o.locs.subarray(o.stackStart[i], o.stackStart[i + 1])));
    assert.deepEqual(Array.from(s.values.subarray(k * s.nValues, (k + 1) * s.nValues)), Array.from(o.values.subarray(i * o.nValues, (i + 1) * o.nValues)));
    assert.equal(s.labels[k], o.labels[i]);
    k++;
  }
  assert.equal(k, s.count);
});

test('merged and diffed samples are in shared memory', () => {
  const a = parseProfile(encodeRawProfile(randomProfile(4, 300)));
  const b = parseProfile(encodeRawProfile(randomProfile(4, 200)));
  assertShared(mergeProfiles([a, b]).samples);
  assertShared(mergeProfiles([a, b], [1, -1]).samples);
});
