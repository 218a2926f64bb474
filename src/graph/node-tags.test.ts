// addNodeTagsFor (DOT's nodelets) against the definition, recomputed the
// slow way: per node, each labelled sample that holds it adds its weight to
// the node's cumulative tag once, and the sample's leaf node's flat tag. On
// random profiles with inline chains, recursion and labels, for some of the
// nodes or all, in one block of label sets or one set per block.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { randomProfile, rng } from '../testkit/random-profile.js';
import { encodeRawProfile, type RawProfile } from '../testkit/raw-profile.js';
import { createNodes, type Node, type Tag } from './graph.js';
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

/** frameTables are the location → node ids tables GraphBuilder makes. */
function frameTables(p: Profile): { nodes: Node[]; locStart: Int32Array; locNode: Int32Array } {
  const { frames, interner } = createNodes(p, {});
  const id = new Map(interner.nodes.map((n, i) => [n, i]));
  const locStart = new Int32Array(frames.length + 1);
  frames.forEach((f, l) => (locStart[l + 1] = locStart[l] + f.length));
  const locNode = new Int32Array(locStart[frames.length]);
  frames.forEach((f, l) => f.forEach((n, k) => (locNode[locStart[l] + k] = id.get(n!)!)));
  return { nodes: interner.nodes, locStart, locNode };
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
    const ls = s.labelSets[s.labels[i]];
    const plan = planOf(ls);
    for (const n of onStack) if (chosen.has(n)) addTagsByHand(fresh[n], plan, w, false);
    if (leaf >= 0 && chosen.has(leaf)) addTagsByHand(fresh[leaf], plan, w, true);
  }
  return new Map([...chosen].map((n) => [n, tagsOf(fresh[n])]));
}

/** planOf is a label set's tag names, as pprof joins them. */
function planOf(ls: Profile['samples']['labelSets'][number]): { labels: string; numeric: { name: string; unit: string; value: number }[] } {
  const parts: string[] = [];
  for (const [k, vs] of ls.str) for (const v of vs) parts.push(`${k}:${v}`);
  parts.sort();
  const numeric = [];
  for (const [k, vs] of ls.num) {
    const units = ls.numUnits.get(k) ?? [];
    for (let i = 0; i < vs.length; i++) numeric.push({ name: String(vs[i]), unit: units.length > 0 ? units[i] : k, value: vs[i] });
  }
  return { labels: parts.join('\\n'), numeric };
}

function addTagsByHand(n: Node, plan: ReturnType<typeof planOf>, w: number, flat: boolean): void {
  const add = (m: Map<string, Tag>, name: string, unit: string, value: number) => {
    const tag = m.get(name) ?? { name, unit, value, flat: 0, flatDiv: 0, cum: 0, cumDiv: 0 };
    if (flat) tag.flat += w;
    else tag.cum += w;
    m.set(name, tag);
  };
  if (plan.labels !== '') add(n.labelTags, plan.labels, '', 0);
  if (plan.numeric.length === 0) return;
  const m = n.numericTags.get(plan.labels) ?? new Map<string, Tag>();
  n.numericTags.set(plan.labels, m);
  for (const t of plan.numeric) add(m, t.name, t.unit, t.value);
}

for (let seed = 1; seed <= 40; seed++) {
  test(`node tags equal the definition (random profile ${seed})`, () => {
    const p = parseProfile(encodeRawProfile(withLabels(randomProfile(seed), seed)));
    const r = rng(seed + 99);
    for (const maxCells of [undefined, 1, 7]) {
      const t = frameTables(p);
      const all = seed % 2 === 0;
      const ids = t.nodes.map((_, i) => i).filter(() => all || r() < 0.4);
      addNodeTagsFor(p.samples, t, t.nodes, Int32Array.from(ids), { sampleIndex: 1, meanIndex: -1, format: (v) => String(v), maxCells });
      const want = expected(p, t, new Set(ids));
      for (const id of ids) assert.deepEqual(tagsOf(t.nodes[id]), want.get(id), `node ${t.nodes[id].info.name}, maxCells ${maxCells}`);
      assert.ok(ids.length === 0 || ids.some((id) => want.get(id)!.length > 0), 'some tags to compare');
    }
  });
}
