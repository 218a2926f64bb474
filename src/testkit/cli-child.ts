// The gotune CLI as a child process for tests that need one (signals,
// exit codes): bin/gotune.js, but running the build this file belongs to.

import { once } from 'node:events';
import { main } from '../cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: (data) => (process.stdout.write(data) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
  stderr: (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
  isTerminal: Boolean(process.stdout.isTTY),
  terminal: { stdin: process.stdin, stderr: process.stderr },
});
process.exitCode = code;
