// The benchmark generator's model of a Go service: the static program (functions, call sites, their
// program counters and inline chains) and the dynamic call tree grown from random walks over it.

import {
  APP_METHODS, APP_PKGS, APP_ROOT, APP_TYPES, ENTRY_CHAINS, HELPERS, LIB_METHODS, LIB_PKGS, MOD_ROOT, RUNTIME,
  RUNTIME_ENTRIES, RUNTIME_INLINES, SIZE_CLASSES, STD_INLINES, STD_ROOT,
} from './go-names.js';
import type { Rng } from './rng.js';


type FnKind = 'root' | 'entry' | 'app' | 'lib' | 'runtime' | 'inline';

interface FnDef {
  name: string;
  file: string;
  startLine: number;
  kind: FnKind;
  level: number;
  /** Call sites to non-runtime callees: indexes into Program.sites. */
  calls: number[];
  /** Call sites into the runtime (allocation, maps, channels, syscalls). */
  rtCalls: number[];
  /** Locations (indexes into Program.locs) where the function itself spends time. */
  selfPCs: number[];
  /** Heap profile: the allocation size classes this function uses. */
  sizes: number[];
  /** Next free address inside the function's text. */
  pc: number;
  end: number;
}

interface LocDef {
  address: number;
  /** Inline chain, innermost first: [fn index, line]. */
  lines: [number, number][];
}

interface CallSite {
  loc: number;
  callee: number;
}

/** Program is the static call graph of a made-up Go service. */
export class Program {
  readonly fns: FnDef[] = [];
  readonly locs: LocDef[] = [];
  readonly sites: CallSite[] = [];
  readonly byName = new Map<string, number>();
  /** Non-runtime functions by call-graph level. */
  readonly levels: number[][] = [];
  readonly rootFn: number;
  /** Call sites of runtime.goexit into each entry chain, and their weights. */
  readonly rootSites: number[] = [];
  readonly rootWeights: number[] = [];
  readonly vdsoLoc: number;
  private textEnd = 0x401000;
  private readonly rtEntryTable: number[] = [];
  private readonly inlinePool: number[] = [];
  private readonly rtInlinePool: number[] = [];

  constructor(private readonly rng: Rng, readonly nFunctions: number, readonly maxLevel: number) {
    // Runtime functions first, so that their call sites can be resolved by name.
    for (const [name, file] of RUNTIME) {
      this.addFn(name, file.includes('/') ? `${STD_ROOT}/${file}` : `${STD_ROOT}/runtime/${file}`, 'runtime', 99);
    }
    for (const [name, file] of STD_INLINES) this.inlinePool.push(this.addFn(name, `${STD_ROOT}/${file}`, 'inline', 99));
    for (const [name, file] of RUNTIME_INLINES) this.rtInlinePool.push(this.addFn(name, `${STD_ROOT}/${file}`, 'inline', 99));
    for (const [name, , callees] of RUNTIME) {
      const f = this.byName.get(name)!;
      for (const c of callees) this.fns[f].rtCalls.push(this.addSite(f, this.byName.get(c)!));
    }
    for (const [name, w] of RUNTIME_ENTRIES) for (let i = 0; i < w; i++) this.rtEntryTable.push(this.byName.get(name)!);
    this.vdsoLoc = this.locs.length;
    this.locs.push({ address: 0x7ffc2a3b0a20, lines: [] });

    this.rootFn = this.addFn('runtime.goexit', `${STD_ROOT}/runtime/asm_amd64.s`, 'root', 0);
    let level = 1;
    const chainEnds: number[] = [];
    for (const [chain, weight] of ENTRY_CHAINS) {
      let prev = this.rootFn;
      for (const name of chain) {
        const f = this.addFn(name, this.fileFor(name), 'entry', level);
        const site = this.addSite(prev, f);
        if (prev === this.rootFn) {
          this.rootSites.push(site);
          this.rootWeights.push(weight);
        } else {
          this.fns[prev].calls.push(site);
        }
        prev = f;
      }
      chainEnds.push(prev);
      level = Math.max(level, chain.length);
    }

    // Generated functions spread over the levels below the entry chains.
    const firstLevel = 8;
    for (let l = 0; l <= maxLevel; l++) this.levels.push([]);
    const appTypes = new Map<string, string[]>();
    for (let i = 0; this.fns.length < nFunctions; i++) {
      const l = firstLevel + (i % (maxLevel - firstLevel + 1));
      const appShare = l < 35 ? 0.7 : 0.35;
      const f = rng.next() < appShare ? this.addAppFn(l, appTypes) : this.addLibFn(l);
      if (f >= 0) this.levels[l].push(f);
    }
    // Inlinable helpers of the app packages.
    for (let i = 0; i < Math.max(20, nFunctions / 40); i++) {
      const pkg = this.appPkg(rng.int(Math.max(APP_PKGS.length, nFunctions / 150)));
      const name = `github.com/acme/svc/internal/${pkg}.(*${rng.pick(APP_TYPES)}).${rng.pick(HELPERS)}`;
      if (!this.byName.has(name)) this.inlinePool.push(this.addFn(name, `${APP_ROOT}/internal/${pkg}/util.go`, 'inline', 99));
    }

    // Wire the graph: each entry chain end and generated function calls into the next levels.
    for (const f of chainEnds) this.wire(f, firstLevel - 1);
    for (let l = firstLevel; l <= maxLevel; l++) for (const f of this.levels[l]) this.wire(f, l);
    for (let f = 0; f < this.fns.length; f++) this.addSelfPCs(f);
  }

  private appPkg(i: number): string {
    return i < APP_PKGS.length ? APP_PKGS[i] : `${APP_PKGS[i % APP_PKGS.length]}${Math.floor(i / APP_PKGS.length) + 1}`;
  }

  private fileFor(name: string): string {
    if (name.startsWith('github.com/acme/svc/')) {
      const dir = name.slice('github.com/acme/svc/'.length).replace(/\.[^/]*$/, '');
      return `${APP_ROOT}/${dir}/${dir.split('/').pop()}.go`;
    }
    if (name.startsWith('google.golang.org/grpc.')) return `${MOD_ROOT}/google.golang.org/grpc@v1.65.0/server.go`;
    if (name.startsWith('github.com/jackc/pgx/v5/pgxpool.')) return `${MOD_ROOT}/github.com/jackc/pgx/v5@v5.6.0/pgxpool/pool.go`;
    const pkg = name.replace(/\.[^/]*$/, '');
    return `${STD_ROOT}/${pkg}/server.go`;
  }

  private addAppFn(level: number, appTypes: Map<string, string[]>): number {
    const rng = this.rng;
    const pkg = this.appPkg(rng.skewed(Math.max(APP_PKGS.length, Math.round(this.nFunctions / 120)), 1.5));
    let types = appTypes.get(pkg);
    if (!types) {
      types = [];
      const n = rng.range(3, 9);
      for (let i = 0; i < n; i++) types.push(rng.next() < 0.8 ? rng.pick(APP_TYPES) : `${rng.pick(APP_TYPES)}${i}`);
      appTypes.set(pkg, types);
    }
    const type = rng.pick(types);
    const method = rng.pick(APP_METHODS);
    const prefix = `github.com/acme/svc/internal/${pkg}`;
    const r = rng.next();
    let name: string;
    if (r < 0.55) name = `${prefix}.(*${type}).${method}`;
    else if (r < 0.7) name = `${prefix}.${type}.${method}`;
    else if (r < 0.82) name = `${prefix}.(*${type}).${method}.func${rng.range(1, 4)}`;
    else if (r < 0.95) name = `${prefix}.${method.charAt(0).toLowerCase()}${method.slice(1)}${type}`;
    else name = `${prefix}.${method}[go.shape.${rng.pick(['string', 'int', '*uint8', 'struct {}'])}]`;
    if (this.byName.has(name)) name = `${prefix}.(*${type}).${method}${rng.range(2, 99)}`;
    if (this.byName.has(name)) return -1;
    return this.addFn(name, `${APP_ROOT}/internal/${pkg}/${type.toLowerCase()}.go`, 'app', level);
  }

  private addLibFn(level: number): number {
    const rng = this.rng;
    const [pkg, dir, types] = LIB_PKGS[rng.skewed(LIB_PKGS.length, 1.3)];
    const type = rng.pick(types);
    const method = rng.pick(LIB_METHODS);
    const r = rng.next();
    let name: string;
    if (r < 0.6) name = `${pkg}.(*${type}).${method}`;
    else if (r < 0.75) name = `${pkg}.${type}.${method}`;
    else name = `${pkg}.${method}${type.charAt(0).toUpperCase()}${type.slice(1)}`;
    if (this.byName.has(name)) name = `${name}.func${rng.range(1, 9)}`;
    if (this.byName.has(name)) return -1;
    return this.addFn(name, `${dir}/${type.toLowerCase()}.go`, 'lib', level);
  }

  private addFn(name: string, file: string, kind: FnKind, level: number): number {
    const rng = this.rng;
    const size = 32 * rng.range(4, kind === 'runtime' ? 200 : 80);
    const f: FnDef = {
      name, file, kind, level, startLine: rng.range(20, 2400), calls: [], rtCalls: [], selfPCs: [], sizes: [],
      pc: this.textEnd, end: this.textEnd + size,
    };
    const nSizes = rng.range(1, 3);
    for (let i = 0; i < nSizes; i++) f.sizes.push(SIZE_CLASSES[rng.skewed(SIZE_CLASSES.length, 2.2)]);
    this.textEnd += size;
    this.fns.push(f);
    this.byName.set(name, this.fns.length - 1);
    return this.fns.length - 1;
  }

  /** newPC returns a fresh address inside function f (functions never run out: they overflow harmlessly). */
  private newPC(f: number): number {
    const fn = this.fns[f];
    fn.pc += 1 + this.rng.int(24);
    return fn.pc;
  }

  /** newLoc adds a location in f, sometimes inside 1-2 inlined helpers. */
  private newLoc(f: number): number {
    const rng = this.rng;
    const fn = this.fns[f];
    const lines: [number, number][] = [];
    const r = rng.next();
    const inlined = fn.kind === 'root' ? 0 : r < 0.04 ? 2 : r < 0.18 ? 1 : 0;
    const pool = fn.kind === 'runtime' ? this.rtInlinePool : this.inlinePool;
    for (let i = 0; i < inlined; i++) {
      const h = pool[rng.skewed(pool.length, 1.5)];
      if (h !== f && !lines.some(([g]) => g === h)) lines.push([h, this.fns[h].startLine + rng.range(1, 30)]);
    }
    lines.push([f, fn.startLine + rng.range(1, 250)]);
    this.locs.push({ address: this.newPC(f), lines });
    return this.locs.length - 1;
  }

  private addSite(caller: number, callee: number): number {
    this.sites.push({ loc: this.newLoc(caller), callee });
    return this.sites.length - 1;
  }

  /** wire gives f call sites into the following levels, the runtime, and rarely back up (recursion). */
  private wire(f: number, level: number): void {
    const rng = this.rng;
    if (level < this.maxLevel) {
      const n = rng.range(2, 7);
      for (let i = 0; i < n; i++) {
        const l = Math.min(this.maxLevel, level + (rng.next() < 0.8 ? 1 : 2));
        const pool = this.levels[l];
        if (pool.length === 0) continue;
        // Callees are skewed towards the first functions of a level: shared, widely called code.
        this.fns[f].calls.push(this.addSite(f, pool[rng.skewed(pool.length, 1.6)]));
      }
      if (level > 12 && rng.next() < 0.02) {
        const pool = this.levels[level - rng.range(0, 3)];
        if (pool.length) this.fns[f].calls.push(this.addSite(f, rng.pick(pool)));
      }
    }
    const nrt = rng.range(1, 3);
    for (let i = 0; i < nrt; i++) this.fns[f].rtCalls.push(this.addSite(f, rng.pick(this.rtEntryTable)));
  }

  private addSelfPCs(f: number): void {
    const fn = this.fns[f];
    if (fn.kind === 'inline') return;
    const n = fn.kind === 'runtime' ? this.rng.range(2, 6) : this.rng.range(1, 4);
    for (let i = 0; i < n; i++) fn.selfPCs.push(this.newLoc(f));
  }

  /** textLimit is the end of the generated text segment. */
  get textLimit(): number {
    return this.textEnd;
  }
}

/** CallTree is the trie of call paths grown from random walks over a Program. */
export class CallTree {
  /** Per node: parent node (-1 for the root), call site that reached it (-1 for the root), function, depth. */
  parent = new Int32Array(1 << 16);
  site = new Int32Array(1 << 16);
  fn = new Int32Array(1 << 16);
  depth = new Uint8Array(1 << 16);
  leaf = new Uint8Array(1 << 16);
  count = 0;
  private readonly children = new Map<number, number>();

  constructor(readonly prog: Program) {
    this.add(-1, -1, prog.rootFn);
  }

  private add(parent: number, site: number, fn: number): number {
    if (this.count === this.parent.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.parent = grow(this.parent);
      this.site = grow(this.site);
      this.fn = grow(this.fn);
      this.depth = grow(this.depth);
      this.leaf = grow(this.leaf);
    }
    const n = this.count++;
    this.parent[n] = parent;
    this.site[n] = site;
    this.fn[n] = fn;
    this.depth[n] = parent < 0 ? 1 : this.depth[parent] + 1;
    return n;
  }

  private child(node: number, site: number): number {
    const key = node * 4194304 + site;
    let c = this.children.get(key);
    if (c === undefined) {
      c = this.add(node, site, this.prog.sites[site].callee);
      this.children.set(key, c);
    }
    return c;
  }

  /** walk adds one random root-to-leaf path of 10-60 frames (runtime leaves may end it early). */
  walk(rng: Rng, rootPick: (rng: Rng) => number): void {
    const prog = this.prog;
    const target = 10 + Math.round(49 * Math.pow(rng.next(), 1.6));
    let node = this.child(0, prog.rootSites[rootPick(rng)]);
    while (this.depth[node] < target) {
      const fn = prog.fns[this.fn[node]];
      const remaining = target - this.depth[node];
      let sites = fn.calls;
      if (fn.kind === 'runtime' || sites.length === 0 || (remaining <= 4 && rng.next() < 0.7)) sites = fn.rtCalls;
      if (sites.length === 0) break;
      node = this.child(node, sites[rng.skewed(sites.length, 1.8)]);
    }
    this.leaf[node] = 1;
  }
}

