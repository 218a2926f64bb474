// Reading one line typed at the `(pprof)` prompt: shortcuts (sample-type
// names, `:`), option assignments, the shell's own words (o, help, quit)
// and report commands with pprof's argument rules (`top10 -cum main.`).

import { commandByName, type CommandDef } from './commands.js';
import type { Config } from './config.js';
import { FILTER_SETTINGS, isBoolSetting, isSettingName, ShellError } from './shell-settings.js';

/** ShellAction is what one (expanded) line asks for. */
export type ShellAction =
  | { kind: 'none' }
  | { kind: 'set'; name: string; value: string }
  | { kind: 'options' }
  | { kind: 'quit' }
  | { kind: 'help'; topic: string }
  | { kind: 'report'; cmd: CommandDef; arg?: string; config: Config };

// What follows `//:` on an assignment is a comment (the `o` listing prints
// them, so a pasted listing line can be read back).
const COMMENT = '//:';

/**
 * expandShortcuts turns a line into the lines it stands for: a sample
 * type's name selects it (`alloc_space`), `total_<type>` and `mean_<type>`
 * also set mean, and `:` clears the filters. Other lines come back trimmed.
 */
export function expandShortcuts(line: string, sampleTypes: string[]): string[] {
  const input = line.trim();
  if (input === ':') return FILTER_SETTINGS.map((n) => n + '=');
  for (const t of sampleTypes) {
    if (input === t) return [`sample_index=${t}`];
    if (input === 'total_' + t) return ['mean=0', `sample_index=${t}`];
    if (input === 'mean_' + t) return ['mean=1', `sample_index=${t}`];
  }
  return [input];
}

/** fields splits on runs of white space, like Go's strings.Fields. */
function fields(s: string): string[] {
  return s.split(/\s+/).filter((t) => t !== '');
}

/**
 * parseAssignment reads `name=value` (or a bare boolean name) when name is
 * an option or a choice; null when the line is not an assignment.
 */
export function parseAssignment(input: string): { name: string; value: string } | null {
  const eq = input.indexOf('=');
  const name = (eq >= 0 ? input.slice(0, eq) : input).trim();
  if (!isSettingName(name)) return null;
  if (eq < 0) {
    if (!isBoolSetting(name)) throw new ShellError(`please specify a value, e.g. ${name}=<val>`);
    return { name, value: '' };
  }
  let value = input.slice(eq + 1);
  const c = value.lastIndexOf(COMMENT);
  if (c >= 0) value = value.slice(0, c);
  return { name, value: value.trim() };
}

function catRegex(a: string, b: string): string {
  return a !== '' && b !== '' ? `${a}|${b}` : a + b;
}

// strconv.ParseInt(t, 10, 32) succeeds.
function int32Token(t: string): number | null {
  if (!/^[+-]?\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : null;
}

/**
 * parseReportCommand reads a report command and its arguments into the
 * command and the settings for this one report (they do not persist):
 * a number is the node count, `-cum` sorts by cumulative weight, `>f` or
 * `> f` writes to f, `-re` adds an ignore and any other word a focus
 * regexp (for `tags`: tagignore and tagfocus). `top10` is `top 10`.
 */
export function parseReportCommand(tokens: string[], current: Config): ShellAction {
  let [name, ...args] = tokens;
  let cmd = commandByName(name);
  if (!cmd) {
    const digits = /[0-9]+$/.exec(name)?.[0];
    if (digits && digits !== name) {
      name = name.slice(0, -digits.length);
      args = [digits, ...args];
      cmd = commandByName(name);
    }
  }
  if (!cmd) throw new ShellError(`unrecognized command: ${JSON.stringify(name)}`);
  let arg: string | undefined;
  if (cmd.hasParam) {
    if (args.length === 0) throw new ShellError(`command ${name} requires an argument`);
    arg = args[0];
    args = args.slice(1);
  }
  const cfg: Config = { ...current };
  let focus = '';
  let ignore = '';
  for (let i = 0; i < args.length; i++) {
    const t = args[i];
    const n = int32Token(t);
    if (n !== null) {
      cfg.nodecount = n;
      continue;
    }
    if (t.startsWith('>')) {
      let file = t.slice(1);
      if (file === '') {
        if (++i >= args.length) throw new ShellError('unexpected end of line after >');
        file = args[i];
      }
      cfg.output = file;
    } else if (t.startsWith('-')) {
      if (t === '-cum' || t === '--cum') cfg.sort = 'cum';
      else ignore = catRegex(ignore, t.slice(1));
    } else {
      focus = catRegex(focus, t);
    }
  }
  if (name === 'tags') {
    if (focus !== '') cfg.tagfocus = focus;
    if (ignore !== '') cfg.tagignore = ignore;
  } else {
    if (focus !== '') cfg.focus = focus;
    if (ignore !== '') cfg.ignore = ignore;
  }
  // The shell's top list is ten lines long unless told otherwise.
  if (cfg.nodecount === -1 && (name === 'text' || name === 'top')) cfg.nodecount = 10;
  return arg !== undefined ? { kind: 'report', cmd, arg, config: cfg } : { kind: 'report', cmd, config: cfg };
}

/**
 * parseLine interprets one expanded line against the current settings.
 * Beyond pprof, `name value` sets an option too (pprof answers "did you
 * mean: name=value"). Throws ShellError with the line to print.
 */
export function parseLine(input: string, current: Config): ShellAction {
  const assignment = parseAssignment(input);
  if (assignment) return { kind: 'set', ...assignment };
  const tokens = fields(input);
  if (tokens.length === 0) return { kind: 'none' };
  switch (tokens[0]) {
    case 'o': case 'options': return { kind: 'options' };
    case 'exit': case 'quit': case 'q': return { kind: 'quit' };
    case 'help': return { kind: 'help', topic: tokens.slice(1).join(' ') };
  }
  if (!commandByName(tokens[0]) && isSettingName(tokens[0])) {
    const value = input.slice(input.indexOf(tokens[0]) + tokens[0].length).trim();
    return { kind: 'set', name: tokens[0], value };
  }
  return parseReportCommand(tokens, current);
}
