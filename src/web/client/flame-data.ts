// Decoding the packed flame graph (report/flame.ts) into typed arrays, and
// the per-node figures derived from them once: depth, and each frame's
// package for colouring. Pure: the browser and the tests share it.

/** FLAME_MAGIC is report/flame.ts's, repeated so the browser bundle does not pull the report layer in. */
const FLAME_MAGIC = 0x32465447;

/** FlameData is one decoded flame graph, nodes in pre-order (root first). */
export interface FlameData {
  n: number;
  names: string[];
  /** "file:line" per name index, or "". */
  files: string[];
  total: Float64Array;
  self: Float64Array;
  /** The base's values, in a differential flame graph. */
  baseTotal: Float64Array | null;
  baseSelf: Float64Array | null;
  name: Uint32Array;
  /** Parent node index; the root's is 0xFFFFFFFF. */
  parent: Uint32Array;
  depth: Uint32Array;
  /** One past the last node of i's subtree (pre-order keeps subtrees contiguous). */
  end: Uint32Array;
  maxDepth: number;
}

/** decodeFlame reads a packed flame graph; it throws on anything else. */
export function decodeFlame(buf: ArrayBuffer): FlameData {
  if (buf.byteLength < 16) throw new Error('flame data: too short');
  const dv = new DataView(buf);
  if (dv.getUint32(0, true) !== FLAME_MAGIC) throw new Error('flame data: not a packed flame graph');
  const n = dv.getUint32(4, true);
  const jsonLen = dv.getUint32(8, true);
  const hasBase = (dv.getUint32(12, true) & 1) !== 0;
  const off = Math.ceil((16 + jsonLen) / 8) * 8;
  const floats = hasBase ? 4 : 2;
  if (buf.byteLength < off + n * (8 * floats + 8)) throw new Error('flame data: truncated');
  const { names, files } = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 16, jsonLen))) as { names: string[]; files: string[] };
  const f64 = (k: number) => new Float64Array(buf, off + k * 8 * n, n);
  const name = new Uint32Array(buf, off + floats * 8 * n, n);
  const parent = new Uint32Array(buf, off + floats * 8 * n + 4 * n, n);
  const depth = new Uint32Array(n);
  let maxDepth = 0;
  for (let i = 1; i < n; i++) {
    const d = depth[parent[i]] + 1;
    depth[i] = d;
    if (d > maxDepth) maxDepth = d;
  }
  const end = new Uint32Array(n);
  const size = new Uint32Array(n).fill(1);
  for (let i = n - 1; i >= 1; i--) {
    size[parent[i]] += size[i];
    end[i] = i + size[i];
  }
  if (n > 0) end[0] = n;
  return {
    n, names, files,
    total: f64(0), self: f64(1),
    baseTotal: hasBase ? f64(2) : null, baseSelf: hasBase ? f64(3) : null,
    name, parent, depth, end, maxDepth,
  };
}

/**
 * packageOf is a Go frame's package path ("net/http" for
 * "net/http.(*conn).serve", "main" for "main.main"): everything before the
 * first dot after the last slash. Other names keep their first word.
 */
export function packageOf(frame: string): string {
  const slash = frame.lastIndexOf('/', frame.indexOf('(') < 0 ? frame.length : frame.indexOf('('));
  const dot = frame.indexOf('.', slash + 1);
  if (dot > 0) return frame.slice(0, dot);
  const sp = frame.indexOf(' ');
  return sp > 0 ? frame.slice(0, sp) : frame;
}

/** ancestors lists the path from the root to node i, root first. */
export function ancestors(d: FlameData, i: number): number[] {
  const path: number[] = [];
  for (let k = i; k !== 0xffffffff; k = d.parent[k]) path.push(k);
  return path.reverse();
}
