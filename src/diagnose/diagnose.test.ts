// Tests of the whole diagnosis on synthetic inputs: scenario order, missing entries, sorting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from './diagnose.js';
import { contention, cpu, goroutines, heap, inputs } from './testing.test.js';

test('no inputs: healthy, and every profile is missing with how to get it', () => {
  const d = diagnose(inputs({}));
  assert.equal(d.scenario, 'healthy');
  assert.ok(d.missing.some((m) => /^no mutex profile: cannot rule out lock contention; call runtime\.SetMutexProfileFraction/.test(m)));
  assert.ok(d.missing.some((m) => /^no CPU profile/.test(m)));
});

test('one snapshot each: growth unknown', () => {
  const d = diagnose(inputs({ heap: [heap([[['main.x'], 1, 1]])], goroutine: [goroutines([[['main.x'], 1]], 1)] }));
  assert.ok(d.missing.includes('one heap snapshot: growth unknown; capture two, some time apart under load'));
  assert.ok(d.missing.some((m) => m.startsWith('one goroutine snapshot')));
});

test('the scenario follows the method: waiting before GC before CPU; findings sorted by severity', () => {
  const c = cpu([[['runtime.scanobject', 'runtime.gcBgMarkWorker'], 40], [['main.work'], 60]]);
  const b = contention('block', [[['runtime.chansend1', 'main.enqueue'], 50e9]]);
  const d = diagnose(inputs({ cpu: c, block: b }));
  assert.equal(d.scenario, 'wait-bound');
  assert.match(d.reasoning[d.reasoning.length - 1], /channel-blocking: .* → wait-bound$/);
  assert.equal(diagnose(inputs({ cpu: c })).scenario, 'gc-bound');
  const rank = { high: 0, medium: 1, low: 2 };
  const sev = d.findings.map((f) => rank[f.severity]);
  assert.deepEqual(sev, [...sev].sort());
});
