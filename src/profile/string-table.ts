// Interning strings into a list in first-use order: the profile encoder's
// string table and the frame tree's names.

/** StringTable hands out the index of each distinct string, in first-use order (seed first). */
export class StringTable {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(seed: readonly string[] = []) {
    for (const s of seed) this.add(s);
  }

  /** add returns the index of s, adding it when new. */
  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
