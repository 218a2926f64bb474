// The in-memory model of profile.proto: small tables as objects, samples as
// compact typed arrays (a large profile has millions of samples).

/** ValueType names a measured quantity and its unit, e.g. cpu/nanoseconds. */
export interface ValueType {
  type: string;
  unit: string;
}

/** Mapping is one mapped binary (or region) of the profiled process. */
export interface Mapping {
  id: number;
  /** Addresses are uint64 in the proto; bigint keeps them exact. */
  start: bigint;
  limit: bigint;
  offset: bigint;
  file: string;
  buildId: string;
  hasFunctions: boolean;
  hasFilenames: boolean;
  hasLineNumbers: boolean;
  hasInlineFrames: boolean;
}

/** Func is a function (profile.proto's Function; `Function` is taken in JS). */
export interface Func {
  id: number;
  name: string;
  systemName: string;
  filename: string;
  startLine: number;
}

/** Line is one frame of a location's inline chain. */
export interface Line {
  /** Always set: pprof rejects a line whose function id points nowhere. */
  fn: Func;
  line: number;
  column: number;
}

/**
 * Location is one program counter. `lines` is the whole inline chain:
 * lines[0] is the innermost (inlined) frame, the last is the caller that
 * was compiled out of line, as profile.proto specifies.
 */
export interface Location {
  id: number;
  mapping: Mapping | null;
  address: bigint;
  lines: Line[];
  isFolded: boolean;
}

/**
 * LabelSet holds one sample's labels. Like pprof's Sample.Label/NumLabel/
 * NumUnit maps, a key may carry several values; `numUnits` has an entry for
 * a key only when some value of it had a unit, and then one unit per value.
 */
export interface LabelSet {
  str: Map<string, string[]>;
  num: Map<string, number[]>;
  numUnits: Map<string, string[]>;
}

/** LocIndexes holds location indexes: 16-bit where they fit, else 32-bit. */
export type LocIndexes = Uint16Array | Uint32Array;

/**
 * Samples stores every sample as rows of typed arrays.
 * Sample i has the stack locs[stackStart[i] .. stackStart[i+1]) (indexes into
 * Profile.locations, leaf first), the values values[i*nValues .. +nValues),
 * and the label set labelSets[labels[i]] (index 0 is always the empty set).
 */
export interface Samples {
  count: number;
  nValues: number;
  stackStart: Uint32Array;
  /** 16-bit when the profile has at most 65536 locations, which halves the largest array. */
  locs: LocIndexes;
  values: Float64Array;
  labels: Uint32Array;
  labelSets: LabelSet[];
}

/** Profile is a decoded profile.proto. Transforms return new Profiles. */
export interface Profile {
  sampleTypes: ValueType[];
  defaultSampleType: string;
  samples: Samples;
  mappings: Mapping[];
  locations: Location[];
  functions: Func[];
  comments: string[];
  docUrl: string;
  dropFrames: string;
  keepFrames: string;
  /** Nanoseconds since the epoch; int64, so bigint (it exceeds 2^53). */
  timeNanos: bigint;
  durationNanos: number;
  /**
   * Decoding always sets a period type (empty when absent), as pprof does;
   * only profiles built in code (legacy formats) may have none.
   */
  periodType: ValueType | null;
  period: number;
}

/** EMPTY_LABELS is the shared empty label set (index 0 of every labelSets). */
export const EMPTY_LABELS: LabelSet = Object.freeze({
  str: new Map<string, string[]>(),
  num: new Map<string, number[]>(),
  numUnits: new Map<string, string[]>(),
}) as LabelSet;

