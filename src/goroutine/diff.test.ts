// Diffs of synthetic snapshots: the leak signature (a site whose goroutines
// never finish while new ones start), churn, vanished groups, and the
// property that a snapshot compared with itself shows no change.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeDump } from './analyze.js';
import { diffAnalyses } from './diff.js';
import { formatGoroutine } from './format.js';
import type { GoroutineRecord } from './types.js';

function g(id: number, func: string, creator: string | null, state = 'chan send'): GoroutineRecord {
  return {
    count: 1, id, state, waitMinutes: 0, lockedToThread: false, labels: [],
    frames: [{ func, args: `0x${id.toString(16)}`, file: '/app/main.go', line: func.length, offset: 0x10, pc: '' }],
    elided: 0, elidedAt: -1,
    createdBy: creator ? { func: creator, file: '/app/main.go', line: 3 * creator.length, offset: 0x20, goid: 1 } : null,
    ancestors: [], stackUnavailable: false, truncated: false, lineNo: 0,
  };
}

const dump = (recs: GoroutineRecord[]): string => recs.map(formatGoroutine).join('\n');
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

test('a site whose goroutines all survive while new ones start is a leak; churn is not', async () => {
  const before = dump([
    ...range(1, 6).map((id) => g(id, 'main.query.func1', 'main.query')),
    g(10, 'main.handle', 'main.serve', 'IO wait'), g(11, 'main.handle', 'main.serve', 'IO wait'),
    g(20, 'main.tick', 'main.main', 'sleep'),
  ]);
  const after = dump([
    ...range(1, 9).map((id) => g(id, 'main.query.func1', 'main.query')),
    g(12, 'main.handle', 'main.serve', 'IO wait'), g(13, 'main.handle', 'main.serve', 'IO wait'), g(14, 'main.handle', 'main.serve', 'IO wait'),
  ]);
  const d = diffAnalyses(await analyzeDump(before, { mode: 'loose', collectIds: true }),
    await analyzeDump(after, { mode: 'loose', collectIds: true }));
  assert.equal(d.byId, true);
  const byFunc = new Map(d.sites.map((s) => [s.site.func, s]));
  assert.deepEqual(d.sites.map((s) => s.site.func), ['main.query', 'main.serve', 'main.main']);
  const q = byFunc.get('main.query')!;
  assert.deepEqual([q.before, q.after, q.growth, q.survived, q.finished, q.spawned, q.leak], [5, 8, 3, 5, 0, 3, true]);
  const serve = byFunc.get('main.serve')!;
  assert.deepEqual([serve.before, serve.after, serve.finished, serve.spawned, serve.leak], [2, 3, 2, 3, false]);
  const tick = byFunc.get('main.main')!;
  assert.deepEqual([tick.after, tick.growth, tick.leak], [0, -1, false]);
  assert.deepEqual(d.groups.map((x) => [x.group.frames[0].func, x.before, x.after, x.growth]), [
    ['main.query.func1', 5, 8, 3], ['main.handle', 2, 3, 1], ['main.tick', 1, 0, -1]]);
});

test('without ids (debug=1, profiles, or ids not collected) growth is shown and leaks are unknown', async () => {
  const text = dump([g(1, 'main.a', 'main.main')]);
  const d = diffAnalyses(await analyzeDump(text, { mode: 'loose' }), await analyzeDump(text + '\n' + dump([g(2, 'main.a', 'main.main')]), { mode: 'loose' }));
  assert.equal(d.byId, false);
  assert.deepEqual(d.sites.map((s) => [s.growth, s.survived, s.leak]), [[1, null, null]]);
});

test('analyses grouped differently cannot be compared', () => {
  assert.throws(() => diffAnalyses({ ...emptyAnalysis(), mode: 'exact' }, emptyAnalysis()), /different modes/);
});

function emptyAnalysis(): Parameters<typeof diffAnalyses>[0] {
  return {
    info: { format: 'debug=2', headline: '', declaredTotal: -1, profileName: '', goroutines: 0, records: 0, lines: 0, warnings: [] },
    mode: 'loose', total: 0, states: new Map(), groups: [], hasStates: true, hasIds: true,
  };
}

test('property: a snapshot diffed with itself shows no growth and no leak', async () => {
  const arb = fc.array(fc.record({
    func: fc.constantFrom('main.a', 'main.b', 'main.c'),
    creator: fc.constantFrom('main.main', 'main.spawn', null),
    state: fc.constantFrom('chan send', 'select', 'IO wait'),
  }), { maxLength: 25 });
  await fc.assert(fc.asyncProperty(arb, async (specs) => {
    const text = dump(specs.map((s, i) => g(i + 1, s.func, s.creator, s.state)));
    const a = await analyzeDump(text, { mode: 'loose', collectIds: true });
    const d = diffAnalyses(a, a);
    assert.ok(d.groups.every((x) => x.growth === 0));
    assert.ok(d.sites.every((s) => s.growth === 0 && s.leak === false && s.finished === 0 && s.spawned === 0));
  }), { numRuns: 60 });
});
