// Shirube's service worker: keeps exactly the files of one build, so the app opens and works
// with no network, and never mixes files of two builds.
//
// `cargo xtask loaders` (a Trunk post-build hook) fills in the build's id and its files, each
// with the SHA-256 of its bytes and its size. A new build has a new id, so the browser installs
// it as a new worker beside the old one. It waits until the page accepts the update (or every
// tab of the app is closed), then deletes the older builds' caches.

const BUILD = '{{build}}';
const CACHE = `shirube-${BUILD}`;
// The published rules file is replaced without a build: the page fetches it itself and keeps
// the last good copy in this cache (embed/rules.js), which outlives builds.
const RULES = 'shirube-rules';
const SCOPE = new URL(self.registration.scope).pathname;
const RULES_PATH = `${SCOPE}rules.bin`;
// Each file: [the SHA-256 of its bytes in hex, its size in bytes].
const FILES = {{files}};

// A name with its content's hash (`main-<16 hex digits>.css`) always holds the same bytes.
const HASHED = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

// Every file of the build, each checked against its hash, or none: a cache that holds one file
// of another build (published while this one installs, or left by a cache on the way) opens a
// blank page offline. On any failure the cache is deleted and the install fails; the page goes
// on working online, and the next visit tries again (with the build the server has then).
async function precache() {
  const needed = Object.values(FILES).reduce((sum, [, size]) => sum + size, 0);
  const { quota, usage } = await navigator.storage?.estimate?.() ?? {};
  if (quota !== undefined && quota - usage < needed) {
    await tell('shirube:no-room', { needed, free: quota - usage });
    throw new Error(`Shirube: no room to keep the app for offline use (${needed} bytes needed)`);
  }
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(Object.keys(FILES).map(async (file) => cache.put(file, await fetchChecked(file))));
  } catch (error) {
    await caches.delete(CACHE);
    if (error.name === 'QuotaExceededError') await tell('shirube:no-room', { needed });
    else await tell('shirube:not-kept', { reason: error.message });
    throw error;
  }
}

// The file as this build wrote it. First as a page load would get it (`reload` skips the
// browser's HTTP cache; a hashed file may come from it, since the page has just loaded it and
// its name is its content); if the bytes are not the build's, once more past every cache on the
// way (the query makes it a new address for them; servers of static files ignore it).
async function fetchChecked(file) {
  const attempts = [
    new Request(file, { cache: HASHED.test(file) ? 'default' : 'reload' }),
    new Request(`${file}?shirube-build=${BUILD}`, { cache: 'reload' }),
  ];
  for (const request of attempts) {
    const response = await fetch(request);
    if (response.ok && (await isTheBuilds(file, response.clone()))) return response;
  }
  throw new Error(`Shirube: the server's ${file} is not that of build ${BUILD} (another build was published meanwhile?)`);
}

async function isTheBuilds(file, response) {
  const bytes = await response.arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return hex === FILES[file][0];
}

// Says something to every page of the app this worker may serve (embed/start.js logs it).
async function tell(type, detail) {
  for (const client of await self.clients.matchAll({ includeUncontrolled: true })) {
    client.postMessage({ type, detail });
  }
}

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
  event.respondWith(fromCache(request));
});

// A file of the build from its cache, checked: a damaged entry (a disk error, an interrupted
// write) is fetched again, checked, and put back; if that fails too (offline), the network's
// answer or error stands, never the damaged bytes.
async function fromCache(request) {
  const cache = await caches.open(CACHE);
  // Every page of the app is index.html, whatever its query (the iframe embed adds one).
  const file = request.mode === 'navigate' && isAppPage(request.url)
    ? 'index.html' : fileOf(request.url);
  const cached = file in FILES ? await cache.match(file) : undefined;
  if (!cached) return fetch(request);
  try {
    if (checked.has(file) || (await isTheBuilds(file, cached.clone()))) {
      checked.add(file);
      return cached;
    }
    const repaired = await fetchChecked(file);
    await cache.put(file, repaired.clone());
    return repaired;
  } catch {
    // Unreadable, or damaged and not fetched again (offline): the network's answer or error.
    return fetch(request);
  }
}

// The files found sound since this worker started: each is checked once per start (the browser
// stops an idle worker within a minute), not on every load.
const checked = new Set();

// The build's name for a file at this address (its path below the worker's scope).
function fileOf(url) {
  const path = new URL(url).pathname;
  if (!path.startsWith(SCOPE)) return path;
  try {
    return decodeURIComponent(path.slice(SCOPE.length));
  } catch {
    return path;
  }
}

function isAppPage(url) {
  const path = new URL(url).pathname;
  return path === SCOPE || path === `${SCOPE}index.html`;
}
