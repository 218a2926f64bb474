// The analysis over dumps of a real Go 1.26 program (testdata/programs/dumps,
// committed in testdata/goroutine by `npm run regen -- --profiles`), at both
// debug levels, as a profile, and as panic and SIGQUIT tracebacks; plus the
// pprof corpus's debug=1 thread profile.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { decodeProfile } from '../profile/decode.js';
import { encodeProfile } from '../profile/encode.js';
import { corpusDir, repoRoot } from '../testkit/run-cli.js';
import { type Analysis, analyzeDump, analyzeProfile } from './analyze.js';
import { diffAnalyses } from './diff.js';
import type { GroupMode } from './group.js';
import { ProfileCollector } from './to-profile.js';

const dir = join(repoRoot(), 'testdata', 'goroutine');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

function dump(name: string, mode: GroupMode = 'loose', collectIds = false): Promise<Analysis> {
  return analyzeDump(read(name), { mode, collectIds });
}

/** Goroutines per top frame (the call that waits). */
function byTop(a: Analysis): Map<string, number> {
  const m = new Map<string, number>();
  for (const g of a.groups) {
    const top = g.top >= 0 ? g.frames[g.top].func : '';
    m.set(top, (m.get(top) ?? 0) + g.count);
  }
  return m;
}

/** The goroutines that testdata/programs/dumps parks, by the call they wait in. */
const PARKED: [string, number][] = [
  ['main.waitReceive', 3], ['main.waitSend', 2], ['main.waitSelect', 2], ['main.waitNilChan', 1],
  ['main.waitSelectNoCases', 1], ['sync.(*Mutex).Lock', 4], ['sync.(*RWMutex).RLock', 2],
  ['net.(*netFD).Read', 2], ['sync.(*Cond).Wait', 2], ['sync.(*WaitGroup).Wait', 1], ['main.waitLockedThread', 1],
];

test('debug=2 of a real program: every goroutine, state and parking place, no warnings', async () => {
  const text = read('dumps.2.debug2.txt');
  const a = await dump('dumps.2.debug2.txt');
  assert.deepEqual(a.info.warnings, []);
  assert.equal(a.info.format, 'debug=2');
  assert.equal(a.total, text.match(/^goroutine \d+ \[/gm)!.length);
  const tops = byTop(a);
  for (const [fn, n] of PARKED) assert.equal(tops.get(fn), n, fn);
  for (const s of ['chan receive', 'chan send', 'select', 'chan receive (nil chan)', 'select (no cases)', 'sync.Mutex.Lock',
    'sync.RWMutex.RLock', 'sleep', 'IO wait', 'sync.Cond.Wait', 'sync.WaitGroup.Wait', 'running']) {
    assert.ok(a.states.has(s), `state ${s}`);
  }
  const pinned = a.groups.find((g) => g.frames[g.top]?.func === 'main.waitLockedThread')!;
  assert.equal(pinned.locked, 1);
  const deep = a.groups.find((g) => g.elided > 0)!;
  assert.equal(deep.frames[deep.top].func, 'main.recurse');
  assert.equal(deep.elided + deep.frames.length, 122); // 121 recurse frames and the closure
  // The second snapshot is taken over a minute after the goroutines parked.
  const mutex = a.groups.find((g) => g.frames[g.top]?.func === 'sync.(*Mutex).Lock')!;
  assert.ok([...mutex.waits.keys()].every((m) => m >= 1), JSON.stringify([...mutex.waits]));
});

test('debug=1 and debug=2 of the same moment agree on the parked goroutines; labels come from debug=1', async () => {
  const one = await dump('dumps.2.debug1.txt');
  assert.deepEqual(one.info.warnings, []);
  assert.equal(one.info.format, 'debug=1');
  assert.equal(one.total, one.info.declaredTotal);
  assert.equal(one.hasStates, false);
  const tops = byTop(one);
  for (const [fn, n] of PARKED) assert.equal(tops.get(fn), n, fn);
  const consumers = one.groups.find((g) => g.frames[g.top]?.func === 'main.waitReceive')!;
  assert.deepEqual([...consumers.labels].sort(), [['role=consumer', 3], ['shard=0', 1], ['shard=1', 1], ['shard=2', 1]]);
});

test('Go 1.26 labels in debug=2 headers (GODEBUG=tracebacklabels=1)', async () => {
  const a = await dump('dumps.2.labels.debug2.txt');
  assert.deepEqual(a.info.warnings, []);
  const pinned = a.groups.find((g) => g.frames[g.top]?.func === 'main.waitLockedThread')!;
  assert.deepEqual([...pinned.labels], [['role=pinned', 1]]);
  assert.equal(pinned.locked, 1);
  const server = a.groups.filter((g) => g.labels.has('role=server'));
  assert.equal(server.length, 1);
});

test('a goroutine profile (proto) of the program groups like its debug=1 dump', async () => {
  const p = decodeProfile(gunzipSync(readFileSync(join(dir, 'dumps.2.pb.gz'))));
  const a = analyzeProfile(p, { mode: 'loose' });
  assert.equal(a.info.format, 'profile');
  const tops = byTop(a);
  for (const [fn, n] of PARKED) assert.equal(tops.get(fn), n, fn);
});

test('panic and SIGQUIT tracebacks of the program', async () => {
  const panic = await dump('panic.txt');
  assert.equal(panic.info.headline, 'panic: assignment to entry in nil map');
  assert.deepEqual(panic.info.warnings, []);
  assert.equal(panic.total, 1);
  assert.equal(panic.groups[0].frames[0].func, 'main.main');
  for (const name of ['panic-all.txt', 'sigquit.txt', 'sigquit-system.txt']) {
    const a = await dump(name);
    assert.deepEqual(a.info.warnings, [], name);
    assert.equal(a.info.headline, name.startsWith('panic') ? 'panic: assignment to entry in nil map' : 'SIGQUIT: quit', name);
    const tops = byTop(a);
    for (const [fn, n] of PARKED) assert.equal(tops.get(fn), n, `${name}: ${fn}`);
  }
  // GOTRACEBACK=system shows the runtime's own goroutines and frames.
  const sys = await dump('sigquit-system.txt');
  assert.ok(sys.states.has('GC sweep wait') && sys.states.has('force gc (idle)'));
  assert.ok(sys.groups.some((g) => g.frames.some((f) => f.func === 'runtime.gopark')));
});

test('the diff of two snapshots finds the leaking creation site and only that one', async () => {
  const before = await dump('dumps.1.debug2.txt', 'loose', true);
  const after = await dump('dumps.2.debug2.txt', 'loose', true);
  const d = diffAnalyses(before, after);
  assert.equal(d.byId, true);
  const leaks = d.sites.filter((s) => s.leak);
  assert.deepEqual(leaks.map((s) => s.site.func), ['main.query']);
  const q = leaks[0];
  assert.equal(q.finished, 0);
  assert.ok(q.spawned! >= 20, `spawned ${q.spawned}`);
  assert.deepEqual([...q.states.keys()], ['chan send']);
  // Requests come and go: new goroutines, but the earlier ones finished.
  const churn = d.sites.find((s) => s.site.func === 'main.churn.func2')!;
  assert.equal(churn.leak, false);
  assert.ok(churn.finished! > 0);
  // The parked goroutines are all still there, and nothing new was started.
  const parked = d.sites.filter((s) => s.site.func === 'main.park');
  assert.ok(parked.length > 0 && parked.every((s) => s.leak === false && s.spawned === 0 && s.finished === 0));
  assert.equal(d.groups[0].group.frames[0].func, 'main.query.func1');
  assert.equal(d.groups[0].growth, q.growth);
});

test('debug=1 diffs show growth without guessing at leaks', async () => {
  const d = diffAnalyses(await dump('dumps.1.debug1.txt', 'loose', true), await dump('dumps.2.debug1.txt', 'loose', true));
  assert.equal(d.byId, false);
  assert.ok(d.sites.every((s) => s.leak === null));
  assert.equal(d.sites[0].site.func, 'main.query.func1');
  assert.equal(d.sites[0].site.kind, 'entry');
  assert.ok(d.sites[0].growth > 20);
});

test('every real dump converts to a goroutine profile that round-trips with the same totals per state', async () => {
  for (const name of ['dumps.1.debug1.txt', 'dumps.2.debug2.txt', 'dumps.2.labels.debug2.txt', 'panic-all.txt', 'sigquit-system.txt']) {
    const c = new ProfileCollector();
    const a = await analyzeDump(read(name), { mode: 'loose', onRecord: (r) => c.add(r) });
    const back = analyzeProfile(decodeProfile(encodeProfile(c.build())), { mode: 'loose' });
    assert.equal(back.total, a.total, name);
    assert.deepEqual([...back.states].sort(), [...a.states].sort(), name);
    const waits = (x: Analysis): number[] => x.groups.flatMap((g) => [...g.waits].flat()).sort();
    assert.deepEqual(waits(back).length > 0, waits(a).length > 0, name);
  }
});

test('corpus: go.godoc.thread (debug=1 threadcreate profile without symbols)', async (t) => {
  const corpus = corpusDir();
  if (!corpus) return t.skip('corpus absent: ../shared/corpus/google-pprof');
  const text = readFileSync(join(corpus, 'profile', 'go.godoc.thread'), 'utf8');
  const a = await analyzeDump(text, { mode: 'exact' });
  assert.equal(a.info.profileName, 'threadcreate');
  assert.equal(a.total, 7);
  assert.equal(a.info.declaredTotal, 7);
  assert.deepEqual(a.info.warnings, []);
  assert.equal(a.groups.length, 7);
  assert.deepEqual(a.groups[0].frames.slice(0, 2).map((f) => f.pc), ['0x44cb3', '0x45045']);
});
