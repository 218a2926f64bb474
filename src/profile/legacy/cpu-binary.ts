// The legacy binary CPU profile (gperftools profilez, old Go): a header and
// sampled stacks in 32- or 64-bit words of either byte order, then a memory map.

import type { ValueType } from '../types.js';
import { DraftProfile } from './draft.js';
import { notThisFormat } from './errors.js';
import { LineScanner } from './lines.js';
import { attachMemoryMap } from './mappings.js';
import { dropDuplicatedLeaf } from './stacks.js';
import { toInt64, toUint64 } from './strconv.js';

/** WordFormat is a word size and byte order. */
interface WordFormat {
  bytes: 4 | 8;
  littleEndian: boolean;
}

/** WORD_FORMATS lists the encodings in the order pprof tries them. */
const WORD_FORMATS: readonly WordFormat[] = [
  { bytes: 4, littleEndian: true },
  { bytes: 4, littleEndian: false },
  { bytes: 8, littleEndian: true },
  { bytes: 8, littleEndian: false },
];

/**
 * WordReader reads words from a position. Reading past the end yields 0 and
 * marks the reader `exhausted`, which later reads keep (pprof's nil slice).
 */
class WordReader {
  pos: number;
  exhausted = false;
  private readonly view: DataView;

  constructor(readonly data: Uint8Array, readonly format: WordFormat, start = 0) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.pos = start;
  }

  /** remaining is the number of unread bytes (0 once exhausted). */
  get remaining(): number {
    return this.exhausted ? 0 : this.data.length - this.pos;
  }

  /** next reads one word as an unsigned value. */
  next(): bigint {
    const { bytes, littleEndian } = this.format;
    if (this.exhausted || this.data.length - this.pos < bytes) {
      this.exhausted = true;
      return 0n;
    }
    const v = bytes === 4
      ? BigInt(this.view.getUint32(this.pos, littleEndian))
      : this.view.getBigUint64(this.pos, littleEndian);
    this.pos += bytes;
    return v;
  }
}

/** CpuHeader is what the five header words say. */
export interface CpuHeader {
  java: boolean;
  /** Sampling period in microseconds (uint64 as written). */
  periodMicros: bigint;
  /** Reader positioned after the header. */
  reader: WordReader;
}

/**
 * readCpuHeader finds the word format whose header reads 0, 3, 0|1 (C++ or
 * Java), period > 0, 0; it returns null when no format fits.
 */
export function readCpuHeader(data: Uint8Array): CpuHeader | null {
  for (const format of WORD_FORMATS) {
    const r = new WordReader(data, format);
    const w = [r.next(), r.next(), r.next(), r.next(), r.next()];
    if (r.exhausted || w[0] !== 0n || w[1] !== 3n || w[4] !== 0n || w[3] === 0n) continue;
    if (w[2] === 0n || w[2] === 1n) return { java: w[2] === 1n, periodMicros: w[3], reader: r };
  }
  return null;
}

/** CPU_SAMPLE_TYPES are the sample types of a CPU profile. */
const CPU_SAMPLE_TYPES: readonly ValueType[] = [
  { type: 'samples', unit: 'count' },
  { type: 'cpu', unit: 'nanoseconds' },
];

/** newCpuDraft starts a CPU profile with the period converted to nanoseconds. */
export function newCpuDraft(periodMicros: bigint): DraftProfile {
  const d = new DraftProfile();
  d.period = toInt64(toInt64(periodMicros) * 1000n);
  d.periodType = { type: 'cpu', unit: 'nanoseconds' };
  d.sampleTypes = CPU_SAMPLE_TYPES.map((t) => ({ ...t }));
  return d;
}

/**
 * readCpuSamples reads "count, depth, pcs…" records until the end-of-data
 * record (0, 1, 0) or the end of the data. With `adjust`, every frame but
 * the leaf is moved back one byte onto its call instruction. Returns the
 * offset of what follows the samples (the data length when nothing does).
 */
export function readCpuSamples(d: DraftProfile, r: WordReader, adjust: boolean): number {
  while (r.remaining > 0) {
    const count = r.next();
    const depth = r.next();
    if (r.exhausted || depth > BigInt(Math.floor(r.remaining / 4))) throw notThisFormat();
    const n = Number(depth);
    const pcs: bigint[] = new Array(n);
    for (let i = 0; i < n; i++) pcs[i] = r.next();
    if (count === 0n && n === 1 && pcs[0] === 0n) break;
    const locs = pcs.map((pc, i) => d.locationAt(adjust && i > 0 ? toUint64(pc - 1n) : pc));
    const c = toInt64(count);
    d.addSample(locs, [c, toInt64(c * d.period)]);
  }
  return r.exhausted ? r.data.length : r.pos;
}

// The signal handler may leave its own frame second from the bottom of
// (nearly) every stack; when one address is there in all samples but one
// in 32, remove it, up to twice.
function stripSignalFrames(d: DraftProfile): void {
  const margin = Math.floor(d.samples.length / 32);
  for (let round = 0; round < 2; round++) {
    const counts = new Map<bigint, number>();
    for (const s of d.samples) {
      if (s.locs.length > 1) counts.set(s.locs[1].address, (counts.get(s.locs[1].address) ?? 0) + 1);
    }
    for (const [addr, n] of counts) {
      if (n < d.samples.length - margin) continue;
      for (const s of d.samples) {
        if (s.locs.length > 1 && s.locs[1].address === addr) s.locs.splice(1, 1);
      }
      break;
    }
  }
}

/** parseCppCpu reads a C++ (or Go) CPU profile body after its header. */
export function parseCppCpu(data: Uint8Array, h: CpuHeader): DraftProfile {
  const d = newCpuDraft(h.periodMicros);
  const rest = readCpuSamples(d, h.reader, true);
  stripSignalFrames(d);
  attachMemoryMap(d, new LineScanner(data, rest));
  dropDuplicatedLeaf(d);
  return d;
}
