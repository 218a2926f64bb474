// `gotune verify`: compare a candidate run of `gotune measure` with a
// baseline run, KPI by KPI, against goals and budgets; the exit status is
// the gate (0 pass, 1 fail, 2 bad input), for CI.

import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fsMessage } from '../fetch/file.js';
import { appendJournal, gitState, journalName, journalPath, projectRoot } from '../node/journal-file.js';
import { localRunFiles } from '../node/run-files.js';
import { compareProfiles } from '../node/verify-profiles.js';
import { readRun } from '../run/read-run.js';
import { UsageError } from '../user-error.js';
import { formatJson } from '../verify/format-json.js';
import { formatMarkdown } from '../verify/format-markdown.js';
import { formatText } from '../verify/format-text.js';
import { journalEntry, type GitState } from '../verify/journal.js';
import { KPI_NAMES } from '../verify/kpis.js';
import { chartSvg } from '../verify/svg-chart.js';
import { mergeTargets, parseBudgetFile, parseTarget, TargetError, type Target } from '../verify/targets.js';
import type { Verification } from '../verify/types.js';
import { checkRun, verifyRuns, type VerifyRun } from '../verify/verify.js';
import type { GnuFlag, GnuFlagValues } from './gnu-flags.js';
import type { CliIo } from './io.js';
import type { GnuSubcommand } from './subcommand.js';

const USAGE = `usage: gotune verify [flags] <baseline run> <candidate run>

Compares two run directories of gotune measure repetition by repetition:
for each KPI (${KPI_NAMES.slice(0, 8).join(', ')},
${KPI_NAMES.slice(8).join(', ')}) the median of each run with its confidence interval,
the relative change of the medians, the Mann-Whitney U test's p-value and
a verdict (improved, regressed, no change when p >= alpha); then goals,
budgets, where the profiles moved, and warnings when the runs were
measured differently.

Writes one SVG chart per KPI into <candidate run>/verify/ and appends a
line to the project's journal (.gotune/journal.jsonl; \`gotune journal\`
prints it).

Exit status: 0 when every goal is met and no budget is broken (without
goals: when nothing regressed beyond its budget), 1 otherwise, 2 for bad
input (not a complete run, a malformed goal or budget).
`;

const FORMATS = ['text', 'markdown', 'json'] as const;

const FLAGS: GnuFlag[] = [
  { name: 'goal', kind: 'string', arg: 'KPI=±N%', repeatable: true, help: 'the KPI must improve significantly by at least N% (p99=-20%,\nthroughput=+10%); repeatable' },
  { name: 'budget', kind: 'string', arg: 'KPI=±N%', repeatable: true, help: 'the KPI must not get significantly worse by more than N%\n(heap=+5%, throughput=-3%); repeatable' },
  { name: 'budget-file', kind: 'string', arg: 'F', help: 'goals and budgets from a JSON file:\n{"goals": {"p99": "-20%"}, "budgets": {"heap": "+5%"}}; flags win' },
  { name: 'alpha', kind: 'string', arg: 'A', default: '0.05', help: 'a change is significant when p < A' },
  { name: 'confidence', kind: 'string', arg: 'C', default: '0.95', help: 'the level of the medians\' confidence intervals' },
  { name: 'format', kind: 'string', arg: 'F', choices: FORMATS, help: 'text (default), markdown, or json (schema 1)' },
  { name: 'charts', kind: 'string', arg: 'DIR', help: 'write the charts into DIR (default <candidate run>/verify)' },
  { name: 'no-charts', kind: 'bool', help: 'write no charts' },
  { name: 'journal', kind: 'string', arg: 'FILE', help: 'append to FILE (default .gotune/journal.jsonl in the project: the\nnearest directory upward with .git or go.mod, else the current one)' },
  { name: 'no-journal', kind: 'bool', help: 'append nothing to the journal' },
];

/** probability reads a flag that must be a number strictly between 0 and 1. */
function probability(flags: GnuFlagValues, name: string, def: number): number {
  if (!flags.has(name)) return def;
  const raw = flags.string(name);
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v <= 0 || v >= 1) throw new UsageError(`invalid value "${raw}" for --${name}: want a number between 0 and 1, such as ${def}`);
  return v;
}

/** targetsOf reads --goal, --budget and --budget-file. */
function targetsOf(flags: GnuFlagValues): Target[] {
  let file: Target[] = [];
  const path = flags.string('budget-file');
  if (path !== '') {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new TargetError(`--budget-file ${path}: ${fsMessage(e)}`);
    }
    file = parseBudgetFile(text, path);
  }
  const given = [
    ...flags.strings('goal').map((s) => parseTarget('goal', s, '--goal')),
    ...flags.strings('budget').map((s) => parseTarget('budget', s, '--budget')),
  ];
  return mergeTargets(file, given);
}

/** openRun reads a run directory given on the command line. */
function openRun(dir: string): VerifyRun {
  if (!existsSync(dir)) throw new UsageError(`${dir}: no such directory`);
  if (!statSync(dir).isDirectory()) throw new UsageError(`${dir}: not a directory: give the run directory that gotune measure --out wrote`);
  const files = localRunFiles(dir);
  return { dir, json: readRun(files).json, files };
}

/** writeCharts writes one SVG per KPI that a run has; a failure is a warning, not a failed verification. */
function writeCharts(v: Verification, dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const labels = { baseline: basename(v.baseline.dir), candidate: basename(v.candidate.dir) };
    for (const k of v.kpis) {
      if (!k.baseline && !k.candidate) continue;
      const file = join(dir, `${k.def.name}.svg`);
      writeFileSync(file, chartSvg(k, labels));
      v.charts.push(file);
    }
  } catch (e) {
    v.warnings.push(`charts not written to ${dir}: ${fsMessage(e)}`);
  }
}

/** Journal is where a verification is recorded, and the commit it ran at (taken before verify writes its charts). */
interface Journal {
  file: string;
  root: string;
  git: GitState | null;
}

function journalOf(flags: GnuFlagValues): Journal | null {
  if (flags.bool('no-journal')) return null;
  const cwd = process.cwd();
  const root = projectRoot(cwd);
  return { file: flags.string('journal') || journalPath(cwd), root, git: gitState(root) };
}

/** record appends the verification to the journal; a failure is a line on stderr, not a failed verification. */
function record(v: Verification, j: Journal, time: Date, io: CliIo): void {
  const paths = { baseline: journalName(j.root, v.baseline.dir), candidate: journalName(j.root, v.candidate.dir) };
  try {
    appendJournal(j.file, journalEntry(v, time, j.git, paths));
  } catch (e) {
    io.stderr(`gotune verify: warning: ${(e as Error).message}`);
  }
}

/** verifyCommand is `gotune verify`. */
export const verifyCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  async run(flags, args, io) {
    if (args.length !== 2) throw new UsageError(args.length < 2 ? 'give two run directories: the baseline, then the candidate' : `too many arguments (${args.length}): give the baseline run and the candidate run`);
    for (const f of ['charts', 'journal']) if (flags.has(f) && flags.bool(`no-${f}`)) throw new UsageError(`--${f} and --no-${f} cannot both be given`);
    const alpha = probability(flags, 'alpha', 0.05);
    const confidence = probability(flags, 'confidence', 0.95);
    const targets = targetsOf(flags);
    const base = openRun(args[0]);
    const cand = openRun(args[1]);
    checkRun(base);
    checkRun(cand);
    const time = new Date();
    const journal = journalOf(flags);
    const profiles = await compareProfiles(base, cand);
    const v = verifyRuns(base, cand, { alpha, confidence, targets, profiles });
    if (!flags.bool('no-charts')) writeCharts(v, flags.string('charts') || join(cand.dir, 'verify'));
    if (journal) record(v, journal, time, io);
    const format = flags.string('format', 'text');
    await io.stdout(format === 'json' ? formatJson(v) : format === 'markdown' ? formatMarkdown(v) : formatText(v));
    return v.pass ? 0 : 1;
  },
};
