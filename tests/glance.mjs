// Measures every lesson as a new student meets it (nothing pressed, 2.5 s after load) and prints
// one JSON line per lesson and page size: visible Chinese characters on the whole page and on
// its first screen (folded disclosures excluded), typed number/text fields, sliders, canvases
// and how many show something, where the first drawn figure starts, and whether the page
// scrolls sideways. `cargo xtask glance` runs it on a built site:
//
//   node glance.mjs <dist> [--lang zh-CN|en] [--width W --height H]
import { startSite, launchBrowser, openPage, visit } from './e2e/harness.mjs';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const lang = flag('--lang', 'zh-CN');
const sizes = flag('--sizes', '1280x800,390x844').split(',').map((s) => s.split('x').map(Number));
const [dist] = args;

const site = await startSite(dist);
const browser = await launchBrowser();
try {
  const { page: home } = await openPage(browser, site, { lang });
  await visit(home, site, '/');
  const slugs = await home.$$eval('a[data-slug]', (links) => links.map((a) => a.dataset.slug));
  for (const [width, height] of sizes) {
    const rows = [];
    for (const slug of slugs) {
      const { page, context } = await openPage(browser, site, { lang, width, height });
      await visit(page, site, `/lessons/${slug}`);
      await page.waitForSelector('article.lesson');
      await page.waitForTimeout(2500);
      rows.push({ lesson: slug, width, height, ...(await page.evaluate(measure, height)) });
      await context.close();
    }
    for (const row of rows) console.log(JSON.stringify(row));
    const med = (key) => {
      const v = rows.map((r) => r[key]).filter((x) => x !== null).sort((a, b) => a - b);
      return v.length ? v[v.length >> 1] : null;
    };
    const total = (key) => rows.reduce((n, r) => n + (r[key] ?? 0), 0);
    console.log(JSON.stringify({
      summary: true, width, height, lessons: rows.length,
      median_visible_chinese: med('visible_chinese'), median_first_screen_chinese: med('first_screen_chinese'),
      typed_fields: total('typed_fields'), sliders: total('sliders'), canvases: total('canvases'), canvases_drawn: total('canvases_drawn'), canvases_coloured: total('canvases_coloured'),
      first_figure_on_first_screen: rows.filter((r) => r.first_figure_top !== null && r.first_figure_top < height).length,
      sideways: rows.filter((r) => r.sideways > 0).map((r) => r.lesson),
    }));
  }
} finally {
  await browser.close();
  await site.close();
}

/** Runs in the page: the figures a new student sees. */
function measure(height) {
  const article = document.querySelector('article.lesson');
  // Text the student can see: not inside a closed <details> (its summary excepted), not hidden.
  const hiddenByDetails = (node) => {
    for (let el = node.parentElement; el; el = el.parentElement) {
      if (el.tagName === 'DETAILS' && !el.open) {
        const summary = el.querySelector(':scope > summary');
        if (!summary || !summary.contains(node)) return true;
      }
    }
    return false;
  };
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let visible = 0;
  let firstScreen = 0;
  const chinese = (t) => (t.match(/[\u4e00-\u9fff]/g) ?? []).length;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || hiddenByDetails(node) || el.closest('script, style, [hidden]') || getComputedStyle(el).display === 'none') continue;
    // A closed drop-down shows only its chosen option.
    const option = el.closest('option');
    if (option && !option.selected) continue;
    const n = chinese(node.textContent);
    if (!n) continue;
    visible += n;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.top + window.scrollY < height && rect.height > 0) firstScreen += n;
  }
  const typed = [...article.querySelectorAll('input[type="text"], input:not([type]), textarea')].filter((i) => !hiddenByDetails(i)).length;
  const sliders = article.querySelectorAll('input[type="range"]').length;
  const canvases = [...article.querySelectorAll('canvas')];
  // A canvas shows something when it has a coloured pixel, or when more than 5% of it is
  // inked in grey (an image such as a digit; an empty chart's axes and grid ink far less).
  const shows = (c) => {
    try {
      const ctx = c.getContext('2d');
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let inked = 0;
      let seen = 0;
      for (let i = 0; i < data.length; i += 4 * 37) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        seen += 1;
        if (a > 0 && Math.abs(r - g) + Math.abs(g - b) > 30) return 'coloured';
        if (a > 0 && r + g + b < 3 * 200) inked += 1;
      }
      return inked > 0.05 * seen ? 'inked' : null;
    } catch { /* a canvas without a 2-D context */ }
    return null;
  };
  const shown = canvases.map(shows);
  const drawnCanvases = canvases.filter((_, i) => shown[i]);
  const figures = [...drawnCanvases, ...article.querySelectorAll('svg.grid, svg[data-result], .tiles, [data-figure]')];
  const tops = figures.map((f) => f.getBoundingClientRect().top + window.scrollY).filter((t) => t >= 0);
  return {
    visible_chinese: visible,
    first_screen_chinese: firstScreen,
    typed_fields: typed,
    sliders,
    canvases: canvases.length,
    canvases_drawn: drawnCanvases.length,
    canvases_coloured: shown.filter((s) => s === 'coloured').length,
    first_figure_top: tops.length ? Math.round(Math.min(...tops)) : null,
    sideways: Math.max(0, document.documentElement.scrollWidth - window.innerWidth),
  };
}
