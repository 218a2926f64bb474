// The mutable working form of a legacy profile while it is parsed and
// repaired, and its conversion into the immutable Profile model.

import { ProfileBuilder } from '../builder.js';
import { ProfileError } from '../errors.js';
import type { Func, Mapping, Profile, ValueType } from '../types.js';

/** DraftMapping is a mapping whose addresses may still be adjusted. */
export interface DraftMapping {
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
}

/** DraftFunction is a function as the Java symbol section names it. */
export interface DraftFunction {
  name: string;
  filename: string;
}

/** DraftLocation is one address; Java locations also carry one line. */
export interface DraftLocation {
  address: bigint;
  mapping: DraftMapping | null;
  fn: DraftFunction | null;
  line: bigint;
  /** Scratch slot for table passes (a visit stamp, then the output index). */
  slot: number;
}

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
let nextStamp = -1;

// Map keys: numbers hash much faster than bigints, and are exact below 2^53.
function addressKey(a: bigint): number | bigint {
  return a <= MAX_EXACT ? Number(a) : a;
}

/** DraftSample is a stack (leaf first), its values and its block size label. */
interface DraftSample {
  locs: DraftLocation[];
  values: bigint[];
  /** The "bytes" numeric label of heap samples, or null. */
  bytes: bigint | null;
}

/** DraftProfile collects what a legacy parser finds, in pprof's order. */
export class DraftProfile {
  sampleTypes: ValueType[] = [];
  periodType: ValueType | null = null;
  period = 0n;
  durationNanos = 0n;
  samples: DraftSample[] = [];
  locations: DraftLocation[] = [];
  mappings: DraftMapping[] = [];
  private readonly byAddress = new Map<number | bigint, DraftLocation>();

  /** locationAt returns the location for an address, creating it on first use. */
  locationAt(address: bigint): DraftLocation {
    const key = addressKey(address);
    let loc = this.byAddress.get(key);
    if (!loc) {
      loc = { address, mapping: null, fn: null, line: 0n, slot: 0 };
      this.byAddress.set(key, loc);
      this.locations.push(loc);
    }
    return loc;
  }

  /** knownLocation returns the location first created for an address, if any. */
  knownLocation(address: bigint): DraftLocation | undefined {
    return this.byAddress.get(addressKey(address));
  }

  /** addSample appends a sample. */
  addSample(locs: DraftLocation[], values: bigint[], bytes: bigint | null = null): void {
    this.samples.push({ locs, values, bytes });
  }

  /**
   * keepSampledLocations reduces the location table to the locations that
   * samples use, in order of first use (pprof's remapLocationIDs).
   */
  keepSampledLocations(): void {
    // A stamp unique to this pass marks visited locations (no Set needed).
    const stamp = nextStamp--;
    const kept: DraftLocation[] = [];
    for (const s of this.samples) {
      for (const l of s.locs) {
        if (l.slot !== stamp) {
          l.slot = stamp;
          kept.push(l);
        }
      }
    }
    this.locations = kept;
  }
}

/** FrameInfo is the drop/keep frame regexps pprof attaches to legacy profiles. */
export interface FrameInfo {
  dropFrames: string;
  keepFrames: string;
}

const EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * exact converts an int64 to a number, refusing values past 2^53: pprof
 * keeps them, but the model's numbers would silently round them.
 */
function exact(v: bigint): number {
  if (v > EXACT || v < -EXACT) {
    throw new ProfileError('too-large', `value ${v} exceeds 2^53, which gotune cannot represent exactly`);
  }
  return Number(v);
}

/**
 * toProfile freezes a draft: ids follow table order, and functions are
 * numbered by first use in the location table, as pprof renumbers them.
 */
export function toProfile(d: DraftProfile, frames: FrameInfo): Profile {
  const b = new ProfileBuilder(d.sampleTypes);
  const mappings = new Map<DraftMapping, Mapping>();
  for (const m of d.mappings) {
    mappings.set(m, b.addMapping({ start: m.start, limit: m.limit, offset: m.offset, file: m.file, buildId: m.buildId }));
  }
  const funcs = new Map<DraftFunction, Func>();
  // Output indexes are stored in `slot` as i + 1 (stamps are negative).
  for (const l of d.locations) l.slot = 0;
  for (const s of d.samples) for (const l of s.locs) l.slot = 0;
  const addLocation = (l: DraftLocation): number => {
    const lines = [];
    if (l.fn) {
      let f = funcs.get(l.fn);
      if (!f) {
        f = b.fn(l.fn.name, l.fn.filename, 0, l.fn.name);
        funcs.set(l.fn, f);
      }
      lines.push({ fn: f, line: exact(l.line), column: 0 });
    }
    const i = b.addLocation(l.address, l.mapping ? mappings.get(l.mapping) ?? null : null, lines);
    l.slot = i + 1;
    return i;
  };
  for (const l of d.locations) addLocation(l);
  for (const s of d.samples) {
    const stack = s.locs.map((l) => (l.slot > 0 ? l.slot - 1 : addLocation(l)));
    const values = s.values.map(exact);
    if (s.bytes === null) b.addSample(stack, values);
    else b.addSample(stack, values, { num: { bytes: [exact(s.bytes)] } });
  }
  return b.build({
    periodType: d.periodType,
    period: exact(d.period),
    durationNanos: exact(d.durationNanos),
    dropFrames: frames.dropFrames,
    keepFrames: frames.keepFrames,
  });
}
