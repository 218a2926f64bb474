// The interactive shell of `gotune pprof` (no output format given): the
// `(pprof)` prompt loop. Each line is read, expanded and run through the
// commands table and the shared pipeline (generateReport), so the shell
// prints what the CLI prints for the same settings. Input and output go
// through a ShellPort; the terminal side lives in src/cli.

import type { Profile } from '../profile/types.js';
import { profileLabels } from '../report/report.js';
import type { ReportTools, Ui } from '../ports.js';
import { commandByName, type CommandDef } from './commands.js';
import type { Config } from './config.js';
import type { ReportOutput } from '../report/output.js';
import { errorText, generateReport, makeReport } from './pipeline.js';
import { completeLine, type Completion, type CompletionContext } from './shell-complete.js';
import { shellOverview, shellTopicHelp } from './shell-help.js';
import { expandShortcuts, parseLine, type ShellAction } from './shell-line.js';
import { applySetting, formatOptions, ShellError } from './shell-settings.js';

/** SHELL_PROMPT is pprof's prompt. */
const SHELL_PROMPT = '(pprof) ';

/** ShellPort is everything the shell does outside itself. */
export interface ShellPort {
  /** readLine shows the prompt and resolves to the next line, or null at the end of input. */
  readLine(prompt: string): Promise<string | null>;
  /** print writes to standard output, as is. */
  print(text: string): void;
  /** message writes the shell's own text (banner, help, options), as is. */
  message(text: string): void;
  /** printErr writes one error or notice line (without its newline). */
  printErr(line: string): void;
  /**
   * deliver puts a report where the CLI would for the same command, as in
   * pprof's shell: the file `output` when set, else the screen, a new file
   * for binary and graph-file formats, or a viewer (web, kcachegrind).
   */
  deliver(cmd: CommandDef, out: ReportOutput, output: string): Promise<void>;
}

// Errors from JavaScript itself are bugs in gotune; everything else thrown
// while running a line is about the input and is printed as it is.
function isBug(e: unknown): boolean {
  return e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError;
}

/** ShellSession holds the settings of one shell and runs its lines. */
export class ShellSession {
  /** The current settings; `name=value` lines change them. */
  config: Config;
  private readonly sampleTypes: string[];
  private functionNames: string[] | null = null;
  private readonly ui: Ui;

  /**
   * The settings start from the command line's, with compact headers as in
   * pprof; tools serve the source and assembly reports, as for the CLI.
   */
  constructor(readonly profile: Profile, config: Config, private readonly port: ShellPort,
    private readonly tools: ReportTools = {}) {
    this.config = { ...config, compact_labels: true };
    this.sampleTypes = profile.sampleTypes.map((t) => t.type);
    this.ui = { print: (t) => port.print(t), printErr: (l) => port.printErr(l), isTerminal: () => false };
  }

  private say(text: string): void {
    this.port.message(text.endsWith('\n') ? text : text + '\n');
  }

  /**
   * greet prints the profile's header lines (over the whole profile, before
   * any filter) and the line that announces the prompt.
   */
  greet(): void {
    const whole: Config = {
      ...this.config, focus: '', ignore: '', hide: '', show: '', show_from: '', prune_from: '',
      tagfocus: '', tagignore: '', tagshow: '', taghide: '', tagroot: '', tagleaf: '',
      relative_percentages: false,
      // Address granularity with inlines kept leaves the profile as it is.
      granularity: 'addresses', noinlines: false,
    };
    try {
      const rpt = makeReport(this.profile, { cmd: commandByName('top')! }, whole, this.ui);
      this.say(profileLabels(rpt).join('\n'));
      if (rpt.total === 0 && this.sampleTypes.length > 1) {
        this.say('No samples were found with the default sample value type.');
        this.say('Try "sample_index" command to analyze different sample values.');
      }
    } catch {
      // Settings this profile cannot use (a bad sample_index): pprof then
      // shows no header, and every report says what is wrong.
    }
    this.say('Entering interactive mode (type "help" for commands, "o" for options)');
  }

  /** execute runs one typed line; false when the shell should end. */
  async execute(line: string): Promise<boolean> {
    for (const input of expandShortcuts(line, this.sampleTypes)) {
      try {
        if (!(await this.perform(parseLine(input, this.config)))) return false;
      } catch (e) {
        if (e instanceof ShellError || !isBug(e)) this.port.printErr(errorText(e));
        else this.port.printErr(`internal error: ${errorText(e)}`);
      }
    }
    return true;
  }

  private async perform(a: ShellAction): Promise<boolean> {
    switch (a.kind) {
      case 'none': break;
      case 'quit': return false;
      case 'set': this.config = applySetting(this.config, a.name, a.value, this.profile); break;
      case 'options': this.say(formatOptions(this.config, this.profile)); break;
      case 'help': this.help(a.topic); break;
      case 'report': await this.report(a.cmd, a.arg, a.config); break;
    }
    return true;
  }

  private help(topic: string): void {
    if (topic === '') {
      this.say(shellOverview());
      return;
    }
    const text = shellTopicHelp(topic, this.sampleTypes);
    if (text === null) this.port.printErr(`Unknown command: ${topic}`);
    else this.say(text);
  }

  private async report(cmd: CommandDef, arg: string | undefined, cfg: Config): Promise<void> {
    if (cmd.notSupported) throw new ShellError(`${cmd.name} is not supported yet (${cmd.notSupported})`);
    const out = generateReport(this.profile, arg !== undefined ? { cmd, arg } : { cmd }, cfg, this.ui, this.tools);
    await this.port.deliver(cmd, out, cfg.output);
  }

  /** completionContext is what tab completion knows of this profile (function names computed once). */
  completionContext(): CompletionContext {
    if (this.functionNames === null) {
      this.functionNames = [...new Set(this.profile.functions.map((f) => f.name).filter((n) => n !== ''))].sort();
    }
    return { sampleTypes: this.sampleTypes, functionNames: this.functionNames };
  }

  /** complete completes the text before the cursor. */
  complete(line: string): Completion {
    return completeLine(line, this.completionContext());
  }

  /** run greets, then reads and runs lines until quit or the end of input. */
  async run(): Promise<void> {
    this.greet();
    for (;;) {
      const line = await this.port.readLine(SHELL_PROMPT);
      if (line === null || !(await this.execute(line))) return;
    }
  }
}
