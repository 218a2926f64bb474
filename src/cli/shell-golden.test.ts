// Shell sessions against go tool pprof: the commands of testdata/shell/*.in
// piped into `gotune pprof <profile>` must print what `go tool pprof`
// printed for them (testdata/shell/*.out and *.err), byte for byte.
// UPDATE_GOLDEN=1 records the goldens again with `go tool pprof` (needs Go).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMMANDS } from '../driver/commands.js';
import { firstDifferences, profilesDir, repoRoot, stripBuildId } from '../testkit/run-cli.js';
import { runShellCli } from '../testkit/run-shell.js';

process.env.TZ = 'UTC';
const shellDir = join(repoRoot(), 'testdata', 'shell');

// `help` marks what gotune cannot do yet and lists its own additions;
// without those the overview is pprof's.
function asPprofHelp(got: string, want: string): string {
  return got
    .replaceAll(' (not supported yet)', '')
    .split('\n')
    .filter((line) => {
      const m = /^ {4}(\S+) +\S/.exec(line);
      if (!m || !COMMANDS.some((c) => c.name === m[1])) return true;
      return want.includes(`\n    ${m[1]} `);
    })
    .join('\n');
}

function record(profile: string, input: string): void {
  const r = spawnSync('go', ['tool', 'pprof', profile + '.pb.gz'], {
    cwd: profilesDir(), input, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' },
  });
  if (r.status !== 0) throw new Error(`go tool pprof failed: ${r.stderr}`);
  writeFileSync(join(shellDir, profile + '.out'), r.stdout);
  writeFileSync(join(shellDir, profile + '.err'), r.stderr);
}

for (const profile of ['cpu', 'heap2']) {
  test(`shell session ${profile}.in prints what go tool pprof printed`, async () => {
    const input = readFileSync(join(shellDir, profile + '.in'), 'utf8');
    if (process.env.UPDATE_GOLDEN) record(profile, input);
    const wantOut = readFileSync(join(shellDir, profile + '.out'), 'utf8');
    const wantErr = readFileSync(join(shellDir, profile + '.err'), 'utf8');
    process.chdir(profilesDir());
    const r = await runShellCli(['pprof', profile + '.pb.gz'], input);
    assert.equal(r.code, 0, r.stderr);
    if (r.stdout !== wantOut) assert.fail(`stdout differs from go tool pprof\n${firstDifferences(wantOut, r.stdout)}`);
    const gotErr = stripBuildId(asPprofHelp(r.stderr, wantErr));
    if (gotErr !== stripBuildId(wantErr)) assert.fail(`stderr differs from go tool pprof\n${firstDifferences(stripBuildId(wantErr), gotErr)}`);
  });
}

test('the shell ends on quit even when standard input stays open', () => {
  // A real process: `quit` must end it although the pipe is not closed.
  const script = `
    const { spawn } = require('node:child_process');
    const c = spawn(process.execPath, [${JSON.stringify(join(repoRoot(), 'bin', 'gotune.js'))}, 'pprof', 'cpu.pb.gz'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stdin.write('top1\\nquit\\n');
    const t = setTimeout(() => { console.log('TIMEOUT'); c.kill(); }, 5000);
    c.on('exit', (code) => { clearTimeout(t); console.log('EXIT ' + code + ' ' + JSON.stringify(out.slice(0, 8))); process.exit(0); });
  `;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: profilesDir(), encoding: 'utf8' });
  assert.match(r.stdout, /^EXIT 0 "\(pprof\) "/, r.stdout + r.stderr);
});

test('without standard input the shell greets and ends', async () => {
  process.chdir(profilesDir());
  const r = await runShellCli(['pprof', 'cpu.pb.gz'], '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '(pprof) ');
  assert.match(r.stderr, /^File: cpu\n[\s\S]*Entering interactive mode \(type "help" for commands, "o" for options\)\n$/);
});

test('a source that cannot be read fails before the prompt, as with a report', async () => {
  process.chdir(profilesDir());
  const r = await runShellCli(['pprof', 'no-such.pb.gz'], 'top\n');
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^gotune pprof: no-such\.pb\.gz: /);
});
