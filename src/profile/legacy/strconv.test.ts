// Tests for the Go-compatible number parsing used by the legacy parsers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { floatToInt64, parseGoInt, parseGoUint, parseHexAddresses, toInt64, toUint64 } from './strconv.js';

const value = (r: ReturnType<typeof parseGoInt>) => (r.ok ? r.value : r.message);

test('parseGoInt base 10', () => {
  assert.equal(value(parseGoInt('42', 10)), 42n);
  assert.equal(value(parseGoInt('-42', 10)), -42n);
  assert.equal(value(parseGoInt('+7', 10)), 7n);
  assert.equal(value(parseGoInt('9223372036854775807', 10)), 9223372036854775807n);
  assert.equal(value(parseGoInt('-9223372036854775808', 10)), -9223372036854775808n);
  assert.equal(value(parseGoInt('9223372036854775808', 10)), 'strconv.ParseInt: parsing "9223372036854775808": value out of range');
  assert.equal(value(parseGoInt('', 10)), 'strconv.ParseInt: parsing "": invalid syntax');
  assert.equal(value(parseGoInt('1_0', 10)), 'strconv.ParseInt: parsing "1_0": invalid syntax');
});

test('parseGoInt base 0: prefixes, octal, underscores', () => {
  assert.equal(value(parseGoInt('0x1f', 0)), 31n);
  assert.equal(value(parseGoInt('0X1F', 0)), 31n);
  assert.equal(value(parseGoInt('010', 0)), 8n);
  assert.equal(value(parseGoInt('0o17', 0)), 15n);
  assert.equal(value(parseGoInt('0b101', 0)), 5n);
  assert.equal(value(parseGoInt('0', 0)), 0n);
  assert.equal(value(parseGoInt('1_000', 0)), 1000n);
  assert.equal(value(parseGoInt('0x_1f', 0)), 31n);
  assert.equal(value(parseGoInt('09', 0)), 'strconv.ParseInt: parsing "09": invalid syntax');
  assert.equal(value(parseGoInt('1__0', 0)), 'strconv.ParseInt: parsing "1__0": invalid syntax');
  assert.equal(value(parseGoInt('_1', 0)), 'strconv.ParseInt: parsing "_1": invalid syntax');
  assert.equal(value(parseGoInt('0x', 0)), 'strconv.ParseInt: parsing "0x": invalid syntax');
});

test('parseGoUint base 16', () => {
  assert.equal(value(parseGoUint('ffffffffffffffff', 16)), (1n << 64n) - 1n);
  assert.equal(value(parseGoUint('10000000000000000', 16)), 'strconv.ParseUint: parsing "10000000000000000": value out of range');
  assert.equal(value(parseGoUint('00000000000000000001', 16)), 1n);
  assert.equal(value(parseGoUint('0x10', 16)), 'strconv.ParseUint: parsing "0x10": invalid syntax');
});

test('parseHexAddresses takes lower-case 0x numbers only', () => {
  assert.deepEqual(parseHexAddresses('PC: 0x1f 0X20 0xAb x0x3'), { addrs: [0x1fn, 0x3n] });
  assert.deepEqual(parseHexAddresses('0x0000000000000000000001'), { addrs: [1n] });
  assert.deepEqual(parseHexAddresses('0x1 0x10000000000000000'), { error: 'failed to parse as hex 64-bit number: 0x10000000000000000' });
});

test('parseHexAddresses finds what /0x[0-9a-f]+/g finds', () => {
  let seed = 99;
  const rand = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const alphabet = '0x0x1fa Xg';
  for (let i = 0; i < 5000; i++) {
    let s = '';
    for (let k = Math.floor(rand() * 30); k > 0; k--) s += alphabet[Math.floor(rand() * alphabet.length)];
    const want = [...s.matchAll(/0x[0-9a-f]+/g)].map((m) => BigInt(m[0]));
    assert.deepEqual(parseHexAddresses(s), { addrs: want }, JSON.stringify(s));
  }
});

test('64-bit wrap-around and float conversion', () => {
  assert.equal(toInt64(1n << 63n), -(1n << 63n));
  assert.equal(toUint64(-1n), (1n << 64n) - 1n);
  assert.equal(floatToInt64(2.9), 2n);
  assert.equal(floatToInt64(-2.9), -2n);
  assert.equal(floatToInt64(NaN), -(1n << 63n));
  assert.equal(floatToInt64(1e300), -(1n << 63n));
});
