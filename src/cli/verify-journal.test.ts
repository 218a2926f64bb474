// The journal: `gotune verify` appends a line to .gotune/journal.jsonl of the
// project around the current directory (the nearest .git or go.mod above
// it), with the Git commit and dirty state when there is a repository;
// `gotune journal` prints it. Run as real processes in scratch projects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gitState, journalName, projectRoot } from '../node/journal-file.js';
import { repoRoot } from '../testkit/run-cli.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), 'bin.js');
const tmp = mkdtempSync(join(tmpdir(), 'gotune-journal-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const hasGit = spawnSync('git', ['--version']).status === 0;

function gotune(cwd: string, ...argv: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, GOTUNE_THREADS: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** project makes a scratch project with the recorded runs under runs/. */
function project(name: string, marker: 'go.mod' | 'git' | null): string {
  const dir = join(tmp, name);
  for (const run of ['slow-cpu-a', 'slow-cpu-fixed']) cpSync(join(repoRoot(), 'testdata', 'verify', run), join(dir, 'runs', run), { recursive: true });
  if (marker === 'go.mod') writeFileSync(join(dir, 'go.mod'), 'module example.com/x\n');
  if (marker === 'git') {
    const git = (...a: string[]) => assert.equal(spawnSync('git', a, { cwd: dir }).status, 0, `git ${a.join(' ')}`);
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'runs');
  }
  return dir;
}

test('verify appends to the journal of the nearest go.mod project, from a folder below it; journal prints it', () => {
  const dir = project('gomod', 'go.mod');
  const sub = join(dir, 'cmd', 'svc');
  mkdirSync(sub, { recursive: true });
  const v = gotune(sub, 'verify', '--no-charts', '--goal', 'p99=-20%', '../../runs/slow-cpu-a', '../../runs/slow-cpu-fixed');
  assert.equal(v.code, 0, v.stderr);
  const file = join(dir, '.gotune', 'journal.jsonl');
  assert.ok(existsSync(file));
  assert.equal(gotune(sub, 'verify', '--no-charts', '../../runs/slow-cpu-fixed', '../../runs/slow-cpu-a').code, 1);
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  const e = lines[0];
  assert.equal(e.schema, 1);
  assert.deepEqual([e.baseline, e.candidate], ['runs/slow-cpu-a', 'runs/slow-cpu-fixed']);
  assert.equal(e.git, null);
  assert.match(e.verdict, /^(improved|mixed)$/);
  assert.deepEqual([e.goalsMet, e.pass, e.goals], [true, true, ['p99=-20%']]);
  assert.equal(e.kpis.p99.verdict, 'improved');
  assert.ok(e.kpis.p99.candidate < e.kpis.p99.baseline && e.kpis.p99.delta < -0.2);
  assert.ok(Date.now() - Date.parse(e.time) < 120_000);
  assert.equal(lines[1].pass, false);
  const t = gotune(dir, 'journal');
  assert.equal(t.code, 0, t.stderr);
  const rows = t.stdout.split('\n');
  assert.match(rows[0], /^TIME \(UTC\) +COMMIT +VERDICT +GATE +P50 +P99 /);
  assert.match(rows[1], / - +(improved|mixed) +pass +-\d+\.\d% +-\d+\.\d% .* runs\/slow-cpu-a → runs\/slow-cpu-fixed$/);
  assert.match(rows[2], / - +(regressed|mixed) +fail +\+\d+% +\+\d+% .* runs\/slow-cpu-fixed → runs\/slow-cpu-a$/);
  const j = gotune(sub, 'journal', '--format', 'json');
  assert.equal(JSON.parse(j.stdout).length, 2);
});

test('in a Git repository the journal records the commit and whether the tree is dirty', { skip: hasGit ? false : 'git is not on PATH' }, () => {
  const dir = project('repo', 'git');
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
  assert.deepEqual(gitState(dir), { commit: head, dirty: false });
  // The state is taken before verify writes anything, and the journal itself (.gotune/) does not count;
  // the charts written into the (committed) candidate run are new files for the verifications after.
  assert.equal(gotune(dir, 'verify', '--goal', 'p99=-20%', 'runs/slow-cpu-a', 'runs/slow-cpu-fixed').code, 0);
  assert.equal(gotune(dir, 'verify', '--no-charts', 'runs/slow-cpu-fixed', 'runs/slow-cpu-a').code, 1);
  const lines = readFileSync(join(dir, '.gotune', 'journal.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => l.git), [{ commit: head, dirty: false }, { commit: head, dirty: true }]);
  assert.match(gotune(dir, 'journal').stdout.split('\n')[1], new RegExp(` ${head.slice(0, 10)} +\\S+ +pass `));
  assert.match(gotune(dir, 'journal').stdout.split('\n')[2], new RegExp(` ${head.slice(0, 10)}\\+dirty +\\S+ +fail `));
  // A journal alone leaves the tree clean.
  rmSync(join(dir, 'runs', 'slow-cpu-fixed', 'verify'), { recursive: true });
  assert.deepEqual(gitState(dir), { commit: head, dirty: false });
});

test('outside any project the journal goes in the current folder; --journal and --no-journal choose', () => {
  const dir = project('loose', null);
  assert.equal(projectRoot(join(dir, 'runs')), join(dir, 'runs'));
  assert.equal(gitState(dir), null);
  assert.equal(journalName(dir, join(dir, 'runs', 'x')), join('runs', 'x'));
  assert.equal(journalName(join(dir, 'runs'), join(dir, 'elsewhere')), join(dir, 'elsewhere'));
  const other = join(tmp, 'other.jsonl');
  assert.equal(gotune(dir, 'verify', '--no-charts', '--journal', other, '--goal', 'p99=-20%', 'runs/slow-cpu-a', 'runs/slow-cpu-fixed').code, 0);
  assert.equal(gotune(dir, 'verify', '--no-charts', '--no-journal', '--goal', 'p99=-20%', 'runs/slow-cpu-a', 'runs/slow-cpu-fixed').code, 0);
  assert.ok(!existsSync(join(dir, '.gotune')));
  assert.equal(readFileSync(other, 'utf8').trim().split('\n').length, 1);
  const r = gotune(dir, 'journal', '--journal', other, '--format', 'json');
  assert.equal(JSON.parse(r.stdout)[0].candidate, 'runs/slow-cpu-fixed');
});

test('journal: none yet is a note and exit 0; a damaged line is skipped with a note; a journal that cannot be written is a warning', () => {
  const dir = join(tmp, 'fresh');
  mkdirSync(dir);
  writeFileSync(join(dir, 'go.mod'), 'module x\n');
  const none = gotune(dir, 'journal');
  assert.equal(none.code, 0);
  assert.match(none.stderr, /^gotune journal: no journal yet at \S+\.gotune\/journal\.jsonl: gotune verify writes one\n$/);
  assert.equal(gotune(dir, 'journal', '--format', 'json').stdout, '[]\n');
  mkdirSync(join(dir, '.gotune'));
  writeFileSync(join(dir, '.gotune', 'journal.jsonl'), '{"broken\n');
  const bad = gotune(dir, 'journal');
  assert.equal(bad.code, 0);
  assert.match(bad.stderr, /journal\.jsonl: line 1: not JSON .*; skipped/);
  assert.equal(gotune(dir, 'journal', 'extra').code, 2);
  // A journal path under a file: verify still reports and exits by its gate, with a warning.
  const blocked = join(tmp, 'blocked');
  writeFileSync(blocked, '');
  const runs = project('blocked-runs', null);
  const v = gotune(runs, 'verify', '--no-charts', '--journal', join(blocked, 'j.jsonl'), '--goal', 'p99=-20%', 'runs/slow-cpu-a', 'runs/slow-cpu-fixed');
  assert.equal(v.code, 0);
  assert.match(v.stderr, /^gotune verify: warning: \S+j\.jsonl: cannot write the journal: /);
  assert.match(v.stdout, /Gate: pass/);
});
