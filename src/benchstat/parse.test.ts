// The benchmark-format reader: configuration, names, value/unit pairs,
// Unit lines, malformed lines (warnings with file:line), file labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BenchReadError, formatSyntaxError, nameBase, nameParts, parseFileArgs, parseGoFloat, readBenchFile, unitMetadata, type BenchRecord, type BenchResult, type UnitMetadataMap } from './parse.js';

const results = (recs: BenchRecord[]): BenchResult[] => recs.flatMap((r) => (r.kind === 'result' ? [r.result] : []));
const errors = (recs: BenchRecord[]): string[] => recs.flatMap((r) => (r.kind === 'error' ? [formatSyntaxError(r.error)] : []));
const cfg = (r: BenchResult) => r.config.map((c) => `${c.key}=${c.value}${c.file ? '' : ' (internal)'}`);

const SAMPLE = `goos: linux
goarch: amd64
pkg: example.com/a
cpu: AMD EPYC 7B13
BenchmarkEncode/format=json-48         	  690848	      1726 ns/op	  48 B/op	       2 allocs/op
BenchmarkEncode/format=gob-48          	  372699	      3069 ns/op	 120.50 MB/s	 7.5 frames/op
PASS
ok  	example.com/a	1.2s
pkg: example.com/b
BenchmarkOther-8   100   5.5 ns/op
`;

test('configuration lines and several packages per file', () => {
  const recs = readBenchFile(SAMPLE, 'old.txt', 'old.txt', new Map());
  const rs = results(recs);
  assert.equal(rs.length, 3);
  assert.deepEqual(errors(recs), []);
  assert.deepEqual(cfg(rs[0]), ['.file=old.txt (internal)', 'goos=linux', 'goarch=amd64', 'pkg=example.com/a', 'cpu=AMD EPYC 7B13']);
  assert.deepEqual(cfg(rs[2]), ['.file=old.txt (internal)', 'goos=linux', 'goarch=amd64', 'pkg=example.com/b', 'cpu=AMD EPYC 7B13']);
  assert.equal(rs[2].line, 10);
});

test('value/unit pairs: tidied units keep what was written', () => {
  const [a, b] = results(readBenchFile(SAMPLE, 'f', 'f', new Map()));
  assert.equal(a.name, 'Encode/format=json-48');
  assert.equal(a.iters, 690848);
  assert.deepEqual(a.values, [
    { value: 1726 * 1e-9, unit: 'sec/op', origValue: 1726, origUnit: 'ns/op' },
    { value: 48, unit: 'B/op' },
    { value: 2, unit: 'allocs/op' },
  ]);
  assert.deepEqual(b.values[1], { value: 120.5 * 1e6, unit: 'B/s', origValue: 120.5, origUnit: 'MB/s' });
  assert.deepEqual(b.values[2], { value: 7.5, unit: 'frames/op' }); // a b.ReportMetric unit
});

test('a zero ns/op stays in ns/op, as benchfmt keeps values that tidying leaves equal', () => {
  const [r] = results(readBenchFile('BenchmarkZ 1 0 ns/op\n', 'f', 'f', new Map()));
  assert.deepEqual(r.values, [{ value: 0, unit: 'ns/op' }]);
});

test('an empty value deletes a key, the last key taking its place', () => {
  const text = 'a: 1\nb: 2\nc: 3\nb:\nBenchmarkX 1 1 ns/op\nb: 4\nBenchmarkY 1 1 ns/op\n';
  const [x, y] = results(readBenchFile(text, 'f', 'L', new Map()));
  assert.deepEqual(cfg(x), ['.file=L (internal)', 'a=1', 'c=3']);
  assert.deepEqual(cfg(y), ['.file=L (internal)', 'a=1', 'c=3', 'b=4']);
});

test('lines that are not configuration are ignored', () => {
  const text = 'Goos: x\nnospace:x\nkey with space: y\n: z\nwho:\tknows\n=== RUN Foo\nBenchmarkOnlyName\nBenchmarkA 1 2 ns/op\n';
  const recs = readBenchFile(text, 'f', 'f', new Map());
  assert.deepEqual(errors(recs), []);
  assert.deepEqual(cfg(results(recs)[0]), ['.file=f (internal)', 'who=knows']);
});

test('malformed benchmark lines are warnings naming file and line, and reading goes on', () => {
  const text = [
    'BenchmarkA', 'BenchmarkB\t', 'BenchmarkC x 1 ns/op', 'BenchmarkD 10', 'BenchmarkE 10 abc ns/op',
    'BenchmarkF 10 5', 'BenchmarkG 99999999999999999999 1 ns/op', 'BenchmarkH 1 1e999 ns/op', 'BenchmarkI 1 2 ns/op 3',
    'BenchmarkJ 1 +Inf ns/op', 'BenchmarkK 1 .5 ns/op 1e3 x',
  ].join('\n');
  const recs = readBenchFile(text, 'bad.txt', 'bad.txt', new Map());
  assert.deepEqual(errors(recs), [
    'bad.txt:2: missing iteration count',
    'bad.txt:3: parsing iteration count: invalid syntax',
    'bad.txt:4: missing measurements',
    'bad.txt:5: parsing measurement: invalid syntax',
    'bad.txt:6: missing units',
    'bad.txt:7: parsing iteration count: value out of range',
    'bad.txt:8: parsing measurement: value out of range',
    'bad.txt:9: missing units',
  ]);
  assert.deepEqual(results(recs).map((r) => r.name), ['J', 'K']);
  assert.deepEqual(results(recs)[1].values.map((v) => [v.value, v.unit]), [[0.5e-9, 'sec/op'], [1000, 'x']]);
});

test('Unit lines set metadata for the tidied unit, across files; conflicts are warnings', () => {
  const units: UnitMetadataMap = new Map();
  const a = readBenchFile('Unit text-bytes assume=exact better=lower\nUnit ns/op assume=exact\n', 'a', 'a', units);
  assert.deepEqual(errors(a), []);
  assert.equal(unitMetadata(units, 'text-bytes', 'assume')?.value, 'exact');
  assert.equal(unitMetadata(units, 'sec/op', 'assume')?.value, 'exact');
  const b = readBenchFile('Unit text-bytes assume=nothing\nUnit x =y z\nUnit\n', 'b', 'b', units);
  assert.deepEqual(errors(b), [
    'b:1: metadata assume of unit text-bytes already set to exact',
    'b:2: expected key=value', 'b:2: expected key=value', 'b:3: missing unit',
  ]);
});

test('CRLF line ends, and a line longer than Go reads stops the reading', () => {
  const [r] = results(readBenchFile('goos: linux\r\nBenchmarkA 1 2 ns/op\r\n', 'f', 'f', new Map()));
  assert.equal(r.config[1].value, 'linux');
  assert.deepEqual(r.values[0], { value: 2e-9, unit: 'sec/op', origValue: 2, origUnit: 'ns/op' });
  assert.throws(() => readBenchFile(`a: 1\n${'x'.repeat(70000)}\n`, 'big', 'big', new Map()), (e: unknown) => e instanceof BenchReadError && e.message === 'big:1: bufio.Scanner: token too long');
});

test('names: base, sub-benchmark parts and the GOMAXPROCS suffix', () => {
  assert.equal(nameBase('Encode/format=json-48'), 'Encode');
  assert.equal(nameBase('Encode-48'), 'Encode');
  assert.equal(nameBase('Encode'), 'Encode');
  assert.equal(nameBase('Fib-x'), 'Fib-x');
  assert.deepEqual(nameParts('Encode/format=json/size=1k-48'), ['Encode', ['/format=json', '/size=1k', '-48']]);
  assert.deepEqual(nameParts('Encode'), ['Encode', []]);
  assert.deepEqual(nameParts('A/b-'), ['A', ['/b-']]);
});

test('parseGoFloat takes what strconv.ParseFloat takes (decimal forms)', () => {
  assert.equal(parseGoFloat('12'), 12);
  assert.equal(parseGoFloat('1.5e3'), 1500);
  assert.equal(parseGoFloat('-.5'), -0.5);
  assert.equal(parseGoFloat('5.'), 5);
  assert.equal(parseGoFloat('inf'), Infinity);
  assert.equal(parseGoFloat('-Infinity'), -Infinity);
  assert.ok(Number.isNaN(parseGoFloat('NaN') as number));
  assert.equal(parseGoFloat('+nan'), 'invalid syntax');
  assert.equal(parseGoFloat('1_000'), 'invalid syntax');
  assert.equal(parseGoFloat('e5'), 'invalid syntax');
});

test('file arguments: label=path, stdin, and a path given twice', () => {
  assert.deepEqual(parseFileArgs(['O=old.txt', 'new.txt', '-']), [
    { path: 'old.txt', label: 'O', isStdin: false }, { path: 'new.txt', label: 'new.txt', isStdin: false }, { path: '-', label: '-', isStdin: true },
  ]);
  assert.deepEqual(parseFileArgs(['a.txt', 'a.txt', 'X=a.txt']).map((f) => f.label), ['a.txt#0', 'a.txt#1', 'X']);
});
