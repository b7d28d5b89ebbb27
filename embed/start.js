// Starts the standalone Shirube app: shows the start screen that index.html holds, loads the
// WebAssembly module, mounts the app in place of that screen, and registers the service worker
// that keeps the app working offline. An external file, so the page needs no 'unsafe-inline'
// in its Content-Security-Policy. Why the start screen is in the page:
// docs/decisions/007-start-screen-in-index-html.md.
// `cargo xtask loaders` (a Trunk post-build hook) fills in the built files' names and bundles
// the rules module.

import { fetchRules, useRules } from './rules.js';

// The published rules file loads in parallel with the WebAssembly (below). In the rules
// studio's preview (a frame of the studio's page, same origin, `embed=studio`), the
// rules are the studio's edited ones instead: neither fetched nor kept.
const rulesFile = new URL('./rules.bin', import.meta.url).href;
const studioRules = new URLSearchParams(location.search).get('embed') === 'studio' ? fromStudio() : null;

function fromStudio() {
  try {
    const bytes = window.parent !== window ? window.parent.shirubeStudioRules : null;
    return ArrayBuffer.isView(bytes) ? new Uint8Array(bytes) : null;
  } catch {
    return null;
  }
}

// The language the app will start in, found the same way: a link's `lang=ja`/`lang=en`, then
// the browser's languages, then Japanese.
const languageOf = (tag) => {
  const primary = tag.split(/[-_]/)[0].trim().toLowerCase();
  return primary === 'ja' || primary === 'en' ? primary : null;
};
const fragment = location.hash.replace(/^#/, '');
const parts = fragment ? fragment.split('&') : [];
const linked = parts.find((part) => part === 'lang=ja' || part === 'lang=en');
const lang = linked ? linked.slice(5)
  : (navigator.languages || []).map(languageOf).find(Boolean) || 'ja';

// index.html's start screen fits only a link that opens the start screen with no answers and
// no message: one with nothing but a version and a language, each at most once. Any other link
// opens as the app renders it.
const atStart = parts.every((part) => part === 'v=1' || part === 'lang=ja' || part === 'lang=en')
  && new Set(parts.map((part) => part.slice(0, 2))).size === parts.length;
const shells = [...document.querySelectorAll('.shirube-pre')];
const shellIn = (code) => shells.find((shell) => shell.lang === code);
const wanted = { lang, start: false };
const show = (shell) => {
  shell.hidden = false;
  document.documentElement.lang = shell.lang;
};
const shown = atStart && shellIn(lang);
if (shown) {
  show(shown);
  // Until the app takes over, a click is remembered and done again in the app.
  for (const shell of shells) {
    shell.addEventListener('click', (event) => {
      const button = event.target.closest('button');
      if (button?.classList.contains('shirube-start')) wanted.start = true;
      if (button?.classList.contains('shirube-lang')) {
        const next = shellIn(button.lang);
        if (!next) return;
        shell.hidden = true;
        show(next);
        next.querySelector('.shirube-lang')?.focus();
        wanted.lang = button.lang;
      }
    });
  }
  // The module is fetched once the start screen is on screen, so that it does not hold up the
  // start screen on a slow connection: when the browser reports the screen's largest paint, or,
  // in a browser that does not report paints, two frames later. A hidden tab paints nothing:
  // it waits 200 ms at most.
  await new Promise((painted) => {
    setTimeout(painted, 200);
    if (globalThis.PerformanceObserver?.supportedEntryTypes?.includes('largest-contentful-paint')) {
      new PerformanceObserver((_, observer) => {
        observer.disconnect();
        painted();
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    } else {
      requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(painted, 0)));
    }
  });
}

// Fetched with the WebAssembly, once the start screen is on screen (as the module, so that it
// does not hold that screen up on a slow connection).
const rules = studioRules ? null : fetchRules(rulesFile);
let offerUpdate = null;
try {
  const { default: init, start_page, use_rules } = await import('./{{glue}}');
  await init({ module_or_path: new URL('./{{wasm}}', import.meta.url) });
  if (studioRules) {
    const refused = use_rules(studioRules, false);
    if (refused) console.error(`Shirube: the studio's rules were refused: ${refused}`);
  } else {
    await useRules(rules, rulesFile, use_rules);
  }
  offerUpdate = start_page();
} catch (error) {
  // The start screen's copy says so, on any link: one past the start screen showed no copy.
  const shell = shellIn(wanted.lang) ?? shells[0];
  if (shell) {
    for (const other of shells) other.hidden = true;
    show(shell);
    shell.querySelector('.shirube-start').hidden = true;
    shell.querySelector('.shirube-failed').hidden = false;
  }
  console.error('Shirube could not start.', error);
  await forgetOfflineCopy();
}
if (offerUpdate) {
  handOver();
  registerServiceWorker(offerUpdate);
}

// Removes index.html's start screen now that the app shows its own, and does there what the
// user did on the copy: switched the language, pressed Start, or moved focus to a button.
function handOver() {
  const focused = shells.some((shell) => shell.contains(document.activeElement))
    && ['shirube-lang', 'shirube-start'].find((name) => document.activeElement.classList.contains(name));
  for (const shell of shells) shell.remove();
  const app = document.querySelector('.shirube');
  if (!app || !shown) return;
  if (wanted.lang !== lang && app.lang !== wanted.lang) app.querySelector('.shirube-lang')?.click();
  if (wanted.start) app.querySelector('.shirube-start')?.click();
  else if (focused) app.querySelector(`.${focused}`)?.focus();
}

// A damaged file in the offline copy would fail the same way on every visit, and the notice's
// advice (reload) would never help: when the app fails to start from the service worker's
// copy, the copy and the worker go, so that a reload fetches the app afresh (and installs a
// new copy). The kept rules stay.
async function forgetOfflineCopy() {
  if (!navigator.serviceWorker?.controller) return;
  try {
    for (const name of await caches.keys()) {
      if (name.startsWith('shirube-') && name !== 'shirube-rules') await caches.delete(name);
    }
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      await registration.unregister();
    }
  } catch (error) {
    console.warn('Shirube could not clear its offline copy:', error);
  }
}

function registerServiceWorker(offer_update) {
  if (!('serviceWorker' in navigator)) return;
  let accepted = false;
  // A new build waits until the user chooses to reload: the page never runs on a mix of two
  // builds' files.
  const offer = (worker) => {
    if (!navigator.serviceWorker.controller) return;
    offer_update(() => {
      accepted = true;
      // Accepted in another tab first, the new build already runs this tab's worker (its
      // `controllerchange` has passed): reload now.
      if (worker.state === 'activated' || worker.state === 'redundant') window.location.reload();
      else worker.postMessage({ type: 'shirube:update' });
    });
  };
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (accepted) window.location.reload();
  });
  // The worker found no room for its copy (embed/sw.js), or could not get the build's files as
  // built (a server or proxy that changes them): it kept nothing and says so here.
  navigator.serviceWorker.addEventListener('message', (event) => {
    const { type, detail } = event.data ?? {};
    if (type === 'shirube:no-room') {
      console.warn(`Shirube works, but this browser has no room to keep it for offline use (${Math.ceil(detail.needed / 1024)} KB needed).`);
    } else if (type === 'shirube:not-kept') {
      console.warn(`Shirube works, but cannot keep a copy for offline use: ${detail.reason}. The server must serve the build's files unchanged.`);
    }
  });
  navigator.serviceWorker.startMessages();
  navigator.serviceWorker.register('./sw.js').then((registration) => {
    if (registration.waiting) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed') offer(worker);
      });
    });
  }, (error) => {
    console.warn('Shirube works, but cannot work offline here:', error);
  });
}
