// The web UI's bench rows: on one profile, gotune pprof -http's time until
// it serves, first paint of the flame graph after the page request, and the
// redraws of a zoom and a search, in headless Chromium; beside them go tool
// pprof -http's time until it serves and until its flame graph page has
// loaded (given up after a timeout, reported as such).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { findPprof, isolatedPprofEnv } from '../src/testkit/pprof-env.js';

/** WebFigures are one profile's web timings, in milliseconds (null: did not happen within the timeout). */
export interface WebFigures {
  gotune: { readyMs: number; firstPaintMs: number; zoomMs: number[]; searchMs: number[]; frames: number };
  pprof: { readyMs: number | null; flameLoadMs: number | null; timeoutMs: number; failure?: string };
}

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** startUntil spawns a server and resolves with the time until ready() holds, polling every 50 ms. */
async function startUntil(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: (stderr: string) => Promise<string | null>, timeoutMs: number): Promise<{ proc: ChildProcess; url: string | null; ms: number; stderr: () => string }> {
  const t0 = performance.now();
  const proc = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
  let exited = false;
  proc.on('exit', () => { exited = true; });
  while (performance.now() - t0 < timeoutMs && !exited) {
    const url = await ready(err);
    if (url) return { proc, url, ms: performance.now() - t0, stderr: () => err };
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, url: null, ms: performance.now() - t0, stderr: () => err };
}

/**
 * benchWeb measures one profile; runs is the number of zoom and search
 * redraws timed; gotuneEnv is the environment gotune runs in (run.ts gives
 * its cleaned one, as for the table's rows), process.env by default;
 * pprofExe is pprof's binary (findPprof's when not given).
 */
export async function benchWeb(gotune: string, profile: string,
  opts: { runs: number; pprofTimeoutMs: number; gotuneEnv?: NodeJS.ProcessEnv; pprofExe?: string }): Promise<WebFigures | { skipped: string }> {
  if (!CHROMIUM) return { skipped: 'no /usr/bin/chromium' };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    // gotune: ready when it prints its URL (the profile decoded, the default flame graph packed).
    const g = await startUntil(process.execPath, [gotune, 'pprof', '-http=127.0.0.1:0', '-no_browser', profile], opts.gotuneEnv ?? process.env,
      async (err) => /Serving web UI on (\S+)/.exec(err)?.[1] ?? null, 600_000);
    if (!g.url) throw new Error(`gotune -http did not start: ${g.stderr()}`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(g.url + 'flamegraph');
    await page.waitForSelector('canvas.flame-canvas[data-paints]', { timeout: 120_000 });
    const firstPaintMs = await page.evaluate(() => performance.getEntriesByName('gotune:first-paint')[0].startTime);
    const frames = await page.evaluate(() => (globalThis as unknown as { __gotune: { drawn: number } }).__gotune.drawn);
    const zoomMs: number[] = [];
    const searchMs: number[] = [];
    const canvas = page.locator('canvas.flame-canvas');
    const paints = () => page.evaluate(() => Number(document.querySelector('canvas.flame-canvas')?.getAttribute('data-paints')));
    const redraw = () => page.evaluate(() => (globalThis as unknown as { __gotune: { redrawMs: number } }).__gotune.redrawMs);
    for (let i = 0; i < opts.runs; i++) {
      // Zoom into a frame on row 3 at a varying place, then back out.
      const before = await paints();
      await canvas.click({ position: { x: 200 + 150 * i, y: 18 * 3 + 9 } });
      await page.waitForFunction((n) => Number(document.querySelector('canvas.flame-canvas')?.getAttribute('data-paints')) > n, before);
      zoomMs.push(await redraw());
      await page.goBack();
      await page.waitForFunction((n) => Number(document.querySelector('canvas.flame-canvas')?.getAttribute('data-paints')) > n + 1, before);
      const b2 = await paints();
      await page.fill('#search', i % 2 === 0 ? 'runtime\\.' : 'main\\.(handle|serve)');
      await page.press('#search', 'Enter');
      await page.waitForFunction((n) => Number(document.querySelector('canvas.flame-canvas')?.getAttribute('data-paints')) > n, b2);
      searchMs.push(await redraw());
    }
    g.proc.kill('SIGINT');

    // go tool pprof: ready when it prints its URL too; its flame graph page embeds the data, so "load" is its first paint.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // The binary itself, as the table's rows run it.
    const pprofExe = opts.pprofExe ?? findPprof().exe;
    const p = await startUntil(pprofExe, [`-http=127.0.0.1:${port}`, '-no_browser', profile], isolatedPprofEnv(mkdtempSync(join(tmpdir(), 'gotune-bench-web-'))),
      async (err) => (/Serving web UI on/.test(err) ? base : null), opts.pprofTimeoutMs);
    const pprof: WebFigures['pprof'] = { readyMs: p.url ? p.ms : null, flameLoadMs: null, timeoutMs: opts.pprofTimeoutMs };
    if (p.url) {
      const pp = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const t0 = Date.now();
      try {
        await pp.goto(`${base}/ui/flamegraph`, { waitUntil: 'load', timeout: opts.pprofTimeoutMs });
        pprof.flameLoadMs = Date.now() - t0;
      } catch (e) {
        pprof.failure = e instanceof Error ? e.message.split('\n')[0] : String(e);
      }
    } else {
      pprof.failure = `did not serve within ${opts.pprofTimeoutMs / 1000} s`;
    }
    p.proc.kill('SIGKILL');
    return { gotune: { readyMs: g.ms, firstPaintMs, zoomMs, searchMs, frames }, pprof };
  } finally {
    await browser.close();
  }
}

/** main runs the web rows alone: node dist/bench/web.js PROFILE [runs] [pprof timeout s]. */
if (process.argv[1]?.endsWith('web.js') && process.argv[2]) {
  const { fileURLToPath } = await import('node:url');
  const { dirname } = await import('node:path');
  const gotune = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'gotune.js');
  const r = await benchWeb(gotune, process.argv[2], { runs: Number(process.argv[3] ?? 5), pprofTimeoutMs: Number(process.argv[4] ?? 120) * 1000 });
  process.stdout.write(JSON.stringify(r, null, 2) + '\n');
}
