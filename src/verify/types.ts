// What gotune verify concludes about a baseline and a candidate run: per
// KPI, each run's median and interval, the change and its p-value, the
// verdict; goals and budgets; where the profiles moved; warnings.

import type { KpiDef } from './kpis.js';
import type { Target } from './targets.js';

/** KpiVerdict is one KPI's outcome; absent when a run lacks it. */
type KpiVerdict = 'improved' | 'regressed' | 'no-change' | 'absent';

/** Verdict is the outcome over every KPI. */
export type Verdict = 'improved' | 'regressed' | 'mixed' | 'no-change';

/** Which run. */
export type RunSide = 'baseline' | 'candidate';

/** SideStats is one KPI in one run: its values per repetition and their median with its confidence interval. */
export interface SideStats {
  median: number;
  /** The interval's bounds; ±Infinity when there are too few repetitions for the confidence level. */
  lo: number;
  hi: number;
  n: number;
  /** The values, with the repetition (index) each came from. */
  values: number[];
  repetitions: number[];
}

/** TargetResult is a goal (met or not) or a budget (kept or broken) and why. */
export interface TargetResult {
  target: Target;
  /** A goal met, a budget kept. */
  ok: boolean;
  why: string;
}

/** KpiResult is the comparison of one KPI. */
export interface KpiResult {
  def: KpiDef;
  baseline: SideStats | null;
  candidate: SideStats | null;
  /** The runs that lack it. */
  absent: RunSide[];
  /** candidate median / baseline median - 1; null when the baseline's is 0 and the candidate's is not, or when absent. */
  delta: number | null;
  /** The U test's p-value; null when absent. */
  p: number | null;
  verdict: KpiVerdict;
  goal: TargetResult | null;
  budget: TargetResult | null;
  /** Remarks on how to read this KPI's comparison (gc_pause over very different collection rates). */
  notes: string[];
}

/** RunInfo is what a report says about each run. */
export interface RunInfo {
  dir: string;
  repetitions: number;
  startedAt: string;
  target: string;
  goVersion: string | null;
}

/** ShareRow is one function whose share of a profile changed. */
export interface ShareRow {
  name: string;
  /** Flat value in each run (the profile's unit) and its share of that run's total. */
  before: number;
  after: number;
  beforeShare: number;
  afterShare: number;
  /** Cumulative shares. */
  beforeCumShare: number;
  afterCumShare: number;
  /** The flat and cumulative changes as `gotune pprof -top -diff_base` prints them (candidate − baseline). */
  deltaText: string;
  cumDeltaText: string;
}

/** ProfileShift is where one profile type moved between the runs. */
export interface ProfileShift {
  /** cpu, allocs, heap, goroutine, block, mutex. */
  type: string;
  sampleType: string;
  unit: string;
  baseline: { files: string[]; repetition: number; total: number; totalText: string };
  candidate: { files: string[]; repetition: number; total: number; totalText: string };
  /** The functions whose flat share changed most, largest change first. */
  rows: ShareRow[];
  /** The command that opens the diff flame graph. */
  command: string;
  /** How the compared profile was made, when it is not the file as captured. */
  note?: string;
}

/** Verification is the whole outcome. */
export interface Verification {
  baseline: RunInfo;
  candidate: RunInfo;
  alpha: number;
  confidence: number;
  kpis: KpiResult[];
  verdict: Verdict;
  goals: TargetResult[];
  budgets: TargetResult[];
  /** Every goal met (true when none was given). */
  goalsMet: boolean;
  /** The gate: every goal met and no budget broken; without goals, also nothing regressed beyond its budget. */
  pass: boolean;
  /** Why the gate failed. */
  failures: string[];
  /** What threatens the comparison: different environments or settings, too few repetitions, missing KPIs. */
  warnings: string[];
  profiles: ProfileShift[];
  /** Remarks that do not threaten the comparison (profiles not compared, and why). */
  notes: string[];
  /** The SVG charts written, one per KPI (filled in by the CLI). */
  charts: string[];
}
