// Seeded randomness for the benchmark's profile generator: every generated profile is reproducible.

/** Rng is a small seeded PRNG (sfc32), so every generated profile is reproducible. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** next returns a uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** int returns a uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** range returns a uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** pick returns a uniformly chosen element. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  /** skewed returns an index in [0, n) biased towards 0 (density falls like x^(1/k - 1)). */
  skewed(n: number, k = 2): number {
    return Math.min(n - 1, Math.floor(n * Math.pow(this.next(), k)));
  }
}

/** Zipf draws indexes 0..n-1 with probability proportional to 1/(i+1)^s. */
export class Zipf {
  private readonly cum: Float64Array;

  constructor(n: number, s: number) {
    this.cum = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      t += 1 / Math.pow(i + 1, s);
      this.cum[i] = t;
    }
  }

  /** draw returns one index. */
  draw(rng: Rng): number {
    const cum = this.cum;
    const u = rng.next() * cum[cum.length - 1];
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] <= u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

