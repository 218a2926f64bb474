// `gotune pprof` command-line arguments: pprof's flags (derived from the
// options and commands tables), the shorthand sample-index flags, and the
// source list, into a SourceSpec, a Config and at most one command.

import { COMMANDS, type CommandDef } from './commands.js';
import { CHOICE_HELP, defaultConfig, OPTIONS, type Config } from './config.js';
import { parseFlags, type FlagDef, type FlagValues } from './goflags.js';
import { DEFAULT_MAX_DECOMPRESSED } from '../profile/limits.js';
import { UsageError } from '../user-error.js';
import type { SourceSpec } from './pipeline.js';


/** UsageSection names the part of `gotune pprof -h` a flag is listed in. */
type UsageSection = 'source' | 'misc' | 'legacy' | 'gotune';

/** SourceFlag is a flag outside the options and commands tables, with its lines in the usage. */
interface SourceFlag extends FlagDef {
  section: UsageSection;
  /** The usage entry: the first line's left column, and the lines of help (pprof's words, then gotune's notes). */
  usage: [string, ...string[]];
}

const SOURCE_FLAGS: SourceFlag[] = [
  { name: 'seconds', kind: 'int', help: 'Length of time for dynamic profiles', defValue: '-1', section: 'source', usage: ['-seconds', 'Duration for time-based profile collection'] },
  { name: 'timeout', kind: 'int', help: 'Timeout in seconds for fetching a profile', defValue: '-1', section: 'source', usage: ['-timeout', 'Timeout in seconds for profile collection'] },
  { name: 'buildid', kind: 'string', help: 'Override build id for first mapping', section: 'source', usage: ['-buildid', 'Override build id for main binary'] },
  { name: 'add_comment', kind: 'string', help: 'Annotation string to record in the profile', section: 'source', usage: ['-add_comment', 'Free-form annotation to add to the profile', 'Displayed on some reports or with pprof -comments'] },
  { name: 'diff_base', kind: 'string', help: 'Source of base profile for comparison', section: 'source', usage: ['-diff_base source', 'Source of base profile for comparison'] },
  { name: 'base', kind: 'string', help: 'Source of base profile for profile subtraction', section: 'source', usage: ['-base source', 'Source of base profile for profile subtraction'] },
  {
    name: 'symbolize', kind: 'string', help: 'Options for profile symbolization', section: 'source',
    usage: ['-symbolize=', 'Controls source of symbol information', '  none                  Do not attempt symbolization',
      '  local                 Examine only local binaries (gotune: not supported yet)',
      '  fastlocal             Only get function names from local binaries (gotune: not supported yet)',
      '  remote                Do not examine local binaries (gotune: not supported yet)',
      '  force                 Force re-symbolization (gotune: not supported yet)'],
  },
  { name: 'tls_cert', kind: 'string', help: 'TLS client certificate file for fetching profile and symbols', section: 'source', usage: ['-tls_cert', 'TLS client certificate file for fetching profile and symbols'] },
  { name: 'tls_key', kind: 'string', help: 'TLS private key file for fetching profile and symbols', section: 'source', usage: ['-tls_key', 'TLS private key file for fetching profile and symbols'] },
  { name: 'tls_ca', kind: 'string', help: 'TLS CA certs file for fetching profile and symbols', section: 'source', usage: ['-tls_ca', 'TLS CA certs file for fetching profile and symbols'] },
  {
    name: 'http', kind: 'string', help: 'Present interactive web UI at the specified http host:port', section: 'misc',
    usage: ['-http', 'Provide web interface at host:port.', "Host is optional and 'localhost' by default.", 'Port is optional and a randomly available port by default.'],
  },
  { name: 'no_browser', kind: 'bool', help: 'Skip opening a browser for the interactive web UI', section: 'misc', usage: ['-no_browser', 'Skip opening a browser for the interactive web UI.', '(gotune: also with -web, which then only writes its file)'] },
  { name: 'tools', kind: 'string', help: 'Path for object tool pathnames', section: 'misc', usage: ['-tools', 'Search path for object tools', '(gotune: ignored, as in go tool pprof; `go tool objdump`, else binutils, from PATH)'] },
  { name: 'inuse_space', kind: 'bool', help: 'Display in-use memory size', section: 'legacy', usage: ['-inuse_space', 'Same as -sample_index=inuse_space'] },
  { name: 'inuse_objects', kind: 'bool', help: 'Display in-use object counts', section: 'legacy', usage: ['-inuse_objects', 'Same as -sample_index=inuse_objects'] },
  { name: 'alloc_space', kind: 'bool', help: 'Display allocated memory size', section: 'legacy', usage: ['-alloc_space', 'Same as -sample_index=alloc_space'] },
  { name: 'alloc_objects', kind: 'bool', help: 'Display allocated object counts', section: 'legacy', usage: ['-alloc_objects', 'Same as -sample_index=alloc_objects'] },
  { name: 'total_delay', kind: 'bool', help: 'Display total delay at each region', section: 'legacy', usage: ['-total_delay', 'Same as -sample_index=delay'] },
  { name: 'contentions', kind: 'bool', help: 'Display number of delays at each region', section: 'legacy', usage: ['-contentions', 'Same as -sample_index=contentions'] },
  { name: 'mean_delay', kind: 'bool', help: 'Display mean delay at each region', section: 'legacy', usage: ['-mean_delay', 'Same as -mean -sample_index=delay'] },
  {
    name: 'max_decompressed_size', kind: 'string', help: 'Largest decompressed profile accepted, e.g. 4gb (gotune; default 1gb)', section: 'gotune',
    usage: ['-max_decompressed_size', 'Largest decompressed profile accepted (default 1gb), e.g. 4gb:', 'a guard against gzip bombs, checked while decompressing'],
  },
];

/** ENVIRONMENT lists the environment variables of `gotune pprof -h`: pprof's, then gotune's own. */
const ENVIRONMENT: [string, ...string[]][] = [
  ['PPROF_TMPDIR', 'Location for saved profiles (default $HOME/pprof)'],
  ['PPROF_TOOLS', 'Search path for object-level tools (gotune: ignored, as -tools)'],
  ['PPROF_BINARY_PATH', 'Search path for local binary files', 'default: $HOME/pprof/binaries',
    '(gotune: not used yet: symbolization from local binaries is not supported)'],
  ['GOTUNE_THREADS', '1 keeps everything on one thread (default: a helper thread for large profiles)'],
  ['GOTUNE_OBJTOOL', 'go or binutils: the tools that read binaries (default: go, else binutils)'],
  ['GOTUNE_DEBUG', 'set: print the stack of an internal error'],
];

/** pprofFlagDefs lists every flag `gotune pprof` accepts. */
function pprofFlagDefs(): FlagDef[] {
  const defs: FlagDef[] = SOURCE_FLAGS.map(({ name, kind, help, defValue }) => ({ name, kind, help, defValue }));
  for (const o of OPTIONS) {
    if (o.choices) {
      for (const c of o.choices) defs.push({ name: c, kind: 'bool', help: CHOICE_HELP[c] ?? '' });
    } else {
      defs.push({ name: o.name, kind: o.type, help: o.help });
    }
  }
  for (const c of COMMANDS) {
    defs.push({ name: c.name, kind: c.hasParam ? 'string' : 'bool', help: `Generate a report in ${c.name} format${c.hasParam ? ', matching regexp' : ''}` });
  }
  return defs;
}

/** PprofArgs is the parsed command line. */
export interface PprofArgs {
  spec: SourceSpec;
  config: Config;
  command: { cmd: CommandDef; arg?: string } | null;
  http: string;
  noBrowser: boolean;
  tools: string;
  warnings: string[];
}

function configFromFlags(values: FlagValues, warnings: string[]): Config {
  const cfg = defaultConfig() as unknown as Record<string, unknown>;
  for (const o of OPTIONS) {
    if (o.choices) {
      const set = o.choices.filter((c) => values.get(c) === true);
      if (set.length > 1) throw new UsageError(`conflicting options set: [${set.join(' ')}]`);
      if (set.length === 1) cfg[o.name] = set[0];
      continue;
    }
    if (values.has(o.name)) cfg[o.name] = values.get(o.name);
  }
  const c = cfg as unknown as Config;
  // The legacy shorthands pick a sample index unless one was given.
  const shorthand: [string, string][] = [
    ['total_delay', 'delay'], ['mean_delay', 'delay'], ['contentions', 'contentions'],
    ['inuse_space', 'inuse_space'], ['inuse_objects', 'inuse_objects'],
    ['alloc_space', 'alloc_space'], ['alloc_objects', 'alloc_objects'],
  ];
  for (const [flag, si] of shorthand) {
    if (values.get(flag) === true) {
      if (c.sample_index === '') c.sample_index = si;
      else warnings.push(`Multiple value selections, ignoring -${flag}`);
    }
  }
  if (values.get('mean_delay') === true) c.mean = true;
  return c;
}

/**
 * parsePprofArgs interprets argv; isObjectFile tells whether the first of
 * several arguments is a binary (pprof's [binary] argument).
 */
export function parsePprofArgs(argv: string[], isObjectFile: (p: string) => boolean,
  parseSize: (s: string) => number | null): PprofArgs {
  const { values, args } = parseFlags(argv, pprofFlagDefs());
  const warnings: string[] = [];
  if (args.length === 0) throw new UsageError('no profile source specified', true);
  let execName = '';
  let sources = args;
  if (args.length > 1 && isObjectFile(args[0])) {
    execName = args[0];
    sources = args.slice(1);
  }
  const config = configFromFlags(values, warnings);
  let command: PprofArgs['command'] = null;
  for (const c of COMMANDS) {
    const v = values.get(c.name);
    if (v === undefined || v === false || v === '') continue;
    if (command) throw new UsageError(`must set at most one output format (got -${command.cmd.name} and -${c.name})`);
    command = c.hasParam ? { cmd: c, arg: v as string } : { cmd: c };
  }
  const http = (values.get('http') as string | undefined) ?? '';
  const noBrowser = values.get('no_browser') === true;
  if (command && http !== '') throw new UsageError('-http is not compatible with an output format on the command line');
  // gotune also lets -web write its SVG without opening a browser.
  if (noBrowser && http === '' && command?.cmd.name !== 'web') throw new UsageError('-no_browser only makes sense with -http or -web');
  const base = (values.get('base') as string | undefined) ?? '';
  const diffBase = (values.get('diff_base') as string | undefined) ?? '';
  if (base !== '' && diffBase !== '') throw new UsageError('-base and -diff_base flags cannot both be specified');
  if (config.normalize && base === '' && diffBase === '') throw new UsageError('must have base profile to normalize by');
  let maxBytes = DEFAULT_MAX_DECOMPRESSED;
  const sizeFlag = values.get('max_decompressed_size') as string | undefined;
  if (sizeFlag !== undefined) {
    const n = parseSize(sizeFlag);
    if (n === null || n <= 0) throw new UsageError(`invalid value "${sizeFlag}" for flag -max_decompressed_size: want a size such as 4gb`, true);
    maxBytes = n;
  }
  const spec: SourceSpec = {
    sources,
    base: base !== '' ? [base] : diffBase !== '' ? [diffBase] : [],
    diffBase: diffBase !== '',
    normalize: config.normalize,
    execName,
    buildId: (values.get('buildid') as string | undefined) ?? '',
    comment: (values.get('add_comment') as string | undefined) ?? '',
    symbolize: (values.get('symbolize') as string | undefined) ?? '',
    fetch: {
      seconds: (values.get('seconds') as number | undefined) ?? -1,
      timeout: (values.get('timeout') as number | undefined) ?? -1,
      maxDecompressedBytes: maxBytes,
      tls: {
        cert: (values.get('tls_cert') as string | undefined) ?? '',
        key: (values.get('tls_key') as string | undefined) ?? '',
        ca: (values.get('tls_ca') as string | undefined) ?? '',
      },
    },
  };
  return { spec, config, command, http, noBrowser, tools: (values.get('tools') as string | undefined) ?? '', warnings };
}

/** pprofUsage is the help text of `gotune pprof -h`. */
export function pprofUsage(): string {
  const fmt = (c: string, d: string) => `    ${c.padEnd(16)} ${d.split('\n')[0]}`;
  const cmds = COMMANDS.map((c) => fmt('-' + c.name, c.description + (c.notSupported ? ' (not supported yet)' : ''))).sort();
  const vars: string[] = [];
  const radios: string[] = [];
  for (const o of OPTIONS) {
    if (!o.choices) {
      vars.push(fmt('-' + o.name, o.help));
      continue;
    }
    radios.push([fmt(o.name, ''), ...o.choices.map((c) => '  ' + fmt('-' + c, CHOICE_HELP[c] ?? ''))].join('\n'));
  }
  vars.sort();
  radios.sort();
  const section = (name: UsageSection, indent: number, width: number) => SOURCE_FLAGS.filter((f) => f.section === name)
    .flatMap(({ usage: [left, ...lines] }) => lines.map((l, i) =>
      // Lines that start with two spaces are a list under the entry (-symbolize's modes).
      l.startsWith('  ') ? ' '.repeat(indent) + l : `${' '.repeat(indent)}${(i === 0 ? left : '').padEnd(width)} ${l}`));
  const env = ENVIRONMENT.flatMap(([name, ...lines]) => lines.map((l, i) => `   ${(i === 0 ? name : '').padEnd(18)} ${l}`));
  return [
    'usage:',
    '',
    'Produce output in the specified format.',
    '',
    '   gotune pprof <format> [options] [binary] <source> ...',
    '',
    'Omit the format to get an interactive shell whose commands can be used',
    'to generate various views of a profile',
    '',
    '   gotune pprof [options] [binary] <source> ...',
    '',
    'Omit the format and provide the "-http" flag to get an interactive web',
    'interface at the specified host:port that can be used to navigate through',
    'various views of a profile.',
    '',
    '   gotune pprof -http [host]:[port] [options] [binary] <source> ...',
    '',
    'Details:',
    '  Output formats (select at most one):',
    ...cmds,
    '',
    '  Options:',
    ...vars,
    '',
    '  Option groups (only set one per group):',
    ...radios,
    '',
    '  Source options:',
    ...section('source', 4, 21),
    '    profile.pb.gz         Profile in compressed protobuf format',
    '    legacy_profile        Profile in legacy pprof format',
    '    http://host/profile   URL for profile handler to retrieve',
    '    Binary                Local path or build id of binary for symbolization',
    '',
    '  Misc options:',
    ...section('misc', 3, 18),
    '',
    '  Legacy convenience options:',
    ...section('legacy', 3, 22),
    '',
    '  gotune options:',
    ...section('gotune', 3, 22),
    '',
    '  Environment Variables:',
    ...env,
    '',
  ].join('\n');
}
