// The dataset-split lesson: training chooses by validation, the test score stays sealed until
// revealed once, and choosing by test score is measured as optimistic on a fresh holdout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, text } from './harness.mjs';

const env = useSite();

test('split: train, keep the best validation epoch, reveal the sealed test score once', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/split?train=10&val=20&test=5&epochs=6');
  assert.match(await text(page, '[data-result="split-bar"]'), /900.*1800.*450.*1000/);
  await page.waitForSelector('[data-action="train"]:not([disabled])');
  assert.ok(await page.$('[data-action="reveal"][disabled]'), 'nothing to reveal before training');
  await page.click('[data-action="train"]');
  await page.waitForFunction(() => /训练完成/.test(document.querySelector('[data-result="status"]').textContent), null, { timeout: 60_000 });
  assert.match(await text(page, '[data-result="best"]'), /第 \d+ 个迭代周期/);
  await page.click('[data-action="reveal"]');
  await page.waitForSelector('[data-result="test-score"]');
  const score = parseFloat(await text(page, '[data-result="test-score"]'));
  assert.ok(score > 70 && score <= 100, `test score ${score}`);
  assert.equal(await page.$('[data-action="reveal"]'), null, 'the seal can only be broken once');
  assert.deepEqual(errors, []);
});

test('split: choosing by test score is optimistic, measured on the holdout', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/split?train=10&val=20&test=5&epochs=6');
  await page.waitForSelector('[data-action="study"]:not([disabled])');
  await page.click('[data-action="study"]');
  await page.waitForSelector('[data-result="optimism"]', { timeout: 120_000 });
  await page.waitForFunction(() => /32 \/ 32/.test(document.querySelector('[data-result="study-status"]').textContent), null, { timeout: 120_000 });
  // The card of the model picked by test score gives its claimed and its real (holdout) score;
  // the callout states their difference, in words that match its sign.
  const card = await text(page, '[data-result="by-test"]');
  const [claimed, real] = [...card.matchAll(/(\d+\.\d)%/g)].map((m) => parseFloat(m[1]));
  const gap = Math.round((claimed - real) * 10) / 10;
  const optimism = await text(page, '[data-result="optimism"]');
  const stated = parseFloat(optimism.match(/(\d+\.\d) 个百分点/)[1]);
  console.log(`picked by test score: claimed ${claimed}%, holdout ${real}%, stated gap ${stated}`);
  assert.ok(Math.abs(stated - Math.abs(gap)) <= 0.11, `the callout states the card's gap: ${stated} vs ${gap}`);
  assert.match(optimism, gap >= 0 ? /高了/ : /反而高了/);
  assert.match(card, gap > 0 ? /高估了/ : gap < 0 ? /低估了/ : /相等/);
  // Every candidate's test score is at most the picked one's (it was picked by that score).
  const byVal = await text(page, '[data-result="by-val"]');
  const valTest = parseFloat([...byVal.matchAll(/(\d+\.\d)%/g)][1][1]);
  assert.ok(valTest <= claimed, `${valTest} ≤ ${claimed}`);
  assert.deepEqual(errors, []);
});

test('split: percentages over 100 are explained and nothing trains', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/split');
  await page.fill('#field-train', '90');
  await page.waitForSelector('[data-result="split-error"]');
  assert.match(await text(page, '[data-result="split-error"]'), /115%/);
  assert.ok(await page.$('[data-action="train"][disabled]'));
  assert.equal(query(page).train, '90');
  assert.deepEqual(errors, []);
});
