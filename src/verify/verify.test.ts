// verifyRuns on runs built in code: verdicts per KPI and overall, goals and
// budgets, the gate, absent KPIs, incomplete runs, environment and
// sample-size warnings, and the statistics it borrows from benchstat.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSamples, summarize } from '../benchstat/summary.js';
import type { RunFiles } from '../ports.js';
import type { Repetition, RunJson } from '../run/run-json.js';
import { fixtureRepetition, fixtureRun } from '../testkit/run-fixture.js';
import { ciRepetitionsNeeded, repetitionsNeeded, smallestP } from './sample-size.js';
import { parseTarget, type Target } from './targets.js';
import { verifyRuns, VerifyInputError, type VerifyRun } from './verify.js';

const noFiles = (dir: string): RunFiles => ({ dir, readText: () => null, readBytes: () => null });

/** run builds a complete run whose repetitions have these p99s (µs) and throughputs; tweak edits each repetition. */
function run(dir: string, p99s: number[], rps: number[] = p99s.map(() => 1000), tweak: (r: Repetition, i: number) => void = () => {}): VerifyRun {
  const reps = p99s.map((p, i) => {
    const r = fixtureRepetition(i + 1, rps[i], p);
    tweak(r, i);
    return r;
  });
  return { dir, json: fixtureRun(reps), files: noFiles(dir) };
}

const opts = (targets: Target[] = []) => ({ alpha: 0.05, confidence: 0.95, targets });
const kpi = (v: ReturnType<typeof verifyRuns>, name: string) => v.kpis.find((k) => k.def.name === name)!;

const SLOW = [9000, 9100, 9200, 9300, 9400, 9500];
const FAST = [5000, 5100, 5200, 5300, 5400, 5500];

test('a KPI that moved the better way is improved; median, interval, delta and p are benchstat\'s', () => {
  const v = verifyRuns(run('a', SLOW), run('b', FAST), opts());
  const k = kpi(v, 'p99');
  assert.equal(k.verdict, 'improved');
  const s = summarize(FAST, 0.95);
  assert.deepEqual([k.candidate!.median, k.candidate!.lo, k.candidate!.hi], [s.center, s.lo, s.hi]);
  assert.equal(k.p, compareSamples(SLOW, FAST, 0.05).p);
  assert.ok(Math.abs(k.delta! - (5250 / 9250 - 1)) < 1e-12);
  assert.equal(k.candidate!.n, 6);
  assert.deepEqual(k.candidate!.repetitions, [1, 2, 3, 4, 5, 6]);
  // Nothing else moved: every other KPI is the same in both runs.
  assert.equal(v.verdict, 'improved');
  assert.equal(kpi(v, 'errors').verdict, 'no-change');
  assert.equal(v.pass, true);
});

test('the same change the worse way is regressed, and without goals fails the gate', () => {
  const v = verifyRuns(run('a', FAST), run('b', SLOW), opts());
  assert.equal(kpi(v, 'p99').verdict, 'regressed');
  assert.equal(v.verdict, 'regressed');
  assert.equal(v.pass, false);
  assert.match(v.failures[0], /^p99 regressed: \+76\.2% \(p=0\.002\)/);
});

test('throughput is better higher; improved and regressed together are mixed', () => {
  const v = verifyRuns(run('a', FAST, [100, 101, 102, 103, 104, 105]), run('b', SLOW, [200, 201, 202, 203, 204, 205]), opts());
  assert.equal(kpi(v, 'throughput').verdict, 'improved');
  assert.equal(kpi(v, 'p99').verdict, 'regressed');
  assert.equal(v.verdict, 'mixed');
});

test('overlapping samples are no change (p >= alpha), even when the medians differ', () => {
  const v = verifyRuns(run('a', [9000, 5000, 9100, 5100, 9200, 5200]), run('b', [5050, 9050, 5150, 9150, 5250, 9300]), opts([parseTarget('goal', 'p99=-1%', '--goal')]));
  const k = kpi(v, 'p99');
  assert.equal(k.verdict, 'no-change');
  assert.ok(k.p! >= 0.05);
  assert.equal(v.verdict, 'no-change');
  assert.equal(v.goalsMet, false);
  assert.equal(v.pass, false);
  assert.match(v.goals[0].why, /^no significant change/);
});

test('a goal is met only by a significant improvement at least that large', () => {
  const met = verifyRuns(run('a', SLOW), run('b', FAST), opts([parseTarget('goal', 'p99=-40%', '--goal')]));
  assert.equal(met.goals[0].ok, true);
  assert.equal(met.goalsMet, true);
  assert.equal(met.pass, true);
  const short = verifyRuns(run('a', SLOW), run('b', FAST), opts([parseTarget('goal', 'p99=-50%', '--goal')]));
  assert.equal(short.goals[0].ok, false);
  assert.match(short.goals[0].why, /less than the goal's -50\.0%/);
  assert.equal(short.pass, false);
  assert.match(short.failures[0], /^goal p99=-50% not met/);
});

test('a budget is broken by a significant worsening beyond it; within it the gate passes', () => {
  const broken = verifyRuns(run('a', FAST), run('b', SLOW), opts([parseTarget('budget', 'p99=+50%', '--budget')]));
  assert.equal(broken.budgets[0].ok, false);
  assert.equal(broken.pass, false);
  assert.match(broken.failures.join('\n'), /budget p99=\+50% broken/);
  const kept = verifyRuns(run('a', FAST), run('b', SLOW), opts([parseTarget('budget', 'p99=+80%', '--budget')]));
  assert.equal(kept.budgets[0].ok, true);
  assert.equal(kept.pass, true, kept.failures.join('; '));
  // With a goal, a regression without a budget does not fail the gate; the goal decides.
  const goal = verifyRuns(run('a', FAST, [100, 101, 102, 103, 104, 105]), run('b', SLOW, [200, 201, 202, 203, 204, 205]), opts([parseTarget('goal', 'throughput=+50%', '--goal')]));
  assert.equal(goal.verdict, 'mixed');
  assert.equal(goal.pass, true);
});

test('a KPI absent in a run is said so and not compared; a goal on it is refused', () => {
  const noCpu = run('b', FAST, undefined, (r) => { r.kpis.cpu = null; });
  const v = verifyRuns(run('a', SLOW), noCpu, opts());
  const k = kpi(v, 'cpu');
  assert.equal(k.verdict, 'absent');
  assert.deepEqual(k.absent, ['candidate']);
  assert.equal(k.candidate, null);
  assert.ok(v.warnings.some((w) => /^cpu is not in the candidate \(b\): no CPU profile/.test(w)), v.warnings.join('\n'));
  assert.throws(() => verifyRuns(run('a', SLOW), noCpu, opts([parseTarget('goal', 'cpu=-10%', '--goal')])),
    (e: Error) => e instanceof VerifyInputError && /goal cpu=-10%: cpu is not in b/.test(e.message));
});

test('repetitions without a value are left out of that KPI (no GC in a window)', () => {
  const v = verifyRuns(run('a', SLOW, undefined, (r, i) => { if (i < 2) r.kpis.gc!.pauseUs = null; }), run('b', FAST), opts());
  const k = kpi(v, 'gc_pause');
  assert.equal(k.baseline!.n, 4);
  assert.deepEqual(k.baseline!.repetitions, [3, 4, 5, 6]);
});

test('incomplete runs are refused: interrupted, still running, a cut repetition, no repetitions', () => {
  const cases: [(j: RunJson) => void, RegExp][] = [
    [(j) => { j.complete = false; j.status = 'interrupted'; j.reason = 'interrupted (SIGINT)'; }, /a: an incomplete run \(status interrupted: interrupted \(SIGINT\)\)/],
    [(j) => { j.complete = false; j.status = 'running'; }, /status running \(gotune measure is still running, or was killed\)/],
    [(j) => { j.repetitions[2].complete = false; }, /repetition 3 was cut short/],
    [(j) => { j.repetitions = []; }, /the run has no repetitions/],
  ];
  for (const [spoil, want] of cases) {
    const a = run('a', SLOW);
    spoil(a.json);
    assert.throws(() => verifyRuns(a, run('b', FAST), opts()), (e: Error) => e instanceof VerifyInputError && e.exitStatus === 2 && want.test(e.message));
  }
});

test('environments and settings that differ are warnings with both values', () => {
  const b = run('b', FAST);
  b.json.environment.machine.cpus = 8;
  b.json.environment.go = { version: 'go1.25.0', source: '/debug/vars goversion' };
  b.json.config.concurrency = 32;
  b.json.config.target = 'http://127.0.0.1:9999/work?iters=10';
  const v = verifyRuns(run('a', SLOW), b, opts());
  const w = v.warnings.join('\n');
  assert.match(w, /the machine differs: h \(linux\/x64, 2 CPUs\) in the baseline, h \(linux\/x64, 8 CPUs\) in the candidate/);
  assert.match(w, /the service's Go version differs: go1\.26\.8 in the baseline, go1\.25\.0 in the candidate/);
  assert.match(w, /the request differs: GET \/work in the baseline, GET \/work\?iters=10 in the candidate/);
  assert.match(w, /the load differs: closed loop, 16 connections.* closed loop, 32 connections/);
  // A new port alone (a restarted service) is no difference.
  const c = run('c', FAST);
  c.json.config.target = 'http://127.0.0.1:41234/work';
  assert.deepEqual(verifyRuns(run('a', SLOW), c, opts()).warnings, []);
});

test('GOMAXPROCS from the runs\' /debug/vars captures: different values warn', () => {
  const withVars = (dir: string, procs: number): VerifyRun => {
    const r = run(dir, SLOW);
    r.json.repetitions[5].captures.push({ name: 'vars.end', url: 'u', file: 'rep-6/vars.end.json', ok: true, at: '', ms: 1 });
    r.files = { dir, readText: (p) => (p === 'rep-6/vars.end.json' ? JSON.stringify({ gomaxprocs: procs, cmdline: ['x'] }) : null), readBytes: () => null };
    return r;
  };
  assert.match(verifyRuns(withVars('a', 2), withVars('b', 8), opts()).warnings.join('\n'), /GOMAXPROCS differs: 2 in the baseline, 8 in the candidate/);
  assert.deepEqual(verifyRuns(withVars('a', 2), withVars('b', 2), opts()).warnings, []);
});

test('too few repetitions: a warning says how many the U test needs, and nothing can be significant', () => {
  const v = verifyRuns(run('a', SLOW.slice(0, 3)), run('b', FAST.slice(0, 3)), opts([parseTarget('goal', 'p99=-20%', '--goal')]));
  assert.equal(kpi(v, 'p99').verdict, 'no-change');
  assert.equal(v.goalsMet, false);
  const w = v.warnings.join('\n');
  assert.match(w, /too few repetitions for significance: with 3 and 3 the U test's smallest p-value is 0\.100, not below alpha 0\.05.*--repeat 4 or more/);
  assert.match(w, /intervals of the medians need 6 repetitions per run \(baseline 3, candidate 3\)/);
  // Unequal counts are compared, with a warning.
  const u = verifyRuns(run('a', SLOW), run('b', FAST.slice(0, 5)), opts());
  assert.equal(kpi(u, 'p99').verdict, 'improved');
  assert.match(u.warnings.join('\n'), /different repetition counts \(6 in the baseline, 5 in the candidate\)/);
});

test('sample sizes: the smallest p of the U test and the repetitions needed', () => {
  assert.equal(smallestP(4, 4), 2 / 70);
  assert.equal(smallestP(3, 3), 0.1);
  assert.equal(smallestP(3, 5), 2 / 56);
  assert.equal(repetitionsNeeded(0.05), 4);
  assert.equal(repetitionsNeeded(0.01), 5);
  assert.equal(ciRepetitionsNeeded(0.95), 6);
  assert.equal(ciRepetitionsNeeded(0.99), 8);
  // Each agrees with the test itself: n=4 per side at its extreme reaches the smallest p.
  assert.ok(Math.abs(compareSamples([1, 2, 3, 4], [5, 6, 7, 8], 0.05).p - smallestP(4, 4)) < 1e-12);
});

test('gc_pause over very different collection rates carries a note; similar rates none', () => {
  const rate = (dir: string, perSecond: number) => run(dir, SLOW, undefined, (r) => { r.kpis.gc!.perSecond = perSecond; });
  const far = kpi(verifyRuns(rate('a', 262), rate('b', 7.7), opts()), 'gc_pause');
  assert.deepEqual(far.notes, ['the runs collect at very different rates (262 and 7.7 collections a second): the p99 of fewer pauses sits nearer their longest']);
  assert.deepEqual(kpi(verifyRuns(rate('a', 262), rate('b', 100), opts()), 'gc_pause').notes, []);
});
