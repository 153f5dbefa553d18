// Runs the training benchmark in headless Chromium against a built site and prints its JSON
// line: `node bench.mjs <dist> <backend> [run]` (run: `char-lstm` for the character LSTM).
// Called by `cargo xtask bench`.
import { startSite, launchBrowser, openPage, visit } from './e2e/harness.mjs';

const [dist, backend = 'flex', run = ''] = process.argv.slice(2);
const site = await startSite(dist);
const browser = await launchBrowser();
try {
  const { page } = await openPage(browser, site);
  await visit(page, site, `/bench?backend=${backend}${run ? `&run=${run}` : ''}`);
  await page.waitForFunction(
    () => document.querySelector('#bench-result')?.textContent.trim() || document.querySelector('#bench-error'),
    null,
    { timeout: 30 * 60_000, polling: 1000 },
  );
  const error = await page.$('#bench-error');
  if (error) throw new Error(await error.textContent());
  console.log((await page.textContent('#bench-result')).trim());
} finally {
  await browser.close();
  await site.close();
}
