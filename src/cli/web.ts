// `gotune web <run dir> [<run dir>]`: the run dashboard in the web UI: a
// run's KPIs per repetition, its captures side by side in every view, the
// diagnosis with links to the views that show each finding, and for two
// runs (baseline, candidate) the comparison with the diff flame graphs.

import { resolve } from 'node:path';
import { defaultConfig } from '../driver/config.js';
import { untilInterrupted } from '../node/interrupt.js';
import { localReportTools } from '../node/local-tools.js';
import { localRunFiles } from '../node/run-files.js';
import { readRun } from '../run/read-run.js';
import { UsageError } from '../user-error.js';
import type { Ui } from '../ports.js';
import type { WebServer } from '../web/server/serve.js';
import type { ServedRun } from '../web/server/sessions.js';
import { serveRuns as serveRunsOn } from '../web/server/start.js';
import type { GnuFlag } from './gnu-flags.js';
import type { CliIo } from './io.js';
import type { GnuSubcommand } from './subcommand.js';

const USAGE = `usage: gotune web [--http ADDR] [--no-browser] <run dir> [<candidate run dir>]

Serves the web UI on gotune measure run directories: the KPIs of every
repetition, the profiles it captured in every view (flame graph, top,
source, graph…), the diagnosis with links to the view of each finding;
with two runs, the second (the candidate) compared with the first (the
baseline), with diff flame graphs of each profile type.
`;

const FLAGS: GnuFlag[] = [
  { name: 'http', kind: 'string', arg: 'ADDR', help: 'serve on [host]:port (default localhost and a free port)' },
  { name: 'no-browser', kind: 'bool', help: 'print the URL, do not open a browser' },
];

/**
 * serveRuns reads one run directory or two (baseline, candidate) and
 * serves their dashboard; the caller stops it.
 */
export async function serveRuns(dirs: string[], http: string, noBrowser: boolean, io: CliIo): Promise<WebServer & { opened: boolean }> {
  if (dirs.length === 0 || dirs.length > 2) throw new UsageError(dirs.length === 0 ? 'no run directory given' : 'one run, or two: baseline and candidate');
  const labels = dirs.length === 1 ? ['run'] : ['baseline', 'candidate'];
  const runs: ServedRun[] = dirs.map((d, i) => {
    const files = localRunFiles(resolve(d));
    return { label: labels[i], files, run: readRun(files) };
  });
  const ui: Ui = { print: (t) => void io.stdout(t), printErr: (l) => io.stderr(l), isTerminal: () => io.isTerminal };
  return serveRunsOn(runs, defaultConfig(), await localReportTools(), { http, noBrowser }, ui);
}

async function run(http: string, noBrowser: boolean, dirs: string[], io: CliIo): Promise<number> {
  const server = await serveRuns(dirs, http, noBrowser, io);
  await untilInterrupted();
  await server.close();
  return 0;
}

/** webCommand is `gotune web`. */
export const webCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  run: (flags, args, io) => run(flags.string('http', ''), flags.bool('no-browser'), args, io),
};
