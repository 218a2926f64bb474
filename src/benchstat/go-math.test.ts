// Go's math.Log and math.Exp on amd64 (with FMA), on inputs where V8's
// Math.log and Math.exp round the other way: values printed by Go.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fma, goExp, goLog } from './go-math.js';

// [x, Go's math.Log(x)], where Math.log(x) differs.
const LOG: [number, number][] = [
  [0.896368344644304, -0.10940385155184629],
  [2.292128170006446, 0.8294807178851756],
  [0.6652539405573809, -0.407586445718536],
  [1.4729473994639732, 0.3872654270424576],
  [1.0807012565496343, 0.07761014204457688],
  [1.546044718795604, 0.4356998752291759],
  [1.2331784608667788, 0.20959495082703214],
  [0.4379399626646532, -0.8256734495427409],
  [1.4580044405697343, 0.37706867924008236],
  [0.15969818610682074, -1.8344695819545365],
  [1.2369355636454438, 0.21263700122531765],
  [0.6559372743807078, -0.421690112931863],
];

// [x, Go's math.Exp(x)], where Math.exp(x) differs.
const EXP: [number, number][] = [
  [419.09300921994077, 1.0227778367671342e+182],
  [144.565984706697, 6.0842833182115275e+62],
  [-672.967553152203, 5.418825502709961e-293],
  [589.6625119898631, 1.2222924872616598e+256],
  [141.2432792433475, 2.1936977070608646e+61],
  [676.9448430205603, 9.849402301625517e+293],
  [492.5178792842819, 7.903095171085852e+213],
  [-519.5398494843473, 2.326538480638573e-226],
  [-159.63212130329146, 4.705985486655185e-70],
  [438.39579411872865, 2.471008704986312e+190],
  [-46.2617408503728, 8.105526415078597e-21],
  [-281.7554107211257, 4.3169784175084475e-123],
];

test('goLog rounds as Go does where V8 does not', () => {
  for (const [x, want] of LOG) {
    assert.notEqual(Math.log(x), want, `V8 agrees with Go on ${x}: the case shows nothing`);
    assert.equal(goLog(x), want, String(x));
  }
  assert.equal(goLog(14), 2.639057329615259);
  assert.equal(goLog(1), 0);
  assert.equal(goLog(0), -Infinity);
  assert.ok(Number.isNaN(goLog(-1)));
  assert.equal(goLog(Infinity), Infinity);
});

test('goExp rounds as Go does where V8 does not, and overflows where Go does', () => {
  for (const [x, want] of EXP) {
    assert.notEqual(Math.exp(x), want, `V8 agrees with Go on ${x}`);
    assert.equal(goExp(x), want, String(x));
  }
  assert.equal(goExp(goLog(14)), 14.000000000000004); // the geomean of samples that are all 14, as benchstat prints it
  assert.equal(goExp(0), 1);
  assert.equal(goExp(-Infinity), 0);
  assert.equal(goExp(709.7), Infinity); // Go's reduction overflows before the true value does
  assert.equal(goExp(-745.1), 5e-324); // as Go gives it
  assert.equal(goExp(-746), 0);
  assert.equal(goExp(-740), 4.2e-322);
});

test('fma rounds once', () => {
  assert.equal(fma(0.1, 10, -1), 5.551115123125783e-17); // a·b exactly, minus 1; 0.1*10-1 is 0
  assert.equal(fma(1 + 2 ** -52, 1 - 2 ** -53, -1), 2 ** -53 - 2 ** -105);
  assert.equal(fma(2, 3, 4), 10);
  assert.equal(fma(1e308, 10, -Infinity), -Infinity);
});
