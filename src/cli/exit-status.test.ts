// Exit statuses: `gotune pprof` ends as `go tool pprof` does (0, or 2 on
// every failure), checked against pprof itself when Go is installed; the
// other subcommands follow gotune's table (EXIT in user-error.ts).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isolatedPprofEnv } from '../testkit/pprof-env.js';
import { profilesDir, runCli } from '../testkit/run-cli.js';
import { EXIT } from '../user-error.js';

const tmp = mkdtempSync(join(tmpdir(), 'gotune-exit-'));
const cpu = join(profilesDir(), 'cpu.pb.gz');
const notProfile = join(tmp, 'notes.txt');
writeFileSync(notProfile, 'these are notes, not a profile\n');
const hasGo = spawnSync('go', ['version']).status === 0;

/** freePort is a port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

test('gotune pprof exits as go tool pprof does', async (t) => {
  const refused = `http://127.0.0.1:${await freePort()}/debug/pprof/heap`;
  const cases: [string, string[], number][] = [
    ['a report', ['-top', cpu], 0],
    ['a missing file', ['-top', join(tmp, 'nope.pb.gz')], 2],
    ['a file that is not a profile', ['-top', notProfile], 2],
    ['a refused connection', ['-top', refused], 2],
    ['an unknown flag', ['-topp', cpu], 2],
    ['a bad flag value', ['-top', '-nodecount=x', cpu], 2],
    ['no source', ['-top'], 2],
    ['a regexp that matches nothing', ['-list=zzzz_nothing', cpu], 2],
    ['two output formats', ['-top', '-raw', cpu], 2],
  ];
  const env = isolatedPprofEnv(join(tmp, 'pprof'));
  for (const [what, args, want] of cases) {
    const r = await runCli(['pprof', ...args]);
    assert.equal(r.code, want, `gotune pprof ${args.join(' ')} (${what}): ${r.stderr.join('\n')}`);
    if (!hasGo) continue;
    const g = spawnSync('go', ['tool', 'pprof', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(g.status, want, `go tool pprof ${args.join(' ')} (${what}) exited ${g.status}: ${g.stderr}`);
  }
  if (!hasGo) t.diagnostic('go is not installed: statuses checked against the table only, not against go tool pprof');
});

test('a mistyped pprof flag prints pprof\'s line, then the usage', async () => {
  const r = await runCli(['pprof', '-topp', cpu]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr[0], 'gotune pprof: flag provided but not defined: -topp');
  assert.match(r.stderr[1], /^usage:\n\nProduce output in the specified format\./);
  assert.equal(r.stdout.length, 0);
});

test('the other subcommands follow the exit table', async () => {
  assert.equal((await runCli(['goroutines', join(tmp, 'nope.txt')])).code, EXIT.badInput);
  assert.equal((await runCli(['goroutines', '--bogus', 'x'])).code, EXIT.badInput);
  assert.equal((await runCli(['measure', '--target', `127.0.0.1:${await freePort()}`, '--out', join(tmp, 'run')])).code, EXIT.badInput);
  assert.equal((await runCli(['nonsense'])).code, EXIT.badInput);
  assert.equal((await runCli(['version'])).code, EXIT.ok);
});

test('gotune --version and gotune version print the package version; help lists every subcommand', async () => {
  const { version } = JSON.parse((await import('node:fs')).readFileSync(join(profilesDir(), '..', '..', 'package.json'), 'utf8')) as { version: string };
  for (const argv of [['--version'], ['version']]) {
    const r = await runCli(argv);
    assert.equal(r.code, 0);
    assert.match(r.stdout.toString(), new RegExp(`^gotune ${version.replace(/\./g, '\\.')} \\(node v`));
  }
  const help = (await runCli(['help'])).stdout.toString();
  const { SUBCOMMANDS } = await import('./subcommands.js');
  for (const s of SUBCOMMANDS) assert.match(help, new RegExp(`^  ${s.name} +${s.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
});
