// The web UI links of every committed example (testdata/diagnose): each
// finding's view parses, its focus compiles as pprof's would and matches
// exactly the finding's function, its profile (and base) exist and have the
// sample type it names, the same focus over that profile shows the function,
// and the text output's "see:" line opens the same files from the cwd.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { compileGoRegexp } from '../driver/goregexp.js';
import { parseProfile } from '../profile/parse.js';
import { repoRoot, runCli } from '../testkit/run-cli.js';

const root = join(repoRoot(), 'testdata', 'diagnose');
const VIEWS = ['/ui/flamegraph', '/ui/source', '/ui/peek'];

interface JsonFinding {
  kind: string;
  severity: string;
  pattern?: string;
  where: { function: string } | null;
  view: { profile: string; base?: string; path: string } | null;
}

/** sampleTypes lists a profile's sample type names. */
function sampleTypes(file: string): string[] {
  return parseProfile(readFileSync(file), { inflate: (gz) => gunzipSync(gz) }).sampleTypes.map((t) => t.type);
}

const examples = readdirSync(root).filter((n) => existsSync(join(root, n))).sort();

test('the examples are there', () => assert.ok(examples.length >= 19, examples.join(', ')));

for (const name of examples) {
  test(`diagnose ${name}: every finding's web UI view shows its function`, async () => {
    const dir = join(root, name);
    const r = await runCli(['diagnose', '--format', 'json', dir]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    const findings = (JSON.parse(r.stdout.toString()) as { findings: JsonFinding[] }).findings;
    for (const f of findings) {
      const what = `${name}: ${f.kind} at ${f.where?.function}`;
      assert.ok(f.where && f.view, `${what}: no view`);
      const url = new URL(f.view.path, 'http://127.0.0.1');
      assert.ok(VIEWS.includes(url.pathname), `${what}: view ${url.pathname}`);
      assert.equal(url.pathname + url.search, f.view.path, `${what}: the path is not in canonical form`);
      const focus = url.searchParams.get('f') ?? '';
      const re = compileGoRegexp(focus);
      const fn = f.where.function;
      assert.ok(re.test(fn), `${what}: ${focus} does not match`);
      for (const near of [fn + '.func1', 'x' + fn, fn.slice(0, -1)]) assert.ok(!re.test(near), `${what}: ${focus} also matches ${near}`);
      const file = join(dir, f.view.profile);
      assert.ok(existsSync(file), `${what}: ${file} missing`);
      if (f.view.base !== undefined) assert.ok(existsSync(join(dir, f.view.base)), `${what}: base ${f.view.base} missing`);
      assert.equal(f.view.base !== undefined, f.kind === 'memory-leak' || (f.pattern === 'timer-leak' && f.severity === 'high'), `${what}: base`);
      const si = url.searchParams.get('si');
      const types = sampleTypes(file);
      if (types.length > 1) assert.ok(si !== null && types.includes(si), `${what}: si=${si} not among ${types.join(', ')}`);
      // The same settings as flags: the view's focus keeps the function's samples.
      const top = await runCli(['pprof', '-top', '-nodefraction=0', `-focus=${focus}`, ...(si ? [`-sample_index=${si}`] : []),
        ...(f.view.base !== undefined ? [`-base=${join(dir, f.view.base)}`] : []), file]);
      assert.equal(top.code, 0, `${what}: ${top.stderr.join('\n')}`);
      const row = top.stdout.toString().split('\n').find((l) => l.endsWith(` ${fn}`) || l.endsWith(` ${fn} (inline)`));
      assert.ok(row && !/^\s*0\s/.test(row.replace(/^\s*\S+\s+\S+\s+\S+\s+/, '')), `${what}: not in the focused -top:\n${top.stdout}`);
    }
    // The text output: one "see:" line per finding, its files relative to the cwd.
    const rel = relative(process.cwd(), dir) || '.';
    const t = (await runCli(['diagnose', rel])).stdout.toString();
    const see = t.split('\n').filter((l) => l.startsWith('   see: '));
    assert.equal(see.length, findings.length, t);
    for (const [i, l] of see.entries()) {
      const m = /^ {3}see: gotune pprof -http=: (?:-base=(\S+) )?(\S+) {2}→ {2}(\S+)$/.exec(l);
      assert.ok(m, l);
      assert.equal(m[3], findings[i].view!.path);
      assert.equal(m[2], join(rel, findings[i].view!.profile));
      assert.equal(m[1], findings[i].view!.base === undefined ? undefined : join(rel, findings[i].view!.base!));
    }
  });
}
