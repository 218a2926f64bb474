// The flame graph's data and geometry without a canvas: the packed tree the
// server sends holds exactly -folded's stacks (top-down, inverted, and both
// halves of a sandwich), a diff carries the base's stacks beside, and the
// layout, hit-testing and search agree with those stacks.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { defaultConfig } from '../../driver/config.js';
import { localReportTools } from '../../node/local-tools.js';
import { packageRoot } from '../../node/package-root.js';
import { parseProfile } from '../../profile/parse.js';
import type { WebServer } from '../server/serve.js';
import { serveProfile } from '../server/start.js';
import { ancestors, decodeFlame, packageOf, type FlameData } from './flame-data.js';
import { diffColor, layoutFlame, nodeAt, normalizeScale, searchFlame, widthsOf } from './flame-layout.js';

const root = packageRoot();
const CPU = `${root}/testdata/profiles/cpu.pb.gz`;
const CPU2 = `${root}/testdata/profiles/cpu2.pb.gz`;
const ui = { print: () => {}, printErr: () => {}, isTerminal: () => false };
const load = (f: string) => parseProfile(readFileSync(f), { inflate: (gz) => gunzipSync(gz) });
let plain: WebServer;
let diff: WebServer;

before(async () => {
  plain = await serveProfile(load(CPU), defaultConfig(), await localReportTools(), { http: '127.0.0.1:0', noBrowser: true, sources: [CPU] }, ui);
  diff = await serveProfile(load(CPU2), defaultConfig(), await localReportTools(),
    { http: '127.0.0.1:0', noBrowser: true, sources: [CPU2], sides: { value: load(CPU2), base: load(CPU) } }, ui);
});
after(async () => {
  await plain.close();
  await diff.close();
});

async function flame(server: WebServer, query = ''): Promise<FlameData> {
  const res = await fetch(new URL(`data/flame${query}`, server.url));
  assert.equal(res.status, 200, await res.clone().text());
  return decodeFlame(await res.arrayBuffer());
}

/** folded is `gotune pprof -folded` of a profile: stack → value. */
function folded(file: string): Map<string, number> {
  const out = execFileSync(process.execPath, [`${root}/dist/src/cli/bin.js`, 'pprof', '-folded', file], { encoding: 'utf8' });
  const m = new Map<string, number>();
  for (const line of out.split('\n').filter((l) => l !== '')) {
    const sp = line.lastIndexOf(' ');
    m.set(line.slice(0, sp), (m.get(line.slice(0, sp)) ?? 0) + Number(line.slice(sp + 1)));
  }
  return m;
}

/** stacksOf reads the tree back as paths (names below the root) → self value. */
function stacksOf(d: FlameData, self = d.self): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 1; i < d.n; i++) {
    if (self[i] === 0) continue;
    const path = ancestors(d, i).slice(1).map((k) => d.names[d.name[k]]).join(';');
    m.set(path, (m.get(path) ?? 0) + self[i]);
  }
  return m;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

test('the top-down flame graph holds exactly the -folded stacks, with files', async () => {
  const d = await flame(plain);
  const want = folded(CPU);
  assert.deepEqual(stacksOf(d), want);
  assert.equal(d.total[0], sum(want));
  // Every node's total is its self plus its children's totals.
  for (let i = 0; i < d.n; i++) {
    let kids = 0;
    for (let c = i + 1; c < d.end[i]; c = d.end[c]) kids += d.total[c];
    assert.equal(d.total[i], d.self[i] + kids);
  }
  const fib = d.names.indexOf('main.fib');
  assert.match(d.files[fib], /\.go:\d+$/);
  assert.equal(d.baseTotal, null);
});

test('the inverted graph and the sandwich halves are the stacks reshaped', async () => {
  const want = folded(CPU);
  const inv = await flame(plain, '?mode=inverted');
  // Inverted: leaves first, so each stack's value sits on its root frame's node.
  const invWant = new Map<string, number>();
  for (const [k, v] of want) {
    const r = k.split(';').reverse().join(';');
    invWant.set(r, (invWant.get(r) ?? 0) + v);
  }
  assert.deepEqual(stacksOf(inv), invWant);
  const fn = 'main.fib';
  const through = [...want].filter(([k]) => k.split(';').includes(fn));
  for (const mode of ['callers', 'callees'] as const) {
    const d = await flame(plain, `?mode=${mode}&fn=${encodeURIComponent(fn)}`);
    assert.equal(d.names[0], fn);
    assert.equal(d.total[0], through.reduce((a, [, v]) => a + v, 0), mode);
    const expect = new Map<string, number>();
    for (const [k, v] of through) {
      const fr = k.split(';');
      const i = fr.indexOf(fn);
      const path = (mode === 'callees' ? fr.slice(i + 1) : fr.slice(0, i).reverse()).join(';');
      expect.set(path, (expect.get(path) ?? 0) + v);
    }
    const got = stacksOf(d);
    const rootSelf = d.self[0];
    if (rootSelf !== 0) got.set('', rootSelf);
    assert.deepEqual(got, expect, mode);
  }
  const bad = await fetch(new URL('data/flame?mode=callers', plain.url));
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /^mode=callers needs fn/);
});

test('a differential flame graph carries both sides', async () => {
  const d = await flame(diff);
  assert.ok(d.baseTotal && d.baseSelf);
  assert.deepEqual(stacksOf(d), folded(CPU2));
  assert.deepEqual(stacksOf(d, d.baseSelf), folded(CPU));
  const scale = normalizeScale(d);
  assert.ok(Math.abs(d.baseTotal[0] * scale - d.total[0]) < 1e-6 * d.total[0]);
  // Widths by both sides are the sum; a frame that vanished keeps its base width.
  const both = widthsOf(d, 'both');
  for (let i = 0; i < d.n; i++) assert.equal(both[i], Math.abs(d.total[i]) + Math.abs(d.baseTotal[i]));
  assert.match(diffColor(2, 1), /^hsl\(0 /);
  assert.match(diffColor(1, 2), /^hsl\(220 /);
  assert.equal(diffColor(1, 1), 'hsl(0 0% 85%)');
});

test('layout, hit-testing and search agree with the tree', async () => {
  const d = await flame(plain);
  const w = widthsOf(d);
  const fib = ancestors(d, [...Array(d.n).keys()].find((i) => d.names[d.name[i]] === 'main.fib')!);
  const zoom = fib[fib.length - 1];
  for (const z of [0, zoom]) {
    const l = layoutFlame(d, w, z);
    assert.equal(l.w[z], 1);
    for (let i = z + 1; i < d.end[z]; i++) {
      const p = d.parent[i];
      // A child lies within its parent.
      assert.ok(l.x[i] >= l.x[p] - 1e-12 && l.x[i] + l.w[i] <= l.x[p] + l.w[p] + 1e-9, `node ${i}`);
      if (l.w[i] > 0.001) assert.equal(nodeAt(d, l, l.x[i] + l.w[i] / 2, d.depth[i]), i);
    }
    // Ancestors of the zoomed node span the width; its siblings get none.
    for (const a of ancestors(d, z)) assert.equal(nodeAt(d, l, 0.5, d.depth[a]), a);
  }
  assert.equal(nodeAt(d, layoutFlame(d, w, 0), 0.5, d.maxDepth + 1), -1);
  const want = folded(CPU);
  const re = /^main\.(fib|walkTree)$/;
  const s = searchFlame(d, w, re);
  const through = [...want].filter(([k]) => k.split(';').some((f) => re.test(f))).reduce((a, [, v]) => a + v, 0);
  assert.ok(Math.abs(s.share - through / sum(want)) < 1e-12);
  assert.equal(s.functions, 2);
  assert.equal(s.nodes.length, [...Array(d.n).keys()].filter((i) => re.test(d.names[d.name[i]])).length);
});

test('packageOf names a Go frame\'s package', () => {
  assert.equal(packageOf('net/http.(*conn).serve'), 'net/http');
  assert.equal(packageOf('main.main'), 'main');
  assert.equal(packageOf('github.com/a/b.c/d.F.func1'), 'github.com/a/b.c/d');
  assert.equal(packageOf('runtime.mallocgc'), 'runtime');
  assert.equal(packageOf('[unknown]'), '[unknown]');
});
