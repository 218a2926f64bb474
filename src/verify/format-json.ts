// The JSON output of gotune verify (schema 1), for CI and other tools. New
// fields may appear within a schema; a field that changes meaning or goes
// away bumps VERIFY_SCHEMA. Unbounded interval ends are null.

import type { KpiResult, SideStats, TargetResult, Verification } from './types.js';

/** VERIFY_SCHEMA is the version of the JSON output. */
const VERIFY_SCHEMA = 1;

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function side(s: SideStats | null) {
  if (!s) return null;
  return { median: s.median, ci: [finite(s.lo), finite(s.hi)], n: s.n, values: s.values, repetitions: s.repetitions };
}

function target(t: TargetResult | null) {
  if (!t) return null;
  return { spec: t.target.spec, change: t.target.change, source: t.target.source, ok: t.ok, why: t.why };
}

function kpi(k: KpiResult) {
  return {
    name: k.def.name, unit: k.def.unit, better: k.def.better,
    baseline: side(k.baseline), candidate: side(k.candidate),
    delta: k.delta, p: k.p, verdict: k.verdict, absent: k.absent,
    goal: target(k.goal), budget: target(k.budget), notes: k.notes,
  };
}

/** formatJson renders a verification as schema-1 JSON, pretty-printed, with a final newline. */
export function formatJson(v: Verification): string {
  const doc = {
    schema: VERIFY_SCHEMA,
    verdict: v.verdict,
    goalsMet: v.goalsMet,
    pass: v.pass,
    exitStatus: v.pass ? 0 : 1,
    failures: v.failures,
    alpha: v.alpha,
    confidence: v.confidence,
    baseline: v.baseline,
    candidate: v.candidate,
    kpis: v.kpis.map(kpi),
    goals: v.goals.map(target),
    budgets: v.budgets.map(target),
    profiles: v.profiles.map((s) => ({
      type: s.type, sampleType: s.sampleType, unit: s.unit, baseline: s.baseline, candidate: s.candidate,
      top: s.rows.map((r) => ({
        function: r.name, before: r.before, after: r.after, beforeShare: r.beforeShare, afterShare: r.afterShare,
        deltaShare: r.afterShare - r.beforeShare, beforeCumShare: r.beforeCumShare, afterCumShare: r.afterCumShare,
        deltaCumShare: r.afterCumShare - r.beforeCumShare, diff: r.deltaText, cumDiff: r.cumDeltaText,
      })),
      command: s.command, note: s.note ?? null,
    })),
    charts: v.charts,
    warnings: v.warnings,
    notes: v.notes,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
