// Measuring one process run of the benchmark (wall time from spawn to exit, peak RSS by GNU time or
// /proc polling), summarizing several, and formatting times, sizes, ratios and tables for the report.
import { spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

/** One measured process run. */
export interface Run {
  wallMs: number;
  rssKB: number;
}

/** Summary of several runs: medians, extremes and the raw runs; failure says why a tool did not finish. */
export interface Stat {
  failure?: string;
  n: number;
  wallMs: { median: number; min: number; max: number };
  rssKB: { median: number; min: number; max: number };
  runs: Run[];
}


// ---------------------------------------------------------------------------------------------
// Measuring processes.

/** How peak RSS is measured: GNU time's %M, or polling /proc/<pid>/status VmHWM. */
export type RssMethod = 'gnu-time' | 'proc-poll';

export function detectRssMethod(): RssMethod {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
  return r.status === 0 && /^\d+\s*$/m.test(r.stderr) ? 'gnu-time' : 'proc-poll';
}

/** Reads VmHWM (peak RSS, KB) of a live process, or -1 once it is gone. */
function readHwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : -1;
  } catch {
    return -1;
  }
}

export interface Measured extends Run {
  stdoutHash?: string;
  stdoutBytes?: number;
  stdout?: string;
  stderr: string;
  code: number | null;
  signal: string | null;
}

/**
 * measure runs cmd once with the given stdout ('null' for /dev/null, 'hash' to digest it, 'text' to
 * keep it), timing wall clock from spawn to exit in this process and reading the child's peak RSS.
 */
export function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv, method: RssMethod, rssFile: string,
  out: 'null' | 'hash' | 'text'): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const devnull = out === 'null' ? fs.openSync('/dev/null', 'w') : -1;
    const full = method === 'gnu-time' ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args]] as const : [cmd, args] as const;
    const t0 = performance.now();
    const child = spawn(full[0], full[1], { env, stdio: ['ignore', out === 'null' ? devnull : 'pipe', 'pipe'] });
    let hwm = 0;
    let poll: NodeJS.Timeout | undefined;
    if (method === 'proc-poll' && child.pid) {
      const pid = child.pid;
      poll = setInterval(() => {
        const v = readHwm(pid);
        if (v > hwm) hwm = v;
      }, 5);
    }
    const hash = crypto.createHash('sha256');
    let bytes = 0;
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => {
      bytes += d.length;
      if (out === 'hash') hash.update(d);
      else chunks.push(d);
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      if (stderr.length < 1 << 16) stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0;
      if (poll) clearInterval(poll);
      if (devnull >= 0) fs.closeSync(devnull);
      let rssKB = hwm;
      if (method === 'gnu-time') {
        // A child killed by a signal makes GNU time write a note line before %M.
        const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n');
        rssKB = Number(lines[lines.length - 1]);
        const sig = /terminated by signal (\d+)/.exec(lines[0]);
        if (sig && code === 0) code = 128 + Number(sig[1]);
      }
      resolve({
        wallMs, rssKB, stderr, code, signal,
        ...(out === 'hash' ? { stdoutHash: hash.digest('hex'), stdoutBytes: bytes } : {}),
        ...(out === 'text' ? { stdout: Buffer.concat(chunks).toString() } : {}),
      });
    });
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function summarize(runs: Run[], failure?: string): Stat {
  const w = runs.map((r) => r.wallMs);
  const m = runs.map((r) => r.rssKB);
  return {
    ...(failure ? { failure } : {}),
    n: runs.length,
    wallMs: { median: median(w), min: Math.min(...w), max: Math.max(...w) },
    rssKB: { median: median(m), min: Math.min(...m), max: Math.max(...m) },
    runs,
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting.

export function fmtMs(ms: number): string {
  if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${Math.round(ms)} ms`;
}

export function fmtMB(kb: number): string {
  return `${(kb / 1024).toFixed(kb >= 102400 ? 0 : 1)} MB`;
}

export function fmtRatio(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return '-';
  return r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toFixed(3);
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

export function wallCell(s: Stat): string {
  if (s.n === 0) return s.failure ?? '-';
  if (s.failure) return `FAILED ${s.failure}`;
  return s.n > 1 ? `${fmtMs(s.wallMs.median)} [${fmtMs(s.wallMs.min)}..${fmtMs(s.wallMs.max)}] n=${s.n}` : `${fmtMs(s.wallMs.median)} n=1`;
}

export function rssCell(s: Stat): string {
  if (s.n === 0) return '-';
  if (s.failure) return `${fmtMB(s.rssKB.max)} at failure`;
  return s.n > 1 ? `${fmtMB(s.rssKB.median)} [${fmtMB(s.rssKB.min)}..${fmtMB(s.rssKB.max)}]` : fmtMB(s.rssKB.median);
}

/** failureOf says why a run failed, in a few words (exit status and the telling line of stderr), or undefined when it did not. */
export function failureOf(m: Measured): string | undefined {
  if (m.code === 0 && m.signal === null) return undefined;
  const why = m.stderr.split('\n').find((l) => /out of memory|fatal|panic|error/i.test(l)) ?? m.stderr.split('\n')[0];
  return `(exit ${m.code ?? m.signal}${why ? `: ${why.trim().slice(0, 80)}` : ''})`;
}
