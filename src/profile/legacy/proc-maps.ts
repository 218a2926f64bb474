// Parsing of the memory-map section that ends legacy profiles: Linux
// /proc/<pid>/maps lines and the briefer "start-end: file (@offset) buildid".

import { goTrimSpace, type LineScanner } from './lines.js';
import type { DraftMapping } from './draft.js';
import { GoRegExp } from './linear-regexp.js';
import { parseGoUint } from './strconv.js';

// Go RE2 classes spelled out: \s is ASCII-only there, unlike in JS.
const SP = '[\\t\\n\\f\\r ]';
const NOT_SP = '[^\\t\\n\\f\\r ]';
const XD = '[0-9A-Fa-f]';
const HEX = `(?:0x)?(${XD}+)`;
const RANGE = `${SP}*${HEX}[\\t\\n\\f\\r -]?${SP}*${HEX}:?`;
const PERM = `(?:${SP}+([-rwxp]+))?`;

/** Full /proc maps line: range, perms, offset, dev, inode, path. */
const PROC_MAPS = new GoRegExp(
  `^${RANGE}${PERM}(?:${SP}+(${XD}+))?${SP}+${XD}+:${XD}+${SP}+[0-9]+(?:${SP}+(${NOT_SP}+))?`);

/** Brief line: range, perms, path, (@offset), build id — all but the range optional. */
const BRIEF_MAPS = new GoRegExp(
  `^${RANGE}${PERM}(?:${SP}+(${NOT_SP}+))?(?:${SP}+\\(@(${XD}+)\\))?(?:${SP}+(${XD}+))?`);

/** A glog prefix such as "W1220 15:07:15.201776 8272 logger.cc:12033] ". */
const LOG_PREFIX = new GoRegExp(`^[^\\[\\]]+:[0-9]+\\]${SP}`);

const SENTINELS = ['--- Memory map: ---', 'MAPPED_LIBRARIES:'];

/** isMemoryMapSentinel tells whether a line opens the memory-map section. */
export function isMemoryMapSentinel(line: string): boolean {
  return SENTINELS.some((s) => line.includes(s));
}

/**
 * parseMappingLine reads one memory-map line: a mapping, `null` for a
 * non-executable region, or `undefined` when the line is not a mapping.
 */
export function parseMappingLine(line: string): DraftMapping | null | undefined {
  let start: string, end: string, perm: string, offset: string, file: string, buildId = '';
  const full = PROC_MAPS.exec(line);
  if (full) {
    [start, end, perm, offset, file] = [full[1] ?? '', full[2] ?? '', full[3] ?? '', full[4] ?? '', full[5] ?? ''];
  } else {
    const brief = BRIEF_MAPS.exec(line);
    if (!brief) return undefined;
    [start, end, perm, file, offset, buildId] =
      [brief[1] ?? '', brief[2] ?? '', brief[3] ?? '', brief[4] ?? '', brief[5] ?? '', brief[6] ?? ''];
  }
  if (perm !== '' && !perm.includes('x')) return null;
  const s = parseGoUint(start, 16);
  const e = parseGoUint(end, 16);
  if (!s.ok || !e.ok) return undefined;
  let off = 0n;
  if (offset !== '') {
    const o = parseGoUint(offset, 16);
    if (!o.ok) return undefined;
    off = o.value;
  }
  return { start: s.value, limit: e.value, offset: off, file, buildId };
}

/**
 * Substitutions defined by "name = value" lines, applied to later lines as
 * "$name" → value. Like Go's strings.Replacer, the earliest definition wins
 * when several names match at one position.
 */
class Substitutions {
  private readonly pairs: [string, string][] = [];

  define(name: string, value: string): void {
    this.pairs.push(['$' + name, value]);
  }

  apply(line: string): string {
    if (this.pairs.length === 0 || !line.includes('$')) return line;
    let out = '';
    let i = 0;
    outer: while (i < line.length) {
      if (line[i] === '$') {
        for (const [from, to] of this.pairs) {
          if (line.startsWith(from, i)) {
            out += to;
            i += from.length;
            continue outer;
          }
        }
      }
      out += line[i++];
    }
    return out;
  }
}

/**
 * readMemoryMap consumes the rest of the scanner as a memory map: log
 * prefixes are stripped, "name = value" lines define $name substitutions,
 * other unrecognised lines are skipped. Throws the scanner's error.
 */
export function readMemoryMap(s: LineScanner): DraftMapping[] {
  const out: DraftMapping[] = [];
  const subst = new Substitutions();
  while (s.scan()) {
    let line = s.text;
    const prefix = LOG_PREFIX.exec(line);
    if (prefix) line = line.slice((prefix[0] ?? '').length);
    line = subst.apply(line);
    const m = parseMappingLine(line);
    if (m === undefined) {
      const eq = line.indexOf('=');
      if (eq >= 0) subst.define(goTrimSpace(line.slice(0, eq)), goTrimSpace(line.slice(eq + 1)));
      continue;
    }
    if (m) out.push(m);
  }
  s.throwIfFailed();
  return out;
}
