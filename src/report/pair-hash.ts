// The hash and array growth shared by the trees of frames and locations,
// whose open-addressing tables are keyed by (parent node, name or location).

/** pairHash mixes (parent, key) into 32 bits whose low bits are well mixed. */
export function pairHash(parent: number, key: number): number {
  // Mixed down from the high bits: a product's low bits depend only on the
  // factors' low bits, and a mask keeps the low bits.
  let x = Math.imul(parent ^ Math.imul(key, 0x85ebca77), 0x9e3779b1);
  x ^= x >>> 16;
  return (Math.imul(x, 0x7feb352d) ^ (x >>> 15)) >>> 0;
}

/** grownArray returns a copy of a with room for size elements. */
export function grownArray<T extends Uint32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
