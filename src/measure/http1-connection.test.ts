// The load generator's HTTP/1.1 connection against raw TCP servers on
// 127.0.0.1: every way a response can be framed, split anywhere, reused
// over keep-alive, and the failures a connection reports.

import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { buildRequest, Http1Connection } from './http1-connection.js';

const REQ = buildRequest({ method: 'GET', path: '/x?y=1', host: '127.0.0.1', headers: [['X-Test', '1']], body: null });

async function rawServer(onRequest: (sock: Socket, n: number) => void): Promise<{ port: number; server: Server; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((sock) => {
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let end;
      while ((end = buf.indexOf('\r\n\r\n')) >= 0) {
        requests.push(buf.slice(0, end));
        buf = buf.slice(end + 4);
        onRequest(sock, requests.length);
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, server, requests };
}

function exchange(port: number, times: number): Promise<{ responses: [number, number][]; failures: string[] }> {
  return new Promise((resolve) => {
    const responses: [number, number][] = [];
    const failures: string[] = [];
    const conn: Http1Connection = new Http1Connection({ host: '127.0.0.1', port, tls: false }, (status, bytes) => {
      responses.push([status, bytes]);
      if (responses.length < times && !conn.closed) conn.send(REQ);
      else {
        conn.destroy();
        resolve({ responses, failures });
      }
    }, (code) => {
      failures.push(code);
      resolve({ responses, failures });
    });
    conn.send(REQ);
  });
}

async function close(server: Server): Promise<void> {
  await new Promise((r) => server.close(r));
}

test('requests are built once, with Host, a user agent and the headers given', () => {
  const text = REQ.toString('latin1');
  assert.equal(text, 'GET /x?y=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: gotune-measure\r\nAccept: */*\r\nX-Test: 1\r\n\r\n');
  const post = buildRequest({ method: 'POST', path: '/', host: 'h', headers: [['user-agent', 'me']], body: Buffer.from('abc') }).toString();
  assert.ok(post.endsWith('user-agent: me\r\nContent-Length: 3\r\n\r\nabc'));
  assert.ok(!post.includes('gotune-measure'));
});

test('Content-Length, chunked and empty bodies, split at every byte, over one keep-alive connection', async () => {
  const bodies = [
    'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello',
    'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\nTrailer: x\r\n\r\n',
    'HTTP/1.1 204 No Content\r\n\r\n',
    'HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
  ];
  const { port, server } = await rawServer((sock, n) => {
    const text = Buffer.from(bodies[(n - 1) % bodies.length]);
    // One byte at a time for the first round, whole afterwards.
    if (n <= bodies.length) for (let i = 0; i < text.length; i++) sock.write(text.subarray(i, i + 1));
    else sock.write(text);
  });
  try {
    const { responses, failures } = await exchange(port, bodies.length * 2);
    assert.deepEqual(failures, []);
    assert.deepEqual(responses.map(([s]) => s), [200, 201, 204, 500, 200, 200, 201, 204, 500, 200]);
    assert.deepEqual(responses.slice(0, 5).map(([, b]) => b), bodies.map((b) => b.length));
  } finally {
    await close(server);
  }
});

test('a body delimited by the connection closing, and Connection: close', async () => {
  const { port, server } = await rawServer((sock, n) => {
    if (n === 1) sock.end('HTTP/1.0 200 OK\r\n\r\nuntil close');
    else sock.end('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
  });
  try {
    const a = await exchange(port, 1);
    assert.deepEqual(a, { responses: [[200, 'HTTP/1.0 200 OK\r\n\r\nuntil close'.length]], failures: [] });
    const b = await new Promise<{ status: number; closed: boolean }>((resolve) => {
      const c: Http1Connection = new Http1Connection({ host: '127.0.0.1', port, tls: false }, (status) => resolve({ status, closed: c.closed }), () => {});
      c.send(REQ);
    });
    assert.deepEqual(b, { status: 200, closed: true });
  } finally {
    await close(server);
  }
});

test('failures: refused, reset mid-response, closed before answering', async () => {
  const { port, server } = await rawServer((sock, n) => {
    if (n === 1) {
      sock.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
      sock.resetAndDestroy();
    } else sock.destroy();
  });
  try {
    // A reset may surface as an error or as the end of the stream, depending on timing.
    const reset = await exchange(port, 1);
    assert.deepEqual(reset.responses, []);
    assert.ok(['ECONNRESET', 'CLOSED'].includes(reset.failures[0]), reset.failures.join());
    assert.deepEqual((await exchange(port, 1)).failures, ['CLOSED']);
  } finally {
    await close(server);
  }
  assert.deepEqual((await exchange(port, 1)).failures, ['ECONNREFUSED']);
});
