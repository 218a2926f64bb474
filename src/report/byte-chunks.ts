// Report text written as UTF-8 bytes into fixed-size pieces: for reports
// of gigabytes (-traces), copying pre-encoded pieces is several times
// cheaper than joining strings and encoding them on the way out.

const encoder = new TextEncoder();

/** utf8 encodes a string. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * ByteChunks fills pieces of about size bytes; take() hands over the full
 * ones. Each piece is a fresh array: the writer may still hold the last.
 */
export class ByteChunks {
  private buf: Uint8Array;
  private pos = 0;
  private ready: Uint8Array[] = [];

  constructor(private readonly size = 1 << 20) {
    this.buf = new Uint8Array(size);
  }

  /** put appends bytes. */
  put(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) {
      this.flush();
      if (b.length > this.buf.length) {
        this.ready.push(b.slice());
        return;
      }
    }
    // Short arrays copy faster by hand than through set's call.
    if (b.length < 32) {
      const buf = this.buf;
      let p = this.pos;
      for (let i = 0; i < b.length; i++) buf[p++] = b[i];
      this.pos = p;
    } else {
      this.buf.set(b, this.pos);
      this.pos += b.length;
    }
  }

  /** text appends a string as UTF-8. */
  text(s: string): void {
    // A UTF-16 unit takes at most 3 bytes.
    if (this.pos + 3 * s.length > this.buf.length) {
      this.flush();
      if (3 * s.length > this.buf.length) {
        this.ready.push(encoder.encode(s));
        return;
      }
    }
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** full tells whether a piece is ready. */
  get full(): boolean {
    return this.ready.length > 0;
  }

  /** take returns the ready pieces; with end, the unfinished one too. */
  take(end = false): Uint8Array[] {
    if (end) this.flush();
    const r = this.ready;
    this.ready = [];
    return r;
  }

  private flush(): void {
    if (this.pos === 0) return;
    this.ready.push(this.buf.subarray(0, this.pos));
    this.buf = new Uint8Array(this.size);
    this.pos = 0;
  }
}
