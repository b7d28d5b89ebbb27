// Shirube for host pages: defines <shirube-widget>, which shows the widget in its own shadow
// root, so the page's CSS cannot change it and its CSS cannot leak out.
//
//   <script type="module" src="https://…/shirube.js"></script>
//   <shirube-widget lang="ja"></shirube-widget>
//
// Attributes (changes apply at once): `lang` ("ja" or "en"; else the page's language), and
// `answers` (the part after "#" of a share link, to start from given answers). Read when the
// element is added: `share-url`, this page's address, so that share links reopen this page
// (the widget then also opens a share link's answers from this page's URL, `#v=…`); and
// `programs`, the ids of programs this page features, listed first in the result's overview;
// and `heading-level` (1, 2 or 3), the level of the widget's top heading, so that this page
// keeps its own h1 (the widget's headings go down from there). Events, which
// bubble out of the element and carry only ids: `shirube:step` ({step, question}) and
// `shirube:result` ({fits, may_fit}). The widget sends nothing anywhere.
//
// `cargo xtask loaders` (a Trunk post-build hook) fills in the built files' names and bundles
// the rules module. The rules file (`rules.bin`) is fetched from beside this loader.
import { fetchRules, useRules } from './rules.js';

const here = import.meta.url;
const rulesFile = new URL('./rules.bin', here).href;
const rules = fetchRules(rulesFile);
// The app's module is imported here, not above: if it cannot load, the element is still
// defined and says so instead of staying empty.
const ready = import('./{{glue}}').then(async ({ default: init, ShirubeWidget, use_rules }) => {
  await init({ module_or_path: new URL('./{{wasm}}', here) });
  await useRules(rules, rulesFile, use_rules);
  return ShirubeWidget;
});
ready.catch(() => {});
const stylesheet = new URL('./{{css}}', here).href;
const app = new URL('./', here).href;

// An address as given (relative to this page), made absolute; the widget checks it.
function resolved(address) {
  if (address === null) return null;
  try {
    return new URL(address, document.baseURI).href;
  } catch {
    return address;
  }
}

class ShirubeWidgetElement extends HTMLElement {
  static observedAttributes = ['lang', 'answers'];

  #widget = null;
  #root;
  // Counts connections, so that a mount still waiting for the module is dropped if the
  // element was removed (or removed and added again) meanwhile.
  #connections = 0;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = stylesheet;
    this.#root = document.createElement('div');
    shadow.append(link, this.#root);
  }

  async connectedCallback() {
    const connection = ++this.#connections;
    let ShirubeWidget;
    try {
      ShirubeWidget = await ready;
    } catch (error) {
      console.error('Shirube could not load its WebAssembly module.', error);
      if (connection === this.#connections && this.isConnected) this.#failed();
      return;
    }
    if (connection !== this.#connections || !this.isConnected || this.#widget) return;
    const share = resolved(this.getAttribute('share-url'));
    // A share link to this page: its fragment holds the answers (only a Shirube link's).
    const linked = share !== null && /^#v=\d+&/.test(window.location.hash)
      ? window.location.hash.slice(1) : null;
    this.#widget = ShirubeWidget.mount(
      this.#root, this, this.getAttribute('lang'), this.getAttribute('answers') ?? linked, app, share,
      this.getAttribute('programs'), this.getAttribute('heading-level'));
  }

  // Says in the element that Shirube could not start, in the element's language (else the
  // page's, else the browser's).
  #failed() {
    const tag = this.getAttribute('lang') || document.documentElement.lang || navigator.language || '';
    const ja = !/^en\b/i.test(tag) && (/^ja\b/i.test(tag) || !/^en/i.test(navigator.language || ''));
    const box = document.createElement('div');
    box.className = 'shirube';
    box.lang = ja ? 'ja' : 'en';
    const notice = document.createElement('p');
    notice.className = 'shirube-notice shirube-failed';
    notice.setAttribute('role', 'alert');
    notice.textContent = ja
      ? 'しるべを起動できませんでした。ページを再読み込みするか、最新のブラウザで開いてください。'
      : 'Shirube could not start. Reload the page, or open it in an up-to-date browser.';
    box.append(notice);
    this.#root.replaceChildren(box);
  }

  // Removed from the page, the widget is unmounted; moved (removed and added again at once, as
  // `append` to another parent does), it stays as it was, answers and all.
  disconnectedCallback() {
    this.#connections++;
    queueMicrotask(() => {
      if (this.isConnected || !this.#widget) return;
      this.#widget.unmount();
      this.#widget = null;
    });
  }

  attributeChangedCallback(name, previous, value) {
    if (!this.#widget || previous === value) return;
    if (name === 'lang') this.#widget.set_lang(value);
    else this.#widget.set_answers(value);
  }
}

if (!customElements.get('shirube-widget')) {
  customElements.define('shirube-widget', ShirubeWidgetElement);
}
