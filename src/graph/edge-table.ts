// EdgeTable: the edges of a graph under construction, keyed by (source,
// destination) node ids through an open-addressing hash. Each edge's fields
// sit together in one Float64Array row, so adding a sample to an edge
// touches one cache line rather than one per field.

const SRC = 0;
const DST = 1;
const WEIGHT = 2;
const WEIGHT_DIV = 3;
const LAST_SAMPLE = 4;
const FLAGS = 5; // bit 0: residual; bit 1: not inline
const ROW = 6;

const RESIDUAL = 1;
const NOT_INLINE = 2;

/** EdgeTable accumulates edge weights and flags by node-id pairs. */
export class EdgeTable {
  count = 0;
  private rows = new Float64Array(1024 * ROW);
  private slots = new Int32Array(4096).fill(-1);
  private mask = 4095;

  private static hash(a: number, b: number): number {
    // Murmur3's finaliser over the pair, so the low bits are well mixed.
    let h = Math.imul(a, 0x9e3779b1) ^ b;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** id returns the edge id of (a, b), creating the edge when new. */
  id(a: number, b: number): number {
    const rows = this.rows;
    const slots = this.slots;
    const mask = this.mask;
    let h = EdgeTable.hash(a, b) & mask;
    for (;;) {
      const e = slots[h];
      if (e < 0) break;
      const r = e * ROW;
      if (rows[r + SRC] === a && rows[r + DST] === b) return e;
      h = (h + 1) & mask;
    }
    const id = this.count++;
    if ((id + 1) * ROW > this.rows.length) this.grow();
    const r = id * ROW;
    this.rows[r + SRC] = a;
    this.rows[r + DST] = b;
    this.rows[r + LAST_SAMPLE] = -1;
    slots[h] = id;
    if (this.count * 2 > mask) this.rehash();
    return id;
  }

  /** addOnce adds sample i's weight to edge e unless sample i already did. */
  addOnce(e: number, i: number, w: number, dw: number, residual: boolean, inline: boolean): void {
    const rows = this.rows;
    const r = e * ROW;
    if (rows[r + LAST_SAMPLE] === i) return;
    rows[r + LAST_SAMPLE] = i;
    rows[r + WEIGHT] += w;
    rows[r + WEIGHT_DIV] += dw;
    // pprof ORs "residual" and ANDs "inline" over the additions.
    let f = rows[r + FLAGS];
    if (residual) f |= RESIDUAL;
    if (!inline) f |= NOT_INLINE;
    rows[r + FLAGS] = f;
  }

  /** src is edge e's source node id. */
  src(e: number): number {
    return this.rows[e * ROW + SRC];
  }

  /** dst is edge e's destination node id. */
  dst(e: number): number {
    return this.rows[e * ROW + DST];
  }

  /** weight is edge e's accumulated weight. */
  weight(e: number): number {
    return this.rows[e * ROW + WEIGHT];
  }

  /** weightDiv is edge e's accumulated divisor weight (for means). */
  weightDiv(e: number): number {
    return this.rows[e * ROW + WEIGHT_DIV];
  }

  /** residual tells whether some addition to e skipped dropped nodes. */
  residual(e: number): boolean {
    return (this.rows[e * ROW + FLAGS] & RESIDUAL) !== 0;
  }

  /** inline tells whether every addition to e was an inlined call. */
  inline(e: number): boolean {
    return (this.rows[e * ROW + FLAGS] & NOT_INLINE) === 0;
  }

  /** rowsView returns the edge rows (for handing a table to another thread). */
  rowsView(): Float64Array {
    return this.rows.subarray(0, this.count * ROW);
  }

  /** fromRows rebuilds a table from rowsView's output. */
  static fromRows(rows: Float64Array): EdgeTable {
    const t = new EdgeTable();
    const n = rows.length / ROW;
    for (let e = 0; e < n; e++) {
      const id = t.id(rows[e * ROW + SRC], rows[e * ROW + DST]);
      t.rows.set(rows.subarray(e * ROW + WEIGHT, e * ROW + ROW), id * ROW + WEIGHT);
    }
    return t;
  }

  /**
   * merge adds another table's edges (built over other samples): weights
   * sum, "residual" ORs and "inline" ANDs, as over the additions themselves.
   */
  merge(other: EdgeTable): void {
    for (let e = 0; e < other.count; e++) {
      const id = this.id(other.src(e), other.dst(e));
      const r = id * ROW;
      const o = e * ROW;
      this.rows[r + WEIGHT] += other.rows[o + WEIGHT];
      this.rows[r + WEIGHT_DIV] += other.rows[o + WEIGHT_DIV];
      this.rows[r + FLAGS] = this.rows[r + FLAGS] | other.rows[o + FLAGS];
    }
  }

  private grow(): void {
    const bigger = new Float64Array(this.rows.length * 2);
    bigger.set(this.rows);
    this.rows = bigger;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    for (let e = 0; e < this.count; e++) {
      let h = EdgeTable.hash(this.rows[e * ROW + SRC], this.rows[e * ROW + DST]) & this.mask;
      while (this.slots[h] >= 0) h = (h + 1) & this.mask;
      this.slots[h] = e;
    }
  }
}
