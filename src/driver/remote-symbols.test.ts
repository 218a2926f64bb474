// pprof's marks after remote symbolization of fetched profiles.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProfileBuilder } from '../profile/builder.js';
import { markRemoteSymbolized, remoteSymbolization } from './remote-symbols.js';

test('-symbolize values that allow remote symbolization', () => {
  for (const m of ['', 'remote', 'force', 'remote:force', 'demangle=full']) assert.equal(remoteSymbolization(m), true, m);
  for (const m of ['none', 'no', 'local', 'fastlocal', 'local:force']) assert.equal(remoteSymbolization(m), false, m);
});

test('mappings whose locations have lines are marked HasFunctions; others are left and reported', () => {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }]);
  const named = b.addMapping({ file: '[vdso]' });
  const bare = b.addMapping({ file: '/lib/x.so' });
  const a = b.addLocation(0x10n, named, [{ fn: b.fn('f'), line: 1, column: 0 }]);
  const c = b.addLocation(0x20n, bare, []);
  b.addSample([a, c], [1]);
  const warned: string[] = [];
  const p = markRemoteSymbolized(b.build(), (l) => warned.push(l));
  assert.deepEqual(p.mappings.map((m) => m.hasFunctions), [true, false]);
  assert.equal(p.locations[0].mapping, p.mappings[0]);
  assert.equal(warned.length, 1);
  assert.match(warned[0], /remote symbolization .* not supported yet/);
});
