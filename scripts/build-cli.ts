// Bundles the compiled CLI (dist/src/cli/bin.js) into dist/cli/: one
// CommonJS file for bin/gotune.js, and the helper thread's entry with its
// shared chunks; then runs it once to record V8's code cache beside it. Run
// by `npm run build` after tsc.

import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'dist', 'src');
const out = join(root, 'dist', 'cli');
rmSync(out, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // npm packages (the wasm Graphviz) are loaded from node_modules as before.
  packages: 'external',
  // Whitespace and syntax only: names stay, for error names and stacks.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
} as const;

// The CLI as one CommonJS script: bin/gotune.js compiles it with a V8 code
// cache (node:vm), which an ES module cannot be given in Node 20 (no
// module.enableCompileCache before Node 22). Each import() is still run only
// when reached: `gotune pprof -top` runs no code of measure, diagnose, the
// web server or Graphviz.
await build({
  ...common,
  // From tsc's output, so the bundle runs exactly the code the tests test.
  entryPoints: { gotune: join(src, 'cli', 'bin.js') },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  outdir: out,
  // import.meta.url (the package root, the helper thread's file) is the
  // bundle's own URL, in dist/cli/ as the ES module build's was.
  define: { 'import.meta.url': '__gotuneBundleUrl' },
  banner: { js: 'var __gotuneBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// ASCII only: bin/gotune.js reads the bundle as a string, and one character
// beyond Latin-1 (a regular expression's literal, which esbuild leaves as it
// is) makes V8 hold the whole 600 KB as two bytes per character.
const bundle = readFileSync(join(out, 'gotune.cjs'), 'latin1');
const wide = /[^\x00-\x7f]/.exec(bundle);
if (wide) {
  console.error(`build-cli: the bundle has a non-ASCII byte at offset ${wide.index} (near ${JSON.stringify(bundle.slice(wide.index - 40, wide.index + 10))}); write it as an escape in the source`);
  process.exit(1);
}

// The helper thread: found by WorkerPool as new URL('./parallel-worker.js',
// import.meta.url), beside the CLI's bundle.
await build({
  ...common,
  entryPoints: { 'parallel-worker': join(src, 'node', 'parallel-worker.js') },
  splitting: true,
  format: 'esm',
  outdir: out,
  chunkNames: 'chunk-[hash]',
});

// The code cache: one shell session through the common reports on a
// committed profile, so that their functions are compiled in the cache
// (bin/gotune.js writes it at exit when there is none).
const profile = join(root, 'testdata', 'profiles', 'cpu.pb.gz');
const r = spawnSync(process.execPath, [join(root, 'bin', 'gotune.js'), 'pprof', profile], {
  input: 'top\ntop -cum\npeek main\ntree\ntags\nlist main.main\ntraces\nquit\n',
  stdio: ['pipe', 'ignore', 'pipe'],
  encoding: 'utf8',
});
if (r.status !== 0 || !existsSync(join(out, 'gotune.cache'))) {
  console.error(`build-cli: recording the code cache failed (status ${r.status}): ${r.stderr}`);
  process.exit(1);
}
