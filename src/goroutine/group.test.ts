// Grouping: exact versus loose identity, wait summaries, and properties over
// random goroutines (printing then parsing gives them back; grouping keeps totals).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeDump } from './analyze.js';
import { formatGoroutine } from './format.js';
import { groupKey, Grouper, waitHistogram, waitSummary } from './group.js';
import { parseDump } from './parser.js';
import type { Frame, GoroutineRecord } from './types.js';

function frame(func: string, args: string, file: string, line: number, offset: number): Frame {
  return { func, args, file, line, offset, pc: '' };
}

function rec(id: number, state: string, waitMinutes: number, frames: Frame[], creator = 'main.main'): GoroutineRecord {
  return {
    count: 1, id, state, waitMinutes, lockedToThread: false, labels: [], frames, elided: 0, elidedAt: -1,
    createdBy: { func: creator, file: '/app/main.go', line: 9, offset: 0x25, goid: 1 }, ancestors: [],
    stackUnavailable: false, truncated: false, lineNo: 0,
  };
}

const recv = (ch: string): Frame => frame('main.consume', ch, '/app/main.go', 14, 0x2d);

test('exact mode separates goroutines whose arguments differ; loose mode joins them', async () => {
  const text = [
    rec(6, 'chan receive', 3, [recv('0xc00001c0c0')]),
    rec(7, 'chan receive', 0, [recv('0xc00001c120')]),
    rec(8, 'select', 12, [recv('0xc00001c120')]),
    rec(9, 'chan receive', 0, [recv('0xc00001c0c0')], 'main.other'),
  ].map(formatGoroutine).join('\n');
  const exact = await analyzeDump(text, { mode: 'exact' });
  assert.deepEqual(exact.groups.map((g) => g.count), [2, 1, 1]);
  const loose = await analyzeDump(text, { mode: 'loose' });
  assert.deepEqual(loose.groups.map((g) => g.count), [3, 1]);
  const g = loose.groups[0];
  assert.deepEqual([...g.states], [['chan receive', 2], ['select', 1]]);
  assert.deepEqual([...g.waits].sort(), [[0, 1], [12, 1], [3, 1]]);
  assert.deepEqual(waitSummary(g.waits), { min: 0, median: 3, max: 12 });
  assert.deepEqual(g.sampleIds, [6, 7, 8]);
  assert.equal(g.frames[g.top].func, 'main.consume');
  assert.equal(loose.groups[1].createdBy?.func, 'main.other');
});

test('waits: running goroutines are not waiting; summaries and histograms', () => {
  const g = new Grouper({ mode: 'loose' });
  g.add(rec(1, 'running', 0, [recv('')]));
  g.add(rec(2, 'runnable', 0, [recv('')]));
  const [only] = g.groups();
  assert.equal(only.waits.size, 0);
  assert.equal(waitSummary(only.waits), null);
  const waits = new Map([[0, 5], [3, 1], [45, 2], [61, 1], [6000, 1]]);
  assert.deepEqual(waitSummary(waits), { min: 0, median: 0, max: 6000 });
  assert.deepEqual(waitHistogram(waits), [5, 1, 2, 1, 0, 1]);
  assert.deepEqual(waitSummary(new Map([[1, 1], [2, 1], [9, 2]])), { min: 1, median: 2, max: 9 });
});

test('the top frame skips the runtime, internal packages and runtime hooks', () => {
  const g = new Grouper({ mode: 'exact' });
  g.add(rec(1, 'IO wait', 0, [
    frame('internal/poll.runtime_pollWait', '', '/go/src/runtime/netpoll.go', 351, 0x85),
    frame('internal/poll.(*FD).Read', '', '/go/src/internal/poll/fd_unix.go', 165, 0x29a),
    frame('net.(*conn).Read', '', '/go/src/net/net.go', 196, 0x44),
  ]));
  g.add(rec(2, 'sync.Cond.Wait', 0, [frame('sync.runtime_notifyListWait', '', '/go/src/runtime/sema.go', 617, 1), frame('sync.(*Cond).Wait', '', '/go/src/sync/cond.go', 71, 2)]));
  g.add(rec(3, 'running', 0, [frame('runtime.gopark', '', '/go/src/runtime/proc.go', 462, 1)]));
  const tops = g.groups().map((x) => x.frames[x.top].func);
  assert.deepEqual(tops, ['net.(*conn).Read', 'sync.(*Cond).Wait', 'runtime.gopark']);
});

const FUNCS = ['main.a', 'main.(*T).b', 'net/http.(*conn).serve', 'sync.(*Mutex).Lock', 'main.F[...]', 'runtime.gopark'];
const STATES = ['chan receive', 'select', 'IO wait', 'running', 'sleep', 'sync.Mutex.Lock', 'chan send (leaked)'];

const arbFrame = fc.record({
  func: fc.constantFrom(...FUNCS),
  args: fc.constantFrom('', '...', '0x1', '0xc000012345?, {0x1, 0x2}'),
  file: fc.constantFrom('/app/main.go', '/go/src/sync/mutex.go', 'C:/src/app/x.go'),
  line: fc.integer({ min: 1, max: 2000 }),
  offset: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 0xfff })),
  pc: fc.constant(''),
});

const arbRecord = fc.record({
  id: fc.integer({ min: 1, max: 1e6 }),
  state: fc.constantFrom(...STATES),
  waitMinutes: fc.integer({ min: 0, max: 600 }),
  lockedToThread: fc.boolean(),
  labels: fc.array(fc.tuple(fc.constantFrom('k', 'role', 'a b'), fc.string({ maxLength: 6 })), { maxLength: 2 }),
  frames: fc.array(arbFrame, { minLength: 1, maxLength: 5 }),
  creator: fc.option(fc.record({ func: fc.constantFrom(...FUNCS), goid: fc.integer({ min: -1, max: 50 }) })),
}).map((x): GoroutineRecord => ({
  count: 1, id: x.id, state: x.state, waitMinutes: x.waitMinutes, lockedToThread: x.lockedToThread, labels: x.labels,
  frames: x.frames.map((f) => ({ ...f })), elided: 0, elidedAt: -1,
  createdBy: x.creator ? { func: x.creator.func, file: '/app/main.go', line: 7, offset: 0x1f, goid: x.creator.goid } : null,
  ancestors: [], stackUnavailable: false, truncated: false, lineNo: 0,
}));

test('property: printing goroutines as Go does and parsing them gives them back', async () => {
  await fc.assert(fc.asyncProperty(fc.array(arbRecord, { minLength: 1, maxLength: 8 }), async (recs) => {
    const out: GoroutineRecord[] = [];
    const info = await parseDump(recs.map(formatGoroutine).join('\n'), (r) => out.push(r));
    assert.deepEqual(info.warnings, []);
    assert.deepEqual(out.map(({ lineNo: _, ...r }) => r), recs.map(({ lineNo: _, ...r }) => r));
  }), { numRuns: 150 });
});

test('property: grouping keeps every goroutine; loose groups are unions of exact groups', () => {
  fc.assert(fc.property(fc.array(arbRecord, { maxLength: 40 }), (recs) => {
    const exact = new Grouper({ mode: 'exact' });
    const loose = new Grouper({ mode: 'loose' });
    for (const r of recs) {
      exact.add(r);
      loose.add(r);
    }
    for (const g of [exact, loose]) {
      assert.equal(g.total, recs.length);
      const groups = g.groups();
      assert.equal(groups.reduce((a, x) => a + x.count, 0), recs.length);
      for (const x of groups) assert.equal([...x.states.values()].reduce((a, b) => a + b, 0), x.count);
    }
    assert.ok(loose.groups().length <= exact.groups().length);
    // Goroutines in one exact group are in one loose group.
    const looseOf = new Map<string, string>();
    for (const r of recs) {
      const e = groupKey(r, 'exact');
      const l = groupKey(r, 'loose');
      assert.equal(looseOf.get(e) ?? l, l);
      looseOf.set(e, l);
    }
  }));
});
