// `gotune version` (also `gotune --version`): the package's version.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../node/package-root.js';
import { UsageError } from '../user-error.js';
import type { GnuSubcommand } from './subcommand.js';

/** packageVersion is the version in gotune's package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** versionCommand is `gotune version`. */
export const versionCommand: GnuSubcommand = {
  style: 'gnu',
  usage: 'usage: gotune version\n\nPrints the version of gotune.\n',
  flags: [],
  async run(_flags, args, io) {
    if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`);
    await io.stdout(`gotune ${packageVersion()} (node ${process.version})\n`);
    return 0;
  },
};
