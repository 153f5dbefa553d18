// The long-session soak (`cargo xtask soak [--minutes N]`, not part of `cargo xtask test`): one tab
// trains the note's CNN in the cnn-training lesson the whole time (a new run whenever one ends),
// while a second tab hops to another lesson every few seconds through the app's own links, round
// and round the course. Every 30 s, after a garbage collection, it records each tab's JS heap, the
// wasm memory of each page and of each live worker (and the bytes their heaps hold live), and
// the number of live workers.
//
// Pass: from the five-minute mark (or a fifth of a shorter run) to the end, each reading grows by
// less than 10% (medians of three samples at each end), and no worker of the hopping tab is still alive a whole hop after its lesson
// was left. Prints one JSON line per sample and a summary line; exits 1 on failure.
//
// Usage: node soak.mjs <dist> [--minutes 30]
import { startSite, launchBrowser, openPage, visit, trainingReady, median, collectGarbage, followLink } from './e2e/harness.mjs';

const args = process.argv.slice(2);
const dist = args[0];
const minutes = Number(args[args.indexOf('--minutes') + 1] ?? 30) || 30;
const HOP_MS = 3000;
const SAMPLE_MS = 30_000;

const site = await startSite(dist);
const browser = await launchBrowser();
const trainer = await openPage(browser, site);
const hopper = await openPage(browser, site);

async function startTraining() {
  await trainer.page.click('[data-action="reset"]');
  await trainer.page.click('[data-action="train"]');
}

await visit(trainer.page, site, '/lessons/cnn-training?epochs=50');
await trainingReady(trainer.page);
await startTraining();

await visit(hopper.page, site, '/');
const slugs = await hopper.page.$$eval('a[data-slug][data-status="ready"]', (a) => a.map((x) => x.dataset.slug));

/** One tab's readings, after a garbage collection. */
async function readings(page) {
  await collectGarbage(page);
  const tab = await page.evaluate(() => ({
    js_heap: performance.memory.usedJSHeapSize,
    page_wasm: window.dlnotes.wasm_memory_bytes(),
    page_live: window.dlnotes.wasm_heap_live_bytes(),
  }));
  const workers = page.workers();
  // The worker's bundle is a classic script: its `wasm_bindgen` is a global binding, not a property of self.
  const each = await Promise.all(
    workers.map((w) =>
      w
        .evaluate(() => (typeof wasm_bindgen === 'undefined' ? [0, 0] : [wasm_bindgen.wasm_memory_bytes(), wasm_bindgen.wasm_heap_live_bytes()]))
        .catch(() => [0, 0]),
    ),
  );
  const sum = (i) => each.reduce((a, b) => a + b[i], 0);
  return { ...tab, workers: workers.length, worker_wasm: sum(0), worker_live: sum(1) };
}

const samples = [];
// Each of the hopping tab's workers, with the lesson it was started for.
const bornIn = new Map();
let outlived = 0;
let hops = 0;
let runs = 1;
const start = Date.now();
const end = start + minutes * 60_000;
let nextSample = start;
let here = null;
while (Date.now() < end) {
  // A worker still alive a whole hop after its lesson was left has outlived it.
  for (const w of hopper.page.workers()) {
    if (!bornIn.has(w)) bornIn.set(w, here);
    else if (bornIn.get(w) !== here) outlived += 1;
  }
  // Hop through the app's router, as a click on a link would.
  const slug = slugs[hops % slugs.length];
  here = slug;
  await followLink(hopper.page, `/lessons/${slug}`);
  hops += 1;
  await hopper.page.waitForSelector(`article[data-lesson="${slug}"]`, { timeout: 30_000 });
  hopper.page.workers().forEach((w) => bornIn.has(w) || bornIn.set(w, slug));
  const status = await trainer.page.textContent('[data-result="status"]');
  if (/完成|Finished|发散|diverged/i.test(status)) {
    await startTraining();
    runs += 1;
  }
  if (Date.now() >= nextSample) {
    nextSample += SAMPLE_MS;
    const sample = {
      soak: 'sample',
      minute: Number(((Date.now() - start) / 60_000).toFixed(2)),
      hops,
      runs,
      steps: (await trainer.page.textContent('[data-result="steps"]')).trim(),
      trainer: await readings(trainer.page),
      hopper: await readings(hopper.page),
    };
    samples.push(sample);
    console.log(JSON.stringify(sample));
  }
  await new Promise((resolve) => setTimeout(resolve, HOP_MS));
}

// Growth of each reading from the settling mark to the end. Each end is the median of three
// samples: a reading taken mid-training holds whatever reports are in flight, so one sample alone
// is noise (the JS heap swung between 3.0 and 5.2 MB within minutes in a 14-minute run).
const settle = Math.min(5, minutes / 5);
const from = Math.max(0, samples.findIndex((s) => s.minute >= settle));
const around = (list, tab, key) => median(list.map((s) => s[tab][key]));
const first = samples.slice(from, from + 3);
const lastThree = samples.slice(-3);
const base = samples[from];
/** Each reading's growth from the settling mark to the end, keyed `<tab>_<reading>`. */
function growthOf(readings) {
  return Object.fromEntries(
    readings.map(([tab, key]) => {
      const start = around(first, tab, key);
      return [`${tab}_${key}`, start > 0 ? Number((around(lastThree, tab, key) / start - 1).toFixed(4)) : 0];
    }),
  );
}
// (The hopping tab's worker memory depends on the lesson it is on at the sample, so it is
// printed, not compared. The live heap bytes, what the program holds, tell a leak from a heap
// that only grew once: they are printed beside, not judged.)
const growth = growthOf([['trainer', 'js_heap'], ['trainer', 'page_wasm'], ['trainer', 'worker_wasm'], ['hopper', 'js_heap'], ['hopper', 'page_wasm']]);
const live = growthOf([['trainer', 'page_live'], ['trainer', 'worker_live'], ['hopper', 'page_live']]);
const worst = Math.max(...Object.values(growth));
const pass = worst < 0.1 && outlived === 0 && trainer.errors.length === 0 && hopper.errors.length === 0;
console.log(JSON.stringify({
  soak: 'summary',
  minutes,
  hops,
  runs,
  settle_minute: base.minute,
  growth,
  live_growth: live,
  workers_outliving_their_lesson: outlived,
  console_errors: [...trainer.errors, ...hopper.errors].slice(0, 5),
  pass,
}));
await browser.close();
await site.close();
process.exit(pass ? 0 : 1);
