// The report model: plain, versioned data built from an analysis or a diff.
// It is the JSON output as is, and what the text and HTML views draw (and
// what a web UI can draw), so every face shows the same numbers.

import type { Analysis } from './analyze.js';
import type { GoroutineDiff, SiteDelta } from './diff.js';
import { frameName, position } from './frames.js';
import { type Group, waitHistogram, WAIT_BUCKETS, waitSummary, type WaitSummary } from './group.js';
import type { DumpFormat } from './types.js';

/** REPORT_VERSION is the version of the JSON schema; it changes when a field changes meaning or goes away. */
const REPORT_VERSION = 1;

/** ReportFrame is one frame of a group's stack. */
interface ReportFrame {
  func: string;
  /** Argument words as printed (exact mode), '' otherwise. */
  args: string;
  file: string;
  line: number;
}

/** ReportGroup is one group of goroutines with the same stack. */
export interface ReportGroup {
  count: number;
  /** Goroutines per state; empty when the source has no states. */
  states: Record<string, number>;
  /** Wait in minutes over the group, null when the source has no states. */
  waitMinutes: WaitSummary | null;
  /** Goroutines per wait bin (`<1m`, `1-9m`, …), bins with goroutines only. */
  waitHistogram: Record<string, number> | null;
  /** The first frame outside the runtime: the call that waits. */
  top: string | null;
  topAt: string | null;
  /** Function of the `go` statement that started the goroutines. */
  createdBy: string | null;
  createdAt: string | null;
  /** Function names, innermost first (elided frames as `...N frames elided...`). */
  stack: string[];
  frames: ReportFrame[];
  lockedToThread: number;
  /** Goroutines per label value: {key: {value: count}}. */
  labels: Record<string, Record<string, number>>;
  /** Up to 8 goroutine ids. */
  ids: number[];
  /** Goroutines whose stack the dump cut off. */
  truncated: number;
  /** With a diff: goroutines in the earlier snapshot, the later one, and the change. */
  before?: number;
  after?: number;
  growth?: number;
}

/** ReportSite is one creation site in a diff. */
export interface ReportSite {
  /** 'created': the `created by` function; 'entry': the goroutines' outermost function (no creator in the source). */
  kind: 'created' | 'entry' | 'none';
  func: string;
  at: string | null;
  before: number;
  after: number;
  growth: number;
  survived: number | null;
  finished: number | null;
  spawned: number | null;
  leak: boolean | null;
  states: Record<string, number>;
}

/** ReportSource describes one input. */
interface ReportSource {
  name: string;
  format: DumpFormat;
  headline: string;
  total: number;
  warnings: string[];
}

/** GoroutineReport is the whole report (the `--format json` document). */
export interface GoroutineReport {
  version: number;
  mode: 'exact' | 'loose';
  source: ReportSource;
  total: number;
  states: Record<string, number>;
  groups: ReportGroup[];
  /** With --diff: the earlier snapshot and the creation sites. */
  diff?: {
    before: ReportSource;
    growth: number;
    intervalSeconds: number | null;
    byId: boolean;
    sites: ReportSite[];
  };
}

function record(m: Map<string, number>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) if (k !== '') out[k] = v;
  return out;
}

function reportGroup(g: Group, exact: boolean): ReportGroup {
  const frames: ReportFrame[] = [];
  const stack: string[] = [];
  const elision = g.elided < 0 ? '...additional frames elided...' : `...${g.elided} frames elided...`;
  g.frames.forEach((f, i) => {
    if (i === g.elidedAt) {
      frames.push({ func: elision, args: '', file: '', line: 0 });
      stack.push(elision);
    }
    frames.push({ func: frameName(f), args: exact ? f.args : '', file: f.file, line: f.line });
    stack.push(frameName(f));
  });
  if (g.elidedAt === g.frames.length) {
    frames.push({ func: elision, args: '', file: '', line: 0 });
    stack.push(elision);
  }
  const top = g.top >= 0 ? g.frames[g.top] : null;
  const labels = Object.create(null) as Record<string, Record<string, number>>;
  for (const [kv, n] of g.labels) {
    const eq = kv.indexOf('=');
    (labels[kv.slice(0, eq)] ??= Object.create(null) as Record<string, number>)[kv.slice(eq + 1)] = n;
  }
  const hist = g.waits.size === 0 ? null : Object.create(null) as Record<string, number>;
  if (hist) waitHistogram(g.waits).forEach((n, i) => { if (n > 0) hist[WAIT_BUCKETS[i].label] = n; });
  const c = g.createdBy;
  return {
    count: g.count, states: record(g.states), waitMinutes: waitSummary(g.waits), waitHistogram: hist,
    top: top ? frameName(top) : null, topAt: top && top.file !== '' ? position(top.file, top.line) : null,
    createdBy: c ? c.func : null, createdAt: c && c.file !== '' ? position(c.file, c.line) : null,
    stack, frames, lockedToThread: g.locked, labels, ids: g.sampleIds, truncated: g.truncated,
  };
}

function reportSource(a: Analysis, name: string): ReportSource {
  return { name, format: a.info.format, headline: a.info.headline, total: a.total, warnings: a.info.warnings };
}

/** buildReport makes the report of one analysis; name names its source. */
export function buildReport(a: Analysis, name: string): GoroutineReport {
  return {
    version: REPORT_VERSION, mode: a.mode, source: reportSource(a, name), total: a.total,
    states: record(a.states), groups: a.groups.map((g) => reportGroup(g, a.mode === 'exact')),
  };
}

function reportSite(s: SiteDelta): ReportSite {
  return {
    kind: s.site.kind, func: s.site.func, at: s.site.file !== '' ? position(s.site.file, s.site.line) : null,
    before: s.before, after: s.after, growth: s.growth, survived: s.survived, finished: s.finished,
    spawned: s.spawned, leak: s.leak, states: record(s.states),
  };
}

/**
 * buildDiffReport makes the report of a diff: the later snapshot's groups
 * (and the vanished ones, with count 0), each with before, after and growth.
 */
export function buildDiffReport(d: GoroutineDiff, names: [string, string], intervalSeconds: number | null): GoroutineReport {
  const r = buildReport(d.after, names[1]);
  r.groups = d.groups.map((gd) => ({
    ...reportGroup(gd.group, d.after.mode === 'exact'), count: gd.after, before: gd.before, after: gd.after, growth: gd.growth,
  }));
  r.diff = {
    before: reportSource(d.before, names[0]), growth: d.after.total - d.before.total, intervalSeconds,
    byId: d.byId, sites: d.sites.map(reportSite),
  };
  return r;
}
