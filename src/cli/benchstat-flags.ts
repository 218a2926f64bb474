// benchstat's command line, read as Go's flag package reads it: -name
// value, -name=value (one or two dashes), flags before the files only (the
// first argument that is not a flag ends them), "--" ends them too.

import { DEFAULT_OPTIONS, type BenchstatOptions } from '../benchstat/benchstat.js';
import { parseGoFloat } from '../benchstat/parse.js';
import { HelpRequested, UsageError } from '../user-error.js';

/** BenchstatFlag is one flag: its placeholder and help, as -h prints them, and where its value goes. */
interface BenchstatFlag {
  name: keyof BenchstatOptions;
  arg: string;
  help: string;
  kind: 'float' | 'string';
}

/** FLAGS are benchstat's flags, in the order -h lists them (alphabetical, as Go prints them). */
const FLAGS: readonly BenchstatFlag[] = [
  { name: 'alpha', arg: 'α', kind: 'float', help: 'consider change significant if p < α (default 0.05)' },
  { name: 'col', arg: 'projection', kind: 'string', help: 'split results into columns by distinct values of projection (default ".file")' },
  { name: 'confidence', arg: 'level', kind: 'float', help: 'confidence level for ranges (default 0.95)' },
  { name: 'filter', arg: 'query', kind: 'string', help: 'use only benchmarks matching benchfilter query (default "*")' },
  { name: 'format', arg: 'format', kind: 'string', help: 'print results in format: text (default) or csv (warnings go to standard error)' },
  { name: 'ignore', arg: 'keys', kind: 'string', help: 'ignore variations in keys' },
  { name: 'row', arg: 'projection', kind: 'string', help: 'split results into rows by distinct values of projection (default ".fullname")' },
  { name: 'table', arg: 'projection', kind: 'string', help: 'split results into tables by distinct values of projection (default ".config")' },
];

/** benchstatUsage is the text -h prints. */
export function benchstatUsage(): string {
  return [
    'usage: gotune benchstat [flags] old.txt [new.txt more.txt…]',
    '',
    'Summarizes `go test -bench` output as Go\'s benchstat does, byte for byte:',
    'the median and its 95% confidence interval per benchmark and input, and,',
    'given several inputs, each compared with the first (Mann–Whitney U test;',
    '"~" when the difference is likely noise). An input may be label=path to',
    'name its column, or - for standard input.',
    '',
    'Flags:',
    ...FLAGS.flatMap((f) => [`  -${f.name} ${f.arg}`, `    \t${f.help}`]),
    '',
  ].join('\n');
}

/** parseBenchstatArgs reads argv into options and file arguments; it throws UsageError or HelpRequested. */
export function parseBenchstatArgs(argv: readonly string[]): { options: BenchstatOptions; files: string[] } {
  const options: BenchstatOptions = { ...DEFAULT_OPTIONS };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const body = a.startsWith('--') ? a.slice(2) : a.slice(1);
    if (body === '' || body.startsWith('-') || body.startsWith('=')) throw new UsageError(`bad flag syntax: ${a}`);
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const flag = FLAGS.find((f) => f.name === name);
    if (!flag) {
      if (name === 'h' || name === 'help') throw new HelpRequested();
      throw new UsageError(`flag provided but not defined: -${name}`);
    }
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    else throw new UsageError(`flag needs an argument: -${name}`);
    if (flag.kind === 'float') {
      const v = parseGoFloat(value);
      if (typeof v !== 'number') throw new UsageError(`invalid value "${value}" for flag -${name}: parse error`);
      Object.assign(options, { [flag.name]: v });
    } else {
      Object.assign(options, { [flag.name]: value });
    }
  }
  return { options, files: argv.slice(i) };
}
