// Starts the page's wasm bundle. trunk writes the bundle's hashed names into this script's
// tag (Trunk.toml's pattern_script), so the page has no inline script and its
// Content-Security-Policy can forbid them. If the bundle cannot be loaded (a missing or damaged
// file, the network gone), the message in #boot says so and offers a reload.
const tag = document.querySelector('script[data-wasm]');
try {
  const bundle = await import(tag.dataset.js);
  await bundle.default({ module_or_path: tag.dataset.wasm });
  // Its exported functions, for the soak test's memory readings.
  window.dlnotes = bundle;
  // The offline copy (sw.js), once the page works.
  navigator.serviceWorker?.register('/sw.js').catch((error) => console.warn('no offline copy:', error));
} catch (error) {
  console.warn('dlnotes could not start:', error);
  document.getElementById('boot')?.classList.add('failed');
  const detail = document.getElementById('boot-detail');
  if (detail) detail.textContent = String(error);
}
