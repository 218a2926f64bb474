// `gotune diagnose`: read every profile of a service together (a run
// directory, a directory of profiles, or files) and name the bottleneck,
// the user's code path and the Go-specific fix.

import { diagnose } from '../diagnose/diagnose.js';
import { formatJson, formatMarkdown, formatText } from '../diagnose/format.js';
import { buildInputs } from '../diagnose/inputs.js';
import { loadDiagnoseArgs } from '../node/diagnose-load.js';
import { UsageError } from '../user-error.js';
import type { GnuFlag } from './gnu-flags.js';
import type { GnuSubcommand } from './subcommand.js';

const USAGE = `usage: gotune diagnose [--format text|markdown|json] <run dir | profile dir | profile…>

Reads the profiles of one service together (CPU, heap and allocs, goroutine,
block, mutex; a gotune measure run directory adds its KPIs) and reports the
scenario (wait-bound, cpu-bound, gc-bound, memory-growth, healthy), findings
with the user function that owns each cost and its fix, and what is missing.
Files that are not profiles are skipped with a note.
`;

const FORMATS = ['text', 'markdown', 'json'] as const;

const FLAGS: GnuFlag[] = [
  { name: 'format', kind: 'string', arg: 'F', choices: FORMATS, help: 'text (default), markdown, or json (schema 1)' },
];

/** diagnoseCommand is `gotune diagnose`. */
export const diagnoseCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  async run(flags, args, io) {
    if (args.length === 0) throw new UsageError('no run directory or profile given');
    const format = flags.string('format', 'text');
    const loaded = await loadDiagnoseArgs(args);
    const d = diagnose(buildInputs(loaded.profiles, loaded.kpis, loaded.notes));
    const text = format === 'json' ? formatJson(d) : format === 'markdown' ? formatMarkdown(d) : formatText(d);
    await io.stdout(text);
    return 0;
  },
};
