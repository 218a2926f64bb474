// addNodeTagsFor (DOT's nodelets) against the definition, recomputed the
// slow way: per node, each labelled sample that holds it adds its weight to
// the node's cumulative tag once, and the sample's leaf node's flat tag,
// one sample at a time (as pprof adds them), not summed per label set. On
// random profiles with inline chains, recursion and labels, for some of the
// nodes or all, in one block of label sets or one set per block, on one
// thread or split with a helper thread.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { WorkerPool } from '../node/parallel-pool.js';
import type { Parallel } from '../profile/parallel.js';
import { parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { randomProfile, rng } from '../testkit/random-profile.js';
import { encodeRawProfile, type RawProfile } from '../testkit/raw-profile.js';
import { addNodeTags, createNodes, nodeTables, tagPlan, type Node, type Tag } from './graph.js';
import { addNodeTagsFor } from './node-tags.js';

/** withLabels gives each sample 0–2 string labels and sometimes a numeric one. */
function withLabels(raw: RawProfile, seed: number): RawProfile {
  const r = rng(seed);
  const strings = [...raw.strings];
  const at = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const samples = raw.samples.map((s) => {
    const labels = [];
    if (r() < 0.7) labels.push({ key: at('handler'), str: at(`h${Math.floor(r() * 6)}`) });
    if (r() < 0.3) labels.push({ key: at('tenant'), str: at(`t${Math.floor(r() * 3)}`) });
    if (r() < 0.2) labels.push({ key: at('bytes'), num: 1 << Math.floor(r() * 4), unit: at('bytes') });
    return { ...s, labels };
  });
  return { ...raw, samples, strings };
}

/** frameTables are the nodes and location tables GraphBuilder makes. */
function frameTables(p: Profile): { nodes: Node[]; locStart: Int32Array; locNode: Int32Array } {
  const made = createNodes(p, {});
  return { nodes: made.interner.nodes, ...nodeTables(made) };
}

/** tagsOf lists a node's tags (label and numeric) as comparable strings. */
function tagsOf(n: Node): string[] {
  const line = (where: string, t: Tag) => `${where} ${t.name} ${t.unit} ${t.value} flat=${t.flat} cum=${t.cum}`;
  const out = [...n.labelTags.values()].map((t) => line('label', t));
  for (const [labels, m] of n.numericTags) for (const t of m.values()) out.push(line(`num[${labels}]`, t));
  return out.sort();
}

/** expected computes the chosen nodes' tags from the definition. */
function expected(p: Profile, t: ReturnType<typeof frameTables>, chosen: Set<number>): Map<number, string[]> {
  const fresh = createNodes(p, {}).interner.nodes;
  const s = p.samples;
  for (let i = 0; i < s.count; i++) {
    const w = s.values[i * s.nValues + 1];
    if (w === 0) continue;
    const onStack = new Set<number>();
    let leaf = -1;
    for (let k = s.stackStart[i]; k < s.stackStart[i + 1]; k++) {
      const loc = s.locs[k];
      for (let ni = t.locStart[loc]; ni < t.locStart[loc + 1]; ni++) {
        if (leaf < 0) leaf = t.locNode[ni];
        onStack.add(t.locNode[ni]);
      }
    }
    // As pprof does: each sample's labels added to each node, one by one.
    const plan = tagPlan(s.labelSets[s.labels[i]], (v) => String(v));
    for (const n of onStack) if (chosen.has(n)) addNodeTags(fresh[n], plan, 0, w, false);
    if (leaf >= 0 && chosen.has(leaf)) addNodeTags(fresh[leaf], plan, 0, w, true);
  }
  return new Map([...chosen].map((n) => [n, tagsOf(fresh[n])]));
}

const pool = new WorkerPool({ minWork: 0 });
after(() => pool.close());

for (let seed = 1; seed <= 40; seed++) {
  test(`node tags equal the definition (random profile ${seed})`, () => {
    const p = parseProfile(encodeRawProfile(withLabels(randomProfile(seed), seed)));
    const r = rng(seed + 99);
    // Odd seeds split the samples with the helper, at a point of their own.
    const started: string[] = [];
    const counting: Parallel = { start: (task, input) => (started.push(task), pool.start(task, input)) };
    const split = seed % 2 === 1 ? Math.floor(p.samples.count * r()) : undefined;
    for (const maxCells of [undefined, 1, 7]) {
      const t = frameTables(p);
      const all = seed % 2 === 0;
      const ids = t.nodes.map((_, i) => i).filter(() => all || r() < 0.4);
      addNodeTagsFor(p.samples, t, t.nodes, Int32Array.from(ids), {
        sampleIndex: 1, meanIndex: -1, format: (v) => String(v), maxCells, parallel: split === undefined ? null : counting, split,
      });
      const want = expected(p, t, new Set(ids));
      const how = `maxCells ${maxCells}, split ${split ?? 'none'}`;
      for (const id of ids) assert.deepEqual(tagsOf(t.nodes[id]), want.get(id), `node ${t.nodes[id].info.name}, ${how}`);
      assert.ok(ids.length === 0 || ids.some((id) => want.get(id)!.length > 0), 'some tags to compare');
    }
    if (split !== undefined && split < p.samples.count) assert.ok(started.includes('graph.nodeTags'), 'the helper summed its part');
  });
}
