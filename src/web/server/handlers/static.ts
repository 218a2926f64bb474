// The UI's own code, served from the package: the compiled browser layer
// (dist/src/web/client/) and the pure layers it imports, JavaScript and CSS
// only, never a path that leaves those folders.

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { send, sendError } from '../http-util.js';
import type { Handler } from '../route.js';

const DIST_SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SERVED = /^(web\/client|profile|units|graph|report)\/[A-Za-z0-9_\/-]+\.(js|css)$/;
// The stylesheet lives beside the sources (tsc does not copy it).
const CSS = join(DIST_SRC, '..', '..', 'src', 'web', 'client', 'style.css');

/** staticHandler serves /ui/static/<file>. */
export const staticHandler: Handler = async ({ url, res }) => {
  const rel = url.pathname.slice('/ui/static/'.length);
  if (!SERVED.test(rel) || rel.split('/').includes('..')) return sendError(res, 404, 'not found');
  const file = rel === 'web/client/style.css' ? CSS : join(DIST_SRC, rel);
  try {
    const body = await readFile(file);
    send(res, 200, rel.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', body);
  } catch {
    sendError(res, 404, 'not found');
  }
};
