// Property tests of the profile transforms: merging keeps totals, a diff of
// a profile with itself is empty, filters never add samples or weight.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ProfileBuilder } from './builder.js';
import { filterSamplesByName, showFrom } from './filter.js';
import { mergeProfiles } from './merge.js';
import { pruneFrom } from './prune.js';
import { sampleTotals, scaleProfile } from './scale.js';
import type { Profile } from './types.js';

const FUNCS = ['main.main', 'main.work', 'main.hash', 'runtime.mallocgc', 'sort.Sort', 'main.(*T).Get'];

/** arbProfile builds small random CPU-like profiles. */
const arbProfile = fc.record({
  stacks: fc.array(fc.record({
    frames: fc.array(fc.integer({ min: 0, max: FUNCS.length - 1 }), { minLength: 1, maxLength: 6 }),
    value: fc.integer({ min: -50, max: 1000 }),
    label: fc.constantFrom('', 'a', 'b'),
  }), { maxLength: 30 }),
}).map(({ stacks }): Profile => {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
  const m = b.addMapping({ file: '/bin/app', hasFunctions: true });
  const locs = FUNCS.map((name, i) => b.addLocation(BigInt(0x1000 + i * 16), m, [{ fn: b.fn(name, 'main.go'), line: 10 + i, column: 0 }]));
  for (const s of stacks) {
    b.addSample(s.frames.map((f) => locs[f]), [1, s.value], s.label ? { str: { worker: [s.label] } } : undefined);
  }
  return b.build({ periodType: { type: 'cpu', unit: 'nanoseconds' }, period: 10 });
});

function nonZeroTotals(p: Profile): number[] {
  return sampleTotals(p);
}

test('merge preserves totals', () => {
  fc.assert(fc.property(arbProfile, arbProfile, (a, b) => {
    const m = mergeProfiles([a, b]);
    const ta = sampleTotals(a);
    const tb = sampleTotals(b);
    assert.deepEqual(nonZeroTotals(m), ta.map((v, i) => v + tb[i]));
  }));
});

test('a diff of a profile with itself is empty', () => {
  fc.assert(fc.property(arbProfile, (a) => {
    const d = mergeProfiles([a, scaleProfile(a, -1)]);
    assert.equal(d.samples.count, 0);
  }));
});

test('compaction is idempotent', () => {
  fc.assert(fc.property(arbProfile, (a) => {
    const once = mergeProfiles([a]);
    const twice = mergeProfiles([once]);
    assert.equal(twice.samples.count, once.samples.count);
    assert.deepEqual([...twice.samples.values], [...once.samples.values]);
  }));
});

test('filters never add samples or frames', () => {
  fc.assert(fc.property(arbProfile, fc.constantFrom('main', 'hash|sort', 'runtime', 'nomatch'), (a, re) => {
    const rx = new RegExp(re);
    const stackLen = (p: Profile) => p.samples.locs.length;
    for (const out of [
      filterSamplesByName(a, rx, null, null, null).profile,
      filterSamplesByName(a, null, rx, null, null).profile,
      filterSamplesByName(a, null, null, rx, null).profile,
      filterSamplesByName(a, null, null, null, rx).profile,
      showFrom(a, rx).profile,
      pruneFrom(a, rx),
    ]) {
      assert.ok(out.samples.count <= a.samples.count);
      assert.ok(stackLen(out) <= stackLen(a));
    }
  }));
});

/** arbShifted is arbProfile whose functions sit at one of two addresses, so two profiles share only some locations. */
const arbShifted = fc.tuple(arbProfile, fc.array(fc.boolean(), { minLength: FUNCS.length, maxLength: FUNCS.length })).map(([p, moved]): Profile => ({
  ...p,
  locations: p.locations.map((l, i) => (moved[i] ? { ...l, address: l.address + 0x100n } : l)),
}));

test('a source scaled on the way in merges as its scaled copy does', () => {
  fc.assert(fc.property(arbShifted, arbShifted, fc.constantFrom(-1, 3, 0.5), (a, b, ratio) => {
    assert.deepEqual(mergeProfiles([a, b], [1, ratio]), mergeProfiles([a, scaleProfile(b, ratio)]));
  }));
});

test('cancelled samples leave nothing behind: merging a diff again changes nothing, ids included', () => {
  fc.assert(fc.property(arbShifted, arbShifted, (a, b) => {
    for (const d of [mergeProfiles([a, b], [1, -1]), mergeProfiles([a, b, a], [1, 1, -1])]) {
    assert.deepEqual(mergeProfiles([d]), d);
    const used = new Set(d.samples.locs);
    assert.deepEqual(d.locations.map((_, i) => used.has(i)), d.locations.map(() => true), 'every location is used');
    const fns = new Set(d.locations.flatMap((l) => l.lines.map((ln) => ln.fn)));
    assert.equal(fns.size, d.functions.length, 'every function is used');
    assert.deepEqual(d.locations.map((l) => l.id), d.locations.map((_, i) => i + 1));
    }
  }));
});
