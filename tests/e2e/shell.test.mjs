// The app shell: the course map built from the lesson registry, every built lesson loading in
// both languages, language and presenter switches, deep links, keyboard navigation and the
// crash screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openPage, visit, screenshot, nextFrames } from './harness.mjs';

const env = useSite();

/** The lessons listed on the course map, as the registry generated them. */
async function courseMap(page) {
  return page.$$eval('[data-slug]', (cards) =>
    cards.map((c) => ({ slug: c.dataset.slug, status: c.dataset.status, link: c.tagName === 'A', href: c.getAttribute('href') })),
  );
}

test('the course map lists every lesson, grouped as the note is', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/');
  const chapters = await page.$$eval('.chapter h2', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(chapters, ['数据集', '1 卷积神经网络', '2 提高CNN准确性', '3 迁移学习', '4 循环神经网络']);
  const lessons = await courseMap(page);
  assert.deepEqual(
    lessons.map((l) => l.slug),
    ['split', 'convolution', 'parameters', 'pooling', 'architecture', 'cnn-training', 'dropout', 'augmentation', 'gan',
      'batch-norm', 'regularization', 'lr-schedules', 'optimizers', 'label-smoothing', 'focal-loss', 'multi-scale',
      'hyperparameters', 'transfer-learning', 'text-input', 'rnn', 'lstm'],
  );
  for (const l of lessons) assert.equal(l.href, `/lessons/${l.slug}`, `${l.slug} links to its page`);
  await screenshot(page, 'home-zh');
  assert.deepEqual(errors, []);
});

test('every built lesson loads in both languages with no console error and nothing fetched from elsewhere', async () => {
  const { page } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/');
  const ready = (await courseMap(page)).filter((l) => l.status === 'ready');
  for (const lang of ['zh-CN', 'en']) {
    for (const { slug } of ready) {
      const { page: p, errors, external, context } = await openPage(env.browser, env.site, { lang });
      await visit(p, env.site, `/lessons/${slug}`);
      await p.waitForSelector(`article[data-lesson="${slug}"]`);
      // Lessons that load the digits draw them once loaded.
      await p.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 30_000 });
      await nextFrames(p);
      assert.equal(await p.getAttribute('html', 'lang'), lang);
      const title = await p.textContent('article h1');
      assert.ok(title && title.trim().length > 1, `${slug} has a title`);
      assert.equal(await p.$('#crash'), null, `${slug} (${lang}) crashed`);
      await screenshot(p, `${slug}-${lang}`);
      assert.deepEqual(errors, [], `console errors on ${slug} (${lang})`);
      assert.deepEqual(external, [], `requests outside the site on ${slug} (${lang})`);
      await context.close();
    }
  }
});

test('the language switch changes the page and is remembered', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/parameters');
  assert.equal(await page.textContent('article h1'), '参数个数计算');
  await page.click('[data-action="lang"]');
  await page.waitForFunction(() => document.querySelector('article h1').textContent === 'Counting parameters');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.reload();
  await page.waitForSelector('article h1');
  assert.equal(await page.textContent('article h1'), 'Counting parameters');
  await page.click('[data-action="lang"]');
  await page.waitForFunction(() => document.querySelector('article h1').textContent === '参数个数计算');
  assert.deepEqual(errors, []);
});

test('deep links survive a reload, unknown pages say so', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/pooling?size=3&s=3');
  await page.reload();
  await page.waitForSelector('article[data-lesson="pooling"]');
  assert.equal(await page.inputValue('#field-size'), '3');
  assert.equal(await page.$('[data-result="unknown-keys"]'), null, 'every key of that link is a setting');
  // A key the lesson has no setting for is named, and the settings it has are kept.
  await visit(page, env.site, '/lessons/pooling?size=3&colour=red&size=3&zoom=2');
  await page.waitForSelector('[data-result="unknown-keys"]');
  const said = await page.textContent('[data-result="unknown-keys"]');
  assert.ok(said.includes('“colour”') && said.includes('“zoom”') && !said.includes('“size”'), said);
  assert.equal(await page.inputValue('#field-size'), '3');
  await visit(page, env.site, '/lessons/no-such-lesson');
  await page.waitForSelector('.not-found');
  await visit(page, env.site, '/lessons/lstm?temp=1.2');
  await page.reload();
  await page.waitForSelector('article[data-lesson="lstm"]');
  assert.equal(await page.inputValue('#field-temp'), '1.2');
  assert.deepEqual(errors, []);
});

test('presenter mode enlarges the page and the arrow keys change lessons', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/parameters');
  const before = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  await page.click('[data-action="presenter"]');
  await page.waitForFunction(() => document.documentElement.classList.contains('presenter'));
  const after = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.ok(parseFloat(after) > parseFloat(before), `${after} > ${before}`);
  await screenshot(page, 'presenter-parameters');
  await page.click('article h1');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('article[data-lesson="pooling"]');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('article[data-lesson="convolution"]');
  // Typing in a field never changes the lesson.
  await page.click('#field-s');
  await page.keyboard.press('ArrowRight');
  await nextFrames(page);
  assert.ok(await page.$('article[data-lesson="convolution"]'));
  // Presenter mode is remembered.
  await page.reload();
  await page.waitForSelector('.site-header');
  assert.ok(await page.evaluate(() => document.documentElement.classList.contains('presenter')));
  assert.deepEqual(errors, []);
});

test('presenter mode: the prose steps aside, the space bar walks through a lesson\'s steps, and a QR code carries the link', async () => {
  const { page, errors } = await openPage(env.browser, env.site, { presenter: true });
  await visit(page, env.site, '/lessons/gan?seed=7');
  await page.waitForSelector('html.presenter [data-result="share-qr"] svg');
  assert.equal(await page.isVisible('.lesson-intro'), false, 'the prose is hidden');
  assert.equal(await page.isVisible('.key-points'), true, 'the key points stay');
  const qr = () => page.getAttribute('[data-result="share-qr"] svg', 'data-href');
  assert.equal(await qr(), page.url(), 'the code is the address shown');
  await page.click('article h1');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('step') === '2');
  assert.equal(await page.getAttribute('[data-step-tab="2"]', 'aria-selected'), 'true');
  await page.waitForFunction(() => document.querySelector('[data-result="share-qr"] svg').dataset.href === location.href);
  assert.match(await qr(), /seed=7/, 'the code keeps the settings');
  await page.keyboard.press('Shift+Space');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('step') === '1');
  assert.deepEqual(errors, []);
});

test('a panic shows a visible error with a way back, never a blank page', async () => {
  const { page } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/__panic');
  await page.waitForSelector('#crash', { timeout: 10_000 });
  const text = await page.textContent('#crash');
  assert.match(text, /出错了/);
  assert.ok(await page.$('#crash a[href="/"]'));
});

test('the copy-link button copies the address that reproduces the lesson', async () => {
  const { page, errors } = await openPage(env.browser, env.site);
  await visit(page, env.site, '/lessons/parameters?h=28&w=28&c=1&k=3&n=8&s=1&p=0');
  await page.click('[data-action="copy-link"]');
  await page.waitForFunction(() => document.querySelector('[data-action="copy-link"]').textContent.includes('✓'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, page.url());
  assert.match(copied, /k=3/);
  assert.deepEqual(errors, []);
});
