// GraphBuilder.graph with `touching` (what -peek reads): the edges into and
// out of the accepted nodes must be exactly those of the graph with every
// edge — weights, "residual" and "inline" — on random profiles with inline
// chains and recursion, with nodes dropped, split with a helper or not.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { WorkerPool } from '../node/parallel-pool.js';
import { parseProfile } from '../profile/parse.js';
import { randomProfile, rng } from '../testkit/random-profile.js';
import { encodeRawProfile } from '../testkit/raw-profile.js';
import { GraphBuilder } from './builder.js';
import type { Graph, Node } from './graph.js';

const pool = new WorkerPool({ minWork: 0 });
after(() => pool.close());

/** edgesOf lists node n's edges of graph g as comparable strings. */
function edgesOf(g: Graph, name: string): string[] {
  const n = g.nodes.find((x) => x.info.name === name);
  if (!n) return [];
  const line = (dir: string, other: Node, e: { weight: number; residual: boolean; inline: boolean }) =>
    `${dir} ${other.info.name} ${e.weight} ${e.residual ? 'r' : '-'}${e.inline ? 'i' : '-'}`;
  return [
    ...[...n.in.values()].map((e) => line('in', e.src, e)),
    ...[...n.out.values()].map((e) => line('out', e.dest, e)),
  ].sort();
}

for (let seed = 1; seed <= 60; seed++) {
  test(`edges touching a few nodes equal the full graph's (random profile ${seed})`, () => {
    const raw = randomProfile(seed, seed % 4 === 0 ? 3000 : undefined);
    const p = parseProfile(encodeRawProfile(raw));
    const parallel = seed % 2 === 0 ? pool : undefined;
    const b = new GraphBuilder(p, { sampleIndex: 1, meanIndex: -1 }, parallel);
    const r = rng(seed + 7);
    // Some cases drop a third of the nodes: edges then skip them (residual).
    const kept = seed % 3 === 0 ? new Set(b.nodes.filter(() => r() >= 0.33)) : null;
    const names = b.nodes.map((n) => n.info.name);
    const wanted = new Set(names.filter(() => r() < 0.25));
    if (wanted.size === 0) wanted.add(names[0]);
    const full = b.graph(kept, true);
    const fullEdges = [...wanted].map((w) => edgesOf(full, w));
    const some = b.graph(kept, true, undefined, (n) => wanted.has(n.info.name));
    assert.deepEqual([...wanted].map((w) => edgesOf(some, w)), fullEdges);
    assert.ok(fullEdges.some((e) => e.length > 0) || kept !== null || raw.samples.length < 60, 'the case has edges to compare');
  });
}
