// `gotune pprof` with URL sources, end to end: against a real Go service
// (an example service on ephemeral ports of 127.0.0.1) and, where Go is
// installed, beside `go tool pprof` on the same served profile: the same
// report and the same saved copy.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { goMissing, startExample, type RunningExample } from '../testkit/examples.js';
import { profilesDir, runCli } from '../testkit/run-cli.js';

const skip = goMissing() ?? false;
if (skip) console.log(`# skipped: ${skip}`);
const work = mkdtempSync(join(tmpdir(), 'gotune-pprof-url-'));
process.env.PPROF_TMPDIR = join(work, 'ours');
let svc: RunningExample | null = null;

before(async () => {
  if (!skip) svc = await startExample('lock-contention');
}, { timeout: 300_000 });
after(async () => {
  await svc?.stop();
  rmSync(work, { recursive: true, force: true });
});

test('gotune pprof -top http://…/debug/pprof/heap on a live Go service', { skip }, async () => {
  const src = `${svc!.pprof}/debug/pprof/heap`;
  const r = await runCli(['pprof', '-top', '-nodecount=3', src]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const out = r.stdout.toString();
  assert.match(out, /^File: lock-contention\n/);
  assert.match(out, /\nType: inuse_space\n/);
  assert.equal(r.stderr[0], `Fetching profile over HTTP from ${src}`);
  const saved = join(work, 'ours', 'pprof.lock-contention.alloc_objects.alloc_space.inuse_objects.inuse_space.001.pb.gz');
  assert.equal(r.stderr[1], `Saved profile in ${saved}`);
  assert.equal(r.stderr.length, 2);
});

test('host:port with -seconds takes a CPU profile; a mutex profile has samples', { skip }, async () => {
  const host = svc!.pprof.replace('http://', '');
  // Some load, so that the mutex is contended while we profile.
  const contend = () => Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = 0; i < 20; i++) await fetch(`${svc!.service}/work?key=a&iters=3000`);
  }));
  const mutexReport = () => runCli(['pprof', '-top', '-nodefraction=0', '-focus=main\\.', `${svc!.pprof}/debug/pprof/mutex`]);
  const [cpu, first] = await Promise.all([
    runCli(['pprof', '-top', '-nodecount=3', '-seconds=1', host]),
    contend().then(mutexReport),
  ]);
  // On a busy machine the requests may not have overlapped yet: load again.
  let mutex = first;
  for (let k = 0; k < 3 && !/sync\.\(\*Mutex\)\.Unlock/.test(mutex.stdout.toString()); k++) {
    await contend();
    mutex = await mutexReport();
  }
  assert.equal(cpu.code, 0, cpu.stderr.join('\n'));
  assert.match(cpu.stdout.toString(), /\nType: cpu\n/);
  assert.deepEqual(cpu.stderr.slice(0, 2), [`Fetching profile over HTTP from http://${host}/debug/pprof/profile?seconds=1`, 'Please wait... (1s)']);
  assert.equal(mutex.code, 0, mutex.stderr.join('\n'));
  assert.match(mutex.stdout.toString(), /\nType: delay\n/);
  assert.match(mutex.stdout.toString(), /sync\.\(\*Mutex\)\.Unlock/);
});

test('errors: refused, unknown profile, bad TLS flags', { skip }, async () => {
  const bad = await runCli(['pprof', '-top', `${svc!.pprof}/debug/pprof/nosuch`]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr[bad.stderr.length - 1], `gotune pprof: ${svc!.pprof}/debug/pprof/nosuch: server response: 404 Not Found - Unknown profile`);
  const refused = await runCli(['pprof', '-top', '127.0.0.1:1/debug/pprof/heap']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr[refused.stderr.length - 1], /^gotune pprof: 127\.0\.0\.1:1\/debug\/pprof\/heap: Get "http:\/\/127\.0\.0\.1:1\/debug\/pprof\/heap": dial tcp 127\.0\.0\.1:1: connect: connection refused/);
  const tls = await runCli(['pprof', '-top', '-tls_cert=x.pem', `${svc!.pprof}/debug/pprof/heap`]);
  assert.equal(tls.code, 2);
  assert.match(tls.stderr[tls.stderr.length - 1], /-tls_cert is specified, so -tls_key must also be specified$/);
});

test('the same report and saved copy as go tool pprof for a served profile', { skip }, async () => {
  const body = readFileSync(join(profilesDir(), 'heap2.pb.gz'));
  const server = createServer((_req, res) => res.end(body));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const src = `127.0.0.1:${(server.address() as AddressInfo).port}/debug/pprof/heap`;
  try {
    const ours = await runCli(['pprof', '-top', '-nodecount=6', src]);
    assert.equal(ours.code, 0, ours.stderr.join('\n'));
    const theirs = await new Promise<{ stdout: string; stderr: string; status: number | null }>((resolve) => {
      // Asynchronously: the server runs in this process.
      const c = spawn('go', ['tool', 'pprof', '-top', '-nodecount=6', src], { env: { ...process.env, PPROF_TMPDIR: join(work, 'theirs'), TZ: process.env.TZ ?? '' } });
      let stdout = '', stderr = '';
      c.stdout.on('data', (d: Buffer) => (stdout += d));
      c.stderr.on('data', (d: Buffer) => (stderr += d));
      c.on('close', (status: number | null) => resolve({ stdout, stderr, status }));
    });
    assert.equal(theirs.status, 0, theirs.stderr);
    const strip = (s: string) => s.replace(/^Build ID: .*\n/m, '');
    assert.equal(strip(ours.stdout.toString()), strip(theirs.stdout));
    assert.equal(ours.stderr[0], theirs.stderr.split('\n')[0]);
    const name = 'pprof.heap.alloc_objects.alloc_space.inuse_objects.inuse_space.001.pb.gz';
    assert.ok(readdirSync(join(work, 'theirs')).includes(name), readdirSync(join(work, 'theirs')).join());
    // Byte for byte once gunzipped (the gzip framing of Go and zlib differ).
    assert.deepEqual(gunzipSync(readFileSync(join(work, 'ours', name))), gunzipSync(readFileSync(join(work, 'theirs', name))));
  } finally {
    server.close();
  }
});
