// The training-technique and loss lessons: each one runs for real in the browser, its plots
// change, its key result is on the page, and nothing reaches the console.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, plotPixels, lanesDone, text } from './harness.mjs';

const env = useSite();

async function ready(page) {
  await page.waitForSelector('[data-action="start"]:not([disabled])');
  await page.waitForFunction(() => !/正在准备/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60_000 });
}

test('dropout: masks step by step, then the over-fitting gap for four rates', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/dropout?p=0.5&train=300&epochs=4');
  const before = await text(page, '[data-result="units"]');
  await page.click('[data-action="new-mask"]');
  assert.notEqual(await text(page, '[data-result="units"]'), before, 'a new mask drops other units');
  assert.ok((await page.locator('.unit.dropped').count()) > 0);
  await page.check('input[name="inference"]');
  assert.equal(await page.locator('.unit.dropped').count(), 0, 'nothing is dropped at inference');
  await ready(page);
  const gap = await plotPixels(page, 'dropout-gap');
  await page.click('[data-action="start"]');
  await lanesDone(page);
  assert.notEqual(await plotPixels(page, 'dropout-gap'), gap);
  assert.deepEqual(errors, []);
});

test('lr-schedules: curves follow the parameters, and five schedules train', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/lr-schedules?epochs=1');
  const curves = await plotPixels(page, 'schedules');
  await page.fill('#field-every', '5');
  await page.waitForFunction((c) => document.querySelector('canvas[data-plot="schedules"]').toDataURL() !== c, curves);
  assert.equal(query(page).every, '5');
  await page.fill('#field-factor', '2');
  assert.match(await text(page, '#field-factor-error'), /不能大于 1/);
  await page.fill('#field-factor', '0.5');
  await ready(page);
  const lr = await plotPixels(page, 'schedule-lr');
  await page.click('[data-action="start"]');
  await lanesDone(page);
  assert.notEqual(await plotPixels(page, 'schedule-lr'), lr);
  assert.equal(await page.locator('[data-result="final"] .chip').count(), 6);
  assert.deepEqual(errors, []);
});

test('regularization: L1 sets coefficients exactly to zero, L2 shrinks them, both generalize better', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/regularization');
  const fit = await plotPixels(page, 'fit-l1');
  for (let i = 0; i < 30; i++) await page.click('[data-action="step"]');
  await page.waitForFunction(() => /3000/.test(document.querySelector('[data-result="steps"]').textContent));
  assert.notEqual(await plotPixels(page, 'fit-l1'), fit);
  const zeros = async (which) => parseInt((await text(page, `[data-result="stats-${which}"]`)).match(/(\d+) (?:个系数恰好为 0|coefficients exactly 0)/)[1], 10);
  const validation = async (which) => parseFloat((await text(page, `[data-result="stats-${which}"]`)).match(/验证误差 ([\d.]+)/)[1]);
  assert.ok((await zeros('l1')) >= 1, 'L1 zeroes some coefficients');
  assert.equal(await zeros('l2'), 0, 'L2 zeroes none');
  assert.ok((await validation('l1')) < (await validation('none')));
  assert.ok((await validation('l2')) < (await validation('none')));
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => parseInt(document.querySelector('[data-result="steps"]').textContent.match(/\d+/)[0], 10) > 3000);
  await page.click('[data-action="play"]');
  await page.fill('#field-lambda', 'x');
  assert.match(await text(page, '#field-lambda-error'), /不是一个数/);
  assert.deepEqual(errors, []);
});

test('regularization: the introduction states the degree and the number of points the controls set', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/regularization?degree=9&n=20');
  assert.match(await text(page, '[data-result="intro"]'), /9 次多项式去拟合 20 个/);
  await page.fill('#field-degree', '4');
  await page.waitForFunction(() => /4 次多项式/.test(document.querySelector('[data-result="intro"]').textContent));
  assert.deepEqual(errors, []);
});

test('batch-norm: an example moves with its batch, less in larger batches; the note arithmetic follows the depth', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/batch-norm?depth=4&step=2');
  const spread = async (m) => parseFloat(await page.getAttribute(`[data-result="bn-spread"][data-batch="${m}"]`, 'data-value'));
  assert.ok((await spread(4)) > 2 * (await spread(64)), `x̂ varies less in batches of 64: ${await spread(4)} vs ${await spread(64)}`);
  const table = await text(page, '[data-result="bn-noise"]');
  await page.click('[data-action="redraw"]');
  await page.waitForFunction((t) => document.querySelector('[data-result="bn-noise"]').textContent !== t, table);
  await page.click('[data-step-tab="3"]');
  await page.waitForSelector('[data-result="note-arithmetic"]');
  assert.equal(await page.locator('[data-result="note-arithmetic"] tbody tr').count(), 4);
  await page.fill('#field-depth', '8');
  await page.waitForFunction(() => document.querySelectorAll('[data-result="note-arithmetic"] tbody tr').length === 8);
  assert.match(await text(page, '[data-result="note-arithmetic"] tbody tr:last-child'), /1\.53×10\^-5/);
  await page.click('#field-act [data-value="sigmoid"]');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('act') === 'sigmoid');
  assert.deepEqual(errors, []);
});

test('batch-norm: the arithmetic by hand, then BN against no BN on a deep network', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/batch-norm?depth=6&epochs=1&lr=0.1');
  assert.match(await text(page, '[data-result="bn-steps"] tr:first-child'), /3\.000\s*30\.000\s*1\.000/);
  await page.fill('input[aria-label="x0"]', '5');
  await page.waitForFunction(() => /4\.000/.test(document.querySelector('[data-result="bn-steps"] tr:first-child').textContent));
  await page.check('input[name="inference"]');
  await page.waitForSelector('[data-result="bn-inference"]');
  // The experiment is the lesson's step 3.
  await page.click('[data-step-tab="3"]');
  await ready(page);
  const shift = await plotPixels(page, 'shift-with');
  await page.click('[data-action="start"]');
  await lanesDone(page);
  assert.notEqual(await plotPixels(page, 'shift-with'), shift);
  const acc = async (lane) => parseFloat((await text(page, `[data-result="lane-${lane}"]`)).match(/([\d.]+)%/)[1]);
  const [plain, normed] = [await acc(0), await acc(1)];
  console.log(`deep network, one epoch: ${plain}% without BN, ${normed}% with BN`);
  assert.ok(normed > plain + 20, `BN trains a deep network the plain one cannot (seed 1, depth 6, lr 0.1): ${normed} vs ${plain}`);
  const decades = async (lane) => parseFloat(await page.getAttribute(`[data-result="grad-decades"][data-lane="${lane}"]`, 'data-value'));
  const [lost, kept] = [await decades(0), await decades(1)];
  console.log(`layer 1 / layer 6 gradient: 10^${lost} without BN, 10^${kept} with BN`);
  assert.ok(lost < kept, 'the first layer gets relatively less gradient without BN');
  assert.deepEqual(errors, []);
});

test('optimizers: the race animates, the start can be dragged, and six optimizers train on digits', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/optimizers?surface=bowl');
  const trails = await plotPixels(page, 'race-trails');
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => parseInt(document.querySelector('[data-result="race-steps"]').textContent.match(/\d+/)[0], 10) > 30);
  await page.click('[data-action="play"]');
  assert.notEqual(await plotPixels(page, 'race-trails'), trails);
  assert.equal(await page.locator('[data-result="race-losses"] tbody tr').count(), 6);
  await page.locator('canvas[data-plot="race-trails"]').scrollIntoViewIfNeeded();
  const box = await page.locator('canvas[data-plot="race-trails"]').boundingBox();
  await page.mouse.click(box.x + box.width * 0.7, box.y + box.height * 0.3);
  await page.waitForFunction(() => new URL(location.href).searchParams.get('x0') !== '-9');
  assert.match(await text(page, '[data-result="race-steps"]'), /第 0 步/);
  await page.click('#field-surface [data-value="himmelblau"]');
  assert.equal(query(page).surface, 'himmelblau');
  await ready(page);
  await page.click('[data-action="start"]');
  await lanesDone(page);
  // One epoch on 4,000 digits: every optimizer, at its learning rate, is far above chance (10%).
  const finals = await page.$$eval('[data-result="optimizer-final"] .chip', (cs) => cs.map((c) => c.textContent));
  assert.equal(finals.length, 6);
  for (const f of finals) assert.ok(parseFloat(f.match(/([\d.]+)%/)[1]) > 60, f);
  assert.deepEqual(errors, []);
});

test('focal-loss: values under the pointer, then cross-entropy against focal loss on a rare digit', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/focal-loss?class=3&keep=2&epochs=3');
  const before = await text(page, '[data-result="readout"]');
  const chart = await page.locator('canvas[data-plot="focal-curves"]').boundingBox();
  await page.mouse.move(chart.x + chart.width * 0.3, chart.y + chart.height / 2);
  await page.waitForFunction((b) => document.querySelector('[data-result="readout"]').textContent.trim() !== b, before);
  assert.match(await text(page, '[data-result="readout"]'), /p_t = 0\.\d+/);
  await ready(page);
  await page.click('[data-action="start"]');
  await lanesDone(page);
  const recall = async (lane) => parseFloat((await text(page, `[data-result="lane-${lane}"]`)).match(/(?:召回率|recall) ([\d.]+)%/)[1]);
  const [ce, focal] = [await recall('ce'), await recall('focal')];
  console.log(`rare digit recall: cross-entropy ${ce}%, focal ${focal}%`);
  assert.ok(focal > ce, 'focal loss finds more of the rare digit (deterministic for this seed)');
  assert.equal(await page.locator('[data-result="per-class"] tbody tr').count(), 10);
  assert.match(await text(page, '[data-result="lane-focal"]'), /易分样本/);
  assert.deepEqual(errors, []);
});

test('label-smoothing: soft targets follow ε, and smoothing lowers confidence and logit norms', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/label-smoothing?eps=0.1&train_eps=0.1&epochs=8');
  const soft = await plotPixels(page, 'soft-targets');
  await page.fill('#field-eps', '0.3');
  await page.waitForFunction((s) => document.querySelector('canvas[data-plot="soft-targets"]').toDataURL() !== s, soft);
  await ready(page);
  await page.click('[data-action="start"]');
  await lanesDone(page);
  const numbers = async (i) => {
    const t = await text(page, `[data-result="calib-${i}"]`);
    return { confidence: parseFloat(t.match(/(?:平均置信度|mean confidence) ([\d.]+)%/)[1]), norm: parseFloat(t.match(/([\d.]+)$/)[1]) };
  };
  const [plain, smooth] = [await numbers(0), await numbers(1)];
  console.log(`mean confidence ${plain.confidence}% → ${smooth.confidence}%, logit norm ${plain.norm} → ${smooth.norm}`);
  assert.ok(smooth.confidence < plain.confidence);
  assert.ok(smooth.norm < plain.norm);
  assert.deepEqual(errors, []);
});
