// The contentionz text profile (C++, and Go's old "--- mutex:"/"--- contention:"):
// "key = value" attributes, then "<delay cycles> <count> @ pcs" lines.

import { DraftProfile } from './draft.js';
import { malformed, notThisFormat } from './errors.js';
import { goTrimSpace, isSpaceOrComment, LineScanner } from './lines.js';
import { GoRegExp } from './linear-regexp.js';
import { readTrailingSections } from './mappings.js';
import { floatToInt64, parseGoInt, parseHexAddresses, toInt64, toUint64 } from './strconv.js';

// Two adjacent digit groups backtrack in time cubic in the length of a
// digit run, so the native engine only sees lines without long runs.
const LONG_DIGIT_RUN = /[0-9]{24}/;
const CONTENTION_SAMPLE = new GoRegExp('([0-9]+) *([0-9]+) @([ x0-9a-f]*)',
  (s) => s.length <= 4096 && !LONG_DIGIT_RUN.test(s));
const HEADERS = ['--- contentionz ', '--- mutex:', '--- contention:'];

/** ContentionScale is what the attributes say about unsampling. */
interface ContentionScale {
  period: bigint;
  cyclesPerSecond: bigint;
}

/**
 * readContentionSample parses one sample line into [count, delay ns] and
 * its pcs. Counts are multiplied by the sampling period; delays, given in
 * cycles, become nanoseconds when the clock rate is known.
 */
function readContentionSample(line: string, k: ContentionScale): { values: bigint[]; addrs: bigint[] } {
  const m = CONTENTION_SAMPLE.exec(line);
  if (!m) throw notThisFormat();
  const [, delayText = '', countText = '', pcs = ''] = m;
  const delay = parseGoInt(delayText, 10);
  if (!delay.ok) throw malformed(`malformed sample: ${line}: ${delay.message}`);
  const count = parseGoInt(countText, 10);
  if (!count.ok) throw malformed(`malformed sample: ${line}: ${count.message}`);
  let cycles = delay.value;
  let n = count.value;
  if (k.period > 0n) {
    if (k.cyclesPerSecond > 0n) {
      const ghz = Number(k.cyclesPerSecond) / 1e9;
      cycles = floatToInt64((Number(cycles) * Number(k.period)) / ghz);
    }
    n = toInt64(n * k.period);
  }
  const a = parseHexAddresses(pcs);
  if ('error' in a) throw malformed(`malformed sample: ${line}: ${a.error}`);
  return { values: [n, cycles], addrs: a.addrs };
}

// Reads the attribute block; returns with the scanner on the first line
// that is not an attribute (or past the end).
function readAttributes(s: LineScanner, d: DraftProfile, k: ContentionScale): void {
  while (s.scan()) {
    const line = goTrimSpace(s.text);
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const eq = line.indexOf('=');
    if (eq < 0) break;
    const key = goTrimSpace(line.slice(0, eq));
    const value = goTrimSpace(line.slice(eq + 1));
    const number = (): bigint => {
      const r = parseGoInt(value, 0);
      if (!r.ok) throw notThisFormat();
      return r.value;
    };
    switch (key) {
      case 'cycles/second':
        k.cyclesPerSecond = number();
        break;
      case 'sampling period':
        k.period = number();
        d.period = k.period;
        break;
      case 'ms since reset':
        d.durationNanos = toInt64(number() * 1000000n);
        break;
      case 'discarded samples':
        break;
      default:
        // Includes "format" and "resolution", which only Java profiles have.
        throw notThisFormat();
    }
  }
  s.throwIfFailed();
}

/** parseContentionText parses a contentionz/mutex text profile. */
export function parseContentionText(data: Uint8Array): DraftProfile {
  const s = new LineScanner(data);
  if (!s.scan()) {
    s.throwIfFailed();
    throw notThisFormat();
  }
  if (!HEADERS.some((h) => s.text.startsWith(h))) throw notThisFormat();
  const d = new DraftProfile();
  d.periodType = { type: 'contentions', unit: 'count' };
  d.period = 1n;
  d.sampleTypes = [{ type: 'contentions', unit: 'count' }, { type: 'delay', unit: 'nanoseconds' }];
  const k: ContentionScale = { period: 1n, cyclesPerSecond: 0n };
  readAttributes(s, d, k);
  for (;;) {
    const line = goTrimSpace(s.text);
    if (line.startsWith('---')) break;
    if (!isSpaceOrComment(line)) {
      const sample = readContentionSample(line, k);
      // Return addresses: step back onto the call instruction.
      d.addSample(sample.addrs.map((a) => d.locationAt(toUint64(a - 1n))), sample.values);
    }
    if (!s.scan()) break;
  }
  s.throwIfFailed();
  readTrailingSections(d, s);
  return d;
}
