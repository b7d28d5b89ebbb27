// Shirube's service worker: keeps exactly the files of one build, so the app opens and works
// with no network, and never mixes files of two builds.
//
// `cargo xtask loaders` (a Trunk post-build hook) fills in the build's id and its file list.
// A new build has a new id, so the browser installs it as a new worker beside the old one. It
// waits until the page accepts the update (or every tab of the app is closed), then deletes
// the older builds' caches.

const BUILD = '{{build}}';
const CACHE = `shirube-${BUILD}`;
// The published rules file is replaced without a build: the page fetches it itself and keeps
// the last good copy in this cache (embed/rules.js), which outlives builds.
const RULES = 'shirube-rules';
const RULES_PATH = new URL('rules.bin', self.registration.scope).pathname;
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
      if (name.startsWith('shirube-') && name !== CACHE && name !== RULES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'shirube:update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname === RULES_PATH) {
    // Always from the server (a replaced file takes effect on the next load); offline, the
    // last good copy the page kept, so the page runs on it with no network error.
    event.respondWith(fetch(request).catch(async () =>
      (await (await caches.open(RULES)).match(request.url)) ?? Response.error()));
    return;
  }
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
