// Typed errors for bad profile input: every one carries a one-line message
// that the CLI prints after the name of the input.

import { UserError } from '../user-error.js';

/** ProfileErrorKind classifies why a profile could not be used. */
export type ProfileErrorKind =
  | 'empty' // zero bytes
  | 'truncated' // data ends inside a field
  | 'malformed' // wire-level or reference error
  | 'invalid' // decodes but breaks profile.proto's rules
  | 'unsupported' // a format we recognise but do not read
  | 'unrecognized' // not a profile at all
  | 'too-large' // a size limit was hit (decompression bomb, 2^53)
  | 'incompatible'; // profiles that cannot be merged/compared

/** ProfileError is thrown for any problem caused by the input data. */
export class ProfileError extends UserError {
  readonly kind: ProfileErrorKind;
  constructor(kind: ProfileErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** isProfileError narrows an unknown thrown value. */
export function isProfileError(e: unknown): e is ProfileError {
  return e instanceof ProfileError;
}
