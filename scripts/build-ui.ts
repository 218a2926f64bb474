// Builds the web UI into dist/web/: the browser code (src/web/client/,
// Preact and the pure layers it imports) bundled by esbuild into one
// minified ui.js, and its stylesheet. Run by `npm run build` after tsc.

import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist', 'web');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(root, 'src', 'web', 'client', 'main.tsx')],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile: join(out, 'ui.js'),
  logLevel: 'warning',
});
copyFileSync(join(root, 'src', 'web', 'client', 'style.css'), join(out, 'style.css'));
