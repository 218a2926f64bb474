// One web UI session: the profile decoded once (and, for a comparison, its
// two sides apart), the command line's settings, the report tools, and a
// small cache of rendered reports keyed by view and query, so that
// back/forward and redraws cost nothing.

import { commandByName, type CommandDef } from '../../driver/commands.js';
import type { Config } from '../../driver/config.js';
import { makeReport } from '../../driver/pipeline.js';
import type { ReportTools, Ui } from '../../ports.js';
import type { Profile } from '../../profile/types.js';
import { FLAME_MODES, functionFiles, packFlame, type FlameMode } from '../../report/flame.js';
import { analyzeProfile } from '../../goroutine/analyze.js';
import { diffAnalyses } from '../../goroutine/diff.js';
import { buildDiffReport, buildReport, type GoroutineReport } from '../../goroutine/model.js';
import { generate } from '../../report/generate.js';
import type { ReportOutput } from '../../report/output.js';
import type { Report } from '../../report/report.js';
import { UserError } from '../../user-error.js';
import { configFromQuery } from './query.js';

const CACHE_SIZE = 32;

/** Rendered is a report's output with the warnings it printed. */
interface Rendered {
  out: ReportOutput;
  warnings: string[];
}

/** Sides are the two profiles of a comparison, apart, with positive values. */
export interface Sides {
  value: Profile;
  base: Profile;
}

/** The flame graph's report row: -folded's stacks. */
const FOLDED = commandByName('folded')!;

/** Session serves every view of one profile. */
export class Session {
  private readonly cache = new Map<string, Rendered>();
  private files: Map<string, string> | undefined;

  constructor(
    readonly profile: Profile,
    readonly config: Config,
    readonly tools: ReportTools,
    /** What the profile came from, for the details panel. */
    readonly sources: readonly string[],
    /** With -base or -diff_base: the two sides, for the differential flame graph. */
    readonly sides?: Sides,
    /** The goroutines page's report when the source was a dump (it knows more than the profile made from it). */
    private goroutineReport?: GoroutineReport,
  ) {}

  private cached(key: string, make: () => Rendered): Rendered {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const r = make();
    this.cache.set(key, r);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return r;
  }

  /** prepare makes the report of cmd on p with the query's settings, as the CLI's makeReport does. */
  private prepare(p: Profile, cmd: CommandDef, q: URLSearchParams, arg: string | undefined, warnings: string[]): Report {
    const ui: Ui = { print: () => {}, printErr: (l: string) => { warnings.push(l); }, isTerminal: () => false };
    return makeReport(p, { cmd, arg }, configFromQuery(this.config, q), ui, this.tools);
  }

  /**
   * render runs cmd on the profile with the query's settings, through the
   * CLI's makeReport and report table; arg is the command's regexp; side,
   * in a comparison, renders one side alone (the diff table's columns).
   */
  render(cmd: CommandDef, q: URLSearchParams, arg?: string, side?: keyof Sides): Rendered {
    let p = this.profile;
    if (side) {
      if (!this.sides) throw new UserError('no base profile: start with -base or -diff_base to compare', 2);
      p = this.sides[side];
    }
    return this.cached(`${side ?? ''}\0${cmd.name}\0${arg ?? ''}\0${queryKey(q)}`, () => {
      const warnings: string[] = [];
      const rpt = this.prepare(p, cmd, q, arg, warnings);
      return { out: generate(cmd.format, rpt, { ...this.tools, warn: (l) => warnings.push(l) }), warnings };
    });
  }

  /**
   * flame packs the flame graph of the query's settings: mode and, for the
   * sandwich, fn (a function name, matched exactly) come from the query;
   * with two sides, the base's values travel beside the profile's.
   */
  flame(q: URLSearchParams): Rendered {
    const mode = (q.get('mode') ?? 'top-down') as FlameMode;
    if (!FLAME_MODES.includes(mode)) throw new UserError(`mode: must be one of ${FLAME_MODES.join(', ')}`, 2);
    const fnName = q.get('fn') ?? '';
    if ((mode === 'callers' || mode === 'callees') && fnName === '') throw new UserError(`mode=${mode} needs fn, the function of the sandwich`, 2);
    const rest = new URLSearchParams(q);
    for (const k of ['mode', 'fn']) rest.delete(k);
    return this.cached(`flame\0${mode}\0${fnName}\0${queryKey(rest)}`, () => {
      const warnings: string[] = [];
      const fn = fnName === '' ? undefined : fnName;
      const p = this.sides?.value ?? this.profile;
      this.files ??= functionFiles(p);
      const value = this.prepare(p, FOLDED, rest, undefined, warnings);
      const base = this.sides ? this.prepare(this.sides.base, FOLDED, rest, undefined, []) : undefined;
      return { out: { kind: 'binary', data: packFlame({ value, base, mode, fn, files: this.files }), gzip: false }, warnings };
    });
  }

  /**
   * goroutines is the goroutines page's report: the one given at start
   * (`gotune goroutines --http`, from the dump itself), else the groups of
   * this goroutine profile, and with two sides their diff.
   */
  goroutines(): GoroutineReport {
    if (this.goroutineReport) return this.goroutineReport;
    const isG = (p: Profile) => p.sampleTypes.some((t) => t.type === 'goroutine');
    const name = this.sources[0] ?? 'profile';
    if (this.sides && isG(this.sides.value) && isG(this.sides.base)) {
      const opts = { mode: 'loose' as const };
      const d = diffAnalyses(analyzeProfile(this.sides.base, opts), analyzeProfile(this.sides.value, opts));
      this.goroutineReport = buildDiffReport(d, [this.sources[1] ?? 'base', name], null);
    } else if (isG(this.profile) && !this.sides) {
      this.goroutineReport = buildReport(analyzeProfile(this.profile, { mode: 'exact' }), name);
    } else {
      throw new UserError('not a goroutine profile: the goroutines page shows goroutine profiles and dumps', 2);
    }
    return this.goroutineReport;
  }
}

function queryKey(q: URLSearchParams): string {
  return [...q.entries()].sort().join('&');
}

/** webCommand is a command row for a report format that has no CLI command (the top table, the labels panel). */
export function webCommand(name: string, format: CommandDef['format']): CommandDef {
  return { name, description: '', usage: '', hasParam: false, format };
}
