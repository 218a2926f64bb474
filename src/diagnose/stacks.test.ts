// The aggregation into stack groups against a brute force on real profiles
// (testdata): every group's facts are what its frames say, the sums are the
// samples', and each owner's value and top (the heaviest stack, the first
// seen among equals) are what summing every stack by its frames gives.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { repoRoot } from '../testkit/run-cli.js';
import { owners } from './query.js';
import { factsOf } from './stacks.js';
import { buildView } from './view.js';

const root = repoRoot();
const FILES = [
  ...['cpu.pb.gz', 'heap1.pb.gz', 'goroutine.pb.gz', 'block.pb.gz', 'mutex.pb.gz', 'synth.pb.gz'].map((f) => join(root, 'testdata', 'profiles', f)),
  ...['slow-io', 'leaky-cache'].flatMap((d) => readdirSync(join(root, 'testdata', 'diagnose', d, 'rep-1')).map((f) => join(root, 'testdata', 'diagnose', d, 'rep-1', f))),
];

/** Brute is one stack summed over its samples, in the order first seen. */
interface Brute {
  fns: string[];
  values: number[];
  order: number;
}

function brute(p: Profile): Brute[] {
  const s = p.samples;
  const by = new Map<string, Brute>();
  for (let i = 0; i < s.count; i++) {
    const locs = Array.from(s.locs.subarray(s.stackStart[i], s.stackStart[i + 1]));
    const key = locs.join(',');
    let b = by.get(key);
    if (!b) by.set(key, b = { fns: locs.flatMap((li) => p.locations[li].lines.map((l) => l.fn.name)), values: new Array(s.nValues).fill(0), order: i });
    for (let v = 0; v < s.nValues; v++) b.values[v] += s.values[i * s.nValues + v];
  }
  return [...by.values()];
}

for (const file of FILES) {
  test(`stack groups of ${file.slice(root.length + 1)} agree with summing every stack`, () => {
    const p = parseProfile(readFileSync(file), { inflate: (gz) => gunzipSync(gz) });
    const view = buildView(p, 'cpu', 'x');
    const stacks = brute(p);
    const key = (f: { userFn: string; below: number; all: number; leaf: string | null }) => `${f.userFn}|${f.below}|${f.all}|${f.leaf}`;
    // Every stack falls in the group of its facts, and the groups' sums are their stacks'.
    const want = new Map<string, number[]>();
    for (const b of stacks) {
      const f = factsOf(b.fns);
      const k = key({ ...f, userFn: f.user >= 0 ? b.fns[f.user] : '' });
      const w = want.get(k) ?? new Array(b.values.length).fill(0);
      b.values.forEach((x, v) => { w[v] += x; });
      want.set(k, w);
    }
    assert.equal(view.groups.length, want.size);
    for (const g of view.groups) assert.deepEqual(g.values, want.get(key(g)), key(g));
    assert.deepEqual(view.totals, p.sampleTypes.map((_, v) => stacks.reduce((t, b) => t + b.values[v], 0)));
    for (let vi = 0; vi < p.sampleTypes.length; vi++) {
      for (const o of owners(view, vi)) {
        const mine = stacks.filter((b) => { const u = factsOf(b.fns).user; return u >= 0 && b.fns[u] === o.fn && b.values[vi] > 0; });
        assert.equal(o.value, mine.reduce((t, b) => t + b.values[vi], 0), o.fn);
        const top = mine.reduce((a, b) => (b.values[vi] > a.values[vi] || (b.values[vi] === a.values[vi] && b.order < a.order) ? b : a));
        assert.deepEqual(o.top.frames.map((f) => f.fn), top.fns, `${o.fn}: top`);
        assert.equal(o.top.frames[o.top.user].fn, o.fn);
        assert.deepEqual([o.topValue, o.topOrder], [top.values[vi], top.order]);
      }
    }
  });
}
