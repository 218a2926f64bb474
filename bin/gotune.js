#!/usr/bin/env node
// gotune's executable: runs the bundled CLI (dist/cli/gotune.cjs, built by
// `npm run build` from dist/src/cli/bin.js, which tests also run unbundled)
// through V8's code cache, dist/cli/gotune.cache: with the functions a
// report runs already compiled, a small profile's report takes about 15%
// less time. A cache from another Node version is rejected by V8 and the
// script compiles as usual; then a new one is written at exit, if the
// folder is writable.
//
// CommonJS (bin/package.json says so), not an ES module: Node sets up its
// ES module loader only for an ES module entry, and on a 1 MB -top that
// set-up was 6% of the whole run.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dir = join(__dirname, '..', 'dist', 'cli');
const file = join(dir, 'gotune.cjs');
const cacheFile = join(dir, 'gotune.cache');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      // Whole or not at all: another gotune may be reading it.
      const tmp = `${cacheFile}.${process.pid}`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only install runs without a cache.
    }
  });
}
const bundle = { exports: {} };
script.runInThisContext()(bundle.exports, createRequire(file), bundle, file, dir);
