// Parsing of profile bytes in any supported form: gzip-wrapped or raw
// profile.proto, falling back to pprof's legacy text and binary formats.

import { ProfileError } from './errors.js';
import { decodeProfile } from './decode.js';
import { parseLegacy } from './legacy/index.js';
import { DEFAULT_MAX_DECOMPRESSED } from './limits.js';
import type { Parallel } from './parallel.js';
import type { Profile } from './types.js';

/**
 * Inflate decompresses gzip data, failing with a ProfileError('too-large')
 * once the output would pass maxBytes. It is injected so that this layer
 * stays free of Node modules (Node passes zlib, a browser DecompressionStream).
 */
type Inflate = (gz: Uint8Array, maxBytes: number) => Uint8Array;

/** ParseOptions configures parseProfile. */
interface ParseOptions {
  inflate?: Inflate;
  /** Upper bound on the decompressed size, against gzip bombs. */
  maxDecompressedBytes?: number;
  /** A helper thread for decoding large profiles. */
  parallel?: Parallel;
  /**
   * False: decode profile.proto samples with empty stacks, their location
   * ids only checked, for a report that reads no stack (legacy formats
   * keep theirs: they are small).
   */
  stacks?: boolean;
}


/**
 * isGoTrace tells whether data is a Go execution trace (/debug/pprof/trace,
 * runtime/trace): it starts "go 1.N trace" and a NUL.
 */
export function isGoTrace(data: Uint8Array): boolean {
  const head = String.fromCharCode(...data.subarray(0, 16));
  return /^go 1\.\d+ trace\0/.test(head);
}

/** isGzip tells whether data starts with the gzip magic bytes. */
export function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/**
 * parseProfile turns profile bytes into a Profile, as pprof's
 * profile.ParseData does: gunzip if needed, decode profile.proto, and on
 * failure try the legacy formats.
 */
export function parseProfile(data: Uint8Array, opts: ParseOptions = {}): Profile {
  if (isGzip(data)) {
    if (!opts.inflate) throw new ProfileError('unsupported', 'gzip-compressed input but no decompressor available');
    data = opts.inflate(data, opts.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED);
  }
  if (data.length === 0) throw new ProfileError('empty', 'empty input file');
  if (isGoTrace(data)) {
    throw new ProfileError('unsupported', 'a Go execution trace, not a profile: open it with `go tool trace` (gotune pprof reads profiles)');
  }
  let protoError: ProfileError;
  try {
    return decodeProfile(data, opts.parallel, opts.stacks ?? true);
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    // Errors that prove the data is a proto profile are final.
    if (e.kind === 'too-large' || e.message === 'concatenated profiles detected') throw e;
    protoError = e;
  }
  const legacy = parseLegacy(data);
  if (legacy.profile) return legacy.profile;
  if (legacy.error) throw legacy.error;
  // Neither. Data that starts like profile.proto (a length-delimited field
  // 1..6, as every encoder writes first) is a broken profile: say what the
  // decoder found. Anything else is simply not a profile.
  if (startsLikeProto(data)) throw protoError;
  throw new ProfileError('unrecognized', 'unrecognized profile format (not profile.proto, gzipped or not, nor a legacy pprof format)');
}

// The first two top-level fields parse as profile.proto fields (known
// field numbers with their wire types). Go's runtime starts with
// time_nanos; pprof's encoder with sample_type.
function startsLikeProto(data: Uint8Array): boolean {
  const lengthDelimited = new Set([1, 2, 3, 4, 5, 6, 11, 13]);
  const varints = new Set([7, 8, 9, 10, 12, 13, 14, 15]);
  let pos = 0;
  const varint = (): number | null => {
    let v = 0;
    for (let i = 0; i < 10; i++) {
      const b = data[pos++];
      if (b === undefined) return null;
      v += (b & 0x7f) * 2 ** (7 * i);
      if (b < 0x80) return v;
    }
    return null;
  };
  for (let f = 0; f < 2 && pos < data.length; f++) {
    const tag = varint();
    if (tag === null) return false;
    const field = Math.floor(tag / 8);
    const wt = tag & 7;
    if (wt === 2 && lengthDelimited.has(field)) {
      const len = varint();
      if (len === null || pos + len > data.length) return false;
      pos += len;
    } else if (wt === 0 && varints.has(field)) {
      if (varint() === null) return false;
    } else {
      return false;
    }
  }
  return true;
}
