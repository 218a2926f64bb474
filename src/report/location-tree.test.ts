// Property tests of the depth-by-depth location tree against a plain
// recursive merge of the same stacks, from the root and from the leaf.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { locationTree, type LocationTree } from './location-tree.js';
import type { Samples } from '../profile/types.js';

/** samples packs stacks (leaf first) and values as the decoder lays them out. */
function samples(stacks: number[][], values: number[]): Samples {
  const stackStart = new Uint32Array(stacks.length + 1);
  for (let i = 0; i < stacks.length; i++) stackStart[i + 1] = stackStart[i] + stacks[i].length;
  return {
    count: stacks.length, nValues: 1, stackStart, locs: Uint32Array.from(stacks.flat()),
    values: Float64Array.from(values), labels: new Uint32Array(stacks.length), labelSets: [{ str: {}, num: {} } as never],
  };
}

/** paths lists every node as "path -> self", the path its locations from the root. */
function paths(t: LocationTree): Map<string, number> {
  const out = new Map<string, number>();
  const path: string[] = new Array(t.n);
  path[0] = '';
  for (let c = 1; c < t.n; c++) {
    assert.ok(t.parent[c] < c, 'a parent comes before its child');
    path[c] = `${path[t.parent[c]]}/${t.loc[c]}`;
    assert.ok(!out.has(path[c]), `one node per path: ${path[c]}`);
    out.set(path[c], t.self[c]);
  }
  return out;
}

/** reference merges the stacks one by one, as the walk did before. */
function reference(stacks: number[][], values: number[], inverted: boolean): Map<string, number> {
  const out = new Map<string, number>();
  stacks.forEach((st, i) => {
    if (values[i] === 0 || st.length === 0) return;
    const order = inverted ? st : [...st].reverse();
    let p = '';
    for (const l of order) {
      p += `/${l}`;
      if (!out.has(p)) out.set(p, 0);
    }
    out.set(p, out.get(p)! + values[i]);
  });
  return out;
}

test('locationTree merges stacks as a sample-by-sample walk does', () => {
  const stack = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 12 });
  fc.assert(fc.property(fc.array(fc.tuple(stack, fc.integer({ min: -3, max: 5 })), { maxLength: 60 }), fc.boolean(), (rows, inverted) => {
    const stacks = rows.map((r) => r[0]);
    const values = rows.map((r) => r[1]);
    assert.deepEqual(paths(locationTree(samples(stacks, values), 0, inverted)), reference(stacks, values, inverted));
  }), { numRuns: 300 });
});

test('locationTree grows its per-depth table and node arrays', () => {
  // 20,000 distinct children of one root frame, and a deep chain: past the
  // first table's 2,048 entries and the arrays' first 1,024 nodes.
  const stacks: number[][] = [];
  for (let i = 0; i < 20000; i++) stacks.push([i + 1, 0]);
  stacks.push(Array.from({ length: 3000 }, (_, k) => k));
  const values = stacks.map((_, i) => i + 1);
  const t = locationTree(samples(stacks, values), 0, false);
  assert.equal(t.n, 1 + 1 + 20000 + 3000);
  assert.deepEqual(paths(t), reference(stacks, values, false));
});
