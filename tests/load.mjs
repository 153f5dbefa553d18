// First load of a lesson, as a first-time visitor (empty cache, no service worker): the time from
// navigation to the lesson's page being shown, and for cnn-training to its worker being ready to
// train, on localhost and over a link throttled to 10 Mbit/s (20 ms latency, CDP network
// emulation). Prints one JSON line per measurement and the bytes transferred.
//
// Usage: node load.mjs <dist> [runs]
import { startSite, launchBrowser, openPage, trainingReady, median } from './e2e/harness.mjs';

const dist = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
const site = await startSite(dist);
const browser = await launchBrowser();

for (const [link, conditions] of [
  ['localhost', null],
  ['10 Mbit/s', { offline: false, latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 }],
]) {
  for (const route of ['/lessons/pooling', '/lessons/cnn-training']) {
    const shown = [];
    const ready = [];
    let bytes = 0;
    for (let i = 0; i < runs; i += 1) {
      const { page, context } = await openPage(browser, site, { lang: 'en' });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      if (conditions) await cdp.send('Network.emulateNetworkConditions', conditions);
      let transferred = 0;
      cdp.on('Network.loadingFinished', (e) => { transferred += e.encodedDataLength; });
      const t0 = Date.now();
      await page.goto(site.url + route);
      await page.waitForSelector('article[data-lesson]', { timeout: 120_000 });
      shown.push(Date.now() - t0);
      if (route.includes('cnn-training')) {
        await trainingReady(page);
        ready.push(Date.now() - t0);
      }
      bytes = transferred;
      await context.close();
    }
    console.log(JSON.stringify({
      bench: 'first-load', link, route, runs,
      shown_ms: median(shown),
      ...(ready.length ? { ready_to_train_ms: median(ready) } : {}),
      transferred_bytes: bytes,
    }));
  }
}
await browser.close();
await site.close();
