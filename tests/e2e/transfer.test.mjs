// The transfer-learning lesson: a source model is trained on digits 0–4 in the worker, then every
// strategy at 5, 20 and 100 labels a class; the student's frozen layers come back unchanged and
// the rest moves; pseudo-labelling adds only confident digits and is scored against labels alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, text } from './harness.mjs';

const env = useSite();

const idle = (page, status) => page.waitForFunction((s) => !/正在准备|Preparing/.test(document.querySelector(`[data-result="${s}"]`)?.textContent ?? ''), status, { timeout: 60_000 });

test('transfer: the source trains first, then every strategy; frozen layers do not move', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/transfer-learning?steps=30&freeze=3&keep=7');
  assert.deepEqual(
    await page.$$eval('[data-result="diagram"] td[data-status]', (tds) => tds.map((td) => td.dataset.status)),
    ['frozen', 'frozen', 'frozen', 'source', 'source', 'source', 'source', 'fresh'],
  );
  await page.fill('#field-lr', 'abc');
  assert.equal(await page.isDisabled('[data-action="start"]'), true, 'a bad learning rate cannot start a run');
  assert.ok((await text(page, '#field-lr-error')).length > 0);
  await page.fill('#field-lr', '0.001');
  assert.equal(query(page).freeze, '3', 'the other controls are kept');
  await idle(page, 'status');
  await page.click('[data-action="start"]');
  await page.waitForSelector('[data-result="source"]', { timeout: 120_000 });
  const source = Number(await page.getAttribute('[data-result="source"]', 'data-value'));
  assert.ok(source > 0.9, `the source model reads digits 0–4: ${source}`);
  await page.waitForSelector('[data-result="why"]', { timeout: 240_000 });
  const scores = await page.$$eval('[data-result="transfer"] td[data-test]', (tds) => tds.map((td) => Number(td.dataset.test)));
  assert.equal(scores.length, 15);
  for (const s of scores) assert.ok(s > 0.2 && s <= 1, `a real accuracy: ${s}`);
  await page.waitForSelector('[data-result="diagram"] td[data-layer="3"]');
  await page.waitForFunction(() => document.querySelector('[data-result="diagram"] td[data-change]')?.dataset.change !== undefined, null, { timeout: 30_000 });
  const changes = await page.$$eval('[data-result="diagram"] td.num', (tds) => tds.map((td) => td.dataset.change ?? null));
  console.log(`transfer, 30 steps: source ${source}; test accuracies ${scores.join(' ')}; your layers moved ${changes.join(' ')}`);
  assert.equal(Number(changes[0]), 0, 'the frozen first convolution did not move');
  assert.ok(Number(changes[3]) > 0, 'the second convolution, not frozen, moved');
  assert.equal(changes[7], null, 'the new head has nothing to compare with');
  assert.deepEqual(errors, []);
});

test('transfer: pseudo-labels from the source join only above the threshold', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/transfer-learning?steps=40&pk=5&threshold=0.99');
  await idle(page, 'pseudo-status');
  await page.click('[data-action="start-pseudo"]');
  await page.waitForSelector('[data-result="joined"]', { timeout: 120_000 });
  const joined = Number(await page.getAttribute('[data-result="joined"]', 'data-joined'));
  const correct = Number(await page.getAttribute('[data-result="joined"]', 'data-correct'));
  await page.waitForSelector('[data-result="pseudo-result"]', { timeout: 120_000 });
  const plain = Number(await page.getAttribute('[data-result="pseudo-result"]', 'data-plain'));
  const pseudo = Number(await page.getAttribute('[data-result="pseudo-result"]', 'data-pseudo'));
  console.log(`pseudo-labels at 0.99: ${joined} of 2000 joined, ${correct} right; test ${plain} → ${pseudo}`);
  assert.ok(joined > 0 && joined < 2000, `some, not all, are sure enough: ${joined}`);
  assert.ok(correct / joined > 0.9, 'sure pseudo-labels are mostly right');
  for (const s of [plain, pseudo]) assert.ok(s > 0.2 && s <= 1);
  assert.deepEqual(errors, []);
});
