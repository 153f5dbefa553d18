// Runs the training benchmark in headless Chromium against a built site and prints JSON lines.
// Called by `cargo xtask bench`:
//
//   node bench.mjs <dist> <backend> [--runs N] [--peer SPLIT_FILE]
//   node bench.mjs <dist> flex char-lstm
//   node bench.mjs <dist> flex phases
//   node bench.mjs <dist> flex lesson [QUERY]
//
// The CNN run (the note's CNN, SGD with momentum 0.9, learning rate 0.01, batches of 32, one pass
// over 8,000 digits, 2,000 held-out digits scored) is trained N times (default 5), each on a fresh
// page in one browser session; a summary line gives the median and the spread. With `--peer`, the
// same browser session then trains ConvNetJS 0.3 (npm `convnetjs`) on the same digits (the
// training and test indices that the native benchmark wrote to SPLIT_FILE) with the same network
// and settings, and the summary carries the ratio. `lesson` presses train in the cnn-training
// lesson at its defaults (or with the controls of QUERY, such as `epochs=6`) and reports the seconds until its held-out accuracy first shows 97% or
// more (held-out digits are scored every 50 steps; null if the run ends first, with its best), and the gaps between animation frames while
// it trains, beside the same page's gaps before training (the browser's own floor here).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { startSite, launchBrowser, openPage, visit, median } from './e2e/harness.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const runs = Number(flag('--runs') ?? 5);
const peerSplit = flag('--peer');
const [dist, backend = 'flex', run = '', lessonQuery = ''] = args;

const site = await startSite(dist);
const browser = await launchBrowser();
try {
  if (run === 'lesson') {
    console.log(JSON.stringify(await lessonTo97()));
  } else if (run) {
    console.log(await benchPage(`/bench?backend=${backend}&run=${run}`));
  } else {
    const speeds = [];
    for (let i = 0; i < runs; i++) {
      const line = await benchPage(`/bench?backend=${backend}`);
      console.log(line);
      speeds.push(JSON.parse(line).examples_per_s);
    }
    const summary = { bench: 'cnn-train-summary', backend, where: 'chromium', runs, ...spread(speeds) };
    if (peerSplit) {
      const peer = await convnetjs(JSON.parse(readFileSync(peerSplit, 'utf8')));
      console.log(JSON.stringify(peer));
      summary.convnetjs_examples_per_s = peer.examples_per_s;
      summary.ratio = Number((summary.median / peer.examples_per_s).toFixed(1));
    }
    console.log(JSON.stringify(summary));
  }
} finally {
  await browser.close();
  await site.close();
}

/** Opens a benchmark page and returns its JSON line. */
async function benchPage(path) {
  const { page } = await openPage(browser, site);
  try {
    await visit(page, site, path);
    await page.waitForFunction(
      () => document.querySelector('#bench-result')?.textContent.trim() || document.querySelector('#bench-error'),
      null,
      { timeout: 30 * 60_000, polling: 500 },
    );
    const error = await page.$('#bench-error');
    if (error) throw new Error(await error.textContent());
    return (await page.textContent('#bench-result')).trim();
  } finally {
    await page.close();
  }
}

/** Presses train in the cnn-training lesson and times it to 97% held-out accuracy. */
async function lessonTo97() {
  const { page } = await openPage(browser, site);
  try {
    await visit(page, site, `/lessons/cnn-training${lessonQuery ? `?${lessonQuery}` : ''}`);
    await page.waitForSelector('[data-action="train"]:not([disabled])');
    await page.waitForFunction(() => /准备就绪|Ready/.test(document.querySelector('[data-result="status"]').textContent), null, { timeout: 60_000 });
    // Frame gaps over 4 s before training (what this browser gives an idle page), then over the
    // first 4 s of training.
    const idle = await frameGaps(page, 4000);
    const gaps = frameGaps(page, 4000);
    const start = Date.now();
    await page.click('[data-action="train"]');
    // Held-out accuracy as it is scored, until 97% or the end of the run.
    let reached = null;
    let best = 0;
    for (;;) {
      const [heldout, status] = await page.evaluate(() => [
        parseFloat(document.querySelector('[data-result="heldout"]').textContent),
        document.querySelector('[data-result="status"]').textContent,
      ]);
      if (heldout > best) best = heldout;
      if (heldout >= 97) { reached = (Date.now() - start) / 1000; break; }
      if (/完成|finished|发散|diverged/i.test(status)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - start) / 1000;
    const training = await gaps;
    const read = (sel) => page.textContent(sel).then((t) => t.trim());
    return {
      bench: 'cnn-training-lesson-to-97',
      where: 'chromium',
      query: lessonQuery,
      seconds_to_97: reached === null ? null : Number(reached.toFixed(1)),
      seconds: Number(seconds.toFixed(1)),
      best_heldout: best,
      steps: await read('[data-result="steps"]'),
      heldout: await read('[data-result="heldout"]'),
      frame_gap_p95_ms: p95(training),
      frames: training.length,
      frame_gap_p95_idle_ms: p95(idle),
      frames_idle: idle.length,
    };
  } finally {
    await page.close();
  }
}

/** Gaps between animation frames over `ms`, measured in the page. */
function frameGaps(page, ms) {
  return page.evaluate((ms) => new Promise((resolve) => {
    const gaps = [];
    let last = performance.now();
    const end = last + ms;
    const frame = (t) => {
      gaps.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame); else resolve(gaps);
    };
    requestAnimationFrame(frame);
  }), ms);
}

/** The 95th percentile of frame gaps, in ms to a tenth. */
function p95(gaps) {
  const sorted = [...gaps].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length * 0.95)].toFixed(1));
}

/** Median, lowest and highest of a list of speeds. */
function spread(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Trains ConvNetJS in a page of the same browser session: the note's CNN (conv 25 3×3, ReLU,
 * 2×2 max-pool, conv 50 3×3, ReLU, 2×2 max-pool, 10 outputs with softmax), SGD with momentum 0.9,
 * learning rate 0.01, batches of 32, no weight decay, one pass over the training digits in the
 * order given, then accuracy on the test digits. Only training time counts. It runs in a blank
 * page: the site's Content-Security-Policy rightly refuses the injected script.
 */
async function convnetjs(split) {
  const digits = readDigits(new URL('../assets/mnist-digits.bin', import.meta.url));
  const require = createRequire(import.meta.url);
  const { page } = await openPage(browser, site);
  try {
    await page.goto('about:blank');
    await page.addScriptTag({ path: require.resolve('convnetjs/build/convnet-min.js') });
    const pick = (indices) => ({
      labels: indices.map((i) => digits.labels[i]),
      pixels: Buffer.concat(indices.map((i) => digits.pixels.subarray(i * 784, (i + 1) * 784))).toString('base64'),
    });
    return await page.evaluate(
      async ({ train, test }) => {
        const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const volume = (pixels, i) => {
          const v = new convnetjs.Vol(28, 28, 1, 0.0);
          for (let p = 0; p < 784; p++) v.w[p] = pixels[i * 784 + p] / 255;
          return v;
        };
        const net = new convnetjs.Net();
        net.makeLayers([
          { type: 'input', out_sx: 28, out_sy: 28, out_depth: 1 },
          { type: 'conv', sx: 3, filters: 25, stride: 1, pad: 0, activation: 'relu' },
          { type: 'pool', sx: 2, stride: 2 },
          { type: 'conv', sx: 3, filters: 50, stride: 1, pad: 0, activation: 'relu' },
          { type: 'pool', sx: 2, stride: 2 },
          { type: 'softmax', num_classes: 10 },
        ]);
        const trainer = new convnetjs.Trainer(net, {
          method: 'sgd', learning_rate: 0.01, momentum: 0.9, batch_size: 32, l2_decay: 0,
        });
        const trainPixels = bytes(train.pixels);
        let ms = 0;
        for (let start = 0; start < train.labels.length; start += 32) {
          const t0 = performance.now();
          for (let i = start; i < Math.min(start + 32, train.labels.length); i++) {
            trainer.train(volume(trainPixels, i), train.labels[i]);
          }
          ms += performance.now() - t0;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const testPixels = bytes(test.pixels);
        let correct = 0;
        for (let i = 0; i < test.labels.length; i++) {
          net.forward(volume(testPixels, i));
          if (net.getPrediction() === test.labels[i]) correct++;
        }
        return {
          bench: 'cnn-train',
          backend: 'convnetjs',
          where: 'chromium',
          examples_per_s: Number(((train.labels.length * 1000) / ms).toFixed(1)),
          test_accuracy: Number((correct / test.labels.length).toFixed(4)),
        };
      },
      { train: pick(split.train), test: pick(split.test) },
    );
  } finally {
    await page.close();
  }
}

/** The digits file (see engine/src/mnist.rs): magic, count, rows, cols, then a zlib stream of labels and pixels. */
function readDigits(url) {
  const file = readFileSync(url);
  if (file.subarray(0, 8).toString('latin1') !== 'DLMNIST1') throw new Error('not a dlnotes digits file');
  const count = file.readUInt32LE(8);
  const body = inflateSync(file.subarray(16));
  return { labels: body.subarray(0, count), pixels: body.subarray(count) };
}
