// The gotune command line: argv in, exit status out. The subcommand comes
// from the table (subcommands.ts); GNU-style flags are parsed here, from
// the subcommand's declaration; every failure ends in printFailure.

import { HelpRequested, UsageError } from '../user-error.js';
import { printFailure } from './failure.js';
import { formatGnuFlags, parseGnuFlags } from './gnu-flags.js';
import type { CliIo } from './io.js';
import type { GnuSubcommand } from './subcommand.js';
import { SUBCOMMANDS, subcommandByName } from './subcommands.js';

function mainUsage(): string {
  const width = Math.max(...SUBCOMMANDS.map((s) => s.name.length), 4) + 2;
  return [
    'usage: gotune <command> [arguments]',
    '',
    'Commands:',
    ...SUBCOMMANDS.map((s) => `  ${s.name.padEnd(width)} ${s.summary}`),
    `  ${'help'.padEnd(width)} this text`,
    '',
    'Run `gotune <command> -h` for the flags of a command.',
    '',
  ].join('\n');
}

/** gnuUsage is the --help text of a GNU-style subcommand: its usage, then its flags. */
function gnuUsage(cmd: GnuSubcommand): string {
  return cmd.flags.length === 0 ? cmd.usage : `${cmd.usage}\nFlags:\n${formatGnuFlags(cmd.flags)}`;
}

/** main runs gotune with argv (without the node and script paths). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined: case 'help': case '-h': case '-help': case '--help':
      await io.stdout(mainUsage());
      return name === undefined ? 2 : 0;
    case '--version': case '-version':
      return main(['version', ...rest], io);
  }
  const entry = subcommandByName(name);
  if (!entry) {
    io.stderr(`gotune: unknown command "${name}"; run \`gotune help\``);
    return 2;
  }
  const cmd = await entry.load();
  if (cmd.style === 'go') return cmd.run(rest, io);
  const prog = `gotune ${entry.name}`;
  try {
    const { values, args } = parseGnuFlags(rest, cmd.flags);
    return await cmd.run(values, args, io);
  } catch (e) {
    if (e instanceof HelpRequested) {
      await io.stdout(gnuUsage(cmd));
      return 0;
    }
    const status = printFailure(e, prog, (l) => io.stderr(l));
    if (e instanceof UsageError) io.stderr(`run \`${prog} -h\` for usage`);
    return status;
  }
}
