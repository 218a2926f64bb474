// Where it went: for each profile type both runs captured, the functions
// whose share of the profile changed most between the baseline and the
// candidate, computed by the report code of `gotune pprof -top` (each run
// alone, for the shares) and `gotune pprof -top -diff_base` (the change in
// the profile's unit), on the last repetition that kept the files.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { commandByName } from '../driver/commands.js';
import { defaultConfig } from '../driver/config.js';
import { fetchProfiles, makeReport, type SourceSpec } from '../driver/pipeline.js';
import type { Fetcher, Ui } from '../ports.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../profile/limits.js';
import type { Profile } from '../profile/types.js';
import { topTable } from '../report/top-table.js';
import type { RunJson } from '../run/run-json.js';
import { label } from '../units/measurement.js';
import type { ProfileShift, ShareRow } from '../verify/types.js';
import { localFetcher } from './local-tools.js';

/** ProfileKind says which captures make one profile type and which sample type to compare. */
interface ProfileKind {
  type: string;
  /** The capture compared, and the one subtracted from it first (the window of a cumulative profile). */
  capture: string;
  minus?: string;
  sampleIndex: string;
  /** Extra flags the diff command needs. */
  flags: string;
}

const KINDS: readonly ProfileKind[] = [
  { type: 'cpu', capture: 'cpu', sampleIndex: 'cpu', flags: '' },
  // The allocs profile counts since the process started: end − start is the window's allocations.
  { type: 'allocs', capture: 'allocs.end', minus: 'allocs.start', sampleIndex: 'alloc_space', flags: '-sample_index=alloc_space ' },
  { type: 'heap', capture: 'heap.end', sampleIndex: 'inuse_space', flags: '-sample_index=inuse_space ' },
  { type: 'goroutine', capture: 'goroutine.end', sampleIndex: '', flags: '' },
  { type: 'block', capture: 'block', sampleIndex: 'delay', flags: '' },
  { type: 'mutex', capture: 'mutex', sampleIndex: 'delay', flags: '' },
];

/** How many functions each profile type lists. */
const TOP = 5;

/** A run as read: where it is and its run.json. */
interface RunAt {
  dir: string;
  json: RunJson;
}

/** Found is the files of one profile type in one run: the repetition and the paths (capture, then the one to subtract). */
interface Found {
  repetition: number;
  files: string[];
  windowed: boolean;
}

/** findCaptures picks the last repetition whose file for the capture is still in the run directory. */
function findCaptures(run: RunAt, kind: ProfileKind): Found | null {
  for (const r of [...run.json.repetitions].reverse()) {
    const file = (name: string) => {
      const c = r.captures.find((x) => x.name === name && x.ok && x.file !== null);
      return c && existsSync(join(run.dir, c.file!)) ? join(run.dir, c.file!) : null;
    };
    const main = file(kind.capture);
    if (!main) continue;
    const minus = kind.minus ? file(kind.minus) : null;
    return { repetition: r.index, files: minus ? [main, minus] : [main], windowed: minus !== null };
  }
  return null;
}

/** shellWord quotes a path for a shell when it needs it. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function spec(sources: string[], base: string[], diffBase: boolean): SourceSpec {
  return {
    sources, base, diffBase, normalize: false, execName: '', buildId: '', comment: '', symbolize: '',
    fetch: { seconds: -1, timeout: -1, maxDecompressedBytes: DEFAULT_MAX_DECOMPRESSED },
  };
}

/** topOf is `-top` of a profile at a sample index (untrimmed, or with -top's default node count): each function's flat and cum, and the total. */
function topOf(p: Profile, sampleIndex: string, ui: Ui, trim = false) {
  const cfg = { ...defaultConfig(), sample_index: sampleIndex, trim };
  const t = topTable(makeReport(p, { cmd: commandByName('top')! }, cfg, ui));
  return { total: t.total, rows: new Map(t.rows.map((r) => [r.name, r])) };
}

/** memoryFetcher serves profiles already read, by name (for the diff of two windows). */
function memoryFetcher(profiles: Record<string, Profile>): Fetcher {
  return { fetch: async (source) => ({ profile: profiles[source], remote: false }) };
}

async function shiftOf(kind: ProfileKind, b: Found, c: Found, fetcher: Fetcher, ui: Ui): Promise<ProfileShift | string> {
  const side = (f: Found) => fetchProfiles(spec([f.files[0]], f.files.slice(1), false), fetcher, ui);
  const [pb, pc] = await Promise.all([side(b), side(c)]);
  const tb = topOf(pb, kind.sampleIndex, ui);
  const tc = topOf(pc, kind.sampleIndex, ui);
  if (tb.total === 0 && tc.total === 0) return `${kind.type}: empty in both runs; not compared`;
  const pd = await fetchProfiles(spec(['candidate'], ['baseline'], true), memoryFetcher({ baseline: pb, candidate: pc }), ui);
  // The change as `-top -diff_base` prints it (its units follow the nodes it shows), else from the whole list.
  const shown = topOf(pd, kind.sampleIndex, ui, true).rows;
  const all = topOf(pd, kind.sampleIndex, ui).rows;
  const diff = (name: string) => shown.get(name) ?? all.get(name);
  const share = (v: number, total: number) => (total === 0 ? 0 : v / total);
  const rows: ShareRow[] = [];
  for (const name of new Set([...tb.rows.keys(), ...tc.rows.keys()])) {
    const x = tb.rows.get(name);
    const y = tc.rows.get(name);
    rows.push({
      name, before: x?.flat ?? 0, after: y?.flat ?? 0,
      beforeShare: share(x?.flat ?? 0, tb.total), afterShare: share(y?.flat ?? 0, tc.total),
      beforeCumShare: share(x?.cum ?? 0, tb.total), afterCumShare: share(y?.cum ?? 0, tc.total),
      deltaText: diff(name)?.flatText ?? '0', cumDeltaText: diff(name)?.cumText ?? '0',
    });
  }
  // By the flat share, as -top -diff_base ranks by the flat change: the
  // cumulative share would rank every caller of the work that moved (the
  // HTTP server's frames) alike; the cum columns show them beside.
  const moved = (r: ShareRow) => Math.abs(r.afterShare - r.beforeShare);
  rows.sort((r, s) => moved(s) - moved(r) || r.name.localeCompare(s.name));
  const st = pb.sampleTypes.find((t) => t.type === (kind.sampleIndex || pb.defaultSampleType)) ?? pb.sampleTypes[pb.sampleTypes.length - 1];
  const sideOut = (f: Found, total: number) => ({ files: f.files, repetition: f.repetition, total, totalText: label(total, st.unit) });
  const windowed = b.windowed && c.windowed;
  return {
    type: kind.type, sampleType: st.type, unit: st.unit,
    baseline: sideOut(b, tb.total), candidate: sideOut(c, tc.total),
    rows: rows.filter((r) => moved(r) > 1e-9).slice(0, TOP),
    command: `gotune pprof -http=: ${kind.flags}-diff_base=${shellWord(b.files[0])} ${shellWord(c.files[0])}`,
    note: kind.minus
      ? windowed ? `the window's allocations: ${kind.capture} − ${kind.minus}; the command compares ${kind.capture}, counted since each process started` : `${kind.minus} missing: allocations counted since each process started`
      : undefined,
  };
}

/**
 * compareProfiles computes where each profile type moved between two runs;
 * notes say which types were not compared and why (only in one run, empty,
 * unreadable).
 */
export async function compareProfiles(base: RunAt, cand: RunAt): Promise<{ shifts: ProfileShift[]; notes: string[] }> {
  const notes: string[] = [];
  const ui: Ui = { print: () => {}, printErr: (l) => notes.push(l), isTerminal: () => false };
  const fetcher = localFetcher((l) => notes.push(l));
  const shifts: ProfileShift[] = [];
  for (const kind of KINDS) {
    const b = findCaptures(base, kind);
    const c = findCaptures(cand, kind);
    if (!b && !c) continue;
    if (!b || !c) {
      notes.push(`${kind.type}: a profile only in the ${b ? 'baseline' : 'candidate'}; not compared`);
      continue;
    }
    try {
      const s = await shiftOf(kind, b, c, fetcher, ui);
      if (typeof s === 'string') notes.push(s);
      else shifts.push(s);
    } catch (e) {
      notes.push(`${kind.type}: not compared: ${(e as Error).message}`);
    }
  }
  return { shifts, notes };
}
