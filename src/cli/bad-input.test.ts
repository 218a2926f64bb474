// Bad input through the whole CLI: every broken file, flag or source must
// end in exactly one stderr line that names the input (or flag) and what is
// wrong, exit status 1 (2 for usage errors), nothing on stdout, no stack
// trace, no hang, and memory bounded by -max_decompressed_size.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { writeGzipBomb } from '../testkit/gzip-bomb.js';
import { Rng } from '../testkit/mutate.js';
import { encodeRawProfile, smallCpuProfile, type RawProfile } from '../testkit/raw-profile.js';
import { profilesDir, runCli, type CliResult } from '../testkit/run-cli.js';
import { pprofUsage } from '../driver/pprof-args.js';
import { Reader } from '../profile/wire.js';

const MIB = 1 << 20;
const dir = mkdtempSync(join(tmpdir(), 'gotune-bad-input-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** put writes data to a file in the temp dir and returns its path. */
function put(name: string, data: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}

const cpuGz = readFileSync(join(profilesDir(), 'cpu.pb.gz'));
const cpuRaw = gunzipSync(cpuGz);
const heapRaw = gunzipSync(readFileSync(join(profilesDir(), 'heap2.pb.gz')));
const goodCpu = put('good-cpu.pb.gz', cpuGz);

interface Want {
  code: 2;
  /** After the line, pprof's usage (as for a flag that Go's flag package refuses). */
  usage?: true;
  /** Strings the one stderr line must contain (the file, the flag, the value). */
  mentions: string[];
  /** Optional pattern for what is wrong. */
  says?: RegExp;
}

function describeRun(argv: string[], r: CliResult): string {
  return `gotune pprof ${argv.join(' ')}\n  exit: ${r.code}\n  stderr: ${JSON.stringify(r.stderr)}\n  stdout: ${r.stdout.length} bytes`;
}

/**
 * expectOneLineError runs `gotune pprof argv` and checks the rule for bad
 * input: the exit status, one stderr line naming the input, no stack frame,
 * nothing on stdout. It returns the line for further checks.
 */
async function expectOneLineError(argv: string[], want: Want): Promise<string> {
  const r = await runCli(['pprof', ...argv]);
  const ctx = describeRun(argv, r);
  let lines = r.stderr.flatMap((l) => l.replace(/\n$/, '').split('\n'));
  if (want.usage) {
    const usage = pprofUsage().replace(/\n$/, '').split('\n');
    assert.deepEqual(lines.slice(1), usage, `want the usage after the line\n${ctx}`);
    lines = lines.slice(0, 1);
  }
  assert.equal(lines.length, 1, `want exactly one line on stderr\n${ctx}`);
  const line = lines[0];
  assert.doesNotMatch(line, /^\s*at |\bat .+[:(].*:\d+:\d+\)?|\.[jt]s:\d+:\d+/, `stack frame on stderr\n${ctx}`);
  assert.doesNotMatch(line, /internal error/, `an internal error, not a message about the input\n${ctx}`);
  assert.doesNotMatch(line, /[\x00-\x08\x0a-\x1f\x7f]/, `control character on stderr\n${ctx}`);
  assert.equal(r.stdout.length, 0, `want nothing on stdout\n${ctx}`);
  for (const m of want.mentions) assert.ok(line.includes(m), `stderr line should mention ${JSON.stringify(m)}\n${ctx}`);
  if (want.says) assert.match(line, want.says, ctx);
  assert.equal(r.code, want.code, `exit status\n${ctx}`);
  return line;
}

/** expectFileError is expectOneLineError for a file that must be rejected (status 2, as pprof). */
function expectFileError(path: string, says?: RegExp): Promise<string> {
  return expectOneLineError(['-top', path], { code: 2, mentions: [path], says });
}

// Offsets where a top-level field of a profile.proto starts; a cut exactly
// there leaves a shorter but well-formed message, so the cuts avoid them.
function topLevelFieldStarts(buf: Uint8Array): Set<number> {
  const starts = new Set<number>();
  const r = new Reader(buf);
  while (r.pos < r.end) {
    starts.add(r.pos);
    r.skip(r.uint() & 7);
  }
  starts.add(buf.length);
  return starts;
}

function cutPoints(buf: Uint8Array): number[] {
  const starts = topLevelFieldStarts(buf);
  const out: number[] = [];
  for (const f of [0, 0.1, 0.25, 0.5, 0.75, 0.9]) {
    let p = Math.max(1, Math.floor(buf.length * f));
    while (starts.has(p)) p++;
    out.push(p);
  }
  out.push(buf.length - 1);
  return [...new Set(out)];
}

describe('truncated profile.proto', () => {
  for (const [name, raw] of [['cpu', cpuRaw], ['heap2', heapRaw]] as const) {
    for (const cut of cutPoints(raw)) {
      test(`${name} cut at ${cut} of ${raw.length}, raw`, async () => {
        const p = put(`${name}-cut${cut}.pb`, raw.subarray(0, cut));
        await expectFileError(p);
      });
      test(`${name} cut at ${cut} of ${raw.length}, re-gzipped`, async () => {
        const p = put(`${name}-cut${cut}.pb.gz`, gzipSync(raw.subarray(0, cut)));
        await expectFileError(p);
      });
    }
  }
});

describe('corrupt gzip', () => {
  test('bytes flipped in the middle of the deflate data', async () => {
    const b = Buffer.from(cpuGz);
    const mid = b.length >> 1;
    for (let i = mid; i < mid + 16; i++) b[i] ^= 0xff;
    await expectFileError(put('flipped.pb.gz', b), /gzip/);
  });
  for (const keep of [0.5, 0.99]) {
    test(`gzip stream truncated to ${keep * 100}%`, async () => {
      await expectFileError(put(`trunc${keep}.pb.gz`, cpuGz.subarray(0, Math.floor(cpuGz.length * keep))), /gzip/);
    });
  }
  test('gzip trailer cut off (no CRC and size)', async () => {
    await expectFileError(put('no-trailer.pb.gz', cpuGz.subarray(0, cpuGz.length - 8)), /gzip/);
  });
  test('gzip CRC mismatch', async () => {
    const b = Buffer.from(cpuGz);
    b[b.length - 8] ^= 0x01;
    await expectFileError(put('bad-crc.pb.gz', b), /gzip/);
  });
  test('gzip magic with nothing after it', async () => {
    await expectFileError(put('magic-only.gz', Buffer.from([0x1f, 0x8b])), /gzip/);
  });
  test('gzip header with an unknown compression method', async () => {
    const b = Buffer.from(cpuGz);
    b[2] = 7;
    await expectFileError(put('bad-method.pb.gz', b), /gzip/);
  });
});

describe('not a profile', () => {
  test('a text file', async () => {
    await expectFileError(put('notes.txt', 'These are my notes.\nNothing to see here.\n'), /unrecognized|not a valid profile/);
  });
  test('a PNG header', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');
    await expectFileError(put('image.png', png), /unrecognized|not a valid profile/);
  });
  test('a JSON document', async () => {
    await expectFileError(put('profile.json', JSON.stringify({ samples: [{ value: 1, stack: ['main'] }] })), /unrecognized|not a valid profile/);
  });
  test('an ELF header given as the only argument', async () => {
    const elf = Buffer.concat([Buffer.from('7f454c4602010100', 'hex'), Buffer.alloc(56)]);
    await expectFileError(put('a.out', elf));
  });
  for (const seed of [1, 2, 3, 42, 0xdecafbad]) {
    test(`random bytes, seed ${seed}`, async () => {
      const rng = new Rng(seed);
      const b = rng.bytes(64 + rng.below(8192));
      await expectFileError(put(`random-${seed}.bin`, b));
    });
  }
  test('a legacy heap profile whose bad line carries \\r and an escape sequence', async () => {
    await expectFileError(put('heapz.txt', '--- heapz 1 ---\n0 0 @ 0x1\r\x1b[2J\n'));
  });
  test('an empty file', async () => {
    await expectFileError(put('empty.pb', ''), /empty/);
  });
  test('a gzip file that inflates to nothing', async () => {
    await expectFileError(put('empty.pb.gz', gzipSync(Buffer.alloc(0))), /empty/);
  });
});

// A child process measures its own peak RSS, which an in-process test cannot
// do once earlier tests raised the high-water mark.
interface ChildRun {
  code: number;
  stderr: string[];
  stdoutBytes: number;
  maxRssMiB: number;
  ms: number;
}

function childScript(): string {
  const runCliUrl = new URL('../testkit/run-cli.js', import.meta.url).href;
  return `
    import { runCli } from ${JSON.stringify(runCliUrl)};
    const t = performance.now();
    const r = await runCli(JSON.parse(process.argv[1]));
    process.stdout.write(JSON.stringify({ code: r.code, stderr: r.stderr, stdoutBytes: r.stdout.length,
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024), ms: Math.round(performance.now() - t) }));`;
}

function runCliInChild(argv: string[]): ChildRun {
  const res = spawnSync(process.execPath, ['--input-type=module', '-e', childScript(), JSON.stringify(argv)],
    { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 20 });
  assert.equal(res.status, 0, `child failed: status ${res.status} signal ${res.signal}\n${res.stderr}`);
  return JSON.parse(res.stdout) as ChildRun;
}

/** runCliInChildAsync is runCliInChild without blocking this process (a server here must answer the child). */
async function runCliInChildAsync(argv: string[]): Promise<ChildRun> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', childScript(), JSON.stringify(argv)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => { out += b; });
  child.stderr.on('data', (b: Buffer) => { err += b; });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 0, `child failed: status ${code}\n${err}`);
  return JSON.parse(out) as ChildRun;
}

function checkChildOneLine(run: ChildRun, path: string, says: RegExp): void {
  const ctx = JSON.stringify(run);
  assert.equal(run.code, 2, ctx);
  assert.equal(run.stderr.length, 1, ctx);
  assert.ok(run.stderr[0].includes(path), ctx);
  assert.match(run.stderr[0], says, ctx);
  assert.equal(run.stdoutBytes, 0, ctx);
}

describe('gzip bomb', () => {
  test('1 GiB of zeros with -max_decompressed_size=64mb stops at the limit', { timeout: 60_000 }, async (t) => {
    const p = join(dir, 'bomb-1g.pb.gz');
    const size = await writeGzipBomb(p, 1024);
    assert.ok(size < 2 * MIB, `bomb is ${size} bytes`);
    const line = await expectOneLineError(['-top', '-max_decompressed_size=64mb', p],
      { code: 2, mentions: [p, '-max_decompressed_size'], says: /64 MiB/ });
    assert.match(line, /exceeds/);
    const run = runCliInChild(['pprof', '-top', '-max_decompressed_size=64mb', p]);
    t.diagnostic(`bomb ${size} bytes; child: ${run.ms} ms, peak RSS ${run.maxRssMiB} MiB`);
    checkChildOneLine(run, p, /exceeds 64 MiB/);
    assert.ok(run.maxRssMiB < 64 + 256, `peak RSS ${run.maxRssMiB} MiB for a 64 MiB limit`);
  });

  test('default limit (1gb): a 2.5 GiB bomb is refused with the process under 1.5 GB', { timeout: 120_000 }, async (t) => {
    const p = join(dir, 'bomb-2.5g.pb.gz');
    const size = await writeGzipBomb(p, 2560);
    const run = runCliInChild(['pprof', '-top', p]);
    t.diagnostic(`bomb ${size} bytes; child: ${run.ms} ms, peak RSS ${run.maxRssMiB} MiB`);
    checkChildOneLine(run, p, /exceeds 1 GiB.*-max_decompressed_size/);
    assert.ok(run.maxRssMiB * 1024 * 1024 < 1.5e9, `peak RSS ${run.maxRssMiB} MiB for the 1 GiB default limit`);
  });

  test('a bomb served over HTTP is refused at the limit too', { timeout: 120_000 }, async (t) => {
    const p = join(dir, 'bomb-url.pb.gz');
    await writeGzipBomb(p, 2560);
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-go-pprof': '1' });
      createReadStream(p).pipe(res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/debug/pprof/heap`;
    try {
      const run = await runCliInChildAsync(['pprof', '-top', url]);
      t.diagnostic(`child: ${run.ms} ms, peak RSS ${run.maxRssMiB} MiB`);
      assert.equal(run.code, 2, JSON.stringify(run));
      assert.match(run.stderr.join('\n'), /exceeds 1 GiB/);
      assert.ok(run.maxRssMiB * 1024 * 1024 < 1.5e9, `peak RSS ${run.maxRssMiB} MiB for the 1 GiB default limit`);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  test('a bomb just under the limit: peak RSS should stay near the limit, not twice it',
    { timeout: 60_000 },
    async (t) => {
      const p = join(dir, 'bomb-250m.pb.gz');
      await writeGzipBomb(p, 250);
      const run = runCliInChild(['pprof', '-top', '-max_decompressed_size=256mb', p]);
      t.diagnostic(`child: ${run.ms} ms, peak RSS ${run.maxRssMiB} MiB`);
      // What the zeros are called depends on the legacy parsers; the size is the point.
      checkChildOneLine(run, p, /./);
      assert.ok(run.maxRssMiB < 256 + 192, `peak RSS ${run.maxRssMiB} MiB for a 256 MiB limit`);
    });
});

// Profiles built field by field: each breaks one rule of profile.proto.
describe('references that point nowhere', () => {
  function build(name: string, change: (p: RawProfile) => void): string {
    const p = smallCpuProfile();
    change(p);
    return put(name, encodeRawProfile(p));
  }

  test('control: the unbroken small profile is accepted', async () => {
    const r = await runCli(['pprof', '-top', build('small-ok.pb', () => {})]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
    assert.match(r.stdout.toString(), /main\.spin/);
  });
  test('a sample referencing a missing location id', async () => {
    await expectFileError(build('missing-loc.pb', (p) => { p.samples[0].locationIds[0] = 99; }), /location/);
  });
  test('a location referencing a missing function id', async () => {
    await expectFileError(build('missing-fn.pb', (p) => { p.locations[1].lines[0].functionId = 77; }), /function/);
  });
  test('a location referencing a missing mapping id is accepted (as pprof does)', async () => {
    const r = await runCli(['pprof', '-top', build('missing-map.pb', (p) => { p.locations[0].mappingId = 5; })]);
    assert.equal(r.code, 0, r.stderr.join('\n'));
  });
  test('two locations with the same id', async () => {
    await expectFileError(build('dup-loc.pb', (p) => { p.locations[2].id = 1; }), /same id|duplicate/);
  });
  test('a function with the reserved id 0', async () => {
    await expectFileError(build('fn-id0.pb', (p) => { p.functions[0].id = 0; }), /id/);
  });
  test('a sample with fewer values than sample types', async () => {
    await expectFileError(build('short-values.pb', (p) => { p.samples[1].values = [2]; }), /1 values vs\. 2 types/);
  });
  test('a sample with more values than sample types', async () => {
    await expectFileError(build('long-values.pb', (p) => { p.samples[0].values.push(7); }), /3 values vs\. 2 types/);
  });
  test('samples but no sample types', async () => {
    await expectFileError(build('no-types.pb', (p) => { p.sampleTypes = []; }), /sample type/);
  });
  test('value-count mismatch with many types and many samples',
    {},
    async () => {
      const n = 100_000;
      const p = smallCpuProfile();
      p.sampleTypes = Array.from({ length: n }, () => [1, 2] as [number, number]);
      p.samples = Array.from({ length: n }, () => ({ locationIds: [], values: [] }));
      const line = await expectFileError(put('types-x-samples.pb', encodeRawProfile(p)), /mismatch/);
      assert.doesNotMatch(line, /typed array/);
    });
  test('no sample types and no samples', async () => {
    await expectFileError(build('no-types-no-samples.pb', (p) => { p.sampleTypes = []; p.samples = []; }), /sample type/);
  });
  test('a function name index past the string table', async () => {
    await expectFileError(build('str-fn.pb', (p) => { p.functions[2].name = 500; }), /string 500/);
  });
  test('a sample type index past the string table', async () => {
    await expectFileError(build('str-type.pb', (p) => { p.sampleTypes[1][0] = 10; }), /string 10/);
  });
  test('a label key index past the string table', async () => {
    await expectFileError(build('str-label.pb', (p) => { p.samples[0].labels = [{ key: 1000, str: 1 }]; }), /string 1000/);
  });
  test('a negative comment index', async () => {
    await expectFileError(build('str-neg.pb', (p) => { p.comments = [-1]; }), /string -1/);
  });
  test('a string table that does not start with ""', async () => {
    await expectFileError(build('str0.pb', (p) => { p.strings[0] = 'x'; }), /string_table/);
  });
});

describe('bad flags', () => {
  test('-sample_index=foo names the flag and the choices', async () => {
    await expectOneLineError(['-top', '-sample_index=foo', goodCpu], { code: 2, mentions: ['sample_index', 'foo'], says: /samples cpu/ });
  });
  test('-sample_index=7 is out of range', async () => {
    await expectOneLineError(['-top', '-sample_index=7', goodCpu], { code: 2, mentions: ['sample_index', '7'], says: /0\.\.1/ });
  });
  test('-sample_index errors are one line and exit non-zero (status aside)', async () => {
    for (const v of ['foo', '7', '-1']) {
      const r = await runCli(['pprof', '-top', `-sample_index=${v}`, goodCpu]);
      assert.notEqual(r.code, 0);
      assert.equal(r.stderr.length, 1, JSON.stringify(r.stderr));
      assert.match(r.stderr[0], /sample_index/);
      assert.equal(r.stdout.length, 0);
    }
  });
  test('an invalid regexp in -focus', async () => {
    await expectOneLineError(['-top', '-focus=main.(', goodCpu], { code: 2, mentions: ['focus', '"main.("'] });
  });
  test('an invalid regexp in -ignore', async () => {
    await expectOneLineError(['-top', '-ignore=[a-', goodCpu], { code: 2, mentions: ['ignore', '"[a-"'] });
  });
  test('an invalid regexp in -peek', async () => {
    await expectOneLineError(['-peek=runtime.(', goodCpu], { code: 2, mentions: ['regexp', '"runtime.("'] });
  });
  test('an RE2 construct JavaScript cannot express (-focus=(?U)x)', async () => {
    await expectOneLineError(['-top', '-focus=(?U)x', goodCpu], { code: 2, mentions: ['focus', '(?U)'] });
  });
  test('an unknown flag', async () => {
    await expectOneLineError(['-top', '-no_such_flag', goodCpu], { code: 2, usage: true, mentions: ['-no_such_flag'] });
  });
  test('a flag missing its value', async () => {
    await expectOneLineError(['-top', '-focus'], { code: 2, usage: true, mentions: ['-focus'], says: /needs an argument/ });
  });
  test('a bad int value (-nodecount=x)', async () => {
    await expectOneLineError(['-top', '-nodecount=x', goodCpu], { code: 2, usage: true, mentions: ['-nodecount', '"x"'] });
  });
  test('a bad float value (-nodefraction=lots)', async () => {
    await expectOneLineError(['-top', '-nodefraction=lots', goodCpu], { code: 2, usage: true, mentions: ['-nodefraction', '"lots"'] });
  });
  test('a bad bool value (-cum=maybe)', async () => {
    await expectOneLineError(['-top', '-cum=maybe', goodCpu], { code: 2, usage: true, mentions: ['-cum', '"maybe"'] });
  });
  test('a bad -max_decompressed_size', async () => {
    await expectOneLineError(['-top', '-max_decompressed_size=lots', goodCpu], { code: 2, usage: true, mentions: ['-max_decompressed_size', '"lots"'] });
  });
  test('two output formats', async () => {
    await expectOneLineError(['-top', '-raw', goodCpu], { code: 2, mentions: ['output format'] });
  });
});

describe('bad sources', () => {
  test('no source at all', async () => {
    await expectOneLineError(['-top'], { code: 2, usage: true, mentions: ['source'] });
  });
  test('a missing file', async () => {
    const p = join(dir, 'does-not-exist.pb.gz');
    await expectFileError(p, /no such file/);
  });
  test('a directory', async () => {
    const d = join(dir, 'a-directory');
    mkdirSync(d);
    await expectFileError(d, /directory/);
  });
  test('a missing -base profile', async () => {
    const p = join(dir, 'no-base.pb.gz');
    await expectOneLineError(['-top', `-base=${p}`, goodCpu], { code: 2, mentions: [p] });
  });
  test('a corrupt -diff_base profile', async () => {
    const p = put('bad-base.pb', cpuRaw.subarray(0, 1000));
    await expectOneLineError(['-top', `-diff_base=${p}`, goodCpu], { code: 2, mentions: [p] });
  });
});
