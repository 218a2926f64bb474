// The UI's own code, served from the package: the bundle and stylesheet
// that `npm run build` writes to dist/web/ (scripts/build-ui.ts), and
// nothing else.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../../node/package-root.js';
import { send, sendError } from '../http-util.js';
import type { Handler } from '../route.js';

// From the package's root, not from this module: the CLI runs it bundled
// (dist/cli/) as well as compiled (dist/src/).
const distWeb = (): string => join(packageRoot(), 'dist', 'web');
const FILES: Readonly<Record<string, string>> = {
  'ui.js': 'text/javascript; charset=utf-8',
  'ui.js.map': 'application/json; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
};

/** staticHandler serves /ui/static/<file> from the fixed list. */
export const staticHandler: Handler = async ({ url, res }) => {
  const name = url.pathname.slice('/ui/static/'.length);
  const type = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (type === undefined) return sendError(res, 404, 'not found');
  try {
    send(res, 200, type, await readFile(join(distWeb(), name)), { 'cache-control': 'no-cache' });
  } catch {
    sendError(res, 404, 'not found: the UI is not built (npm run build)');
  }
};
