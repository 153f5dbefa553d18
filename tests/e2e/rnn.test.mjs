// The rnn lesson: four networks of the note's four shapes really train on the poems and beat
// their input-blind baselines; the unrolled tagger reads the student's line, one column per
// character; a bad line is explained and the rest kept; clipping keeps plain SGD's loss lower.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query } from './harness.mjs';

const env = useSite();

const ready = (page, n = 0) =>
  page.waitForFunction((n) => !/正在准备|Preparing/.test(document.querySelectorAll('[data-result="status"]')[n]?.textContent ?? ''), n, { timeout: 60_000 });
const finished = (page, n, timeout) =>
  page.waitForFunction((n) => /全部训练完成|All runs finished/.test(document.querySelectorAll('[data-result="status"]')[n]?.textContent ?? ''), n, { timeout, polling: 500 });

test('rnn: the four shapes train and beat their baselines; the unrolled network follows the typed line', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/rnn?steps=150');
  await ready(page);
  await page.locator('[data-action="start"]').first().click();
  await finished(page, 0, 240_000);
  await page.waitForSelector('[data-result="score-3"]');
  const score = async (i) => {
    const el = page.locator(`[data-result="score-${i}"]`);
    return [Number(await el.getAttribute('data-value')), Number(await el.getAttribute('data-baseline'))];
  };
  const [ce, unigram] = await score(0);
  const [form, majority] = await score(1);
  const [tones, tonesBase] = await score(2);
  console.log(`150 steps: next character ${ce.toFixed(3)} (unigram ${unigram.toFixed(3)}), shi/ci ${form} (${majority}), tones ${tones} (${tonesBase})`);
  assert.ok(ce < unigram, 'the one-to-many network beats the unigram model');
  assert.ok(form > majority + 0.05, 'the many-to-one network beats the majority class');
  assert.ok(tones > tonesBase + 0.2, 'the tagger beats the majority tone');
  assert.equal(await page.locator('[data-result="titles"] tbody tr').count(), 3);
  assert.ok((await page.textContent('[data-result="written"]')).trim().length > 5, 'a poem is written');
  // One column per character of the line, with a tone on top of each toned character.
  await page.waitForFunction(() => document.querySelectorAll('[data-result="unrolled"] g[data-step]').length === 12);
  await page.fill('#field-text', '白日依山尽');
  await page.waitForFunction(() => document.querySelectorAll('[data-result="unrolled"] g[data-step]').length === 5);
  assert.equal((await page.textContent('[data-result="tones"]')).replace(/\s/g, '').slice(0, 5), '白日依山尽');
  await page.locator('[data-result="unrolled"] g[data-step="3"]').click();
  await page.waitForFunction(() => document.querySelector('[data-result="chosen-step"]')?.dataset.step === '4');
  // The keyboard chooses a column too.
  await page.locator('[data-result="unrolled"] g[data-step="1"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-result="chosen-step"]')?.dataset.step === '2');
  // A clearly negative hidden unit carries a minus bar, not colour alone.
  const [bars, negative] = await page.$$eval('[data-result="unrolled"] g[data-step]', (gs) => [
    gs.reduce((n, g) => n + g.querySelectorAll('.minus-bar').length, 0),
    gs.length > 0,
  ]);
  assert.ok(negative && bars > 0, `${bars} minus bars among the hidden units`);
  // The shi-or-ci network reads ci's own marks as the marks shi use too: a line ending in “？”
  // is read, and judged, exactly as the same line ending in “。”.
  const verdict = async (line) => {
    await page.fill('#field-text', line);
    await page.waitForFunction((n) => document.querySelector('[data-result="form-verdict"]')?.dataset.read.length === n, [...line].length);
    return page.$eval('[data-result="form-verdict"]', (p) => [p.dataset.read, p.dataset.ci]);
  };
  const asked = await verdict('白日依山尽？黄河入海流！');
  const told = await verdict('白日依山尽。黄河入海流。');
  assert.deepEqual(asked, told);
  assert.equal(asked[0], '白日依山尽。黄河入海流。');
  // An empty line is explained next to its field; the other controls stay.
  await page.fill('#field-text', '');
  await page.waitForFunction(() => document.querySelector('#field-text-error')?.textContent.length > 0);
  assert.equal(query(page).steps, '150');
  assert.deepEqual(errors, []);
});

test('rnn: the lesson it calls the previous one is the previous one', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/rnn');
  const named = await page.getAttribute('[data-result="previous-lesson"]', 'href');
  assert.equal(named, await page.getAttribute('a.prev', 'href'));
  await page.click('[data-result="previous-lesson"]');
  await page.waitForSelector('article[data-lesson="text-input"]');
  assert.deepEqual(errors, []);
});

test('rnn: with plain SGD at a large learning rate, clipping the gradient ends with a lower loss', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  // Step 2 of the lesson: only its parts are built, so its status line is the page's only one.
  await visit(page, env.site, '/lessons/rnn?lr=3&clip=1&step=2');
  await ready(page, 0);
  await page.locator('[data-action="start"]').first().click();
  await finished(page, 0, 240_000);
  const loss = (i) => page.getAttribute(`[data-result="clip-${i}"]`, 'data-loss').then(Number);
  const [plain, clipped] = [await loss(0), await loss(1)];
  console.log(`SGD lr 3, 300 steps: mean loss of the last 20 steps ${plain.toFixed(2)} unclipped, ${clipped.toFixed(2)} clipped`);
  assert.ok(clipped < plain, `${clipped} < ${plain}`);
  // σ_max of each run's W_hh is read off the trained network, with the scale where it is 1.
  await page.waitForSelector('[data-result="sigma-1"]');
  const sigma = Number(await page.getAttribute('[data-result="sigma-1"]', 'data-sigma'));
  console.log(`clipped run: σ_max of W_hh ${sigma.toFixed(2)}`);
  assert.ok(Number.isFinite(sigma) && sigma > 0, `σ_max ${sigma}`);
  assert.deepEqual(errors, []);
});
