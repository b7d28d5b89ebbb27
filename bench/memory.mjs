// Memory over long use, in one page visit each: many complete flows with random answers on
// the standalone page, and a host page adding and removing a <shirube-widget> many times.
// Before and after, with garbage collected first (`HeapProfiler.collectGarbage`): the JS heap
// (`Runtime.getHeapUsage`), the WebAssembly memory (the glue's `memory` export) and the DOM
// (`Memory.getDOMCounters`: nodes and event listeners). Called by report.mjs.

import { appReady } from '../tests/e2e/page.mjs';

// In the page: the WebAssembly memory's size. The glue is the module the app itself imported
// (same URL, so the same instance); its init function, called again once the app runs, returns
// the instance's exports, `memory` among them.
function wasmMemoryBytes(glue) {
  return import(glue).then(async (module) => (await module.default()).memory.buffer.byteLength);
}

async function snapshot(page, cdp, glue) {
  // Twice: a first collection can leave what only finalizers of the first release.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    jsHeapBytes: heap.usedSize,
    wasmBytes: await page.evaluate(wasmMemoryBytes, glue),
    nodes: dom.nodes,
    listeners: dom.jsEventListeners,
    documents: dom.documents,
  };
}

// In the page: `flows` complete flows with random answers on the standalone page, from the
// screen it shows. On the way, now and then, a language switch or a step back (the question
// is then answered again, maybe otherwise); "Start again" after each result. Clicks go
// straight to the elements, and each waits until the screen changes: no paint is needed.
async function randomFlows({ flows, seed }) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const app = () => document.querySelector('.shirube');
  const screen = () => {
    const input = document.querySelector('form.shirube-form input');
    if (input) return `question ${input.name}`;
    if (document.querySelector('.shirube-results')) return 'result';
    return document.querySelector('.shirube .shirube-start') ? 'start' : null;
  };
  const until = async (done, what) => {
    for (let i = 0; i < 5000; i += 1) {
      if (done()) return;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    throw new Error(`randomFlows: ${what} did not happen (on ${screen()})`);
  };
  const go = async (element) => {
    const before = screen();
    element.click();
    await until(() => screen() !== before && screen() !== null, `a click on ${element.className} changing the screen`);
  };
  const switchLanguage = async () => {
    const before = app().lang;
    app().querySelector('.shirube-lang').click();
    await until(() => app().lang !== before, 'the language switch');
  };
  const answer = (form) => {
    const inputs = [...form.querySelectorAll('input')];
    if (inputs[0].type === 'radio') {
      inputs[Math.floor(next() * inputs.length)].click();
      return;
    }
    for (const box of inputs) if (box.checked) box.click();
    const chosen = inputs.filter(() => next() < 0.3);
    for (const box of chosen.length ? chosen : [inputs[0]]) box.click();
  };
  let completed = 0;
  let clicks = 0;
  while (completed < flows) {
    const now = screen();
    const roll = next();
    if (now === 'start') {
      await go(app().querySelector('.shirube-start'));
    } else if (now === 'result') {
      if (roll < 0.1) await switchLanguage();
      const again = [...app().querySelectorAll('button')]
        .find((b) => /^(Start again|最初からやり直す)$/.test(b.textContent.trim()));
      await go(again);
      completed += 1;
    } else if (roll < 0.05) {
      await switchLanguage();
    } else if (roll < 0.15) {
      await go(app().querySelector('.shirube-back'));
    } else {
      const form = document.querySelector('form.shirube-form');
      answer(form);
      await go(form.querySelector('button[type=submit]'));
    }
    clicks += 1;
  }
  return clicks;
}

// In the page: adds a <shirube-widget> to the page, waits until it shows its start screen, and
// removes it, `times` times.
async function mountAndRemove(times) {
  const host = document.querySelector('#host');
  for (let i = 0; i < times; i += 1) {
    const widget = document.createElement('shirube-widget');
    widget.setAttribute('lang', i % 2 ? 'en' : 'ja');
    host.append(widget);
    for (let tries = 0; !widget.shadowRoot.querySelector('.shirube .shirube-start'); tries += 1) {
      if (tries > 5000) throw new Error('mountAndRemove: the widget did not show its start screen');
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    widget.remove();
  }
}

// What grew between two snapshots.
function growth(before, after) {
  return {
    jsHeapBytes: after.jsHeapBytes - before.jsHeapBytes,
    wasmBytes: after.wasmBytes - before.wasmBytes,
    nodes: after.nodes - before.nodes,
    listeners: after.listeners - before.listeners,
  };
}

// `flows` random flows on the standalone page, after one to warm up (what the first flow
// allocates once is no leak).
export async function longUseFlows(browser, origin, glue, flows) {
  const context = await browser.newContext({ locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await appReady(page);
    const cdp = await context.newCDPSession(page);
    await page.evaluate(randomFlows, { flows: 1, seed: 1 });
    const before = await snapshot(page, cdp, glue);
    const started = Date.now();
    const clicks = await page.evaluate(randomFlows, { flows, seed: 20 });
    const seconds = (Date.now() - started) / 1000;
    const after = await snapshot(page, cdp, glue);
    return { flows, clicks, seconds, before, after, growth: growth(before, after) };
  } finally {
    await context.close();
  }
}

// A host page with nothing but the element's loader and a place to put it.
const HOST_PAGE = `<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>Host page</title>
<script type="module" src="/shirube.js"></script></head>
<body><main id="host"></main></body>
</html>
`;

// `times` mounts and removals of <shirube-widget> on a host page, after one to warm up (the
// first mount waits for the WebAssembly).
export async function longUseMounts(browser, origin, glue, times, headers) {
  const context = await browser.newContext({ locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    await page.route(`${origin}/bench-host.html`, (route) =>
      route.fulfill({ body: HOST_PAGE, contentType: 'text/html; charset=utf-8', headers }));
    await page.goto(`${origin}/bench-host.html`);
    await page.evaluate(() => customElements.whenDefined('shirube-widget'));
    const cdp = await context.newCDPSession(page);
    await page.evaluate(mountAndRemove, 1);
    const before = await snapshot(page, cdp, glue);
    const started = Date.now();
    await page.evaluate(mountAndRemove, times);
    const seconds = (Date.now() - started) / 1000;
    const after = await snapshot(page, cdp, glue);
    return { times, seconds, before, after, growth: growth(before, after) };
  } finally {
    await context.close();
  }
}
