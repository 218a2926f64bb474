// The example services: each builds, starts on free ports, answers, and
// shows its bottleneck — and its -fixed twin answers the same without it.
// Skips, saying why, where Go is not installed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXAMPLES, goMissing, startExample, type RunningExample } from './example-services.js';

const skip = goMissing() ?? false;
if (skip) console.log(`# skipped: ${skip}`);

async function text(url: string): Promise<string> {
  const r = await fetch(url);
  assert.equal(r.status, 200, url);
  return r.text();
}

async function goroutines(svc: RunningExample): Promise<number> {
  return ((await (await fetch(`${svc.pprof}/debug/vars`)).json()) as { goroutines: number }).goroutines;
}

async function both(name: string, f: (slow: RunningExample, fixed: RunningExample) => Promise<void>): Promise<void> {
  const [slow, fixed] = await Promise.all([startExample(name), startExample(name, { fixed: true })]);
  try {
    assert.equal(await text(`${slow.service}/health`), 'ok\n');
    assert.match(await text(`${fixed.pprof}/debug/pprof/`), /Types of profiles available/);
    const vars = (await (await fetch(`${fixed.pprof}/debug/vars`)).json()) as Record<string, unknown>;
    assert.equal(vars.example, name);
    assert.equal(vars.fixed, true);
    assert.match(String(vars.goversion), /^go1\./);
    await f(slow, fixed);
  } finally {
    await Promise.all([slow.stop(), fixed.stop()]);
  }
}

test('every example starts and prints its URLs', { skip, timeout: 300_000 }, async () => {
  for (const name of Object.keys(EXAMPLES)) {
    const svc = await startExample(name);
    try {
      assert.match(svc.service, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(svc.pprof, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.ok(svc.target.startsWith(svc.service + '/'), svc.target);
      await text(svc.target);
    } finally {
      await svc.stop();
    }
  }
});

test('slow-cpu: the fixed twin returns the same answers', { skip }, async () => {
  await both('slow-cpu', async (slow, fixed) => {
    for (const q of ['iters=1', 'iters=300&seed=x', 'iters=2000']) {
      assert.equal(await text(`${fixed.service}/work?${q}`), await text(`${slow.service}/work?${q}`));
    }
  });
});

test('goroutine-leak leaks one goroutine per request; the fixed twin none', { skip }, async () => {
  await both('goroutine-leak', async (slow, fixed) => {
    const g0 = [await goroutines(slow), await goroutines(fixed)];
    for (let i = 0; i < 40; i++) await Promise.all([text(slow.target), text(fixed.target)]);
    await new Promise((r) => setTimeout(r, 50)); // the losing replicas finish sleeping
    const leaked = (await goroutines(slow)) - g0[0];
    const kept = (await goroutines(fixed)) - g0[1];
    assert.ok(leaked >= 38, `slow leaked ${leaked}`);
    assert.ok(kept < 10, `fixed kept ${kept}`);
  });
});

test('leaky-cache grows with every request; the fixed twin stays bounded', { skip }, async () => {
  await both('leaky-cache', async (slow, fixed) => {
    let s = '', f = '';
    for (let i = 0; i < 30; i++) [s, f] = await Promise.all([text(`${slow.service}/work?key=a&kb=4`), text(`${fixed.service}/work?key=a&kb=4`)]);
    assert.match(s, / 30 cached\n$/);
    assert.match(f, / 1 cached\n$/);
    assert.equal(s.split(',')[0], f.split(',')[0]); // the same page size
  });
});

test('slow-io: the fixed twin is faster; lock-contention and slow-consumer answer alike', { skip }, async () => {
  await both('slow-io', async (slow, fixed) => {
    const time = async (svc: RunningExample) => {
      const t0 = performance.now();
      for (let i = 0; i < 8; i++) assert.equal(await text(svc.target), 'part-0 part-1 part-2\n');
      return performance.now() - t0;
    };
    const [ts, tf] = [await time(slow), await time(fixed)];
    assert.ok(ts >= 8 * 15, `slow ${ts}ms`);
    assert.ok(tf < ts, `fixed ${tf}ms, slow ${ts}ms`);
  });
  await both('lock-contention', async (slow, fixed) => {
    const a = await Promise.all(Array.from({ length: 8 }, () => text(slow.target)));
    const b = await Promise.all(Array.from({ length: 8 }, () => text(fixed.target)));
    assert.deepEqual(a.map((x) => x.split(' ')[1]), b.map((x) => x.split(' ')[1])); // the same scores
  });
  await both('slow-consumer', async (slow, fixed) => {
    const a = await Promise.all(Array.from({ length: 8 }, () => text(slow.target)));
    const b = await Promise.all(Array.from({ length: 8 }, () => text(fixed.target)));
    assert.deepEqual(a, b);
  });
});
