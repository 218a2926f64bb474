// The mutable working form of a legacy profile while it is parsed and
// repaired, and its conversion into the immutable Profile model.

import { ProfileBuilder } from '../builder.js';
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
  line: number;
}

/** DraftSample is a stack (leaf first), its values and its block size label. */
export interface DraftSample {
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
  private readonly byAddress = new Map<bigint, DraftLocation>();

  /** locationAt returns the location for an address, creating it on first use. */
  locationAt(address: bigint): DraftLocation {
    let loc = this.byAddress.get(address);
    if (!loc) {
      loc = { address, mapping: null, fn: null, line: 0 };
      this.byAddress.set(address, loc);
      this.locations.push(loc);
    }
    return loc;
  }

  /** knownLocation returns the location first created for an address, if any. */
  knownLocation(address: bigint): DraftLocation | undefined {
    return this.byAddress.get(address);
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
    const seen = new Set<DraftLocation>();
    const kept: DraftLocation[] = [];
    for (const s of this.samples) {
      for (const l of s.locs) {
        if (!seen.has(l)) {
          seen.add(l);
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
  const index = new Map<DraftLocation, number>();
  const addLocation = (l: DraftLocation): number => {
    const lines = [];
    if (l.fn) {
      let f = funcs.get(l.fn);
      if (!f) {
        f = b.fn(l.fn.name, l.fn.filename, 0, l.fn.name);
        funcs.set(l.fn, f);
      }
      lines.push({ fn: f, line: l.line, column: 0 });
    }
    const i = b.addLocation(l.address, l.mapping ? mappings.get(l.mapping) ?? null : null, lines);
    index.set(l, i);
    return i;
  };
  for (const l of d.locations) addLocation(l);
  for (const s of d.samples) {
    const stack = s.locs.map((l) => index.get(l) ?? addLocation(l));
    const values = s.values.map(Number);
    if (s.bytes === null) b.addSample(stack, values);
    else b.addSample(stack, values, { num: { bytes: [Number(s.bytes)] } });
  }
  return b.build({
    periodType: d.periodType,
    period: Number(d.period),
    durationNanos: Number(d.durationNanos),
    dropFrames: frames.dropFrames,
    keepFrames: frames.keepFrames,
  });
}
