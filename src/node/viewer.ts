// Opening a file in a viewer from this process: the user's $BROWSER, else
// the desktop's opener (open, xdg-open, start), or a named program such as
// kcachegrind; the viewer outlives gotune. Also temporary files for it.

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** tempFile writes data to a new file `name` in a fresh temporary directory and returns its path. */
export function tempFile(name: string, data: string | Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gotune-')), name);
  writeFileSync(file, data);
  return file;
}

/** browserCommands lists the commands tried to open a file or URL in a browser, best first. */
export function browserCommands(env: NodeJS.ProcessEnv, platform: string = process.platform): string[][] {
  const cmds: string[][] = [];
  const user = (env.BROWSER ?? '').trim();
  if (user !== '') cmds.push(user.split(/\s+/));
  if (platform === 'darwin') cmds.push(['open']);
  else if (platform === 'win32') cmds.push(['cmd', '/c', 'start', '""']);
  // xdg-open needs a desktop; without one it may start a text browser.
  else if (env.DISPLAY || env.WAYLAND_DISPLAY) cmds.push(['xdg-open']);
  return cmds;
}

function start(cmd: readonly string[], target: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], [...cmd.slice(1), target], { detached: true, stdio: 'ignore', env });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      // The viewer outlives gotune; the file stays for it to read.
      child.unref();
      resolve(true);
    });
  });
}

/** openViewer starts the first of cmds that exists on target and returns its name, or null when none could start. */
export async function openViewer(cmds: readonly (readonly string[])[], target: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  for (const c of cmds) if (await start(c, target, env)) return c[0];
  return null;
}
