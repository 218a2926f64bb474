// The goroutine layer's entry point: a dump (streamed) or a goroutine
// profile in, goroutines grouped by stack out.

import type { Profile } from '../profile/types.js';
import { profileInfo, recordsFromProfile } from './from-profile.js';
import { type Group, type GroupMode, Grouper } from './group.js';
import type { TextSource } from './lines.js';
import { parseDump } from './parser.js';
import type { DumpInfo, GoroutineRecord } from './types.js';

/** AnalyzeOptions configures analyzeDump and analyzeProfile. */
export interface AnalyzeOptions {
  /** How stacks are compared (see GroupMode). */
  mode: GroupMode;
  /** Keep every goroutine id (to follow goroutines into a later snapshot). */
  collectIds?: boolean;
  /** Also called with every record as it streams by (e.g. a ProfileCollector). */
  onRecord?: (r: GoroutineRecord) => void;
}

/** Analysis is a dump's goroutines grouped by stack. */
export interface Analysis {
  info: DumpInfo;
  mode: GroupMode;
  /** Goroutines in the dump. */
  total: number;
  /** Goroutines per state; a source without states has only ''. */
  states: Map<string, number>;
  /** Largest first. */
  groups: Group[];
  /** The source printed states and waits (debug=2, tracebacks). */
  hasStates: boolean;
  /** The source printed goroutine ids, and they were collected. */
  hasIds: boolean;
}

function finish(info: DumpInfo, g: Grouper, opts: AnalyzeOptions): Analysis {
  const hasStates = [...g.states.keys()].some((s) => s !== '');
  return {
    info, mode: opts.mode, total: g.total, states: g.states, groups: g.groups(), hasStates,
    hasIds: !!opts.collectIds && info.format === 'debug=2',
  };
}

/**
 * analyzeDump reads a debug=1 or debug=2 dump, a SIGQUIT or a panic
 * traceback, streaming: only the groups are kept, never all goroutines.
 * Problems are reported in info.warnings; a source with nothing usable has
 * info.records === 0.
 */
export async function analyzeDump(src: TextSource, opts: AnalyzeOptions): Promise<Analysis> {
  const g = new Grouper({ mode: opts.mode, collectIds: opts.collectIds });
  const onRecord = opts.onRecord;
  const info = await parseDump(src, (r) => {
    g.add(r);
    onRecord?.(r);
  });
  return finish(info, g, opts);
}

/** analyzeProfile groups the samples of a goroutine profile (profile.proto). */
export function analyzeProfile(p: Profile, opts: AnalyzeOptions): Analysis {
  const g = new Grouper({ mode: opts.mode, collectIds: opts.collectIds });
  for (const r of recordsFromProfile(p)) {
    g.add(r);
    opts.onRecord?.(r);
  }
  return finish(profileInfo(p), g, opts);
}
