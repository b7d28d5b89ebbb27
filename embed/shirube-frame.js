// Shirube in an iframe, for host pages that want it fully apart from their own page:
//
//   <script type="module" src="https://…/shirube-frame.js"></script>
//   <div data-shirube-frame data-lang="ja"></div>
//
// Each element with `data-shirube-frame` gets an iframe of the Shirube app, which grows and
// shrinks with its content. `data-lang` ("ja" or "en") applies live. `data-share-url`, this
// page's address (absolute, or relative to this page), makes share links reopen this page: the frame then opens a share link's
// answers from this page's URL (`#v=…`). `data-programs`: ids of programs this page
// features, listed first in the result's overview. `data-heading-level` (1, 2 or 3): the
// level of the widget's top heading, so that this page keeps its own h1. The element receives the
// same events as <shirube-widget>: `shirube:step` and `shirube:result`, carrying only ids.
// Messages are accepted only from Shirube's origin and from the element's own frame, and the
// frame sends them only to this page's origin. Elements added later get their frame too; the
// loader included twice still gives each element one frame.

const app = new URL('./', import.meta.url);
// The elements on the page with their frames.
const frames = new Map();
// An element's frame, kept on the element: it goes with the element when the element is taken
// out and put back.
const FRAME = Symbol.for('shirube.frame');

function attach(element) {
  if (frames.has(element)) return;
  if (element[FRAME]) {
    frames.set(element, element[FRAME]);
    return;
  }
  const frame = document.createElement('iframe');
  const source = new URL(app);
  source.searchParams.set('embed', 'frame');
  source.searchParams.set('host', window.location.origin);
  const lang = element.dataset.lang;
  if (lang === 'ja' || lang === 'en') source.hash = `lang=${lang}`;
  if (element.dataset.programs) source.searchParams.set('programs', element.dataset.programs);
  if (element.dataset.headingLevel) source.searchParams.set('headings', element.dataset.headingLevel);
  if (element.dataset.shareUrl) {
    try {
      source.searchParams.set('share', new URL(element.dataset.shareUrl, document.baseURI).href);
    } catch {
      source.searchParams.set('share', element.dataset.shareUrl);
    }
    if (/^#v=\d+&/.test(window.location.hash)) source.hash = window.location.hash;
  }
  frame.src = source.href;
  frame.title = 'しるべ 創薬支援の相談先ガイド / Shirube: find support for drug development in Japan';
  frame.style.width = '100%';
  frame.style.height = '40rem';
  frame.style.border = '0';
  frames.set(element, frame);
  element[FRAME] = frame;
  element.append(frame);
  new MutationObserver(() => {
    frame.contentWindow?.postMessage({ type: 'shirube:lang', lang: element.dataset.lang }, app.origin);
  }).observe(element, { attributes: true, attributeFilter: ['data-lang'] });
}

function relay(event) {
  if (event.origin !== app.origin) return;
  for (const [element, frame] of frames) {
    if (event.source !== frame.contentWindow) continue;
    const { type, height, detail } = event.data ?? {};
    if (type === 'shirube:height' && Number.isFinite(height) && height > 0) {
      frame.style.height = `${Math.ceil(height)}px`;
    } else if (type === 'shirube:step' || type === 'shirube:result') {
      element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true }));
    }
  }
}

function attachAll(root) {
  if (root.matches?.('[data-shirube-frame]')) attach(root);
  for (const element of root.querySelectorAll?.('[data-shirube-frame]') ?? []) attach(element);
}

// Once per page: the loader included a second time (another address, so another copy of this
// module) leaves the page to the first.
const LOADED = Symbol.for('shirube.frame.loader');
if (!window[LOADED]) {
  window[LOADED] = true;
  window.addEventListener('message', relay);
  attachAll(document);
  // Elements added later (a page that renders its content with a script) get their frame;
  // removed ones are forgotten until they are put back.
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) attachAll(node);
    }
    for (const element of frames.keys()) {
      if (!element.isConnected) frames.delete(element);
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
