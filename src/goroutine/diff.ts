// Comparing two snapshots of the same process: which groups grew, and which
// creation sites keep starting goroutines that never finish (a leak).

import type { Analysis } from './analyze.js';
import { isRuntimeFrame } from './frames.js';
import type { Group } from './group.js';
import type { CreatedBy } from './types.js';

/** GroupDelta is one group's change between the snapshots. */
interface GroupDelta {
  /** The group in the later snapshot, or in the earlier one when it is gone. */
  group: Group;
  before: number;
  after: number;
  growth: number;
}

/**
 * Site is where goroutines come from: the `go` statement of their `created
 * by` line, or — for sources that do not print one (debug=1, profiles) —
 * the outermost function of their own stack.
 */
interface Site {
  kind: 'created' | 'entry' | 'none';
  func: string;
  file: string;
  line: number;
}

/** SiteDelta is one creation site's change between the snapshots. */
export interface SiteDelta {
  site: Site;
  before: number;
  after: number;
  growth: number;
  /** Goroutines (by id) in both snapshots; null when the dumps have no ids. */
  survived: number | null;
  /** Goroutines of the earlier snapshot gone from the later one. */
  finished: number | null;
  /** Goroutines of the later snapshot not in the earlier one. */
  spawned: number | null;
  /**
   * The leak signature: the site started new goroutines and none of the
   * earlier ones finished. null when the dumps have no ids to tell.
   */
  leak: boolean | null;
  /** Goroutines per state in the later snapshot. */
  states: Map<string, number>;
}

/** GoroutineDiff is the comparison of two analyses made with the same mode. */
export interface GoroutineDiff {
  before: Analysis;
  after: Analysis;
  /** Every group of either snapshot: largest growth first, then largest now. */
  groups: GroupDelta[];
  /** Leaks first, then by growth. */
  sites: SiteDelta[];
  /** Whether goroutines could be followed by id (both dumps debug=2 with ids). */
  byId: boolean;
}

/** siteOf tells where a group's goroutines come from. */
function siteOf(g: Group): Site {
  const c: CreatedBy | null = g.createdBy;
  if (c) return { kind: 'created', func: c.func, file: c.file, line: c.line };
  for (let i = g.frames.length - 1; i >= 0; i--) {
    const f = g.frames[i];
    if (!isRuntimeFrame(f)) return { kind: 'entry', func: f.func, file: '', line: 0 };
  }
  return { kind: 'none', func: '', file: '', line: 0 };
}

function siteKey(s: Site): string {
  return `${s.kind} ${s.func} ${s.file}:${s.line}`;
}

interface SiteAcc {
  site: Site;
  before: number;
  after: number;
  beforeIds: Set<number>;
  afterIds: number[];
  states: Map<string, number>;
}

/**
 * diffAnalyses compares an earlier and a later snapshot. Goroutines are
 * followed by id when both analyses collected ids: a goroutine id is never
 * reused within a process, so an id in both dumps is a goroutine that lived
 * through the interval.
 */
export function diffAnalyses(before: Analysis, after: Analysis): GoroutineDiff {
  if (before.mode !== after.mode) throw new Error('diffAnalyses: the analyses were grouped with different modes');
  const byId = before.hasIds && after.hasIds;
  const beforeByKey = new Map(before.groups.map((g) => [g.key, g]));
  const groups: GroupDelta[] = [];
  const seen = new Set<string>();
  for (const g of after.groups) {
    const b = beforeByKey.get(g.key)?.count ?? 0;
    groups.push({ group: g, before: b, after: g.count, growth: g.count - b });
    seen.add(g.key);
  }
  for (const g of before.groups) {
    if (!seen.has(g.key)) groups.push({ group: g, before: g.count, after: 0, growth: -g.count });
  }
  groups.sort((x, y) => y.growth - x.growth || y.after - x.after || x.group.seq - y.group.seq);

  const sites = new Map<string, SiteAcc>();
  const acc = (g: Group): SiteAcc => {
    const site = siteOf(g);
    const k = siteKey(site);
    let a = sites.get(k);
    if (!a) {
      a = { site, before: 0, after: 0, beforeIds: new Set(), afterIds: [], states: new Map() };
      sites.set(k, a);
    }
    return a;
  };
  for (const g of before.groups) {
    const a = acc(g);
    a.before += g.count;
    if (byId) for (const id of g.ids ?? []) a.beforeIds.add(id);
  }
  for (const g of after.groups) {
    const a = acc(g);
    a.after += g.count;
    if (byId) for (const id of g.ids ?? []) a.afterIds.push(id);
    for (const [s, n] of g.states) a.states.set(s, (a.states.get(s) ?? 0) + n);
  }
  const out: SiteDelta[] = [];
  for (const a of sites.values()) {
    let survived: number | null = null;
    let leak: boolean | null = null;
    if (byId) {
      survived = 0;
      for (const id of a.afterIds) if (a.beforeIds.has(id)) survived++;
      leak = a.after - survived > 0 && a.before - survived === 0 && a.before > 0;
    }
    out.push({
      site: a.site, before: a.before, after: a.after, growth: a.after - a.before, survived,
      finished: survived === null ? null : a.before - survived,
      spawned: survived === null ? null : a.after - survived,
      leak, states: a.states,
    });
  }
  out.sort((x, y) => Number(y.leak === true) - Number(x.leak === true) || y.growth - x.growth || y.after - x.after);
  return { before, after, groups, sites: out, byId };
}
