#!/usr/bin/env node
// gotune's executable: runs the bundled CLI (dist/cli/, built by `npm run build`
// from dist/src/cli/bin.js, which tests also run unbundled).
import '../dist/cli/gotune.js';
