// -disasm and -list against `go tool pprof` on a real Go binary: builds
// testdata/programs/cpu (plain, PIE and -trimpath), records a short CPU
// profile with each, and requires gotune to print what pprof prints. The
// binaries are not committed, so this runs where Go is installed and skips
// (saying why) elsewhere.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { firstDifferences, repoRoot, runCli } from '../testkit/run-cli.js';

const goVersion = spawnSync('go', ['version'], { encoding: 'utf8' });
const skip = goVersion.error || goVersion.status !== 0 ? 'go is not on PATH: -disasm and -list are not compared with go tool pprof' : false;
if (skip) console.log(`# skipped: ${skip}`);

const work = mkdtempSync(join(tmpdir(), 'gotune-live-'));
after(() => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, TZ: 'UTC' };

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    c.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    c.on('error', (e) => resolve({ code: -1, stdout, stderr: String(e) }));
    c.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** A build of the cpu program and a profile it recorded. */
interface Build {
  bin: string;
  profile: string;
}

const builds = new Map<string, Build>();

async function build(name: string, flags: string[]): Promise<void> {
  const dir = join(work, name);
  mkdirSync(dir);
  const bin = join(dir, 'cpu');
  const b = await run('go', ['build', ...flags, '-o', bin, './cpu'], join(repoRoot(), 'testdata', 'programs'));
  assert.equal(b.code, 0, `go build ${flags.join(' ')}: ${b.stderr}`);
  const r = await run(bin, ['-dur', '1500ms', '-out', dir], dir);
  assert.equal(r.code, 0, r.stderr);
  builds.set(name, { bin, profile: join(dir, 'cpu.pb.gz') });
}

before(async () => {
  if (skip) return;
  await Promise.all([build('plain', []), build('pie', ['-buildmode=pie']), build('trimpath', ['-trimpath'])]);
}, { timeout: 300_000 });

async function compare(name: string, args: string[]): Promise<string> {
  const b = builds.get(name)!;
  const all = [...args, b.bin, b.profile];
  const want = await run('go', ['tool', 'pprof', ...all], work);
  assert.equal(want.code, 0, `go tool pprof ${all.join(' ')}: ${want.stderr}`);
  const got = await runCli(['pprof', ...all]);
  assert.equal(got.code, 0, got.stderr.join('\n'));
  const text = got.stdout.toString('utf8');
  if (text !== want.stdout) assert.fail(`gotune pprof ${all.join(' ')} differs from go tool pprof\n${firstDifferences(want.stdout, text)}`);
  return text;
}

const cases: [string, string[]][] = [
  ['plain', ['-disasm=main\\.']],
  ['plain', ['-disasm=fib', '-unit=ms']],
  ['plain', ['-disasm=runtime\\.mallocgc']],
  ['plain', ['-disasm=main\\.', '-focus=hashPhase', '-sample_index=samples']],
  ['pie', ['-disasm=main\\.']],
  ['plain', ['-list=^main\\.']],
  ['plain', ['-list=runtime\\.mallocgc$']],
];

for (const [name, args] of cases) {
  test(`live: ${args.join(' ')} (${name} build) matches go tool pprof`, { skip, timeout: 120_000 }, async () => {
    const out = await compare(name, args);
    assert.match(out, /ROUTINE =+ /);
  });
}

/**
 * listingText is the text a browser shows of a -weblist page, from the
 * legend on: the pages' markup, styles and scripts differ (gotune's are its
 * own), the listing's text does not. With `asm` 'drop', instructions are
 * left out; with 'sampled', only instructions with samples are kept, one per
 * line, sorted.
 */
function listingText(html: string, asm: 'drop' | 'sampled'): string {
  if (asm === 'sampled') {
    const rows = [...html.matchAll(/<span class=asm>([\s\S]*?)\n<\/span>/g)].flatMap((m) => listingText(m[1], 'drop').split('\n'));
    return rows.filter((r) => /^ {9}\s*(\S+)\s+(\S+)\s+[0-9a-f]+: /.test(r) && !/^ {9}\s*\.\s+\.\s/.test(r)).sort().join('\n');
  }
  html = html.replace(/<span class=asm>[\s\S]*?\n<\/span>/g, '');
  const i = html.indexOf('<div class="legend">');
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return html.slice(i < 0 ? 0 : i).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) =>
      e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : named[e] ?? m);
}

const weblistCases: [string, string][] = [['plain', 'main\\.'], ['pie', 'main\\.'], ['plain', 'runtime\\.mallocgc$']];
for (const [name, rx] of weblistCases) {
  test(`live: -weblist=${rx} (${name} build) shows what go tool pprof shows`, { skip, timeout: 120_000 }, async () => {
    const b = builds.get(name)!;
    const want = join(work, `${name}-pprof.html`);
    const got = join(work, `${name}-gotune.html`);
    const p = await run('go', ['tool', 'pprof', `-weblist=${rx}`, `-output=${want}`, b.bin, b.profile], work);
    assert.equal(p.code, 0, p.stderr);
    const g = await runCli(['pprof', `-weblist=${rx}`, `-output=${got}`, b.bin, b.profile]);
    assert.equal(g.code, 0, g.stderr.join('\n'));
    // pprof decodes each range from an address that may fall inside an
    // instruction (gotune from whole instructions), so unsampled
    // instructions at range starts can differ; all else must not.
    for (const asm of ['drop', 'sampled'] as const) {
      const w = listingText(readFileSync(want, 'utf8'), asm);
      const t = listingText(readFileSync(got, 'utf8'), asm);
      if (asm === 'drop') assert.match(t, /Total: /);
      else assert.ok(t.length > 0, 'some instructions have samples');
      if (w !== t) assert.fail(`-weblist=${rx} (${asm} instructions) differs from go tool pprof's\n${firstDifferences(w, t)}`);
    }
  });
}

test('live: -list finds sources of a -trimpath build that go tool pprof cannot', { skip, timeout: 120_000 }, async () => {
  const b = builds.get('trimpath')!;
  const cwd = process.cwd();
  // From inside the module, as a user would run it; the recorded paths are module-relative.
  process.chdir(join(repoRoot(), 'testdata', 'programs'));
  try {
    const got = await runCli(['pprof', '-list=^main\\.fib$|^runtime\\.mallocgc$', b.bin, b.profile]);
    assert.equal(got.code, 0, got.stderr.join('\n'));
    const text = got.stdout.toString('utf8');
    assert.match(text, /ROUTINE =+ main\.fib in gotune\.dev\/testdata\/cpu\/main\.go\n.*\n.*func fib\(n int\) int \{/);
    assert.match(text, /ROUTINE =+ runtime\.mallocgc in runtime\/malloc\.go\n.*\n.*func mallocgc\(/);
    assert.doesNotMatch(text, / Error: /);
    const pprof = await run('go', ['tool', 'pprof', '-list=^main\\.fib$', b.bin, b.profile], join(repoRoot(), 'testdata', 'programs'));
    assert.match(pprof.stdout, / Error: could not find file gotune\.dev\/testdata\/cpu\/main\.go/, 'pprof itself does not find it');
  } finally {
    process.chdir(cwd);
  }
});
