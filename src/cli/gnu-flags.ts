// The flag parser of the GNU-style subcommands (measure, goroutines, …):
// `--flag value`, `--flag=value`, `-f value`, repeatable flags, arguments
// between flags, `--` ends the flags; typed values checked against the
// flag's definition, and the --help text generated from the same table.

import { parseDurationFlag } from '../units/duration.js';
import { HelpRequested, UsageError } from '../user-error.js';

/** GnuFlagKind is a flag's value type: a duration is read in seconds (Go syntax, or a bare number). */
type GnuFlagKind = 'bool' | 'string' | 'int' | 'duration';

/** GnuFlag declares one flag of a subcommand. */
export interface GnuFlag {
  /** The long name, given as --name (also -name). */
  name: string;
  /** A one-letter alias, given as -x. */
  short?: string;
  kind: GnuFlagKind;
  /** The value's placeholder in the help (URL, N, D…). */
  arg?: string;
  /** The help text; a line break starts a continuation line. */
  help: string;
  /** May be given several times; all values are kept in order. */
  repeatable?: boolean;
  /** int: the smallest value accepted. */
  min?: number;
  /** string: the only values accepted. */
  choices?: readonly string[];
  /** The default as the help shows it. */
  default?: string;
}

/** GnuValue is a converted flag value. */
type GnuValue = string | number | boolean;

/** GnuFlagValues holds what a command line set, by long flag name. */
export class GnuFlagValues {
  constructor(private readonly values: Map<string, GnuValue[]>) {}

  /** has tells whether the flag was given. */
  has(name: string): boolean {
    return this.values.has(name);
  }

  /** string is the last value of a string flag, or def. */
  string(name: string, def = ''): string {
    const v = this.values.get(name);
    return v ? String(v[v.length - 1]) : def;
  }

  /** strings are all values of a repeatable flag, in order. */
  strings(name: string): string[] {
    return (this.values.get(name) ?? []).map(String);
  }

  /** number is the last value of an int or duration flag (seconds), or def. */
  number(name: string, def: number): number {
    const v = this.values.get(name);
    return v ? Number(v[v.length - 1]) : def;
  }

  /** bool tells whether a boolean flag was set (and not set to false). */
  bool(name: string): boolean {
    const v = this.values.get(name);
    return v ? v[v.length - 1] === true : false;
  }
}

/** distance is the edit distance of two short strings (for suggestions). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** closestFlag is the flag a mistyped name most likely meant, if any is close. */
function closestFlag(name: string, flags: readonly GnuFlag[]): GnuFlag | null {
  let best: GnuFlag | null = null;
  let bestD = Infinity;
  for (const f of flags) {
    const d = f.name.startsWith(name) && name.length >= 3 ? 0.5 : distance(name, f.name);
    if (d < bestD) {
      best = f;
      bestD = d;
    }
  }
  // Within two edits, and not most of a short name.
  return best && bestD <= Math.min(2, Math.ceil(best.name.length / 3)) ? best : null;
}

function convert(f: GnuFlag, shown: string, raw: string): GnuValue {
  switch (f.kind) {
    case 'bool':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      throw new UsageError(`invalid value "${raw}" for ${shown}: want true or false`);
    case 'int': {
      const min = f.min ?? 0;
      if (!/^-?\d+$/.test(raw) || Number(raw) < min) {
        throw new UsageError(`invalid value "${raw}" for ${shown}: want a whole number of at least ${min}`);
      }
      return Number(raw);
    }
    case 'duration': {
      const s = parseDurationFlag(raw);
      if (s === null) throw new UsageError(`invalid value "${raw}" for ${shown}: want a duration such as 30s, 1m or 500ms`);
      return s;
    }
    case 'string':
      if (f.choices && !f.choices.includes(raw)) {
        throw new UsageError(`invalid value "${raw}" for ${shown}: want one of ${f.choices.join(', ')}`);
      }
      return raw;
  }
}

/**
 * parseGnuFlags reads argv against flags and returns the values and the
 * other arguments; it throws UsageError (with a suggestion for a mistyped
 * flag) or HelpRequested (-h, --help).
 */
export function parseGnuFlags(argv: readonly string[], flags: readonly GnuFlag[]): { values: GnuFlagValues; args: string[] } {
  const byName = new Map<string, GnuFlag>();
  for (const f of flags) {
    byName.set(f.name, f);
    if (f.short) byName.set(f.short, f);
  }
  const values = new Map<string, GnuValue[]>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-' || !a.startsWith('-')) {
      args.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const shown = eq >= 0 ? a.slice(0, eq) : a;
    const name = shown.replace(/^--?/, '');
    const f = byName.get(name);
    if (!f) {
      if (name === 'h' || name === 'help') throw new HelpRequested();
      const near = closestFlag(name, flags);
      throw new UsageError(`unknown flag ${shown}${near ? ` (did you mean --${near.name}?)` : ''}`);
    }
    let raw: string;
    if (eq >= 0) raw = a.slice(eq + 1);
    else if (f.kind === 'bool') raw = 'true';
    else if (i + 1 < argv.length) raw = argv[++i];
    else throw new UsageError(`flag ${shown} needs a value`);
    const v = convert(f, shown, raw);
    const list = values.get(f.name);
    if (list && f.repeatable) list.push(v);
    else values.set(f.name, [v]);
  }
  return { values: new GnuFlagValues(values), args };
}

/** formatGnuFlags is the flag list of a --help text, one flag per line, help aligned. */
export function formatGnuFlags(flags: readonly GnuFlag[]): string {
  const heads = flags.map((f) => `${f.short ? `-${f.short}, ` : ''}--${f.name}${f.arg ? ` ${f.arg}` : ''}`);
  const width = Math.min(22, Math.max(...heads.map((h) => h.length)));
  const out: string[] = [];
  flags.forEach((f, i) => {
    const lines = f.help.split('\n');
    if (f.default !== undefined) lines[lines.length - 1] += ` (default ${f.default})`;
    if (heads[i].length > width) out.push(`  ${heads[i]}`, ...lines.map((l) => `  ${''.padEnd(width)}  ${l}`));
    else out.push(`  ${heads[i].padEnd(width)}  ${lines[0]}`, ...lines.slice(1).map((l) => `  ${''.padEnd(width)}  ${l}`));
  });
  return out.join('\n') + '\n';
}
