import { startSite, launchBrowser, openPage, visit, screenshot } from '/work/main/tests/e2e/harness.mjs';
const site = await startSite('/work/main/dist'); const browser = await launchBrowser();
for (const [slug, action, wait] of [['dropout','start',20000],['lr-schedules','start',20000],['regularization','play',6000],['batch-norm','start',20000],['optimizers','play',4000]]) {
  const { page, errors, external } = await openPage(browser, site);
  await visit(page, site, '/lessons/' + slug);
  await page.waitForTimeout(1500);
  const t0 = Date.now();
  await page.click(`[data-action="${action}"]`);
  await page.waitForTimeout(wait);
  const status = await page.evaluate(() => [...document.querySelectorAll('[data-result="status"], [data-result="steps"], [data-result="race-steps"]')].map(e => e.textContent).join(' | '));
  console.log(slug, (Date.now()-t0)/1000, status, errors.slice(0,3), external);
  await screenshot(page, slug + '-dbg');
  await page.context().close();
}
await browser.close(); await site.close();
