// shortenFunctionName: expectations checked against pprof's patterns run
// by Go's regexp package.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shortenFunctionName } from './shorten.js';

const CASES: [string, string][] = [
  ['main.fib', 'main.fib'],
  ['runtime.mallocgc', 'runtime.mallocgc'],
  ['crypto/internal/fips140/sha256.blockSHANI', 'sha256.blockSHANI'],
  ['github.com/foo/bar/v2/pkg.(*T).Method', 'pkg.(*T).Method'],
  ['github.com/foo/bar/v2.Func', 'bar.Func'],
  ['gopkg.in/yaml.v3.(*decoder).unmarshal', 'yaml.v3.(*decoder).unmarshal'],
  ['example.com/v10/x.Y', 'x.Y'],
  ['example.com/a/v1/x.Y', 'x.Y'],
  ['github.com/a-b/c.d/e.F', 'e.F'],
  ['slices.partitionOrdered[go.shape.int]', 'slices.partitionOrdered[go.shape.int]'],
  ['main.(*Server).handle.func1', 'main.(*Server).handle.func1'],
  ['a/b', 'a/b'],
  ['a/b.c', 'b.c'],
  ['java.util.HashMap.get(Ljava/lang/Object;)', 'HashMap.get'],
  ['com.google.Foo.bar$1', 'Foo.bar$1'],
  ['com.google.Foo.<init>', 'Foo.<init>'],
  ['com.google.Foo$Inner.run(I)V', 'Foo$Inner.run'],
  ['std::vector<int>::push_back', 'std::vector<int>::push_back'],
  ['(anonymous namespace)::Foo::bar', 'Foo::bar'],
  ['foo::bar::Baz::~Baz', 'Baz::~Baz'],
  ['foo::bar::Baz::qux<int, float>', 'Baz::qux<int, float>'],
  ['_ZN3foo3barEv', '_ZN3foo3barEv'],
  ['<unknown>', '<unknown>'],
];

test('shortenFunctionName drops package paths, Java packages and C++ namespaces', () => {
  for (const [name, want] of CASES) assert.equal(shortenFunctionName(name), want, name);
});
