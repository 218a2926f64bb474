// Generates large, realistic Go-like CPU, CPU-base and heap profiles for the benchmark and caches them
// under bench/out/; built with gotune's ProfileBuilder and encoder from a seeded random call tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ProfileBuilder, type LabelsInit } from '../src/profile/builder.js';
import { encodeProfile } from '../src/profile/encode.js';
import type { Func, Line, Mapping } from '../src/profile/types.js';
import { CallTree, Program } from './gen/program.js';
import { Rng, Zipf } from './gen/rng.js';

/** GEN_VERSION changes whenever the generator's output changes, so that cached files are rebuilt. */
export const GEN_VERSION = 5;

/** The directory holding generated profiles and results (git-ignored). */
export const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'out');

// ---------------------------------------------------------------------------------------------
// Profiles.

/** ProfileShape selects the sample types and values of a generated profile. */
export type ProfileShape = 'cpu' | 'heap';

/** GenStats describes one generated profile file. */
export interface GenStats {
  file: string;
  shape: ProfileShape;
  samples: number;
  draws: number;
  locations: number;
  functions: number;
  avgDepth: number;
  maxDepth: number;
  bytes: number;
  gzBytes: number;
  ms: number;
}

/** SetStats describes the cached profiles of one size. */
export interface SetStats {
  version: number;
  sizeMB: number;
  programFunctions: number;
  treeNodes: number;
  /** Time to build the program and call tree, shared by the three profiles. */
  treeMs: number;
  cpu: GenStats;
  cpuBase: GenStats;
  heap: GenStats;
}

function varintLen(v: number): number {
  let n = 1;
  while (v >= 128) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

const CPU_LABEL_KEYS: [string, string[]][] = [
  ['handler', ['/api/v1/orders', '/api/v1/orders/{id}', '/api/v1/users/{id}', '/api/v1/search', '/api/v1/cart',
    '/api/v1/checkout', '/api/v2/catalog/items', '/healthz', '/metrics', '/api/v1/payments/{id}/capture']],
  ['rpc', ['/orders.v1.OrderService/GetOrder', '/orders.v1.OrderService/ListOrders', '/billing.v1.Billing/Charge',
    '/inventory.v1.Inventory/Reserve', '/users.v1.Users/Get']],
  ['job', ['reindex', 'sync-prices', 'send-digest', 'expire-sessions', 'compact-ledger']],
];

/** Makes ~60 CPU label sets (pprof.Do labels) shared by the labelled samples. */
function cpuLabelSets(rng: Rng): LabelsInit[] {
  const sets: LabelsInit[] = [];
  for (let i = 0; i < 60; i++) {
    const [key, values] = CPU_LABEL_KEYS[rng.skewed(CPU_LABEL_KEYS.length, 1.5)];
    const str: Record<string, string[]> = { [key]: [rng.pick(values)] };
    if (rng.next() < 0.6) str['tenant'] = [`t-${String(rng.skewed(400, 2)).padStart(3, '0')}`];
    if (rng.next() < 0.15) str['region'] = [rng.pick(['eu-west-1', 'us-east-1', 'ap-south-1'])];
    sets.push({ str });
  }
  return sets;
}

interface DrawOptions {
  shape: ProfileShape;
  targetBytes: number;
  /** Eligible nodes in Zipf rank order. */
  ranked: Int32Array;
  zipf: Zipf;
  seed: number;
}

/** Builds one profile by drawing Zipf-distributed leaves until the estimated encoding reaches the target size. */
function buildProfile(prog: Program, tree: CallTree, o: DrawOptions): { bytes: Uint8Array; stats: Omit<GenStats, 'file' | 'gzBytes' | 'ms' | 'bytes'> } {
  const rng = new Rng(o.seed);
  const cpu = o.shape === 'cpu';
  const labelSets = cpu ? cpuLabelSets(new Rng(o.seed ^ 0x5bd1e995)) : [];
  const labelZipf = new Zipf(Math.max(labelSets.length, 1), 1.1);
  // key (node, pc slot, label or size slot) -> sample index; counts per sample.
  const index = new Map<number, number>();
  const keys: number[] = [];
  const counts: number[] = [];
  // Ids in first-use order, as the builder will assign them, so that varint sizes are estimated right.
  const locId = new Int32Array(prog.locs.length);
  const fnId = new Int32Array(prog.fns.length);
  let nLocs = 0;
  let nFns = 0;
  const strSeen = new Set<string>();
  let est = 200;
  let draws = 0;
  const stackOfKey = (key: number, out: number[]): void => {
    const node = Math.floor(key / 4096);
    const pcSlot = Math.floor(key / 64) % 64;
    const fn = prog.fns[tree.fn[node]];
    out.length = 0;
    out.push(fn.selfPCs[pcSlot]);
    for (let n = node; tree.parent[n] >= 0; n = tree.parent[n]) out.push(prog.sites[tree.site[n]].loc);
  };
  const stack: number[] = [];
  const addString = (s: string): void => {
    if (!strSeen.has(s)) {
      strSeen.add(s);
      est += 1 + varintLen(s.length) + Buffer.byteLength(s);
    }
  };
  while (est < o.targetBytes) {
    draws++;
    const node = o.ranked[o.zipf.draw(rng)];
    const fn = prog.fns[tree.fn[node]];
    const pcSlot = rng.skewed(fn.selfPCs.length, 2);
    let extra = 0;
    if (cpu) extra = rng.next() < 0.3 ? 1 + labelZipf.draw(rng) : 0;
    else extra = rng.skewed(fn.sizes.length, 1.5);
    const key = node * 4096 + pcSlot * 64 + extra;
    const i = index.get(key);
    if (i !== undefined) {
      counts[i]++;
      continue;
    }
    index.set(key, keys.length);
    keys.push(key);
    counts.push(1);
    // Estimate the encoded growth: the sample, plus any new locations, functions and strings.
    stackOfKey(key, stack);
    let body = 0;
    for (const l of stack) {
      if (!locId[l]) {
        locId[l] = ++nLocs;
        const loc = prog.locs[l];
        let lb = 2 + 1 + varintLen(nLocs) + 2 + 1 + varintLen(loc.address);
        for (const [f, line] of loc.lines) {
          if (!fnId[f]) {
            fnId[f] = ++nFns;
            const d = prog.fns[f];
            est += 2 + 1 + varintLen(nFns) + 3 * 4 + 1 + varintLen(d.startLine);
            addString(d.name);
            addString(d.file);
          }
          lb += 2 + 1 + varintLen(fnId[f]) + 1 + varintLen(line);
        }
        est += lb;
      }
      body += varintLen(locId[l]);
    }
    body += 1 + varintLen(body);
    if (cpu) {
      body += 7;
      if (extra) body += 7 * Object.keys(labelSets[extra - 1].str!).length;
    } else {
      body += 2 + 4 * 3 + 8;
    }
    est += 1 + varintLen(body) + body;
  }

  const types = cpu
    ? [{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]
    : [{ type: 'alloc_objects', unit: 'count' }, { type: 'alloc_space', unit: 'bytes' },
      { type: 'inuse_objects', unit: 'count' }, { type: 'inuse_space', unit: 'bytes' }];
  const b = new ProfileBuilder(types);
  const main: Mapping = b.addMapping({
    start: 0x400000n, limit: BigInt(prog.textLimit + 0x10000), offset: 0n, file: '/app/bin/svc',
    buildId: '6f0c2b41d9a8e3f57a1c0b9d8e7f6a5b4c3d2e1f', hasFunctions: true,
  });
  const vdso = b.addMapping({ start: 0x7ffc2a3b0000n, limit: 0x7ffc2a3b2000n, file: '[vdso]', hasFunctions: false });
  b.addMapping({ start: 0xffffffffff600000n, limit: 0xffffffffff601000n, file: '[vsyscall]' });
  const locIndex = new Int32Array(prog.locs.length).fill(-1);
  const fnObj: (Func | undefined)[] = new Array(prog.fns.length);
  const toBuilderLoc = (l: number): number => {
    if (locIndex[l] < 0) {
      const d = prog.locs[l];
      const lines: Line[] = d.lines.map(([f, line]) => {
        let fo = fnObj[f];
        if (!fo) {
          const fd = prog.fns[f];
          fo = fnObj[f] = b.fn(fd.name, fd.file, fd.startLine);
        }
        return { fn: fo, line, column: 0 };
      });
      locIndex[l] = b.addLocation(BigInt(d.address), l === prog.vdsoLoc ? vdso : main, lines);
    }
    return locIndex[l];
  };
  const vrng = new Rng(o.seed ^ 0x27d4eb2f);
  const builderStack: number[] = [];
  let depthSum = 0;
  let maxDepth = 0;
  const values = [0, 0, 0, 0];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const node = Math.floor(key / 4096);
    stackOfKey(key, stack);
    builderStack.length = 0;
    // A rare time.Now leaf lands in the vDSO, which has no symbols.
    const leafFn = prog.fns[tree.fn[node]].name;
    if (cpu && (leafFn === 'runtime.nanotime1' || leafFn === 'runtime.walltime') && (key & 1) === 0) {
      builderStack.push(toBuilderLoc(prog.vdsoLoc));
    }
    for (const l of stack) builderStack.push(toBuilderLoc(l));
    depthSum += builderStack.length;
    maxDepth = Math.max(maxDepth, builderStack.length);
    const c = counts[i];
    if (cpu) {
      values[0] = c;
      values[1] = c * 10_000_000;
      const li = key % 64;
      b.addSample(builderStack, values.slice(0, 2), li ? labelSets[li - 1] : undefined);
    } else {
      const size = prog.fns[tree.fn[node]].sizes[key % 64];
      // Sampled allocations are scaled by the 512 KiB sampling rate, as runtime/pprof does.
      const objs = c * Math.max(1, Math.round(524288 / size));
      const live = vrng.next() < 0.45 ? 0 : Math.round(objs * vrng.next());
      values[0] = objs;
      values[1] = objs * size;
      values[2] = live;
      values[3] = live * size;
      b.addSample(builderStack, values, { num: { bytes: [size] } });
    }
  }
  const p = cpu
    ? b.build({ periodType: { type: 'cpu', unit: 'nanoseconds' }, period: 10_000_000,
      timeNanos: 1_767_225_600_000_000_000n, durationNanos: Math.round(draws * 10_000_000 / 16) })
    : b.build({ periodType: { type: 'space', unit: 'bytes' }, period: 524288, timeNanos: 1_767_225_600_000_000_000n });
  return {
    bytes: encodeProfile(p),
    stats: {
      shape: o.shape, samples: keys.length, draws, locations: p.locations.length, functions: p.functions.length,
      avgDepth: Math.round((depthSum / Math.max(1, keys.length)) * 10) / 10, maxDepth,
    },
  };
}

/** Ranks the tree's eligible nodes (depth >= 10, optionally no runtime leaf) in random order, leaves first-ish. */
function rankNodes(tree: CallTree, rng: Rng, keep: (node: number) => boolean): Int32Array {
  const nodes: number[] = [];
  const score: number[] = [];
  for (let n = 0; n < tree.count; n++) {
    if (tree.depth[n] < 10 || !keep(n)) continue;
    nodes.push(n);
    score.push(rng.next() * (tree.leaf[n] ? 1 : 3));
  }
  const order = nodes.map((_, i) => i).sort((a, b) => score[a] - score[b]);
  return Int32Array.from(order, (i) => nodes[i]);
}

function writeProfile(file: string, bytes: Uint8Array, started: number, stats: Omit<GenStats, 'file' | 'gzBytes' | 'ms' | 'bytes'>): GenStats {
  // runtime/pprof writes gzip at BestSpeed.
  const gz = zlib.gzipSync(bytes, { level: 1 });
  fs.writeFileSync(file, gz);
  return { file, ...stats, bytes: bytes.length, gzBytes: gz.length, ms: Math.round(performance.now() - started) };
}

/** profilePaths names the cached files of one size. */
export function profilePaths(sizeMB: number, outDir = OUT_DIR): { cpu: string; cpuBase: string; heap: string; meta: string } {
  const tag = `${sizeMB}mb`;
  return {
    cpu: path.join(outDir, `cpu-${tag}.pb.gz`),
    cpuBase: path.join(outDir, `cpu-${tag}-base.pb.gz`),
    heap: path.join(outDir, `heap-${tag}.pb.gz`),
    meta: path.join(outDir, `gen-${tag}.json`),
  };
}

/** generateSet writes the CPU, CPU-base and heap profiles of about sizeMB uncompressed megabytes each. */
export function generateSet(sizeMB: number, outDir = OUT_DIR, log: (s: string) => void = () => {}): SetStats {
  fs.mkdirSync(outDir, { recursive: true });
  const paths = profilePaths(sizeMB, outDir);
  const targetBytes = sizeMB * 1024 * 1024;
  const seed = 1000 + Math.round(sizeMB * 1000);
  let t0 = performance.now();
  const nFunctions = Math.round(2000 * Math.pow(sizeMB, 0.35));
  const prog = new Program(new Rng(seed), nFunctions, 75);
  // Enough call paths that the Zipf tail keeps producing new stacks: ~1 eligible node per 150 target bytes.
  const tree = new CallTree(prog);
  const treeRng = new Rng(seed + 1);
  const rootZipf = prog.rootWeights;
  const rootTotal = rootZipf.reduce((a, b) => a + b, 0);
  const rootPick = (r: Rng): number => {
    let u = r.next() * rootTotal;
    for (let i = 0; i < rootZipf.length; i++) if ((u -= rootZipf[i]) < 0) return i;
    return rootZipf.length - 1;
  };
  const wantNodes = Math.max(2000, Math.round(targetBytes / 150));
  while (tree.count < wantNodes) tree.walk(treeRng, rootPick);
  log(`  ${sizeMB} MB: program of ${prog.fns.length} functions, ${prog.locs.length} locations; call tree of ${tree.count} nodes (${Math.round(performance.now() - t0)} ms)`);

  const ranked = rankNodes(tree, new Rng(seed + 2), () => true);
  const zipf = new Zipf(ranked.length, 1.0);
  const treeMs = Math.round(performance.now() - t0);
  t0 = performance.now();
  const cpuP = buildProfile(prog, tree, { shape: 'cpu', targetBytes, ranked, zipf, seed: seed + 3 });
  const cpu = writeProfile(paths.cpu, cpuP.bytes, t0, cpuP.stats);
  log(`  ${path.basename(paths.cpu)}: ${describe(cpu)}`);
  t0 = performance.now();
  const baseP = buildProfile(prog, tree, { shape: 'cpu', targetBytes, ranked, zipf, seed: seed + 4 });
  const cpuBase = writeProfile(paths.cpuBase, baseP.bytes, t0, baseP.stats);
  log(`  ${path.basename(paths.cpuBase)}: ${describe(cpuBase)}`);
  t0 = performance.now();
  const heapRanked = rankNodes(tree, new Rng(seed + 5), (n) => prog.fns[tree.fn[n]].kind !== 'runtime');
  const heapP = buildProfile(prog, tree, { shape: 'heap', targetBytes, ranked: heapRanked, zipf: new Zipf(heapRanked.length, 1.0), seed: seed + 6 });
  const heap = writeProfile(paths.heap, heapP.bytes, t0, heapP.stats);
  log(`  ${path.basename(paths.heap)}: ${describe(heap)}`);
  const stats: SetStats = { version: GEN_VERSION, sizeMB, programFunctions: prog.fns.length, treeNodes: tree.count, treeMs, cpu, cpuBase, heap };
  fs.writeFileSync(paths.meta, JSON.stringify(stats, null, 2) + '\n');
  return stats;
}

function describe(s: GenStats): string {
  const mb = (n: number): string => (n / 1048576).toFixed(1);
  return `${mb(s.bytes)} MB (${mb(s.gzBytes)} MB gz), ${s.samples} samples from ${s.draws} draws, ` +
    `${s.locations} locations, ${s.functions} functions, depth avg ${s.avgDepth} max ${s.maxDepth}, ${s.ms} ms`;
}

/** ensureProfiles returns the cached set of each size, generating those missing, stale, or all with regen. */
export function ensureProfiles(sizes: number[], regen: boolean, outDir = OUT_DIR, log: (s: string) => void = () => {}): SetStats[] {
  return sizes.map((size) => {
    const paths = profilePaths(size, outDir);
    if (!regen && [paths.cpu, paths.cpuBase, paths.heap, paths.meta].every((f) => fs.existsSync(f))) {
      try {
        const meta = JSON.parse(fs.readFileSync(paths.meta, 'utf8')) as SetStats;
        if (meta.version === GEN_VERSION) return meta;
      } catch {
        // Unreadable metadata: regenerate.
      }
    }
    log(`generating ~${size} MB profiles in ${outDir}`);
    return generateSet(size, outDir, log);
  });
}

/** parseSizes reads a comma-separated list of sizes in MB. */
export function parseSizes(s: string): number[] {
  const sizes = s.split(',').map((x) => Number(x.trim()));
  if (sizes.length === 0 || sizes.some((x) => !Number.isFinite(x) || x <= 0)) throw new Error(`bad --sizes ${JSON.stringify(s)}`);
  return sizes;
}

function cli(argv: string[]): void {
  let sizes = [1, 10, 100];
  let regen = false;
  let outDir = OUT_DIR;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') sizes = parseSizes(argv[++i] ?? '');
    else if (a.startsWith('--sizes=')) sizes = parseSizes(a.slice(8));
    else if (a === '--regen') regen = true;
    else if (a === '--out') outDir = path.resolve(argv[++i] ?? '');
    else {
      process.stderr.write('usage: node dist/bench/gen-profile.js [--sizes 1,10,100] [--regen] [--out DIR]\n');
      process.exit(2);
    }
  }
  const t0 = performance.now();
  ensureProfiles(sizes, regen, outDir, (s) => console.log(s));
  console.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) cli(process.argv.slice(2));

