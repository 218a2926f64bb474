// Generates large, realistic Go-like CPU, CPU-base and heap profiles for the benchmark and caches them
// under bench/out/; built with gotune's ProfileBuilder and encoder from a seeded random call tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { ProfileBuilder, type LabelsInit } from '../src/profile/builder.js';
import { encodeProfile } from '../src/profile/encode.js';
import type { Func, Line, Mapping } from '../src/profile/types.js';

/** GEN_VERSION changes whenever the generator's output changes, so that cached files are rebuilt. */
export const GEN_VERSION = 5;

/** The directory holding generated profiles and results (git-ignored). */
export const OUT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'out');

// ---------------------------------------------------------------------------------------------
// Seeded randomness.

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

// ---------------------------------------------------------------------------------------------
// The static program: functions, their call sites and their "self" program counters.

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

const STD_ROOT = '/usr/local/go/src';
const MOD_ROOT = '/home/ci/go/pkg/mod';
const APP_ROOT = '/home/ci/work/svc';

const APP_PKGS = ['orders', 'billing', 'catalog', 'inventory', 'auth', 'session', 'search', 'pricing', 'shipping',
  'users', 'ledger', 'events', 'notify', 'reports', 'storage', 'cache', 'ratelimit', 'flags', 'geo', 'audit',
  'payments', 'tax', 'fraud', 'recommend', 'media', 'export', 'importer', 'tenancy', 'quota', 'metrics'];
const APP_TYPES = ['Service', 'Repository', 'Handler', 'Store', 'Client', 'Cache', 'Encoder', 'Decoder', 'Validator',
  'Builder', 'Index', 'Manager', 'Resolver', 'Processor', 'Queue', 'Batch', 'Cursor', 'Registry', 'Planner',
  'Aggregator', 'Loader', 'Writer', 'Reader', 'Matcher', 'Scheduler'];
const APP_METHODS = ['Get', 'List', 'Create', 'Update', 'Delete', 'Load', 'Save', 'Find', 'FindByID', 'Validate',
  'Encode', 'Decode', 'Process', 'Handle', 'Apply', 'Compute', 'Resolve', 'Build', 'Flush', 'Scan', 'Merge',
  'Filter', 'Sort', 'Lookup', 'Refresh', 'Marshal', 'Unmarshal', 'Query', 'Exec', 'Normalize', 'Collect',
  'Prepare', 'Commit', 'Rollback', 'Split', 'Join', 'Render', 'Serialize', 'Hydrate', 'Enrich', 'Dispatch'];
const HELPERS = ['len', 'isValid', 'key', 'reset', 'grow', 'next', 'peek', 'hash', 'index', 'at', 'clone', 'empty'];

/** Library packages: import path, where its sources live, and a few real type names. */
const LIB_PKGS: [string, string, string[]][] = [
  ['encoding/json', `${STD_ROOT}/encoding/json`, ['encodeState', 'decodeState', 'Decoder', 'scanner', 'structEncoder', 'mapEncoder']],
  ['encoding/binary', `${STD_ROOT}/encoding/binary`, ['bigEndian', 'littleEndian', 'encoder']],
  ['net/http', `${STD_ROOT}/net/http`, ['Request', 'response', 'Transport', 'persistConn', 'body', 'Header']],
  ['net/url', `${STD_ROOT}/net/url`, ['URL', 'Values']],
  ['net/textproto', `${STD_ROOT}/net/textproto`, ['Reader', 'MIMEHeader']],
  ['bufio', `${STD_ROOT}/bufio`, ['Reader', 'Writer', 'Scanner']],
  ['bytes', `${STD_ROOT}/bytes`, ['Buffer', 'Reader']],
  ['strings', `${STD_ROOT}/strings`, ['Builder', 'Reader', 'Replacer']],
  ['strconv', `${STD_ROOT}/strconv`, ['decimal', 'extFloat']],
  ['fmt', `${STD_ROOT}/fmt`, ['pp', 'fmt', 'ss']],
  ['sort', `${STD_ROOT}/sort`, ['IntSlice', 'StringSlice']],
  ['slices', `${STD_ROOT}/slices`, ['Sorter']],
  ['reflect', `${STD_ROOT}/reflect`, ['Value', 'rtype', 'MapIter']],
  ['context', `${STD_ROOT}/context`, ['cancelCtx', 'valueCtx', 'timerCtx']],
  ['time', `${STD_ROOT}/time`, ['Time', 'Timer', 'Location']],
  ['io', `${STD_ROOT}/io`, ['LimitedReader', 'multiReader', 'pipe']],
  ['net', `${STD_ROOT}/net`, ['conn', 'netFD', 'TCPConn', 'Resolver']],
  ['crypto/tls', `${STD_ROOT}/crypto/tls`, ['Conn', 'halfConn', 'Config']],
  ['crypto/sha256', `${STD_ROOT}/crypto/sha256`, ['digest']],
  ['crypto/cipher', `${STD_ROOT}/crypto/cipher`, ['gcmAble', 'ctr']],
  ['compress/flate', `${STD_ROOT}/compress/flate`, ['compressor', 'decompressor', 'huffmanBitWriter']],
  ['compress/gzip', `${STD_ROOT}/compress/gzip`, ['Reader', 'Writer']],
  ['hash/crc32', `${STD_ROOT}/hash/crc32`, ['digest']],
  ['regexp', `${STD_ROOT}/regexp`, ['Regexp', 'machine', 'bitState']],
  ['text/template', `${STD_ROOT}/text/template`, ['state', 'Template']],
  ['log/slog', `${STD_ROOT}/log/slog`, ['Logger', 'handleState', 'JSONHandler']],
  ['database/sql', `${STD_ROOT}/database/sql`, ['DB', 'Rows', 'Stmt', 'Tx', 'driverConn']],
  ['math/big', `${STD_ROOT}/math/big`, ['Int', 'nat', 'Float']],
  ['google.golang.org/protobuf/proto', `${MOD_ROOT}/google.golang.org/protobuf@v1.34.2/proto`, ['MarshalOptions', 'UnmarshalOptions']],
  ['google.golang.org/protobuf/internal/impl', `${MOD_ROOT}/google.golang.org/protobuf@v1.34.2/internal/impl`, ['MessageInfo', 'messageState', 'coderFieldInfo']],
  ['google.golang.org/grpc/internal/transport', `${MOD_ROOT}/google.golang.org/grpc@v1.65.0/internal/transport`, ['http2Server', 'controlBuffer', 'loopyWriter', 'Stream']],
  ['golang.org/x/net/http2', `${MOD_ROOT}/golang.org/x/net@v0.27.0/http2`, ['Framer', 'serverConn', 'ClientConn']],
  ['github.com/jackc/pgx/v5/pgconn', `${MOD_ROOT}/github.com/jackc/pgx/v5@v5.6.0/pgconn`, ['PgConn', 'ResultReader', 'MultiResultReader']],
  ['github.com/jackc/pgx/v5/pgproto3', `${MOD_ROOT}/github.com/jackc/pgx/v5@v5.6.0/pgproto3`, ['Frontend', 'DataRow', 'chunkReader']],
  ['github.com/redis/go-redis/v9', `${MOD_ROOT}/github.com/redis/go-redis/v9@v9.5.3`, ['baseClient', 'Client', 'cmdable']],
  ['go.uber.org/zap/zapcore', `${MOD_ROOT}/go.uber.org/zap@v1.27.0/zapcore`, ['jsonEncoder', 'ioCore', 'CheckedEntry']],
  ['github.com/prometheus/client_golang/prometheus', `${MOD_ROOT}/github.com/prometheus/client_golang@v1.19.1/prometheus`, ['histogram', 'counter', 'MetricVec']],
  ['github.com/klauspost/compress/zstd', `${MOD_ROOT}/github.com/klauspost/compress@v1.17.9/zstd`, ['Decoder', 'blockDec', 'fastEncoder']],
];
const LIB_METHODS = ['Read', 'Write', 'ReadByte', 'WriteString', 'Flush', 'Next', 'Scan', 'Encode', 'Decode', 'Marshal',
  'Unmarshal', 'Close', 'Reset', 'Len', 'Parse', 'Format', 'Append', 'Get', 'Set', 'Do', 'Exec', 'Query', 'Sum',
  'Seal', 'Open', 'Compare', 'Execute', 'Handle', 'value', 'literalStore', 'object', 'array', 'step', 'fill',
  'readFull', 'writeBlock', 'compress', 'inflate', 'match', 'backtrack', 'walk', 'emit', 'appendQuoted'];

/** Hand-written runtime call graph: name, file, callees (runtime functions end most stacks). */
const RUNTIME: [string, string, string[]][] = [
  ['runtime.mallocgc', 'malloc.go', ['runtime.(*mcache).nextFree', 'runtime.memclrNoHeapPointers', 'runtime.gcAssistAlloc', 'runtime.heapSetType']],
  ['runtime.newobject', 'malloc.go', ['runtime.mallocgc']],
  ['runtime.makeslice', 'slice.go', ['runtime.mallocgc']],
  ['runtime.growslice', 'slice.go', ['runtime.mallocgc', 'runtime.memmove']],
  ['runtime.(*mcache).nextFree', 'malloc.go', ['runtime.(*mcache).refill']],
  ['runtime.(*mcache).refill', 'mcache.go', ['runtime.(*mcentral).cacheSpan']],
  ['runtime.(*mcentral).cacheSpan', 'mcentral.go', ['runtime.(*mcentral).grow', 'runtime.lock2']],
  ['runtime.(*mcentral).grow', 'mcentral.go', ['runtime.(*mheap).alloc']],
  ['runtime.(*mheap).alloc', 'mheap.go', ['runtime.systemstack']],
  ['runtime.gcAssistAlloc', 'mgcmark.go', ['runtime.systemstack']],
  ['runtime.systemstack', 'asm_amd64.s', ['runtime.gcAssistAlloc.func1', 'runtime.(*mheap).alloc.func1']],
  ['runtime.gcAssistAlloc.func1', 'mgcmark.go', ['runtime.gcAssistAlloc1']],
  ['runtime.gcAssistAlloc1', 'mgcmark.go', ['runtime.gcDrainN']],
  ['runtime.gcDrainN', 'mgcmark.go', ['runtime.scanobject']],
  ['runtime.scanobject', 'mgcmark.go', ['runtime.greyobject', 'runtime.findObject']],
  ['runtime.(*mheap).alloc.func1', 'mheap.go', ['runtime.(*mheap).allocSpan']],
  ['runtime.(*mheap).allocSpan', 'mheap.go', []],
  ['runtime.greyobject', 'mgcmark.go', []],
  ['runtime.findObject', 'mbitmap.go', []],
  ['runtime.heapSetType', 'mbitmap.go', []],
  ['runtime.memclrNoHeapPointers', 'memclr_amd64.s', []],
  ['runtime.memmove', 'memmove_amd64.s', []],
  ['runtime.lock2', 'lock_futex.go', ['runtime.futexsleep']],
  ['runtime.futexsleep', 'os_linux.go', ['runtime.futex']],
  ['runtime.futex', 'sys_linux_amd64.s', []],
  ['runtime.mapaccess2_faststr', 'map_faststr.go', ['runtime.memequal', 'runtime.aeshashbody']],
  ['runtime.mapaccess1', 'map.go', ['runtime.memequal', 'runtime.aeshashbody']],
  ['runtime.mapassign_faststr', 'map_faststr.go', ['runtime.growWork_faststr', 'runtime.hashGrow', 'runtime.newobject']],
  ['runtime.growWork_faststr', 'map_faststr.go', ['runtime.evacuate_faststr']],
  ['runtime.evacuate_faststr', 'map_faststr.go', ['runtime.typedmemmove']],
  ['runtime.hashGrow', 'map.go', ['runtime.makeBucketArray']],
  ['runtime.makeBucketArray', 'map.go', ['runtime.newarray']],
  ['runtime.newarray', 'malloc.go', ['runtime.mallocgc']],
  ['runtime.memequal', 'memequal_amd64.s', []],
  ['runtime.aeshashbody', 'asm_amd64.s', []],
  ['runtime.typedmemmove', 'mbarrier.go', ['runtime.memmove', 'runtime.bulkBarrierPreWrite']],
  ['runtime.bulkBarrierPreWrite', 'mbitmap.go', ['runtime.wbBufFlush']],
  ['runtime.wbBufFlush', 'mwbbuf.go', []],
  ['runtime.concatstrings', 'string.go', ['runtime.rawstringtmp']],
  ['runtime.rawstringtmp', 'string.go', ['runtime.rawstring']],
  ['runtime.rawstring', 'string.go', ['runtime.mallocgc']],
  ['runtime.slicebytetostring', 'string.go', ['runtime.mallocgc', 'runtime.memmove']],
  ['runtime.convTstring', 'iface.go', ['runtime.mallocgc']],
  ['runtime.assertE2I2', 'iface.go', ['runtime.getitab']],
  ['runtime.getitab', 'iface.go', []],
  ['runtime.chansend1', 'chan.go', ['runtime.chansend']],
  ['runtime.chansend', 'chan.go', ['runtime.lock2', 'runtime.send', 'runtime.gopark']],
  ['runtime.send', 'chan.go', ['runtime.goready']],
  ['runtime.goready', 'proc.go', ['runtime.systemstack']],
  ['runtime.chanrecv1', 'chan.go', ['runtime.chanrecv']],
  ['runtime.chanrecv', 'chan.go', ['runtime.lock2', 'runtime.gopark']],
  ['runtime.selectgo', 'select.go', ['runtime.sellock', 'runtime.gopark']],
  ['runtime.sellock', 'select.go', ['runtime.lock2']],
  ['runtime.gopark', 'proc.go', ['runtime.mcall']],
  ['runtime.mcall', 'asm_amd64.s', ['runtime.park_m']],
  ['runtime.park_m', 'proc.go', ['runtime.schedule']],
  ['runtime.schedule', 'proc.go', ['runtime.findRunnable']],
  ['runtime.findRunnable', 'proc.go', ['runtime.netpoll', 'runtime.stealWork', 'runtime.stopm']],
  ['runtime.netpoll', 'netpoll_epoll.go', ['internal/runtime/syscall.EpollWait']],
  ['internal/runtime/syscall.EpollWait', 'syscall_linux.go', ['internal/runtime/syscall.Syscall6']],
  ['runtime.stealWork', 'proc.go', ['runtime.runqsteal']],
  ['runtime.runqsteal', 'proc.go', []],
  ['runtime.stopm', 'proc.go', ['runtime.mPark']],
  ['runtime.mPark', 'proc.go', ['runtime.notesleep']],
  ['runtime.notesleep', 'lock_futex.go', ['runtime.futexsleep']],
  ['sync.(*Mutex).Lock', 'sync/mutex.go', ['sync.(*Mutex).lockSlow']],
  ['sync.(*Mutex).lockSlow', 'sync/mutex.go', ['sync.runtime_SemacquireMutex']],
  ['sync.runtime_SemacquireMutex', 'sema.go', ['runtime.semacquire1']],
  ['runtime.semacquire1', 'sema.go', ['runtime.goparkunlock']],
  ['runtime.goparkunlock', 'proc.go', ['runtime.gopark']],
  ['sync.(*Mutex).Unlock', 'sync/mutex.go', ['sync.(*Mutex).unlockSlow']],
  ['sync.(*Mutex).unlockSlow', 'sync/mutex.go', ['sync.runtime_Semrelease']],
  ['sync.runtime_Semrelease', 'sema.go', ['runtime.semrelease1']],
  ['runtime.semrelease1', 'sema.go', ['runtime.readyWithTime']],
  ['runtime.readyWithTime', 'sema.go', ['runtime.goready']],
  ['internal/poll.(*FD).Read', 'internal/poll/fd_unix.go', ['syscall.Read', 'internal/poll.(*pollDesc).waitRead']],
  ['internal/poll.(*FD).Write', 'internal/poll/fd_unix.go', ['syscall.Write']],
  ['internal/poll.(*pollDesc).waitRead', 'internal/poll/fd_poll_runtime.go', ['internal/poll.runtime_pollWait']],
  ['internal/poll.runtime_pollWait', 'netpoll.go', ['runtime.gopark']],
  ['syscall.Read', 'syscall/syscall_unix.go', ['syscall.read']],
  ['syscall.read', 'syscall/zsyscall_linux_amd64.go', ['syscall.Syscall']],
  ['syscall.Write', 'syscall/syscall_unix.go', ['syscall.write']],
  ['syscall.write', 'syscall/zsyscall_linux_amd64.go', ['syscall.Syscall']],
  ['syscall.Syscall', 'syscall/syscall_linux.go', ['runtime.entersyscall', 'runtime.exitsyscall', 'internal/runtime/syscall.Syscall6']],
  ['runtime.entersyscall', 'proc.go', []],
  ['runtime.exitsyscall', 'proc.go', []],
  ['internal/runtime/syscall.Syscall6', 'internal/runtime/syscall/asm_linux_amd64.s', []],
  ['time.Now', 'time/time.go', ['runtime.nanotime1', 'runtime.walltime']],
  ['runtime.nanotime1', 'sys_linux_amd64.s', []],
  ['runtime.walltime', 'sys_linux_amd64.s', []],
  ['runtime.morestack', 'asm_amd64.s', ['runtime.newstack']],
  ['runtime.newstack', 'stack.go', ['runtime.copystack']],
  ['runtime.copystack', 'stack.go', ['runtime.memmove']],
];
/** Runtime functions that ordinary code calls, with relative call frequencies. */
const RUNTIME_ENTRIES: [string, number][] = [
  ['runtime.newobject', 10], ['runtime.makeslice', 6], ['runtime.growslice', 8], ['runtime.mapaccess2_faststr', 6],
  ['runtime.mapaccess1', 3], ['runtime.mapassign_faststr', 4], ['runtime.concatstrings', 2],
  ['runtime.slicebytetostring', 4], ['runtime.convTstring', 2], ['runtime.memmove', 5], ['runtime.typedmemmove', 2],
  ['runtime.assertE2I2', 1], ['runtime.chansend1', 1], ['runtime.chanrecv1', 1], ['runtime.selectgo', 2],
  ['sync.(*Mutex).Lock', 3], ['sync.(*Mutex).Unlock', 2], ['internal/poll.(*FD).Read', 2],
  ['internal/poll.(*FD).Write', 2], ['time.Now', 2], ['runtime.morestack', 1],
];
/** Small runtime functions that the compiler inlines into runtime callers. */
const RUNTIME_INLINES: [string, string][] = [
  ['runtime.nextFreeFast', 'runtime/malloc.go'], ['runtime.(*mspan).base', 'runtime/mheap.go'],
  ['runtime.add', 'runtime/stubs.go'], ['runtime.heapBitsInSpan', 'runtime/mbitmap.go'],
  ['runtime.(*gcBits).bitp', 'runtime/mheap.go'], ['runtime.readUintptr', 'runtime/mbitmap.go'],
];
/** Small library functions that the compiler inlines into ordinary callers. */
const STD_INLINES: [string, string][] = [
  ['strings.IndexByte', 'strings/strings.go'], ['bytes.(*Buffer).Len', 'bytes/buffer.go'],
  ['sync/atomic.(*Int64).Add', 'sync/atomic/type.go'], ['encoding/binary.bigEndian.Uint32', 'encoding/binary/binary.go'],
  ['unicode/utf8.DecodeRuneInString', 'unicode/utf8/utf8.go'], ['strconv.formatBits', 'strconv/itoa.go'],
  ['math/bits.TrailingZeros64', 'math/bits/bits.go'], ['sync.(*RWMutex).RLock', 'sync/rwmutex.go'],
  ['time.Time.Sub', 'time/time.go'], ['context.(*valueCtx).Value', 'context/context.go'],
];
/** Goroutine entry chains below runtime.goexit, with relative weights. */
const ENTRY_CHAINS: [string[], number][] = [
  [['net/http.(*conn).serve', 'net/http.serverHandler.ServeHTTP', 'net/http.(*ServeMux).ServeHTTP',
    'net/http.HandlerFunc.ServeHTTP', 'github.com/acme/svc/internal/middleware.Logging.func1',
    'net/http.HandlerFunc.ServeHTTP', 'github.com/acme/svc/internal/middleware.Auth.func1'], 45],
  [['google.golang.org/grpc.(*Server).serveStreams.func2.1', 'google.golang.org/grpc.(*Server).handleStream',
    'google.golang.org/grpc.(*Server).processUnaryRPC', 'github.com/acme/svc/api/ordersv1._OrderService_GetOrder_Handler',
    'google.golang.org/grpc.chainUnaryInterceptors.func1'], 30],
  [['github.com/acme/svc/internal/worker.(*Pool).Start.func1', 'github.com/acme/svc/internal/worker.(*Pool).process'], 15],
  [['github.com/acme/svc/internal/cache.(*Refresher).loop', 'github.com/acme/svc/internal/cache.(*Refresher).refresh'], 6],
  [['github.com/jackc/pgx/v5/pgxpool.(*Pool).backgroundHealthCheck', 'github.com/jackc/pgx/v5/pgxpool.(*Pool).checkHealth'], 4],
];
/** Go's small size classes (bytes), used for heap samples. */
const SIZE_CLASSES = [8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
  352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688,
  3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568,
  14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768, 65536, 131072, 1048576];

/** Program is the static call graph of a made-up Go service. */
class Program {
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

// ---------------------------------------------------------------------------------------------
// The dynamic call tree: a trie of call paths, grown from random walks over the program.

class CallTree {
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
