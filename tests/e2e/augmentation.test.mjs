// The data-augmentation lesson: each transform varies a real digit with its amount and seed,
// label-changing transforms are shown, and two networks really train on a few hundred digits,
// then are scored on clean and moved test digits, one pass against fused views.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, plotPixels, lanesDone, text } from './harness.mjs';

const env = useSite();

test('augmentation: each transform varies the digit with its amount and its seed; bad amounts are explained', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/augmentation?show=rotate&amount=30');
  await page.waitForSelector('canvas[data-plot="variants"]');
  const rotated = await plotPixels(page, 'variants');
  await page.fill('#field-amount', '90');
  await page.waitForFunction((s) => document.querySelector('canvas[data-plot="variants"]').toDataURL() !== s, rotated);
  const more = await plotPixels(page, 'variants');
  await page.click('[data-action="redraw"]');
  await page.waitForFunction((s) => document.querySelector('canvas[data-plot="variants"]').toDataURL() !== s, more);
  assert.equal(query(page).seed, '2');
  await page.fill('#field-amount', '500');
  assert.match(await text(page, '#field-amount-error'), /不能大于 180/);
  for (const kind of ['flip', 'crop', 'elastic', 'scale', 'shift', 'noise', 'blur', 'erase', 'contrast']) {
    await page.selectOption('#field-show', kind);
    await page.waitForFunction((k) => new URLSearchParams(location.search).get('show') === k, kind);
    await page.waitForSelector('canvas[data-plot="variants"]');
  }
  await page.waitForSelector('canvas[data-plot="label-changes"]');
  // Colour transforms are the lesson's second step.
  await page.click('[data-step-tab="2"]');
  await page.waitForSelector('canvas[data-plot="channel-order"]');
  assert.deepEqual(errors, []);
});

test('augmentation: with rotations and shifts the network does better on moved test digits', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/augmentation?train=300&epochs=12&aug=rotate,shift&step=3');
  await page.waitForSelector('[data-action="start"]:not([disabled])');
  await page.waitForFunction(() => !/正在准备/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.click('[data-action="start"]');
  await lanesDone(page, 240_000);
  await page.waitForSelector('[data-result="robustness"] tr[data-lane="1"] td[data-score="moved-fused"]', { timeout: 60_000 });
  const score = async (lane, key) => parseFloat(await page.getAttribute(`[data-result="robustness"] tr[data-lane="${lane}"] td[data-score="${key}"]`, 'data-value'));
  const plain = { clean: await score(0, 'clean'), moved: await score(0, 'moved'), fused: await score(0, 'moved-fused') };
  const augmented = { clean: await score(1, 'clean'), moved: await score(1, 'moved'), cleanFused: await score(1, 'clean-fused'), fused: await score(1, 'moved-fused') };
  console.log(`300 digits, 12 epochs: clean ${plain.clean} → ${augmented.clean}, moved ${plain.moved} → ${augmented.moved}; fused (augmented) clean ${augmented.cleanFused}, moved ${augmented.fused}`);
  for (const v of [...Object.values(plain), ...Object.values(augmented)]) assert.ok(v > 0.1 && v <= 1, `a real accuracy: ${v}`);
  assert.ok(augmented.moved > plain.moved + 0.05, 'rotations and shifts in training help on moved digits');
  assert.match(await text(page, '[data-result="verdict"]'), /个百分点/);
  assert.deepEqual(errors, []);
});
