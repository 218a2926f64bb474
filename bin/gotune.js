#!/usr/bin/env node
// gotune's executable: runs the compiled CLI (built by `npm ci` via prepare).
import { once } from 'node:events';
import { main } from '../dist/src/cli/main.js';

const code = await main(process.argv.slice(2), {
  // When the reader is slower than gotune (a pipe into less or grep), wait
  // for it rather than queueing the rest of a large report in memory.
  stdout: (data) => (process.stdout.write(data) ? undefined : once(process.stdout, 'drain').then(() => undefined)),
  stderr: (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
  isTerminal: Boolean(process.stdout.isTTY),
  terminal: { stdin: process.stdin, stderr: process.stderr },
});
process.exitCode = code;
