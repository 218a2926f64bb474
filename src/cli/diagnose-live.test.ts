// The live variant of the diagnose evaluation: an example service started
// on 127.0.0.1, measured for a short window, and diagnosed (skipped without Go).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { goMissing, startExample } from '../testkit/examples.js';
import { runCli } from '../testkit/run-cli.js';

const skip = goMissing() ?? false;

for (const [name, kind, fn] of [['lock-contention', 'lock-contention', 'main.main.func1.1'], ['goroutine-leak', 'goroutine-leak', 'main.main.func1.1.1']] as const) {
  test(`diagnose names the bottleneck of a live ${name}`, { skip, timeout: 60_000 }, async () => {
    const svc = await startExample(name);
    const dir = mkdtempSync(join(tmpdir(), 'gotune-diagnose-live-'));
    try {
      const m = await runCli(['measure', '--target', svc.target, '--pprof', svc.pprof, '--duration', '2s', '--warmup', '1s', '--concurrency', '8', '--out', join(dir, 'run')]);
      assert.equal(m.code, 0, m.stderr.join('\n'));
      const r = await runCli(['diagnose', '--format', 'json', join(dir, 'run')]);
      assert.equal(r.code, 0, r.stderr.join('\n'));
      const doc = JSON.parse(r.stdout.toString());
      const hit = doc.findings.find((f: { kind: string; severity: string; where: { function: string } }) => f.kind === kind && f.severity === 'high');
      assert.equal(hit?.where.function, fn, JSON.stringify(doc.findings.map((f: { kind: string }) => f.kind)));
    } finally {
      await svc.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
