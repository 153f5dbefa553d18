// Every lesson at a glance, as a new student meets it: key points on top, a summary at the end,
// questions to answer before seeing the result, a slider beside every numeric field, and no
// chart that still shows only its waiting hint once the page has settled. Then one question
// answered, judged, kept on the course map and forgotten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, text } from './harness.mjs';

const env = useSite();

test('every lesson: key points, a summary, two questions, a slider for every number, no empty chart', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/');
  const slugs = await page.$$eval('a[data-slug]', (links) => links.map((a) => a.dataset.slug));
  assert.equal(slugs.length, 21);
  // Every lesson is looked at before failing, so that one run lists every fault.
  const faults = [];
  const check = (ok, fault) => ok || faults.push(fault);
  for (const slug of slugs) {
    await visit(page, env.site, `/lessons/${slug}`);
    await page.waitForSelector(`article[data-lesson="${slug}"]`);
    const points = await page.locator('.key-points li').count();
    check(points >= 1 && points <= 3, `${slug}: ${points} key points`);
    const summary = await page.locator('section.summary li').count();
    check(summary >= 3 && summary <= 5, `${slug}: ${summary} summary bullets`);
    // A lesson in steps builds a step when it is first shown: each is looked at in turn.
    const steps = await page.locator('[data-step-tab]').count();
    const questions = new Set();
    for (let step = 1; step <= Math.max(steps, 1); step++) {
      const where = steps ? `${slug}, step ${step}` : slug;
      if (steps) {
        await page.click(`[data-step-tab="${step}"]`);
        await page.waitForFunction((s) => new URLSearchParams(location.search).get('step') === String(s), step);
      }
      for (const id of await page.$$eval('[data-question]', (qs) => qs.map((q) => q.dataset.question))) questions.add(id);
      const bare = await page.$$eval('.field input[inputmode="decimal"]', (inputs) =>
        inputs.filter((i) => !i.closest('.field').classList.contains('ranged')).map((i) => i.name));
      check(bare.length === 0, `${where}: numeric fields without a slider: ${bare}`);
      // Charts show the state a run starts from (a preview, a reference level, real digits) as
      // soon as the worker has answered: none is left as an empty frame with a hint.
      const settled = await page.waitForFunction(() => !document.querySelector('canvas[data-waiting="true"]'), null, { timeout: 60_000 })
        .then(() => true, () => false);
      const waiting = await page.$$eval('canvas[data-waiting="true"]', (cs) => cs.map((c) => c.dataset.plot));
      check(settled, `${where}: charts that show only their waiting hint: ${waiting}`);
    }
    check(questions.size >= 2, `${slug}: questions ${[...questions]}`);
  }
  assert.deepEqual(faults, []);
  assert.deepEqual(errors, []);
});

test('a question is answered before the result is shown, judged against the page, kept on the course map and forgotten on request', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/parameters');
  const question = (id) => `[data-question="${id}"]`;
  const q1 = question('parameters/1');
  // The hint is there on request.
  await page.click(`${q1} [data-action="hint"]`);
  await page.waitForSelector(`${q1} [data-result="hint"]`);
  // The note's layer: 10 kernels of 5×5 over 3 channels, each with a bias: (5·5·3 + 1)·10 = 760.
  await page.fill(`${q1} input.answer`, '750');
  await page.click(`${q1} [data-action="check"]`);
  await page.waitForSelector(`${q1} [data-result="verdict"][data-right="false"]`);
  assert.match(await text(page, `${q1} [data-result="verdict"]`), /760/);
  await page.click(`${q1} [data-action="again"]`);
  await page.fill(`${q1} input.answer`, '760');
  await page.click(`${q1} [data-action="check"]`);
  await page.waitForSelector(`${q1} [data-result="verdict"][data-right="true"]`);
  // The answer follows the controls: with twice the kernels the question is asked anew.
  await page.fill('#field-n', '20');
  await page.waitForFunction((q) => document.querySelector(q).dataset.answered === 'false', q1);
  await page.fill(`${q1} input.answer`, '1520');
  await page.click(`${q1} [data-action="check"]`);
  await page.waitForSelector(`${q1} [data-result="verdict"][data-right="true"]`);
  // The course map shows what was done here, after a reload too (kept in the browser only).
  await visit(page, env.site, '/');
  const card = '[data-slug="parameters"] .card-progress';
  await page.waitForSelector(`${card}[data-visited="true"]`);
  assert.equal(await page.getAttribute(card, 'data-answered'), '1');
  assert.equal(await page.getAttribute(card, 'data-right'), '1');
  await page.reload();
  await page.waitForSelector(`${card}[data-answered="1"]`);
  await page.click('[data-action="forget-progress"]');
  await page.waitForSelector(`${card}[data-visited="false"]`);
  assert.equal(await page.getAttribute(card, 'data-answered'), '0');
  assert.deepEqual(errors, []);
});
