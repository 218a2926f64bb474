// `gotune demo --no-browser` end to end on the real example service: it
// builds, measures, diagnoses (a CPU hotspot at the planted function),
// serves the UI, measures the fixed twin, verifies the gain against the
// p99 goal, and leaves no process behind. Needs Go; skipped without it.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { goMissing } from '../node/example-services.js';
import { packageRoot } from '../node/package-root.js';

const missing = goMissing();

test('gotune demo --no-browser: the loop on slow-cpu, the fix verified', { skip: missing ?? false, timeout: 300_000 }, async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'gotune-demo-')), 'runs');
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'gotune.js'), 'demo', '--no-browser', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  const t0 = Date.now();
  const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  const seconds = (Date.now() - t0) / 1000;
  assert.equal(code, 0, `${stderr.slice(-3000)}\n${stdout.slice(-3000)}`);
  for (let i = 1; i <= 5; i++) assert.match(stderr, new RegExp(`gotune demo \\[${i}/5\\]`));
  assert.match(stderr, /Serving the run dashboard on http:\/\/localhost:\d+\/ui\/dashboard/);
  assert.match(stderr, /the fix met the goal \(p99=-20%\)/);
  // The diagnosis names the planted bottleneck; the verdict, the gain.
  assert.match(stdout, /cpu-hotspot/);
  assert.match(stdout, /improved/);
  for (const run of ['baseline', 'candidate']) {
    const doc = JSON.parse(readFileSync(join(out, run, 'run.json'), 'utf8')) as { complete: boolean; repetitions: unknown[] };
    assert.equal(doc.complete, true, run);
    assert.equal(doc.repetitions.length, 5, run);
  }
  assert.ok(existsSync(join(out, 'journal.jsonl')));
  assert.ok(seconds < 180, `took ${seconds} s`);
  // No example service left running (they are built under <tmp>/gotune-examples/ or $GOTUNE_CACHE).
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout.split('\n');
  assert.deepEqual(ps.filter((l) => /gotune-examples\/[0-9a-f]+\/slow-cpu/.test(l)), []);
});

test('gotune demo without Go: one line says so, then the committed profiles are diagnosed', () => {
  const path = (process.env.PATH ?? '').split(':').filter((d) => !existsSync(join(d, 'go'))).join(':');
  const r = spawnSync(process.execPath, [join(packageRoot(), 'bin', 'gotune.js'), 'demo', '--no-browser', '--scenario', 'lock-contention'],
    { encoding: 'utf8', env: { ...process.env, PATH: path }, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^gotune demo: go is not on PATH, so the example services cannot be built; diagnosing the committed profiles of lock-contention instead/m);
  assert.match(r.stdout, /lock-contention/);
  assert.match(r.stderr, /Serving the run dashboard on http:\/\/localhost:\d+\/ui\/dashboard/);
});
