// Take it home: every chart downloads as a PNG drawn at twice its size, and a chart that records
// its data (curves, bars, the confusion matrix, tiles, points, stacks) also as CSV with the numbers the chart shows, which
// it also lists as a table on request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, trainingReady, download } from './harness.mjs';

const env = useSite();

/** Width and height from a PNG's header. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** The share of pixels that are not white in a PNG, decoded by the page. */
function inked(page, bytes) {
  return page.evaluate(async (b64) => {
    const image = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const data = ctx.getImageData(0, 0, image.width, image.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) ink += 1;
    return ink / (image.width * image.height);
  }, bytes.toString('base64'));
}

test('a trained chart downloads as a PNG at twice its size and as CSV with its points', async () => {
  const { page, errors } = await openPage(env.browser, env.site, { lang: 'en' });
  await visit(page, env.site, '/lessons/cnn-training?model=mlp&epochs=1&batch=64');
  await trainingReady(page);
  await page.click('[data-action="train"]');
  await page.waitForFunction(() => /Finished/.test(document.querySelector('[data-result="status"]').textContent), null, { timeout: 90_000 });
  const [w, h] = await page.$eval('canvas[data-plot="accuracy-curve"]', (c) => [c.width, c.height]);
  const png = await download(page, '[data-action="download-png"][data-for="accuracy-curve"]');
  assert.equal(png.name, 'dlnotes-accuracy-curve.png');
  assert.deepEqual(pngSize(png.bytes), [2 * w, 2 * h], 'drawn at twice the size');
  const ink = await inked(page, png.bytes);
  assert.ok(ink > 0.01 && ink < 0.5, `the PNG shows a chart (${(ink * 100).toFixed(1)}% of its pixels inked)`);
  // The CSV holds the held-out accuracy the page shows, as the chart's last point.
  const csv = await download(page, '[data-action="download-csv"][data-for="accuracy-curve"]');
  assert.equal(csv.name, 'dlnotes-accuracy-curve.csv');
  const rows = csv.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n').map((r) => r.split(','));
  assert.equal(rows[0][0], 'series');
  assert.ok(rows.length > 1, 'one row per point');
  const heldout = parseFloat(await page.textContent('[data-result="heldout"]'));
  const values = rows.slice(1).map((r) => parseFloat(r[2]));
  assert.ok(values.some((v) => Math.abs(v * (v <= 1 ? 100 : 1) - heldout) < 0.06), `the page's ${heldout}% is among the CSV's values ${values}`);
  // The confusion matrix: ten rows of counts that add up to the digits scored.
  const matrix = await download(page, '[data-action="download-csv"][data-for="confusion"]');
  const cells = matrix.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((r) => r.split(',').slice(1).map(Number));
  assert.equal(cells.length, 10);
  assert.ok(cells.flat().reduce((a, b) => a + b, 0) > 0);
  // The same numbers as a table under the chart, its text alternative, on request.
  await page.click('[data-action="show-table"][data-for="accuracy-curve"]');
  const shown = await page.$$eval('[data-result="plot-table"][data-for="accuracy-curve"] tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.deepEqual(shown, rows.slice(1), 'the table lists the CSV rows');
  await page.click('[data-action="show-table"][data-for="accuracy-curve"]');
  await page.waitForSelector('[data-result="plot-table"][data-for="accuracy-curve"]', { state: 'detached' });
  // Pictures of digits (the misclassified ones) give their grey levels: 784 rows per digit shown.
  const mistakes = await download(page, '[data-action="download-csv"][data-for="mistakes"]');
  const grey = mistakes.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n').slice(1).map((r) => Number(r.split(',').at(-1)));
  assert.ok(grey.length > 0 && grey.length % 784 === 0, `${grey.length} rows`);
  assert.ok(grey.every((v) => v >= 0 && v <= 1) && grey.some((v) => v > 0.5), 'grey levels in [0, 1], some ink');
  assert.ok(await page.isVisible('[data-action="download-png"][data-for="mistakes"]'));
  assert.deepEqual(errors, []);
});

test('the optimizer race downloads as one picture and its trails as CSV, every step with the loss the page shows', async () => {
  const { page, errors } = await openPage(env.browser, env.site, { lang: 'en' });
  await visit(page, env.site, '/lessons/optimizers?surface=bowl');
  for (let i = 0; i < 5; i++) await page.click('[data-action="step"]');
  await page.waitForFunction(() => /5/.test(document.querySelector('[data-result="race-steps"]').textContent));
  const [w, h] = await page.$eval('canvas[data-plot="race-trails"]', (c) => [c.width, c.height]);
  const png = await download(page, '[data-action="download-png"][data-for="optimizer-race"]');
  assert.deepEqual(pngSize(png.bytes), [2 * w, 2 * h]);
  assert.ok((await inked(page, png.bytes)) > 0.3, 'the surface is in the picture, not the trails alone');
  const csv = await download(page, '[data-action="download-csv"][data-for="optimizer-race"]');
  const rows = csv.bytes.toString('utf8').replace(/^\ufeff/, '').trim().split('\r\n').map((r) => r.split(','));
  assert.deepEqual(rows[0], ['optimizer', 'step', 'x', 'y', 'loss']);
  assert.equal(rows.length - 1, 6 * 6, 'six racers, steps 0 to 5');
  // Each racer's last row has the loss in the page's table.
  const table = await page.$$eval('[data-result="race-losses"] tbody tr', (trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent]));
  for (const [name, loss] of table) {
    const last = rows.filter((r) => r[0] === name).at(-1);
    assert.equal(last[1], '5');
    assert.equal(Number(last[4]).toFixed(4), loss, `${name}'s loss`);
  }
  // The same rows as a table under the map, on request.
  await page.click('[data-action="show-table"][data-for="optimizer-race"]');
  assert.equal(await page.locator('[data-result="plot-table"][data-for="optimizer-race"] tbody tr').count(), 36);
  assert.deepEqual(errors, []);
});
