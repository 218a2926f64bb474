#!/usr/bin/env node
// gotune's executable: runs the compiled CLI (built by `npm ci` via prepare).
import '../dist/src/cli/bin.js';
