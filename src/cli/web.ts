// `gotune web <run dir> [<run dir>]`: the run dashboard in the web UI: a
// run's KPIs per repetition, its captures side by side in every view, the
// diagnosis with links to the views that show each finding, and for two
// runs (baseline, candidate) the comparison with the diff flame graphs.

import { resolve } from 'node:path';
import { defaultConfig } from '../driver/config.js';
import { untilInterrupted } from '../node/interrupt.js';
import { localReportTools } from '../node/local-tools.js';
import { localRunFiles } from '../node/run-files.js';
import { browserCommands, openViewer } from '../node/viewer.js';
import { readRun } from '../run/read-run.js';
import { UsageError } from '../user-error.js';
import { dashboardRuns } from '../web/server/dashboard.js';
import { parseHttpAddress, startWebServer, type WebServer } from '../web/server/serve.js';
import { runSessions, type ServedRun } from '../web/server/sessions.js';
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

/** dashboardOf computes the dashboard's data once, on first request. */
function dashboardOf(runs: readonly ServedRun[]): () => Promise<unknown> {
  let data: Promise<unknown> | null = null;
  return () => (data ??= (async () => {
    const last = runs[runs.length - 1];
    let diagnosis: unknown = null;
    try {
      const { loadDiagnoseArgs } = await import('../node/diagnose-load.js');
      const { diagnose } = await import('../diagnose/diagnose.js');
      const { buildInputs } = await import('../diagnose/inputs.js');
      const { formatJson } = await import('../diagnose/format.js');
      const loaded = await loadDiagnoseArgs([last.run.dir]);
      diagnosis = JSON.parse(formatJson(diagnose(buildInputs(loaded.profiles, loaded.kpis, loaded.notes))));
    } catch (e) {
      diagnosis = { error: e instanceof Error ? e.message : String(e) };
    }
    // Two runs: the candidate verified against the baseline, as gotune verify prints it (no goals).
    let verification: unknown = null;
    if (runs.length === 2) {
      try {
        const { verifyRuns } = await import('../verify/verify.js');
        const { formatJson: verifyJson } = await import('../verify/format-json.js');
        const { compareProfiles } = await import('../node/verify-profiles.js');
        const [b, c] = runs.map((r) => ({ dir: r.run.dir, json: r.run.json, files: r.files }));
        const v = verifyRuns(b, c, { alpha: 0.05, confidence: 0.95, targets: [], profiles: await compareProfiles(b, c) });
        verification = JSON.parse(verifyJson(v));
      } catch (e) {
        verification = { error: e instanceof Error ? e.message : String(e) };
      }
    }
    return { runs: dashboardRuns(runs), diagnosis, diagnosed: last.label, verification };
  })());
}

/**
 * serveRuns starts the dashboard on one run or two (baseline, candidate),
 * prints its URL and opens a browser unless noBrowser; the caller stops it.
 */
export async function serveRuns(dirs: string[], http: string, noBrowser: boolean, io: CliIo): Promise<WebServer & { opened: boolean }> {
  if (dirs.length === 0 || dirs.length > 2) throw new UsageError(dirs.length === 0 ? 'no run directory given' : 'one run, or two: baseline and candidate');
  const labels = dirs.length === 1 ? ['run'] : ['baseline', 'candidate'];
  const runs: ServedRun[] = dirs.map((d, i) => {
    const files = localRunFiles(resolve(d));
    return { label: labels[i], files, run: readRun(files) };
  });
  const { host, port } = parseHttpAddress(http);
  const server = await startWebServer(runSessions(runs, defaultConfig(), await localReportTools(), dashboardOf(runs)), host, port);
  const url = `${server.url}dashboard`;
  io.stderr(`Serving the run dashboard on ${url}`);
  if (!['localhost', '127.0.0.1', '::1'].includes(host)) io.stderr(`warning: serving on ${host}: anyone who can reach it can read the runs' profiles and source files`);
  const opened = !noBrowser && Boolean(await openViewer(browserCommands(process.env), url, process.env));
  if (!noBrowser && !opened) io.stderr('could not open a browser; open the URL above');
  return { ...server, opened };
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
