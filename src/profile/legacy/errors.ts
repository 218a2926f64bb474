// How legacy parsers fail: "not my format" (try the next parser) versus a
// definite error in data that was recognised.

import { ProfileError } from '../errors.js';

/** UNRECOGNIZED_MESSAGE is pprof's errUnrecognized text. */
const UNRECOGNIZED_MESSAGE = 'unrecognized profile format';

/** notThisFormat is thrown by a parser that does not recognise its input. */
export function notThisFormat(): ProfileError {
  return new ProfileError('unrecognized', UNRECOGNIZED_MESSAGE);
}

/** isNotThisFormat tells a "try the next parser" error from a definite one. */
export function isNotThisFormat(e: unknown): boolean {
  return e instanceof ProfileError && e.kind === 'unrecognized';
}

// Line breaks and terminal controls that pprof would echo from the input.
const UNPRINTABLE = /[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\f': '\\f', '\v': '\\v' };

/**
 * oneLine escapes the line breaks and control characters an error message
 * may have copied from the input (Go-style: \r, \x1b, \u2028), so that it
 * stays one printable line; other messages are pprof's text unchanged.
 */
function oneLine(message: string): string {
  return message.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? '\\x' + code.toString(16).padStart(2, '0') : '\\u' + code.toString(16));
  });
}

/** malformed is a definite parse error carrying pprof's message (made one line). */
export function malformed(message: string): ProfileError {
  return new ProfileError('malformed', oneLine(message));
}
