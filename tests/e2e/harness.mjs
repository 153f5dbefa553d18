// Shared helpers for the end-to-end tests: a static server for the built site (with the
// index.html fallback a single-page app needs), Debian's Chromium driven by playwright-core,
// and a page that records console errors and any request that leaves the site.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const outputDir = path.join(here, '..', 'output');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.bin': 'application/octet-stream',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serves `dist` on a free port of 127.0.0.1; unknown paths get index.html. */
export async function startSite(dist = process.env.DLNOTES_DIST ?? path.join(here, '..', '..', 'dist')) {
  const root = path.resolve(dist);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`no built site in ${root}: run \`cargo xtask test\` (it builds the site first)`);
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      file = path.join(root, 'index.html');
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    // As a host serving precompressed files does: the brotli or gzip copy that `cargo xtask dist`
    // wrote beside the file, if there is one and the browser accepts it.
    const accepts = String(req.headers['accept-encoding'] ?? '').split(',').map((e) => e.trim().split(';')[0]);
    const packed = [['br', '.br'], ['gzip', '.gz']].find(([name, ext]) => accepts.includes(name) && fs.existsSync(file + ext));
    if (packed) {
      headers['content-encoding'] = packed[0];
      headers.vary = 'Accept-Encoding';
      file += packed[1];
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Debian's Chromium, headless, with everything that would phone home switched off. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh page (its own storage) that records console errors, uncaught exceptions and requests
 * outside the site. `lang` preselects the interface language as a returning visitor would have;
 * `offlineCopy` lets the site's service worker run.
 */
export async function openPage(browser, site, { lang, presenter, width = 1280, height = 900, offlineCopy = false } = {}) {
  // The site's service worker (its offline copy) only where a test is about it: elsewhere it
  // would answer requests that tests route or count.
  const serviceWorkers = offlineCopy ? 'allow' : 'block';
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, serviceWorkers });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  if (lang || presenter) {
    await context.addInitScript(([l, p]) => {
      if (!sessionStorage.getItem('dlnotes.test.init')) {
        sessionStorage.setItem('dlnotes.test.init', '1');
        if (l) localStorage.setItem('dlnotes.lang', l);
        if (p) localStorage.setItem('dlnotes.presenter', '1');
      }
    }, [lang ?? null, presenter ?? false]);
  }
  const page = await context.newPage();
  const errors = [];
  const external = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(site.url) && !u.startsWith('data:') && !u.startsWith('blob:')) external.push(u);
  });
  return { page, context, errors, external };
}

/**
 * Registers the hooks of a test file: one site server and one browser, shared by its tests and
 * closed after them. The returned object has `site` and `browser` once the tests run.
 */
export function useSite() {
  const env = {};
  before(async () => {
    env.site = await startSite();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.site?.close();
  });
  return env;
}

/** The trimmed text of the first element matching `sel`. */
export const text = (page, sel) => page.textContent(sel).then((t) => t.trim());

/** Opens `route` and waits until the app has rendered it. */
export async function visit(page, site, route) {
  await page.goto(site.url + route);
  await page.waitForSelector('.site-header', { timeout: 60_000 });
}

/** Saves a full-page screenshot under tests/output/screenshots for people to look at. */
export async function screenshot(page, name) {
  const dir = path.join(outputDir, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** The query parameters of the page's current address. */
export function query(page) {
  return Object.fromEntries(new URL(page.url()).searchParams);
}

/** A fingerprint of what a chart's canvas shows, to tell that a plot changed. */
export function plotPixels(page, label) {
  return page.$eval(`canvas[data-plot="${label}"]`, (c) => c.toDataURL());
}

/** Runs a full garbage collection in the page (before reading its memory). */
export async function collectGarbage(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
}

/** Follows a link inside the app through its router, as a click on one would. */
export function followLink(page, href) {
  return page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    document.body.append(a);
    a.click();
    a.remove();
  }, href);
}

/** Waits until the page has rendered two more animation frames (its reactions to an event are drawn). */
export function nextFrames(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Waits until every lane of a side-by-side experiment has finished. */
export async function lanesDone(page, timeout = 120_000) {
  await page.waitForFunction(() => /全部训练完成|All runs finished/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout, polling: 250 });
}

/** Waits until a training lesson's worker has loaded its data (its status says it is ready). */
export async function trainingReady(page) {
  await page.waitForFunction(() => /准备就绪|Ready/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60_000 });
}

/** Presses train in the cnn-training lesson and waits until the step counter moves. */
export async function trains(page) {
  await page.click('[data-action="train"]');
  await page.waitForFunction(() => !/^0 \//.test(document.querySelector('[data-result="steps"]').textContent.trim()), null, { timeout: 60_000 });
}

/** Clicks a download button and returns the saved file's name, path and bytes. */
export async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dlnotes-')), file.suggestedFilename());
  await file.saveAs(saved);
  return { name: file.suggestedFilename(), path: saved, bytes: fs.readFileSync(saved) };
}

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
