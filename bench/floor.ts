// The benchmark's floor: read a .pb.gz, gunzip it and visit every protobuf field once with a minimal
// standalone varint/field walker (deliberately not gotune's decoder); run as a process, prints JSON timings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** How the walker treats a length-delimited field: a nested message, packed varints, or opaque bytes. */
type Kind = Schema | 'packed' | 'bytes';

/** Schema maps field numbers of a message to the kind of their length-delimited payloads. */
interface Schema {
  [field: number]: Kind;
}

const VALUE_TYPE: Schema = {};
const LABEL: Schema = {};
const LINE: Schema = {};
const SAMPLE: Schema = { 1: 'packed', 2: 'packed', 3: LABEL };
const MAPPING: Schema = {};
const LOCATION: Schema = { 4: LINE };
const FUNCTION: Schema = {};
/** PROFILE is profile.proto's Profile message, as far as the walker needs it. */
export const PROFILE: Schema = {
  1: VALUE_TYPE, 2: SAMPLE, 3: MAPPING, 4: LOCATION, 5: FUNCTION, 6: 'bytes', 11: VALUE_TYPE, 13: 'packed',
};

/** WalkResult counts what the walk visited; sum keeps the work observable. */
export interface WalkResult {
  fields: number;
  varints: number;
  bytes: number;
  sum: number;
}

/**
 * walkProfile visits every field of an uncompressed profile.proto once: each tag, each varint (packed
 * ones one by one), each nested message recursively; strings are skipped by length, not decoded.
 */
export function walkProfile(buf: Uint8Array): WalkResult {
  const r: WalkResult = { fields: 0, varints: 0, bytes: 0, sum: 0 };
  let pos = 0;
  // Reads one varint at pos; values past 2^53 lose precision, which a checksum tolerates.
  const varint = (): number => {
    let b = buf[pos++];
    if (b < 0x80) return b;
    let v = b & 0x7f;
    b = buf[pos++];
    v |= (b & 0x7f) << 7;
    if (b < 0x80) return v;
    b = buf[pos++];
    v |= (b & 0x7f) << 14;
    if (b < 0x80) return v;
    b = buf[pos++];
    v |= (b & 0x7f) << 21;
    if (b < 0x80) return v >>> 0;
    let mul = 268435456;
    v >>>= 0;
    do {
      b = buf[pos++];
      v += (b & 0x7f) * mul;
      mul *= 128;
    } while (b >= 0x80 && pos < buf.length);
    return v;
  };
  const walk = (end: number, schema: Schema): void => {
    while (pos < end) {
      const tag = varint();
      r.fields++;
      switch (tag & 7) {
        case 0:
          r.sum += varint();
          r.varints++;
          break;
        case 1:
          pos += 8;
          break;
        case 5:
          pos += 4;
          break;
        case 2: {
          const len = varint();
          const stop = pos + len;
          if (stop > end) throw new Error(`field ${tag >>> 3} overruns its message at byte ${pos}`);
          const kind = schema[tag >>> 3];
          if (kind === 'packed') {
            while (pos < stop) {
              r.sum += varint();
              r.varints++;
            }
          } else if (kind === undefined || kind === 'bytes') {
            r.bytes += len;
            pos = stop;
          } else {
            walk(stop, kind);
          }
          break;
        }
        default:
          throw new Error(`unsupported wire type ${tag & 7} at byte ${pos}`);
      }
    }
  };
  walk(buf.length, PROFILE);
  return r;
}

/** FloorTiming is what one floor process measures, in milliseconds, excluding node's own startup. */
export interface FloorTiming {
  readMs: number;
  gunzipMs: number;
  walkMs: number;
  totalMs: number;
  uncompressedBytes: number;
  walk: WalkResult;
}

/** floorOnce reads, gunzips and walks one file, timing each step. */
export function floorOnce(file: string): FloorTiming {
  const t0 = performance.now();
  const gz = fs.readFileSync(file);
  const t1 = performance.now();
  const raw = gz[0] === 0x1f && gz[1] === 0x8b ? zlib.gunzipSync(gz) : gz;
  const t2 = performance.now();
  const walk = walkProfile(raw);
  const t3 = performance.now();
  return {
    readMs: t1 - t0, gunzipMs: t2 - t1, walkMs: t3 - t2, totalMs: t3 - t0, uncompressedBytes: raw.length, walk,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/bench/floor.js FILE.pb.gz\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(floorOnce(file)) + '\n');
}
