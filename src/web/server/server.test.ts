// The web server on a real profile: its data routes give what the CLI's
// reports print (same report code), and its guards hold (Host header,
// static paths, source files, bad query values).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { defaultConfig } from '../../driver/config.js';
import { localReportTools } from '../../node/local-tools.js';
import { parseProfile } from '../../profile/parse.js';
import { FLAME_MAGIC } from '../../report/flame.js';
import { packageRoot } from '../../node/package-root.js';
import { isServableSource } from './guarded-sources.js';
import { allowedHost, parseHttpAddress, type WebServer } from './serve.js';
import { serveProfile } from './start.js';

const root = packageRoot();
const CPU = `${root}/testdata/profiles/cpu.pb.gz`;
let server: WebServer;
let base: URL;

before(async () => {
  const p = parseProfile(readFileSync(CPU), { inflate: (gz) => gunzipSync(gz) });
  const ui = { print: () => {}, printErr: () => {}, isTerminal: () => false };
  server = await serveProfile(p, defaultConfig(), await localReportTools(), { http: '127.0.0.1:0', noBrowser: true, sources: [CPU] }, ui);
  base = new URL(server.url);
});
after(() => server.close());

/** get answers one request, with a chosen Host header. */
function get(path: string, host = base.host): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path, headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** cli prints what `gotune pprof args… cpu.pb.gz` prints. */
function cli(...args: string[]): string {
  return execFileSync(process.execPath, [`${root}/dist/src/cli/bin.js`, 'pprof', ...args, CPU], { encoding: 'utf8' });
}

test('the peek and tags views are the CLI reports, with the query as flags', async () => {
  const peek = await get('/ui/data/text?view=peek&f=' + encodeURIComponent('main\\.'));
  assert.equal(peek.status, 200);
  assert.equal(JSON.parse(peek.body.toString()).text, cli('-peek=main\\.'));
  const tags = await get('/ui/data/text?view=tags&focus=main');
  assert.equal(JSON.parse(tags.body.toString()).text, cli('-tags', '-focus=main'));
});

test('the top table has the rows of -top, and the flame graph is a packed layout', async () => {
  const top = (JSON.parse((await get('/ui/data/top?sort=cum')).body.toString()) as { table: { rows: { name: string }[] } }).table;
  const names = cli('-top', '-cum', '-nodecount=1000000').split('\n').filter((l) => /^\s+\S+\s+[\d.]+%/.test(l)).map((l) => l.trim().split(/\s+/).slice(5).join(' '));
  assert.deepEqual(top.rows.map((r) => r.name).slice(0, 10), names.slice(0, 10).map((n) => n.replace(/ \(.*inline\)$/, '')));
  const flame = await get('/ui/data/flame');
  assert.equal(flame.status, 200);
  assert.equal(flame.body.readUInt32LE(0), FLAME_MAGIC);
  assert.ok(flame.body.readUInt32LE(4) > 1, 'more than the root');
});

test('download is the refined profile, gzipped protobuf', async () => {
  const d = await get('/ui/download?f=main');
  assert.equal(d.status, 200);
  assert.deepEqual([...d.body.subarray(0, 2)], [0x1f, 0x8b]);
  const p = parseProfile(d.body, { inflate: (gz) => gunzipSync(gz) });
  assert.ok(p.samples.count > 0);
});

test('a Host header that does not name the server is refused (DNS rebinding)', async () => {
  assert.equal((await get('/ui/data/top', 'evil.example:80')).status, 403);
  assert.equal((await get('/ui/data/top', `localhost:${base.port}`)).status, 200);
  assert.ok(allowedHost('[::1]:8080', 'localhost'));
  assert.ok(!allowedHost(undefined, 'localhost'));
  assert.ok(!allowedHost('localhost.evil.example', 'localhost'));
});

test('static paths and source files cannot leave their roots', async () => {
  for (const p of ['/ui/static/../../package.json', '/ui/static/web/client/%2e%2e/%2e%2e/cli/bin.js', '/ui/static/cli/bin.js', '/etc/passwd', '/ui/nope']) {
    assert.equal((await get(p)).status, 404, p);
  }
  assert.ok(isServableSource('/src/app/main.go'));
  for (const f of ['/etc/passwd', '../../../../etc/passwd.go', 'a/../b.go', 'x.go\0.txt']) assert.ok(!isServableSource(f), f);
});

test('a bad query value is a 400 with one line, not a crash', async () => {
  const r = await get('/ui/data/top?n=lots');
  assert.equal(r.status, 400);
  assert.match(r.body.toString(), /^n: not a number: lots\n$/);
  assert.equal((await get('/ui/data/text?view=nope')).status, 404);
});

test('-http addresses: host defaults to localhost, port to a free one', () => {
  assert.deepEqual(parseHttpAddress(':8080'), { host: 'localhost', port: 8080 });
  assert.deepEqual(parseHttpAddress('0.0.0.0:'), { host: '0.0.0.0', port: 0 });
  assert.deepEqual(parseHttpAddress('[::1]:0'), { host: '::1', port: 0 });
  assert.throws(() => parseHttpAddress('host:99999'), /bad port/);
});
