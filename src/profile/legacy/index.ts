// Entry point for pprof's legacy (pre-profile.proto) formats: tries each
// parser in pprof's order and finishes the profile as pprof's ParseData does.

import { ProfileError } from '../errors.js';
import type { Profile } from '../types.js';
import { parseContentionText } from './contention-text.js';
import { parseCppCpu, readCpuHeader } from './cpu-binary.js';
import { toProfile, type DraftProfile } from './draft.js';
import { isNotThisFormat, notThisFormat } from './errors.js';
import { legacyFrameInfo } from './frame-info.js';
import { parseGoCount } from './go-count.js';
import { parseHeapText } from './heap-text.js';
import { parseJavaCpu, parseJavaText } from './java.js';
import { parseThreadText } from './thread-text.js';

/** LegacyResult is a parsed profile, a definite error, or neither (not legacy). */
export interface LegacyResult {
  profile?: Profile;
  error?: ProfileError;
}

/** LegacyParser turns bytes into a draft, or throws (notThisFormat to pass). */
type LegacyParser = (data: Uint8Array) => DraftProfile;

function parseBinaryCpu(data: Uint8Array): DraftProfile {
  const h = readCpuHeader(data);
  if (!h) throw notThisFormat();
  return h.java ? parseJavaCpu(data, h) : parseCppCpu(data, h);
}

/** LEGACY_PARSERS lists the parsers in the order pprof tries them. */
const LEGACY_PARSERS: readonly LegacyParser[] = [
  parseBinaryCpu,
  parseHeapText,
  parseGoCount, // goroutine, threadcreate, …
  parseThreadText,
  parseContentionText, // also rejects Java contention, which comes last
  parseJavaText,
];

// pprof's CheckValid, reduced to what a legacy parser can get wrong.
function validate(d: DraftProfile): void {
  if (d.sampleTypes.length === 0 && d.samples.length > 0) {
    throw new ProfileError('invalid', 'missing sample type information');
  }
  for (const s of d.samples) {
    if (s.values.length !== d.sampleTypes.length) {
      throw new ProfileError('invalid',
        `mismatch: sample has ${s.values.length} values vs. ${d.sampleTypes.length} types`);
    }
  }
}

/**
 * parseLegacy tries each legacy parser in pprof's order. The first that
 * recognises the data decides: a profile, or a definite error. Data no
 * parser recognises gives `{}`.
 */
export function parseLegacy(data: Uint8Array): LegacyResult {
  try {
    for (const parse of LEGACY_PARSERS) {
      let d: DraftProfile;
      try {
        d = parse(data);
      } catch (e) {
        if (isNotThisFormat(e)) continue;
        throw e;
      }
      validate(d);
      return { profile: toProfile(d, legacyFrameInfo(d.sampleTypes)) };
    }
    return {};
  } catch (e) {
    if (e instanceof ProfileError) return { error: e };
    // A bug here must not escape as a non-ProfileError to callers.
    return { error: new ProfileError('malformed', `legacy profile: ${e instanceof Error ? e.message : String(e)}`) };
  }
}
