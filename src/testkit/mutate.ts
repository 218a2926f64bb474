// Test helper: a seeded random source and byte-level and protobuf-aware
// mutations for fuzzing decoders, plus a hex dump to show a failing input.

const TWO_32 = 2 ** 32;

/** Rng is a small seeded generator (mulberry32): same seed, same sequence. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** next returns a uniform unsigned 32-bit integer. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** below returns an integer in [0, n). */
  below(n: number): number {
    return n <= 1 ? 0 : Math.floor((this.next() / TWO_32) * n);
  }

  /** between returns an integer in [lo, hi]. */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** chance is true with probability p. */
  chance(p: number): boolean {
    return this.next() / TWO_32 < p;
  }

  /** pick returns a random element of a non-empty list. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)];
  }

  /** bytes returns n random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.next();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
    }
    return out;
  }
}

/** mixSeed derives the seed of input `index` of a run seeded with `seed`. */
export function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** encodeVarint writes v (two's complement for negatives) as a protobuf varint. */
export function encodeVarint(v: bigint): Uint8Array {
  let u = BigInt.asUintN(64, v);
  const out: number[] = [];
  while (u >= 0x80n) {
    out.push(Number(u & 0x7fn) | 0x80);
    u >>= 7n;
  }
  out.push(Number(u));
  return Uint8Array.from(out);
}

/** INTERESTING_VARINTS are values at the edges of what decoders handle. */
const INTERESTING_VARINTS: readonly bigint[] = [
  0n, 1n, 2n, 7n, 8n, 127n, 128n, 255n, 256n, 16383n, 16384n, (1n << 21n) - 1n, 1n << 28n,
  (1n << 31n) - 1n, 1n << 31n, (1n << 32n) - 1n, 1n << 32n, (1n << 35n) + 10n, (1n << 53n) - 1n, 1n << 53n,
  (1n << 53n) + 1n, 1n << 63n, (1n << 64n) - 1n, -1n, -2n, -(1n << 31n), -(1n << 53n), -((1n << 53n) + 1n),
];

/** BAD_VARINTS are byte runs no valid varint has. */
const BAD_VARINTS: readonly Uint8Array[] = [
  new Uint8Array(10).fill(0x80), // never ends within ten bytes
  new Uint8Array(11).fill(0xff),
  Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02]), // 10th byte > 1
  Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
  Uint8Array.from([0x80]), // a lone continuation byte
  Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x00]), // overlong zero
];

/** FieldSpan is one protobuf field found in a buffer. */
interface FieldSpan {
  start: number;
  field: number;
  wireType: number;
  /** Where the length prefix starts (wire type 2 only, else -1). */
  lengthAt: number;
  /** Where the payload starts (after the key and any length). */
  payloadStart: number;
  end: number;
}

function readVarint(buf: Uint8Array, pos: number): { v: number; next: number } | null {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    const b = buf[pos + i];
    if (b === undefined) return null;
    v += (b & 0x7f) * mul;
    mul *= 128;
    if (b < 0x80) return { v, next: pos + i + 1 };
  }
  return null;
}

/**
 * scanFields lists the fields of the message in buf[start, end), stopping
 * quietly at the first one that does not parse (mutated data often has one).
 */
export function scanFields(buf: Uint8Array, start = 0, end = buf.length): FieldSpan[] {
  const out: FieldSpan[] = [];
  let pos = start;
  while (pos < end) {
    const key = readVarint(buf, pos);
    if (!key) break;
    const wireType = key.v % 8;
    const field = Math.floor(key.v / 8);
    let payloadStart = key.next;
    let lengthAt = -1;
    let next: number;
    if (wireType === 0) {
      const v = readVarint(buf, key.next);
      if (!v) break;
      next = v.next;
    } else if (wireType === 1) {
      next = key.next + 8;
    } else if (wireType === 5) {
      next = key.next + 4;
    } else if (wireType === 2) {
      const len = readVarint(buf, key.next);
      if (!len) break;
      lengthAt = key.next;
      payloadStart = len.next;
      next = len.next + len.v;
    } else {
      break;
    }
    if (next > end) break;
    out.push({ start: pos, field, wireType, lengthAt, payloadStart, end: next });
    pos = next;
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function varintLength(buf: Uint8Array, pos: number): number {
  let n = 0;
  while (pos + n < buf.length && n < 10 && buf[pos + n] >= 0x80) n++;
  return Math.min(n + 1, buf.length - pos);
}

/** Mutator changes a buffer; `other` supplies a second input for splicing. */
type Mutator = (rng: Rng, b: Uint8Array, other: () => Uint8Array) => { data: Uint8Array; what: string };

const INTERESTING_BYTES = [0x00, 0x01, 0x02, 0x07, 0x08, 0x0a, 0x12, 0x32, 0x7f, 0x80, 0xfe, 0xff];

const byteMutators: Record<string, Mutator> = {
  flip(rng, b) {
    const out = b.slice();
    const n = rng.between(1, 8);
    for (let i = 0; i < n && out.length > 0; i++) out[rng.below(out.length)] ^= 1 << rng.below(8);
    return { data: out, what: `flip ${n} bits` };
  },
  set(rng, b) {
    const out = b.slice();
    const at = rng.below(out.length);
    const n = rng.between(1, 4);
    for (let i = 0; i < n && at + i < out.length; i++) out[at + i] = rng.chance(0.5) ? rng.pick(INTERESTING_BYTES) : rng.below(256);
    return { data: out, what: `set ${n} bytes at ${at}` };
  },
  insert(rng, b) {
    const at = rng.below(b.length + 1);
    const ins = rng.chance(0.5) ? rng.bytes(rng.between(1, 16)) : encodeVarint(rng.pick(INTERESTING_VARINTS));
    return { data: concat(b.subarray(0, at), ins, b.subarray(at)), what: `insert ${ins.length} bytes at ${at}` };
  },
  delete(rng, b) {
    const at = rng.below(b.length);
    const n = rng.between(1, 64);
    return { data: concat(b.subarray(0, at), b.subarray(at + n)), what: `delete ${n} bytes at ${at}` };
  },
  truncate(rng, b) {
    const at = rng.below(b.length);
    return { data: b.slice(0, at), what: `truncate at ${at}` };
  },
  splice(rng, b, other) {
    const o = other();
    const a = rng.below(b.length + 1);
    const c = rng.below(o.length + 1);
    return { data: concat(b.subarray(0, a), o.subarray(c)), what: `splice [0,${a}) + other [${c},end)` };
  },
  duplicate(rng, b) {
    const from = rng.below(b.length);
    const n = rng.between(1, 256);
    const at = rng.below(b.length + 1);
    return { data: concat(b.subarray(0, at), b.subarray(from, from + n), b.subarray(at)), what: `copy [${from},+${n}) to ${at}` };
  },
  varint(rng, b) {
    const at = rng.below(b.length);
    const old = varintLength(b, at);
    const bad = rng.chance(0.25);
    const ins = bad ? rng.pick(BAD_VARINTS) : encodeVarint(rng.pick(INTERESTING_VARINTS));
    return { data: concat(b.subarray(0, at), ins, b.subarray(at + old)), what: `${bad ? 'bad' : 'edge'} varint at ${at}` };
  },
};

// Mutations that keep the protobuf framing around the change intact, so the
// decoder gets past the wire level to the profile rules.
function fieldMutation(rng: Rng, b: Uint8Array, other: () => Uint8Array, depth: number): { data: Uint8Array; what: string } {
  const fields = scanFields(b);
  if (fields.length === 0) return byteMutators.flip(rng, b, other);
  const f = rng.pick(fields);
  const tag = `field ${f.field}@${f.start}`;
  const choice = rng.below(100);
  if (choice < 8) {
    return { data: concat(b.subarray(0, f.start), b.subarray(f.end)), what: `drop ${tag}` };
  }
  if (choice < 16) {
    const copy = b.subarray(f.start, f.end);
    const at = rng.pick(fields).start;
    return { data: concat(b.subarray(0, at), copy, b.subarray(at)), what: `duplicate ${tag} at ${at}` };
  }
  if (choice < 24) {
    const g = rng.pick(fields);
    if (g.start > f.end) {
      return {
        data: concat(b.subarray(0, f.start), b.subarray(g.start, g.end), b.subarray(f.end, g.start), b.subarray(f.start, f.end), b.subarray(g.end)),
        what: `swap ${tag} with field ${g.field}@${g.start}`,
      };
    }
  }
  if (choice < 32 && f.wireType === 2) {
    const len = f.end - f.payloadStart;
    const next = rng.chance(0.5) ? BigInt(Math.max(0, len + rng.between(-3, 3))) : rng.pick(INTERESTING_VARINTS);
    return {
      data: concat(b.subarray(0, f.lengthAt), encodeVarint(next), b.subarray(f.payloadStart)),
      what: `length of ${tag} ${len} -> ${next}`,
    };
  }
  if (choice < 55 && f.wireType === 0) {
    const v = rng.chance(0.7) ? rng.pick(INTERESTING_VARINTS) : BigInt(rng.between(0, 40));
    return { data: concat(b.subarray(0, f.payloadStart), encodeVarint(v), b.subarray(f.end)), what: `value of ${tag} -> ${v}` };
  }
  if (choice < 95 && f.wireType === 0) {
    const v = BigInt(rng.between(0, 40));
    return { data: concat(b.subarray(0, f.payloadStart), encodeVarint(v), b.subarray(f.end)), what: `value of ${tag} -> ${v}` };
  }
  if (choice < 95 && f.wireType === 2 && f.end > f.payloadStart) {
    // Mutate inside the payload and fix up the length prefix.
    const inner = b.subarray(f.payloadStart, f.end);
    const m = depth < 2 && rng.chance(0.7) ? fieldMutation(rng, inner, other, depth + 1) : mutateOnce(rng, inner, other, false);
    return {
      data: concat(b.subarray(0, f.lengthAt), encodeVarint(BigInt(m.data.length)), m.data, b.subarray(f.end)),
      what: `in ${tag}: ${m.what}`,
    };
  }
  const key = encodeVarint(BigInt(rng.between(0, 20) * 8 + rng.pick([0, 1, 2, 3, 4, 5, 6, 7])));
  return { data: concat(b.subarray(0, f.start), key, b.subarray(f.start + varintLength(b, f.start))), what: `key of ${tag} -> ${key[0]}` };
}

function mutateOnce(rng: Rng, b: Uint8Array, other: () => Uint8Array, fieldAware = true): { data: Uint8Array; what: string } {
  if (b.length === 0) return byteMutators.insert(rng, b, other);
  if (fieldAware && rng.chance(0.7)) return fieldMutation(rng, b, other, 0);
  const name = rng.pick(Object.keys(byteMutators));
  return byteMutators[name](rng, b, other);
}

/**
 * mutate applies one to four random mutations to b and returns the result
 * with a readable list of what was done; the output stays under maxLen.
 */
export function mutate(rng: Rng, b: Uint8Array, other: () => Uint8Array, maxLen = 1 << 20): { data: Uint8Array; steps: string[] } {
  let data = b;
  const steps: string[] = [];
  const n = rng.between(1, 4);
  for (let i = 0; i < n; i++) {
    const m = mutateOnce(rng, data, other);
    data = m.data.length > maxLen ? m.data.slice(0, maxLen) : m.data;
    steps.push(m.what);
  }
  return { data, steps };
}

/** hexDump formats bytes as `xxd` does, up to max bytes. */
export function hexDump(b: Uint8Array, max = 512): string {
  const lines: string[] = [];
  const n = Math.min(b.length, max);
  for (let off = 0; off < n; off += 16) {
    const row = b.subarray(off, Math.min(off + 16, n));
    let hex = '';
    let ascii = '';
    for (let i = 0; i < 16; i++) {
      if (i < row.length) {
        hex += row[i].toString(16).padStart(2, '0');
        ascii += row[i] >= 0x20 && row[i] < 0x7f ? String.fromCharCode(row[i]) : '.';
      } else {
        hex += '  ';
      }
      if (i % 2 === 1) hex += ' ';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}: ${hex} ${ascii}`);
  }
  if (b.length > n) lines.push(`... ${b.length - n} more bytes (${b.length} in all)`);
  return lines.join('\n');
}
