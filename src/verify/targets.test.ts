// Goals and budgets: what parses, and a one-line error for each malformed
// spec, budget file and duplicate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeTargets, parseBudgetFile, parseTarget, TargetError } from './targets.js';

test('goals and budgets parse to a signed fraction of the median', () => {
  assert.deepEqual(parseTarget('goal', 'p99=-20%', '--goal'), { kind: 'goal', kpi: 'p99', change: -0.2, spec: 'p99=-20%', source: '--goal' });
  assert.equal(parseTarget('goal', 'throughput=+12.5%', '--goal').change, 0.125);
  assert.equal(parseTarget('budget', 'heap=+5%', '--budget').change, 0.05);
  assert.equal(parseTarget('budget', 'throughput=-3%', '--budget').change, -0.03);
  assert.equal(parseTarget('budget', 'GC_PAUSE=+0%', '--budget').kpi, 'gc_pause');
  assert.equal(parseTarget('budget', 'errors=0%', '--budget').change, 0);
});

test('malformed goals and budgets are one line naming the flag and the fix', () => {
  const cases: [string, string, RegExp][] = [
    ['goal', 'p99=20', /^--goal p99=20: want a signed percentage such as p99=-20%$/],
    ['goal', 'p99=-x%', /^--goal p99=-x%: want a signed percentage such as p99=-20%$/],
    ['goal', 'p99=20%', /^--goal p99=20%: say which way with a sign, such as p99=-20%$/],
    ['goal', 'p98=-20%', /^--goal p98=-20%: unknown KPI "p98": want one of p50, p90, p95, p99, throughput, errors, cpu, heap, gc_pause, goroutines$/],
    ['goal', 'p99', /^--goal p99: want KPI=±N%, such as p99=-20%$/],
    ['goal', 'p99=+20%', /^--goal p99=\+20%: a goal asks for an improvement and p99 is better lower: did you mean p99=-20%\?$/],
    ['goal', 'throughput=-10%', /a goal asks for an improvement and throughput is better higher: did you mean throughput=\+10%\?/],
    ['budget', 'heap=-5%', /^--budget heap=-5%: a budget limits how much worse heap may get, and it is better lower: did you mean heap=\+5%\?$/],
    ['goal', 'p99=-100%', /p99 cannot fall by 100% or more/],
    ['budget', '=+5%', /want KPI=±N%/],
  ];
  for (const [kind, spec, want] of cases) {
    assert.throws(() => parseTarget(kind as 'goal' | 'budget', spec, `--${kind}`), (e: Error) => e instanceof TargetError && e.exitStatus === 2 && want.test(e.message), spec);
  }
});

test('a budget file holds goals and budgets; anything else in it is an error', () => {
  const t = parseBudgetFile('{"goals": {"p99": "-20%"}, "budgets": {"heap": "+5%", "cpu": "+2%"}}', 'budgets.json');
  assert.deepEqual(t.map((x) => `${x.kind} ${x.spec} ${x.source}`), ['goal p99=-20% budgets.json', 'budget heap=+5% budgets.json', 'budget cpu=+2% budgets.json']);
  const bad: [string, RegExp][] = [
    ['{"budgets": {"heap": "+5%"', /^b\.json: not JSON/],
    ['[1]', /^b\.json: want a JSON object with "goals" and\/or "budgets"$/],
    ['{"budget": {"heap": "+5%"}}', /^b\.json: unknown key "budget": want "goals" and\/or "budgets"$/],
    ['{"budgets": ["heap=+5%"]}', /"budgets" must map KPIs to percentages/],
    ['{"budgets": {"heap": 5}}', /^b\.json: budget heap: want a string such as "\+5%", found 5$/],
    ['{"budgets": {"heap": "5"}}', /^b\.json: budget heap=5: want a signed percentage such as heap=\+5%$/],
    ['{"goals": {"latency": "-5%"}}', /^b\.json: goal latency=-5%: unknown KPI "latency"/],
  ];
  for (const [text, want] of bad) assert.throws(() => parseBudgetFile(text, 'b.json'), (e: Error) => e instanceof TargetError && want.test(e.message), text);
});

test('flags replace the file\'s target of the same kind and KPI; the same KPI twice among flags is an error', () => {
  const file = parseBudgetFile('{"goals": {"p99": "-20%"}, "budgets": {"heap": "+5%"}}', 'f.json');
  const merged = mergeTargets(file, [parseTarget('goal', 'p99=-30%', '--goal')]);
  assert.deepEqual(merged.map((t) => `${t.kind} ${t.spec} ${t.source}`), ['budget heap=+5% f.json', 'goal p99=-30% --goal']);
  assert.throws(() => mergeTargets([], [parseTarget('goal', 'p99=-30%', '--goal'), parseTarget('goal', 'p99=-10%', '--goal')]),
    /--goal p99=-10%: a goal for p99 is already given \(p99=-30%\)/);
  // A goal and a budget on one KPI are two targets.
  assert.equal(mergeTargets([], [parseTarget('goal', 'p99=-30%', '--goal'), parseTarget('budget', 'p99=+5%', '--budget')]).length, 2);
});
