// Go's debug=1 count profiles (goroutine, threadcreate, …):
// "<type> profile: total N" then "<count> @ 0x… 0x…" lines.

import { DraftProfile } from './draft.js';
import { malformed, notThisFormat } from './errors.js';
import { isSpaceOrComment, LineScanner } from './lines.js';
import { GoRegExp } from './linear-regexp.js';
import { readTrailingSections } from './mappings.js';
import { parseGoInt, parseGoUint, toUint64 } from './strconv.js';

const COUNT_HEADER = new GoRegExp('^([^\\t\\n\\f\\r ]+) profile: total [0-9]+$');
const COUNT_SAMPLE = new GoRegExp('^([0-9]+) @((?: 0x[0-9a-f]+)+)$');

/** parseGoCount parses a Go count profile; its type names the sample type. */
export function parseGoCount(data: Uint8Array): DraftProfile {
  const s = new LineScanner(data);
  while (s.scan() && isSpaceOrComment(s.text)) {
    // skip leading comments
  }
  s.throwIfFailed();
  const header = COUNT_HEADER.exec(s.text);
  if (!header) throw notThisFormat();
  const kind = header[1] ?? '';
  const d = new DraftProfile();
  d.periodType = { type: kind, unit: 'count' };
  d.period = 1n;
  d.sampleTypes = [{ type: kind, unit: 'count' }];
  while (s.scan()) {
    const line = s.text;
    if (isSpaceOrComment(line)) continue;
    if (line.startsWith('---')) break;
    const m = COUNT_SAMPLE.exec(line);
    if (!m) throw malformed('malformed profile format');
    const [, countText = '', pcs = ''] = m;
    const n = parseGoInt(countText, 0);
    if (!n.ok) throw malformed('malformed profile format');
    const locs = [];
    for (const word of pcs.split(' ')) {
      if (word === '') continue;
      const pc = parseGoUint(word, 0);
      if (!pc.ok) throw malformed('malformed profile format');
      // Return addresses: step back onto the call instruction.
      locs.push(d.locationAt(toUint64(pc.value - 1n)));
    }
    d.addSample(locs, [n.value]);
  }
  s.throwIfFailed();
  readTrailingSections(d, s);
  return d;
}
