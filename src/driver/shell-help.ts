// The shell's `help` texts, derived from the commands and options tables:
// the overview of every command and option, and the help of one of them.

import { COMMANDS, commandByName } from './commands.js';
import { CHOICE_HELP, OPTIONS } from './config.js';

const NOT_YET = ' (not supported yet)';

function row(name: string, text: string): string {
  return `    ${name.padEnd(16)} ${text.split('\n')[0]}`;
}

/** optionHelp is the help of an option or a choice; '' when it has none. */
function optionHelp(name: string, sampleTypes: string[]): string {
  const o = OPTIONS.find((d) => d.name === name && !d.choices);
  let text = o ? o.help : (CHOICE_HELP[name] ?? '');
  if (text !== '' && name === 'sample_index' && sampleTypes.length > 0) {
    text += `Or use sample_index=name, with name in [${sampleTypes.join(' ')}].\n`;
  }
  return text;
}

/**
 * shellOverview is `help` with no topic: the commands (sorted, marked when
 * gotune cannot produce them yet), the options and the option groups.
 */
export function shellOverview(): string {
  const cmds = COMMANDS.map((c) => row(c.name, c.description + (c.notSupported ? NOT_YET : ''))).sort();
  cmds.push(row('o/options', 'List options and their current values'));
  cmds.push(row('q/quit/exit/^D', 'Exit pprof'));
  const vars: string[] = [];
  const groups: string[] = [];
  for (const o of OPTIONS) {
    if (!o.choices) {
      vars.push(row(o.name, o.help));
      continue;
    }
    groups.push([row(o.name, ''), ...o.choices.map((c) => '  ' + row(c, CHOICE_HELP[c] ?? ''))].join('\n'));
  }
  vars.sort();
  groups.sort();
  return [
    '  Commands:',
    ...cmds,
    '',
    '  Options:',
    ...vars,
    '',
    '  Option groups (only set one per group):',
    ...groups,
    '  :   Clear focus/ignore/hide/tagfocus/tagignore',
    '',
    '  type "help <cmd|option>" for more information',
    '',
  ].join('\n');
}

/**
 * shellTopicHelp is `help <topic>` for a command or an option; null when
 * the topic is neither (pprof then prints "Unknown command: <topic>").
 */
export function shellTopicHelp(topic: string, sampleTypes: string[]): string | null {
  const c = commandByName(topic);
  if (c) {
    let text = c.description + (c.notSupported ? NOT_YET : '') + '\n';
    if (c.usage !== '') text += '  Usage:\n' + c.usage.split('\n').map((l) => `    ${l}\n`).join('');
    return text + '\n';
  }
  const h = optionHelp(topic, sampleTypes);
  return h !== '' ? h + '\n' : null;
}
