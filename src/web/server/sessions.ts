// Which session a request is for: one profile (`gotune pprof -http`), or
// any profile of one or two run directories (`gotune web`), chosen by the
// query's src (and base, for a comparison) among the captures the runs'
// run.json lists, decoded on first use and kept in a small cache.

import { gunzipSync } from 'node:zlib';
import type { Config } from '../../driver/config.js';
import type { ReportTools, RunFiles } from '../../ports.js';
import { parseProfile } from '../../profile/parse.js';
import type { Profile } from '../../profile/types.js';
import type { readRun } from '../../run/read-run.js';
import { UserError } from '../../user-error.js';
import { guardedTools } from './guarded-sources.js';
import { Session } from './session.js';

/** Sessions finds the session of a request. */
export interface Sessions {
  /** The session the query's src and base select. */
  select(q: URLSearchParams): Promise<Session>;
  /** The run dashboard's data, when serving run directories. */
  readonly dashboard?: () => Promise<unknown>;
}

/** singleSession serves one session whatever the query. */
export function singleSession(s: Session): Sessions {
  return { select: () => Promise.resolve(s) };
}

/** ServedRun is one run directory of the dashboard, under its label (the src prefix). */
export interface ServedRun {
  label: string;
  files: RunFiles;
  run: ReturnType<typeof readRun>;
}

const KEEP = 3;

/**
 * runSessions serves the captures of runs: src is "<label>/<file>" with
 * file one that run.json lists (so nothing else can be read); base, the
 * same for the other side of a diff (as -diff_base).
 */
export function runSessions(runs: readonly ServedRun[], config: Config, tools: ReportTools, dashboard: () => Promise<unknown>): Sessions {
  const profiles = new Map<string, Profile>();
  const sessions = new Map<string, Session>();
  const files = new Map<string, { files: RunFiles; file: string }>();
  for (const r of runs) for (const c of r.run.captures) if (c.file) files.set(`${r.label}/${c.file}`, { files: r.files, file: c.file });
  const first = runs[0]?.run.captures.find((c) => /(^|\/)cpu\.pb\.gz$/.test(c.file ?? '')) ?? runs[0]?.run.captures[0];
  const load = (src: string): Profile => {
    const hit = profiles.get(src);
    if (hit) return hit;
    const f = files.get(src);
    if (!f) throw new UserError(`src: ${src} is not a profile of the runs served`, 2);
    const bytes = f.files.readBytes(f.file);
    if (!bytes) throw new UserError(`src: ${src} is missing from its run directory`, 2);
    const p = parseProfile(bytes, { inflate: (gz) => gunzipSync(gz) });
    profiles.set(src, p);
    if (profiles.size > KEEP * 2) profiles.delete(profiles.keys().next().value!);
    return p;
  };
  return {
    dashboard,
    async select(q) {
      const src = q.get('src') ?? (first ? `${runs[0].label}/${first.file}` : '');
      const base = q.get('base') ?? '';
      const key = `${src}\0${base}`;
      const hit = sessions.get(key);
      if (hit) return hit;
      const value = load(src);
      let s: Session;
      if (base === '') s = new Session(value, config, guardedTools(tools, value), [src]);
      else {
        const b = load(base);
        const { combineForDiff } = await import('../../driver/pipeline.js');
        const merged = combineForDiff(value, b);
        s = new Session(merged, config, guardedTools(tools, merged), [src, `${base} (base)`], { value, base: b });
      }
      sessions.set(key, s);
      if (sessions.size > KEEP) sessions.delete(sessions.keys().next().value!);
      return s;
    },
  };
}
