// A program on a real pseudo-terminal, for tests: tmux runs it, send-keys
// types real keystrokes and capture-pane reads the screen. Each Pty has
// its own tmux server (a socket in a temporary folder).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** tmuxMissing tells whether tmux is absent (the tests that need it skip). */
export const tmuxMissing = spawnSync('tmux', ['-V'], { encoding: 'utf8' }).status !== 0;

/** PTY_SKIP is the reason those tests print when they skip. */
export const PTY_SKIP = 'tmux is not installed (apt-get install tmux); the pseudo-terminal tests need it';

/** shq quotes a word for the shell. */
export function shq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Pty drives one program in a private tmux server. */
export class Pty {
  readonly dir = mkdtempSync(join(tmpdir(), 'gotune-pty-'));
  private readonly sock = join(this.dir, 'tmux.sock');

  /** Runs command in dir; prompt is the program's prompt, for run() and outputSince(). */
  constructor(command: string, env: Record<string, string>, dir: string, private readonly prompt = '') {
    const vars = Object.entries({ TZ: 'UTC', TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${shq(v)}`).join(' ');
    // The pane stays open after the program ends, so its last screen and exit status can be read.
    const script = `cd ${shq(dir)} && env ${vars} ${command}; echo "[exited $?]"; sleep 600`;
    this.tmux('new-session', '-d', '-s', 'gt', '-x', '160', '-y', '60', script);
  }

  private tmux(...args: string[]): string {
    const r = spawnSync('tmux', ['-S', this.sock, '-f', '/dev/null', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr}`);
    return r.stdout;
  }

  /** type sends text as typed, character by character. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'gt', '-l', text);
  }

  /** press sends named keys: Enter, Tab, Up, C-d, C-c. */
  press(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'gt', ...keys);
  }

  /** screen is the pane with its scrollback, lines right-trimmed, trailing blank lines dropped. */
  screen(): string[] {
    const lines = this.tmux('capture-pane', '-p', '-t', 'gt', '-S', '-2000').split('\n').map((l) => l.trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  /** waitFor polls the screen until ok holds (10 s at most, then fails showing the screen). */
  async waitFor(what: string, ok: (lines: string[]) => boolean, ms = 10000): Promise<string[]> {
    const end = Date.now() + ms;
    for (;;) {
      const lines = this.screen();
      if (ok(lines)) return lines;
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}; screen:\n${lines.join('\n')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** waitLast waits until the last line of the screen is `line`. */
  waitLast(line: string): Promise<string[]> {
    return this.waitFor(JSON.stringify(line), (l) => l[l.length - 1] === line);
  }

  /** run types a line, presses Enter and returns what it printed before the next prompt. */
  async run(line: string): Promise<string[]> {
    const before = this.screen().length;
    this.type(line);
    await this.waitLast(this.prompt + line);
    this.press('Enter');
    return this.outputSince(before - 1, this.prompt + line);
  }

  /** outputSince waits for the prompt after `echo` (at or after line `from`) and returns the lines between. */
  async outputSince(from: number, echo: string): Promise<string[]> {
    const lines = await this.waitFor(`the prompt after ${echo}`, (l) => {
      const at = l.indexOf(echo, Math.max(from, 0));
      return at >= 0 && l.length > at + 1 && l[l.length - 1] === this.prompt.trimEnd();
    });
    const at = lines.indexOf(echo, Math.max(from, 0));
    return lines.slice(at + 1, lines.length - 1);
  }

  /** close stops the tmux server and removes its folder. */
  close(): void {
    spawnSync('tmux', ['-S', this.sock, 'kill-server']);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
