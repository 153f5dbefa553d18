// The multi-scale lesson: pyramid pooling's cells and vector length follow the levels; the
// pyramid network reads digits of every size while the note's CNN reads only 28×28 (and says
// where it breaks); fusion and pyramid convolution really train and are scored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, lanesDone, text } from './harness.mjs';

const env = useSite();

test('multi-scale: the pyramid cells and the vector length follow the levels; bad levels are explained', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/multi-scale?lv=1,2,4&show=3');
  await page.waitForSelector('[data-result="spp-length"]');
  assert.equal(await page.getAttribute('[data-result="spp-cells"]', 'data-count'), '16');
  assert.equal(await page.getAttribute('[data-result="spp-length"]', 'data-length'), String(50 * 21));
  await page.fill('#field-lv', '1,3');
  await page.fill('#field-show', '2');
  await page.waitForFunction(() => document.querySelector('[data-result="spp-length"]')?.dataset.length === String(50 * 10));
  assert.equal(await page.getAttribute('[data-result="spp-cells"]', 'data-count'), '9');
  await page.fill('#field-lv', '1,2,3,4');
  await page.waitForSelector('.error-box:not([hidden])');
  assert.equal(query(page).show, '2', 'the other controls are kept');
  assert.deepEqual(errors, []);
});

test('multi-scale: the pyramid network reads every size, the note\'s CNN only 28×28', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/multi-scale?train=600&epochs=2');
  const errorsShown = await page.$$eval('[data-result="shape-errors"] li', (lis) => lis.map((li) => Number(li.dataset.size)));
  assert.deepEqual(errorsShown, [20, 24, 32, 36, 40]);
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.locator('[data-action="start"]').first().click();
  await page.waitForFunction(() => document.querySelectorAll('[data-result="sizes"] tr[data-row="2"] td[data-value]').length === 6, null, { timeout: 240_000, polling: 500 });
  const row = (r) => page.$$eval(`[data-result="sizes"] tr[data-row="${r}"] td`, (tds) => tds.map((td) => (td.dataset.value ? Number(td.dataset.value) : null)));
  const [plain, resized, pyramid] = [await row(0), await row(1), await row(2)];
  console.log(`600 digits, 2 epochs, sizes 20–40: plain ${plain.join(' ')}; resized ${resized.join(' ')}; pyramid ${pyramid.join(' ')}`);
  assert.deepEqual(plain.map((v) => v !== null), [false, false, true, false, false, false], 'the plain CNN reads only 28×28');
  for (const v of [...resized, ...pyramid]) assert.ok(v > 0.3 && v <= 1, `a real accuracy: ${v}`);
  assert.deepEqual(errors, []);
});

test('multi-scale: fusion and pyramid convolution train side by side and are scored', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/multi-scale?train=400&epochs=1');
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelectorAll('[data-result="status"]')[1]?.textContent ?? ''), null, { timeout: 60_000 });
  await page.locator('[data-action="start"]').nth(1).click();
  await page.waitForSelector('[data-result="fusion"]', { timeout: 240_000 });
  const v = (k) => page.getAttribute('[data-result="fusion"]', `data-${k}`).then(Number);
  const scores = [await v('late'), await v('fused'), await v('pyramid')];
  console.log(`400 digits, 1 epoch: late ${scores[0]}, fused ${scores[1]}, pyramid convolution ${scores[2]}`);
  for (const s of scores) assert.ok(s > 0.2 && s <= 1, `a real accuracy: ${s}`);
  assert.deepEqual(errors, []);
});
