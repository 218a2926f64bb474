// `gotune verify` on runs recorded by the real `gotune measure`
// (testdata/verify/, scripts/regen-verify.ts): slow-cpu against its fixed
// twin meets a p99 goal (exit 0); two runs of slow-cpu meet none and call
// nothing improved (exit 1 with the goal); the formats, the charts, where
// the profiles moved, budgets and the reverse comparison.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compareSamples, summarize } from '../benchstat/summary.js';
import type { RunJson } from '../run/run-json.js';
import { repoRoot, runCli } from '../testkit/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gotune-verify-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
// Copies, so that the charts verify writes into the candidate land here.
for (const name of ['slow-cpu-a', 'slow-cpu-b', 'slow-cpu-fixed']) cpSync(join(repoRoot(), 'testdata', 'verify', name), join(tmp, name), { recursive: true });
const A = join(tmp, 'slow-cpu-a');
const B = join(tmp, 'slow-cpu-b');
const FIXED = join(tmp, 'slow-cpu-fixed');
const JOURNAL = ['--journal', join(tmp, 'journal.jsonl')];

interface KpiJson { name: string; verdict: string; delta: number | null; p: number | null; baseline: { median: number; ci: number[]; n: number; values: number[] }; candidate: { median: number; n: number } }

async function verifyJson(...argv: string[]) {
  const r = await runCli(['verify', '--format', 'json', ...JOURNAL, ...argv]);
  assert.deepEqual(r.stderr, []);
  const doc = JSON.parse(r.stdout.toString());
  const kpi = (name: string) => (doc.kpis as KpiJson[]).find((k) => k.name === name)!;
  return { code: r.code, doc, kpi };
}

const p99s = (dir: string) => (JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunJson).repetitions.map((r) => r.kpis.load.latencyUs.p99);

test('slow-cpu → its fixed twin: the p99 goal is met, exit 0', async () => {
  const { code, doc, kpi } = await verifyJson('--goal', 'p99=-20%', A, FIXED);
  assert.equal(code, 0);
  assert.equal(doc.schema, 1);
  assert.equal(doc.goalsMet, true);
  assert.equal(doc.pass, true);
  const p99 = kpi('p99');
  assert.equal(p99.verdict, 'improved');
  assert.ok(p99.delta! < -0.2 && p99.p! < 0.05, `${p99.delta} ${p99.p}`);
  // The numbers are benchstat's statistics over run.json's per-repetition p99s.
  const base = summarize(p99s(A), 0.95);
  assert.equal(p99.baseline.median, base.center);
  assert.deepEqual(p99.baseline.ci, [base.lo, base.hi]);
  assert.equal(p99.p, compareSamples(p99s(A), p99s(FIXED), 0.05).p);
  assert.equal(p99.baseline.n, 6);
  for (const name of ['p50', 'p90', 'p95', 'throughput', 'cpu']) assert.equal(kpi(name).verdict, 'improved', name);
  assert.equal(kpi('errors').verdict, 'no-change');
  assert.deepEqual(doc.goals.map((g: { spec: string; ok: boolean }) => [g.spec, g.ok]), [['p99=-20%', true]]);
  // The same machine, settings and GOMAXPROCS: nothing to warn about.
  assert.deepEqual(doc.warnings, []);
});

test('two runs of the same service: no goal met, nothing called improved', async () => {
  const { code, doc } = await verifyJson('--goal', 'p99=-20%', A, B);
  assert.equal(code, 1);
  assert.equal(doc.goalsMet, false);
  assert.equal(doc.pass, false);
  assert.notEqual(doc.verdict, 'improved');
  assert.deepEqual(doc.kpis.filter((k: KpiJson) => k.verdict === 'improved').map((k: KpiJson) => k.name), []);
  assert.match(doc.failures[0], /^goal p99=-20% not met: /);
  // Without a goal the gate is "nothing regressed".
  const plain = await verifyJson(A, B);
  assert.equal(plain.code, plain.doc.kpis.some((k: KpiJson) => k.verdict === 'regressed') ? 1 : 0);
  assert.equal(plain.doc.goalsMet, true);
});

test('the fixed twin as the baseline: regressed, and without goals exit 1', async () => {
  const { code, doc, kpi } = await verifyJson(FIXED, A);
  assert.equal(code, 1);
  assert.equal(kpi('p99').verdict, 'regressed');
  assert.ok(doc.failures.some((f: string) => /^p99 regressed: \+/.test(f)));
});

test('budgets on real data: the slow service as the candidate breaks a p99 budget; one within its limit is kept', async () => {
  const { code, doc, kpi } = await verifyJson('--budget', 'p99=+50%', '--budget', 'errors=+0%', FIXED, A);
  assert.equal(code, 1);
  assert.ok(kpi('p99').delta! > 0.5);
  assert.deepEqual(doc.budgets.map((b: { spec: string; ok: boolean }) => [b.spec, b.ok]), [['p99=+50%', false], ['errors=+0%', true]]);
  assert.match(doc.failures.join('\n'), /budget p99=\+50% broken: regressed \+\d+% \(p=0\.002\), beyond the budget's \+50\.0%/);
  // A budget as large as the change is kept; with a goal, only goals and budgets decide.
  const wide = await verifyJson('--goal', 'p99=-20%', '--budget', 'heap=+1000%', '--budget', 'gc_pause=+100000%', A, FIXED);
  assert.equal(wide.code, 0, wide.doc.failures.join('; '));
  assert.ok(wide.doc.budgets.every((b: { ok: boolean }) => b.ok));
});

test('where it went: the profiles both runs kept, the top functions by share, the diff command', async () => {
  const { doc } = await verifyJson(A, FIXED);
  assert.deepEqual(doc.profiles.map((p: { type: string }) => p.type), ['cpu', 'allocs', 'heap', 'goroutine']);
  const cpu = doc.profiles[0];
  assert.equal(cpu.sampleType, 'cpu');
  assert.equal(cpu.baseline.repetition, 6);
  assert.equal(cpu.command, `gotune pprof -http=: -diff_base=${A}/rep-6/cpu.pb.gz ${FIXED}/rep-6/cpu.pb.gz`);
  assert.ok(cpu.top.length === 5);
  // Ordered by the change of flat share, largest first; the fixed twin's time goes into SHA-256 itself.
  const moved = cpu.top.map((t: { deltaShare: number }) => Math.abs(t.deltaShare));
  assert.deepEqual(moved, [...moved].sort((a: number, b: number) => b - a));
  assert.match(cpu.top[0].function, /sha256\.block/);
  assert.ok(cpu.top[0].afterShare > cpu.top[0].beforeShare);
  const allocs = doc.profiles[1];
  assert.equal(allocs.sampleType, 'alloc_space');
  assert.equal(allocs.top[0].function, 'main.slowChain');
  assert.ok(allocs.top[0].beforeShare > 0.5 && allocs.top[0].afterShare === 0);
  assert.match(allocs.note, /allocs\.end − allocs\.start/);
  assert.match(allocs.command, /-sample_index=alloc_space -diff_base=/);
});

test('where it went: the change is what gotune pprof -top -diff_base prints for that function', async () => {
  const { doc } = await verifyJson(A, FIXED);
  const cpu = doc.profiles[0];
  const top = await runCli(['pprof', '-top', `-diff_base=${A}/rep-6/cpu.pb.gz`, `${FIXED}/rep-6/cpu.pb.gz`]);
  const line = top.stdout.toString().split('\n').find((l) => l.endsWith(` ${cpu.top[0].function}`))!;
  assert.ok(line, cpu.top[0].function);
  assert.equal(line.trim().split(/\s+/)[0], cpu.top[0].diff);
});

test('charts: one SVG per KPI in the candidate run\'s verify/ folder', async () => {
  rmSync(join(FIXED, 'verify'), { recursive: true, force: true });
  const { doc } = await verifyJson(A, FIXED);
  assert.deepEqual(readdirSync(join(FIXED, 'verify')).sort(), ['cpu.svg', 'errors.svg', 'gc_pause.svg', 'goroutines.svg', 'heap.svg', 'p50.svg', 'p90.svg', 'p95.svg', 'p99.svg', 'throughput.svg']);
  assert.equal(doc.charts.length, 10);
  const svg = readFileSync(join(FIXED, 'verify', 'p99.svg'), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.equal(svg.match(/<circle /g)?.length, 12);
  assert.match(svg, />p99: improved -\d+\.\d% \(p=0\.002\)</);
  // --charts elsewhere, --no-charts none.
  const other = join(tmp, 'charts');
  assert.equal((await verifyJson('--charts', other, A, FIXED)).doc.charts.length, 10);
  assert.equal(readdirSync(other).length, 10);
  assert.deepEqual((await verifyJson('--no-charts', A, FIXED)).doc.charts, []);
});

test('text and Markdown reports of the same comparison', async () => {
  const t = await runCli(['verify', ...JOURNAL, '--no-charts', '--goal', 'p99=-20%', A, FIXED]);
  assert.equal(t.code, 0);
  const text = t.stdout.toString();
  assert.match(text, /^Baseline: {2}\S+slow-cpu-a \(6 repetitions\)\nCandidate: \S+slow-cpu-fixed \(6 repetitions\)\nVerdict: (improved|mixed) \(\d+ improved, \d+ regressed/);
  assert.match(text, /\np99 +\S+ \[\S+, \S+\] +\S+ \[\S+, \S+\] +-\d+\.\d% +0\.002 +improved\n/);
  assert.match(text, /\nGoals:\n {2}met {2}p99=-20%: {2}improved/);
  assert.match(text, /\nGate: pass/);
  assert.match(text, /\ncpu \(cpu\): .* in rep-6 → .* in rep-6\n/);
  assert.match(text, /diff flame graph: gotune pprof -http=: -diff_base=/);
  const m = await runCli(['verify', ...JOURNAL, '--no-charts', '--format', 'markdown', A, FIXED]);
  const { doc } = await verifyJson('--no-charts', A, FIXED);
  const md = m.stdout.toString();
  assert.equal(m.code, doc.pass ? 0 : 1);
  assert.ok(md.startsWith(`## gotune verify: ${doc.verdict}${doc.pass ? '' : ' — gate failed'}\n`), md.slice(0, 80));
  assert.match(md, /\n\| p99 \| .* \| \*\*-\d+\.\d%\*\* \| 0\.002 \| ✅ improved \|\n/);
  assert.match(md, /\n### Where it went\n/);
  assert.match(md, /\nDiff flame graph: `gotune pprof -http=: -diff_base=\S+\/rep-6\/cpu\.pb\.gz \S+\/rep-6\/cpu\.pb\.gz`\n/);
});
