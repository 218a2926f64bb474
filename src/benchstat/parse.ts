// The reader of `go test -bench` output (the Go benchmark format,
// golang.org/design/14313-benchmark-format): configuration lines
// (`goos: linux`), benchmark lines with one or more value/unit pairs, and
// `Unit` metadata lines; every other line is ignored, and a malformed
// benchmark line is a warning (file:line: why), not a failure.

import { isLower, isSpace, isUpper, splitField, utf8Length } from './text.js';
import { tidyUnit } from './units.js';

/** BenchConfig is one configuration key of a result; file keys come from `key: value` lines, the others (.file) from benchstat. */
interface BenchConfig {
  readonly key: string;
  readonly value: string;
  readonly file: boolean;
}

/** BenchValue is one measurement: tidied (sec/op, B/s…), with the value and unit as written when tidying changed them. */
interface BenchValue {
  readonly value: number;
  readonly unit: string;
  readonly origValue?: number;
  readonly origUnit?: string;
}

/** BenchResult is one benchmark line and the configuration in force where it stood. */
export interface BenchResult {
  /** Configuration in order: .file first, then file keys as they appeared (a deleted key's place is taken by the last). */
  readonly config: readonly BenchConfig[];
  /** The full name without "Benchmark": "Encode/format=json-48". */
  readonly name: string;
  readonly iters: number;
  values: BenchValue[];
  readonly fileName: string;
  readonly line: number;
}

/** UnitMetadata is one key=value of a `Unit` line (assume=exact, better=higher), keyed by the tidied unit. */
interface UnitMetadata {
  readonly unit: string;
  readonly key: string;
  readonly origUnit: string;
  readonly value: string;
  readonly fileName: string;
  readonly line: number;
}

/** UnitMetadataMap holds the unit metadata of all files read so far, by `${tidied unit}\n${key}`. */
export type UnitMetadataMap = Map<string, UnitMetadata>;

/** unitMetadata finds the metadata `key` of a unit (tidied or not). */
export function unitMetadata(units: UnitMetadataMap, unit: string, key: string): UnitMetadata | undefined {
  return units.get(`${tidyUnit(unit)[0]}\n${key}`);
}

/** BenchSyntaxError is a line the reader could not take, as benchstat prints it: "file:line: message". */
interface BenchSyntaxError {
  readonly fileName: string;
  readonly line: number;
  readonly msg: string;
}

/** formatSyntaxError is the warning line for a syntax error. */
export function formatSyntaxError(e: BenchSyntaxError): string {
  return `${e.fileName}:${e.line}: ${e.msg}`;
}

/** BenchRecord is what reading yields, in input order. */
export type BenchRecord = { kind: 'result'; result: BenchResult } | { kind: 'error'; error: BenchSyntaxError };

/** A line longer than this stops Go's bufio.Scanner ("token too long"), and with it benchstat. */
const MAX_LINE_BYTES = 64 * 1024;

/** BenchReadError is a failure that ends reading (a line too long), as benchstat reports it. */
export class BenchReadError extends Error {}

/**
 * readBenchFile reads one file's text. label is the file's .file value
 * (its path, or the label of a `label=path` argument); units collects the
 * Unit metadata, which carries across files. It throws BenchReadError
 * where benchstat stops.
 */
export function readBenchFile(text: string, fileName: string, label: string, units: UnitMetadataMap): BenchRecord[] {
  const out: BenchRecord[] = [];
  let config: BenchConfig[] = [{ key: '.file', value: label, file: false }];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let lineNo = 0;
  const err = (msg: string): BenchRecord => ({ kind: 'error', error: { fileName, line: lineNo, msg } });
  for (let raw of lines) {
    if (raw.length * 3 >= MAX_LINE_BYTES && utf8Length(raw) >= MAX_LINE_BYTES) {
      throw new BenchReadError(`${fileName}:${lineNo}: bufio.Scanner: token too long`);
    }
    lineNo++;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (raw.startsWith('Benchmark')) {
      const r = parseBenchmarkLine(raw, config, fileName, lineNo);
      if (r === 'skip') continue;
      out.push(typeof r === 'string' ? err(r) : { kind: 'result', result: r });
      continue;
    }
    if (raw.startsWith('U')) {
      const [first, rest] = splitField(raw);
      if (first === 'Unit') {
        for (const m of parseUnitLine(rest, units)) out.push(err(m));
        continue;
      }
    }
    const kv = parseKeyValueLine(raw);
    if (kv) config = setConfig(config, kv[0], kv[1]);
  }
  return out;

  function parseUnitLine(line: string, units: UnitMetadataMap): string[] {
    const errors: string[] = [];
    let [unit, rest] = splitField(line);
    if (unit === '') return ['missing unit'];
    const tidied = tidyUnit(unit)[0];
    for (;;) {
      let f: string;
      [f, rest] = splitField(rest);
      if (f === '') break;
      const eq = f.indexOf('=');
      if (eq <= 0) {
        errors.push('expected key=value');
        continue;
      }
      const key = f.slice(0, eq);
      const value = f.slice(eq + 1);
      const id = `${tidied}\n${key}`;
      const have = units.get(id);
      if (have) {
        if (have.value !== value) errors.push(`metadata ${key} of unit ${unit} already set to ${have.value}`);
        continue;
      }
      units.set(id, { unit: tidied, key, origUnit: unit, value, fileName, line: lineNo });
    }
    return errors;
  }
}

/**
 * setConfig applies a `key: value` line: a new key is appended, a known one
 * updated in place, an empty value deletes the key by moving the last key
 * into its place (so the order stays as benchfmt keeps it).
 */
function setConfig(config: BenchConfig[], key: string, value: string): BenchConfig[] {
  const next = config.slice();
  const at = next.findIndex((c) => c.key === key);
  if (value === '') {
    if (at < 0) return config;
    next[at] = next[next.length - 1];
    next.pop();
    return next;
  }
  if (at >= 0) next[at] = { key, value, file: true };
  else next.push({ key, value, file: true });
  return next;
}

/**
 * parseKeyValueLine reads `key: value`: the key starts with a lower-case
 * letter and has no spaces or upper-case letters; one or more spaces or
 * tabs follow the colon unless the value is empty.
 */
function parseKeyValueLine(line: string): [string, string] | null {
  let i = 0;
  let key = '';
  let val = '';
  let found = false;
  for (const ch of line) {
    if (i === 0 && !isLower(ch)) return null;
    if (isSpace(ch) || isUpper(ch)) return null;
    if (i > 0 && ch === ':') {
      key = line.slice(0, i);
      val = line.slice(i + 1);
      found = true;
      break;
    }
    i += ch.length;
  }
  if (!found || key === '') return null;
  if (val === '') return [key, ''];
  let j = 0;
  while (j < val.length && (val[j] === ' ' || val[j] === '\t')) j++;
  return j === 0 ? null : [key, val.slice(j)];
}

const INT64_MAX = 9223372036854775807n;

/** parseGoInt is strconv.Atoi's verdict on an iteration count: the number, or the reason it is not one. */
function parseGoInt(s: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return 'invalid syntax';
  const v = BigInt(s);
  if (v > INT64_MAX || v < -INT64_MAX - 1n) return 'value out of range';
  return Number(v);
}

/**
 * parseGoFloat is strconv.ParseFloat's verdict on a measurement: decimal
 * and exponent forms, inf/infinity/nan in any case; hexadecimal floats and
 * digit underscores are refused here (Go takes them; go test never prints them).
 */
export function parseGoFloat(s: string): number | string {
  if (/^[0-9]+$/.test(s) && s.length < 19) return Number(s);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2].toLowerCase() === 'nan') return special[1] === '' ? NaN : 'invalid syntax';
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(s)) return 'invalid syntax';
  const v = Number(s);
  return Number.isFinite(v) ? v : 'value out of range';
}

/** parseBenchmarkLine reads a line that starts with "Benchmark": a result, an error message, or 'skip' (a bare name, as `go test -v` prints). */
function parseBenchmarkLine(line: string, config: BenchConfig[], fileName: string, lineNo: number): BenchResult | string | 'skip' {
  const body = line.slice('Benchmark'.length);
  let [name, rest] = splitField(body);
  if (rest === '' && name.length === body.length) return 'skip';
  let f: string;
  [f, rest] = splitField(rest);
  if (f === '') return 'missing iteration count';
  const iters = parseGoInt(f);
  if (typeof iters === 'string') return `parsing iteration count: ${iters}`;
  const values: BenchValue[] = [];
  for (;;) {
    [f, rest] = splitField(rest);
    if (f === '') {
      if (values.length > 0) break;
      return 'missing measurements';
    }
    const val = parseGoFloat(f);
    if (typeof val === 'string') return `parsing measurement: ${val}`;
    let unit: string;
    [unit, rest] = splitField(rest);
    if (unit === '') return 'missing units';
    const [tidied, factor] = tidyUnit(unit);
    const tv = val * factor;
    // As benchfmt: a value tidying leaves equal (0 ns/op) keeps its unit.
    values.push(tv === val ? { value: val, unit } : { value: tv, unit: tidied, origValue: val, origUnit: unit });
  }
  return { config, name, iters, values, fileName, line: lineNo };
}

/** nameBase is a benchmark's base name: up to the first '/', or the whole name without its -N GOMAXPROCS suffix. */
export function nameBase(name: string): string {
  const slash = name.indexOf('/');
  return slash >= 0 ? name.slice(0, slash) : splitGomaxprocs(name)[0];
}

/** splitGomaxprocs splits "Foo/bar-8" into "Foo/bar" and "-8" (no suffix: ""). */
function splitGomaxprocs(name: string): [string, string] {
  for (let i = name.length - 1; i >= 0; i--) {
    if (name[i] === '-' && i < name.length - 1) return [name.slice(0, i), name.slice(i)];
    if (!(name[i] >= '0' && name[i] <= '9')) break;
  }
  return [name, ''];
}

/** nameParts splits a full name into its base and its parts: "/key=value" sub-names, then "-N" when there is one. */
export function nameParts(name: string): [base: string, parts: string[]] {
  const [buf, procs] = splitGomaxprocs(name);
  const parts: string[] = [];
  let prev = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === '/') {
      parts.push(buf.slice(prev, i));
      prev = i;
    }
  }
  parts.push(buf.slice(prev));
  if (procs !== '') parts.push(procs);
  return [parts[0], parts.slice(1)];
}

/** BenchFileArg is one file argument: where to read it, and its .file label. */
interface BenchFileArg {
  readonly path: string;
  readonly label: string;
  readonly isStdin: boolean;
}

/**
 * parseFileArgs reads benchstat's file arguments: `label=path` names the
 * column, "-" is standard input, and a path given twice without a label is
 * told apart as path#0, path#1 (else its samples would silently double up).
 */
export function parseFileArgs(args: readonly string[]): BenchFileArg[] {
  const count = new Map<string, number>();
  const raw = args.map((a) => {
    const eq = a.indexOf('=');
    if (eq >= 0) return { path: a.slice(eq + 1), label: a.slice(0, eq), labeled: true };
    count.set(a, (count.get(a) ?? 0) + 1);
    return { path: a, label: a, labeled: false };
  });
  const seen = new Map<string, number>();
  return raw.map((r) => {
    let label = r.label;
    if (!r.labeled && count.get(r.path)! > 1) {
      const i = seen.get(r.path) ?? 0;
      label = `${r.path}#${i}`;
      seen.set(r.path, i + 1);
    }
    return { path: r.path, label, isStdin: r.path === '-' };
  });
}
