// Tests of the web UI links: exact regexps for Go's awkward names (checked
// with the Go regexp translation pprof's focus goes through), the query, null
// for profiles that cannot be opened, and every rule's findings carrying one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGoRegexp } from '../driver/goregexp.js';
import { diagnose } from './diagnose.js';
import { quoteRegexp, viewLink } from './link.js';
import { contention, cpu, goroutines, heap, inputs } from './testing.test.js';
import { synthView } from './view.js';

const NAMES = [
  'main.get', 'main.(*Cache).Get', 'main.main.func1.1', 'main.Map[go.shape.int,go.shape.string].Put', 'example.com/a-b/v2.(*T).Do',
  'main.x$y', 'main.a|b', 'main.f{1}', 'main.back\\slash', 'main.^caret', 'main.plus+star*q?', 'main.type..eq.[2]interface {}',
];

test('quoteRegexp matches the name itself and nothing longer or shorter', () => {
  for (const n of NAMES) {
    const re = compileGoRegexp(quoteRegexp(n));
    assert.ok(re.test(n), n);
    for (const other of [n + '1', 'x' + n, n.slice(1), n.slice(0, -1), n.replace('.', 'X')]) assert.ok(!re.test(other), `${quoteRegexp(n)} matches ${other}`);
  }
});

test('viewLink: focus, the sample type by name when there is a choice, a base, and null when unopenable', () => {
  const h = heap([[['main.x'], 1, 1]], 2, 'rep-1/heap.end.pb.gz');
  const h0 = heap([[['main.x'], 1, 1]], 1, 'rep-1/heap.start.pb.gz');
  assert.deepEqual(viewLink('flamegraph', h, 'main.(*T).x', 3, h0), {
    profile: 'rep-1/heap.end.pb.gz', base: 'rep-1/heap.start.pb.gz', path: '/ui/flamegraph?f=%5Emain%5C.%5C%28%5C*T%5C%29%5C.x%24&si=inuse_space',
    file: 'rep-1/heap.end.pb.gz', baseFile: 'rep-1/heap.start.pb.gz',
  });
  assert.equal(viewLink('peek', goroutines([[['main.x'], 1]], 1), 'main.x', 0)?.path, '/ui/peek?f=%5Emain%5C.x%24');
  const dump = synthView('goroutine', ['goroutine'], [[['main.x'], 1]], { file: null });
  assert.equal(viewLink('flamegraph', dump, 'main.x'), null);
  assert.equal(viewLink('flamegraph', h, 'main.x', 1, { ...h0, file: null }), null);
});

test('every finding of every rule has a view focused exactly on its where', () => {
  const d = diagnose(inputs({
    cpu: cpu([[['runtime.concatstrings', 'main.work'], 60], [['runtime.scanobject', 'runtime.gcBgMarkWorker'], 40]]),
    heap: [heap([[['main.keep'], 1 << 20, 1 << 20]], 1, 'heap.start.pb.gz'), heap([[['main.keep'], 50 << 20, 50 << 20]], 2, 'heap.end.pb.gz')],
    goroutine: [goroutines([[['runtime.chansend1', 'main.leak'], 10]], 1), goroutines([[['runtime.chansend1', 'main.leak'], 900]], 2)],
    block: contention('block', [[['runtime.chansend1', 'main.enqueue'], 50e9]]),
    mutex: contention('mutex', [[['sync.(*Mutex).Unlock', 'main.hold'], 30e9]]),
  }));
  const kinds = new Set(d.findings.map((f) => f.kind));
  for (const k of ['memory-leak', 'goroutine-leak', 'lock-contention', 'channel-blocking', 'gc-pressure', 'cpu-hotspot', 'allocation-hotspot', 'anti-pattern']) assert.ok(kinds.has(k as never), `no ${k}: ${[...kinds]}`);
  for (const f of d.findings) {
    assert.ok(f.view && f.where, `${f.kind}: no view`);
    const q = new URL(f.view.path, 'http://x').searchParams;
    assert.equal(q.get('f'), quoteRegexp(f.where.function), f.kind);
  }
  const leak = d.findings.find((f) => f.kind === 'memory-leak')!;
  assert.deepEqual([leak.view?.profile, leak.view?.base], ['heap.end.pb.gz', 'heap.start.pb.gz']);
  assert.match(d.findings.find((f) => f.kind === 'lock-contention')!.view!.path, /^\/ui\/peek\?.*&si=delay$/);
  assert.match(d.findings.find((f) => f.kind === 'anti-pattern')!.view!.path, /^\/ui\/source\?.*&si=cpu$/);
});
