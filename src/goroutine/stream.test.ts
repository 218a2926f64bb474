// A dump of a million goroutines, generated on the fly (about 250 MB of
// text, never held whole), parsed and grouped in a child process with a
// capped heap; the child reports time and peak memory, the test bounds them.
// Run as `GOTUNE_STREAM_CHILD=N node dist/src/goroutine/stream.test.js`, it is the child.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { analyzeDump } from './analyze.js';

const STATES = ['chan receive', 'select', 'IO wait', 'sync.Mutex.Lock', 'sleep', 'semacquire', 'chan send'];
const WORKERS = 12;
const CREATORS = 3;

/** goroutineText is goroutine i of the synthetic dump: 12 × 3 distinct stacks. */
function goroutineText(i: number): string {
  const w = i % WORKERS;
  const c = Math.floor(i / WORKERS) % CREATORS;
  const state = STATES[i % STATES.length];
  const wait = i % 5 === 0 ? '' : `, ${i % 97} minutes`;
  const labels = i % 10 === 0 ? ` labels:{"shard": "${i % 4}"}` : '';
  return `goroutine ${i + 1} [${state}${wait}${labels}]:\n` +
    `main.worker${w}(0xc000${(i & 0xffff).toString(16).padStart(6, '0')}, 0x${(i % 7).toString(16)})\n` +
    `\t/srv/app/worker.go:${100 + w} +0x1d\n` +
    `main.loop(...)\n\t/srv/app/loop.go:42\n` +
    `main.run(0xc00001c0c0?)\n\t/srv/app/run.go:17 +0x6b\n` +
    `created by main.pool${c} in goroutine 1\n\t/srv/app/pool.go:${40 + c} +0x55\n\n`;
}

/** chunks yields the dump of n goroutines in pieces of about 64 KiB, cut mid-line. */
async function* chunks(n: number): AsyncGenerator<string> {
  let buf = '';
  let carry = '';
  for (let i = 0; i < n; i++) {
    buf += goroutineText(i);
    if (buf.length >= 65536) {
      // Cut at an odd place so that lines straddle chunks.
      const cut = buf.length - 37;
      yield carry + buf.slice(0, cut);
      carry = buf.slice(cut);
      buf = '';
    }
  }
  yield carry + buf;
}

interface ChildReport {
  goroutines: number;
  groups: number;
  bytes: number;
  /** Wall time and CPU time (the machine may be shared: CPU time is the steadier figure). */
  ms: number;
  cpuMs: number;
  baseHeapMB: number;
  peakHeapMB: number;
  maxRssMB: number;
  warnings: string[];
}

async function child(n: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let bytes = 0;
  let k = 0;
  const measured = async function* (): AsyncGenerator<string> {
    for await (const c of chunks(n)) {
      bytes += c.length;
      if ((k++ & 15) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
      yield c;
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const a = await analyzeDump(measured(), { mode: 'loose' });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const report: ChildReport = {
    goroutines: a.total, groups: a.groups.length, bytes, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    baseHeapMB: +(base / 2 ** 20).toFixed(1), peakHeapMB: +(peak / 2 ** 20).toFixed(1),
    maxRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1), warnings: a.info.warnings,
  };
  process.stdout.write(JSON.stringify(report));
}

const childN = Number(process.env.GOTUNE_STREAM_CHILD ?? 0);
if (childN > 0) {
  await child(childN);
} else {
  test('a dump of 1M goroutines streams in bounded memory', () => {
    const n = 1_000_000;
    // The heap cap is the hard bound: the text alone is ~250 MB, so holding
    // it (or all goroutines) would crash the child.
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=96', fileURLToPath(import.meta.url)], {
      env: { ...process.env, GOTUNE_STREAM_CHILD: String(n) },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `child failed (${r.signal ?? r.status}): ${r.stderr.slice(0, 2000)}`);
    const rep = JSON.parse(r.stdout) as ChildReport;
    assert.equal(rep.goroutines, n);
    assert.equal(rep.groups, WORKERS * CREATORS);
    assert.deepEqual(rep.warnings, []);
    assert.ok(rep.bytes > 200e6, `only ${rep.bytes} bytes of dump`);
    assert.ok(rep.peakHeapMB - rep.baseHeapMB < 64, `heap grew by ${rep.peakHeapMB - rep.baseHeapMB} MB`);
    assert.ok(rep.maxRssMB < 300, `max RSS ${rep.maxRssMB} MB`);
    console.log(`# 1M goroutines: ${(rep.bytes / 1e6).toFixed(0)} MB of dump in ${(rep.ms / 1000).toFixed(1)} s ` +
      `(CPU ${(rep.cpuMs / 1000).toFixed(1)} s, generating the text included); ` +
      `heap ${rep.baseHeapMB} MB -> peak ${rep.peakHeapMB} MB; max RSS ${rep.maxRssMB} MB`);
  });
}
