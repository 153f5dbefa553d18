// The hyperparameter lesson: one hyperparameter's values each really train and are scored; the
// five searches spend the same budget side by side and repeat with their seed; manual tries join
// them; the chosen model's sealed test score is revealed once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, text } from './harness.mjs';

const env = useSite();

const ready = (page) => page.waitForFunction(() => !/正在准备|Preparing/.test(document.body.textContent), null, { timeout: 60_000 });

test('hyperparameters: each learning rate is trained and scored', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/hyperparameters?demo=lr');
  await ready(page);
  await page.click('[data-action="start-demo"]');
  await page.waitForFunction(() => document.querySelector('[data-result="demo-count"]')?.dataset.count === '7', null, { timeout: 120_000 });
  await page.selectOption('#field-demo', 'activation');
  assert.equal(query(page).demo, 'activation');
  assert.deepEqual(errors, []);
});

async function search(page, budget, seed) {
  await visit(page, env.site, `/lessons/hyperparameters?budget=${budget}&seed=${seed}&step=3`);
  await ready(page);
  await page.click('[data-action="start-search"]');
  await page.waitForSelector('[data-action="reveal"]:not([disabled])', { timeout: 240_000 });
  return page.$$eval('[data-result="searches"] tr[data-method]', (rows) => rows.map((r) => {
    const [trials, spent, best] = [...r.querySelectorAll('td')].map((td) => td.dataset);
    return { trials: Number(trials.trials), spent: Number(spent.spent ?? 0), best: best.best === undefined ? null : Number(best.best) };
  }));
}

test('hyperparameters: five searches spend the same budget, repeat with their seed, and the test score is revealed once', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  const first = await search(page, 9, 2);
  console.log(`budget 9, seed 2: ${first.slice(0, 5).map((m) => `${m.trials} trials, ${m.spent} epochs, best ${m.best}`).join('; ')}`);
  for (const m of first.slice(0, 4)) {
    assert.ok(m.trials > 0 && m.spent <= 9, `within the budget: ${JSON.stringify(m)}`);
    assert.ok(m.best > 0.05 && m.best <= 1, `a real accuracy: ${m.best}`);
  }
  assert.equal(first[1].spent, 9, 'random search spends the whole budget in 1-epoch trials');
  // 9 epochs hold no whole bracket of Hyperband (R = 9, η = 3: 27, 24 and 27 epochs), so it
  // starts none, as the page says before anything runs.
  assert.deepEqual([first[4].trials, first[4].spent], [0, 0]);
  assert.equal(await page.getAttribute('[data-result="hyperband-planned"]', 'data-epochs'), '0');
  await page.click('[data-action="reveal"]');
  await page.waitForSelector('[data-result="revealed"]');
  const revealed = Number(await page.getAttribute('[data-result="revealed"]', 'data-test'));
  assert.ok(revealed > 0.05 && revealed <= 1);
  assert.equal(await page.isDisabled('[data-action="reveal"]'), true, 'revealed once');
  // Manual tuning is the lesson's step 2; the searches keep their results meanwhile.
  await page.click('[data-step-tab="2"]');
  await page.fill('#field-mlr', 'abc');
  assert.equal(await page.isDisabled('[data-action="try"]'), true);
  assert.ok((await text(page, '#field-mlr-error')).length > 0);
  await page.fill('#field-mlr', '0.05');
  await page.click('[data-action="try"]');
  await page.waitForFunction(() => document.querySelector('[data-result="manual-count"]')?.dataset.count === '1', null, { timeout: 60_000 });
  const again = await search(page, 9, 2);
  assert.deepEqual(again.slice(0, 5), first.slice(0, 5), 'the same seed gives the same trials');
  assert.deepEqual(errors, []);
});

test('hyperparameters: Hyperband runs whole brackets, the paper\'s table for R = 9 and η = 3, as often as the budget holds', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/hyperparameters?step=3');
  // The table: bracket s = 2 is 9 × 1, 3 × 3, 1 × 9 (27 epochs); s = 1 is 5 × 3, 1 × 9 (24); s = 0 is 3 × 9 (27).
  const table = await page.$$eval('[data-result="brackets"] tbody tr', (rows) => rows.map((r) => [r.dataset.bracket, ...[...r.querySelectorAll('td')].map((td) => td.textContent.trim())]));
  assert.deepEqual(table.map((r) => r[0]), ['2', '1', '0']);
  assert.deepEqual(table[0].slice(1, 5), ['9 × 1', '3 × 3', '1 × 9', '27']);
  assert.deepEqual(table[1].slice(1, 5), ['5 × 3', '1 × 9', '', '24']);
  // The default budget of 30 holds bracket s = 2 only; 78 holds one pass; 150 holds a pass and two more brackets.
  const planned = () => page.getAttribute('[data-result="hyperband-planned"]', 'data-epochs');
  assert.equal(await planned(), '27');
  for (const [budget, epochs] of [['78', '78'], ['150', '129'], ['20', '0']]) {
    await page.fill('#field-budget', budget);
    await page.waitForFunction((e) => document.querySelector('[data-result="hyperband-planned"]')?.dataset.epochs === e, epochs);
  }
  assert.deepEqual(errors, []);
});
