// EdgeTable: the edges of a graph under construction, as typed arrays keyed
// by (source, destination) node ids through an open-addressing hash.

/** EdgeTable accumulates edge weights and flags by node-id pairs. */
export class EdgeTable {
  count = 0;
  src = new Int32Array(1024);
  dst = new Int32Array(1024);
  weight = new Float64Array(1024);
  weightDiv = new Float64Array(1024);
  residual = new Uint8Array(1024);
  /** 1 while every addition was inline (pprof ANDs the flag over additions). */
  inline = new Uint8Array(1024).fill(1);
  /** The last sample that added to each edge (per-sample de-duplication). */
  lastSample = new Int32Array(1024).fill(-1);
  private slots = new Int32Array(4096).fill(-1);
  private mask = 4095;

  private static hash(a: number, b: number): number {
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;
  }

  /** id returns the edge id of (a, b), creating the edge when new. */
  id(a: number, b: number): number {
    const src = this.src;
    const dst = this.dst;
    const slots = this.slots;
    const mask = this.mask;
    let h = EdgeTable.hash(a, b) & mask;
    for (;;) {
      const e = slots[h];
      if (e < 0) break;
      if (src[e] === a && dst[e] === b) return e;
      h = (h + 1) & mask;
    }
    const id = this.count++;
    if (id === this.src.length) this.grow();
    this.src[id] = a;
    this.dst[id] = b;
    slots[h] = id;
    if (this.count * 2 > mask) this.rehash();
    return id;
  }

  /** addOnce adds sample i's weight to edge e unless sample i already did. */
  addOnce(e: number, i: number, w: number, dw: number, residual: boolean, inline: boolean): void {
    if (this.lastSample[e] === i) return;
    this.lastSample[e] = i;
    this.add(e, w, dw, residual, inline);
  }

  /** add adds one sample's weight to an edge. */
  add(e: number, w: number, dw: number, residual: boolean, inline: boolean): void {
    this.weight[e] += w;
    this.weightDiv[e] += dw;
    if (residual) this.residual[e] = 1;
    if (!inline) this.inline[e] = 0;
  }

  private grow(): void {
    const n = this.src.length * 2;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array, fill: number) => {
      const b = new Uint8Array(n).fill(fill);
      b.set(a);
      return b;
    };
    this.src = i32(this.src);
    this.dst = i32(this.dst);
    this.weight = f64(this.weight);
    this.weightDiv = f64(this.weightDiv);
    this.residual = u8(this.residual, 0);
    this.inline = u8(this.inline, 1);
    const ls = new Int32Array(n).fill(-1);
    ls.set(this.lastSample);
    this.lastSample = ls;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.mask = size - 1;
    this.slots = new Int32Array(size).fill(-1);
    for (let e = 0; e < this.count; e++) {
      let h = EdgeTable.hash(this.src[e], this.dst[e]) & this.mask;
      while (this.slots[h] >= 0) h = (h + 1) & this.mask;
      this.slots[h] = e;
    }
  }
}
