// The lstm lesson: the character LSTM trains on real quatrains, beats the unigram model on
// unseen ones and writes a poem that changes with the temperature; its gates are in [0, 1] and
// the worked arithmetic matches c = f·c₀ + i·g; on the recall task the LSTM remembers across a
// gap where the plain RNN is at chance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query } from './harness.mjs';

const env = useSite();

const ready = (page, n = 0) =>
  page.waitForFunction((n) => !/正在准备|Preparing/.test(document.querySelectorAll('[data-result="status"]')[n]?.textContent ?? ''), n, { timeout: 60_000 });
const finished = (page, n, timeout) =>
  page.waitForFunction((n) => /全部训练完成|All runs finished/.test(document.querySelectorAll('[data-result="status"]')[n]?.textContent ?? ''), n, { timeout, polling: 500 });

test('lstm: the writer beats the unigram model, writes with a temperature, and shows its gates', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/lstm?steps=150&h=64');
  await ready(page);
  await page.locator('[data-action="start"]').first().click();
  await finished(page, 0, 240_000);
  await page.waitForFunction(() => document.querySelector('[data-result="writer-score"]')?.dataset.steps === '150');
  const score = page.locator('[data-result="writer-score"]');
  const [loss, unigram] = [Number(await score.getAttribute('data-loss')), Number(await score.getAttribute('data-baseline'))];
  const speed = Number(await page.getAttribute('[data-result="writer-speed"]', 'data-chars'));
  console.log(`char LSTM (64 units), 150 steps: ${loss.toFixed(3)} per character on unseen quatrains, unigram ${unigram.toFixed(3)}; ${speed.toFixed(0)} characters/s`);
  assert.ok(loss < unigram - 0.2, `${loss} < ${unigram}`);
  const poem = () => page.textContent('[data-result="poem"]');
  const cold = await poem();
  assert.ok(cold.startsWith('春') && cold.length >= 20, cold);
  await page.fill('#field-temp', '2.5');
  await page.waitForFunction((cold) => document.querySelector('[data-result="poem"]')?.textContent !== cold, cold);
  await page.fill('#field-temp', '0');
  await page.waitForFunction(() => document.querySelector('#field-temp-error')?.textContent.length > 0);
  assert.equal(query(page).h, '64', 'the other controls are kept');
  // Gates are between 0 and 1; the worked arithmetic adds up.
  await page.waitForSelector('[data-result="gate-f"] svg');
  const cells = await page.$$eval('[data-result="gate-f"] rect.cell', (rs) => rs.length);
  assert.equal(cells, 8 * 24, '8 units × 24 characters');
  await page.locator('[data-result="gate-i"] svg.grid').click({ position: { x: 22 * 3 + 5, y: 22 * 2 + 5 } });
  await page.waitForFunction(() => document.querySelector('[data-result="gate-arithmetic"]')?.dataset.step === '4');
  const worked = await page.textContent('[data-result="gate-arithmetic"]');
  const v = (k) => page.getAttribute('[data-result="gate-arithmetic"]', `data-${k}`).then(Number);
  const [f, c0, i, g, c] = [await v('f'), await v('c0'), await v('i'), await v('g'), await v('c')];
  assert.ok(f >= 0 && f <= 1 && i >= 0 && i <= 1, `gates in [0, 1]: ${worked}`);
  assert.ok(Math.abs(f * c0 + i * g - c) < 1e-4, `c = f·c₀ + i·g: ${worked}`);
  assert.deepEqual(errors, []);
});

test('lstm: across a gap of 25 characters the LSTM remembers and the RNN does not', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/lstm?gaps=5,25&rsteps=1200');
  await ready(page, 1);
  await page.locator('[data-action="start"]').nth(1).click();
  await finished(page, 1, 300_000);
  const row = (gap) => page.$$eval(`[data-result="recall"] tr[data-gap="${gap}"] td[data-value]`, (tds) => tds.map((td) => Number(td.dataset.value)));
  const [near, far] = [await row(5), await row(25)];
  console.log(`recall, 1200 steps: N = 5 RNN ${near[0]} LSTM ${near[1]}; N = 25 RNN ${far[0]} LSTM ${far[1]}`);
  assert.ok(near[0] > 0.9 && near[1] > 0.9, 'both remember across 5 characters');
  assert.ok(far[1] > 0.9, 'the LSTM remembers across 25');
  assert.ok(far[0] < 0.7, 'the RNN does not');
  assert.deepEqual(errors, []);
});
