// The project's verify journal (.gotune/journal.jsonl): one JSON line per
// `gotune verify` — when, which runs, the commit, the verdict and the KPI
// medians and changes — and `gotune journal`'s table of it.

import { formatDelta } from './format-value.js';
import { alignTable } from './format-parts.js';
import { KPI_NAMES } from './kpis.js';
import type { Verification } from './types.js';

/** JOURNAL_SCHEMA is the version of a journal line. */
const JOURNAL_SCHEMA = 1;

/** GitState is the commit a verification ran at, when in a Git repository. */
export interface GitState {
  commit: string;
  /** Uncommitted changes (git status --porcelain printed something). */
  dirty: boolean;
}

/** JournalEntry is one line of the journal. */
export interface JournalEntry {
  schema: number;
  /** ISO time of the verification. */
  time: string;
  baseline: string;
  candidate: string;
  git: GitState | null;
  verdict: string;
  goalsMet: boolean;
  pass: boolean;
  goals: string[];
  budgets: string[];
  kpis: Record<string, { baseline: number | null; candidate: number | null; delta: number | null; p: number | null; verdict: string }>;
}

/** journalEntry is the journal line of a verification; paths are the runs as the journal names them. */
export function journalEntry(v: Verification, time: Date, git: GitState | null, paths: { baseline: string; candidate: string }): JournalEntry {
  const kpis: JournalEntry['kpis'] = {};
  for (const k of v.kpis) {
    kpis[k.def.name] = { baseline: k.baseline?.median ?? null, candidate: k.candidate?.median ?? null, delta: k.delta, p: k.p, verdict: k.verdict };
  }
  return {
    schema: JOURNAL_SCHEMA, time: time.toISOString(), baseline: paths.baseline, candidate: paths.candidate, git,
    verdict: v.verdict, goalsMet: v.goalsMet, pass: v.pass,
    goals: v.goals.map((g) => g.target.spec), budgets: v.budgets.map((b) => b.target.spec), kpis,
  };
}

/** parseJournal reads the journal's lines; a line that is not an entry is reported (line number and why) and skipped. */
export function parseJournal(text: string): { entries: JournalEntry[]; problems: string[] } {
  const entries: JournalEntry[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let e: unknown;
    try {
      e = JSON.parse(line);
    } catch (err) {
      problems.push(`line ${i + 1}: not JSON (${(err as Error).message}); skipped`);
      return;
    }
    const o = e as Partial<JournalEntry> | null;
    if (!o || typeof o !== 'object' || typeof o.time !== 'string' || typeof o.verdict !== 'string' || typeof o.kpis !== 'object' || o.kpis === null) {
      problems.push(`line ${i + 1}: not a journal entry of gotune verify; skipped`);
      return;
    }
    if (typeof o.schema === 'number' && o.schema > JOURNAL_SCHEMA) {
      problems.push(`line ${i + 1}: written by a newer gotune (journal schema ${o.schema}); skipped`);
      return;
    }
    entries.push(o as JournalEntry);
  });
  return { entries, problems };
}

/** The KPIs the table shows (the JSON has every one). */
const COLUMNS = ['p50', 'p99', 'throughput', 'errors', 'cpu', 'heap'] as const satisfies readonly (typeof KPI_NAMES)[number][];

/** cellOf is a KPI's change as benchstat marks it: the change when significant, ~ when not, - when absent. */
function cellOf(e: JournalEntry, kpi: string): string {
  const k = e.kpis[kpi];
  if (!k || k.verdict === 'absent') return '-';
  return k.verdict === 'no-change' ? '~' : formatDelta(k.delta);
}

/** formatJournalText is the journal as a table, oldest first. */
export function formatJournalText(entries: readonly JournalEntry[]): string {
  const rows = [['TIME (UTC)', 'COMMIT', 'VERDICT', 'GATE', ...COLUMNS.map((c) => c.toUpperCase()), 'BASELINE → CANDIDATE']];
  for (const e of entries) {
    const commit = e.git ? `${e.git.commit.slice(0, 10)}${e.git.dirty ? '+dirty' : ''}` : '-';
    rows.push([e.time.slice(0, 16).replace('T', ' '), commit, e.verdict, e.pass ? 'pass' : 'fail', ...COLUMNS.map((c) => cellOf(e, c)), `${e.baseline} → ${e.candidate}`]);
  }
  return [...alignTable(rows, [4, 5, 6, 7, 8, 9]), '', 'Changes of the medians where significant; ~ no significant change; - not in both runs.'].join('\n') + '\n';
}
