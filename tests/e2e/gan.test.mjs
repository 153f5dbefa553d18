// The GAN lesson: a 2-D GAN really trains in the worker (its samples reach the ring's clusters,
// D's outputs are probabilities), points the student draws become the real data, bad settings are
// explained next to their control; on digits, a judge is trained first and then scores what G
// draws while the GAN trains, and the interpolation between two samples is drawn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, plotPixels, lanesDone, text, download } from './harness.mjs';

const env = useSite();

const ready = (page) => page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="status"]')?.textContent ?? ''), null, { timeout: 60_000 });

test('gan: the 2-D GAN moves its samples onto the ring and reports probabilities', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/gan?data=ring&modes=8&steps=1800');
  await page.waitForSelector('[data-action="start"]:not([disabled])');
  await ready(page);
  await page.click('[data-action="start"]');
  // (Where the untrained generator's samples sit is checked natively: the run is too fast to
  // read its first report here without racing it.)
  await lanesDone(page, 180_000);
  // The last report (with the samples' coverage) is in once the run has finished.
  await page.waitForSelector('[data-result="coverage"][data-covered]');
  const after = Number(await page.getAttribute('[data-result="coverage"]', 'data-covered'));
  const dReal = Number(await page.getAttribute('[data-result="gan-now"]', 'data-d-real'));
  const dFake = Number(await page.getAttribute('[data-result="gan-now"]', 'data-d-fake'));
  console.log(`2-D GAN, ring of 8: clusters covered after training ${after}; D(x) ${dReal}, D(G(z)) ${dFake}`);
  assert.ok(after >= 4, `trained, it reaches the ring: ${after} clusters`);
  for (const p of [dReal, dFake]) assert.ok(p > 0 && p < 1, `a probability: ${p}`);
  assert.deepEqual(errors, []);
});

test('gan: the seed is a control of its own: another seed, another run; the same seed, the same run', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  const run = async (seed) => {
    await visit(page, env.site, `/lessons/gan?data=ring&modes=8&steps=200&seed=${seed}`);
    await page.waitForSelector('[data-action="start"]:not([disabled])');
    await ready(page);
    assert.equal(await page.inputValue('#field-seed'), String(seed));
    await page.click('[data-action="start"]');
    await lanesDone(page, 120_000);
    await page.waitForSelector('[data-result="gan-now"][data-d-real]');
    return page.getAttribute('[data-result="gan-now"]', 'data-d-real');
  };
  const one = await run(1);
  const two = await run(2);
  assert.notEqual(one, two, 'another seed trains another GAN');
  assert.equal(await run(1), one, 'the same seed trains the same GAN');
  await page.fill('#field-seed', 'x');
  assert.ok((await text(page, '#field-seed-error')).length > 0, 'a seed that is not a number is explained');
  assert.equal(await page.isDisabled('[data-action="start"]'), true);
  assert.deepEqual(errors, []);
});

test('gan: drawn points become the real data; bad settings are explained and keep the rest', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/gan?data=drawn&steps=200');
  await page.waitForSelector('[data-result="points-error"]');
  assert.equal(await page.isDisabled('[data-action="start"]'), true, 'too few points to train');
  const square = page.locator('canvas[data-plot="gan-plane"]');
  const box = await square.boundingBox();
  for (let i = 0; i < 12; i++) {
    const a = (i / 12) * 2 * Math.PI;
    await square.click({ position: { x: box.width * (0.5 + 0.3 * Math.cos(a)), y: box.height * (0.5 + 0.3 * Math.sin(a)) } });
  }
  await page.waitForFunction(() => /12/.test(document.querySelector('[data-result="drawn"]').textContent));
  assert.equal(query(page).pts.split(';').length, 12);
  // The keyboard draws too: the pen starts at the centre; Right ×4 with Shift, then Space puts
  // a point at (4 × 4 × 0.08, 0) = (1.28, 0); Backspace takes it back.
  await page.locator('.plane-box').focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /13/.test(document.querySelector('[data-result="drawn"]').textContent));
  assert.equal(query(page).pts.split(';').at(-1), '1.28,0');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => /12/.test(document.querySelector('[data-result="drawn"]').textContent));
  assert.match(page.url(), /\/lessons\/gan/, 'the square keeps its keys');
  assert.equal(await page.$('[data-result="points-error"]'), null);
  await page.fill('#field-glr', 'abc');
  assert.match(await text(page, '#field-glr-error'), /数/);
  assert.equal(await page.isDisabled('[data-action="start"]'), true);
  assert.equal(query(page).pts.split(';').length, 12, 'the drawing is kept');
  await page.fill('#field-glr', '0.001');
  await ready(page);
  await page.click('[data-action="start"]');
  await lanesDone(page, 120_000);
  assert.ok(Number(await page.getAttribute('[data-result="gan-now"]', 'data-d-real')) > 0);
  // The plane's data: the points, then D(x) on the whole lattice, each a probability, with
  // the hatched "generated" side below ½ (not told by colour alone).
  const csv = (await download(page, '[data-action="download-csv"][data-for="gan-plane"]')).bytes.toString('utf8');
  const [points, surface] = csv.replace(/^\ufeff/, '').trim().split('\r\n\r\n').map((t) => t.split('\r\n').map((r) => r.split(',')));
  assert.equal(points.filter((r) => r[0] === '真实样本').length, 12);
  assert.deepEqual(surface[0], ['x', 'y', 'D(x)']);
  const d = surface.slice(1).map((r) => Number(r[2]));
  assert.ok(d.length >= 100 && Number.isInteger(Math.sqrt(d.length)), `${d.length} cells, a square lattice`);
  assert.ok(d.every((p) => p > 0 && p < 1), 'probabilities');
  await page.click('[data-action="reset"]');
  await page.click('[data-action="clear-points"]');
  assert.equal(query(page).pts ?? '', '');
  assert.deepEqual(errors, []);
});

test('gan: on digits the judge is trained first, then scores what G draws', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/gan?dsteps=300&from=1&to=2&step=2');
  await page.waitForSelector('[data-action="start-digits"]:not([disabled])');
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="digits-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.click('[data-action="start-digits"]');
  await page.waitForSelector('[data-result="judge"]', { timeout: 120_000 });
  const judge = Number(await page.getAttribute('[data-result="judge"]', 'data-value'));
  assert.ok(judge > 0.85, `the judge reads real digits: ${judge}`);
  await page.waitForFunction(() => /全部训练完成|All runs finished/.test(document.querySelector('[data-result="digits-status"]')?.textContent ?? ''), null, { timeout: 240_000, polling: 500 });
  const speed = Number(await page.getAttribute('[data-result="gan-speed"]', 'data-value'));
  await page.waitForSelector('canvas[data-plot="gan-interpolation"]');
  const line = await plotPixels(page, 'gan-interpolation');
  await page.fill('#field-to', '3');
  await page.waitForFunction((s) => document.querySelector('canvas[data-plot="gan-interpolation"]').toDataURL() !== s, line);
  const recognised = await page.getAttribute('[data-result="recognised"]', 'data-step');
  console.log(`digits GAN: judge ${judge}, ${speed} G steps/s in Chromium, recognisable at step ${recognised}`);
  assert.ok(speed > 0, `G's speed is reported: ${speed} steps/s`);
  assert.deepEqual(errors, []);
});

test('gan: generated digits join a classifier\'s training set and are scored against real digits alone and supervised augmentation', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/gan?n=200&gen=300&gsteps=400&epochs=4&step=3');
  await page.waitForSelector('[data-action="start-experiment"]:not([disabled])');
  await page.waitForFunction(() => !/正在准备|Preparing/.test(document.querySelector('[data-result="experiment-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.click('[data-action="start-experiment"]');
  await page.waitForSelector('[data-result="experiment-verdict"]', { timeout: 240_000 });
  const cell = (lane, attr) => page.getAttribute(`[data-result="experiment"] tr[data-lane="${lane}"] td[${attr}]`, attr);
  const scores = [];
  for (const lane of [0, 1, 2]) scores.push(Number(await cell(lane, 'data-test')));
  const examples = [Number(await cell(0, 'data-examples')), Number(await cell(2, 'data-examples'))];
  console.log(`200 real digits, 4 epochs: test ${scores.join(' / ')} (real only / supervised augmentation / + 300 generated)`);
  assert.deepEqual(examples, [200, 500], 'the generated lane trains on the real digits and the generated ones');
  for (const s of scores) assert.ok(s > 0.3 && s <= 1, `a real accuracy: ${s}`);
  assert.match(await text(page, '[data-result="experiment-verdict"]'), /百分点/);
  assert.deepEqual(errors, []);
});
