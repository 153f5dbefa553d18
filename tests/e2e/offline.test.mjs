// Offline: after one visit the whole course works with the network gone (app/sw.js keeps a copy
// of the site). Load once, go offline, reload, and open three lessons, one of which trains.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, trainingReady, trains } from './harness.mjs';

const env = useSite();

test('after one visit the course works offline: a reload and three lessons, one training', async () => {
  const { page, context, errors } = await openPage(env.browser, env.site, { offlineCopy: true });
  await visit(page, env.site, '/');
  // The service worker caches the whole site while it installs, and becomes active after:
  // once it is ready, the offline copy is complete.
  const keys = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    return (await (await caches.open('dlnotes')).keys()).map((r) => new URL(r.url).pathname);
  });
  assert.ok(keys.includes('/index.html') && keys.includes('/assets/mnist-digits.bin'), `${keys}`);
  assert.ok(keys.some((k) => /^\/worker.*_bg\.wasm$/.test(k)) && keys.some((k) => /^\/app-.*_bg\.wasm$/.test(k)), `${keys}`);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector('.site-header', { timeout: 60_000 });
  const lessons = await page.$$eval('a[data-slug][data-status="ready"]', (a) => a.length);
  assert.ok(lessons > 15, `the course map works offline: ${lessons} lessons`);
  // Two lessons that draw real digits and fit curves, and one that trains in its worker.
  await visit(page, env.site, '/lessons/pooling');
  await page.waitForSelector('[data-result="pool-values"]', { timeout: 30_000 });
  await visit(page, env.site, '/lessons/optimizers');
  await page.waitForSelector('canvas', { timeout: 30_000 });
  await visit(page, env.site, '/lessons/cnn-training?model=mlp');
  await trainingReady(page);
  await trains(page);
  await context.setOffline(false);
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
});
