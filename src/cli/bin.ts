// The gotune process: wires the CLI to this process's streams and exit
// code. bin/gotune.js runs it; tests spawn it to run the build they belong to.

import { once } from 'node:events';
import { main } from './main.js';

const code = await main(process.argv.slice(2), {
  // When the reader is slower than gotune (a pipe into less or grep), wait
  // for it rather than queueing the rest of a large report in memory.
  stdout: (data) => (process.stdout.write(data) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
  stderr: (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
  isTerminal: Boolean(process.stdout.isTTY),
  terminal: { stdin: process.stdin, stderr: process.stderr },
});
process.exitCode = code;
