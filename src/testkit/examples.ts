// The example services for tests: the same builder and starter that
// `gotune demo` uses (src/node/example-services.ts).

export { goMissing, startExample, type RunningExample } from '../node/example-services.js';
