// -svg, -ps, -web and the viewer commands end to end: Graphviz runs
// in-process (no `dot` on the machine or on PATH is needed), output goes
// to stdout, -output, a temporary file or a (fake) viewer.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { profilesDir, repoRoot, runCli } from '../testkit/run-cli.js';
import { browserCommands } from '../node/viewer.js';
import { main } from './main.js';
import { addPanZoom } from '../node/render-dot.js';

const cpu = join(profilesDir(), 'cpu.pb.gz');
const heap = join(profilesDir(), 'heap2.pb.gz');
const tmp = mkdtempSync(join(tmpdir(), 'gotune-graph-test-'));

/** checkSvg asserts the text is one balanced SVG document of a pprof graph. */
function checkSvg(svg: string, names: string[]): void {
  assert.ok(svg.startsWith('<?xml'), svg.slice(0, 80));
  assert.ok(svg.trimEnd().endsWith('</svg>'));
  assert.equal((svg.match(/<svg\b/g) ?? []).length, 1);
  assert.equal((svg.match(/<g\b/g) ?? []).length, (svg.match(/<\/g>/g) ?? []).length, 'unbalanced <g> elements');
  for (const n of names) assert.ok(svg.includes(`xlink:title="${n} (`), `no node ${n}`);
}

async function waitForFile(file: string): Promise<string> {
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 50));
  return readFileSync(file, 'utf8');
}

test('-svg renders in-process, with no Graphviz on PATH', () => {
  const which = spawnSync('sh', ['-c', 'command -v dot'], { encoding: 'utf8' });
  if (which.status === 0) console.log(`# note: a dot is installed (${which.stdout.trim()}); PATH is emptied for this run`);
  // A child with an empty PATH cannot find any dot, so this proves the wasm path.
  const r = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'gotune.js'), 'pprof', '-svg', heap],
    { encoding: 'utf8', env: { PATH: '', TZ: 'UTC' } });
  assert.equal(r.status, 0, r.stderr);
  checkSvg(r.stdout, ['main.addLarge', 'main.fillCache', 'main.grow.func1']);
  assert.ok(r.stdout.includes('<svg width="100%" height="100%"'));
  assert.ok(r.stdout.includes('<g id="viewport"') && r.stdout.includes('<![CDATA['));
  assert.ok(r.stdout.includes('File: heap'));
});

test('-svg -output and -ps', async () => {
  const out = join(tmp, 'g.svg');
  const r = await runCli(['pprof', '-svg', '-focus=fib', `-output=${out}`, cpu]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  assert.equal(r.stdout.length, 0);
  checkSvg(readFileSync(out, 'utf8'), ['main.fib', 'main.recursePhase']);
  const ps = await runCli(['pprof', '-ps', '-nodecount=5', cpu]);
  assert.equal(ps.code, 0, ps.stderr.join('\n'));
  assert.ok(ps.stdout.toString('latin1').startsWith('%!PS-Adobe-3.0'));
});

test('graph files and callgrind stay off a terminal', async () => {
  for (const [cmd, ext] of [['-svg', 'svg'], ['-callgrind', 'callgraph.out'], ['-topproto', 'pb.gz']]) {
    const out: Buffer[] = [];
    const err: string[] = [];
    const code = await main(['pprof', cmd, '-nodecount=5', cpu], {
      stdout: (d) => { out.push(Buffer.from(d)); }, stderr: (l) => err.push(l), isTerminal: true,
    });
    assert.equal(code, 0, err.join('\n'));
    assert.equal(Buffer.concat(out).length, 0);
    const m = /^Generating report in (.*)$/.exec(err[0] ?? '');
    assert.ok(m && m[1].endsWith('.' + ext) && existsSync(m[1]), err.join('\n'));
  }
});

test('-web -no_browser writes the SVG and says where', async () => {
  const r = await runCli(['pprof', '-web', '-no_browser', heap]);
  assert.equal(r.code, 0, r.stderr.join('\n'));
  const m = /^Generating report in (.*\.svg)$/.exec(r.stderr[0] ?? '');
  assert.ok(m, r.stderr.join('\n'));
  checkSvg(readFileSync(m[1], 'utf8'), ['main.addLarge']);
  const bad = await runCli(['pprof', '-top', '-no_browser', heap]);
  assert.equal(bad.code, 2);
});

function fakeViewer(name: string, record: string): string {
  const dir = mkdtempSync(join(tmp, 'bin-'));
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "$@" > '${record}'\n`);
  chmodSync(file, 0o755);
  return dir;
}

test('-web opens $BROWSER with the SVG; -kcachegrind opens kcachegrind', async (t) => {
  if (process.platform === 'win32') return t.skip('shell-script viewers need a POSIX shell');
  const saved = { BROWSER: process.env.BROWSER, PATH: process.env.PATH };
  try {
    const seen = join(tmp, 'browser-args');
    process.env.BROWSER = join(fakeViewer('browse', seen), 'browse');
    const r = await runCli(['pprof', '-web', cpu]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const arg = (await waitForFile(seen)).trim();
    assert.ok(arg.endsWith('.svg') && r.stderr[0].endsWith(arg), `${arg} / ${r.stderr[0]}`);
    checkSvg(readFileSync(arg, 'utf8'), ['main.fib']);

    const kseen = join(tmp, 'kcachegrind-args');
    process.env.PATH = `${fakeViewer('kcachegrind', kseen)}:${saved.PATH ?? ''}`;
    const k = await runCli(['pprof', '-kcachegrind', cpu]);
    assert.equal(k.code, 0, k.stderr.join('\n'));
    const grind = (await waitForFile(kseen)).trim();
    assert.ok(readFileSync(grind, 'utf8').startsWith('positions: instr line\n'));
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('-web without a browser fails with one line; raster formats are not supported yet', async () => {
  const saved = { BROWSER: process.env.BROWSER, DISPLAY: process.env.DISPLAY, WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY };
  try {
    delete process.env.BROWSER;
    delete process.env.DISPLAY;
    delete process.env.WAYLAND_DISPLAY;
    if (process.platform === 'linux') {
      const r = await runCli(['pprof', '-web', heap]);
      assert.equal(r.code, 2);
      assert.match(r.stderr[r.stderr.length - 1], /could not start a browser .*set \$BROWSER/);
    }
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v;
  }
  for (const f of ['-png', '-gif', '-pdf', '-evince']) {
    const r = await runCli(['pprof', f, heap]);
    assert.equal(r.code, 2);
    assert.match(r.stderr[0], /not supported yet .*use -svg/);
  }
});

test('browserCommands: $BROWSER first, then the platform opener', () => {
  assert.deepEqual(browserCommands({ BROWSER: 'firefox --new-tab', DISPLAY: ':0' }, 'linux'), [['firefox', '--new-tab'], ['xdg-open']]);
  assert.deepEqual(browserCommands({}, 'linux'), []);
  assert.deepEqual(browserCommands({}, 'darwin'), [['open']]);
});

test('addPanZoom wraps the graph in a viewport and fills the window', () => {
  const svg = '<svg width="62pt" height="133pt"\n viewBox="0.00 0.00 62.00 133.00" xmlns="http://www.w3.org/2000/svg">\n<g id="graph0" class="graph">\n</g>\n</svg>\n';
  const out = addPanZoom(svg);
  assert.ok(out.startsWith('<svg width="100%" height="100%" xmlns='));
  assert.match(out, /\]\]><\/script><g id="viewport" transform="translate\(0,0\)"><g id="graph0"/);
  assert.ok(out.endsWith('</g>\n</g>\n</svg>\n'));
});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
test('the SVG renders and its pan/zoom script runs in Chromium', { skip: chromium ? false : 'no /usr/bin/chromium on this machine' }, () => {
  const file = join(tmp, 'render.svg');
  const r = spawnSync(process.execPath, [join(repoRoot(), 'bin', 'gotune.js'), 'pprof', '-svg', `-output=${file}`, heap], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const dom = spawnSync(chromium!, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', `--user-data-dir=${join(tmp, 'chromium-profile')}`,
    '--window-size=1000,800', '--dump-dom', `file://${file}`],
    { encoding: 'utf8', timeout: 60_000 });
  assert.equal(dom.status, 0, dom.stderr);
  // The script fits the graph to the window: its transform becomes a matrix.
  assert.match(dom.stdout, /<g id="viewport" transform="matrix\([-\d.e]+,0,0,[-\d.e]+,[-\d.e]+,[-\d.e]+\)">/);
});
