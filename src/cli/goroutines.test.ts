// `gotune goroutines` end to end: goldens of text, JSON and HTML over the real
// dumps (UPDATE_GOLDEN=1 rewrites them), exit statuses and messages, input
// forms (gzip, proto, URL), the proto output read by `gotune pprof`, and a
// real Go program serving /debug/pprof (skipped without Go).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { firstDifferences, repoRoot, runCli } from '../testkit/run-cli.js';

process.chdir(repoRoot());
const D = 'testdata/goroutine';
const goldenDir = join(D, 'golden');
const tmp = mkdtempSync(join(tmpdir(), 'gotune-goroutines-'));
const update = process.env.UPDATE_GOLDEN === '1';

/** The goldens: output file name and arguments. */
const GOLDENS: [string, string[]][] = [
  ['dumps.2.debug2.loose.txt', [`${D}/dumps.2.debug2.txt`, '--group', 'loose']],
  ['dumps.2.debug1.txt', [`${D}/dumps.2.debug1.txt`]],
  ['sigquit-system.exact.txt', [`${D}/sigquit-system.txt`]],
  ['go1.19.debug2.json', [`${D}/handmade/go1.19.debug2.txt`, '--format', 'json']],
  ['dumps.1-2.diff.txt', ['--diff', `${D}/dumps.1.debug2.txt`, `${D}/dumps.2.debug2.txt`]],
  ['dumps.1-2.diff.json', ['--diff', `${D}/dumps.1.debug2.txt`, `${D}/dumps.2.debug2.txt`, '--format', 'json']],
  ['dumps.1-2.diff.html', ['--diff', `${D}/dumps.1.debug2.txt`, `${D}/dumps.2.debug2.txt`, '--format', 'html']],
  ['dumps.1-2.debug1.diff.txt', ['--diff', `${D}/dumps.1.debug1.txt`, `${D}/dumps.2.debug1.txt`]],
];

for (const [name, args] of GOLDENS) {
  test(`golden ${name}`, async () => {
    const r = await runCli(['goroutines', ...args]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.deepEqual(r.stderr, []);
    const got = r.stdout.toString('utf8');
    const file = join(goldenDir, name);
    if (update) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, got);
      return;
    }
    const want = readFileSync(file, 'utf8');
    if (want !== got) assert.fail(`${name} differs from its golden (UPDATE_GOLDEN=1 rewrites it)\n${firstDifferences(want, got)}`);
  });
}

test('the JSON form is versioned and has the documented fields', async () => {
  const r = await runCli(['goroutines', '--diff', `${D}/dumps.1.debug2.txt`, `${D}/dumps.2.debug2.txt`, '--format', 'json']);
  const doc = JSON.parse(r.stdout.toString('utf8'));
  assert.equal(doc.version, 1);
  assert.equal(doc.total, doc.groups.filter((g: { count: number }) => g.count > 0).reduce((a: number, g: { count: number }) => a + g.count, 0));
  const g = doc.groups[0];
  for (const k of ['count', 'states', 'waitMinutes', 'top', 'createdBy', 'stack', 'before', 'after', 'growth']) assert.ok(k in g, k);
  assert.deepEqual(Object.keys(g.waitMinutes), ['min', 'median', 'max']);
  assert.equal(g.top, 'main.query.func1');
  assert.equal(g.createdBy, 'main.query');
  assert.deepEqual(doc.diff.sites.filter((s: { leak: boolean }) => s.leak).map((s: { func: string }) => s.func), ['main.query']);
});

test('HTML is self-contained and escapes what the dump says', async () => {
  const hostile = 'goroutine 5 [chan receive labels:{"x": "</span><script>alert(1)</script>"}]:\n' +
    'main.f<img src=x onerror=1>(0x1)\n\t/app/<b>.go:3 +0x1\ncreated by main.main in goroutine 1\n\t/app/m.go:2 +0x2\n';
  const file = join(tmp, 'hostile.txt');
  writeFileSync(file, hostile);
  const r = await runCli(['goroutines', file, '--format', 'html']);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const html = r.stdout.toString('utf8');
  assert.ok(!/<script|<img|<b>/i.test(html), 'unescaped markup from the dump');
  assert.ok(html.includes('&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('main.f&lt;img src=x onerror=1&gt;'));
  assert.ok(!/<[^>]*\s(src|href)=|url\(|@import|<link|<script/i.test(html), 'external resource');
});

test('exit statuses: warnings 0, nothing parsed 1, bad files 1, usage 2', async () => {
  const warned = await runCli(['goroutines', `${D}/handmade/interleaved.txt`]);
  assert.equal(warned.code, 0);
  assert.deepEqual(warned.stderr, [`gotune goroutines: ${D}/handmade/interleaved.txt: skipped 4 lines that are not part of a ` +
    'goroutine dump (first at line 1: "2025/01/02 15:04:05 server listening on :8080")']);

  const notes = join(tmp, 'notes.txt');
  writeFileSync(notes, 'just some text\n');
  const none = await runCli(['goroutines', notes]);
  assert.equal(none.code, 2);
  assert.deepEqual(none.stderr, [`gotune goroutines: ${notes}: no goroutines found: skipped 1 line that is not part of a ` +
    'goroutine dump (first at line 1: "just some text")']);
  assert.equal(none.stdout.length, 0);

  const missing = await runCli(['goroutines', join(tmp, 'nope.txt')]);
  assert.equal(missing.code, 2);
  assert.deepEqual(missing.stderr, [`gotune goroutines: ${join(tmp, 'nope.txt')}: no such file or directory`]);

  const cpu = await runCli(['goroutines', 'testdata/profiles/cpu.pb.gz']);
  assert.equal(cpu.code, 2);
  assert.match(cpu.stderr[0], /^gotune goroutines: testdata\/profiles\/cpu\.pb\.gz: not a goroutine profile \(its samples are samples\/count, cpu\/nanoseconds\)$/);

  const badGzip = join(tmp, 'bad.gz');
  writeFileSync(badGzip, Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5]));
  const bad = await runCli(['goroutines', badGzip]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.length, 1);
  assert.ok(bad.stderr[0].startsWith(`gotune goroutines: ${badGzip}: `), bad.stderr[0]);

  for (const args of [[], ['--format', 'pdf', 'x'], ['a', 'b'], ['--diff', 'a'], ['--diff', 'a', 'b', 'c'], ['--interval', 'soon', 'x'],
    ['--bogus', 'x'], ['--diff', '--format', 'proto', 'a', 'b']]) {
    const u = await runCli(['goroutines', ...args]);
    assert.equal(u.code, 2, args.join(' '));
    assert.ok(u.stderr[0].startsWith('gotune goroutines: '), u.stderr[0]);
  }
  const help = await runCli(['goroutines', '-h']);
  assert.equal(help.code, 0);
  assert.ok(help.stdout.toString().startsWith('usage: gotune goroutines'));
});

test('inputs: gzipped dumps, goroutine profiles, and the same groups either way', async () => {
  const gz = join(tmp, 'dump.txt.gz');
  writeFileSync(gz, gzipSync(readFileSync(`${D}/dumps.2.debug1.txt`)));
  const plain = await runCli(['goroutines', `${D}/dumps.2.debug1.txt`, '--format', 'json']);
  const zipped = await runCli(['goroutines', gz, '--format', 'json']);
  const strip = (b: Buffer): unknown => ({ ...JSON.parse(b.toString()), source: null });
  assert.deepEqual(strip(zipped.stdout), strip(plain.stdout));
  const proto = await runCli(['goroutines', `${D}/dumps.2.pb.gz`, '--format', 'json', '--group', 'loose']);
  assert.equal(proto.code, 0, proto.stderr.join('\n'));
  const doc = JSON.parse(proto.stdout.toString());
  assert.equal(doc.source.format, 'profile');
  assert.equal(doc.total, JSON.parse(plain.stdout.toString()).total);
});

test('--format proto writes a goroutine profile that gotune pprof filters by state', async () => {
  const out = join(tmp, 'goroutines.pb.gz');
  const w = await runCli(['goroutines', `${D}/dumps.2.debug2.txt`, '--format', 'proto', '-o', out]);
  assert.equal(w.code, 0, w.stderr.join('\n'));
  const top = await runCli(['pprof', '-top', '-tagfocus=state=chan.receive', out]);
  assert.equal(top.code, 0, top.stderr.join('\n'));
  const text = top.stdout.toString();
  // 3 consumers, the pinned goroutine, the deep recursion, and the one receiving from a nil channel.
  assert.match(text, /Type: goroutine/);
  assert.match(text, /Showing nodes accounting for 6, 8.22% of 73 total/);
  assert.match(text, /main\.waitReceive/);
  assert.doesNotMatch(text, /main\.query/);
  const tags = await runCli(['pprof', '-tags', out]);
  assert.match(tags.stdout.toString(), / state: Total 73 of 73 \(  100%\)\n\s+44 \(60.27%\): chan send\n/);
  assert.match(tags.stdout.toString(), / wait: Total 31 of 73 \(42.47%\)\n\s+31 \(42.47%\): 1 minutes\n/);
  // Reading the profile back gives the same states.
  const back = await runCli(['goroutines', out, '--format', 'json']);
  const doc = JSON.parse(back.stdout.toString());
  assert.equal(doc.total, 73);
  assert.equal(doc.states['chan receive'], 5);
});

/** serveDumps answers each GET of /debug/pprof/goroutine with the next of texts. */
async function serveDumps(texts: string[]): Promise<{ url: string; server: Server; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    if (!req.url?.startsWith('/debug/pprof/goroutine')) {
      res.writeHead(404);
      res.end('404 page not found\n');
      return;
    }
    res.end(texts[Math.min(paths.length - 1, texts.length - 1)]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `127.0.0.1:${(server.address() as AddressInfo).port}`, server, paths };
}

test('URL sources: host:port fetches debug=2; --diff fetches twice, an interval apart', async () => {
  const [first, second] = ['dumps.1.debug2.txt', 'dumps.2.debug2.txt'].map((f) => readFileSync(`${D}/${f}`, 'utf8'));
  const single = await serveDumps([second]);
  try {
    const one = await runCli(['goroutines', single.url, '--format', 'json']);
    assert.equal(one.code, 0, one.stderr.join('\n'));
    assert.deepEqual(single.paths, ['/debug/pprof/goroutine?debug=2']);
    assert.equal(JSON.parse(one.stdout.toString()).source.name, `http://${single.url}/debug/pprof/goroutine?debug=2`);
  } finally {
    single.server.closeAllConnections();
    await new Promise((r) => single.server.close(r));
  }
  const { url, server } = await serveDumps([first, second]);
  try {
    const t0 = Date.now();
    const diff = await runCli(['goroutines', '--diff', '--interval', '300ms', `http://${url}`]);
    assert.ok(Date.now() - t0 >= 300);
    assert.equal(diff.code, 0, diff.stderr.join('\n'));
    assert.match(diff.stdout.toString(), /^goroutines: 33 -> 73 \(\+40\) over 0.3s\n/);
    assert.match(diff.stdout.toString(), /LEAK: creation sites that keep starting goroutines that never finish\n {2}main\.query at dumps\/main\.go:140\n/);
    const notFound = await runCli(['goroutines', `http://${url}/debug/pprof/gorutine`]);
    assert.equal(notFound.code, 2);
    assert.deepEqual(notFound.stderr, [`gotune goroutines: http://${url}/debug/pprof/gorutine: server response: 404 Not Found (no such path: is net/http/pprof imported, and served on this port?)`]);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  const refused = await runCli(['goroutines', url]);
  assert.equal(refused.code, 2);
  assert.deepEqual(refused.stderr, [`gotune goroutines: Get "http://${url}/debug/pprof/goroutine?debug=2": dial tcp ${url}: connect: connection refused (is the service running and listening there?)`]);
});

test('a real Go program serving /debug/pprof', async (t) => {
  if (spawnSync('go', ['version']).status !== 0) return t.skip('go is not installed');
  const bin = join(tmp, 'dumps');
  const build = spawnSync('go', ['build', '-o', bin, './dumps'], { cwd: 'testdata/programs', encoding: 'utf8', timeout: 300_000 });
  assert.equal(build.status, 0, build.stderr);
  const child = spawn(bin, ['-mode', 'serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const addr = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (l) => {
        const m = /^listening on (\S+)$/.exec(l);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`the program exited (${code})`)));
    });
    const r = await runCli(['goroutines', addr, '--format', 'json', '--group', 'loose']);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const doc = JSON.parse(r.stdout.toString());
    const tops = new Set(doc.groups.map((g: { top: string }) => g.top));
    for (const fn of ['main.waitReceive', 'sync.(*Mutex).Lock', 'net.(*netFD).Read', 'main.waitLockedThread']) assert.ok(tops.has(fn), fn);
    const d = await runCli(['goroutines', '--diff', '--interval', '1500ms', addr]);
    assert.equal(d.code, 0, d.stderr.join('\n'));
    assert.match(d.stdout.toString(), /LEAK: [^\n]*\n {2}main\.query at /);
  } finally {
    child.stdin!.end();
    child.kill();
  }
});
