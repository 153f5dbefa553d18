// Take the model home: the cnn-training lesson's model file is read from outside the page (Hugging
// Face's safetensors package and a numpy forward pass give the page's answers on 100 digits), and
// loads back into the lesson with the same weights, the same answers and the same score.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { useSite, openPage, visit, trainingReady, trains, screenshot, download } from './harness.mjs';

const env = useSite();
const tests = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env.DLNOTES_PYTHON ?? path.join(tests, '.venv', 'bin', 'python');
const digits = path.join(tests, '..', 'assets', 'mnist-digits.bin');

/** Each tensor of a safetensors file: name -> [shape, bytes as hex]. */
function tensors(bytes) {
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
  const data = bytes.subarray(8 + n);
  return Object.fromEntries(
    Object.entries(header)
      .filter(([name]) => name !== '__metadata__')
      .map(([name, t]) => [name, [t.shape, data.subarray(...t.data_offsets).toString('hex')]]),
  );
}

/** The page's answers once there are 100 of them. */
async function answers(page) {
  await page.waitForFunction(() => (document.querySelector('[data-result="answers"]')?.dataset.classes ?? '').split(' ').length === 100, null, { timeout: 60_000 });
  return page.$eval('[data-result="answers"]', (el) => el.dataset.classes.split(' ').map(Number));
}

test('a trained model file gives the page’s answers in numpy and loads back exactly', async () => {
  const { page, errors } = await openPage(env.browser, env.site, { lang: 'en' });
  await visit(page, env.site, '/lessons/cnn-training?epochs=1&batch=256');
  await trainingReady(page);
  await page.click('[data-action="train"]');
  await page.waitForFunction(() => /Finished/.test(document.querySelector('[data-result="status"]').textContent), null, { timeout: 120_000 });
  // The worker answers in order: the file comes after the answers asked for at the last score.
  const file = await download(page, '[data-action="download-model"]');
  const pageAnswers = await answers(page);
  const heldout = (await page.textContent('[data-result="heldout"]')).trim();
  assert.equal(file.name, 'dlnotes-model.safetensors');
  const names = Object.keys(tensors(file.bytes)).sort();
  assert.deepEqual(names, ['0.bias', '0.weight', '3.bias', '3.weight', '7.bias', '7.weight'], 'nn.Sequential names');
  assert.deepEqual(tensors(file.bytes)['7.weight'][0], [10, 1250], "nn.Linear's [out, in]");
  // From outside: Hugging Face's reader and a numpy forward pass.
  const numpy = JSON.parse(execFileSync(python, [path.join(tests, 'py', 'forward.py'), file.path, digits, '100'], { encoding: 'utf8' }));
  assert.deepEqual(numpy, pageAnswers, 'numpy and the page pick the same class for all 100 digits');
  const correct = Number((await page.textContent('[data-result="answers-right"]')).match(/\d+/)[0]);
  assert.ok(correct >= 80, `a trained network gets most of the 100 right (${correct})`);
  // The code is folded away until asked for.
  await page.click('[data-result="folded"]:has([data-result="pytorch-code"]) > summary');
  await page.locator('[data-result="pytorch-code"]').scrollIntoViewIfNeeded();
  await screenshot(page, 'cnn-training-model-file-en');

  // Into a fresh page (its network drawn afresh; the same seed, so the same validation digits):
  // the same weights, answers and score.
  const fresh = await openPage(env.browser, env.site, { lang: 'zh' });
  await visit(fresh.page, env.site, '/lessons/cnn-training?epochs=1&batch=256');
  await trainingReady(fresh.page);
  await fresh.page.setInputFiles('[data-action="load-model"]', file.path);
  await fresh.page.waitForSelector('[data-result="loaded"]', { timeout: 60_000 });
  await fresh.page.waitForFunction((h) => document.querySelector('[data-result="heldout"]').textContent.trim() === h, heldout, { timeout: 60_000 });
  assert.deepEqual(await answers(fresh.page), pageAnswers);
  const again = await download(fresh.page, '[data-action="download-model"]');
  assert.deepEqual(tensors(again.bytes), tensors(file.bytes), 'every weight round-trips exactly');
  // Training goes on from the loaded weights.
  await trains(fresh.page);
  assert.deepEqual(fresh.errors, []);
  assert.deepEqual(errors, []);
});

test('a file that does not fit is explained next to its control, and nothing typed is lost', async () => {
  const { page, errors } = await openPage(env.browser, env.site, { lang: 'en' });
  await visit(page, env.site, '/lessons/cnn-training?lr=0.003');
  await trainingReady(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlnotes-'));
  const garbage = path.join(dir, 'notes.safetensors');
  fs.writeFileSync(garbage, 'not a model at all');
  await page.setInputFiles('[data-action="load-model"]', garbage);
  await page.waitForSelector('[data-result="model-file-error"]');
  assert.match(await page.textContent('[data-result="model-file-error"]'), /not a readable safetensors file/);
  // On a Chinese page the same refusal is all Chinese (the reader's own English stays out).
  await page.click('[data-action="lang"]');
  await page.waitForFunction(() => /不是一个能读的 safetensors 文件/.test(document.querySelector('[data-result="model-file-error"]')?.textContent ?? ''));
  const latin = (await page.textContent('[data-result="model-file-error"]')).match(/[A-Za-z]+/g) ?? [];
  assert.deepEqual(latin.filter((w) => w !== 'safetensors'), []);
  await page.click('[data-action="lang"]');
  // A file as PyTorch would save it (no description of the network) whose first tensor has
  // another shape than this network's.
  const header = Buffer.from(JSON.stringify({ '0.weight': { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }).padEnd(64, ' '));
  const size = Buffer.alloc(8);
  size.writeBigUInt64LE(BigInt(header.length));
  const other = path.join(dir, 'other.safetensors');
  fs.writeFileSync(other, Buffer.concat([size, header, Buffer.alloc(8)]));
  await page.setInputFiles('[data-action="load-model"]', other);
  await page.waitForFunction(() => /25×1×3×3/.test(document.querySelector('[data-result="model-file-error"]')?.textContent ?? ''));
  assert.match(await page.textContent('[data-result="model-file-error"]'), /0\.weight is 2; this network needs 25×1×3×3/);
  assert.equal(await page.inputValue('input[name="lr"]'), '0.003', 'the typed learning rate is kept');
  assert.equal(await page.$('[data-result="loaded"]'), null);
  await trains(page);
  assert.deepEqual(errors, []);
});
