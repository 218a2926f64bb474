// The outputs of a verification built in code: the SVG chart (well formed,
// one dot per repetition, escaped text), the JSON's schema-1 shape, the
// Markdown's escaping, the text's rows, and the journal's line and table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Repetition } from '../run/run-json.js';
import { fixtureRepetition, fixtureRun } from '../testkit/run-fixture.js';
import { formatJson } from './format-json.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import { formatJournalText, journalEntry, parseJournal, type JournalEntry } from './journal.js';
import { escapeXml, chartSvg } from './svg-chart.js';
import { parseTarget } from './targets.js';
import type { ProfileShift } from './types.js';
import { verifyRuns } from './verify.js';

const reps = (p99s: number[], tweak: (r: Repetition) => void = () => {}) => p99s.map((p, i) => {
  const r = fixtureRepetition(i + 1, 1000, p);
  tweak(r);
  return r;
});
const files = (dir: string) => ({ dir, readText: () => null, readBytes: () => null });

const shift: ProfileShift = {
  type: 'cpu', sampleType: 'cpu', unit: 'nanoseconds',
  baseline: { files: ['a/rep-6/cpu.pb.gz'], repetition: 6, total: 2e9, totalText: '2s' },
  candidate: { files: ['b <x>/rep-6/cpu.pb.gz'], repetition: 6, total: 1e9, totalText: '1s' },
  rows: [{ name: 'main.(*T).a|b', before: 1e9, after: 0, beforeShare: 0.5, afterShare: 0, beforeCumShare: 0.6, afterCumShare: 0, deltaText: '-1s', cumDeltaText: '-1.20s' }],
  command: "gotune pprof -http=: -diff_base=a/rep-6/cpu.pb.gz 'b <x>/rep-6/cpu.pb.gz'",
};

function verification() {
  const a = { dir: 'runs/a&b', json: fixtureRun(reps([9000, 9100, 9200, 9300, 9400, 9500])), files: files('runs/a&b') };
  const b = { dir: 'runs/<c>', json: fixtureRun(reps([5000, 5100, 5200, 5300, 5400, 5500], (r) => { r.kpis.cpu = null; })), files: files('runs/<c>') };
  return verifyRuns(a, b, {
    alpha: 0.05, confidence: 0.95,
    targets: [parseTarget('goal', 'p99=-20%', '--goal'), parseTarget('budget', 'heap=+5%', '--budget')],
    profiles: { shifts: [shift], notes: ['block: empty in both runs; not compared'] },
  });
}

/** wellFormed checks that every tag is closed in order and no raw & or < is left in text. */
function wellFormed(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[1]) assert.equal(stack.pop(), m[2], `</${m[2]}> closes the wrong element`);
    else if (!m[3]) stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
  const text = svg.replace(/<[^>]*>/g, '');
  assert.doesNotMatch(text, /&(?!amp;|lt;|gt;|quot;|#39;)|</);
}

test('the chart: one dot per repetition, a median line per run, escaped labels, a zero-based axis', () => {
  const v = verification();
  const p99 = v.kpis.find((k) => k.def.name === 'p99')!;
  const svg = chartSvg(p99, { baseline: 'a&b', candidate: '<c>' });
  wellFormed(svg);
  assert.equal(svg.match(/<circle /g)?.length, 12);
  assert.match(svg, /<text[^>]*>p99: improved -43\.2% \(p=0\.002\)<\/text>/);
  assert.match(svg, />a&amp;b</);
  assert.match(svg, />&lt;c&gt;</);
  assert.match(svg, />median 9\.25ms</);
  assert.match(svg, />0<\/text>/);
  assert.match(svg, />10\.0ms<\/text>/);
  assert.match(svg, /<title>rep-1: 9\.00ms<\/title>/);
  // A KPI one run lacks: that column says so.
  const cpu = chartSvg(v.kpis.find((k) => k.def.name === 'cpu')!, { baseline: 'a', candidate: 'c' });
  wellFormed(cpu);
  assert.match(cpu, />absent</);
  assert.equal(cpu.match(/<circle /g)?.length, 6);
  assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('JSON schema 1: verdict, goals, every KPI with both runs, profiles, warnings; unbounded intervals are null', () => {
  const doc = JSON.parse(formatJson(verification()));
  assert.equal(doc.schema, 1);
  assert.equal(doc.verdict, 'improved');
  assert.equal(doc.goalsMet, true);
  assert.equal(doc.pass, true);
  assert.equal(doc.exitStatus, 0);
  assert.deepEqual(doc.kpis.map((k: { name: string }) => k.name), ['p50', 'p90', 'p95', 'p99', 'throughput', 'errors', 'cpu', 'heap', 'gc_pause', 'goroutines']);
  const p99 = doc.kpis[3];
  assert.deepEqual(Object.keys(p99), ['name', 'unit', 'better', 'baseline', 'candidate', 'delta', 'p', 'verdict', 'absent', 'goal', 'budget', 'notes']);
  assert.equal(p99.unit, 'us');
  assert.deepEqual(p99.baseline.ci, [9000, 9500]);
  assert.equal(p99.baseline.median, 9250);
  assert.equal(p99.baseline.n, 6);
  assert.equal(p99.verdict, 'improved');
  assert.equal(p99.goal.spec, 'p99=-20%');
  assert.equal(p99.goal.ok, true);
  const cpu = doc.kpis[6];
  assert.equal(cpu.verdict, 'absent');
  assert.equal(cpu.candidate, null);
  assert.equal(cpu.p, null);
  assert.equal(doc.kpis[7].budget.ok, true);
  assert.equal(doc.profiles[0].top[0].function, 'main.(*T).a|b');
  assert.equal(doc.profiles[0].top[0].deltaShare, -0.5);
  assert.ok(doc.warnings.some((w: string) => /^cpu is not in the candidate/.test(w)));
  assert.deepEqual(doc.notes, ['block: empty in both runs; not compared']);
  // Five repetitions: the 95% interval of the median is unbounded below, and JSON says null.
  const five = verifyRuns({ dir: 'a', json: fixtureRun(reps([1, 2, 3, 4, 5])), files: files('a') }, { dir: 'b', json: fixtureRun(reps([6, 7, 8, 9, 10])), files: files('b') }, { alpha: 0.05, confidence: 0.95, targets: [] });
  assert.deepEqual(JSON.parse(formatJson(five)).kpis[3].baseline.ci, [null, 5]);
});

test('Markdown escapes what the runs name (pipes in function names, angle brackets in paths)', () => {
  const md = formatMarkdown(verification());
  assert.match(md, /^## gotune verify: improved\n/);
  assert.match(md, /\| p99 \| 9\.25ms \[9\.00ms, 9\.50ms\] \| 5\.25ms \[5\.00ms, 5\.50ms\] \| \*\*-43\.2%\*\* \| 0\.002 \| ✅ improved \|/);
  assert.match(md, /\| `main\.\(\*T\)\.a\\\|b` \| 50\.0% \| 0\.0% \| -50\.0pp \| -1s \| 60\.0% \| 0\.0% \|/);
  assert.match(md, /- ✅ met: `p99=-20%`/);
  assert.match(md, /Baseline `runs\/a&b`/);
  assert.doesNotMatch(md.replace(/`[^`]*`/g, ''), /<c>/);
  assert.match(md, /\*\*Gate\*\*: pass/);
});

test('text: a row per KPI, goals, budgets, the gate, where it went, warnings and notes', () => {
  const t = formatText(verification());
  assert.match(t, /^Baseline: {2}runs\/a&b \(6 repetitions\)\nCandidate: runs\/<c> \(6 repetitions\)\nVerdict: improved \(1 improved, 0 regressed, 8 no change, 1 absent; significant when p < 0\.05\)\n/);
  assert.match(t, /\np99 +9\.25ms \[9\.00ms, 9\.50ms\] +5\.25ms \[5\.00ms, 5\.50ms\] +-43\.2% +0\.002 +improved\n/);
  assert.match(t, /\ncpu +1\.42ms\/req \[1\.42ms\/req, 1\.42ms\/req\] +absent +- +- +absent\n/);
  assert.match(t, /Goals:\n {2}met {2}p99=-20%: {2}improved -43\.2% \(p=0\.002\)\n/);
  assert.match(t, /Budgets:\n {2}kept {2}heap=\+5%: {2}no significant change \(0%, p=1\.000\)\n/);
  assert.match(t, /Gate: pass \(every goal met, no budget broken; exit 0\)/);
  assert.match(t, /cpu \(cpu\): 2s in rep-6 → 1s in rep-6\n +FUNCTION +BEFORE +AFTER +CHANGE +DIFF +CUM BEFORE +CUM AFTER\n +main\.\(\*T\)\.a\|b +50\.0% +0\.0% +-50\.0pp +-1s +60\.0% +0\.0%\n/);
  assert.match(t, /Notes:\n {2}- block: empty in both runs; not compared\n$/);
});

test('the journal: one line per verification, bad lines skipped with their number, a table of significant changes', () => {
  const e = journalEntry(verification(), new Date('2026-12-07T10:20:30Z'), { commit: '0123456789abcdef0123', dirty: true }, { baseline: 'runs/a', candidate: 'runs/c' });
  assert.equal(e.schema, 1);
  assert.deepEqual(e.kpis.p99, { baseline: 9250, candidate: 5250, delta: 5250 / 9250 - 1, p: e.kpis.p99.p, verdict: 'improved' });
  assert.equal(e.kpis.cpu.candidate, null);
  assert.deepEqual([e.verdict, e.goalsMet, e.pass, e.goals, e.budgets], ['improved', true, true, ['p99=-20%'], ['heap=+5%']]);
  const text = [JSON.stringify(e), '{not json', '', JSON.stringify({ hello: 1 }), JSON.stringify({ ...e, schema: 9 }), JSON.stringify({ ...e, git: null, verdict: 'regressed', pass: false })].join('\n') + '\n';
  const { entries, problems } = parseJournal(text);
  assert.equal(entries.length, 2);
  assert.deepEqual(problems.map((p) => p.replace(/ \(.*\)/, '')), ['line 2: not JSON; skipped', 'line 4: not a journal entry of gotune verify; skipped', 'line 5: written by a newer gotune; skipped']);
  const table = formatJournalText(entries as JournalEntry[]).split('\n');
  assert.match(table[0], /^TIME \(UTC\) +COMMIT +VERDICT +GATE +P50 +P99 +THROUGHPUT +ERRORS +CPU +HEAP +BASELINE → CANDIDATE$/);
  assert.match(table[1], /^2026-12-07 10:20 +0123456789\+dirty +improved +pass +~ +-43\.2% +~ +~ +- +~ +runs\/a → runs\/c$/);
  assert.match(table[2], /^2026-12-07 10:20 +- +regressed +fail /);
});
