// `npm run bench`: times `go tool pprof` and gotune on generated profiles (every report, filters, diffs
// and merges), reports median wall time and peak RSS side by side with ratios and gotune's time over a
// gunzip+walk floor, `gotune diagnose` beside `gotune pprof -top`, the web UI's first paint, and the
// issue's targets; writes bench/out/results.json.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureProfiles, OUT_DIR, parseSizes, profilePaths, type SetStats } from './gen-profile.js';
import type { FloorTiming } from './floor.js';
import { benchWeb } from './web.js';
import { findPprof, isolatedPprofEnv } from '../src/testkit/pprof-env.js';
import { DIAGNOSE_TARGET, type DiagnoseRow, runDiagnoseRow } from './diagnose-row.js';
import { detectRssMethod, failureOf, fmtMB, fmtMs, fmtRatio, measure, type Measured, median, rssCell, type Run, type Stat, summarize, table, wallCell } from './measure.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const DEFAULT_GOTUNE = path.join(REPO, 'bin', 'gotune.js');
const FLOOR = path.join(HERE, 'floor.js');

/**
 * COMMANDS are the bench's rows: a label and the pprof arguments on a
 * profile set (diagnose is timed apart, beside -top). Every report pprof
 * has, filters, diffs and merges.
 */
const COMMANDS = {
  top: { label: '-top', args: (p: ProfilePaths) => ['-top', p.cpu] },
  topcum: { label: '-top -cum', args: (p: ProfilePaths) => ['-top', '-cum', p.cpu] },
  traces: { label: '-traces', args: (p: ProfilePaths) => ['-traces', p.cpu] },
  peek: { label: '-peek', args: (p: ProfilePaths) => ['-peek=runtime\\.mallocgc$', p.cpu] },
  tree: { label: '-tree', args: (p: ProfilePaths) => ['-tree', p.cpu] },
  dot: { label: '-dot', args: (p: ProfilePaths) => ['-dot', p.cpu] },
  tags: { label: '-tags', args: (p: ProfilePaths) => ['-tags', p.cpu] },
  list: { label: '-list', args: (p: ProfilePaths) => ['-list=runtime\\.mapassign_faststr$', p.cpu] },
  // Both write the profile re-encoded; the bytes differ (field order, compression) where the content does not.
  proto: { label: '-proto', args: (p: ProfilePaths) => ['-proto', p.cpu], compare: false },
  // Ours: pprof has no -folded, so the row stands beside the floor alone.
  folded: { label: '-folded (gotune only)', args: (p: ProfilePaths) => ['-folded', p.cpu], ours: true },
  focus: { label: '-top -focus', args: (p: ProfilePaths) => ['-top', '-focus=runtime\\.mallocgc', p.cpu] },
  base: { label: '-top -base', args: (p: ProfilePaths) => ['-top', `-base=${p.cpuBase}`, p.cpu] },
  diffbase: { label: '-top -diff_base', args: (p: ProfilePaths) => ['-top', `-diff_base=${p.cpuBase}`, p.cpu] },
  merge2: { label: '-top, 2 sources', args: (p: ProfilePaths) => ['-top', p.cpu, p.cpuBase] },
  merge4: { label: '-top, 4 sources', args: (p: ProfilePaths) => ['-top', p.cpu, p.cpuBase, p.cpu, p.cpuBase] },
  heap: { label: '-top heap', args: (p: ProfilePaths) => ['-top', p.heap] },
  alloc: { label: 'heap -sample_index=alloc_space', args: (p: ProfilePaths) => ['-top', '-sample_index=alloc_space', p.heap] },
  diagnose: { label: 'diagnose', args: (_p: ProfilePaths) => [] as string[] },
} as const satisfies Record<string, { label: string; args: (p: ProfilePaths) => string[]; compare?: boolean; ours?: boolean }>;

/** CommandDef is one row's definition. */
type CommandDef = { label: string; args: (p: ProfilePaths) => string[]; compare?: boolean; ours?: boolean };

type ProfilePaths = ReturnType<typeof profilePaths>;
type CommandName = keyof typeof COMMANDS;

const USAGE = `usage: npm run bench -- [options]

  --sizes 1,10,100         profile sizes in MB of uncompressed profile.proto (default 1,10,100)
  --runs N                 at most N measurements per tool and command (default 5); medians are reported
  --budget S               per tool and command, stop once the runs would pass S seconds: a tool whose
                           first run took T seconds gets min(N, max(1, floor(S / T))) runs (default 60)
  --commands LIST          any of ${Object.keys(COMMANDS).join(',')}
                           (default all); diagnose times
                           \`gotune diagnose\` on a directory of the CPU and heap profiles beside
                           \`gotune pprof -top\` on the CPU profile (no go tool pprof)
  --large-from MB          sizes from MB up (default 50) run only --large-commands...
  --large-commands LIST    ...(default all: go tool pprof needs 10 s to 3 min per run on ~100 MB, so it
                           runs once there; top,base,diffbase,diagnose for a shorter look)
  --quick                  every command on the 1 and 10 MB profiles, no web rows
  --check MB               compare the tools' outputs (sha256, one extra run each) up to MB (default 1)
  --regen                  regenerate the profiles even if cached in bench/out/
  --no-web                 skip the web UI rows (flame graph first paint and redraws in Chromium)
  --web-timeout S          give go tool pprof -http's flame graph page S seconds (default 300)
  --keep-node-env          keep NODE_EXTRA_CA_CERTS and NODE_OPTIONS in the tools' environment (by
                           default they are removed, as PPROF_* variables are for pprof: see below)
  --gotune FILE            the gotune entry point to time (default bin/gotune.js), e.g. a snapshot of
                           bin/ + dist/ that a concurrent \`npm run build\` cannot delete mid-run
`;

/** Options of one benchmark run. */
interface Options {
  sizes: number[];
  runs: number;
  budgetSeconds: number;
  commands: CommandName[];
  largeFrom: number;
  largeCommands: CommandName[];
  checkUpTo: number;
  regen: boolean;
  gotune: string;
  noWeb: boolean;
  webTimeoutSeconds: number;
  keepNodeEnv: boolean;
}

type Tool = 'pprof' | 'gotune';

/** One size x command row of the report. */
interface Row {
  sizeMB: number;
  command: CommandName;
  args: string[];
  pprof: Stat;
  gotune: Stat;
  wallRatio: number | null;
  rssRatio: number | null;
  /** gotune's median over the floor process's at this size. */
  floorRatio: number | null;
  /** Whether both tools printed the same bytes (null: not checked). */
  sameOutput: boolean | null;
}

/** The floor of one size: in-process (read+gunzip+walk) and the whole floor process. */
interface FloorRow {
  sizeMB: number;
  file: string;
  inProcessMs: { median: number; min: number; max: number; readMs: number; gunzipMs: number; walkMs: number };
  process: Stat;
  fields: number;
  gotuneTopOverInProcess: number | null;
}

/** pprofOrFail is findPprof, ending the run with its reason when there is no pprof. */
function pprofOrFail(): { exe: string; goVersion: string } {
  try {
    return findPprof();
  } catch (e) {
    return fail((e as Error).message);
  }
}

function fail(msg: string): never {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}

function commandList(s: string): CommandName[] {
  const cs = s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  for (const c of cs) if (!(c in COMMANDS)) fail(`unknown command ${c}: want some of ${Object.keys(COMMANDS).join(',')}`);
  return cs as CommandName[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    sizes: [1, 10, 100], runs: 5, budgetSeconds: 60, commands: Object.keys(COMMANDS) as CommandName[], largeFrom: 50,
    largeCommands: Object.keys(COMMANDS) as CommandName[], checkUpTo: 1, regen: false, gotune: DEFAULT_GOTUNE, noWeb: false, webTimeoutSeconds: 300, keepNodeEnv: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    const val = (): string => v ?? argv[++i] ?? fail(`${a} needs a value`);
    const num = (): number => {
      const n = Number(val());
      if (!Number.isFinite(n) || n < 0) fail(`${a}: not a number`);
      return n;
    };
    switch (a) {
      case '--sizes': o.sizes = parseSizes(val()); break;
      case '--runs': o.runs = Math.max(1, Math.floor(num())); break;
      case '--commands': o.commands = commandList(val()); break;
      case '--large-commands': o.largeCommands = commandList(val()); break;
      case '--large-from': o.largeFrom = num(); break;
      case '--budget': o.budgetSeconds = num(); break;
      case '--check': o.checkUpTo = num(); break;
      case '--regen': o.regen = true; break;
      case '--no-web': o.noWeb = true; break;
      case '--web-timeout': o.webTimeoutSeconds = num(); break;
      // Every report at 1 and 10 MB, no web rows: the quick look before a change lands.
      case '--quick': o.sizes = [1, 10]; o.noWeb = true; break;
      case '--keep-node-env': o.keepNodeEnv = true; break;
      case '--gotune': o.gotune = path.resolve(val()); break;
      case '-h': case '--help': process.stdout.write(USAGE); process.exit(0); break;
      default: process.stderr.write(USAGE); fail(`unknown option ${a}`);
    }
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// The benchmark.

/**
 * The variables of this machine's set-up that change every Node process's
 * start-up but not pprof's. NODE_EXTRA_CA_CERTS (set by some sandboxes and
 * corporate machines for their TLS proxy) makes Node 20 load and parse
 * that certificate file at start-up, before any script runs, whether or
 * not it ever opens a TLS connection: on a system CA bundle that is ~40 ms
 * of each process. NODE_OPTIONS may add flags or preloads. The bench
 * measures the tools as a stock installation runs them, as it runs pprof
 * without PPROF_* variables, and prints what the removed ones cost.
 */
const NODE_SETUP_VARS = ['NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS'];

/** dropNodeEnv removes NODE_SETUP_VARS from env and returns the removed (name, value) pairs. */
function dropNodeEnv(env: NodeJS.ProcessEnv): [string, string][] {
  const removed: [string, string][] = [];
  for (const k of NODE_SETUP_VARS) {
    const v = env[k];
    if (v !== undefined) {
      removed.push([k, v]);
      delete env[k];
    }
  }
  return removed;
}

/** Median wall time of `node -e 0` over a few runs in env. */
function nodeStartMs(env: NodeJS.ProcessEnv): number {
  const ms: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** The header line on Node's own start-up, with and without the removed variables. */
function nodeStartLine(env: NodeJS.ProcessEnv, removed: [string, string][]): string {
  const bare = nodeStartMs(env);
  if (removed.length === 0) return `node start-up (node -e 0): ${fmtMs(bare)}`;
  const withVars = nodeStartMs({ ...env, ...Object.fromEntries(removed) });
  return `node start-up (node -e 0): ${fmtMs(bare)}; this machine sets ${removed.map(([k, v]) => `${k}=${v}`).join(' ')}, ` +
    `removed from both tools' environment (--keep-node-env keeps it): with it, ${fmtMs(withVars)}`;
}

/** The commit measured, and how many files under src/ differ from it (gotune runs the working tree). */
function gitState(): { commit: string; dirtySrcFiles: number } {
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' });
  const st = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO, encoding: 'utf8' });
  return {
    commit: head.status === 0 ? head.stdout.trim() : 'unknown',
    dirtySrcFiles: st.status === 0 ? st.stdout.split('\n').filter((l) => l.trim() !== '').length : -1,
  };
}


function commandArgs(c: CommandName, sizeMB: number): string[] {
  return COMMANDS[c].args(profilePaths(sizeMB));
}

/** How a command is shown in the report. */
const LABEL = Object.fromEntries(Object.entries(COMMANDS).map(([k, v]) => [k, v.label])) as Record<CommandName, string>;

/**
 * Targets: wall, RSS and floor on the largest profile (the ~100 MB one by
 * default), small for -top on the 1 and 10 MB ones.
 */
const TARGETS = { wall: 0.1, rss: 0.25, floor: 3, small: 0.5 };

/** The reports held to TARGETS.floor: a walk of the samples should cost little more than reading them. */
const FLOOR_COMMANDS: CommandName[] = ['top', 'peek', 'tree', 'dot'];

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const say = (s: string): void => {
    process.stdout.write(s + '\n');
  };
  const GOTUNE = opts.gotune;
  if (!fs.existsSync(GOTUNE)) fail(`${GOTUNE} is missing`);
  // go tool pprof is needed only for its rows (not for --quick's diagnose row).
  const needsPprof = [...opts.commands, ...opts.largeCommands].some((c) => c !== 'diagnose');
  const { exe: pprofExe, goVersion } = needsPprof ? pprofOrFail() : { exe: '(not run)', goVersion: 'go tool pprof not run' };
  const rssMethod = detectRssMethod();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gotune-bench-'));
  const env = isolatedPprofEnv(scratch);
  const nodeEnv = opts.keepNodeEnv ? [] : dropNodeEnv(env);
  const rssFile = path.join(scratch, 'rss.txt');
  const loadStart = os.loadavg();
  say(`gotune bench: node ${process.version}, ${goVersion}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${loadStart.map((l) => l.toFixed(2)).join(' ')}`);
  const git = gitState();
  say(`gotune: ${path.relative(process.cwd(), GOTUNE) || GOTUNE} at ${git.commit}${git.dirtySrcFiles > 0 ? ` + ${git.dirtySrcFiles} uncommitted src/ files` : ''}`);
  say(`pprof binary: ${pprofExe}`);
  say(`peak RSS via ${rssMethod === 'gnu-time' ? "/usr/bin/time -f '%M'" : '/proc/<pid>/status VmHWM polling'}; wall time from spawn to exit, stdout to /dev/null`);
  say(`runs: up to ${opts.runs} per tool and command, fewer when the first run shows they would pass ${opts.budgetSeconds} s in all`);
  say(nodeStartLine(env, nodeEnv));
  say(`commands: ${opts.commands.join(',')} below ${opts.largeFrom} MB, ${opts.largeCommands.join(',')} from there; outputs compared up to ${opts.checkUpTo} MB\n`);

  const tGen = performance.now();
  const sets: SetStats[] = ensureProfiles(opts.sizes, opts.regen, OUT_DIR, say);
  const genMs = performance.now() - tGen;
  for (const s of sets) {
    const mb = (n: number): string => (n / 1048576).toFixed(1);
    say(`profiles ~${s.sizeMB} MB: cpu ${mb(s.cpu.bytes)} MB (${mb(s.cpu.gzBytes)} gz, ${s.cpu.samples} samples, ${s.cpu.locations} locations, ${s.cpu.functions} functions, depth avg ${s.cpu.avgDepth}); ` +
      `base ${mb(s.cpuBase.bytes)} MB; heap ${mb(s.heap.bytes)} MB (${s.heap.samples} samples)`);
  }
  say(`profiles ready in ${fmtMs(genMs)}\n`);

  const rows: Row[] = [];
  const floors: FloorRow[] = [];
  const tools: Record<Tool, (args: string[]) => [string, string[]]> = {
    pprof: (args) => [pprofExe, args],
    gotune: (args) => [process.execPath, [GOTUNE, 'pprof', ...args]],
  };
  const run1 = async (tool: Tool, args: string[], out: 'null' | 'hash' = 'null'): Promise<Measured> => {
    const [cmd, a] = tools[tool](args);
    return measure(cmd, a, env, rssMethod, rssFile, out);
  };

  const diagnoseRows: DiagnoseRow[] = [];
  for (const set of sets) {
    const size = set.sizeMB;
    const commands = size >= opts.largeFrom ? opts.largeCommands : opts.commands;
    if (commands.includes('diagnose')) {
      diagnoseRows.push(await runDiagnoseRow(size, { gotune: GOTUNE, env, rssMethod, rssFile, runs: opts.runs, budgetSeconds: opts.budgetSeconds, say }));
    }
    const pprofCommands = commands.filter((x) => x !== 'diagnose');
    if (pprofCommands.length === 0) continue;
    // The floor: a fresh node process that reads, gunzips and walks the -top input.
    const cpuFile = profilePaths(size).cpu;
    const floorRuns: Run[] = [];
    const inProc: FloorTiming[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const m = await measure(process.execPath, [FLOOR, cpuFile], env, rssMethod, rssFile, 'text');
      if (m.code !== 0) fail(`floor failed: ${m.stderr}`);
      floorRuns.push({ wallMs: m.wallMs, rssKB: m.rssKB });
      inProc.push(JSON.parse(m.stdout!) as FloorTiming);
    }
    const tot = inProc.map((f) => f.totalMs);
    const floor: FloorRow = {
      sizeMB: size, file: cpuFile,
      inProcessMs: {
        median: median(tot), min: Math.min(...tot), max: Math.max(...tot),
        readMs: median(inProc.map((f) => f.readMs)), gunzipMs: median(inProc.map((f) => f.gunzipMs)),
        walkMs: median(inProc.map((f) => f.walkMs)),
      },
      process: summarize(floorRuns), fields: inProc[0].walk.fields,
      gotuneTopOverInProcess: null,
    };
    floors.push(floor);
    say(`[${size} MB] floor: in-process ${fmtMs(floor.inProcessMs.median)} (read ${fmtMs(floor.inProcessMs.readMs)}, gunzip ${fmtMs(floor.inProcessMs.gunzipMs)}, walk ${fmtMs(floor.inProcessMs.walkMs)} over ${floor.fields} fields); whole process ${fmtMs(floor.process.wallMs.median)}`);

    for (const c of pprofCommands) {
      const args = commandArgs(c, size);
      const shown = args.map((x) => path.basename(x)).join(' ');
      let sameOutput: boolean | null = null;
      const def: CommandDef = COMMANDS[c];
      if (size <= opts.checkUpTo && def.compare !== false && !def.ours) {
        const [a, b] = [await run1('pprof', args, 'hash'), await run1('gotune', args, 'hash')];
        if (!failureOf(a) && !failureOf(b)) {
          sameOutput = a.stdoutHash === b.stdoutHash;
          say(`[${size} MB] ${shown}: outputs ${sameOutput ? 'identical' : `DIFFER (pprof ${a.stdoutBytes} bytes, gotune ${b.stdoutBytes} bytes)`}`);
        }
      }
      const runs: Record<Tool, Run[]> = { pprof: [], gotune: [] };
      const failure: Record<Tool, string | undefined> = { pprof: undefined, gotune: undefined };
      const limit: Record<Tool, number> = { pprof: def.ours ? 0 : opts.runs, gotune: opts.runs };
      if (def.ours) failure.pprof = 'not a pprof report';
      // Alternate which tool goes first, so that drift on a noisy machine hits both alike.
      for (let i = 0; runs.pprof.length < limit.pprof || runs.gotune.length < limit.gotune; i++) {
        const order: Tool[] = i % 2 === 0 ? ['pprof', 'gotune'] : ['gotune', 'pprof'];
        for (const t of order) {
          if (runs[t].length >= limit[t]) continue;
          const m = await run1(t, args);
          runs[t].push({ wallMs: m.wallMs, rssKB: m.rssKB });
          failure[t] = failureOf(m);
          // A failed tool is not retried; a slow one gets as many runs as fit the budget.
          if (failure[t]) limit[t] = runs[t].length;
          else if (runs[t].length === 1) limit[t] = Math.min(opts.runs, Math.max(1, Math.floor(opts.budgetSeconds * 1000 / m.wallMs)));
          say(`[${size} MB] ${t.padEnd(6)} ${shown}: ${fmtMs(m.wallMs)}, ${fmtMB(m.rssKB)}${failure[t] ? ` FAILED ${failure[t]}` : ''}`);
        }
      }
      const pprof = summarize(runs.pprof, failure.pprof);
      const gotune = summarize(runs.gotune, failure.gotune);
      const ok = !pprof.failure && !gotune.failure;
      rows.push({
        sizeMB: size, command: c, args: args.map((x) => path.relative(REPO, x).startsWith('..') ? x : path.relative(REPO, x)),
        pprof, gotune,
        wallRatio: ok ? gotune.wallMs.median / pprof.wallMs.median : null,
        rssRatio: ok ? gotune.rssKB.median / pprof.rssKB.median : null,
        floorRatio: gotune.failure ? null : gotune.wallMs.median / floor.process.wallMs.median,
        sameOutput,
      });
      if (c === 'top' && !gotune.failure) {
        floor.gotuneTopOverInProcess = gotune.wallMs.median / floor.inProcessMs.median;
      }
    }
  }

  // Report.
  if (rows.length > 0) {
    say('\nResults: medians [min..max]; ratio = gotune median / pprof median (lower is better); / floor = gotune median / the floor process\'s\n');
    const head = ['size', 'command', 'pprof wall', 'gotune wall', 'wall ratio', 'pprof RSS', 'gotune RSS', 'RSS ratio', '/ floor', 'same out'];
    const body = rows.map((r) => [
      `${r.sizeMB} MB`, LABEL[r.command], wallCell(r.pprof), wallCell(r.gotune), fmtRatio(r.wallRatio),
      rssCell(r.pprof), rssCell(r.gotune), fmtRatio(r.rssRatio), fmtRatio(r.floorRatio), r.sameOutput === null ? '-' : r.sameOutput ? 'yes' : 'NO',
    ]);
    say(table([head, ...body]));
  }
  if (diagnoseRows.length > 0) {
    say('\nDiagnose: `gotune diagnose <dir>` (the CPU and heap profiles) beside `gotune pprof -top` (the CPU profile); ratio = diagnose / -top\n');
    say(table([
      ['size', 'dir', '-top wall', 'diagnose wall', 'wall ratio', '-top RSS', 'diagnose RSS', 'RSS ratio', 'diagnosis'],
      ...diagnoseRows.map((r) => [
        `${r.sizeMB} MB`, `${path.basename(r.dir)}/`, wallCell(r.top), wallCell(r.diagnose), fmtRatio(r.wallRatio),
        rssCell(r.top), rssCell(r.diagnose), fmtRatio(r.rssRatio), r.scenario,
      ]),
    ]));
  }
  if (floors.length > 0) say('\nFloor: fresh `node dist/bench/floor.js` process: readFileSync + zlib.gunzipSync + a standalone varint/field walk');
  if (floors.length > 0) say('("in-process" excludes node startup; "process" is the whole process, like the gotune wall times)\n');
  if (floors.length > 0) say(table([
    ['size', 'file', 'in-process', 'process', 'process RSS', 'gotune -top / in-proc', 'gotune -top / process'],
    ...floors.map((f) => [
      `${f.sizeMB} MB`, path.basename(f.file),
      `${fmtMs(f.inProcessMs.median)} [${fmtMs(f.inProcessMs.min)}..${fmtMs(f.inProcessMs.max)}]`,
      wallCell(f.process), fmtMB(f.process.rssKB.median),
      fmtRatio(f.gotuneTopOverInProcess), fmtRatio(rows.find((r) => r.sizeMB === f.sizeMB && r.command === 'top')?.floorRatio ?? null),
    ]),
  ]));

  // The web UI on the largest profile: first paint and redraws in Chromium, beside go tool pprof -http.
  let web: Awaited<ReturnType<typeof benchWeb>> | null = null;
  if (!opts.noWeb) {
    const size = Math.max(...opts.sizes);
    say(`\nweb UI on the ${size} MB CPU profile (Chromium; go tool pprof -http given ${opts.webTimeoutSeconds} s):`);
    web = await benchWeb(GOTUNE, profilePaths(size).cpu, { runs: opts.runs, pprofTimeoutMs: opts.webTimeoutSeconds * 1000, gotuneEnv: env, pprofExe: needsPprof ? pprofExe : undefined });
    if ('skipped' in web) say(`  skipped: ${web.skipped}`);
    else {
      const g = web.gotune, pp = web.pprof;
      const pprofLoad = pp.flameLoadMs === null ? `not loaded (${pp.failure ?? 'timeout'})` : fmtMs(pp.flameLoadMs);
      say(table([
        ['', 'serving after', 'flame graph first paint (after the page request)', 'zoom redraw (median)', 'search redraw (median)'],
        ['gotune', fmtMs(g.readyMs), fmtMs(g.firstPaintMs), `${fmtMs(median(g.zoomMs))} of ${g.zoomMs.length}`, `${fmtMs(median(g.searchMs))} of ${g.searchMs.length}`],
        ['go tool pprof', pp.readyMs === null ? 'no' : fmtMs(pp.readyMs), pprofLoad, '', ''],
        ['gotune / pprof', pp.readyMs === null ? '' : fmtRatio(g.readyMs / pp.readyMs), pp.flameLoadMs === null ? '' : fmtRatio(g.firstPaintMs / pp.flameLoadMs), '', ''],
      ]));
    }
  }

  const largest = Math.max(...opts.sizes);
  const targets: { name: string; value: number | null; target: number }[] = [];
  // On the largest profile: every report beside pprof, and the four graph reports over the floor.
  for (const r of rows.filter((x) => x.sizeMB === largest && !(COMMANDS[x.command] as CommandDef).ours)) {
    targets.push({ name: `${LABEL[r.command]} wall <= ${TARGETS.wall}x go tool pprof's`, value: r.wallRatio, target: TARGETS.wall });
    targets.push({ name: `${LABEL[r.command]} peak RSS <= ${TARGETS.rss}x go tool pprof's`, value: r.rssRatio, target: TARGETS.rss });
  }
  for (const r of rows.filter((x) => x.sizeMB === largest && FLOOR_COMMANDS.includes(x.command))) {
    targets.push({ name: `${LABEL[r.command]} wall <= ${TARGETS.floor}x the floor (whole process)`, value: r.floorRatio, target: TARGETS.floor });
  }
  // Small profiles: the whole -top process against pprof's.
  for (const r of rows.filter((x) => x.sizeMB <= 10 && x.command === 'top')) {
    targets.push({ name: `${r.sizeMB} MB -top wall <= ${TARGETS.small}x go tool pprof's`, value: r.wallRatio, target: TARGETS.small });
  }
  targets.push({
    name: `gotune diagnose wall <= ${DIAGNOSE_TARGET}x gotune -top's`,
    value: diagnoseRows.find((r) => r.sizeMB === largest)?.wallRatio ?? null, target: DIAGNOSE_TARGET,
  });
  say(`\nTargets (meant for the ~100 MB profile; shown for the largest measured, ${largest} MB):`);
  for (const t of targets) {
    const verdict = t.value === null ? 'n/a ' : t.value <= t.target ? 'PASS' : 'MISS';
    say(`  ${verdict}  ${t.name}: ${t.value === null ? 'not measured' : `${fmtRatio(t.value)}x`}`);
  }
  const totalMs = performance.now() - started;
  const loadEnd = os.loadavg();
  say(`\nbench took ${fmtMs(totalMs)} (profiles ${fmtMs(genMs)}); load average now ${loadEnd.map((l) => l.toFixed(2)).join(' ')}`);

  const results = {
    date: new Date().toISOString(),
    git,
    load: { start: loadStart, end: loadEnd },
    machine: { node: process.version, go: goVersion, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}`, memMB: Math.round(os.totalmem() / 1048576) },
    method: {
      pprof: pprofExe, gotune: `${process.execPath} ${path.relative(REPO, GOTUNE)} pprof`, rss: rssMethod,
      wall: 'spawn to exit in the runner (performance.now), stdout to /dev/null, TZ=UTC, HOME=<temp>',
      floor: 'fresh node process: readFileSync + zlib.gunzipSync + standalone protobuf field walk; in-process time excludes node startup',
    },
    options: opts,
    profiles: sets,
    rows,
    diagnose: diagnoseRows,
    floors,
    web,
    targets,
    totalMs, generateMs: genMs,
  };
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(path.join(OUT_DIR, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  say(`wrote ${path.relative(REPO, path.join(OUT_DIR, 'results.json'))}`);
  fs.rmSync(scratch, { recursive: true, force: true });
}

await main();
