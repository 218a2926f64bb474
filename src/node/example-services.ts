// Building and starting the example services of examples/ (Go, standard
// library only) for `gotune demo`, tests, benchmarks and `npm run example`: one `go build`
// of every example into a cache keyed by the sources, then a process per
// service on free ports of 127.0.0.1, whose URLs it prints on start-up.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { packageRoot } from './package-root.js';

/** EXAMPLES lists the example services with the bottleneck each reproduces. */
export const EXAMPLES: Record<string, string> = {
  'slow-cpu': 'CPU: hashing with fmt and string building by += in a loop',
  'leaky-cache': 'memory: a cache that never evicts, plus heavy short-lived allocation',
  'goroutine-leak': 'goroutines: one leaked per request (unbuffered reply channel)',
  'lock-contention': 'a global mutex held across the whole request',
  'slow-consumer': 'a single slow consumer behind an unbuffered channel',
  'slow-io': 'slow I/O: sequential calls to a slow downstream, no keep-alive',
  hello: 'a trivial endpoint, for measuring the load generator itself',
};

/** goMissing says why examples cannot be built here, or null when Go is available. */
export function goMissing(): string | null {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? 'go is not on PATH, so the example services cannot be built' : null;
}

function sourcesHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.go') || name === 'go.mod') h.update(relative(dir, p)).update(readFileSync(p));
    }
  };
  walk(dir);
  h.update(spawnSync('go', ['version'], { encoding: 'utf8' }).stdout ?? '');
  return h.digest('hex').slice(0, 16);
}

let built: string | null = null;

/**
 * buildExamples compiles every example once (cached by a hash of the
 * sources and the Go version under $GOTUNE_CACHE or the temporary folder)
 * and returns the directory holding the binaries. Throws with go's output
 * when the build fails.
 */
export function buildExamples(): string {
  if (built && existsSync(join(built, 'hello'))) return built;
  const src = join(packageRoot(), 'examples');
  const cache = process.env.GOTUNE_CACHE ?? join(tmpdir(), 'gotune-examples');
  const out = join(cache, sourcesHash(src));
  if (existsSync(join(out, 'hello'))) return (built = out);
  mkdirSync(cache, { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  const r = spawnSync('go', ['build', '-o', tmp + '/', './...'], { cwd: src, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`go build in examples/ failed: ${r.error?.message ?? r.stderr}`);
  try {
    renameSync(tmp, out);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process built it first
  }
  return (built = out);
}

/** RunningExample is a started example service. */
export interface RunningExample {
  name: string;
  fixed: boolean;
  /** e.g. http://127.0.0.1:41234 */
  service: string;
  /** The URL to load, e.g. http://127.0.0.1:41234/work?iters=2000 */
  target: string;
  /** e.g. http://127.0.0.1:41235 (its /debug/pprof/ is below) */
  pprof: string;
  process: ChildProcess;
  /** stop ends the service (SIGTERM, then SIGKILL after 2 s) and waits for it. */
  stop(): Promise<void>;
}

/**
 * startExample starts one example on free ports (its flags -addr and
 * -pprof default to 127.0.0.1:0) and resolves once it printed its URLs.
 */
export function startExample(name: string, opts: { fixed?: boolean; args?: string[]; binDir?: string } = {}): Promise<RunningExample> {
  if (!(name in EXAMPLES)) return Promise.reject(new Error(`unknown example "${name}": want one of ${Object.keys(EXAMPLES).join(', ')}`));
  const bin = join(opts.binDir ?? buildExamples(), name);
  const args = [...(opts.fixed ? ['-fixed'] : []), ...(opts.args ?? [])];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const seen: Record<string, string> = {};
    const lines = createInterface({ input: child.stdout! });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    const fail = (why: string) => reject(new Error(`${name}: ${why}`));
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code) => { if (!('ready' in seen)) fail(`exited with status ${code} before it was ready`); });
    lines.on('line', (line) => {
      const [key, value] = line.split(' ', 2);
      seen[key] = value ?? '';
      if (key !== 'ready') return;
      lines.removeAllListeners('line');
      child.stdout!.resume();
      resolve({
        name, fixed: !!opts.fixed, service: seen.service, target: seen.target, pprof: seen.pprof, process: child,
        async stop() {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 2000);
          await exited;
          clearTimeout(t);
        },
      });
    });
  });
}
