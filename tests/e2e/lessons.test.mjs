// The chapter-1 lessons: they show the note's numbers, keep every control in the address,
// explain bad input next to the control, and animate for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, query, text } from './harness.mjs';

const env = useSite();

test('parameters: the note exercise gives 32×32×10 and 760, and points out the slip', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/parameters?h=32&w=32&c=3&k=5&n=10&s=1&p=2');
  assert.equal(await text(page, '[data-result="output"]'), '32×32×10');
  assert.equal(await text(page, '[data-result="params"]'), '760');
  assert.match(await text(page, '[data-note="slip"]'), /32/);
  assert.match(await text(page, '.formula'), /\(32 \+ 2×2 − 5\) \/ 1 \+ 1/);
  assert.deepEqual(errors, []);
});

test('parameters: controls round-trip through the address and bad input is explained inline', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/parameters');
  await page.fill('#field-k', '3');
  await page.fill('#field-p', '1');
  await page.waitForFunction(() => document.querySelector('[data-result="params"]')?.textContent === '280');
  assert.equal(query(page).k, '3');
  await page.reload();
  await page.waitForSelector('[data-result="params"]');
  assert.equal(await page.inputValue('#field-k'), '3');
  assert.equal(await text(page, '[data-result="params"]'), '280');
  // Not a number, zero, and a kernel larger than the padded input.
  await page.fill('#field-k', 'abc');
  await page.waitForSelector('.field.invalid #field-k');
  assert.match(await text(page, '#field-k-error'), /不是一个数/);
  assert.equal(query(page).k, 'abc', 'what the student typed is kept');
  await page.fill('#field-k', '0');
  assert.match(await text(page, '#field-k-error'), /不能小于 1/);
  await page.fill('#field-k', '40');
  await page.waitForSelector('[data-result="geometry"]');
  assert.match(await text(page, '[data-result="geometry"]'), /40×40/);
  // A bad value from a link in a folded setting opens the fold, so its message is seen.
  await visit(page, env.site, '/lessons/parameters?h=abc');
  await page.waitForSelector('[data-result="more-settings"][open] .field.invalid #field-h');
  assert.match(await text(page, '#field-h-error'), /不是一个数/);
  assert.deepEqual(errors, []);
});

test('parameters: predict first, then check and reveal', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/parameters?h=32&w=32&c=3&k=5&n=10&s=1&p=2&quiz=1');
  assert.equal(await page.$('[data-result="params"]'), null, 'the answer is hidden');
  await page.fill('#predict-size', '32×32×10');
  await page.fill('#predict-params', '750');
  await page.click('[data-action="check"]');
  assert.equal(await page.locator('.predict .ok').count(), 1);
  assert.equal(await page.locator('.predict .wrong').count(), 1);
  await page.click('[data-action="reveal"]');
  assert.equal(await text(page, '[data-result="params"]'), '760');
  assert.deepEqual(errors, []);
});

test('architecture: the note example shows each layer and the note numbers', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/architecture');
  const rows = await page.$$eval('[data-result="layers"] tbody tr', (trs) =>
    trs.map((tr) => ({ shape: tr.querySelector('.shape')?.textContent, params: tr.querySelector('.num')?.textContent })),
  );
  assert.deepEqual(rows.map((r) => r.shape), ['26×26×25', '26×26×25', '13×13×25', '11×11×50', '11×11×50', '5×5×50', '1250', '10']);
  assert.deepEqual(rows.map((r) => r.params), ['250', '0', '0', '11300', '0', '0', '0', '12510']);
  assert.match(await text(page, '[data-result="totals"]'), /24060/);
  assert.match(await text(page, '[data-row="5"] .how'), /11→5/);
  const q = query(page);
  assert.equal(q.layers, 'conv:25:3:1:0,relu,pool:2:2,conv:50:3:1:0,relu,pool:2:2,flatten,dense:10');
  assert.deepEqual(errors, []);
});

test('architecture: an invalid stack says what is wrong at the layer where it breaks', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/architecture?h=28&w=28&c=1&layers=conv:25:3:1:0,dense:10,flatten');
  await page.waitForSelector('[data-row="1"][data-status="broken"]');
  assert.match(await text(page, '[data-row="1"] .row-error'), /展平/);
  assert.equal(await page.getAttribute('[data-row="2"]', 'data-status'), 'unreached');
  // Fix it in the editor: move flatten above dense.
  await page.click('[data-row="2"] button[aria-label="up"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-status="broken"]').length === 0);
  // 250 for the convolution, (26·26·25 + 1)·10 = 169010 for the dense layer.
  assert.match(await text(page, '[data-result="totals"]'), /169260/);
  assert.equal(query(page).layers, 'conv:25:3:1:0,flatten,dense:10');
  assert.deepEqual(errors, []);
});

test('convolution: the note 7×7 example loses a row and a column, padding 1 fixes it', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/convolution');
  await page.click('[data-action="note-preset"]');
  await page.waitForSelector('[data-result="lost"]');
  assert.match(await text(page, '[data-result="lost"]'), /7/);
  assert.match(await text(page, '[data-result="formula"]'), /⌊4\/3⌋/);
  assert.equal(await page.locator('svg[data-grid="input"] rect.ov-lost').count(), 2);
  await page.click('[data-action="fit-preset"]');
  await page.waitForFunction(() => !document.querySelector('[data-result="lost"]'));
  assert.equal(query(page).p, '1');
  assert.deepEqual(errors, []);
});

test('convolution: a stride larger than the kernel skips cells that no padding reaches; "same" keeps the size', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/convolution');
  await page.fill('#field-k', '1');
  await page.fill('#field-s', '3');
  await page.fill('#field-p', '0');
  // 7×7, k = 1, s = 3: windows read rows 1, 4 and 7; rows 2, 3, 5 and 6 are skipped.
  await page.waitForFunction(() => /第 2, 3, 5, 6 行/.test(document.querySelector('[data-result="lost"]')?.textContent ?? ''));
  const lost = await text(page, '[data-result="lost"]');
  assert.match(lost, /步长 3 比卷积核 1 还大/);
  assert.match(lost, /填充救不了/);
  assert.doesNotMatch(lost, /把填充改成/);
  // Padding does not help: still skipped with p = 1.
  await page.fill('#field-p', '1');
  await page.waitForFunction(() => /填充救不了/.test(document.querySelector('[data-result="lost"]')?.textContent ?? ''));
  // "Same" padding for a 5×5 kernel: p = 2 at stride 1, and the output is as large as the input.
  await page.fill('#field-k', '5');
  await page.click('[data-action="same"]');
  await page.waitForFunction(() => !document.querySelector('[data-result="lost"]'));
  assert.equal(query(page).p, '2');
  assert.equal(query(page).s, '1');
  assert.match(await text(page, '[data-result="formula"]'), /= 7\s*$/);
  assert.deepEqual(errors, []);
});

test('convolution: play, step and hover explain each output cell', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/convolution?src=grid&g=5&c=1&k=3&kp=identity&s=1&p=0&m=zero&v=20');
  await page.click('[data-action="reset"]');
  assert.match(await text(page, '.progress-text'), /^0 \/ 9$/);
  await page.click('[data-action="step"]');
  assert.match(await text(page, '.progress-text'), /^1 \/ 9$/);
  await page.waitForSelector('[data-result="products"]');
  await page.click('[data-action="play"]');
  await page.waitForFunction(() => document.querySelector('.progress-text').textContent.trim() === '9 / 9', null, { timeout: 5000 });
  // Hovering the last output cell shows its nine products and their sum.
  await page.locator('svg[data-grid="output"]').scrollIntoViewIfNeeded();
  const box = await page.locator('svg[data-grid="output"]').boundingBox();
  await page.mouse.move(box.x + box.width * 0.9, box.y + box.height * 0.9);
  await page.waitForFunction(() => /第 3 行第 3 列/.test(document.querySelector('[data-result="products"]').textContent));
  assert.equal(await page.locator('[data-result="products"] .term').count(), 9);
  // Clicking an input cell edits it, and the change lands in the address.
  const before = query(page).cells;
  await page.locator('svg[data-grid="input"]').scrollIntoViewIfNeeded();
  const input = await page.locator('svg[data-grid="input"]').boundingBox();
  await page.mouse.click(input.x + 5, input.y + 5);
  await page.waitForFunction((b) => new URL(location.href).searchParams.get('cells') !== b, before);
  // The keyboard does the same: the arrow keys move over the output as hovering does (a ring
  // marks the cell), and Enter edits an input cell.
  await page.locator('svg[data-grid="output"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => /第 2 行第 2 列/.test(document.querySelector('[data-result="products"]').textContent));
  assert.equal(await page.locator('svg[data-grid="output"] rect.grid-cursor').count(), 1);
  // A screen reader hears the cell the keys reached, with its value.
  const heard = await page.locator('svg[data-grid="output"] + [aria-live]').textContent();
  assert.match(heard, /^第 2 行第 2 列：-?\d/);
  const clicked = query(page).cells;
  await page.locator('svg[data-grid="input"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.waitForFunction((b) => new URL(location.href).searchParams.get('cells') !== b, clicked);
  assert.match(page.url(), /\/lessons\/convolution/, 'the grid keeps its arrow keys');
  assert.deepEqual(errors, []);
});

test('convolution: a real digit, padding modes and bad kernel values', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/convolution?src=digit&d=42&k=3&kp=edge&s=1&p=2&m=replicate');
  await page.waitForSelector('svg[data-grid="output"]');
  const side = await page.locator('svg[data-grid="input"] rect.cell').count();
  assert.equal(side, 32 * 32);
  assert.equal(await page.locator('svg[data-grid="output"] rect.cell').count(), 30 * 30);
  // The kernel's weights are folded away until asked for; a bad weight from a link opens them.
  await page.click('[data-result="folded"]:has(.kernel-editor) > summary');
  await page.locator('input.kernel-cell').first().fill('x');
  await page.waitForSelector('input.kernel-cell.invalid');
  assert.match(query(page).kv, /^x,/);
  const link = new URL(page.url());
  await visit(page, env.site, link.pathname + link.search);
  await page.waitForSelector('[data-result="folded"][open] .kernel-editor input.kernel-cell.invalid');
  await page.waitForSelector('input.kernel-cell.invalid');
  assert.ok(await page.$('.kernel-editor .field-error'));
  assert.equal(query(page).kp, 'custom');
  assert.deepEqual(errors, []);
});

test('pooling: max and average side by side, no parameters, and the receptive field table', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/pooling');
  await page.waitForSelector('svg[data-grid="max-pool"]');
  assert.equal(await text(page, '[data-result="pool-params"]'), '0');
  assert.equal(await page.locator('svg[data-grid="max-pool"] rect.cell').count(), 13 * 13);
  const rf = await page.$$eval('[data-result="rf-table"] tbody tr', (trs) => trs.map((tr) => tr.children[2].textContent));
  assert.deepEqual(rf, ['3×3', '4×4', '8×8', '10×10']);
  await page.click('[data-layer="2"]');
  assert.equal(query(page).rl, '2');
  assert.equal(await page.locator('svg[data-grid="rf-input"] rect.ov-rf-1').count(), 1);
  await page.fill('#field-size', '0');
  await page.waitForSelector('.field.invalid #field-size');
  assert.deepEqual(errors, []);
});
