// The live variant of the diagnose evaluation: an example service started
// on 127.0.0.1, measured for a short window and diagnosed, or diagnosed
// straight from its /debug/pprof URL while a load runs (skipped without Go).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LoadGenerator } from '../measure/load-generator.js';
import { goMissing, startExample } from '../testkit/examples.js';
import { runCli } from '../testkit/run-cli.js';

const skip = goMissing() ?? false;

/**
 * loadUrl is the URL to load. lock-contention's default (iters=500) is so
 * short that a busy machine's load generator, not the lock, limits how many
 * requests queue (about one); a longer critical section keeps the queue
 * the bug makes, whatever else runs beside the test.
 */
const loadUrl = (name: string, target: string) => (name === 'lock-contention' ? target.replace(/iters=\d+/, 'iters=2000') : target);

type Doc = { findings: Array<{ kind: string; severity: string; where: { function: string }; view: { profile: string } | null }>; missing: string[]; notes: string[] };

function highAt(doc: Doc, kind: string): string | undefined {
  return doc.findings.find((f) => f.kind === kind && f.severity === 'high')?.where.function;
}

for (const [name, kind, fn] of [['lock-contention', 'lock-contention', 'main.main.func1.1'], ['goroutine-leak', 'goroutine-leak', 'main.main.func1.1.1']] as const) {
  test(`diagnose names the bottleneck of a live ${name}`, { skip, timeout: 60_000 }, async () => {
    const svc = await startExample(name);
    const dir = mkdtempSync(join(tmpdir(), 'gotune-diagnose-live-'));
    try {
      const m = await runCli(['measure', '--target', loadUrl(name, svc.target), '--pprof', svc.pprof, '--duration', '2s', '--warmup', '1s', '--concurrency', '8', '--out', join(dir, 'run')]);
      assert.equal(m.code, 0, m.stderr.join('\n'));
      const r = await runCli(['diagnose', '--format', 'json', join(dir, 'run')]);
      assert.equal(r.code, 0, r.stderr.join('\n'));
      const doc = JSON.parse(r.stdout.toString()) as Doc;
      assert.equal(highAt(doc, kind), fn, JSON.stringify(doc.findings.map((f) => f.kind)));
    } finally {
      await svc.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

for (const [name, kind, fn] of [['lock-contention', 'lock-contention', 'main.main.func1.1'], ['slow-io', 'io-wait', 'main.get']] as const) {
  test(`diagnose <url> captures a live ${name} from its /debug/pprof under load and names the bottleneck`, { skip, timeout: 60_000 }, async () => {
    const svc = await startExample(name);
    const dir = mkdtempSync(join(tmpdir(), 'gotune-diagnose-url-'));
    const gen = new LoadGenerator({ url: new URL(loadUrl(name, svc.target)), method: 'GET', headers: [], body: null, connections: 8, rate: 0, timeoutMs: 10_000, insecure: false });
    try {
      gen.start();
      const out = join(dir, 'captured');
      const r = await runCli(['diagnose', '--format', 'json', '--seconds', '2', '--out', out, `${svc.pprof}/debug/pprof/`]);
      assert.equal(r.code, 0, r.stderr.join('\n'));
      assert.match(r.stderr[0], /^Capturing http:\/\/127\.0\.0\.1:\d+\/debug\/pprof for 2s: /);
      const doc = JSON.parse(r.stdout.toString()) as Doc;
      assert.equal(highAt(doc, kind), fn, JSON.stringify(doc.findings.map((f) => `${f.severity} ${f.kind}@${f.where?.function}`)));
      // Both ends of the window were captured, and the delta profiles over it.
      assert.ok(!doc.missing.some((m) => /^(no|one) (heap|goroutine|CPU|block)/.test(m)), doc.missing.join('; '));
      assert.ok(doc.notes.some((n) => n.startsWith(`captured from ${svc.pprof}/debug/pprof over 2s into ${out}`)), doc.notes.join('; '));
      assert.deepEqual(readdirSync(out).sort(), ['allocs.end.pb.gz', 'block.pb.gz', 'cpu.pb.gz', 'goroutine.end.pb.gz', 'goroutine.start.pb.gz', 'heap.end.pb.gz', 'heap.start.pb.gz', 'mutex.pb.gz']);
      // Kept, the profiles can be opened in the web UI: every finding links to one of them.
      for (const f of doc.findings) assert.ok(f.view && readdirSync(out).includes(f.view.profile), `${f.kind}: view ${JSON.stringify(f.view)}`);
      // What was kept diagnoses the same way from the directory.
      const again = JSON.parse((await runCli(['diagnose', '--format', 'json', out])).stdout.toString()) as Doc;
      assert.equal(highAt(again, kind), fn);
    } finally {
      gen.stop();
      await svc.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
