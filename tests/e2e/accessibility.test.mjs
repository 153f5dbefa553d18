// Accessibility: axe-core (npm `axe-core`) on the course map and on every built lesson, as the
// registry lists them, in both languages: no serious or critical violations. Each page is checked
// as it first appears (before anything is trained). Every heat-map grid is named, in the page's
// language, with its size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { useSite, openPage, visit } from './harness.mjs';

const env = useSite();
const axe = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page) {
  // Evaluated by the test driver: the page's Content-Security-Policy rightly refuses an inline
  // script tag, which is how addScriptTag would inject it.
  await page.evaluate(axe);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
}

for (const lang of ['zh-CN', 'en']) {
  test(`accessibility: no serious violations on any page (${lang})`, async () => {
    const { page, context } = await openPage(env.browser, env.site, { lang });
    await visit(page, env.site, '/');
    const routes = ['/', ...(await page.$$eval('a[data-slug][data-status="ready"]', (a) => a.map((x) => x.getAttribute('href'))))];
    assert.ok(routes.length > 15, `the course map lists the built lessons: ${routes.length - 1}`);
    await context.close();
    const found = [];
    let gridCount = 0;
    for (const route of routes) {
      const { page, context } = await openPage(env.browser, env.site, { lang });
      await visit(page, env.site, route);
      await page.waitForLoadState('networkidle');
      found.push(...(await violations(page)).map((v) => `${route}: ${v}`));
      // Every heat-map grid is named for a listener in the page's language, with its size.
      const grids = await page.$$eval('svg.grid', (svgs) =>
        svgs.map((g) => {
          const cells = [...g.querySelectorAll('rect.cell')];
          const distinct = (axis) => new Set(cells.map((c) => c.getAttribute(axis))).size;
          return { id: g.dataset.grid, name: g.getAttribute('aria-label') ?? '', rows: distinct('y'), cols: distinct('x') };
        }),
      );
      gridCount += grids.length;
      for (const g of grids) {
        const named = g.name.includes(`${g.rows}×${g.cols}`) && (lang === 'en' || /\p{Script=Han}/u.test(g.name));
        if (!named) found.push(`${route}: grid ${g.id} is read as "${g.name}" (${g.rows}×${g.cols})`);
      }
      await context.close();
    }
    console.log(`axe-core, ${lang}: ${routes.length} pages, ${found.length} serious or critical violations or unnamed grids (${gridCount} grids read)`);
    assert.deepEqual(found, []);
  });
}
