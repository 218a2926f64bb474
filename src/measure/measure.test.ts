// `gotune measure` against real processes on 127.0.0.1: an example Go
// service measured end to end, and every way a run can go wrong — the
// target down, hanging, not pprof, the service dying mid-run, Ctrl-C, bad
// arguments — each with a clear message and nothing captured lost.
// The Go parts skip, saying why, where Go is not installed.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { goMissing, startExample } from '../testkit/examples.js';
import { runCli } from '../testkit/run-cli.js';
import type { RunJson } from '../run/run-json.js';

const skipGo = goMissing() ?? false;
if (skipGo) console.log(`# skipped: ${skipGo}`);
const work = mkdtempSync(join(tmpdir(), 'gotune-measure-'));
after(() => rmSync(work, { recursive: true, force: true }));
const readRun = (dir: string): RunJson => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunJson;

async function serve(h: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ base: string; server: Server; stop(): Promise<void> }> {
  const server = createServer(h);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server,
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

test('an example service measured end to end: KPIs, profiles, run.json, summary', { skip: skipGo, timeout: 300_000 }, async () => {
  const svc = await startExample('lock-contention');
  const out = join(work, 'lock');
  try {
    const r = await runCli(['measure', '--target', svc.target, '--pprof', svc.pprof, '--duration', '2s', '--warmup', '500ms',
      '--repeat', '2', '-c', '8', '--out', out]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const run = readRun(out);
    assert.equal(run.version, 1);
    assert.equal(run.complete, true);
    assert.equal(run.status, 'complete');
    assert.equal(run.repetitions.length, 2);
    assert.deepEqual(run.config.profiles, ['cpu', 'heap', 'allocs', 'goroutine', 'block', 'mutex']);
    assert.match(run.environment.go?.version ?? '', /^go1\./);
    assert.deepEqual(run.warnings, []);
    for (const rep of run.repetitions) {
      const k = rep.kpis;
      assert.ok(k.load.requests > 10 && k.load.throughputRps > 5, JSON.stringify(k.load));
      assert.equal(k.load.errors.total, 0);
      assert.ok(k.load.latencyUs.p50 > 0 && k.load.latencyUs.p50 <= k.load.latencyUs.p95 && k.load.latencyUs.p99 <= k.load.latencyUs.max);
      assert.ok(k.cpu && k.cpu.cores > 0.1 && k.cpu.profileSeconds >= 1.9, JSON.stringify(k.cpu));
      assert.ok(k.memory?.heapInuseEnd && k.memory.profileInuseEnd !== null, JSON.stringify(k.memory));
      assert.ok(k.gc && k.gc.cpuFraction >= 0, JSON.stringify(k.gc));
      assert.ok(k.goroutines?.start && k.goroutines.end, JSON.stringify(k.goroutines));
      assert.equal(rep.latencyHistogram.count, k.load.requests);
      const names = rep.captures.map((c) => c.name);
      for (const n of ['cpu', 'block', 'mutex', 'heap.start', 'heap.end', 'allocs.start', 'allocs.end', 'goroutine.start',
        'goroutine.end', 'goroutine.start.debug2', 'goroutine.end.debug2', 'memstats.start', 'memstats.end', 'vars.start', 'vars.end']) {
        const c = rep.captures.find((x) => x.name === n);
        assert.ok(c?.ok, `${n}: ${JSON.stringify(c)} in ${names.join(',')}`);
        assert.ok(existsSync(join(out, c.file!)), c.file!);
      }
      assert.equal(rep.captures.find((c) => c.name === 'mutex')?.hint, undefined);
    }
    // The profiles are real: gotune pprof reads them, and the contention shows.
    const top = await runCli(['pprof', '-top', '-nodecount=5', join(out, 'rep-1', 'mutex.pb.gz')]);
    assert.equal(top.code, 0, top.stderr.join('\n'));
    assert.match(top.stdout.toString(), /sync\.\(\*Mutex\)\.Unlock/);
    const s = r.stdout.toString();
    assert.match(s, /^gotune measure: GET http:\/\/127\.0\.0\.1:\d+\/work\?key=a&iters=500\n/);
    assert.match(s, /\nREP +REQ\/S +P50 +P90 +P95 +P99 +MAX +ERRORS +CPU +HEAP INUSE +GC\/S +GC P99 +GOROUTINES\n1 /);
    assert.match(s, /\nmean /);
    assert.match(s, /— complete\n/);
    assert.match(s, /Note: the service and the load generator share this machine's \d+ cores\./);
  } finally {
    await svc.stop();
  }
});

test('empty block and mutex profiles are explained (the rates were never set)', { skip: skipGo, timeout: 300_000 }, async () => {
  const svc = await startExample('slow-cpu');
  const out = join(work, 'empty');
  try {
    const r = await runCli(['measure', '--target', `${svc.service}/work?iters=50`, '--pprof', svc.pprof, '--duration', '1s',
      '--warmup', '0', '--profiles', 'block,mutex', '-c', '2', '--out', out]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const run = readRun(out);
    assert.equal(run.complete, true);
    assert.equal(run.warnings.length, 2);
    assert.match(run.warnings.join('\n'), /runtime\.SetBlockProfileRate/);
    assert.match(run.warnings.join('\n'), /runtime\.SetMutexProfileFraction/);
    assert.match(r.stdout.toString(), /Warning: the block profile is empty/);
    assert.equal(run.repetitions[0].kpis.cpu, null);
  } finally {
    await svc.stop();
  }
});

test('the service dying mid-run: the run is kept, marked incomplete, with what was captured', { skip: skipGo, timeout: 300_000 }, async () => {
  const svc = await startExample('hello');
  const out = join(work, 'died');
  setTimeout(() => svc.process.kill('SIGKILL'), 1000);
  const r = await runCli(['measure', '--target', svc.target, '--pprof', svc.pprof, '--duration', '10s', '--warmup', '0',
    '-c', '2', '--repeat', '2', '--out', out]);
  assert.equal(r.code, 1);
  assert.match(r.stderr.join('\n'), /the service stopped answering .* \(ECONNREFUSED/);
  const run = readRun(out);
  assert.equal(run.complete, false);
  assert.equal(run.status, 'service-died');
  assert.match(run.reason!, /kept what was captured/);
  assert.equal(run.repetitions.length, 1);
  const rep = run.repetitions[0];
  assert.equal(rep.complete, false);
  assert.ok(rep.durationSeconds < 5, String(rep.durationSeconds));
  assert.ok(rep.kpis.load.requests > 0);
  assert.ok(rep.kpis.load.errors.connection > 0);
  const heap = rep.captures.find((c) => c.name === 'heap.start')!;
  assert.ok(heap.ok && existsSync(join(out, heap.file!)), JSON.stringify(heap));
  assert.equal(rep.captures.find((c) => c.name === 'cpu')?.ok, false);
  assert.match(r.stdout.toString(), /INCOMPLETE \(service-died: /);
});

test('Ctrl-C stops the load and keeps what was captured in run.json', { skip: skipGo, timeout: 300_000 }, async () => {
  const svc = await startExample('hello');
  const out = join(work, 'sigint');
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'bin.js'),
    'measure', '--target', svc.target, '--pprof', svc.pprof, '--duration', '20s', '--warmup', '0', '-c', '2', '--out', out],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
    // Interrupt once the window is open and the start snapshots are in.
    if (stderr.includes('Repetition 1/1') && !child.killed) setTimeout(() => child.kill('SIGINT'), 1500);
  });
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  try {
    assert.equal(code, 130, stderr);
    assert.match(stderr, /gotune measure: interrupted: stopping the load, keeping what was captured/);
    assert.doesNotMatch(stdout, /interrupted: interrupted/);
    const run = readRun(out);
    assert.equal(run.status, 'interrupted');
    assert.equal(run.complete, false);
    const rep = run.repetitions[0];
    assert.equal(rep.complete, false);
    assert.ok(rep.durationSeconds > 1 && rep.durationSeconds < 5, String(rep.durationSeconds));
    assert.ok(rep.kpis.load.requests > 0);
    assert.ok(rep.captures.find((c) => c.name === 'goroutine.start')?.ok);
    assert.match(rep.captures.find((c) => c.name === 'cpu')?.error ?? '', /cancelled/);
    assert.match(stdout, /INCOMPLETE \(interrupted/);
  } finally {
    await svc.stop();
  }
});

test('a target that refuses, or accepts and never answers, stops the run before it starts', async () => {
  const s = await serve(() => { /* never answers */ });
  try {
    const hung = await runCli(['measure', '--target', `${s.base}/work`, '--timeout', '300ms', '--out', join(work, 'hung')]);
    assert.equal(hung.code, 2);
    assert.match(hung.stderr[0], /^gotune measure: --target http:\/\/127\.0\.0\.1:\d+\/work: no answer from 127\.0\.0\.1:\d+ within 0\.3s: the service accepts connections but does not respond/);
    assert.equal(existsSync(join(work, 'hung')), false);
  } finally {
    await s.stop();
  }
  const refused = await runCli(['measure', '--target', `${s.base}/work`, '--out', join(work, 'refused')]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr[0], /--target http:\/\/127\.0\.0\.1:(\d+)\/work: connection refused at 127\.0\.0\.1:\1: is the service running/);
  assert.equal(existsSync(join(work, 'refused')), false);
});

test('not pprof: an HTML page at --pprof, then 404s and HTML for single profiles', async () => {
  let mode = 'html';
  const s = await serve((req, res) => {
    const u = req.url!;
    if (u.startsWith('/work')) return void res.end('ok');
    if (mode === 'html') {
      res.setHeader('content-type', 'text/html');
      return void res.end('<!DOCTYPE html><html><body>Welcome</body></html>');
    }
    if (u.startsWith('/debug/pprof/goroutine?debug=1')) return void res.end('goroutine profile: total 1\n');
    if (u.startsWith('/debug/pprof/heap')) {
      res.setHeader('content-type', 'text/html');
      return void res.end('<html>login required</html>');
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-go-pprof': '1' });
    res.end('Unknown profile\n');
  });
  try {
    const html = await runCli(['measure', '--target', `${s.base}/work`, '--pprof', s.base, '--out', join(work, 'html')]);
    assert.equal(html.code, 2);
    assert.match(html.stderr[0], /--pprof .*goroutine\?debug=1: the answer is an HTML page: is this the service's \/debug\/pprof address/);
    mode = 'partial';
    const out = join(work, 'partial');
    const r = await runCli(['measure', '--target', `${s.base}/work`, '--pprof', s.base, '--duration', '1s', '--warmup', '0',
      '-c', '2', '--profiles', 'heap,block', '--out', out]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const run = readRun(out);
    const caps = Object.fromEntries(run.repetitions[0].captures.map((c) => [c.name, c]));
    assert.equal(caps['heap.start'].ok, false);
    assert.match(caps['heap.start'].error!, /HTML page, not a profile/);
    assert.equal(caps.block.error, 'server response: 404 Not Found - Unknown profile');
    assert.match(caps['memstats.start'].error!, /HTML page/);
    assert.match(caps['vars.start'].error!, /optional/);
    assert.equal(caps['vars.end'], undefined); // not asked again
    assert.match(r.stdout.toString(), /captures failed:\n {2}rep 1 block: server response: 404 Not Found - Unknown profile/);
  } finally {
    await s.stop();
  }
});

test('bad arguments and a used run directory', async () => {
  const none = await runCli(['measure']);
  assert.equal(none.code, 2);
  assert.deepEqual(none.stderr, ['gotune measure: --target is required (the URL to load, e.g. http://127.0.0.1:8080/work)', 'run `gotune measure -h` for usage']);
  const help = await runCli(['measure', '-h']);
  assert.equal(help.code, 0);
  assert.match(help.stdout.toString(), /^usage: gotune measure --target URL/);
  const s = await serve((_req, res) => res.end('ok'));
  const used = join(work, 'used');
  mkdirSync(used);
  writeFileSync(join(used, 'run.json'), '{}');
  try {
    const r = await runCli(['measure', '--target', `${s.base}/`, '--out', used]);
    assert.equal(r.code, 2);
    assert.match(r.stderr[0], /used: already exists and is not empty \(choose another --out, or remove it\)$/);
    const bad = await runCli(['measure', '--target', `${s.base}/`, '--pprof', 'ftp://x', '--out', join(work, 'x')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr[0], /--pprof: the scheme must be http or https/);
  } finally {
    await s.stop();
  }
});

test('load only (no --pprof), open loop at a fixed rate', async () => {
  const s = await serve((_req, res) => res.end('ok'));
  const out = join(work, 'loadonly');
  try {
    const r = await runCli(['measure', '--target', `${s.base}/x`, '--rate', '100', '--duration', '1s', '--warmup', '0', '-c', '4', '--out', out]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const run = readRun(out);
    assert.equal(run.config.mode, 'open-loop');
    assert.equal(run.config.pprof, null);
    assert.deepEqual(run.config.profiles, []);
    const k = run.repetitions[0].kpis;
    assert.ok(k.load.openLoop && k.load.openLoop.scheduled >= 95 && k.load.openLoop.notSent === 0, JSON.stringify(k.load.openLoop));
    assert.ok(k.load.requests >= 85, String(k.load.requests));
    assert.equal(k.cpu, null);
    assert.equal(k.memory, null);
    assert.deepEqual(run.repetitions[0].captures, []);
    assert.match(r.stdout.toString(), /open loop at 100 req\/s, 4 connections/);
    assert.match(r.stdout.toString(), /timed from when each request was due/);
  } finally {
    await s.stop();
  }
});

test('a target that starts hanging mid-run: its requests are counted as timeouts', async () => {
  let answered = 0;
  const s = await serve((_req, res) => {
    if (++answered <= 20) res.end('ok'); // then it hangs
  });
  const out = join(work, 'hangs');
  try {
    const r = await runCli(['measure', '--target', `${s.base}/x`, '--duration', '1s', '--warmup', '0', '-c', '2', '--timeout', '250ms', '--out', out]);
    // A quarter of the requests or more never answered: the load failed.
    assert.equal(r.code, 1, r.stderr.join('\n'));
    assert.ok(r.stderr.some((l) => /^gotune measure: the load failed: [\d.]+% of \d+ requests failed: timeout ×\d+; above --max-error-rate 5%$/.test(l)), r.stderr.join('\n'));
    const k = readRun(out).repetitions[0].kpis.load;
    assert.ok(k.errors.timeouts >= 4, JSON.stringify(k.errors));
    assert.match(r.stdout.toString(), /\nErrors in repetition 1: timeouts ×\d+\n/);
  } finally {
    await s.stop();
  }
});

test('a load that fails fails: 404s are not throughput, and the run is kept, marked failed', async () => {
  let n = 0;
  const s = await serve((req, res) => {
    if (req.url === '/flaky') {
      // One request in fifty fails: under the default --max-error-rate of 5%.
      n++;
      res.writeHead(n % 50 === 0 ? 503 : 200);
      res.end('ok');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found\n');
  });
  try {
    const out = join(work, 'all404');
    const r = await runCli(['measure', '--target', `${s.base}/wrong/path`, '--duration', '1s', '--warmup', '0', '-c', '2', '--out', out]);
    assert.equal(r.code, 1, r.stderr.join('\n'));
    assert.ok(r.stderr.some((l) => /^gotune measure: the load failed: every request failed \([\d,]+\): HTTP 404 ×[\d,]+$/.test(l)), r.stderr.join('\n'));
    const run = readRun(out);
    assert.equal(run.status, 'failed');
    assert.equal(run.complete, false);
    assert.equal(run.repetitions.length, 1);
    const load = run.repetitions[0].kpis.load;
    assert.equal(load.throughputRps, 0);
    assert.equal(load.succeeded, 0);
    assert.equal(load.errorRate, 1);
    assert.ok(load.requests > 0);
    assert.match(r.stdout.toString(), /Run: .*all404 — FAILED \(the load failed: every request failed/);
    // Even with a tolerance of 100%, nothing succeeding is a failure.
    const r100 = await runCli(['measure', '--target', `${s.base}/wrong`, '--duration', '1s', '--warmup', '0', '-c', '1', '--max-error-rate', '100%', '--out', join(work, 'all404b')]);
    assert.equal(r100.code, 1);
    const flaky = await runCli(['measure', '--target', `${s.base}/flaky`, '--duration', '1s', '--warmup', '0', '-c', '2', '--out', join(work, 'flaky')]);
    assert.equal(flaky.code, 0, flaky.stderr.join('\n'));
    assert.match(flaky.stdout.toString(), /Requests: [\d,]+ succeeded, [\d,]+ failed \(\d+(\.\d+)?%: HTTP 503 ×[\d,]+\)/);
    const strict = await runCli(['measure', '--target', `${s.base}/flaky`, '--duration', '1s', '--warmup', '0', '-c', '2', '--max-error-rate', '0.5', '--out', join(work, 'strict')]);
    assert.equal(strict.code, 1, strict.stderr.join('\n'));
    assert.ok(strict.stderr.some((l) => /the load failed: \d+(\.\d+)?% of [\d,]+ requests failed: HTTP 503 ×[\d,]+; above --max-error-rate 0\.5%/.test(l)), strict.stderr.join('\n'));
    assert.equal((await runCli(['measure', '--target', `${s.base}/`, '--max-error-rate', 'lots'])).code, 2);
  } finally {
    await s.stop();
  }
});

test('--trace keeps an execution trace of the window, for go tool trace; gotune pprof points there', { skip: skipGo, timeout: 300_000 }, async () => {
  const svc = await startExample('hello');
  const out = join(work, 'trace');
  try {
    const r = await runCli(['measure', '--target', svc.target, '--pprof', svc.pprof, '--duration', '1s', '--warmup', '0', '-c', '2',
      '--profiles', 'cpu', '--trace', '--out', out]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const run = readRun(out);
    assert.deepEqual(run.config.profiles, ['cpu', 'trace']);
    const trace = run.repetitions[0].captures.find((c) => c.name === 'trace')!;
    assert.ok(trace.ok, JSON.stringify(trace));
    assert.equal(trace.file, 'rep-1/trace.out');
    assert.match(readFileSync(join(out, 'rep-1', 'trace.out')).subarray(0, 16).toString('latin1'), /^go 1\.\d+ trace\0/);
    assert.match(r.stdout.toString(), /go tool trace .*rep-1\/trace\.out/);
    const pprof = await runCli(['pprof', '-top', join(out, 'rep-1', 'trace.out')]);
    assert.equal(pprof.code, 2);
    assert.deepEqual(pprof.stderr, [`gotune pprof: ${join(out, 'rep-1', 'trace.out')}: a Go execution trace, not a profile: open it with \`go tool trace\` (gotune pprof reads profiles)`]);
  } finally {
    await svc.stop();
  }
});
