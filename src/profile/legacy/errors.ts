// How legacy parsers fail: "not my format" (try the next parser) versus a
// definite error in data that was recognised.

import { ProfileError } from '../errors.js';

/** UNRECOGNIZED_MESSAGE is pprof's errUnrecognized text. */
export const UNRECOGNIZED_MESSAGE = 'unrecognized profile format';

/** notThisFormat is thrown by a parser that does not recognise its input. */
export function notThisFormat(): ProfileError {
  return new ProfileError('unrecognized', UNRECOGNIZED_MESSAGE);
}

/** isNotThisFormat tells a "try the next parser" error from a definite one. */
export function isNotThisFormat(e: unknown): boolean {
  return e instanceof ProfileError && e.kind === 'unrecognized';
}

/** malformed is a definite parse error carrying pprof's message. */
export function malformed(message: string): ProfileError {
  return new ProfileError('malformed', message);
}
