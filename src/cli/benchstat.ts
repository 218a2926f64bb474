// `gotune benchstat`: Go's benchstat (golang.org/x/perf/cmd/benchstat)
// with the same flags and, byte for byte, the same output; files are read
// here, everything else is the pure src/benchstat/ layer.

import { readFileSync } from 'node:fs';
import { benchstat, checkOptions, type BenchstatInput } from '../benchstat/benchstat.js';
import { parseFileArgs } from '../benchstat/parse.js';
import { fsMessage } from '../fetch/file.js';
import { EXIT, HelpRequested, UsageError, UserError } from '../user-error.js';
import { benchstatUsage, parseBenchstatArgs } from './benchstat-flags.js';
import { printFailure } from './failure.js';
import type { CliIo } from './io.js';
import type { GoSubcommand } from './subcommand.js';

/** readStdin reads standard input to its end. */
async function readStdin(io: CliIo): Promise<string> {
  const stream = io.terminal?.stdin ?? process.stdin;
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

/** readInputs reads every file argument (a missing or unreadable file is a UserError, as it stops benchstat). */
async function readInputs(args: readonly string[], io: CliIo): Promise<BenchstatInput[]> {
  const out: BenchstatInput[] = [];
  let stdin: string | null = null;
  for (const f of parseFileArgs(args)) {
    if (f.isStdin) {
      stdin ??= await readStdin(io);
      out.push({ path: f.path, label: f.label, text: stdin });
      continue;
    }
    let text: string;
    try {
      text = readFileSync(f.path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UserError(code === 'EISDIR' ? `read ${f.path}: is a directory` : `open ${f.path}: ${fsMessage(e)}`);
    }
    out.push({ path: f.path, label: f.label, text });
  }
  return out;
}

async function runBenchstat(argv: string[], io: CliIo): Promise<number> {
  try {
    const { options, files } = parseBenchstatArgs(argv);
    if (files.length === 0) throw new UsageError('no input files given', true);
    checkOptions(options);
    const inputs = await readInputs(files, io);
    const out = benchstat(inputs, options);
    for (const line of out.stderr) io.stderr(line);
    // benchstat prints nothing for a file without benchmark lines; that is
    // almost always the wrong file, so gotune says so and fails.
    const empty = inputs.filter((_, i) => out.resultsPerInput[i] === 0).map((inp) => inp.path);
    if (empty.length > 0) throw new UserError(`no benchmark results in ${empty.join(', ')} (want \`go test -bench\` output)`);
    await io.stdout(out.stdout);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof HelpRequested) {
      io.stderr(benchstatUsage().replace(/\n$/, ''));
      return EXIT.ok;
    }
    if (e instanceof UsageError) {
      io.stderr(`gotune benchstat: ${e.message} (run \`gotune benchstat -h\` for usage)`);
      return EXIT.badInput;
    }
    // Every failure of benchstat is about its input: exit 2 (Go's benchstat exits 0 after printing the error).
    printFailure(e, 'gotune benchstat', (l) => io.stderr(l));
    return EXIT.badInput;
  }
}

/** benchstatCommand is `gotune benchstat`. */
export const benchstatCommand: GoSubcommand = { style: 'go', usage: benchstatUsage, run: runBenchstat };
