// Bundles the compiled CLI (dist/src/cli/bin.js) into dist/cli/: one entry
// file for bin/gotune.js, the helper thread's entry, and shared chunks, so
// that starting gotune reads a few files instead of a hundred modules. Run
// by `npm run build` after tsc.

import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'dist', 'src');
const out = join(root, 'dist', 'cli');
rmSync(out, { recursive: true, force: true });
await build({
  // From tsc's output, so the bundle runs exactly the code the tests test.
  entryPoints: {
    gotune: join(src, 'cli', 'bin.js'),
    // Found by WorkerPool as new URL('./parallel-worker.js', import.meta.url):
    // every chunk sits in the same folder as this entry, so the URL holds.
    'parallel-worker': join(src, 'node', 'parallel-worker.js'),
  },
  bundle: true,
  // Each import() stays a boundary: `gotune pprof -top` loads no code of
  // measure, diagnose, the web server or Graphviz.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // npm packages (the wasm Graphviz) are loaded from node_modules as before.
  packages: 'external',
  outdir: out,
  chunkNames: 'chunk-[hash]',
  // Whitespace and syntax only: names stay, for error names and stacks.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
});
