// The web UI in a real headless Chromium, against `gotune pprof -http`
// processes on real profiles: every view loads without a page error; zoom,
// search, refine, sample types, the diff, the labels panel and
// back/forward work; hostile function names stay text everywhere.
// Screenshots go to dist/test-artifacts/web/.

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { packageRoot } from '../node/package-root.js';
import { ProfileBuilder } from '../profile/builder.js';
import { encodeProfile } from '../profile/encode.js';

const root = packageRoot();
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const SKIP = CHROMIUM ? false : 'no /usr/bin/chromium on this machine (.ci/run installs it)';
const ARTIFACTS = join(root, 'dist', 'test-artifacts', 'web');
const prof = (name: string) => join(root, 'testdata', 'profiles', name);

/** Served is a running `gotune pprof -http` process. */
interface Served { url: string; proc: ChildProcess }

/** serve starts gotune pprof -http=127.0.0.1:0 -no_browser with args, and waits for its URL. */
function serve(...args: string[]): Promise<Served> {
  return start(['pprof', '-http=127.0.0.1:0', '-no_browser', ...args]);
}

/** start runs gotune with argv and waits for the URL it serves. */
function start(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Served> {
  const proc = spawn(process.execPath, [join(root, 'bin', 'gotune.js'), ...argv], { stdio: ['ignore', 'ignore', 'pipe'], env });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL after 30 s: ${err}`)), 30_000);
    proc.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /Serving (?:web UI|the run dashboard) on (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], proc });
      }
    });
    proc.on('exit', (code) => reject(new Error(`gotune exited ${code}: ${err}`)));
  });
}

/** HOSTILE are function names that would run script if any view wrote them as markup. */
const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=2">',
  "javascript:window.__pwned=3",
  '<svg onload="window.__pwned=4"><a xlink:href="javascript:window.__pwned=5">x</a></svg>',
  "main.'quoted\"`name`",
];

/** hostileProfile writes a CPU profile whose frames carry the hostile names and labels. */
function hostileProfile(dir: string): string {
  const b = new ProfileBuilder([{ type: 'samples', unit: 'count' }, { type: 'cpu', unit: 'nanoseconds' }]);
  const m = b.addMapping({ file: '/bin/<img src=x onerror=alert(1)>', hasFunctions: true });
  const locs = ['main.main', ...HOSTILE].map((name, i) => b.addLocation(BigInt(0x1000 + i * 16), m, [{ fn: b.fn(name, `/src/${name}.go`, 3), line: 10 + i, column: 0 }]));
  for (let i = 1; i < locs.length; i++) {
    b.addSample([locs[i], locs[0]], [i, i * 10_000_000], { str: { [HOSTILE[i - 1]]: [HOSTILE[(i) % HOSTILE.length]] } });
  }
  const p = b.build({ periodType: { type: 'cpu', unit: 'nanoseconds' }, period: 10_000_000, comments: ['<script>window.__pwned=6</script>'] });
  const file = join(dir, 'hostile.pb.gz');
  writeFileSync(file, gzipSync(encodeProfile(p)));
  return file;
}

describe('the web UI in Chromium', { skip: SKIP }, () => {
  let browser: Browser;
  let page: Page;
  const servers: Served[] = [];
  const errors: string[] = [];
  let cpu: Served;

  before(async () => {
    const { chromium } = await import('playwright-core');
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
    page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
    cpu = await serve(prof('cpu.pb.gz'));
    servers.push(cpu);
  });
  after(async () => {
    await browser?.close();
    for (const s of servers) s.proc.kill('SIGINT');
  });

  /** open loads a view and waits until its content has arrived. */
  async function open(url: string, ready: string): Promise<void> {
    await page.goto(url);
    await page.waitForSelector(ready, { timeout: 30_000 });
  }
  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const noErrors = (what: string) => assert.deepEqual(errors.splice(0), [], what);
  const query = () => new URL(page.url()).searchParams;

  test('every view loads without a page error', async () => {
    const views: [string, string][] = [
      ['', 'canvas.flame-canvas[data-paints]'],
      ['flamegraph?mode=inverted', 'canvas.flame-canvas[data-paints]'],
      ['flamegraph?mode=sandwich&fn=main.fib', 'canvas.flame-canvas[data-paints]'],
      ['top', 'table.top tbody tr:nth-child(3)'],
      ['graph', '.graph-box svg g.node'],
      ['source?f=' + encodeURIComponent('^main\\.fib$'), 'table.source tr.src'],
      ['peek?f=' + encodeURIComponent('main\\.fib'), '#report'],
      ['tags', '#report'],
      ['disasm?f=' + encodeURIComponent('^main\\.fib$'), '#report, .warnings, .error'],
      ['top?panel=labels', '.label-key'],
      ['flamegraph?panel=details', '.details-panel dl'],
    ];
    for (const [path, ready] of views) {
      await open(cpu.url + path, ready);
      await shot(`view-${path.replace(/[^a-z0-9]+/gi, '-') || 'flamegraph'}`);
      noErrors(path);
    }
    // Source: the hottest line is shaded and its numbers are -list's.
    await open(cpu.url + 'source?f=' + encodeURIComponent('^main\\.fib$'), 'table.source tr.src');
    assert.match(await page.locator('.listing .totals').first().innerText(), /^flat 1\.59s, cum /);
    assert.ok(await page.locator('table.source tr.src[style*="background"]').count() > 0);
  });

  test('click zooms, breadcrumbs reset, back and forward restore', async () => {
    await open(cpu.url, 'canvas.flame-canvas[data-paints]');
    const canvas = page.locator('canvas.flame-canvas');
    const box = (await canvas.boundingBox())!;
    // Row 2 (main.main.func1's children), a third of the way across.
    await canvas.click({ position: { x: box.width * 0.33, y: 18 * 2 + 9 } });
    await page.waitForSelector('nav.crumbs');
    const zoom = query().get('zoom');
    assert.ok(zoom && zoom.split(';').length === 2, String(zoom));
    const frames = await page.evaluate(() => (globalThis as unknown as { __gotune: { drawMs: number } }).__gotune.drawMs);
    assert.ok(frames >= 0);
    await shot('zoomed');
    await page.goBack();
    await page.waitForFunction(() => !document.querySelector('nav.crumbs'));
    assert.equal(query().get('zoom'), null);
    await page.goForward();
    await page.waitForSelector('nav.crumbs');
    assert.equal(query().get('zoom'), zoom);
    await page.click('nav.crumbs button:first-child');
    await page.waitForFunction(() => !document.querySelector('nav.crumbs'));
    noErrors('zoom');
  });

  test('hover shows the frame, search counts and steps through matches', async () => {
    await open(cpu.url, 'canvas.flame-canvas[data-paints]');
    const canvas = page.locator('canvas.flame-canvas');
    await canvas.hover({ position: { x: 200, y: 9 } });
    await page.waitForSelector('.tip');
    assert.match(await page.locator('.tip').innerText(), /root[\s\S]*cum 7\.84s \(100\.00%\)/);
    await page.fill('#search', '^main\\.fib$');
    await page.press('#search', 'Enter');
    await page.waitForSelector('#matches');
    assert.match(await page.locator('#matches').innerText(), /^1 function, 22 frames match: 20\.41% of the total/);
    await page.click('#matches button:has-text("Next")');
    await page.waitForFunction(() => /1 of \d+/.test(document.querySelector('#matches')?.textContent ?? ''));
    assert.ok(query().get('sel'));
    await shot('search');
    noErrors('search');
  });

  test('refine from the menu and the box; the filter shows and comes off', async () => {
    await open(cpu.url, 'canvas.flame-canvas[data-paints]');
    await page.locator('canvas.flame-canvas').click({ button: 'right', position: { x: 100, y: 18 * 2 + 9 } });
    await page.waitForSelector('.menu');
    await page.click('.menu button:has-text("Focus")');
    await page.waitForSelector('.chip');
    assert.match(query().get('f') ?? '', /^\^main\\\.worker[ABC]\$$/);
    await page.waitForSelector('canvas.flame-canvas[data-paints]');
    await page.click('.chip button');
    await page.waitForFunction(() => !document.querySelector('.chip'));
    await page.selectOption('select[aria-label="refine action"]', 'i');
    await page.fill('#refine', 'runtime\\.');
    await page.press('#refine', 'Enter');
    await page.waitForSelector('.chip');
    assert.equal(query().get('i'), 'runtime\\.');
    await open(cpu.url + 'top?i=runtime%5C.', 'table.top tbody tr:nth-child(3)');
    assert.doesNotMatch(await page.locator('table.top').innerText(), /runtime\./);
    noErrors('refine');
  });

  test('the sample type selector switches what every view shows', async () => {
    const heap = await serve(prof('heap1.pb.gz'));
    servers.push(heap);
    await open(heap.url + 'top', 'table.top tbody tr:nth-child(3)');
    const before = await page.locator('table.top tbody').innerText();
    await page.selectOption('#sample-type', { label: 'alloc_space (bytes)' });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('si') === 'alloc_space');
    await page.waitForFunction((b) => document.querySelector('table.top tbody')?.textContent !== b, before);
    // The header labels come with their own render, which may land after
    // the table's: wait for it (a timeout fails the test) before asserting.
    await page.waitForFunction(() => /Type: alloc_space/.test(document.querySelector('ul.labels')?.textContent ?? ''), undefined, { timeout: 10_000 }).catch(() => {});
    assert.match(await page.locator('ul.labels').innerText(), /Type: alloc_space/);
    noErrors('sample type');
  });

  test('a diff shows red and blue frames, both values, and the delta table', async () => {
    const d = await serve('-diff_base', prof('cpu.pb.gz'), prof('cpu2.pb.gz'));
    servers.push(d);
    await open(d.url, 'canvas.flame-canvas[data-paints]');
    await page.waitForSelector('.legend');
    await page.waitForSelector('.top-view h3');
    assert.match(await page.locator('.top-view').innerText(), /delta flat[\s\S]*main\.fib/);
    await page.locator('canvas.flame-canvas').hover({ position: { x: 300, y: 18 * 3 + 9 } });
    await page.waitForSelector('.tip');
    assert.match(await page.locator('.tip').innerText(), /new .*, base .*\n?delta [+-]/);
    await shot('diff-flamegraph');
    await page.check('#normalize');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('normalize') === '1');
    await open(d.url + 'top', 'table.top tbody tr:nth-child(3)');
    assert.match(await page.locator('table.top thead').innerText(), /base flat\s+new flat\s+delta flat/);
    noErrors('diff');
  });

  test('the labels panel focuses, ignores and groups by a label', async () => {
    await open(cpu.url + 'flamegraph?panel=labels', '.label-key');
    await page.locator('.label-key').first().locator('button:has-text("focus")').first().click();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('tf'));
    assert.match(query().get('tf') ?? '', /^[^=]+=\^.*\$$/);
    await page.waitForSelector('canvas.flame-canvas[data-paints]');
    await page.locator('.label-key').first().locator('button:has-text("root")').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.has('tagroot'));
    await shot('labels');
    noErrors('labels');
  });

  test('hostile names stay text in every view, the call graph included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gotune-hostile-'));
    const h = await serve(hostileProfile(dir));
    servers.push(h);
    const views: [string, string][] = [
      ['', 'canvas.flame-canvas[data-paints]'],
      ['top', 'table.top tbody tr:nth-child(3)'],
      ['graph', '.graph-box svg g.node'],
      ['peek?f=.', '#report'],
      ['tags', '#report'],
      ['source?f=.', '.source-view .warnings, .listing'],
      ['flamegraph?panel=labels', '.label-key'],
      ['flamegraph?panel=details', '.details-panel dl'],
      ['flamegraph?mode=sandwich&fn=' + encodeURIComponent(HOSTILE[1]), 'canvas.flame-canvas[data-paints]'],
    ];
    for (const [path, ready] of views) {
      await open(h.url + path, ready);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
        scripts: document.scripts.length,
        imgs: document.images.length,
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
        jsLinks: [...document.querySelectorAll('[href],[xlink\\:href]')].map((e) => e.getAttribute('href') ?? '').filter((v) => /^\s*javascript:/i.test(v)),
      }));
      assert.deepEqual(state, { pwned: 0, scripts: 1, imgs: 0, handlers: [], jsLinks: [] }, path);
      // pprof's name simplification drops <…> from function names; labels keep them.
      if (path === 'top') assert.match(await page.locator('table.top').innerText(), /"><img src=x onerror="window\.__pwned=2">/);
      if (path.includes('labels')) assert.match(await page.locator('.labels-panel').innerText(), /<script>window\.__pwned=1<\/script>/);
      if (path === 'graph') await shot('hostile-graph');
    }
    noErrors('hostile');
  });

  test('the goroutines page: a goroutine profile, and two dumps as a diff', async () => {
    const g = await serve(join(root, 'testdata', 'goroutine', 'dumps.2.pb.gz'));
    servers.push(g);
    await open(g.url + 'goroutines', '.group-box');
    assert.match(await page.locator('.goroutines-view h2').innerText(), /^Goroutines: /);
    assert.match(await page.locator('.goroutines-view').innerText(), /\d+ goroutines in \d+ groups/);
    await shot('goroutines');
    const dumps = await start(['goroutines', '--diff', '--http=127.0.0.1:0', '--no-browser',
      join(root, 'testdata', 'goroutine', 'dumps.1.debug2.txt'), join(root, 'testdata', 'goroutine', 'dumps.2.debug2.txt')]);
    servers.push(dumps);
    await open(dumps.url + 'goroutines', '.group-box');
    const text = await page.locator('.goroutines-view').innerText();
    assert.match(text, /Goroutine diff: .*dumps\.1\.debug2\.txt → .*dumps\.2\.debug2\.txt/);
    assert.match(text, /Creation sites that changed/);
    // The same dumps, the same numbers as the CLI's text report.
    const cli = spawnSync(process.execPath, [join(root, 'bin', 'gotune.js'), 'goroutines', '--diff', '--format', 'json',
      join(root, 'testdata', 'goroutine', 'dumps.1.debug2.txt'), join(root, 'testdata', 'goroutine', 'dumps.2.debug2.txt')], { encoding: 'utf8' });
    const want = JSON.parse(cli.stdout) as { total: number; diff: { before: { total: number } } };
    assert.ok(text.includes(`${want.diff.before.total} → ${want.total} goroutines`), text.slice(0, 300));
    // The dump is a profile there too: its flame graph is the later snapshot against the earlier.
    await open(dumps.url + 'flamegraph', 'canvas.flame-canvas[data-paints]');
    await page.waitForSelector('.legend');
    noErrors('goroutines');
  });

  test('a URL source: the profile fetched from a live /debug/pprof endpoint', async () => {
    const body = readFileSync(prof('cpu.pb.gz'));
    const svc = createServer((req, res) => {
      if (!req.url?.startsWith('/debug/pprof/profile')) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((r) => svc.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (svc.address() as { port: number }).port;
      const tmp = mkdtempSync(join(tmpdir(), 'gotune-web-url-'));
      const s = await start(['pprof', '-http=127.0.0.1:0', '-no_browser', `http://127.0.0.1:${port}/debug/pprof/profile?seconds=1`], { ...process.env, PPROF_TMPDIR: tmp });
      servers.push(s);
      await open(s.url + 'top', 'table.top tbody tr:nth-child(3)');
      assert.match(await page.locator('table.top').innerText(), /main\.fib/);
      noErrors('url source');
    } finally {
      svc.close();
    }
  });

  test('the run dashboard: KPIs, profiles, a diff between the runs, the findings', async () => {
    const d = (name: string) => join(root, 'testdata', 'diagnose', name);
    const v = (name: string) => join(root, 'testdata', 'verify', name);
    const w = await start(['web', '--http=127.0.0.1:0', '--no-browser', v('slow-cpu-a'), v('slow-cpu-fixed')]);
    servers.push(w);
    await open(w.url, '.dashboard .kpi');
    await page.waitForSelector('.dashboard h3:has-text("Diagnosis")');
    const text = await page.locator('.dashboard').innerText();
    assert.match(text, /baseline → candidate/);
    assert.match(text, /Verify: (improved|mixed)/);
    assert.match(text, /p99\s+\S+\s+\S+\s+-\d+\.\d%\s+0\.00\d\s+improved/);
    assert.equal(await page.locator('svg.kpi-chart').count(), 9);
    await shot('dashboard');
    // A finding opens the view that shows it, on the diagnosed run's capture, focused on its function.
    await page.waitForSelector('.finding a:has-text("show it")');
    await page.locator('.finding a:has-text("show it")').first().click();
    await page.waitForSelector('canvas.flame-canvas[data-paints]');
    assert.match(query().get('src') ?? '', /^candidate\/rep-\d+\/.*\.pb\.gz$/);
    assert.match(query().get('f') ?? '', /^\^main\\\.\w+\$$/);
    await page.goBack();
    await page.waitForSelector('.dashboard .kpi');
    await page.locator('section.profiles tr:has(td:text-is("cpu"))').first().locator('a:has-text("diff flame graph")').click();
    await page.waitForSelector('canvas.flame-canvas[data-paints]');
    await page.waitForSelector('.legend');
    assert.equal(query().get('src'), 'baseline/' + query().get('src')!.split('/').slice(1).join('/'));
    assert.match(query().get('base') ?? '', /^candidate\//);
    await page.click('nav.views a:has-text("Top")');
    await page.waitForSelector('table.top tbody tr:nth-child(3)');
    assert.match(await page.locator('table.top thead').innerText(), /delta flat/);
    await page.goBack();
    await page.waitForSelector('canvas.flame-canvas[data-paints]');
    noErrors('dashboard');
    // A src outside the runs' captures is refused (the browser logs the 400).
    const status = await page.evaluate(async () => (await fetch('/ui/data/top?src=baseline/../../../etc/passwd')).status);
    assert.equal(status, 400);
    errors.splice(0);
  });

  test('static paths cannot leave the package (the Host check is in web/server/server.test.ts)', async () => {
    await open(cpu.url, 'canvas.flame-canvas[data-paints]');
    const statuses = await page.evaluate(async () => {
      const out: number[] = [];
      for (const p of ['/ui/static/../../package.json', '/ui/static/%2e%2e/%2e%2e/package.json', '/ui/static/ui.js']) out.push((await fetch(p)).status);
      return out;
    });
    assert.deepEqual(statuses, [404, 404, 200]);
  });
});
