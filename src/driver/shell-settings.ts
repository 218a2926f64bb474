// The shell's settings: assigning `name=value` to the report Config with
// pprof's parsing rules and error lines, and listing the current values
// (the `o`/`options` command) in pprof's layout. Both come from OPTIONS.

import { UserError } from '../user-error.js';
import type { Profile } from '../profile/types.js';
import { OPTIONS, optionByName, type Config, type OptionDef } from './config.js';
import { parseGoBool, parseGoFloat } from './goflags.js';
import { sampleIndexByName } from './pipeline.js';

/** ShellError is an input line the shell refused; its message is the one line it prints. */
export class ShellError extends UserError {}

/** isSettingName tells whether name is an option or one choice of a group (`cum`, `lines`). */
export function isSettingName(name: string): boolean {
  return optionByName(name) !== undefined;
}

/** isBoolSetting tells whether name may stand alone: a boolean option or a choice. */
export function isBoolSetting(name: string): boolean {
  const o = optionByName(name);
  if (!o) return false;
  return o.name !== name || o.type === 'bool';
}

// Go's %q for the strings in error lines (ASCII-safe and close enough for
// the printable text users type).
function quote(s: string): string {
  return JSON.stringify(s);
}

// pprof reads booleans more loosely than Go's flag package: yes/no, y/n and
// an empty value (a bare `trim`) count too.
function shellBool(value: string): boolean {
  switch (value.toLowerCase()) {
    case 'true': case 't': case 'yes': case 'y': case '1': case '': return true;
    case 'false': case 'f': case 'no': case 'n': case '0': return false;
    default: throw new ShellError(`illegal value "${value}" for bool variable`);
  }
}

// strconv.Atoi: decimal only, an optional sign, no underscores.
function atoi(value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw new ShellError(`strconv.Atoi: parsing ${quote(value)}: invalid syntax`);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new ShellError(`strconv.Atoi: parsing ${quote(value)}: value out of range`);
  return n;
}

function parseFloat64(value: string): number {
  const n = parseGoFloat(value);
  if (n === null) throw new ShellError(`strconv.ParseFloat: parsing ${quote(value)}: invalid syntax`);
  return n;
}

function setField(cfg: Config, o: OptionDef, value: string): Config {
  const next = { ...cfg } as unknown as Record<string, unknown>;
  switch (o.type) {
    case 'bool': next[o.name] = shellBool(value); break;
    case 'int': next[o.name] = atoi(value); break;
    case 'float': next[o.name] = parseFloat64(value); break;
    case 'string':
      if (o.choices && !o.choices.includes(value)) throw new ShellError(`invalid ${quote(o.name)} value ${quote(value)}`);
      next[o.name] = value;
      break;
  }
  return next as unknown as Config;
}

/**
 * applySetting returns cfg with `name` set to value, or throws ShellError.
 * A choice (`cum`, `lines`) selects itself in its group when value is true
 * or empty; sample_index is checked against the profile and stored as the
 * sample type's name, as pprof does.
 */
export function applySetting(cfg: Config, name: string, value: string, p: Profile): Config {
  const o = optionByName(name);
  if (!o) throw new ShellError(`unknown config field ${quote(name)}`);
  if (o.name === 'sample_index') value = sampleTypeFor(p, value);
  if (o.name === name) return setField(cfg, o, value);
  // pprof parses the value of a choice with strconv.ParseBool and so refuses
  // a bare `cum` (ParseBool("") fails); gotune takes it as `cum=true`.
  const on = value === '' ? true : parseGoBool(value);
  if (on !== true) throw new ShellError(`unknown config field ${quote(name)}`);
  return setField(cfg, o, name);
}

/** sampleTypeFor resolves a sample_index value (index or name) to a type name, with pprof's errors. */
function sampleTypeFor(p: Profile, value: string): string {
  const types = p.sampleTypes.map((t) => t.type);
  if (/^[+-]?\d+$/.test(value)) {
    const i = Number(value);
    if (i < 0 || i >= types.length) throw new ShellError(`sample_index ${value} is outside the range [0..${types.length - 1}]`);
    return types[i];
  }
  try {
    return types[sampleIndexByName(p, value)];
  } catch {
    throw new ShellError(`sample_index ${quote(value)} must be one of: [${types.join(' ')}]`);
  }
}

/** goFormatFloat prints a float64 like Go's %v (shortest digits, exponent below 1e-4 and from 1e6). */
export function goFormatFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, e] = x.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mant}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(x);
}

function valueText(cfg: Config, o: OptionDef): string {
  const v = cfg[o.name];
  if (typeof v === 'number') return o.type === 'float' ? goFormatFloat(v) : String(v);
  return String(v);
}

/**
 * formatOptions is the `o` listing: every option but source_path with its
 * current value, sorted, a `//:` comment giving the choices of a group, the
 * sample types of the profile, or "default" for an unset nodecount.
 */
export function formatOptions(cfg: Config, p: Profile): string {
  const rows: string[] = [];
  for (const o of OPTIONS) {
    if (o.name === 'source_path') continue;
    let v = valueText(cfg, o);
    let comment = '';
    if (o.choices) {
      comment = '[' + [...o.choices].sort().join(' | ') + ']';
    } else if (o.name === 'sample_index') {
      const types = p.sampleTypes.map((t) => t.type);
      // Like pprof, an unset index shows the last type, whatever the default.
      if (v === '') v = types[types.length - 1] ?? '';
      comment = '[' + types.join(' | ') + ']';
    } else if (o.name === 'nodecount' && v === '-1') {
      comment = 'default';
    } else if (v === '') {
      v = '""';
    }
    if (o.name === 'granularity' && v === '') v = '(default)';
    if (comment !== '') comment = '//: ' + comment;
    rows.push(`  ${o.name.padEnd(25)} = ${v.padEnd(20)} ${comment}`);
  }
  rows.sort();
  return rows.join('\n') + '\n';
}

/** FILTER_SETTINGS are what `:` clears. */
export const FILTER_SETTINGS: (keyof Config)[] = ['focus', 'ignore', 'hide', 'tagfocus', 'tagignore'];
