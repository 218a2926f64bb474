// The evaluation of diagnose on real profiles of the example services
// (testdata/diagnose, recorded by scripts/regen-diagnose.ts): every planted
// bottleneck is found with the right kind and `where`, and the fixed twins
// get no high-severity finding. Prints recall and false findings.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { diagnose } from '../diagnose/diagnose.js';
import { buildInputs } from '../diagnose/inputs.js';
import type { Diagnosis, FindingKind, Scenario } from '../diagnose/types.js';
import { loadDiagnoseArgs } from './diagnose-load.js';
import { packageRoot } from './package-root.js';

/** PLANTED is what each example hides: the finding kind (and pattern), the user function, and the scenario. */
const PLANTED: Record<string, { scenario: Scenario; expect: Array<{ kind: FindingKind; fn: string; pattern?: string }> }> = {
  'slow-cpu': { scenario: 'gc-bound', expect: [
    { kind: 'anti-pattern', pattern: 'string-concat-in-loop', fn: 'main.slowChain' },
    { kind: 'anti-pattern', pattern: 'fmt-on-hot-path', fn: 'main.slowChain' },
    { kind: 'cpu-hotspot', fn: 'main.slowChain' },
  ] },
  'leaky-cache': { scenario: 'memory-growth', expect: [
    { kind: 'memory-leak', fn: 'main.summary' },
    { kind: 'gc-pressure', fn: 'main.renderSlow' },
  ] },
  'goroutine-leak': { scenario: 'memory-growth', expect: [{ kind: 'goroutine-leak', fn: 'main.main.func1.1.1' }] },
  'lock-contention': { scenario: 'wait-bound', expect: [{ kind: 'lock-contention', fn: 'main.main.func1.1' }] },
  'slow-consumer': { scenario: 'wait-bound', expect: [{ kind: 'channel-blocking', fn: 'main.main.func1.1' }] },
  'slow-io': { scenario: 'wait-bound', expect: [{ kind: 'io-wait', fn: 'main.get' }] },
  // testdata/programs/timer-leak (loose profiles, no run.json), each scenario with its -fixed twin.
  'timer-after-in-loop': { scenario: 'memory-growth', expect: [{ kind: 'anti-pattern', pattern: 'timer-leak', fn: 'main.worker' }] },
  'timer-ticker-not-stopped': { scenario: 'memory-growth', expect: [{ kind: 'anti-pattern', pattern: 'timer-leak', fn: 'main.openSession' }] },
};

/** MIXED are the combined programs of testdata/programs/diagnose-mix (loose profiles, no run.json); healthy must stay healthy. */
const MIXED: Record<string, { scenario: Scenario; expect: Array<{ kind: FindingKind; fn: string }> }> = {
  'mix-hog-behind-lock': { scenario: 'wait-bound', expect: [{ kind: 'lock-contention', fn: 'main.hogWorker' }] },
  'mix-leak-with-churn': { scenario: 'memory-growth', expect: [{ kind: 'goroutine-leak', fn: 'main.leakOne.func1' }, { kind: 'gc-pressure', fn: 'main.churn' }] },
};

async function run(name: string): Promise<Diagnosis> {
  const l = await loadDiagnoseArgs([join(packageRoot(), 'testdata', 'diagnose', name)]);
  return diagnose(buildInputs(l.profiles, l.kpis, l.notes));
}

let planted = 0;
let found = 0;
let falseHigh = 0;
for (const [name, want] of Object.entries(PLANTED)) {
  test(`diagnose finds the planted bottleneck of ${name}`, async () => {
    const d = await run(name);
    for (const e of want.expect) {
      planted++;
      const hit = d.findings.find((f) => f.kind === e.kind && (e.pattern === undefined || f.pattern === e.pattern) && f.where?.function === e.fn && f.severity === 'high');
      assert.ok(hit, `${name}: no high ${e.kind}${e.pattern ? `/${e.pattern}` : ''} at ${e.fn}; got ${d.findings.map((f) => `${f.severity} ${f.kind}@${f.where?.function}`).join(', ')}`);
      found++;
    }
    assert.equal(d.scenario, want.scenario);
  });
  test(`diagnose finds nothing severe in ${name}-fixed`, async () => {
    const d = await run(`${name}-fixed`);
    const high = d.findings.filter((f) => f.severity === 'high');
    falseHigh += high.length;
    assert.deepEqual(high.map((f) => f.title), []);
    assert.equal(d.scenario, 'healthy');
  });
}

for (const [name, want] of Object.entries(MIXED)) {
  test(`diagnose finds every bottleneck of ${name}`, async () => {
    const d = await run(name);
    for (const e of want.expect) {
      planted++;
      assert.ok(d.findings.find((f) => f.kind === e.kind && f.where?.function === e.fn && f.severity === 'high'), `${name}: no high ${e.kind} at ${e.fn}`);
      found++;
    }
    assert.equal(d.scenario, want.scenario);
  });
}

test('diagnose finds nothing severe in mix-healthy', async () => {
  const d = await run('mix-healthy');
  const high = d.findings.filter((f) => f.severity === 'high');
  falseHigh += high.length;
  assert.deepEqual(high.map((f) => f.title), []);
  assert.equal(d.scenario, 'healthy');
});

test('recall and false findings', () => {
  console.log(`diagnose evaluation: recall ${found}/${planted}, high-severity findings on fixed twins: ${falseHigh}`);
  assert.equal(found, planted);
  assert.equal(falseHigh, 0);
});
