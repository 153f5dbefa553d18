// Memory over a session: a page that is left, or redrawn for a run that is started again, gives
// its memory back. The page's wasm heap is read as the bytes its allocator holds live
// (`dlnotes.wasm_heap_live_bytes()`), after a garbage collection, so that values held by
// JavaScript wrappers are counted only while they are reachable. (The 30-minute version is
// `cargo xtask soak`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, trainingReady, collectGarbage, followLink } from './harness.mjs';

const env = useSite();

async function liveBytes(page) {
  await collectGarbage(page);
  return page.evaluate(() => window.dlnotes.wasm_heap_live_bytes());
}

/** Follows a link inside the app and waits for the new page. */
async function go(page, href, selector) {
  await followLink(page, href);
  await page.waitForSelector(selector);
}

test('memory: going back and forth between the course map and a lesson does not pile up', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/');
  const there = () => go(page, '/lessons/convolution', 'article[data-lesson="convolution"] svg[data-grid="output"]');
  const back = () => go(page, '/', 'a[data-slug="convolution"]');
  for (let i = 0; i < 3; i++) await there(), await back();
  const before = await liveBytes(page);
  const trips = 30;
  for (let i = 0; i < trips; i++) await there(), await back();
  const perTrip = ((await liveBytes(page)) - before) / trips;
  console.log(`memory: ${(perTrip / 1000).toFixed(2)} kB per round trip between the course map and convolution`);
  // Leptos 0.8's reactive graph without the backported fixes (vendor/README.md) kept about 18 kB
  // per round trip here; with them about 1.3 kB remain.
  assert.ok(perTrip < 5000, `${perTrip.toFixed(0)} bytes stay behind per round trip`);
  assert.deepEqual(errors, []);
});

test('memory: training again and again in cnn-training does not pile up', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/cnn-training?epochs=1');
  await trainingReady(page);
  const run = async () => {
    await page.click('[data-action="reset"]');
    await page.click('[data-action="train"]');
    await page.waitForFunction(() => /完成|Finished/.test(document.querySelector('[data-result="status"]').textContent), null, { timeout: 120_000 });
  };
  await run();
  const before = await liveBytes(page);
  const runs = 3;
  for (let i = 0; i < runs; i++) await run();
  const perRun = ((await liveBytes(page)) - before) / runs;
  console.log(`memory: ${(perRun / 1000).toFixed(2)} kB per one-epoch run in cnn-training`);
  // Without the fixes, each run's redraws left about 50 kB.
  assert.ok(perRun < 10_000, `${perRun.toFixed(0)} bytes stay behind per run`);
  assert.deepEqual(errors, []);
});
