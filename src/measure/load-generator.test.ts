// The load generator against node:http servers on 127.0.0.1: windows,
// closed and open loop, coordinated omission, timeouts, a target going away.

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { LoadGenerator, type LoadOptions, type TargetDown } from './load-generator.js';

async function serve(h: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: URL; server: Server; stop(): Promise<void> }> {
  const server = createServer(h);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/work`);
  return {
    url, server,
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const base = (url: URL, o: Partial<LoadOptions> = {}): LoadOptions =>
  ({ url, method: 'GET', headers: [], body: null, connections: 4, rate: 0, timeoutMs: 5000, ...o });

test('closed loop: only the window is recorded; every response is counted once', async () => {
  let served = 0;
  const s = await serve((req, res) => {
    served++;
    res.end(req.url === '/work' ? 'ok' : 'no');
  });
  const g = new LoadGenerator(base(s.url));
  try {
    g.start();
    await sleep(200);
    const before = g.totalResponses;
    g.startWindow();
    await sleep(500);
    const w = g.endWindow();
    assert.ok(before > 0, 'the warm-up sent requests');
    assert.ok(w.responses > 20, `responses ${w.responses}`);
    assert.equal(w.latency.count, w.responses);
    assert.deepEqual(w.statuses, { 200: w.responses });
    assert.equal(w.httpErrors + w.timeouts, 0);
    assert.deepEqual(w.connectionErrors, {});
    assert.ok(w.responses < g.totalResponses && g.totalResponses <= served);
    assert.ok(w.durationMs >= 490 && w.durationMs < 1000, String(w.durationMs));
    assert.equal(w.scheduled, undefined);
  } finally {
    g.stop();
    await s.stop();
  }
});

test('open loop holds the rate; error statuses are counted', async () => {
  let n = 0;
  const s = await serve((_req, res) => {
    res.statusCode = ++n % 10 === 0 ? 503 : 200;
    res.end();
  });
  const g = new LoadGenerator(base(s.url, { rate: 200 }));
  try {
    g.start();
    await sleep(100);
    g.startWindow();
    await sleep(1000);
    const w = g.endWindow();
    assert.ok(w.responses >= 170 && w.responses <= 215, `responses ${w.responses}`);
    assert.ok(w.scheduled! >= 195 && w.scheduled! <= 205, `scheduled ${w.scheduled}`);
    assert.equal(w.notSent, 0);
    assert.ok(w.httpErrors >= 14 && w.httpErrors <= 24, `errors ${w.httpErrors}`);
    assert.equal(w.sendLag!.count > 0, true);
  } finally {
    g.stop();
    await s.stop();
  }
});

test('open loop counts a stall in every request that was due during it (no coordinated omission)', async () => {
  // The server answers at once, except that requests arriving in a 300 ms
  // stall are held until the stall ends.
  let stallUntil = 0;
  const held: ServerResponse[] = [];
  const s = await serve((_req, res) => {
    if (Date.now() < stallUntil) held.push(res);
    else res.end('ok');
  });
  const run = async (o: Partial<LoadOptions>) => {
    const g = new LoadGenerator(base(s.url, o));
    g.start();
    await sleep(100);
    g.startWindow();
    await sleep(200);
    stallUntil = Date.now() + 300;
    setTimeout(() => held.splice(0).forEach((r) => r.end('ok')), 300);
    await sleep(800);
    const w = g.endWindow();
    g.stop();
    return w;
  };
  try {
    const open = await run({ rate: 100, connections: 2 });
    // ~30 requests were due during the stall: the top tenth waited 200-300 ms.
    assert.ok(open.latency.percentile(90) >= 150_000, `open loop p90 ${open.latency.percentile(90)}µs`);
    assert.ok(open.responses >= 85, `responses ${open.responses}`);
    const closed = await run({ connections: 2 });
    // Closed loop: only the two requests in flight saw the stall.
    assert.ok(closed.latency.percentile(90) < 50_000, `closed loop p90 ${closed.latency.percentile(90)}µs`);
    assert.ok(closed.latency.max >= 250_000, `closed loop max ${closed.latency.max}µs`);
  } finally {
    await s.stop();
  }
});

test('requests without an answer time out and the connections are replaced', async () => {
  let n = 0;
  const s = await serve((_req, res) => {
    if (++n <= 2) return; // the first two never get an answer
    res.end('ok');
  });
  const g = new LoadGenerator(base(s.url, { connections: 2, timeoutMs: 200 }));
  try {
    g.startWindow();
    g.start();
    await sleep(600);
    const w = g.endWindow();
    assert.equal(w.timeouts, 2);
    assert.ok(w.responses > 10, `responses ${w.responses}`);
  } finally {
    g.stop();
    await s.stop();
  }
});

test('a target that goes away is reported once, with connection errors counted', async () => {
  const s = await serve((_req, res) => res.end('ok'));
  const g = new LoadGenerator(base(s.url, { connections: 2 }));
  const downs: TargetDown[] = [];
  g.onDown = (d) => downs.push(d);
  try {
    g.start();
    g.startWindow();
    await sleep(100);
    await s.stop();
    const t0 = Date.now();
    while (downs.length === 0 && Date.now() - t0 < 5000) await sleep(50);
    const w = g.endWindow();
    assert.equal(downs.length, 1);
    assert.equal(downs[0].code, 'ECONNREFUSED');
    assert.ok(downs[0].silentMs >= 500);
    assert.ok((w.connectionErrors.ECONNREFUSED ?? 0) > 0, JSON.stringify(w.connectionErrors));
    // Backing off: a handful of attempts per second, not thousands.
    assert.ok(w.connectionErrors.ECONNREFUSED < 100, JSON.stringify(w.connectionErrors));
  } finally {
    g.stop();
  }
});
