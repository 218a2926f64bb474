// One web UI session: the profile decoded once, the command line's
// settings, the report tools, and a small cache of rendered reports keyed
// by view and query, so that back/forward and redraws cost nothing.

import type { CommandDef } from '../../driver/commands.js';
import type { Config } from '../../driver/config.js';
import { makeReport } from '../../driver/pipeline.js';
import type { ReportTools } from '../../ports.js';
import type { Profile } from '../../profile/types.js';
import { generate } from '../../report/generate.js';
import type { ReportOutput } from '../../report/output.js';
import { configFromQuery } from './query.js';

const CACHE_SIZE = 32;

/** Rendered is a report's output with the warnings it printed. */
interface Rendered {
  out: ReportOutput;
  warnings: string[];
}

/** Session serves every view of one profile. */
export class Session {
  private readonly cache = new Map<string, Rendered>();

  constructor(
    readonly profile: Profile,
    readonly config: Config,
    readonly tools: ReportTools,
    /** What the profile came from, for the details panel. */
    readonly sources: readonly string[],
  ) {}

  /**
   * render runs cmd on the profile with the query's settings, through the
   * CLI's makeReport and report table; arg is the command's regexp.
   */
  render(cmd: CommandDef, q: URLSearchParams, arg?: string): Rendered {
    const key = `${cmd.name}\0${arg ?? ''}\0${[...q.entries()].sort().join('&')}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const warnings: string[] = [];
    const ui = { print: () => {}, printErr: (l: string) => { warnings.push(l); }, isTerminal: () => false };
    const cfg = configFromQuery(this.config, q);
    const rpt = makeReport(this.profile, { cmd, arg }, cfg, ui, this.tools);
    const out = generate(cmd.format, rpt, { ...this.tools, warn: (l) => warnings.push(l) });
    const r = { out, warnings };
    this.cache.set(key, r);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return r;
  }
}

/** webCommand is a command row for a report format that has no CLI command (the flame graph, the top table). */
export function webCommand(name: string, format: CommandDef['format']): CommandDef {
  return { name, description: '', usage: '', hasParam: false, format };
}
