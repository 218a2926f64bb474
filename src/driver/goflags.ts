// Command-line parsing with the rules of Go's flag package, which
// `go tool pprof` uses: -flag, --flag, -flag=value, -flag value (not for
// booleans), parsing stops at the first non-flag argument or "--".

import { HelpRequested, UsageError } from '../user-error.js';

/** FlagKind is a flag's value type. */
type FlagKind = 'bool' | 'int' | 'float' | 'string';

/** FlagDef declares one flag. */
export interface FlagDef {
  name: string;
  kind: FlagKind;
  help: string;
  /** Default as Go's usage shows it; '' for none. */
  defValue?: string;
}


/** FlagValues holds what was set, by flag name, already converted. */
export type FlagValues = Map<string, boolean | number | string>;

/** parseGoBool is strconv.ParseBool. */
export function parseGoBool(s: string): boolean | null {
  switch (s) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True': return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False': return false;
    default: return null;
  }
}

/** parseGoInt is strconv.ParseInt(s, 0, 64): 0x/0o/0b prefixes, underscores. */
export function parseGoInt(s: string): number | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return null;
  let body = m[2];
  if (body.includes('_')) {
    // Underscores only between digits, and only with a base prefix or 0.
    if (/__|_$|^_/.test(body.replace(/^0[xXoObB]/, ''))) return null;
    body = body.replace(/_/g, '');
  }
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) v = parseInt(body.slice(1), 8);
  else v = parseInt(body, 10);
  if (!Number.isSafeInteger(v)) return null;
  return m[1] === '-' ? -v : v;
}

/** parseGoFloat is strconv.ParseFloat(s, 64) for decimal and special forms. */
export function parseGoFloat(s: string): number | null {
  const t = s.replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * parseFlags parses argv against defs and returns the values set and the
 * remaining arguments; it throws UsageError or HelpRequested.
 */
export function parseFlags(argv: string[], defs: FlagDef[]): { values: FlagValues; args: string[] } {
  const byName = new Map(defs.map((d) => [d.name, d]));
  const values: FlagValues = new Map();
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a.length < 2 || a[0] !== '-') break;
    let body = a.slice(1);
    if (body[0] === '-') {
      if (body.length === 1) {
        i++; // "--" ends the flags
        break;
      }
      body = body.slice(1);
    }
    if (body.length === 0 || body[0] === '-' || body[0] === '=') throw new UsageError(`bad flag syntax: ${a}`, true);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    let value: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;
    const def = byName.get(name);
    if (!def) {
      if (name === 'h' || name === 'help') throw new HelpRequested();
      throw new UsageError(`flag provided but not defined: -${name}`, true);
    }
    if (def.kind === 'bool') {
      if (value === undefined) {
        values.set(name, true);
        continue;
      }
      const b = parseGoBool(value);
      if (b === null) throw new UsageError(`invalid boolean value "${value}" for -${name}: parse error`, true);
      values.set(name, b);
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`flag needs an argument: -${name}`, true);
      value = argv[++i];
    }
    if (def.kind === 'int') {
      const n = parseGoInt(value);
      if (n === null) throw new UsageError(`invalid value "${value}" for flag -${name}: parse error`, true);
      values.set(name, n);
    } else if (def.kind === 'float') {
      const n = parseGoFloat(value);
      if (n === null) throw new UsageError(`invalid value "${value}" for flag -${name}: parse error`, true);
      values.set(name, n);
    } else {
      values.set(name, value);
    }
  }
  return { values, args: argv.slice(i) };
}
