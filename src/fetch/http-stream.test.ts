// httpGetStream against node:http servers on 127.0.0.1 with ephemeral
// ports: a streamed body, the status of an error answer, refused
// connections, silent servers, bad URLs, and a body that stalls.

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { httpGetStream } from './http-get.js';

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((r) => server.close(() => r()));
}

async function text(body: AsyncIterable<Uint8Array>): Promise<string> {
  let s = '';
  for await (const c of body) s += Buffer.from(c).toString('utf8');
  return s;
}

test('httpGetStream streams the body as it arrives', async () => {
  const { url, server } = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('goroutine 1 [running]:\n');
    setTimeout(() => res.end(`path=${req.url}\n`), 50);
  });
  try {
    const r = await httpGetStream(`${url}/debug/pprof/goroutine?debug=2`, { headerTimeoutMs: 5000 });
    assert.equal(r.status, 200);
    assert.equal(await text(r.body), 'goroutine 1 [running]:\npath=/debug/pprof/goroutine?debug=2\n');
  } finally {
    await close(server);
  }
});

test('an error status is returned with its body', async () => {
  const { url, server } = await serve((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Unknown profile: gorutine\n');
  });
  try {
    const r = await httpGetStream(`${url}/debug/pprof/gorutine`, { headerTimeoutMs: 5000 });
    assert.equal(r.statusText, '404 Not Found');
    assert.equal(await text(r.body), 'Unknown profile: gorutine\n');
  } finally {
    await close(server);
  }
});

test('a refused connection, a silent server, a stalled body and a bad URL fail with one clear line', async () => {
  const { url, server } = await serve((req, res) => {
    if (req.url === '/stall') {
      res.writeHead(200);
      res.write('partial\n');
    }
    /* else: never answers */
  });
  const port = new URL(url).port;
  try {
    await assert.rejects(httpGetStream(url + '/', { headerTimeoutMs: 200 }),
      { name: 'TimeoutError', message: `Get "${url}/": net/http: timeout awaiting response headers (waited 0.2s)` });
    const r = await httpGetStream(url + '/stall', { headerTimeoutMs: 5000, idleTimeoutMs: 200 });
    await assert.rejects(text(r.body), { name: 'TimeoutError', message: `Get "${url}/stall": the server stopped sending the body for 0.2s` });
  } finally {
    await close(server);
  }
  // The port is free again: nobody listens there.
  await assert.rejects(httpGetStream(url + '/', { headerTimeoutMs: 2000 }), {
    name: 'FetchError', message: `Get "${url}/": dial tcp 127.0.0.1:${port}: connect: connection refused (is the service running and listening there?)`,
  });
  await assert.rejects(httpGetStream('http://[bad', { headerTimeoutMs: 2000 }), { name: 'FetchError', message: 'parse "http://[bad": invalid URL' });
  await assert.rejects(httpGetStream('ftp://example.com/x', { headerTimeoutMs: 2000 }), /unsupported protocol scheme "ftp"/);
});
