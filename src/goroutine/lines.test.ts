// LineSplitter and forEachLine: lines come out the same however the text is
// cut into chunks, as strings or as UTF-8 bytes split inside a character.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { detachString, forEachLine } from './lines.js';

async function linesOf(src: Parameters<typeof forEachLine>[0]): Promise<string[]> {
  const out: string[] = [];
  await forEachLine(src, (l) => out.push(l));
  return out;
}

function expected(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

test('property: any cut of the text, as strings or bytes, gives the same lines', async () => {
  const arbText = fc.array(fc.constantFrom('a', 'é', '😀', '\n', '\r\n', 'goroutine 1 [x]:', '\t'), { maxLength: 60 }).map((p) => p.join(''));
  await fc.assert(fc.asyncProperty(arbText, fc.array(fc.nat(200), { maxLength: 8 }), async (text, cuts) => {
    const bytes = new TextEncoder().encode(text);
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const byteChunks: Uint8Array[] = [];
    let prev = 0;
    for (const p of [...points, bytes.length]) {
      byteChunks.push(bytes.slice(prev, p));
      prev = p;
    }
    const strChunks = points.length === 0 ? [text] : [text.slice(0, points[0] % (text.length + 1)), text.slice(points[0] % (text.length + 1))];
    assert.deepEqual(await linesOf(byteChunks), expected(text));
    assert.deepEqual(await linesOf(strChunks), expected(text));
    assert.deepEqual(await linesOf(text), expected(text));
    async function* gen(): AsyncGenerator<Uint8Array> {
      yield* byteChunks;
    }
    assert.deepEqual(await linesOf(gen()), expected(text));
  }));
});

test('a last line without a newline is kept; detachString copies', async () => {
  assert.deepEqual(await linesOf('a\nb'), ['a', 'b']);
  assert.deepEqual(await linesOf('\n\n'), ['', '']);
  const s = 'x'.repeat(40);
  assert.equal(detachString(s), s);
});
