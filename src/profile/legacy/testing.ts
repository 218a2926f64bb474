// Helpers for the legacy-format tests: building inputs and rendering results
// (kept free of Node modules like the rest of src/profile).

import { profileToText } from '../text.js';
import type { LegacyResult } from './index.js';

const encoder = new TextEncoder();

/** textBytes encodes test text as UTF-8. */
export function textBytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/** lines joins lines with "\n" and ends with one, like pprof's String(). */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

/** wordBytes encodes words in a binary CPU profile's format, then appends tail text. */
export function wordBytes(size: 4 | 8, littleEndian: boolean, words: (number | bigint)[], tail = ''): Uint8Array {
  const body = new Uint8Array(words.length * size);
  const view = new DataView(body.buffer);
  words.forEach((w, i) => {
    if (size === 4) view.setUint32(i * 4, Number(w), littleEndian);
    else view.setBigUint64(i * 8, BigInt(w), littleEndian);
  });
  const t = encoder.encode(tail);
  const out = new Uint8Array(body.length + t.length);
  out.set(body);
  out.set(t, body.length);
  return out;
}

/**
 * render shows a LegacyResult the way the tests compare it: the profile's
 * String() dump, "ERROR <kind>: <message>", or "NOT LEGACY".
 */
export function render(r: LegacyResult): string {
  if (r.profile) return profileToText(r.profile);
  if (r.error) return `ERROR ${r.error.kind}: ${r.error.message}`;
  return 'NOT LEGACY';
}
