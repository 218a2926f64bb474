// gotune as an installed command: the README's step (a global install of
// the clone) and the package as `npm install -g gotune` would get it (a
// packed tarball), each into a scratch npm prefix, then run from a folder
// outside the checkout. Skipped, saying why, without npm.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { profilesDir, repoRoot } from '../testkit/run-cli.js';

const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;
const outside = mkdtempSync(join(tmpdir(), 'gotune-elsewhere-'));

function sh(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: status ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function checkInstalled(prefix: string): void {
  const gotune = join(prefix, 'bin', 'gotune');
  assert.match(sh(gotune, ['--version'], outside), /^gotune \d+\.\d+\.\d+ \(node v/);
  const top = sh(gotune, ['pprof', '-top', '-nodecount=3', join(profilesDir(), 'cpu.pb.gz')], outside);
  assert.match(top, /Showing top 3 nodes out of \d+\n +flat +flat%/);
  assert.match(sh(gotune, ['help'], outside), /^usage: gotune <command>/);
}

test("the README's install step puts a working gotune on PATH", { skip: npm ? false : 'npm is not installed', timeout: 180_000 }, () => {
  const prefix = mkdtempSync(join(tmpdir(), 'gotune-prefix-'));
  // dist/ is already built (by npm ci, and by npm test): no scripts to run.
  sh('npm', ['install', '--global', '--prefix', prefix, '--ignore-scripts', '.'], repoRoot());
  checkInstalled(prefix);
});

test('the packed package installs and runs without the checkout, and carries no tests', { skip: npm ? false : 'npm is not installed', timeout: 180_000 }, () => {
  const pack = mkdtempSync(join(tmpdir(), 'gotune-pack-'));
  const listing = JSON.parse(sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', pack], repoRoot())) as { files: { path: string }[] }[];
  const files = listing[0].files.map((f) => f.path);
  for (const f of ['bin/gotune.js', 'dist/cli/gotune.cjs', 'dist/cli/gotune.cache', 'dist/cli/parallel-worker.js', 'dist/src/cli/bin.js']) assert.ok(files.includes(f), `${f} not packed:\n${files.join('\n')}`);
  // The web UI's bundle, and what gotune demo builds (the examples) or shows without Go.
  for (const f of ['dist/web/ui.js', 'dist/web/style.css', 'examples/go.mod', 'examples/slow-cpu/main.go', 'testdata/diagnose/slow-cpu/run.json']) assert.ok(files.includes(f), f);
  assert.deepEqual(files.filter((f) => /\.test\.js|testkit\//.test(f)), []);
  const tarball = join(pack, readdirSync(pack).find((f) => f.endsWith('.tgz'))!);
  const prefix = mkdtempSync(join(tmpdir(), 'gotune-prefix-'));
  sh('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', tarball], outside);
  checkInstalled(prefix);
});
