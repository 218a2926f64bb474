// Entry point for pprof's legacy (pre-profile.proto) formats.

import type { ProfileError } from '../errors.js';
import type { Profile } from '../types.js';

/** LegacyResult is a parsed profile, a definite error, or neither (not legacy). */
export interface LegacyResult {
  profile?: Profile;
  error?: ProfileError;
}

/** parseLegacy tries each legacy parser in pprof's order. */
export function parseLegacy(_data: Uint8Array): LegacyResult {
  return {};
}
