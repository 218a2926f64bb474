// `gotune diagnose` end to end in-process: the three formats on a committed
// run, loose directories with junk in them, and bad arguments (exit 2, one line).
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { repoRoot, runCli } from '../testkit/run-cli.js';

const data = (name: string) => join(repoRoot(), 'testdata', 'diagnose', name);
const tmp = mkdtempSync(join(tmpdir(), 'gotune-diagnose-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('diagnose --format json prints schema 1 with scenario, findings and missing', async () => {
  const r = await runCli(['diagnose', '--format', 'json', data('lock-contention')]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const doc = JSON.parse(r.stdout.toString());
  assert.equal(doc.schema, 1);
  assert.equal(doc.scenario, 'wait-bound');
  const f = doc.findings[0];
  assert.deepEqual(Object.keys(f).sort(), ['confidence', 'evidence', 'kind', 'severity', 'suggestion', 'title', 'view', 'where']);
  // The holder's waits, on the mutex profile; where it is on disk stays out of the JSON.
  assert.deepEqual(f.view, { profile: 'rep-1/mutex.pb.gz', path: '/ui/peek?f=%5Emain%5C.main%5C.func1%5C.1%24&si=delay' });
  assert.equal(f.kind, 'lock-contention');
  assert.equal(f.where.function, 'main.main.func1.1');
  assert.match(f.where.file, /lock-contention\/main\.go$/);
  assert.equal(f.where.stack[f.where.stack.length - 1], 'main.main.func1.1');
  assert.ok(Array.isArray(doc.missing));
});

test('diagnose text and markdown name the scenario and the finding', async () => {
  const t = await runCli(['diagnose', data('slow-cpu')]);
  assert.match(t.stdout.toString(), /^Scenario: gc-bound\n/);
  assert.match(t.stdout.toString(), /anti-pattern \(string-concat-in-loop\).*main\.slowChain/);
  const m = await runCli(['diagnose', '--format=markdown', data('slow-cpu')]);
  assert.match(m.stdout.toString(), /^## Diagnosis: gc-bound\n/);
  assert.match(m.stdout.toString(), /`string-concat-in-loop`/);
  assert.match(m.stdout.toString(), /\n- \*\*see\*\*: `gotune pprof -http=: \S+\/slow-cpu\/rep-1\/cpu\.pb\.gz` → `\/ui\/source\?f=%5Emain%5C\.slowChain%24&si=cpu`\n/);
});

test('a loose directory: kinds from sample types, junk skipped with a note', async () => {
  const dir = join(tmp, 'loose');
  mkdirSync(dir);
  for (const f of ['cpu.pb.gz', 'heap.start.pb.gz', 'heap.end.pb.gz', 'goroutine.start.pb.gz', 'goroutine.end.pb.gz', 'block.pb.gz', 'mutex.pb.gz']) {
    copyFileSync(join(data('goroutine-leak'), 'rep-1', f), join(dir, f.replace(/\./g, '_') + '.bin')); // names say nothing
  }
  writeFileSync(join(dir, 'empty.pb.gz'), '');
  writeFileSync(join(dir, 'server.log'), '2026/12/06 22:00:00 listening on :8080\n');
  writeFileSync(join(dir, 'broken.pb.gz'), gzipSync(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 1, 2])));
  writeFileSync(join(dir, 'a.out'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(60).fill(0)]));
  writeFileSync(join(dir, 'trace.out'), Buffer.concat([Buffer.from('go 1.26 trace\0\0\0\0'), Buffer.alloc(32)]));
  const r = await runCli(['diagnose', '--format', 'json', dir]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const doc = JSON.parse(r.stdout.toString());
  assert.equal(doc.findings.find((f: { kind: string }) => f.kind === 'goroutine-leak')?.where.function, 'main.main.func1.1.1');
  for (const junk of ['empty.pb.gz', 'server.log', 'broken.pb.gz', 'a.out', 'trace.out']) {
    assert.ok(doc.notes.some((n: string) => n.startsWith(`${junk}: skipped`)), `${junk} not noted: ${doc.notes.join('; ')}`);
  }
});

test('diagnose: bad arguments are one line and exit 2', async () => {
  for (const argv of [['diagnose'], ['diagnose', join(tmp, 'nope')], ['diagnose', '--format', 'yaml', data('slow-cpu')], ['diagnose', '--bogus']]) {
    const r = await runCli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.ok(r.stderr.length >= 1 && !/\n\s+at /.test(r.stderr.join('\n')), r.stderr.join('\n'));
  }
  const junkOnly = join(tmp, 'junk');
  mkdirSync(junkOnly);
  writeFileSync(join(junkOnly, 'x.log'), 'hello\n');
  const r = await runCli(['diagnose', junkOnly]);
  assert.equal(r.code, 2);
  assert.match(r.stderr[0], /no profile found/);
});

test('block and mutex profiles are told apart by their stacks when their names do not say', async () => {
  const dir = join(tmp, 'contention');
  mkdirSync(dir);
  copyFileSync(join(data('lock-contention'), 'rep-1', 'mutex.pb.gz'), join(dir, 'a'));
  copyFileSync(join(data('lock-contention'), 'rep-1', 'block.pb.gz'), join(dir, 'b'));
  const doc = JSON.parse((await runCli(['diagnose', '--format', 'json', dir])).stdout.toString());
  assert.ok(!doc.missing.some((m: string) => /mutex|block/.test(m)), doc.missing.join('; '));
  assert.equal(doc.findings[0].kind, 'lock-contention');
  assert.match(doc.findings[0].evidence[0], /^a: /);
});

test('goroutine text dumps are read as snapshots, ordered by their time', async () => {
  const dir = join(tmp, 'dumps');
  mkdirSync(dir);
  const dump = (n: number) => Array.from({ length: n }, (_, i) => `goroutine ${i + 1} [chan send]:\nmain.fetch.func1()\n\t/app/main.go:12 +0x25\ncreated by main.fetch in goroutine 7\n\t/app/main.go:10 +0x3c\n`).join('\n');
  writeFileSync(join(dir, 'a.txt'), dump(400)); // the later one, though its name sorts first
  writeFileSync(join(dir, 'b.txt'), dump(20));
  utimesSync(join(dir, 'b.txt'), new Date(1_000_000), new Date(1_000_000));
  const doc = JSON.parse((await runCli(['diagnose', '--format', 'json', dir])).stdout.toString());
  const leak = doc.findings.find((f: { kind: string }) => f.kind === 'goroutine-leak');
  assert.equal(leak?.where.function, 'main.fetch.func1');
  assert.match(leak.evidence[0], /^b\.txt → a\.txt: goroutines 20 → 400/);
  assert.equal(leak.view, null); // gotune pprof cannot open a text dump
  assert.ok(!(await runCli(['diagnose', dir])).stdout.toString().includes('see: '));
});

test('diagnose <url>: a dead server or one without /debug/pprof is one line and exit 2; a URL goes alone', async () => {
  const { createServer } = await import('node:http');
  const srv = createServer((_, res) => { res.writeHead(404, { 'content-type': 'text/html' }); res.end('<html>no</html>'); });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
  const dead = (closed.address() as { port: number }).port;
  await new Promise<void>((r) => closed.close(() => r()));
  try {
    const cases: Array<[string[], RegExp]> = [
      [['diagnose', `http://127.0.0.1:${dead}`], new RegExp(`^gotune diagnose: http://127\\.0\\.0\\.1:${dead}/debug/pprof: .*connection refused`)],
      [['diagnose', `http://127.0.0.1:${port}/debug/pprof`], /404.*is this the service's \/debug\/pprof address/],
      [['diagnose', `http://127.0.0.1:${port}`, data('slow-cpu')], /a URL is diagnosed on its own/],
      [['diagnose', '--seconds', '3', data('slow-cpu')], /--seconds applies to a URL/],
    ];
    for (const [argv, want] of cases) {
      const r = await runCli(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr[0], want);
      assert.ok(!/\n\s+at /.test(r.stderr.join('\n')), r.stderr.join('\n'));
      assert.equal(r.stdout.length, 0);
    }
  } finally {
    await new Promise<void>((r) => srv.close(() => r()));
  }
});
