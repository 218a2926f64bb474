// What a subcommand is: its usage, its flags and its handler. GNU-style
// subcommands declare their flags (the dispatcher parses them and prints
// --help from them); Go-style ones (pprof) parse their own argv.

import type { GnuFlag, GnuFlagValues } from './gnu-flags.js';
import type { CliIo } from './io.js';

/** GnuSubcommand takes GNU-style flags, declared in `flags`. */
export interface GnuSubcommand {
  style: 'gnu';
  /** The synopsis and description that --help prints before the flags. */
  usage: string;
  flags: readonly GnuFlag[];
  /** run does the work and returns the exit status; UserErrors it throws are printed by the dispatcher. */
  run(flags: GnuFlagValues, args: string[], io: CliIo): Promise<number>;
}

/** GoSubcommand parses its own Go-style flags (`-flag=value`), as the Go tool it replaces does. */
export interface GoSubcommand {
  style: 'go';
  /** The text -h prints. */
  usage(): string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Subcommand is one `gotune <name>` command. */
export type Subcommand = GnuSubcommand | GoSubcommand;
