// The threadz text profile: "--- threadz N ---", then one
// "--- Thread <id> (name: <name>/<tid>) stack: ---" block of pcs per thread.

import { DraftProfile } from './draft.js';
import { malformed, notThisFormat } from './errors.js';
import { goTrimSpace, isSpaceOrComment, LineScanner } from './lines.js';
import { GoRegExp } from './linear-regexp.js';
import { readTrailingSections } from './mappings.js';
import { isMemoryMapSentinel } from './proc-maps.js';
import { dropDuplicatedLeaf } from './stacks.js';
import { parseHexAddresses, toUint64 } from './strconv.js';

const THREADZ_START = new GoRegExp('--- threadz [0-9]+ ---');
const THREAD_START = new GoRegExp('--- Thread ([0-9A-Fa-f]+) \\(name: ([^\\n]*)\\/([0-9]+)\\) stack: ---');

/** ThreadStack is one thread's block: its pcs, or null for "same as previous thread". */
interface ThreadStack {
  pcs: bigint[] | null;
  /** The (trimmed) line that ended the block. */
  next: string;
}

// Reads the lines of one thread's stack up to the next "---" line.
function readThreadStack(s: LineScanner): ThreadStack {
  let line = '';
  let same = false;
  const pcs: bigint[] = [];
  while (s.scan()) {
    line = goTrimSpace(s.text);
    if (line === '') continue;
    if (line.startsWith('---')) break;
    if (line.includes('same as previous thread')) {
      same = true;
      continue;
    }
    const a = parseHexAddresses(line);
    if ('error' in a) throw malformed(`malformed sample: ${line}: ${a.error}`);
    pcs.push(...a.addrs);
  }
  s.throwIfFailed();
  return { pcs: same ? null : pcs, next: line };
}

/** parseThreadText parses a threadz profile: one sample per distinct stack. */
export function parseThreadText(data: Uint8Array): DraftProfile {
  const s = new LineScanner(data);
  while (s.scan() && isSpaceOrComment(s.text)) {
    // skip leading comments
  }
  let line = s.text;
  if (THREADZ_START.test(line)) {
    // Skip the header's attributes up to the first thread (or the map).
    while (s.scan()) {
      line = s.text;
      if (isMemoryMapSentinel(line) || line.startsWith('-')) break;
    }
  } else if (!THREAD_START.test(line)) {
    throw notThisFormat();
  }

  const d = new DraftProfile();
  d.sampleTypes = [{ type: 'thread', unit: 'count' }];
  d.periodType = { type: 'thread', unit: 'count' };
  d.period = 1n;
  while (!isMemoryMapSentinel(line)) {
    if (line.startsWith('---- no stack trace for')) break;
    if (!THREAD_START.test(line)) throw notThisFormat();
    const t = readThreadStack(s);
    line = t.next;
    if (t.pcs === null || t.pcs.length === 0) {
      // "same as previous thread" (or an empty stack) counts for the last sample.
      const last = d.samples[d.samples.length - 1];
      if (last) last.values[0]++;
      continue;
    }
    // All but the leaf are return addresses: step back onto the call.
    const locs = t.pcs.map((pc, i) => d.locationAt(i > 0 ? toUint64(pc - 1n) : pc));
    d.addSample(locs, [1n]);
  }
  readTrailingSections(d, s);
  dropDuplicatedLeaf(d);
  return d;
}
