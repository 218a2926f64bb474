// `npm run bench:loadgen`: is gotune's load generator the bottleneck, and
// do its percentiles agree with established tools? Against the same
// trivial Go endpoint (examples/hello) on this machine it runs
// `gotune measure` (closed loop, no profiles), wrk and hey (when installed:
// `apt-get install wrk hey`) in alternating rounds with the same
// connections and duration, and prints each tool's median throughput and
// latency percentiles with gotune's ratio to wrk (else hey).
// Flags: --rounds N (3), --duration S (10), --connections N (16).
// Results also go to bench/out/loadgen.json.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goMissing, startExample } from '../src/node/example-services.js';
import type { RunJson } from '../src/run/run-json.js';

/** Figures of one tool in one round: requests/s and latency percentiles in µs. */
interface Figures {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const cliChild = join(here, '..', 'src', 'cli', 'bin.js');

function flag(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d));
    c.stderr.on('data', (d: Buffer) => (stderr += d));
    c.on('error', (e) => resolve({ code: -1, stdout, stderr: String(e) }));
    c.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

// "1.23ms", "456.00us", "2.01s" → µs
function wrkMicros(s: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(s.trim());
  if (!m) throw new Error(`cannot read wrk latency "${s}"`);
  return Number(m[1]) * { us: 1, ms: 1000, s: 1e6 }[m[2] as 'us' | 'ms' | 's'];
}

async function gotune(url: string, seconds: number, conns: number, work: string): Promise<Figures> {
  const out = mkdtempSync(join(work, 'run-'));
  rmSync(out, { recursive: true });
  const r = await run(process.execPath, [cliChild, 'measure', '--target', url, '--duration', `${seconds}s`, '--warmup', '1s',
    '-c', String(conns), '--out', out]);
  if (r.code !== 0) throw new Error(`gotune measure failed: ${r.stderr}`);
  const k = (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunJson).repetitions[0].kpis.load;
  return { rps: k.throughputRps, p50: k.latencyUs.p50, p90: k.latencyUs.p90, p99: k.latencyUs.p99 };
}

async function wrk(url: string, seconds: number, conns: number): Promise<Figures> {
  await run('wrk', ['-t1', `-c${conns}`, '-d1s', url]); // warm-up, as gotune's
  const r = await run('wrk', ['-t1', `-c${conns}`, `-d${seconds}s`, '--latency', url]);
  if (r.code !== 0) throw new Error(`wrk failed: ${r.stderr}`);
  const pct = (p: string) => wrkMicros(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(r.stdout)![1]);
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)![1]), p50: pct('50'), p90: pct('90'), p99: pct('99') };
}

async function hey(url: string, seconds: number, conns: number): Promise<Figures> {
  await run('hey', ['-z', '1s', '-c', String(conns), url]);
  const r = await run('hey', ['-z', `${seconds}s`, '-c', String(conns), url]);
  if (r.code !== 0) throw new Error(`hey failed: ${r.stderr}`);
  const pct = (p: string) => Number(new RegExp(`^\\s+${p}% in ([\\d.]+) secs`, 'm').exec(r.stdout)![1]) * 1e6;
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(r.stdout)![1]), p50: pct('50'), p90: pct('90'), p99: pct('99') };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

async function main(): Promise<number> {
  const missing = goMissing();
  if (missing) {
    console.error(`bench:loadgen: ${missing}`);
    return 1;
  }
  const rounds = flag('rounds', 3), seconds = flag('duration', 10), conns = flag('connections', 16);
  const tools: [string, (u: string) => Promise<Figures>][] = [];
  const work = mkdtempSync(join(tmpdir(), 'gotune-loadgen-'));
  tools.push(['gotune', (u) => gotune(u, seconds, conns, work)]);
  if (has('wrk')) tools.push(['wrk', (u) => wrk(u, seconds, conns)]);
  else console.error('wrk is not installed (apt-get install wrk): skipped');
  if (has('hey')) tools.push(['hey', (u) => hey(u, seconds, conns)]);
  else console.error('hey is not installed (apt-get install hey): skipped');
  const svc = await startExample('hello');
  const results: Record<string, Figures[]> = Object.fromEntries(tools.map(([n]) => [n, []]));
  try {
    console.error(`examples/hello at ${svc.target}; ${rounds} rounds × ${tools.length} tools × ${seconds}s, ${conns} connections, ${cpus().length} cores shared`);
    for (let r = 0; r < rounds; r++) {
      // Alternate the order so that no tool always runs on a warmer or cooler machine.
      const order = r % 2 === 0 ? tools : [...tools].reverse();
      for (const [name, f] of order) {
        const fig = await f(svc.target);
        results[name].push(fig);
        console.error(`round ${r + 1} ${name.padEnd(6)} ${Math.round(fig.rps)} req/s  p50 ${fig.p50}µs  p90 ${fig.p90}µs  p99 ${fig.p99}µs`);
      }
    }
  } finally {
    await svc.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const med = Object.fromEntries(Object.entries(results).map(([n, fs]) => [n, {
    rps: Math.round(median(fs.map((f) => f.rps))), p50: Math.round(median(fs.map((f) => f.p50))),
    p90: Math.round(median(fs.map((f) => f.p90))), p99: Math.round(median(fs.map((f) => f.p99))),
  }])) as Record<string, Figures>;
  const ref = med.wrk ? 'wrk' : med.hey ? 'hey' : null;
  const lines = [`Load generators against examples/hello (GET /hello), ${conns} connections, ${seconds}s, median of ${rounds} rounds;`,
    `the service and the load generator share this machine's ${cpus().length} cores.`, '',
    'TOOL      REQ/S      P50      P90      P99'];
  for (const [n, f] of Object.entries(med)) {
    lines.push(`${n.padEnd(6)} ${String(f.rps).padStart(8)} ${`${f.p50}µs`.padStart(8)} ${`${f.p90}µs`.padStart(8)} ${`${f.p99}µs`.padStart(8)}`);
  }
  if (ref) {
    const g = med.gotune, w = med[ref];
    lines.push('', `gotune / ${ref}: throughput ${(g.rps / w.rps).toFixed(2)}, p50 ${(g.p50 / w.p50).toFixed(2)}, p90 ${(g.p90 / w.p90).toFixed(2)}, p99 ${(g.p99 / w.p99).toFixed(2)}`);
  }
  console.log(lines.join('\n'));
  const outDir = join(here, '..', '..', 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'loadgen.json'), JSON.stringify({ when: new Date().toISOString(), rounds, seconds, conns, cores: cpus().length, results, median: med }, null, 2) + '\n');
  return 0;
}

process.exitCode = await main();
