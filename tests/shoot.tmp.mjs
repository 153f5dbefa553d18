// node shoot.tmp.mjs '<route>' zh|en name [plane|digits|both]
import { startSite, launchBrowser, openPage } from './e2e/harness.mjs';
const [route, lang, name, train] = process.argv.slice(2);
const site = await startSite('/work/main/dist');
const browser = await launchBrowser();
const { page, errors } = await openPage(browser, site, { lang: lang === 'en' ? 'en' : 'zh-CN' });
await page.goto(site.url + route);
await page.waitForSelector('.site-header');
await page.waitForTimeout(1500);
if (train === 'plane' || train === 'both') {
  await page.waitForSelector('[data-action="start"]:not([disabled])');
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60000 });
  await page.click('[data-action="start"]');
}
if (train === 'digits' || train === 'both') {
  await page.waitForSelector('[data-action="start-digits"]:not([disabled])');
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="digits-status"]')?.textContent ?? ''), null, { timeout: 60000 });
  await page.click('[data-action="start-digits"]');
}
if (train === 'plane' || train === 'both') {
  await page.waitForFunction(() => /全部训练完成|All runs finished/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 300000 });
}
if (train === 'digits' || train === 'both') {
  await page.waitForFunction(() => /全部训练完成|All runs finished/.test(document.querySelector('[data-result="digits-status"]')?.textContent ?? ''), null, { timeout: 600000 });
}
if (train === 'transfer') {
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60000 });
  await page.click('[data-action="start"]');
  await page.click('[data-action="start-pseudo"]');
  await page.waitForSelector('[data-result="why"]', { timeout: 600000 });
  await page.waitForSelector('[data-result="pseudo-result"]', { timeout: 600000 });
}
if (train === 'multi') {
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60000 });
  await page.locator('[data-action="start"]').nth(0).click();
  await page.locator('[data-action="start"]').nth(1).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-result="sizes"] tr[data-row="2"] td[data-value]').length === 6, null, { timeout: 600000 });
  await page.waitForSelector('[data-result="fusion"]', { timeout: 600000 });
}
if (train === 'hp') {
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.body.textContent), null, { timeout: 60000 });
  await page.click('[data-action="start-demo"]');
  await page.click('[data-action="start-search"]');
  await page.click('[data-action="try"]');
  await page.waitForSelector('[data-action="reveal"]:not([disabled])', { timeout: 600000 });
  await page.click('[data-action="reveal"]');
  await page.waitForSelector('[data-result="revealed"]');
}
if (train === 'exp') {
  await page.waitForSelector('[data-action="start-experiment"]:not([disabled])');
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="experiment-status"]')?.textContent ?? ''), null, { timeout: 60000 });
  await page.click('[data-action="start-experiment"]');
  await page.waitForSelector('[data-result="experiment-verdict"]', { timeout: 600000 });
}
await page.waitForTimeout(1000);
const panels = await page.$$('section');
let i = 0;
for (const p of panels) { await p.screenshot({ path: `/tmp/shots/${name}-${i++}.png` }); }
console.log('errors', errors);
await browser.close(); await site.close();
