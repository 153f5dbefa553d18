// What each wasm bundle carries: the page's bundle, which every visitor downloads first, has the
// shell and the lessons but none of burn (its demonstrations run on plain numbers, and whatever
// trains runs in the worker); the worker's bundle has burn. Read from the function names that
// the test run's (development) build keeps in each bundle's `name` section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = process.env.DLNOTES_DIST ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

/** burn's crates that hold tensors, autodiff, optimizers and the CPU backend. */
const BURN = /burn_(flex|autodiff|optim|nn|core|tensor|backend|dispatch)/;

/** The function names of a wasm module's `name` section (subsection 1). */
function functionNames(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return value;
    }
  };
  const text = (length) => new TextDecoder().decode(bytes.subarray(at, (at += length)));
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = leb();
    const end = at + size;
    if (id === 0 && text(leb()) === 'name') {
      while (at < end) {
        const kind = bytes[at++];
        const subEnd = leb() + at;
        if (kind === 1) {
          const names = [];
          for (let n = leb(); n > 0; n--) {
            leb();
            names.push(text(leb()));
          }
          return names;
        }
        at = subEnd;
      }
    }
    at = end;
  }
  return [];
}

function bundle(prefix) {
  const file = readdirSync(dist).find((f) => f.startsWith(prefix) && f.endsWith('_bg.wasm'));
  assert.ok(file, `no ${prefix}*_bg.wasm in ${dist}`);
  return functionNames(readFileSync(path.join(dist, file)));
}

test('bundles: the page carries the lessons but no burn; the worker carries burn', () => {
  const page = bundle('app-');
  const worker = bundle('worker');
  assert.ok(page.length > 1000 && worker.length > 1000, `names read: page ${page.length}, worker ${worker.length}`);
  assert.ok(page.some((n) => n.includes('cnn_training')), 'the page has the lessons');
  const burnInPage = page.filter((n) => BURN.test(n));
  console.log(`bundles: page ${page.length} functions, ${burnInPage.length} of burn; worker ${worker.length}, ${worker.filter((n) => BURN.test(n)).length} of burn`);
  assert.deepEqual(burnInPage.slice(0, 5), [], `${burnInPage.length} functions of burn in the page bundle`);
  assert.ok(worker.some((n) => BURN.test(n)), 'the worker trains with burn');
});
