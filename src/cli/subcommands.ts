// The subcommands table: every `gotune <name>` once, with its one-line
// summary and the file that holds its usage, flags and handler (loaded on
// demand, so `gotune pprof` does not load measure's code). `gotune help`
// and the dispatcher (main.ts) are derived from it.

import type { Subcommand } from './subcommand.js';

/** SubcommandEntry is one row of the table. */
interface SubcommandEntry {
  name: string;
  /** One line for `gotune help`. */
  summary: string;
  load(): Promise<Subcommand>;
}

/** SUBCOMMANDS lists every subcommand, in the order `gotune help` shows them. */
export const SUBCOMMANDS: readonly SubcommandEntry[] = [
  { name: 'demo', summary: 'the whole loop on an example service: measure, diagnose, web UI, fixed twin, verify', load: async () => (await import('./demo.js')).demoCommand },
  { name: 'pprof', summary: 'a drop-in for `go tool pprof`: the same flags, reports and numbers', load: async () => (await import('./pprof.js')).pprofCommand },
  { name: 'diagnose', summary: 'read all profiles of a service together: the bottleneck, where in your code, the fix', load: async () => (await import('./diagnose.js')).diagnoseCommand },
  { name: 'goroutines', summary: 'group a goroutine dump by stack; --diff two snapshots to find leaks', load: async () => (await import('./goroutines.js')).goroutinesCommand },
  { name: 'benchstat', summary: "a drop-in for Go's benchstat: compare `go test -bench` runs, the same tables and numbers", load: async () => (await import('./benchstat.js')).benchstatCommand },
  { name: 'measure', summary: 'drive load at a service and capture its profiles into a run directory', load: async () => (await import('./measure.js')).measureCommand },
  { name: 'verify', summary: 'compare two measure runs KPI by KPI (median, interval, U test) against goals and budgets; a CI gate', load: async () => (await import('./verify.js')).verifyCommand },
  { name: 'journal', summary: "print the project's journal of gotune verify runs", load: async () => (await import('./journal.js')).journalCommand },
  { name: 'tune', summary: 'the loop on your own service: baseline, diagnose, change, measure, verify; round after round', load: async () => (await import('./tune.js')).tuneCommand },
  { name: 'web', summary: 'the web UI on run directories: KPIs, profiles, findings; two runs compared', load: async () => (await import('./web.js')).webCommand },
  { name: 'version', summary: "print gotune's version", load: async () => (await import('./version.js')).versionCommand },
];

/** subcommandByName finds a row of the table. */
export function subcommandByName(name: string): SubcommandEntry | undefined {
  return SUBCOMMANDS.find((s) => s.name === name);
}
