// Shared pieces of the profile.proto decoder: byte ranges of messages,
// typed scalar reads with pprof's wire-type checks, and id → index maps.

import { ProfileError } from './errors.js';
import { sharedBuffer } from './parallel.js';
import { Reader, WireType } from './wire.js';

/** Ranges is a growable list of message byte ranges found in one scan of the top level. */
export class Ranges {
  // Shared memory, so that a helper thread decoding part of the messages
  // reads them without a copy.
  starts = new Uint32Array(sharedBuffer(16 * 4));
  ends = new Uint32Array(sharedBuffer(16 * 4));
  n = 0;
  add(s: number, e: number): void {
    if (this.n === this.starts.length) {
      const ns = new Uint32Array(sharedBuffer(this.n * 2 * 4));
      ns.set(this.starts);
      this.starts = ns;
      const ne = new Uint32Array(sharedBuffer(this.n * 2 * 4));
      ne.set(this.ends);
      this.ends = ne;
    }
    this.starts[this.n] = s;
    this.ends[this.n++] = e;
  }
}

/** typeMismatch is the error for a field of the wrong wire type. */
export function typeMismatch(what: string): ProfileError {
  return new ProfileError('malformed', `wire type mismatch in ${what}`);
}

/** scalar reads a signed varint field, checking its wire type. */
export function scalar(r: Reader, wt: number, what: string): number {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.int64();
}

/** scalarU reads an unsigned varint field (ids). */
export function scalarU(r: Reader, wt: number, what: string): number {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.uint();
}

/** scalarBig reads a uint64 varint field exactly (addresses). */
export function scalarBig(r: Reader, wt: number, what: string): bigint {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.uint64();
}

/** scalarBool reads a boolean varint field. */
export function scalarBool(r: Reader, wt: number, what: string): boolean {
  if (wt !== WireType.Varint) throw typeMismatch(what);
  return r.bool();
}

/** Str resolves a string-table index, naming the field in errors. */
export type Str = (x: number, what: string) => string;

/** IdIndex maps a table's uint64 ids to array indexes. */
export class IdIndex {
  private dense: Int32Array | null = null;
  private sparse: Map<number, number> | null = null;

  constructor(ids: ArrayLike<number>, what: string) {
    let max = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
    const dup = (id: number) => new ProfileError('invalid', `multiple ${what}s with same id: ${id}`);
    if (max <= ids.length * 4 + 1024) {
      const d = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id === 0) throw new ProfileError('invalid', `found ${what} with reserved id=0`);
        if (d[id] !== -1) throw dup(id);
        d[id] = i;
      }
      this.dense = d;
    } else {
      const m = new Map<number, number>();
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (id === 0) throw new ProfileError('invalid', `found ${what} with reserved id=0`);
        if (m.has(id)) throw dup(id);
        m.set(id, i);
      }
      this.sparse = m;
    }
  }

  /** denseTable returns the id-indexed table when ids are dense enough. */
  denseTable(): Int32Array | null {
    return this.dense;
  }

  /** sparseTable returns the id map when ids are sparse. */
  sparseTable(): Map<number, number> | null {
    return this.sparse;
  }

  /** Lookup answers get() from the raw tables (as handed to another thread). */
  static Lookup = class {
    constructor(private readonly dense: Int32Array | null, private readonly sparse: Map<number, number> | null) {}

    /** get returns the index of id, or -1. */
    get(id: number): number {
      const d = this.dense;
      if (d !== null) return id < d.length ? d[id] : -1;
      const v = this.sparse!.get(id);
      return v === undefined ? -1 : v;
    }
  };

  /** get returns the index of id, or -1. */
  get(id: number): number {
    const d = this.dense;
    if (d !== null) return id < d.length ? d[id] : -1;
    const v = this.sparse!.get(id);
    return v === undefined ? -1 : v;
  }
}
