// gotune verify's entry point: two complete runs of `gotune measure`, KPI
// by KPI — each run's median and confidence interval (benchstat's
// summarize), the relative change of the medians, the U test's p-value
// (benchstat's compareSamples) and a verdict — then goals, budgets, the
// gate and the warnings that qualify it.

import { quantile } from '../benchstat/quantile-ci.js';
import { compareSamples, summarize } from '../benchstat/summary.js';
import type { RunFiles } from '../ports.js';
import type { RunJson } from '../run/run-json.js';
import { UserError } from '../user-error.js';
import { environmentWarnings, gomaxprocsOf } from './environment.js';
import { formatDelta, formatP } from './format-value.js';
import { KPIS, type KpiDef } from './kpis.js';
import { ciRepetitionsNeeded, repetitionsNeeded, smallestP } from './sample-size.js';
import type { Target } from './targets.js';
import type { KpiResult, ProfileShift, RunInfo, RunSide, SideStats, TargetResult, Verdict, Verification } from './types.js';

/** VerifyInputError is a pair of runs verify refuses to compare (exit 2). */
export class VerifyInputError extends UserError {}

/** VerifyRun is a run directory as read: where it is, its run.json, and its files. */
export interface VerifyRun {
  dir: string;
  json: RunJson;
  files: RunFiles;
}

/** VerifyOptions are verify's settings. */
interface VerifyOptions {
  /** A change is significant when p < alpha (0.05). */
  alpha: number;
  /** The level of the medians' intervals (0.95). */
  confidence: number;
  /** Goals and budgets. */
  targets: readonly Target[];
  /** Where the profiles moved, computed apart (it reads the profiles). */
  profiles?: { shifts: ProfileShift[]; notes: string[] };
}

/** checkRun refuses a run that did not finish: measure marks one with complete false and a status other than complete. */
export function checkRun(run: VerifyRun): void {
  const j = run.json;
  if (!j.complete || j.status !== 'complete') {
    const why = j.reason ? `: ${j.reason}` : j.status === 'running' ? ' (gotune measure is still running, or was killed)' : '';
    throw new VerifyInputError(`${run.dir}: an incomplete run (status ${j.status}${why}); verify compares complete runs only: measure again`);
  }
  if (j.repetitions.length === 0) throw new VerifyInputError(`${run.dir}: the run has no repetitions`);
  const cut = j.repetitions.find((r) => !r.complete);
  if (cut) throw new VerifyInputError(`${run.dir}: repetition ${cut.index} was cut short; verify compares complete runs only: measure again`);
}

/** sideStats summarizes one KPI of one run, or null when no repetition has it. */
function sideStats(def: KpiDef, json: RunJson, confidence: number): SideStats | null {
  const values: number[] = [];
  const repetitions: number[] = [];
  for (const r of json.repetitions) {
    const v = def.value(r);
    if (v === null || !Number.isFinite(v)) continue;
    values.push(v);
    repetitions.push(r.index);
  }
  if (values.length === 0) return null;
  const s = summarize(values, confidence);
  return { median: s.center, lo: s.lo, hi: s.hi, n: values.length, values, repetitions };
}

/** relativeDelta is b/a - 1, 0 for two zeros, null from a zero base. */
function relativeDelta(a: number, b: number): number | null {
  if (a === b) return 0;
  return a === 0 ? null : b / a - 1;
}

/** compareKpi compares one KPI of the two runs. */
function compareKpi(def: KpiDef, base: RunJson, cand: RunJson, alpha: number, confidence: number): KpiResult {
  const b = sideStats(def, base, confidence);
  const c = sideStats(def, cand, confidence);
  const absent: RunSide[] = [...(b ? [] : ['baseline' as const]), ...(c ? [] : ['candidate' as const])];
  const result: KpiResult = { def, baseline: b, candidate: c, absent, delta: null, p: null, verdict: 'absent', goal: null, budget: null, notes: [] };
  if (!b || !c) return result;
  const cmp = compareSamples(b.values, c.values, alpha);
  result.delta = relativeDelta(b.median, c.median);
  result.p = cmp.p;
  // Every value the same in both runs (errors 0 and 0): the U test has no answer, and compareSamples says p = 1.
  const moved = c.median - b.median;
  if (cmp.p < alpha && moved !== 0) {
    const better = def.better === 'lower' ? moved < 0 : moved > 0;
    result.verdict = better ? 'improved' : 'regressed';
  } else {
    result.verdict = 'no-change';
  }
  return result;
}

/** medianOf is the median of the values f gives for each repetition that has one, or null. */
function medianOf(json: RunJson, f: (r: RunJson['repetitions'][number]) => number | null | undefined): number | null {
  const xs = json.repetitions.map(f).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return xs.length === 0 ? null : quantile(xs.sort((x, y) => x - y), 0.5);
}

/**
 * gcCountNote: a pause p99 over a few collections sits near the longest of
 * them, over many it does not; when the collection rates differ widely the
 * two p99s measure different things, and the reader should know.
 */
function gcCountNote(base: RunJson, cand: RunJson): string | null {
  const b = medianOf(base, (r) => r.kpis.gc?.perSecond);
  const c = medianOf(cand, (r) => r.kpis.gc?.perSecond);
  if (b === null || c === null || Math.min(b, c) <= 0 || Math.max(b, c) / Math.min(b, c) < 4) return null;
  const fmt = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
  return `the runs collect at very different rates (${fmt(b)} and ${fmt(c)} collections a second): the p99 of fewer pauses sits nearer their longest`;
}

/** changeText says how a KPI moved: "-86.1% (p=0.002)", or "no significant change (-3.0%, p=0.310)". */
function changeText(k: KpiResult): string {
  const d = formatDelta(k.delta);
  if (k.verdict === 'no-change') return `no significant change (${d}, p=${formatP(k.p!)})`;
  return `${k.verdict} ${d} (p=${formatP(k.p!)})`;
}

/** judgeGoal: a goal is met when the KPI improved significantly by at least the change it names. */
function judgeGoal(t: Target, k: KpiResult): TargetResult {
  if (k.verdict !== 'improved') return { target: t, ok: false, why: changeText(k) };
  const enough = k.delta === null || (k.def.better === 'lower' ? k.delta <= t.change : k.delta >= t.change);
  return { target: t, ok: enough, why: enough ? changeText(k) : `${changeText(k)}, less than the goal's ${formatDelta(t.change)}` };
}

/** judgeBudget: a budget is broken when the KPI got significantly worse by more than the change it allows. */
function judgeBudget(t: Target, k: KpiResult): TargetResult {
  if (k.verdict !== 'regressed') return { target: t, ok: true, why: changeText(k) };
  const within = k.delta !== null && (k.def.better === 'lower' ? k.delta <= t.change : k.delta >= t.change);
  return { target: t, ok: within, why: within ? `${changeText(k)}, within the budget` : `${changeText(k)}, beyond the budget's ${formatDelta(t.change)}` };
}

/** overallVerdict: improved when something improved and nothing regressed, regressed the other way round, mixed when both. */
function overallVerdict(kpis: readonly KpiResult[]): Verdict {
  const up = kpis.some((k) => k.verdict === 'improved');
  const down = kpis.some((k) => k.verdict === 'regressed');
  return up && down ? 'mixed' : up ? 'improved' : down ? 'regressed' : 'no-change';
}

function runInfo(r: VerifyRun): RunInfo {
  return { dir: r.dir, repetitions: r.json.repetitions.length, startedAt: r.json.startedAt, target: r.json.config.target, goVersion: r.json.environment.go?.version ?? null };
}

/** sampleWarnings says when a run is too small for the test at alpha, or for bounded intervals. */
function sampleWarnings(base: RunJson, cand: RunJson, alpha: number, confidence: number): string[] {
  const out: string[] = [];
  const n1 = base.repetitions.length;
  const n2 = cand.repetitions.length;
  if (n1 !== n2) out.push(`the runs have different repetition counts (${n1} in the baseline, ${n2} in the candidate): compared as they are`);
  const pMin = smallestP(n1, n2);
  if (pMin >= alpha) {
    out.push(`too few repetitions for significance: with ${n1} and ${n2} the U test's smallest p-value is ${formatP(pMin)}, not below alpha ${alpha}, so nothing can be called improved or regressed; measure with --repeat ${repetitionsNeeded(alpha)} or more`);
  }
  const ciNeed = ciRepetitionsNeeded(confidence);
  const small = [[n1, 'baseline'], [n2, 'candidate']].filter(([n]) => (n as number) < ciNeed).map(([n, s]) => `${s} ${n}`);
  if (small.length > 0) out.push(`the ${confidence * 100}% intervals of the medians need ${ciNeed} repetitions per run (${small.join(', ')}): they are shown unbounded`);
  return out;
}

/** verifyRuns compares a candidate run with a baseline run; it throws VerifyInputError for runs it cannot compare or a goal on a KPI a run lacks. */
export function verifyRuns(base: VerifyRun, cand: VerifyRun, opts: VerifyOptions): Verification {
  checkRun(base);
  checkRun(cand);
  const kpis = KPIS.map((def) => compareKpi(def, base.json, cand.json, opts.alpha, opts.confidence));
  const gcNote = gcCountNote(base.json, cand.json);
  if (gcNote) kpis.find((k) => k.def.name === 'gc_pause')?.notes.push(gcNote);
  const warnings = [
    ...environmentWarnings(base.json, cand.json, [gomaxprocsOf(base.json, base.files), gomaxprocsOf(cand.json, cand.files)]),
    ...sampleWarnings(base.json, cand.json, opts.alpha, opts.confidence),
  ];
  for (const k of kpis) {
    if (k.absent.length === 0) continue;
    const where = k.absent.length === 2 ? 'either run' : `the ${k.absent[0]}`;
    const dir = k.absent.length === 2 ? '' : ` (${k.absent[0] === 'baseline' ? base.dir : cand.dir})`;
    warnings.push(`${k.def.name} is not in ${where}${dir}: ${k.def.absentWhy}; not compared`);
  }
  const goals: TargetResult[] = [];
  const budgets: TargetResult[] = [];
  for (const t of opts.targets) {
    const k = kpis.find((x) => x.def.name === t.kpi)!;
    if (k.absent.length > 0) {
      throw new VerifyInputError(`${t.kind} ${t.spec}: ${t.kpi} is not in ${k.absent.map((s) => (s === 'baseline' ? base.dir : cand.dir)).join(' or ')} (${k.def.absentWhy})`);
    }
    if (t.kind === 'goal') goals.push((k.goal = judgeGoal(t, k)));
    else budgets.push((k.budget = judgeBudget(t, k)));
  }
  const failures = [
    ...goals.filter((g) => !g.ok).map((g) => `goal ${g.target.spec} not met: ${g.why}`),
    ...budgets.filter((b) => !b.ok).map((b) => `budget ${b.target.spec} broken: ${b.why}`),
  ];
  if (goals.length === 0) {
    // Without goals the gate is "nothing got worse": a regression within its budget is allowed.
    for (const k of kpis) if (k.verdict === 'regressed' && !k.budget) failures.push(`${k.def.name} regressed: ${changeText(k).replace(/^regressed /, '')}`);
  }
  return {
    baseline: runInfo(base), candidate: runInfo(cand), alpha: opts.alpha, confidence: opts.confidence,
    kpis, verdict: overallVerdict(kpis), goals, budgets, goalsMet: goals.every((g) => g.ok), pass: failures.length === 0, failures,
    warnings, profiles: opts.profiles?.shifts ?? [], notes: opts.profiles?.notes ?? [], charts: [],
  };
}
