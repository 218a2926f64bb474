// URL sources end to end through createFetcher, against node:http(s)
// servers on 127.0.0.1: pprof's messages, error statuses with and without
// the pprof handler's text, HTML pages, timeouts, https+insecure and the
// TLS client flags, the empty block profile hint.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import type { FetchOptions } from '../ports.js';
import { encodeProfile } from '../profile/encode.js';
import { ProfileBuilder } from '../profile/builder.js';
import { repoRoot } from '../testkit/run-cli.js';
import { createFetcher } from './fetcher.js';
import { gzip } from './gzip.js';
import { httpGet } from './http-get.js';
import { proxyNotice } from './url-fetch.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const tlsDir = join(repoRoot(), 'testdata', 'tls');
const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({ seconds: -1, timeout: -1, maxDecompressedBytes: 1 << 30, ...o });

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

async function withServer(h: Handler, f: (base: string) => Promise<void>): Promise<void> {
  const server = createServer(h);
  const port = await listen(server);
  try {
    await f(`127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

function blockProfile(samples: number): Uint8Array {
  const b = new ProfileBuilder([{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }]);
  const m = b.addMapping({ file: '/srv/app', hasFunctions: true });
  const loc = b.addLocation(0x1000n, m, [{ fn: b.fn('sync.(*Mutex).Lock'), line: 1, column: 0 }]);
  for (let i = 0; i < samples; i++) b.addSample([loc], [1, 5000]);
  return gzip(encodeProfile(b.build({ periodType: { type: 'contentions', unit: 'count' }, period: 1 })));
}

function fetcher() {
  const lines: string[] = [];
  return { lines, f: createFetcher({ printErr: (l) => lines.push(l), env: { PPROF_TMPDIR: '/nonexistent-not-used' } }) };
}

test('a profile URL is fetched with pprof\'s messages; host:port means the CPU profile', async () => {
  const seen: string[] = [];
  await withServer((req, res) => {
    seen.push(req.url!);
    res.end(blockProfile(2));
  }, async (host) => {
    const { lines, f } = fetcher();
    const got = await f.fetch(`${host}/debug/pprof/block`, opts());
    assert.equal(got.remote, true);
    assert.equal(got.url, `http://${host}/debug/pprof/block`);
    assert.equal(got.profile.samples.count, 2);
    assert.deepEqual(lines, [`Fetching profile over HTTP from http://${host}/debug/pprof/block`]);
    const cpu = fetcher();
    await cpu.f.fetch(host, opts({ seconds: 1 }));
    assert.deepEqual(cpu.lines, [`Fetching profile over HTTP from http://${host}/debug/pprof/profile?seconds=1`, 'Please wait... (1s)']);
    assert.deepEqual(seen, ['/debug/pprof/block', '/debug/pprof/profile?seconds=1']);
  });
});

test('an empty block profile gets the SetBlockProfileRate hint', async () => {
  await withServer((_req, res) => res.end(blockProfile(0)), async (host) => {
    const { lines, f } = fetcher();
    const got = await f.fetch(`http://${host}/debug/pprof/block`, opts());
    assert.equal(got.profile.samples.count, 0);
    assert.match(lines[1], /block profile is empty: .*runtime\.SetBlockProfileRate/);
  });
});

test('error statuses carry the pprof handler\'s text, or say what answered', async () => {
  await withServer((req, res) => {
    if (req.url!.includes('nope')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-go-pprof': '1' });
      res.end('Unknown profile\n');
    } else if (req.url!.includes('html')) {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad gateway</body></html>');
    } else if (req.url!.includes('page')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html>login</html>');
    } else {
      res.writeHead(404);
      res.end();
    }
  }, async (host) => {
    const { f } = fetcher();
    await assert.rejects(f.fetch(`${host}/debug/pprof/nope`, opts()), { message: 'server response: 404 Not Found - Unknown profile' });
    await assert.rejects(f.fetch(`${host}/html`, opts()),
      { message: 'server response: 502 Bad Gateway (the answer is an HTML page: is this the service\'s /debug/pprof address?)' });
    await assert.rejects(f.fetch(`${host}/page`, opts()), /HTML page, not a profile/);
    await assert.rejects(f.fetch(`${host}/debug/pprof/heap`, opts()), /server response: 404 Not Found \(no such path: is net\/http\/pprof imported/);
  });
});

test('a refused connection and a server that never answers fail with one line', async () => {
  let port = 0;
  await withServer(() => { /* never answers */ }, async (host) => {
    port = Number(host.split(':')[1]);
    // The fetcher waits -timeout + 5 s for the headers, as pprof (see url-source.test.ts); here a short wait.
    await assert.rejects(httpGet(`http://${host}/debug/pprof/heap`, { headerTimeoutMs: 300 }),
      { name: 'TimeoutError', message: `Get "http://${host}/debug/pprof/heap": net/http: timeout awaiting response headers (waited 0.3s)` });
  });
  const { f } = fetcher();
  await assert.rejects(f.fetch(`127.0.0.1:${port}/debug/pprof/heap`, opts()),
    { message: `Get "http://127.0.0.1:${port}/debug/pprof/heap": dial tcp 127.0.0.1:${port}: connect: connection refused (is the service running and listening there?)` });
});

test('https: verification, https+insecure, -tls_ca and client certificates', async () => {
  const server = createHttpsServer({
    cert: readFileSync(join(tlsDir, 'leaf.pem')), key: readFileSync(join(tlsDir, 'leaf.key')),
    ca: readFileSync(join(tlsDir, 'ca.pem')), requestCert: true, rejectUnauthorized: false,
  }, (req, res) => {
    const sock = req.socket as import('node:tls').TLSSocket;
    if (req.url!.includes('mtls') && !sock.authorized) {
      res.writeHead(403, { 'content-type': 'text/plain', 'x-go-pprof': '1' });
      res.end('client certificate required');
      return;
    }
    res.end(blockProfile(1));
  });
  const port = await listen(server);
  try {
    const { f } = fetcher();
    await assert.rejects(f.fetch(`https://127.0.0.1:${port}/debug/pprof/block`, opts()), /tls: failed to verify certificate: .*-tls_ca.*https\+insecure/);
    assert.equal((await f.fetch(`https+insecure://127.0.0.1:${port}/debug/pprof/block`, opts())).profile.samples.count, 1);
    const ca = { cert: '', key: '', ca: join(tlsDir, 'ca.pem') };
    assert.equal((await f.fetch(`https://127.0.0.1:${port}/debug/pprof/block`, opts({ tls: ca }))).profile.samples.count, 1);
    await assert.rejects(f.fetch(`https://127.0.0.1:${port}/mtls`, opts({ tls: ca })), { message: 'server response: 403 Forbidden - client certificate required' });
    const mtls = { cert: join(tlsDir, 'leaf.pem'), key: join(tlsDir, 'leaf.key'), ca: join(tlsDir, 'ca.pem') };
    assert.equal((await f.fetch(`https://127.0.0.1:${port}/mtls`, opts({ tls: mtls }))).profile.samples.count, 1);
    await assert.rejects(f.fetch(`https://127.0.0.1:${port}/x`, opts({ tls: { cert: '', key: mtls.key, ca: '' } })),
      { message: '-tls_key is specified, so -tls_cert must also be specified' });
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('existing files are read as files even when they look like host:port', async () => {
  const { f, lines } = fetcher();
  const got = await f.fetch(join(repoRoot(), 'testdata', 'profiles', 'cpu.pb.gz'), opts());
  assert.equal(got.remote, false);
  assert.deepEqual(lines, []);
  await assert.rejects(f.fetch('no-such-file.pb.gz', opts()), /no such file or directory/);
});

test('a proxy in the environment is not used, and says so (loopback never goes through one)', () => {
  assert.equal(proxyNotice('http://10.1.2.3:6060/debug/pprof/heap', { HTTP_PROXY: 'http://proxy:3128' }),
    'HTTP_PROXY is set, but proxies are not supported yet: connecting to 10.1.2.3:6060 directly');
  assert.equal(proxyNotice('https+insecure://svc/x', { https_proxy: 'http://p' })?.startsWith('https_proxy is set'), true);
  assert.equal(proxyNotice('http://127.0.0.1:6060/x', { HTTP_PROXY: 'http://p' }), null);
  assert.equal(proxyNotice('http://svc/x', {}), null);
});
