// Shirube's service worker: keeps exactly the files of one build, so the app opens and works
// with no network, and never mixes files of two builds.
//
// `cargo xtask loaders` (a Trunk post-build hook) fills in the build's id and its file list.
// A new build has a new id, so the browser installs it as a new worker beside the old one. It
// waits until the page accepts the update (or every tab of the app is closed), then deletes
// the older builds' caches.

const BUILD = '{{build}}';
const CACHE = `shirube-${BUILD}`;
const FILES = {{files}};

// A name with its content's hash (`main-<16 hex digits>.css`) always holds the same bytes.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  // `reload` skips the browser's HTTP cache, so the files are those of this build. A hashed
  // file may come from that cache: the page has just loaded it, and its name is its content.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) =>
    new Request(file, { cache: HASHED.test(file) ? 'default' : 'reload' })))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('shirube-') && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'shirube:update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Every page of the app is index.html, whatever its query (the iframe embed adds one).
    const key = request.mode === 'navigate' && isAppPage(request.url) ? 'index.html' : request;
    const cached = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
    return cached ?? fetch(request);
  })());
});

function isAppPage(url) {
  const path = new URL(url).pathname;
  const scope = new URL(self.registration.scope).pathname;
  return path === scope || path === `${scope}index.html`;
}
