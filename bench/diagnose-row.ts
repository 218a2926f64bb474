// The diagnose row of the benchmark: `gotune diagnose <dir>` on a run-like directory holding one
// size's generated CPU profile and heap profile, timed beside `gotune pprof -top` on the same CPU
// profile. The target: diagnose within 2x of -top (every rule reads one decode and one view of each profile).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OUT_DIR, profilePaths } from './gen-profile.js';
import { failureOf, fmtMB, fmtMs, measure, type Run, type RssMethod, type Stat, summarize } from './measure.js';

/** DiagnoseRow is one size's diagnose beside -top. */
export interface DiagnoseRow {
  sizeMB: number;
  /** The directory diagnosed, and the -top input. */
  dir: string;
  cpu: string;
  top: Stat;
  diagnose: Stat;
  wallRatio: number | null;
  rssRatio: number | null;
  /** diagnose's first line, e.g. "Scenario: healthy", to show it read the profiles. */
  scenario: string;
}

/** DiagnoseContext is what the row needs of the runner. */
export interface DiagnoseContext {
  gotune: string;
  env: NodeJS.ProcessEnv;
  rssMethod: RssMethod;
  rssFile: string;
  runs: number;
  budgetSeconds: number;
  say: (s: string) => void;
}

/** DIAGNOSE_TARGET is the most diagnose may take, as a multiple of -top's wall time on the same CPU profile. */
export const DIAGNOSE_TARGET = 2;

/**
 * diagnoseDir makes bench/out/diagnose-<size>mb/, a directory as `gotune measure --out` leaves one
 * (cpu.pb.gz, heap.pb.gz), of symbolic links to the generated profiles, so that nothing is copied.
 */
function diagnoseDir(sizeMB: number): { dir: string; cpu: string } {
  const p = profilePaths(sizeMB);
  const dir = path.join(OUT_DIR, `diagnose-${path.basename(p.cpu).replace(/^cpu-|\.pb\.gz$/g, '')}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, target] of [['cpu.pb.gz', p.cpu], ['heap.pb.gz', p.heap]] as const) {
    const link = path.join(dir, name);
    fs.rmSync(link, { force: true });
    if (fs.existsSync(target)) fs.symlinkSync(path.relative(dir, target), link);
  }
  return { dir, cpu: p.cpu };
}

/** runDiagnoseRow times `gotune pprof -top cpu` and `gotune diagnose dir` alternately, as many runs as the budget allows. */
export async function runDiagnoseRow(sizeMB: number, ctx: DiagnoseContext): Promise<DiagnoseRow> {
  const { dir, cpu } = diagnoseDir(sizeMB);
  const tools = {
    top: [ctx.gotune, 'pprof', '-top', cpu],
    diagnose: [ctx.gotune, 'diagnose', dir],
  } as const;
  type Side = keyof typeof tools;
  const runs: Record<Side, Run[]> = { top: [], diagnose: [] };
  const failure: Record<Side, string | undefined> = { top: undefined, diagnose: undefined };
  const limit: Record<Side, number> = { top: ctx.runs, diagnose: ctx.runs };
  let scenario = '';
  for (let i = 0; runs.top.length < limit.top || runs.diagnose.length < limit.diagnose; i++) {
    const order: Side[] = i % 2 === 0 ? ['top', 'diagnose'] : ['diagnose', 'top'];
    for (const t of order) {
      if (runs[t].length >= limit[t]) continue;
      const m = await measure(process.execPath, [...tools[t]], ctx.env, ctx.rssMethod, ctx.rssFile, t === 'diagnose' ? 'text' : 'null');
      runs[t].push({ wallMs: m.wallMs, rssKB: m.rssKB });
      failure[t] = failureOf(m);
      if (t === 'diagnose' && m.stdout) scenario = m.stdout.split('\n')[0];
      if (failure[t]) limit[t] = runs[t].length;
      else if (runs[t].length === 1) limit[t] = Math.min(ctx.runs, Math.max(1, Math.floor(ctx.budgetSeconds * 1000 / m.wallMs)));
      const shown = t === 'top' ? `pprof -top ${path.basename(cpu)}` : `diagnose ${path.basename(dir)}/`;
      ctx.say(`[${sizeMB} MB] gotune ${shown}: ${fmtMs(m.wallMs)}, ${fmtMB(m.rssKB)}${failure[t] ? ` FAILED ${failure[t]}` : ''}`);
    }
  }
  const top = summarize(runs.top, failure.top);
  const diagnose = summarize(runs.diagnose, failure.diagnose);
  const ok = !top.failure && !diagnose.failure;
  return {
    sizeMB, dir, cpu, top, diagnose, scenario,
    wallRatio: ok ? diagnose.wallMs.median / top.wallMs.median : null,
    rssRatio: ok ? diagnose.rssKB.median / top.rssKB.median : null,
  };
}
