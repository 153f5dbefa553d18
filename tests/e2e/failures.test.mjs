// Failures are shown, not swallowed: a training thread that dies, a report the page cannot read,
// damaged digits and a missing app bundle each get a message in the page with a way to try again,
// and nothing the student set is lost. The page's Content-Security-Policy forbids inline scripts,
// eval and other sites while every lesson still runs (shell.test.mjs opens them all with no
// console error, which a blocked script or style would be).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, screenshot, text, query, trainingReady, trains } from './harness.mjs';

const env = useSite();

/** The lesson's training worker (the page runs at most one), once it has started. */
async function trainingWorker(page) {
  const isTraining = (w) => w.url().includes('worker_loader');
  const started = page.waitForEvent('worker', { predicate: isTraining, timeout: 30_000 });
  const worker = page.workers().find(isTraining) ?? (await started);
  started.catch(() => {});
  return worker;
}

/** The Latin words of an error box outside its folded browser detail (none on a Chinese page,
 * but for technical names). */
function latinWords(page, sel) {
  return page.$eval(sel, (box) => {
    const copy = box.cloneNode(true);
    copy.querySelectorAll('details, button').forEach((d) => d.remove());
    const allowed = new Set(['HTTP', 'dlnotes', 'safetensors', 'PyTorch']);
    return (copy.textContent.match(/[A-Za-z]+/g) ?? []).filter((w) => !allowed.has(w));
  });
}

const MESSAGES = {
  en: { crashed: /training thread stopped/, digits: /Could not load the handwritten digits/, load: /could not load its data/ },
  'zh-CN': { crashed: /训练线程停止了/, digits: /无法载入手写数字/, load: /训练线程无法载入数据/ },
};

for (const lang of ['zh-CN', 'en']) {
  test(`a training thread that dies is reported with a restart button; the settings survive and training works again (${lang})`, async () => {
    const { page } = await openPage(env.browser, env.site, { lang });
    await visit(page, env.site, '/lessons/cnn-training?model=mlp&epochs=2&batch=64');
    await trainingReady(page);
    // The seed is one of the settings folded under 更多设置 / More settings.
    await page.click('[data-result="more-settings"] > summary');
    await page.fill('#field-seed', '7');
    const old = await trainingWorker(page);
    const closed = new Promise((resolve) => old.once('close', resolve));
    // An uncaught error inside the worker, as a panic or an out-of-memory abort would be.
    await old.evaluate(() => setTimeout(() => { throw new Error('simulated crash'); }, 0));
    await page.waitForSelector('[data-result="job-error"]', { timeout: 20_000 });
    assert.match(await text(page, '[data-result="job-error"]'), MESSAGES[lang].crashed);
    // The browser's own words are kept, folded away; the sentence is in the page's language.
    assert.match(await text(page, '[data-result="job-error"] [data-result="browser-said"]'), /simulated crash/);
    if (lang === 'zh-CN') assert.deepEqual(await latinWords(page, '[data-result="job-error"]'), []);
    assert.ok(await page.$('[data-action="train"][disabled]'), 'nothing can start on a dead worker');
    await screenshot(page, `failure-worker-crashed-${lang}`);
    await page.click('[data-action="restart-worker"]');
    await closed;
    await trainingReady(page);
    assert.equal(await page.$('[data-result="job-error"]'), null, 'the error goes with the old worker');
    assert.equal(page.workers().length, 1, 'one worker: the old one is gone');
    assert.equal(await page.inputValue('#field-seed'), '7', 'what the student typed is kept');
    assert.equal(query(page).seed, '7');
    await trains(page);
  });
}

test('a report the page cannot read is an error with a restart, not silently dropped', async () => {
  const { page } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/cnn-training?model=mlp');
  await trainingReady(page);
  const worker = await trainingWorker(page);
  await worker.evaluate(() => postMessage('{"run": "not a report"'));
  await page.waitForSelector('[data-result="job-error"] [data-action="restart-worker"]', { timeout: 20_000 });
  assert.match(await text(page, '[data-result="job-error"]'), /训练线程/);
  await page.click('[data-action="restart-worker"]');
  await trainingReady(page);
  await trains(page);
});

for (const lang of ['zh-CN', 'en']) {
  test(`damaged digits are reported where they are used, and trying again loads them (${lang})`, async () => {
    const { page, context } = await openPage(env.browser, env.site, { lang });
    let damaged = true;
    let served = 0;
    // The first bytes only, as an interrupted download would leave them.
    await context.route('**/assets/mnist-digits.bin', async (route) => {
      served += 1;
      if (!damaged) return route.continue();
      const response = await route.fetch();
      const body = (await response.body()).subarray(0, 1000);
      return route.fulfill({ response, body });
    });
    // The page's own copy (the pooling lesson shows a real digit): a retry fetches it again.
    await visit(page, env.site, '/lessons/pooling');
    await page.waitForSelector('[data-result="digits-error"] [data-action="retry-digits"]', { timeout: 20_000 });
    assert.match(await text(page, '[data-result="digits-error"]'), MESSAGES[lang].digits);
    if (lang === 'zh-CN') assert.deepEqual(await latinWords(page, '[data-result="digits-error"]'), []);
    damaged = false;
    await page.click('[data-action="retry-digits"]');
    await page.waitForSelector('[data-result="digits-error"]', { state: 'detached', timeout: 20_000 });
    // The training worker's copy: restarting the worker loads it again.
    damaged = true;
    await visit(page, env.site, '/lessons/cnn-training?model=mlp');
    await page.waitForSelector('[data-result="job-error"] [data-action="restart-worker"]', { timeout: 30_000 });
    assert.match(await text(page, '[data-result="job-error"]'), MESSAGES[lang].load);
    if (lang === 'zh-CN') assert.deepEqual(await latinWords(page, '[data-result="job-error"]'), []);
    await screenshot(page, `failure-damaged-digits-${lang}`);
    damaged = false;
    await page.click('[data-action="restart-worker"]');
    await trainingReady(page);
    await trains(page);
    assert.ok(served >= 4, `the digits were requested again on each retry (${served} requests)`);
  });
}

test('a missing app bundle shows a message with a reload, never a blank page', async () => {
  const { page, context } = await openPage(env.browser, env.site);
  let missing = true;
  await context.route(/\/app-[0-9a-f]+_bg\.wasm$/, (route) => (missing ? route.fulfill({ status: 404, body: 'not found' }) : route.continue()));
  await page.goto(env.site.url + '/lessons/convolution');
  await page.waitForSelector('#boot.failed .boot-failed', { state: 'visible', timeout: 30_000 });
  assert.match(await text(page, '#boot'), /could not be loaded/);
  await screenshot(page, 'failure-missing-bundle');
  missing = false;
  await page.click('#boot a');
  await page.waitForSelector('.site-header', { timeout: 60_000 });
  assert.equal(await page.$('#boot'), null, 'the message goes once the app starts');
  assert.match(new URL(page.url()).pathname, /convolution/, 'the reload keeps the lesson');
});

test('the Content-Security-Policy forbids inline scripts and eval, and the lessons still run', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/cnn-training?model=mlp');
  await trainingReady(page);
  const blocked = await page.evaluate(() => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    // A string handed to a timer is evaluated by the page itself (unlike this test's own code).
    setTimeout('window.evaluated = true', 0);
    // Both refusals are reported as violations: the inline script's and the string's.
    return new Promise((resolve) => {
      const done = () => violations.length >= 2 && resolve({ injected: window.injected === true, evaluated: window.evaluated === true, violations });
      document.addEventListener('securitypolicyviolation', done);
      done();
    });
  });
  assert.equal(blocked.injected, false, 'an injected inline script does not run');
  assert.equal(blocked.evaluated, false, 'code in a string is not evaluated');
  assert.ok(blocked.violations.some((d) => d.startsWith('script-src')), `reported: ${blocked.violations}`);
  // wasm still compiles and trains in the worker under the policy.
  await trains(page);
  const own = errors.filter((e) => !/Refused to (execute|evaluate)|unsafe-eval|EvalError/.test(e));
  assert.deepEqual(own, [], 'no other console error');
});

test('a choice the link gets wrong is explained next to its buttons, and the rest of the link is kept', async () => {
  const { page, errors } = await openPage(env.browser, env.site, { lang: 'en' });
  await visit(page, env.site, '/lessons/batch-norm?act=softmax%3F&lr=0.05&step=3');
  assert.match(await text(page, '#field-act-error'), /“softmax\?” is not one of the choices; showing “ReLU”/);
  assert.equal(await page.getAttribute('#field-act', 'data-value'), 'relu');
  assert.equal(await page.getAttribute('#field-act [aria-checked="true"]', 'data-value'), 'relu');
  assert.equal(query(page).act, 'relu', 'the address says what is shown');
  assert.equal(query(page).lr, '0.05', 'the rest of the link is kept');
  await page.click('#field-act [data-value="sigmoid"]');
  await page.waitForFunction(() => document.querySelector('#field-act-error').textContent.trim() === '');
  assert.equal(query(page).act, 'sigmoid');
  assert.deepEqual(errors, []);
});
