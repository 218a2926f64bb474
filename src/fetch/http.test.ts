// fetchText and fetchStream against node:http servers on 127.0.0.1 with
// ephemeral ports: bodies, error statuses, refused connections, timeouts.

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { FetchError } from './errors.js';
import { fetchStream, fetchText } from './http.js';

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

test('fetchText returns the body; fetchStream streams it', async () => {
  const { url, server } = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('goroutine 1 [running]:\n');
    res.end(`path=${req.url}\n`);
  });
  try {
    assert.equal(await fetchText(`${url}/debug/pprof/goroutine?debug=2`, { timeoutMs: 5000 }),
      'goroutine 1 [running]:\npath=/debug/pprof/goroutine?debug=2\n');
    let n = 0;
    for await (const c of await fetchStream(url, { timeoutMs: 5000 })) n += c.length;
    assert.equal(n, 'goroutine 1 [running]:\npath=/\n'.length);
  } finally {
    await close(server);
  }
});

test('a status other than 200 fails with the first line of the server text', async () => {
  const { url, server } = await serve((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Unknown profile: gorutine\nmore text\n');
  });
  try {
    await assert.rejects(fetchText(`${url}/debug/pprof/gorutine`, { timeoutMs: 5000 }), (e: Error) => {
      assert.ok(e instanceof FetchError);
      assert.equal(e.message, `${url}/debug/pprof/gorutine: server returned 404 Not Found: Unknown profile: gorutine`);
      return true;
    });
  } finally {
    await close(server);
  }
});

test('a refused connection, a silent server and a bad URL fail with one clear line', async () => {
  const { url, server } = await serve(() => { /* never answers */ });
  try {
    await assert.rejects(fetchText(url, { timeoutMs: 200 }), { name: 'FetchError', message: `${url}: no answer within 0.2s` });
  } finally {
    await close(server);
  }
  // The port is free again: nobody listens there.
  await assert.rejects(fetchText(url, { timeoutMs: 2000 }), {
    name: 'FetchError', message: `${url}: connection refused (is a server listening there?)`,
  });
  await assert.rejects(fetchText('http://[bad', { timeoutMs: 2000 }), { name: 'FetchError', message: 'http://[bad: not a valid URL' });
  await assert.rejects(fetchText('ftp://example.com/x', { timeoutMs: 2000 }), /only http and https/);
});

test('fetchText refuses bodies over maxBytes', async () => {
  const { url, server } = await serve((_req, res) => res.end('x'.repeat(5000)));
  try {
    await assert.rejects(fetchText(url, { timeoutMs: 5000, maxBytes: 1000 }), /larger than 1000 bytes/);
  } finally {
    await close(server);
  }
});
