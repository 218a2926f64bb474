// Protocol-buffer wire format: a bounds-checked reader over a byte array and
// a growable writer. Numbers stay JS numbers while they are exact (< 2^53).

import { ProfileError } from './errors.js';

const TWO_32 = 4294967296;
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** WireType is the low three bits of a protobuf tag. */
export const enum WireType {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  Fixed32 = 5,
}

/**
 * Reader walks protobuf fields in buf[pos, end). Reads past `end` inside a
 * field are caught by `check()` at message boundaries, which keeps the hot
 * varint path free of per-byte bounds tests (a read past the array yields
 * undefined, and a varint stops after ten bytes at most).
 */
export class Reader {
  buf: Uint8Array;
  pos: number;
  end: number;

  constructor(buf: Uint8Array, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
  }

  /** uint reads a varint that must fit in 2^53 (ids, lengths, indexes). */
  uint(): number {
    const buf = this.buf;
    let b = buf[this.pos++];
    if (b < 0x80) return b;
    let r = b & 0x7f;
    b = buf[this.pos++];
    r |= (b & 0x7f) << 7;
    if (b < 0x80) return r;
    b = buf[this.pos++];
    r |= (b & 0x7f) << 14;
    if (b < 0x80) return r;
    b = buf[this.pos++];
    r |= (b & 0x7f) << 21;
    if (b < 0x80) return r;
    return this.uintSlow(r);
  }

  // Bytes 5.. of a varint: arithmetic instead of 32-bit shifts.
  private uintSlow(low28: number): number {
    const buf = this.buf;
    let r = low28;
    let mul = 268435456; // 2^28
    for (let i = 4; i < 10; i++) {
      const b = buf[this.pos++];
      if (b === undefined) throw truncated();
      if (i === 9 && b > 1) throw new ProfileError('malformed', 'bad varint');
      r += (b & 0x7f) * mul;
      if (b < 0x80) {
        if (r > MAX_EXACT) throw tooLarge(r);
        return r;
      }
      mul *= 128;
    }
    throw new ProfileError('malformed', 'bad varint');
  }

  /**
   * int64 reads a varint as a signed 64-bit integer (negative values take
   * ten bytes in two's complement) and returns it as an exact number.
   */
  int64(): number {
    const buf = this.buf;
    const start = this.pos;
    let b = buf[this.pos++];
    if (b < 0x80) return b;
    let r = b & 0x7f;
    b = buf[this.pos++];
    r |= (b & 0x7f) << 7;
    if (b < 0x80) return r;
    b = buf[this.pos++];
    r |= (b & 0x7f) << 14;
    if (b < 0x80) return r;
    b = buf[this.pos++];
    r |= (b & 0x7f) << 21;
    if (b < 0x80) return r;
    let n = 5;
    while (n < 10 && buf[start + n - 1] >= 0x80) n++;
    return this.int64Slow(start, n);
  }

  private int64Slow(start: number, n: number): number {
    const buf = this.buf;
    if (buf[start + n - 1] === undefined) throw truncated();
    if (buf[start + n - 1] >= 0x80) throw new ProfileError('malformed', 'bad varint');
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const bits = buf[start + i] & 0x7f;
      const shift = 7 * i;
      if (shift < 28) {
        lo |= bits << shift;
      } else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else {
        hi |= bits << (shift - 32);
      }
    }
    this.pos = start + n;
    lo >>>= 0;
    hi >>>= 0;
    if (hi & 0x80000000) {
      // Negative: magnitude is the two's complement.
      const nlo = (~lo + 1) >>> 0;
      const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
      const mag = nhi * TWO_32 + nlo;
      if (mag > MAX_EXACT) throw tooLarge(-mag);
      return -mag;
    }
    const v = hi * TWO_32 + lo;
    if (v > MAX_EXACT) throw tooLarge(v);
    return v;
  }

  /** uint64 reads a varint as an exact unsigned bigint (addresses). */
  uint64(): bigint {
    const buf = this.buf;
    const start = this.pos;
    let n = 1;
    while (n < 10 && buf[start + n - 1] >= 0x80) n++;
    if (n <= 7) return BigInt(this.uint());
    const last = buf[start + n - 1];
    if (last === undefined) throw truncated();
    if (last >= 0x80) throw new ProfileError('malformed', 'bad varint');
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 7n) | BigInt(buf[start + i] & 0x7f);
    this.pos = start + n;
    return v & 0xffffffffffffffffn;
  }

  /** bool reads a varint as a boolean. */
  bool(): boolean {
    // Any non-zero varint is true; skip over its bytes.
    const buf = this.buf;
    let nonzero = false;
    for (let i = 0; i < 10; i++) {
      const b = buf[this.pos++];
      if (b === undefined) throw truncated();
      if ((b & 0x7f) !== 0) nonzero = true;
      if (b < 0x80) return nonzero;
    }
    throw new ProfileError('malformed', 'bad varint');
  }

  /** bytesEnd reads a length prefix and returns the end offset of the bytes. */
  bytesEnd(): number {
    const len = this.uint();
    const end = this.pos + len;
    if (end > this.end) throw truncated();
    return end;
  }

  /** skip passes over a field's payload of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.Varint:
        for (let i = 0; ; i++) {
          if (i >= 10) throw new ProfileError('malformed', 'bad varint');
          const b = this.buf[this.pos++];
          if (b === undefined) throw truncated();
          if (b < 0x80) break;
        }
        break;
      case WireType.Fixed64:
        this.pos += 8;
        break;
      case WireType.Bytes:
        this.pos = this.bytesEnd();
        break;
      case WireType.Fixed32:
        this.pos += 4;
        break;
      default:
        throw new ProfileError('malformed', `unknown wire type: ${wireType}`);
    }
    this.check();
  }

  /** check fails when a read ran past the end of the current message. */
  check(): void {
    if (this.pos > this.end) throw truncated();
  }
}

function truncated(): ProfileError {
  return new ProfileError('truncated', 'unexpected end of data (truncated profile?)');
}

function tooLarge(v: number): ProfileError {
  return new ProfileError('too-large', `value ${v} exceeds 2^53, which gotune cannot represent exactly`);
}

/** Writer accumulates protobuf bytes in a growing buffer. */
export class Writer {
  buf: Uint8Array;
  pos = 0;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
  }

  private grow(need: number): void {
    if (this.pos + need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** varint writes an unsigned value; negative numbers as 64-bit two's complement. */
  varint(v: number): void {
    this.grow(10);
    const buf = this.buf;
    if (v >= 0 && v < 0x80) {
      buf[this.pos++] = v;
      return;
    }
    if (v >= 0 && v <= 0xffffffff) {
      while (v >= 0x80) {
        buf[this.pos++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      buf[this.pos++] = v;
      return;
    }
    this.varintBig(BigInt(v));
  }

  /** varintBig writes a uint64 (or int64 as two's complement) bigint. */
  varintBig(v: bigint): void {
    this.grow(10);
    let u = BigInt.asUintN(64, v);
    while (u >= 0x80n) {
      this.buf[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.pos++] = Number(u);
  }

  /** tag writes a field key. */
  tag(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }

  /** bytes writes raw bytes. */
  bytes(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /**
   * beginMessage reserves room for a length prefix and returns a mark for
   * endMessage, which moves the body if the length needed more room.
   */
  beginMessage(field: number): number {
    this.tag(field, WireType.Bytes);
    this.grow(1);
    this.pos += 1; // assume a one-byte length; fixed up in endMessage
    return this.pos;
  }

  /** endMessage writes the length of the message started at mark. */
  endMessage(mark: number): void {
    const len = this.pos - mark;
    let lenBytes = 1;
    for (let v = len; v >= 0x80; v = Math.floor(v / 128)) lenBytes++;
    if (lenBytes > 1) {
      this.grow(lenBytes - 1);
      this.buf.copyWithin(mark + lenBytes - 1, mark, this.pos);
      this.pos += lenBytes - 1;
    }
    let p = mark - 1;
    let v = len;
    while (v >= 0x80) {
      this.buf[p++] = (v & 0x7f) | 0x80;
      v = Math.floor(v / 128);
    }
    this.buf[p] = v;
  }

  /** finish returns the written bytes. */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
