// The reports that print the profile itself: -comments, -raw and -proto.

import { encodeProfile } from '../profile/encode.js';
import { profileTextChunks } from '../profile/text.js';
import type { Report } from './report.js';

/** printComments prints each comment on its own line. */
export function printComments(rpt: Report): string {
  return rpt.prof.comments.map((c) => c + '\n').join('');
}

/** rawChunks yields the same dump in pieces (it has a line per sample). */
export function rawChunks(rpt: Report): Iterable<string> {
  return profileTextChunks(rpt.prof, rpt.options.zone);
}

/**
 * protoBytes encodes the (filtered) profile, with values multiplied by the
 * -divide_by ratio as pprof does; the caller gzips it.
 */
export function protoBytes(rpt: Report): Uint8Array {
  let p = rpt.prof;
  const r = rpt.options.ratio;
  if (r > 0 && r !== 1) {
    const values = p.samples.values.map((v) => Math.trunc(v * r));
    p = { ...p, samples: { ...p.samples, values } };
  }
  return encodeProfile(p);
}
