// Starts the standalone Shirube app: loads its WebAssembly module, mounts the app into the
// page, and registers the service worker that keeps the app working offline. An external
// file, so the page needs no 'unsafe-inline' in its Content-Security-Policy.
// `cargo xtask loaders` (a Trunk post-build hook) fills in the built files' names.
import init, { start_page, offer_update } from './{{glue}}';

await init({ module_or_path: new URL('./{{wasm}}', import.meta.url) });
start_page();

if ('serviceWorker' in navigator) {
  let accepted = false;
  // A new build waits until the user chooses to reload: the page never runs on a mix of two
  // builds' files.
  const offer = (worker) => {
    if (!navigator.serviceWorker.controller) return;
    offer_update(() => {
      accepted = true;
      worker.postMessage({ type: 'shirube:update' });
    });
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) window.location.reload();
  });
  try {
    const registration = await navigator.serviceWorker.register('./sw.js');
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    });
  } catch (error) {
    console.warn('Shirube works, but cannot work offline here:', error);
  }
}
