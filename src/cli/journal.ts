// `gotune journal`: the project's record of `gotune verify` runs
// (.gotune/journal.jsonl), as a table or as JSON.

import { journalPath, readJournal } from '../node/journal-file.js';
import { UsageError } from '../user-error.js';
import { formatJournalText, parseJournal } from '../verify/journal.js';
import type { GnuFlag } from './gnu-flags.js';
import type { GnuSubcommand } from './subcommand.js';

const USAGE = `usage: gotune journal [--format text|json] [--journal FILE]

Prints the project's journal: one line per gotune verify (when, the commit,
the verdict, the gate, and the change of the main KPIs' medians where it is
significant). The project is the nearest directory upward with .git or
go.mod, else the current one; its journal is .gotune/journal.jsonl.
`;

const FLAGS: GnuFlag[] = [
  { name: 'format', kind: 'string', arg: 'F', choices: ['text', 'json'], help: 'text (default), or json (an array of the journal\'s entries)' },
  { name: 'journal', kind: 'string', arg: 'FILE', help: 'read FILE instead of the project\'s journal' },
];

/** journalCommand is `gotune journal`. */
export const journalCommand: GnuSubcommand = {
  style: 'gnu',
  usage: USAGE,
  flags: FLAGS,
  async run(flags, args, io) {
    if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}: gotune journal takes flags only`);
    const file = flags.string('journal') || journalPath(process.cwd());
    const text = readJournal(file);
    const json = flags.string('format', 'text') === 'json';
    if (text === null) {
      io.stderr(`gotune journal: no journal yet at ${file}: gotune verify writes one`);
      if (json) await io.stdout('[]\n');
      return 0;
    }
    const { entries, problems } = parseJournal(text);
    for (const p of problems) io.stderr(`gotune journal: ${file}: ${p}`);
    await io.stdout(json ? JSON.stringify(entries, null, 2) + '\n' : formatJournalText(entries));
    return 0;
  },
};
