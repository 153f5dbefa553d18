// The offline copy of the course. After one visit the whole site works with the network gone:
// this service worker keeps index.html, the page's and the training worker's bundles, the style
// sheet, boot.js and the digits and poems in one cache.
//
// A stale copy is avoided like this: index.html is always asked of the network first (the cached
// one is used only when that fails), and every build gives it new hashed bundle names. When the
// index that arrives differs from the cached one, everything it references is fetched again,
// including the unhashed assets, and files of older builds are dropped. So an online visit after a
// deployment brings the whole new build, and an offline visit shows the last complete one.
const CACHE = 'dlnotes';
const INDEX = '/index.html';
const ASSETS = ['/assets/mnist-digits.bin', '/assets/poems.bin', '/boot.js', '/worker_loader.js'];

/** The site's own files that `text` (index.html or the worker's loader) refers to, as paths. */
function references(text) {
  const found = [...text.matchAll(/(?:href|src|data-js|data-wasm)="(\/[^"]+\.[a-z0-9]+)"|['"]((?:\.|)\/[^'"]+\.(?:js|wasm))['"]/g)];
  return found.map((m) => (m[1] ?? m[2]).replace(/^\.\//, '/'));
}

/** Whether a file's name carries its content's hash (trunk's `-0123456789abcdef`). */
const hashed = (file) => /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/.test(file);

/** Caches one build: `index` is its index.html, as text. */
async function keep(index) {
  const cache = await caches.open(CACHE);
  const files = new Set([...references(index), ...ASSETS]);
  const loader = await fetch('/worker_loader.js', { cache: 'no-cache' });
  if (loader.ok) references(await loader.clone().text()).forEach((f) => files.add(f));
  await Promise.all(
    [...files].map(async (file) => {
      // Hashed names may come from the HTTP cache (the page has just loaded them); the rest not.
      const fresh = hashed(file) ? {} : { cache: 'no-cache' };
      const response = file === '/worker_loader.js' ? loader : await fetch(file, fresh);
      if (!response.ok) throw new Error(`${file}: ${response.status}`);
      await cache.put(file, response);
    }),
  );
  await cache.put(INDEX, new Response(index, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
  // Files of older builds go.
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path !== INDEX && !files.has(path)) await cache.delete(request);
  }
}

async function cachedIndex() {
  const cached = await caches.match(INDEX);
  return cached ? cached.text() : null;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch('/', { cache: 'no-cache' })
      .then((r) => r.text())
      .then(keep)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every page of the course is index.html: the network's, or the cached one offline.
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          const index = await response.clone().text();
          if (response.ok && index !== (await cachedIndex())) event.waitUntil(keep(index).catch(() => {}));
          return response;
        })
        .catch(async () => (await caches.match(INDEX)) ?? Response.error()),
    );
    return;
  }
  // Hashed bundles never change; the assets change only with a new index, which refreshes them.
  event.respondWith(caches.match(url.pathname).then((cached) => cached ?? fetch(request)));
});
