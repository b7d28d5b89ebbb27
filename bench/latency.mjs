// Interaction latency: one persona's whole flow on a phone (Playwright's Pixel 7 profile) with
// the CPU slowed 4× (`Emulation.setCPUThrottlingRate`), timing each answer's Continue click to
// the next screen painted, for Shirube and for the peer (bench/peer/). Called by report.mjs.
//
// The figure is an after-paint probe: a capturing click listener, added before the click, takes
// the click's own timestamp (`event.timeStamp`); a MutationObserver waits until the page shows
// another screen (another question, or the result); then `requestAnimationFrame` and a
// `setTimeout(0)` inside it run just after the frame that paints it. So it counts the input
// delay, the app's work (however it schedules it) and the frame, and is never left out. Event
// Timing's duration of the same click (PerformanceObserver type 'event', durationThreshold 16,
// interactionId > 0) is kept beside it as a cross-check; it only reports clicks over 16 ms,
// and only the work done before the next paint.

import { devices } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { appReady } from '../tests/e2e/page.mjs';

const CPU_SLOWDOWN = 4;

// How each app's flow is driven: its first question, its options, its Continue button, and
// which screen it shows (the same in the page, see `screenOf`).
const drivers = {
  shirube: {
    async open(page, origin) {
      await page.goto(`${origin}/`);
      await appReady(page);
      await page.locator('.shirube .shirube-start').click();
      await page.locator('form.shirube-form input').first().waitFor();
    },
    question: (page) => page.locator('form.shirube-form input').first().getAttribute('name'),
    options: (page) => page.locator('form.shirube-form input').evaluateAll((inputs) => inputs.map((i) => i.value)),
    choose: (page, question, option) => page.locator(`label[for="shirube-${question}-${option}"]`).click(),
    continueButton: (page) => page.locator('form.shirube-form button[type=submit]'),
  },
  peer: {
    async open(page, origin) {
      await page.goto(`${origin}/`);
      await page.locator('.sd-question').first().waitFor();
    },
    question: (page) => page.locator('.sd-question').first().getAttribute('data-name'),
    options: (page) => page.locator('.sd-question input').evaluateAll((inputs) => inputs.map((i) => i.value)),
    choose: (page, question, option) =>
      page.locator(`.sd-question[data-name="${question}"] label:has(input[value="${option}"])`).click(),
    continueButton: (page) => page.locator('.sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible'),
  },
};

// Records Event Timing entries of interactions, from the start of the page.
function recordEventTiming() {
  window.benchEvents = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId > 0) {
        window.benchEvents.push({ name: e.name, start: e.startTime, duration: e.duration, id: e.interactionId });
      }
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

// In the page: arms the probe for the next click, resolving to the click's timestamp and the
// milliseconds from it to the frame after the next screen (`app` names how to tell screens
// apart).
function armProbe(app) {
  const screenOf = () => (app === 'shirube'
    ? document.querySelector('form.shirube-form input')?.name ?? (document.querySelector('.shirube-results') ? 'result' : null)
    : document.querySelector('.sd-question')?.dataset.name ?? (document.querySelector('.sd-completedpage') ? 'done' : null));
  const before = screenOf();
  window.benchProbe = new Promise((done) => {
    document.addEventListener('click', (event) => {
      const start = event.timeStamp;
      const observer = new MutationObserver(() => {
        if (screenOf() === before) return;
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => done({ start, ms: performance.now() - start, screen: screenOf() }), 0));
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    }, { capture: true, once: true });
  });
}

// The longest Event Timing entry of the interaction that began with the click at `start`.
async function eventTimingOf(page, start) {
  // Entries arrive after the frame they measure; give the observer a moment.
  await page.waitForTimeout(100);
  return page.evaluate((at) => {
    const click = window.benchEvents.find((e) => e.name === 'click' && Math.abs(e.start - at) < 1);
    if (!click) return null;
    return Math.max(...window.benchEvents.filter((e) => e.id === click.id).map((e) => e.duration));
  }, start);
}

// The options to choose on the current question: the persona's answer, or, for a question
// Shirube would not have asked (the peer cannot tell them all apart), "I don't know".
function answerFor(answers, question, options) {
  if (question in answers) return [answers[question]].flat();
  return [options.includes('unknown') ? 'unknown' : options[0]];
}

// One flow of `answers` through `app` in a fresh phone-like context; each Continue click's
// probe and Event Timing figures.
async function timedFlow(browser, origin, app, answers) {
  const context = await browser.newContext({ ...devices['Pixel 7'], locale: 'ja-JP' });
  try {
    const page = await context.newPage();
    await page.addInitScript(recordEventTiming);
    const driver = drivers[app];
    await driver.open(page, origin);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const clicks = [];
    for (let step = 0; step < 20; step += 1) {
      const question = await driver.question(page);
      const options = await driver.options(page);
      for (const option of answerFor(answers, question, options)) await driver.choose(page, question, option);
      await page.evaluate(armProbe, app);
      await driver.continueButton(page).click();
      const probe = await page.evaluate(() => window.benchProbe);
      const last = probe.screen === 'result' || probe.screen === 'done';
      clicks.push({ question, last, ms: probe.ms, eventTimingMs: await eventTimingOf(page, probe.start) });
      if (last) return clicks;
    }
    throw new Error(`${app}: the flow did not end within 20 questions`);
  } finally {
    await context.close();
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? { samples: sorted.length, medianMs: quantile(sorted, 0.5), p75Ms: quantile(sorted, 0.75), worstMs: sorted.at(-1) }
    : { samples: 0 };
}

// `flows` runs of the persona's flow through `app`: the summary of every click's probe figure,
// of those that lead to another question (the last click leads to Shirube's result, evaluated
// and drawn, but to the peer's bare "thank you" page), of the Event Timing figures (clicks
// under 16 ms have none), and each click.
export async function interactionLatency(browser, origin, app, persona, flows) {
  const clicks = [];
  for (let i = 0; i < flows; i += 1) clicks.push(...await timedFlow(browser, origin, app, persona.answers));
  const timed = clicks.filter((c) => c.eventTimingMs !== null).map((c) => c.eventTimingMs);
  return {
    cpuSlowdown: CPU_SLOWDOWN,
    device: 'Pixel 7',
    flows,
    questions: clicks.length / flows,
    ...summary(clicks.map((c) => c.ms)),
    toQuestions: summary(clicks.filter((c) => !c.last).map((c) => c.ms)),
    eventTiming: { ...summary(timed), under16ms: clicks.length - timed.length },
    clicks: clicks.map((c) => ({ ...c, ms: Math.round(c.ms * 10) / 10 })),
  };
}
