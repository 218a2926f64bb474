// UTF-8 decoding of string-table entries: a fast path for short ASCII
// strings (nearly all function and file names) and TextDecoder otherwise.

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** decodeUtf8 returns buf[start, end) as a string. */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string {
  const len = end - start;
  if (len === 0) return '';
  if (len <= 64) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return decoder.decode(buf.subarray(start, end));
}

/** encodeUtf8 returns the UTF-8 bytes of s. */
export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}
