// `npm run example -- start <name> [--fixed]`: builds the example services
// of examples/ (go build, cached) and runs one on free ports of 127.0.0.1,
// printing its URLs and a `gotune measure` line for it; Ctrl-C stops it.
// `npm run example -- list` lists them; `npm run example -- build` only builds.

import { buildExamples, EXAMPLES, goMissing, startExample } from '../src/node/example-services.js';

const USAGE = `usage: npm run example -- start <name> [--fixed] [-- service flags]
       npm run example -- list
       npm run example -- build

Examples (each has a -fixed twin, the optimised version):
${Object.entries(EXAMPLES).map(([k, v]) => `  ${k.padEnd(16)} ${v}`).join('\n')}
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === 'list') {
    process.stdout.write(USAGE.slice(USAGE.indexOf('Examples')));
    return 0;
  }
  if (cmd !== 'start' && cmd !== 'build') {
    process.stderr.write(USAGE);
    return cmd === undefined || cmd === '-h' || cmd === '--help' ? 0 : 2;
  }
  const missing = goMissing();
  if (missing) {
    process.stderr.write(`example: ${missing}; install Go 1.22 or newer\n`);
    return 1;
  }
  process.stderr.write('Building the examples (go build, cached)…\n');
  const binDir = buildExamples();
  if (cmd === 'build') {
    process.stdout.write(`${binDir}\n`);
    return 0;
  }
  const name = rest.find((a) => !a.startsWith('-'));
  if (!name || !(name in EXAMPLES)) {
    process.stderr.write(`example: ${name ? `unknown example "${name}"` : 'which example?'}\n\n${USAGE}`);
    return 2;
  }
  const dashdash = rest.indexOf('--');
  const svc = await startExample(name, { fixed: rest.includes('--fixed'), binDir, args: dashdash >= 0 ? rest.slice(dashdash + 1) : [] });
  process.stdout.write(`${name}${svc.fixed ? ' (fixed)' : ''} is running:
  service  ${svc.service}
  target   ${svc.target}
  pprof    ${svc.pprof}/debug/pprof/
  vars     ${svc.pprof}/debug/vars

Measure it:
  gotune measure --target '${svc.target}' --pprof ${svc.pprof} --duration 10s --concurrency 16 --out runs/${name}${svc.fixed ? '-fixed' : ''}

Ctrl-C stops it.
`);
  const stop = () => { void svc.stop(); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise<number>((r) => svc.process.on('exit', (c) => r(c ?? 0)));
  return code;
}

process.exitCode = await main(process.argv.slice(2));
