// Tab completion for the shell: command, option and choice names, option
// values (choices, sample types, booleans, function names for the regexp
// options) and function names in a report command's arguments.

import { COMMANDS, commandByName } from './commands.js';
import { OPTIONS, optionByName } from './config.js';

/** CompletionContext is what completion knows about the profile. */
export interface CompletionContext {
  sampleTypes: string[];
  /** Function names of the profile, sorted and without duplicates. */
  functionNames: string[];
}

/** Completion replaces `token`, the end of the line, with one of `candidates`. */
export interface Completion {
  candidates: string[];
  token: string;
}

const SHELL_WORDS = ['help', 'o', 'options', 'quit', 'exit'];

// Options whose value is a regexp over function names.
const FUNCTION_OPTIONS = new Set(['focus', 'ignore', 'hide', 'show', 'show_from', 'prune_from']);

function uniqueSorted(names: string[]): string[] {
  return [...new Set(names)].sort();
}

/** topLevelNames are the words a line may start with. */
function topLevelNames(ctx: CompletionContext): string[] {
  const names = COMMANDS.map((c) => c.name);
  for (const o of OPTIONS) names.push(...(o.choices ?? [o.name]));
  return uniqueSorted([...names, ...ctx.sampleTypes, ...SHELL_WORDS, 'sort', 'granularity']);
}

// The topics `help` knows: commands, options with a help text, choices.
function helpTopics(): string[] {
  const names = COMMANDS.map((c) => c.name);
  for (const o of OPTIONS) names.push(...(o.choices ?? (o.help !== '' ? [o.name] : [])));
  return uniqueSorted(names);
}

function byPrefix(words: readonly string[], token: string): string[] {
  return words.filter((w) => w.startsWith(token));
}

/**
 * matchFunctions lists function names starting with token or, when none
 * does, containing it (so `fib` finds `main.fib`, as in pprof).
 */
function matchFunctions(names: string[], token: string): string[] {
  const prefixed = byPrefix(names, token);
  if (prefixed.length > 0 || token === '') return prefixed;
  return names.filter((n) => n.includes(token));
}

function completeValue(name: string, value: string, ctx: CompletionContext): string[] {
  const o = optionByName(name);
  if (!o) return [];
  if (o.name !== name || o.type === 'bool') return byPrefix(['true', 'false'], value);
  if (o.choices) return byPrefix(o.choices, value);
  if (o.name === 'sample_index') return byPrefix(ctx.sampleTypes, value);
  if (FUNCTION_OPTIONS.has(o.name)) return matchFunctions(ctx.functionNames, value);
  return [];
}

function reportCommandName(word: string): string | null {
  if (commandByName(word)) return word;
  const base = word.replace(/[0-9]+$/, '');
  return base !== word && commandByName(base) ? base : null;
}

/** completeLine completes the text before the cursor. */
export function completeLine(line: string, ctx: CompletionContext): Completion {
  const atSpace = /\s$/.test(line);
  const words = line.split(/\s+/).filter((w) => w !== '');
  const token = atSpace || words.length === 0 ? '' : words[words.length - 1];
  const before = atSpace ? words : words.slice(0, -1);
  const none = { candidates: [], token };
  if (before.length === 0) {
    const eq = token.indexOf('=');
    if (eq >= 0) {
      const value = token.slice(eq + 1);
      return { candidates: completeValue(token.slice(0, eq), value, ctx), token: value };
    }
    return { candidates: byPrefix(topLevelNames(ctx), token), token };
  }
  const first = before[0];
  if (first === 'help') {
    return before.length === 1 ? { candidates: byPrefix(helpTopics(), token), token } : none;
  }
  const cmd = reportCommandName(first);
  if (cmd !== null) {
    if (cmd === 'tags' || token.startsWith('>')) return none;
    if (token.startsWith('-') && token !== '-cum') {
      return { candidates: matchFunctions(ctx.functionNames, token.slice(1)).map((f) => '-' + f), token };
    }
    return { candidates: matchFunctions(ctx.functionNames, token), token };
  }
  if (optionByName(first) && before.length === 1) return { candidates: completeValue(first, token, ctx), token };
  return none;
}
