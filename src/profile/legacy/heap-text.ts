// The text heap formats (gperftools heapz/heap_v2/heapprofile, growthz,
// fragmentationz, Go's "@ heap/<2·rate>"): "inuse: bytes [alloc: bytes] @ pcs".

import type { ValueType } from '../types.js';
import { DraftProfile } from './draft.js';
import { malformed, notThisFormat } from './errors.js';
import { goTrimSpace, isSpaceOrComment, LineScanner } from './lines.js';
import { readTrailingSections } from './mappings.js';
import { isMemoryMapSentinel } from './proc-maps.js';
import { scaleHeapSample } from './heap-scale.js';
import { GoRegExp } from './linear-regexp.js';
import { parseGoInt, parseHexAddresses, toInt64, toUint64 } from './strconv.js';

const TOTALS = 'heap profile: *([0-9]+): *([0-9]+) *\\[ *([0-9]+): *([0-9]+) *\\]';
const HEAP_HEADER = new GoRegExp(TOTALS + ' *@ *(heap[_a-z0-9]*)\\/?([0-9]*)');
const GROWTH_HEADER = new GoRegExp(TOTALS + ' @ growthz?');
const FRAGMENTATION_HEADER = new GoRegExp(TOTALS + ' @ fragmentationz?');
const HEAP_SAMPLE = new GoRegExp('(-?[0-9]+): *(-?[0-9]+) *\\[ *([0-9]+): *([0-9]+) *\\] @([ x0-9a-f]*)');

/** HeapHeader is what the first line of a heap profile says about its samples. */
interface HeapHeader {
  /** Sampling rate in bytes (the profile's period). */
  rate: bigint;
  /** Whether samples are Poisson-sampled and need scaling. */
  poisson: boolean;
  /** Whether the alloc totals differ from the in-use ones (then both are kept). */
  hasAlloc: boolean;
}

/**
 * readHeapHeader interprets a "heap profile:" first line; it throws
 * notThisFormat for lines (or heap variants) that are not heap profiles.
 */
export function readHeapHeader(line: string): HeapHeader {
  const h = HEAP_HEADER.exec(line);
  if (h) {
    let rate = 0n;
    const [, inuseCount, inuseBytes, allocCount, allocBytes, kind = '', rateText = ''] = h;
    if (rateText !== '') {
      const r = parseGoInt(rateText, 10);
      if (!r.ok) throw notThisFormat();
      rate = r.value;
    }
    const hasAlloc = (allocCount !== inuseCount && allocCount !== '0') || (allocBytes !== inuseBytes && allocBytes !== '0');
    switch (kind) {
      case 'heapz_v2':
      case 'heap_v2':
        return { rate, poisson: true, hasAlloc };
      case 'heapprofile':
        return { rate: 1n, poisson: false, hasAlloc };
      case 'heap':
        // Go writes twice the sampling rate.
        return { rate: rate / 2n, poisson: true, hasAlloc };
      default:
        throw notThisFormat();
    }
  }
  if (GROWTH_HEADER.test(line) || FRAGMENTATION_HEADER.test(line)) return { rate: 1n, poisson: false, hasAlloc: false };
  throw notThisFormat();
}

function heapSampleTypes(hasAlloc: boolean): ValueType[] {
  // Alloc comes first so that pprof's default (the last type) is inuse_space.
  if (hasAlloc) {
    return [
      { type: 'alloc_objects', unit: 'count' },
      { type: 'alloc_space', unit: 'bytes' },
      { type: 'inuse_objects', unit: 'count' },
      { type: 'inuse_space', unit: 'bytes' },
    ];
  }
  return [{ type: 'objects', unit: 'count' }, { type: 'space', unit: 'bytes' }];
}

/** HeapSample is one parsed sample line (addresses not yet adjusted). */
interface HeapSample {
  values: bigint[];
  blockSize: bigint;
  addrs: bigint[];
}

/** readHeapSample parses one sample line; malformed lines throw a definite error. */
function readHeapSample(line: string, h: HeapHeader): HeapSample {
  const m = HEAP_SAMPLE.exec(line);
  if (!m) throw malformed('unexpected number of sample values: got 0, want 6');
  const values: bigint[] = [];
  let blockSize = 0n;
  const add = (countText: string, sizeText: string, what: string): void => {
    const c = parseGoInt(countText, 10);
    if (!c.ok) throw malformed(`malformed sample: ${line}: ${c.message}`);
    const s = parseGoInt(sizeText, 10);
    if (!s.ok) throw malformed(`malformed sample: ${line}: ${s.message}`);
    let count = c.value;
    let size = s.value;
    if (count === 0n && size !== 0n) throw malformed(`${what} count was 0 but ${what} bytes was ${size}`);
    if (count !== 0n) {
      blockSize = toInt64(size / count);
      if (h.poisson) [count, size] = scaleHeapSample(count, size, h.rate);
    }
    values.push(count, size);
  };
  const [, inuseCount = '', inuseBytes = '', allocCount = '', allocBytes = '', pcs = ''] = m;
  if (h.hasAlloc) add(allocCount, allocBytes, 'allocation');
  add(inuseCount, inuseBytes, 'inuse');
  const a = parseHexAddresses(pcs);
  if ('error' in a) throw malformed(`malformed sample: ${line}: ${a.error}`);
  return { values, blockSize, addrs: a.addrs };
}

/** parseHeapText parses a text heap, growth or fragmentation profile. */
export function parseHeapText(data: Uint8Array): DraftProfile {
  const s = new LineScanner(data);
  if (!s.scan()) {
    s.throwIfFailed();
    throw notThisFormat();
  }
  const h = readHeapHeader(s.text);
  const d = new DraftProfile();
  d.periodType = { type: 'space', unit: 'bytes' };
  d.period = h.rate;
  d.sampleTypes = heapSampleTypes(h.hasAlloc);
  while (s.scan()) {
    const line = goTrimSpace(s.text);
    if (isSpaceOrComment(line)) continue;
    if (isMemoryMapSentinel(line)) break;
    const sample = readHeapSample(line, h);
    // Every frame is a return address: step back onto the call.
    const locs = sample.addrs.map((a) => d.locationAt(toUint64(a - 1n)));
    d.addSample(locs, sample.values, sample.blockSize);
  }
  s.throwIfFailed();
  readTrailingSections(d, s);
  return d;
}
