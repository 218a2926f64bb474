// `gotune verify` on bad input: each case is one line on stderr and exit 2,
// with nothing on stdout (never a verdict): not a run directory, a broken or
// incomplete run, a goal on a KPI a run lacks, malformed goals and budgets,
// an unreadable budget file, bad flags. Runs that differ in KPIs or
// repetition counts are compared, with warnings.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RunJson } from '../run/run-json.js';
import { repoRoot, runCli } from '../testkit/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gotune-verify-bad-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const data = (name: string) => join(repoRoot(), 'testdata', 'verify', name);
const A = data('slow-cpu-a');
const FIXED = data('slow-cpu-fixed');
const QUIET = ['--no-charts', '--no-journal'];

/** variant copies a recorded run and edits its run.json. */
function variant(name: string, from: string, edit: (j: RunJson) => void): string {
  const dir = join(tmp, name);
  cpSync(from, dir, { recursive: true });
  const j = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunJson;
  edit(j);
  writeFileSync(join(dir, 'run.json'), JSON.stringify(j));
  return dir;
}

async function refused(argv: string[], want: RegExp): Promise<void> {
  const r = await runCli(['verify', ...QUIET, ...argv]);
  assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr.join('\n')}`);
  assert.equal(r.stdout.length, 0, argv.join(' '));
  assert.match(r.stderr[0], /^gotune verify: /);
  assert.match(r.stderr[0], want);
  assert.ok(!/\n\s+at /.test(r.stderr.join('\n')), r.stderr.join('\n'));
  assert.ok(r.stderr.length <= 2, r.stderr.join('\n'));
}

test('not a run directory: missing, a file, no run.json, not JSON, another document', async () => {
  const empty = join(tmp, 'empty');
  mkdirSync(empty);
  const notJson = join(tmp, 'not-json');
  mkdirSync(notJson);
  writeFileSync(join(notJson, 'run.json'), '{"version": 1, "tool": ');
  const other = join(tmp, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'run.json'), JSON.stringify({ version: 1, hello: 'world' }));
  await refused([join(tmp, 'nope'), FIXED], /nope: no such directory$/);
  await refused([join(A, 'run.json'), FIXED], /run\.json: not a directory: give the run directory that gotune measure --out wrote$/);
  await refused([A, empty], /empty: no run\.json here: not a run directory of gotune measure$/);
  await refused([notJson, FIXED], /not-json\/run\.json: not JSON/);
  await refused([A, other], /other\/run\.json: not a gotune run: run\.json\.tool: missing$/);
});

test('an incomplete run is refused: interrupted, still running, service died, a repetition cut short', async () => {
  await refused([variant('interrupted', A, (j) => { j.complete = false; j.status = 'interrupted'; j.reason = 'interrupted by SIGINT'; }), FIXED],
    /interrupted: an incomplete run \(status interrupted: interrupted by SIGINT\); verify compares complete runs only: measure again$/);
  await refused([A, variant('running', FIXED, (j) => { j.complete = false; j.status = 'running'; j.finishedAt = null; })], /running: an incomplete run \(status running \(gotune measure is still running, or was killed\)\)/);
  await refused([A, variant('died', FIXED, (j) => { j.complete = false; j.status = 'service-died'; j.reason = 'the service stopped answering'; })], /status service-died: the service stopped answering/);
  await refused([A, variant('cut', FIXED, (j) => { j.repetitions[5].complete = false; })], /cut: repetition 6 was cut short/);
});

test('different KPI sets are compared with a warning; a goal or budget on a KPI a run lacks is refused', async () => {
  const noCpu = variant('no-cpu', FIXED, (j) => { for (const r of j.repetitions) r.kpis.cpu = null; });
  const r = await runCli(['verify', ...QUIET, '--format', 'json', '--goal', 'p99=-20%', A, noCpu]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const doc = JSON.parse(r.stdout.toString());
  assert.equal(doc.kpis.find((k: { name: string }) => k.name === 'cpu').verdict, 'absent');
  assert.ok(doc.warnings.some((w: string) => /^cpu is not in the candidate .*no-cpu\): no CPU profile/.test(w)), doc.warnings.join('\n'));
  await refused(['--goal', 'cpu=-10%', A, noCpu], /goal cpu=-10%: cpu is not in \S+no-cpu \(no CPU profile/);
  await refused(['--budget', 'cpu=+10%', noCpu, A], /budget cpu=\+10%: cpu is not in \S+no-cpu/);
});

test('different repetition counts are compared, with a warning; too few for the U test says how many', async () => {
  const four = variant('four', FIXED, (j) => { j.repetitions = j.repetitions.slice(0, 4); j.config.repeat = 4; });
  const r = await runCli(['verify', ...QUIET, '--format', 'json', A, four]);
  const doc = JSON.parse(r.stdout.toString());
  assert.ok(doc.warnings.includes('the runs have different repetition counts (6 in the baseline, 4 in the candidate): compared as they are'), doc.warnings.join('\n'));
  assert.equal(doc.kpis[3].candidate.n, 4);
  assert.equal(doc.kpis[3].verdict, 'improved');
  const three = variant('three', A, (j) => { j.repetitions = j.repetitions.slice(0, 3); });
  const three2 = variant('three-fixed', FIXED, (j) => { j.repetitions = j.repetitions.slice(0, 3); });
  const t = await runCli(['verify', ...QUIET, '--format', 'json', '--goal', 'p99=-20%', three, three2]);
  assert.equal(t.code, 1);
  const small = JSON.parse(t.stdout.toString());
  // 154 ms against 30 ms is no improvement with three repetitions each: p cannot go below 0.1.
  assert.equal(small.kpis[3].verdict, 'no-change');
  assert.ok(small.warnings.some((w: string) => /with 3 and 3 the U test's smallest p-value is 0\.100.*--repeat 4 or more/.test(w)), small.warnings.join('\n'));
});

test('malformed goals and budgets: exit 2, before any run is read', async () => {
  const cases: [string[], RegExp][] = [
    [['--goal', 'p99=20'], /--goal p99=20: want a signed percentage such as p99=-20%$/],
    [['--goal', 'p99=-x%'], /--goal p99=-x%: want a signed percentage/],
    [['--goal', 'latency=-20%'], /unknown KPI "latency": want one of p50, p90/],
    [['--goal', 'p99=+20%'], /a goal asks for an improvement and p99 is better lower: did you mean p99=-20%\?$/],
    [['--budget', 'heap=-5%'], /did you mean heap=\+5%\?$/],
    [['--budget', 'heap'], /--budget heap: want KPI=±N%/],
    [['--goal', 'p99=-20%', '--goal', 'p99=-30%'], /a goal for p99 is already given/],
  ];
  for (const [flags, want] of cases) await refused([...flags, A, join(tmp, 'not-read')], want);
});

test('a budget file: used when good; unreadable, not JSON or malformed is exit 2', async () => {
  const good = join(tmp, 'budgets.json');
  writeFileSync(good, JSON.stringify({ goals: { p99: '-20%' }, budgets: { heap: '+5%' } }));
  const r = await runCli(['verify', ...QUIET, '--format', 'json', '--budget-file', good, A, FIXED]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const doc = JSON.parse(r.stdout.toString());
  assert.deepEqual(doc.goals.map((g: { spec: string; source: string }) => [g.spec, g.source]), [['p99=-20%', good]]);
  assert.deepEqual(doc.budgets.map((g: { spec: string }) => g.spec), ['heap=+5%']);
  // A flag replaces the file's goal for the same KPI.
  const over = JSON.parse((await runCli(['verify', ...QUIET, '--format', 'json', '--budget-file', good, '--goal', 'p99=-90%', A, FIXED])).stdout.toString());
  assert.deepEqual(over.goals.map((g: { spec: string; ok: boolean }) => [g.spec, g.ok]), [['p99=-90%', false]]);
  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, '{"budgets": {"heap": "5%"}}');
  const notJson = join(tmp, 'not.json');
  writeFileSync(notJson, 'heap=+5%\n');
  await refused(['--budget-file', join(tmp, 'missing.json'), A, FIXED], /--budget-file \S+missing\.json: .*(no such file|not found|ENOENT)/i);
  await refused(['--budget-file', tmp, A, FIXED], /--budget-file \S+: /);
  await refused(['--budget-file', notJson, A, FIXED], /not\.json: not JSON/);
  await refused(['--budget-file', bad, A, FIXED], /bad\.json: budget heap=5%: say which way with a sign, such as heap=\+5%$/);
});

test('bad arguments and flags', async () => {
  await refused([A], /give two run directories: the baseline, then the candidate$/);
  await refused([A, FIXED, A], /too many arguments \(3\)/);
  await refused(['--alpha', '2', A, FIXED], /invalid value "2" for --alpha: want a number between 0 and 1, such as 0\.05$/);
  await refused(['--alpha', 'x', A, FIXED], /invalid value "x" for --alpha/);
  await refused(['--confidence', '1', A, FIXED], /invalid value "1" for --confidence/);
  await refused(['--format', 'yaml', A, FIXED], /invalid value "yaml" for --format: want one of text, markdown, json$/);
  await refused(['--goall', 'p99=-20%', A, FIXED], /unknown flag --goall \(did you mean --goal\?\)/);
  await refused(['--charts', tmp, A, FIXED], /--charts and --no-charts cannot both be given/);
});
