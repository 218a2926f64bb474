#!/usr/bin/env node
// gotune's executable: runs the compiled CLI (built by `npm ci` via prepare).
import { main } from '../dist/src/cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: (data) => process.stdout.write(data),
  stderr: (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
  isTerminal: Boolean(process.stdout.isTTY),
  terminal: { stdin: process.stdin, stderr: process.stderr },
});
process.exitCode = code;
