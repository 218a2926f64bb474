// `gotune tune` on a real service: the baseline measured and diagnosed;
// then, after "Enter", the service restarted as its fixed twin on the same
// ports, measured again and verified against the baseline and its goal,
// into the journal of the directory it ran in. Needs Go; skipped without.
// Also its usage errors.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { goMissing, startExample } from '../node/example-services.js';
import { packageRoot } from '../node/package-root.js';

const BIN = join(packageRoot(), 'bin', 'gotune.js');
const missing = goMissing();

test('gotune tune: a round after a restart is verified against the baseline', { skip: missing ?? false, timeout: 240_000 }, async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'gotune-tune-'));
  let svc = await startExample('slow-cpu');
  const addr = new URL(svc.service).host, pprofAddr = new URL(svc.pprof).host;
  const child = spawn(process.execPath, [BIN, 'tune', '--target', svc.target, '--pprof', svc.pprof, '--duration', '2s', '--repeat', '4',
    '--concurrency', '8', '--goal', 'p99=-20%', '--rounds', '1', '--out', 'tuning'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '', err = '';
  child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
  const prompted = new Promise<void>((resolve) => {
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (/round 1: change the code, restart the service, then press Enter/.test(err)) resolve();
    });
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
  try {
    await Promise.race([prompted, exited]);
    await svc.stop();
    svc = await startExample('slow-cpu', { fixed: true, args: ['-addr', addr, '-pprof', pprofAddr] });
    child.stdin.write('\n');
    const code = await exited;
    assert.equal(code, 0, err.slice(-3000));
  } finally {
    await svc.stop();
    child.kill();
  }
  assert.match(err, /diagnosing the baseline/);
  assert.match(out, /cpu-hotspot|anti-pattern/);
  assert.match(out, /^\s+met\s+p99=-20%: +improved/m);
  for (const r of ['round-0', 'round-1']) assert.ok(existsSync(join(cwd, 'tuning', r, 'run.json')), r);
  const journal = readFileSync(join(cwd, '.gotune', 'journal.jsonl'), 'utf8').trim().split('\n');
  assert.equal(journal.length, 1);
});

test('gotune tune: usage errors are one line and exit status 2', () => {
  for (const [args, re] of [
    [['tune'], /--target is required/],
    [['tune', '--target', 'http://127.0.0.1:1/'], /--pprof is required/],
    [['tune', '--target', 'http://127.0.0.1:1/', '--pprof', 'http://127.0.0.1:1', '--baseline', '/nonexistent'], /not a run directory/],
    [['tune', '--target', 'http://127.0.0.1:1/', '--pprof', 'http://127.0.0.1:1', '--rounds', 'x'], /--rounds/],
  ] as [string[], RegExp][]) {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, re);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});
