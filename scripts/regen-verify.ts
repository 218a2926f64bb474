// Records the runs that `gotune verify`'s tests read (testdata/verify/): the
// slow-cpu example measured twice (two processes: an A/A pair, where nothing
// may be called improved) and its fixed twin once, each by the real
// `gotune measure`. Kept small: run.json with the latency histograms'
// buckets emptied (verify reads the percentiles), and only the last
// repetition's profiles and /debug/vars. Needs Go.
// Usage: npm run build && node dist/scripts/regen-verify.js
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startExample } from '../src/node/example-services.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'testdata', 'verify');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
/** Six repetitions: the fewest with a finite 95% interval of the median (five reach p < 0.05 in the U test). */
const MEASURE = ['--duration', '3s', '--warmup', '2s', '--repeat', '6', '--concurrency', '8', '--profiles', 'cpu,heap,allocs,goroutine'];
/** Files of the last repetition kept: the profiles verify compares, and the vars (GOMAXPROCS). */
const KEEP = /^(cpu|block|mutex|heap\.end|allocs\.(start|end)|goroutine\.end)\.pb\.gz$|^vars\.end\.json$/;

/** The recordings, in the order they are made: name, and whether the fixed twin runs. */
const RUNS: [string, boolean][] = [['slow-cpu-a', false], ['slow-cpu-b', false], ['slow-cpu-fixed', true]];

/** compactRun empties the latency histograms' buckets (most of run.json's bytes). */
function compactRun(text: string): string {
  const doc = JSON.parse(text) as { repetitions: Array<{ latencyHistogram: { buckets: unknown[] } }> };
  for (const r of doc.repetitions) r.latencyHistogram.buckets = [];
  return JSON.stringify(doc, null, 2) + '\n';
}

async function record(name: string, fixed: boolean): Promise<void> {
  const svc = await startExample('slow-cpu', { fixed });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-verify-rec-'));
  const run = path.join(tmp, 'run');
  try {
    const r = spawnSync(process.execPath, [BIN, 'measure', '--target', svc.target, '--pprof', svc.pprof, ...MEASURE, '--out', run], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`measure ${name} failed: ${r.stderr}`);
    process.stdout.write(`${name}:\n${r.stdout}\n`);
    const dest = path.join(OUT, name);
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(dest, { recursive: true });
    const text = fs.readFileSync(path.join(run, 'run.json'), 'utf8');
    fs.writeFileSync(path.join(dest, 'run.json'), compactRun(text));
    const reps = (JSON.parse(text) as { repetitions: unknown[] }).repetitions.length;
    const last = `rep-${reps}`;
    fs.mkdirSync(path.join(dest, last));
    for (const f of fs.readdirSync(path.join(run, last))) {
      if (KEEP.test(f)) fs.copyFileSync(path.join(run, last, f), path.join(dest, last, f));
    }
    console.log(`${path.relative(ROOT, dest)}: recorded`);
  } finally {
    await svc.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

for (const [name, fixed] of RUNS) await record(name, fixed);
