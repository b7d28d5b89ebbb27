// End-to-end test: serves the release build (dist/) on loopback, under the strict
// Content-Security-Policy a host page may have, and completes personas in Debian's Chromium
// through the UI, with the mouse and with the keyboard alone, checking the result page. Fails
// on any console error (CSP violations included), page error or request to another origin.
//
// Run from the project root after `trunk build --release`: node tests/e2e/run.mjs
// [--grep TEXT] (only the checks whose name contains TEXT; `cargo xtask test e2e --grep TEXT`).

import { createServer } from 'node:http';
import { readFile, readdir, mkdir } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { embeddingChecks } from './embedding.mjs';
import { offlineChecks } from './offline.mjs';
import { rulesFileChecks } from './rules.mjs';
import { studioChecks } from './studio.mjs';
import { layoutChecks } from './layout.mjs';
import { privacyChecks } from './privacy.mjs';
import { startScreenChecks } from './start.mjs';
import { answersFragment } from './links.mjs';
import { contentTypes as types, strictCsp } from './serving.mjs';
import { visit, revisit } from './page.mjs';

const root = resolve(process.cwd());
const dist = join(root, 'dist');
const artifacts = join(root, 'tests/e2e/artifacts');
const hosts = join(root, 'tests/e2e/hosts');

// The build the server serves: dist/, or another build when a test swaps it (an update); a
// build published as soon as one path has been served (`publish: { after, dist }`); and a
// path the server never answers (a stalled connection), with the requests left hanging.
const served = { dist, publish: null, stall: null, stalled: [] };

function serve() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    // Test host pages live beside the test; everything else is the build.
    const [base, rest] = path.startsWith('/test-hosts/')
      ? [hosts, path.slice('/test-hosts'.length)] : [served.dist, path];
    if (path === served.stall) {
      served.stalled.push(res);
      return;
    }
    const file = join(base, rest.endsWith('/') ? `${rest}index.html` : rest);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': strictCsp,
        // Host pages on other origins load the iframe loader as a module script.
        'access-control-allow-origin': '*',
      });
      res.end(body);
      if (served.publish?.after === path) {
        served.dist = served.publish.dist;
        served.publish = null;
      }
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

async function persona(name) {
  return JSON.parse(await readFile(join(root, 'engine/tests/personas', `${name}.json`), 'utf8'));
}

let passed = 0;
let failed = 0;
let skipped = 0;
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt === -1 ? null : process.argv[grepAt + 1];
if (grepAt !== -1 && !grep) {
  console.error('--grep needs the text to look for');
  process.exit(2);
}

async function check(name, body) {
  if (grep !== null && !name.includes(grep)) {
    skipped += 1;
    return;
  }
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${String(error.stack ?? error).split('\n').join('\n  ')}`);
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function sameList(actual, expected, what) {
  expect(JSON.stringify(actual) === JSON.stringify(expected),
    `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// Opens a page that records problems: console errors, page errors, requests to any origin but
// `origin` (one, or a list).
async function watchedPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) =>
    console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)));
  page.on('request', (r) => {
    if (![origin].flat().some((o) => r.url().startsWith(o))) {
      problems.push(`request to another origin: ${r.url()}`);
    }
  });
  return { page, problems, context };
}

// Answers whatever question is on screen from the persona's answers, until the result.
// `scope` is where the widget is: the page, or a <shirube-widget> (locators see into its
// shadow root).
async function completeFlow(page, answers, { keyboard, scope = page }) {
  for (let step = 0; step < 20; step += 1) {
    const form = scope.locator('form.shirube-form');
    if (!(await form.count())) return step;
    const heading = scope.locator('h1');
    if (keyboard) {
      const focused = await page.evaluate(() => document.activeElement?.tagName);
      expect(focused === 'H1', `focus is on the question heading (was ${focused})`);
    }
    const question = await scope.locator('form input').first().getAttribute('name');
    expect(question in answers, `the persona has no answer for "${question}" (${await heading.textContent()})`);
    const chosen = [answers[question]].flat();
    if (keyboard) {
      for (const option of chosen) {
        // Tab into the group, then arrow keys (radios) or Tab (checkboxes) to the option.
        const target = page.locator(`#shirube-${question}-${option}`);
        let tabs = 0;
        while (!(await target.evaluate((el) => el === document.activeElement)) && tabs < 40) {
          const type = await page.evaluate(() => document.activeElement?.type);
          await page.keyboard.press(type === 'radio' ? 'ArrowDown' : 'Tab');
          tabs += 1;
        }
        expect(tabs < 40, `could not reach option ${option} by keyboard`);
        const type = await target.getAttribute('type');
        if (type === 'checkbox' || !(await target.isChecked())) await page.keyboard.press('Space');
      }
      await page.keyboard.press('Enter');
    } else {
      for (const option of chosen) await scope.locator(`label[for="shirube-${question}-${option}"]`).click();
      await scope.getByRole('button', { name: /Continue|次へ/ }).click();
    }
    await scope.locator(`input[name="${question}"]`).first().waitFor({ state: 'detached' });
  }
  throw new Error('the flow did not end within 20 questions');
}

const axeSource = await readFile(join(root, 'tests/e2e/node_modules/axe-core/axe.min.js'), 'utf8');

// Runs axe-core (WCAG 2.x A and AA rules, including 2.2) on the page; returns the violations.
// `selector`, if given, limits the check to that part of the page (such as an embedded widget).
async function axeViolations(page, selector) {
  // Evaluated through the debugging protocol: the page's CSP rightly refuses an inline script.
  await page.evaluate(axeSource);
  const result = await page.evaluate((only) => window.axe.run(only ? { include: [[only]] } : document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }), selector ?? null);
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function resultPrograms(page, fit) {
  return page.locator(`article.shirube-program[data-fit="${fit}"]`)
    .evaluateAll((cards) => cards.map((c) => c.dataset.program));
}

const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
await mkdir(artifacts, { recursive: true });

try {
  await check('a persona completes the flow with the mouse, in English, and gets its result', async () => {
    const p = await persona('us-biotech-orphan-drug');
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    await visit(page, `${origin}/`);
    await page.screenshot({ path: join(artifacts, 'start-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'Start now' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.locator('.shirube-error-summary').waitFor();
    await page.screenshot({ path: join(artifacts, 'question-error-en.png'), fullPage: true });
    const asked = await completeFlow(page, p.answers, { keyboard: false });
    sameList([asked], [Object.keys(p.answers).length], 'questions asked');
    await page.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    sameList(await resultPrograms(page, 'Fits'), p.fits, 'programs that fit');
    sameList(await resultPrograms(page, 'MayFit'), p.may_fit, 'programs that may fit');
    const card = page.locator('article[data-program="pmda_dc"]');
    expect((await card.textContent()).includes('Why it fits'), 'the card says why');
    const link = card.locator('a[target="_blank"]').first();
    expect((await link.getAttribute('rel')) === 'noopener noreferrer', 'external links are safe');
    expect((await link.getAttribute('href')).startsWith('https://www.pmda.go.jp/'), 'official link');
    await page.screenshot({ path: join(artifacts, 'result-en.png'), fullPage: true });

    // The share link reproduces the result in a new page, and reload keeps it.
    const shared = await page.locator('#shirube-share-link').inputValue();
    const second = await context.newPage();
    await visit(second, shared);
    await second.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    sameList(await resultPrograms(second, 'Fits'), p.fits, 'programs that fit from the share link');
    await revisit(second);
    await second.locator('h1', { hasText: 'Support that may fit you' }).waitFor();

    // Browser back returns to the last question.
    await page.goBack();
    await page.locator('form.shirube-form').waitFor();
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('each question says where it stands ("question 4 of up to N"), browser Back returns to the previous question with its answer kept, and a language switch is no history entry, in both languages', async () => {
    const { page, problems, context } = await watchedPage(browser, origin);
    for (const lang of ['ja', 'en']) {
      await page.goto('about:blank');
      await visit(page, `${origin}/#lang=${lang}&step=organisation`);
      const answer = async (question, option) => {
        await page.locator(`label[for="shirube-${question}-${option}"]`).click();
        await page.locator('form.shirube-form button[type=submit]').click();
      };
      const showing = async (question) => {
        await page.locator(`form.shirube-form input[name="${question}"]`).first().waitFor();
      };
      await showing('organisation');
      await answer('organisation', 'startup');
      await showing('base');
      await answer('base', 'japan');
      await showing('product');
      await answer('product', 'drug');
      await showing('stage');
      // Progress: the fourth question, of at most the questions the engine says can be asked.
      const caption = await page.locator('.shirube-caption').textContent();
      const progress = lang === 'ja' ? /^質問 4（最大(\d+)問）$/ : /^Question 4 of up to (\d+)$/;
      const most = Number(caption.match(progress)?.[1]);
      expect(most >= 7 && most < 16, `${lang}: progress "${caption}"`);
      const entries = await page.evaluate(() => history.length);
      await page.locator('.shirube-lang').click();
      const other = lang === 'ja' ? 'en' : 'ja';
      await page.waitForFunction((l) => document.documentElement.lang === l, other);
      expect(await page.evaluate(() => history.length) === entries,
        `${lang}: switching the language added a history entry`);
      await page.goBack();
      await showing('product');
      expect(await page.locator('#shirube-product-drug').isChecked(), `${lang}: Back shows the product question with its answer`);
      await page.goBack();
      await showing('base');
      expect(await page.locator('#shirube-base-japan').isChecked(), `${lang}: Back again shows the base question with its answer`);
      expect(await page.evaluate(() => document.documentElement.lang) === other,
        `${lang}: Back keeps the language chosen last`);
      await page.goForward();
      await showing('product');
      expect(await page.locator('#shirube-product-drug').isChecked(), `${lang}: Forward shows the product question with its answer`);
      await page.locator('form.shirube-form button[type=submit]').click();
      await showing('stage');
      // A link opened in the same page is taken as it is: its language, its answers.
      await page.evaluate((l) => { window.location.hash = `#v=1&lang=${l}&step=organisation`; }, lang);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await showing('organisation');
      expect(!(await page.locator('#shirube-organisation-startup').isChecked()), `${lang}: the opened link's answers, not the earlier ones`);
    }
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('a persona completes the flow with the keyboard alone, in Japanese', async () => {
    const p = await persona('jp-academic-drug-seed');
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'ja-JP' });
    await visit(page, `${origin}/`);
    await page.locator('h1', { hasText: '創薬の相談先を探す' }).waitFor();
    // Tab to the start button and press Enter.
    for (let i = 0; i < 10; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.classList.contains('shirube-start'))) break;
    }
    await page.keyboard.press('Enter');
    await page.locator('form.shirube-form').waitFor();
    await completeFlow(page, p.answers, { keyboard: true });
    await page.locator('h1', { hasText: 'あなたに合う支援' }).waitFor();
    sameList(await resultPrograms(page, 'Fits'), p.fits, 'programs that fit');
    const early = await page.locator('article[data-program="pmda_early"]').textContent();
    expect(early.includes('相談手数料が減額・無償になる場合があり'), 'state-supported seeds are told fees may be reduced or waived');
    const rulesFile = await readFile(join(root, 'engine/rules/rules.toml'), 'utf8');
    const reviewed = rulesFile.match(/^reviewed = "(\d{4}-\d{2}-\d{2})"/m)[1];
    expect((await page.locator('.shirube-reviewed').textContent()).includes(reviewed), 'review date shown');
    await page.screenshot({ path: join(artifacts, 'result-ja.png'), fullPage: true });
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  // Every persona, through the UI, in both languages: every program is reachable.
  const rulesFile = await readFile(join(root, 'engine/rules/rules.toml'), 'utf8');
  const names = (await readdir(join(root, 'engine/tests/personas')))
    .filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
  const texts = {
    en: { start: 'Start now', result: 'Support that may fit you' },
    ja: { start: '始める', result: 'あなたに合う支援' },
  };
  const reached = { en: new Set(), ja: new Set() };
  // The engine's allow-list of official domains, read from its source.
  const rulesSource = await readFile(join(root, 'engine/src/model/rules.rs'), 'utf8');
  const officialDomains = [...rulesSource.match(/OFFICIAL_DOMAINS: &\[&str\] = &\[([^\]]*)\];/)[1]
    .matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const official = (href) => {
    const url = new URL(href);
    return url.protocol === 'https:' && !url.username && !url.port
      && officialDomains.some((d) => url.hostname === d || url.hostname.endsWith(`.${d}`));
  };
  const linksSeen = new Set();
  for (const name of names) {
    for (const lang of ['en', 'ja']) {
      await check(`persona ${name} reaches its programs in ${lang === 'en' ? 'English' : 'Japanese'}`, async () => {
        const p = await persona(name);
        const { page, problems, context } = await watchedPage(browser, origin);
        await visit(page, `${origin}/#lang=${lang}`);
        await page.getByRole('button', { name: texts[lang].start }).click();
        await completeFlow(page, p.answers, { keyboard: false });
        await page.locator('h1', { hasText: texts[lang].result }).waitFor();
        sameList(await resultPrograms(page, 'Fits'), p.fits, 'programs that fit');
        sameList(await resultPrograms(page, 'MayFit'), p.may_fit, 'programs that may fit');
        if (p.fits.length === 0) await page.locator('.shirube-fallback').waitFor();
        p.fits.forEach((id) => reached[lang].add(id));
        // Every link to another site: https, an official domain, a new tab with no opener
        // and no referrer.
        const all = await page.locator('a[href]').evaluateAll((anchors) => anchors
          .map((a) => ({ href: a.href, target: a.target, rel: a.rel }))
          .filter((a) => new URL(a.href).origin !== window.location.origin));
        // An intake's e-mail address and telephone number, as the rules give them.
        const channels = all.filter((a) => /^(mailto|tel):/.test(a.href));
        for (const { href } of channels) {
          // The hand-over's e-mail carries a subject and a body, percent-encoded.
          expect(/^mailto:[A-Za-z0-9._+-]+@[a-z0-9.-]+\.[a-z]+(\?subject=[A-Za-z0-9%._~-]+&body=[A-Za-z0-9%._~-]+)?$/.test(href)
            || /^tel:\+?[0-9-]{8,}$/.test(href), `${href.slice(0, 80)} is a plain e-mail or telephone link`);
        }
        const links = all.filter((a) => !channels.includes(a));
        expect(links.length > 0, 'the result links to official pages');
        for (const link of links) {
          linksSeen.add(link.href);
          expect(official(link.href), `${link.href} is on an official domain (${officialDomains})`);
          const rel = link.rel.split(/\s+/);
          expect(link.target === '_blank' && rel.includes('noopener') && rel.includes('noreferrer'),
            `${link.href} opens in a new tab with rel="noopener noreferrer" (${link.target} ${link.rel})`);
        }
        expect(problems.length === 0, problems.join('\n'));
        await context.close();
      });
    }
  }
  await check('every program is reached through the UI in both languages', async () => {
    const programs = [...rulesFile.matchAll(/^\[\[programs\]\]\nid = "([a-z0-9_]+)"/gm)].map((m) => m[1]);
    expect(programs.length > 8, `the rules file has ${programs.length} programs`);
    for (const lang of ['en', 'ja']) {
      const missing = programs.filter((id) => !reached[lang].has(id));
      expect(missing.length === 0, `not reached in ${lang}: ${missing}`);
    }
    console.log(`  ${linksSeen.size} distinct external links on the result pages, all https on ${officialDomains.join(', ')}, with rel="noopener noreferrer"`);
  });

  await check('screens reflow at 320 px wide with no horizontal scrolling', async () => {
    const p = await persona('jp-startup-many-unknowns');
    const { page, problems, context } = await watchedPage(browser, origin, { viewport: { width: 320, height: 640 } });
    const answers = answersFragment(p.answers);
    for (const [shot, fragment] of [['start', 'lang=ja'], ['question', 'lang=ja&step=organisation'],
      ['result', `v=1&lang=ja&step=result&${answers}`]]) {
      await visit(page, `${origin}/#${fragment}`);
      await page.locator('h1').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 320, `${shot} is ${width} px wide`);
      await page.screenshot({ path: join(artifacts, `${shot}-ja-320.png`), fullPage: true });
    }
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('axe-core finds no WCAG A/AA violation on any screen, light and dark, in both languages', async () => {
    const p = await persona('jp-startup-many-unknowns');
    const answers = answersFragment(p.answers);
    const found = [];
    let checked = 0;
    for (const colorScheme of ['light', 'dark']) {
      const { page, context } = await watchedPage(browser, origin, { colorScheme });
      for (const lang of ['ja', 'en']) {
        const screens = [['start', `lang=${lang}`], ['single choice', `lang=${lang}&step=organisation`],
          ['multiple choice', `v=1&lang=${lang}&step=help&${answers}`], ['result', `v=1&lang=${lang}&step=result&${answers}`],
          ['link with a left-out answer', `lang=${lang}&organisation=zzz`],
          ['malformed link', `lang=${lang}&organisation=%3Cb%3E`]];
        for (const [screen, fragment] of screens) {
          await visit(page, `${origin}/#${fragment}`);
          await page.locator('h1').waitFor();
          for (const v of await axeViolations(page)) found.push(`${colorScheme} ${lang} ${screen}: ${v}`);
          checked += 1;
        }
        await visit(page, `${origin}/#lang=${lang}&step=organisation`);
        await page.locator('form button[type=submit]').click();
        await page.locator('.shirube-error-summary').waitFor();
        for (const v of await axeViolations(page)) found.push(`${colorScheme} ${lang} error: ${v}`);
        checked += 1;
      }
      await context.close();
    }
    console.log(`  axe-core: ${checked} screens (start, single choice, multiple choice, error, result with the answer summary, a link with a left-out answer, a malformed link; light and dark; ja and en), ${found.length} violations`);
    expect(found.length === 0, found.join('\n'));
  });

  await check('a tampered link gives a clear message and a fresh start', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    await visit(page, `${origin}/#v=1&lang=en&organisation=%3Cscript%3E`);
    await page.locator('[role=alert]', { hasText: 'The link is malformed' }).waitFor();
    await page.getByRole('button', { name: 'Start now' }).waitFor();
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await startScreenChecks({ browser, origin, check, expect, sameList, watchedPage, axeViolations });
  await embeddingChecks({
    browser, origin, check, expect, sameList, watchedPage, completeFlow, persona, axeViolations,
    artifacts, hosts,
  });
  await layoutChecks({ browser, origin, check, expect, sameList, watchedPage, persona, artifacts, root, axeViolations });
  await privacyChecks({ browser, origin, dist, check, expect, completeFlow, persona });
  await offlineChecks({
    browser, origin, check, expect, sameList, watchedPage, completeFlow, persona, served, dist,
  });
  await rulesFileChecks({ browser, origin, check, expect, watchedPage, served, dist, root });
  await studioChecks({ browser, origin, check, expect, sameList, watchedPage, axeViolations, root });
} finally {
  await browser.close();
  server.close();
}

const left = grep === null ? '' : `, ${skipped} left out by --grep "${grep}"`;
console.log(`\ne2e: ${passed} passed, ${failed} failed${left}`);
if (grep !== null && passed + failed === 0) {
  console.log(`e2e: no check's name contains "${grep}"`);
  process.exit(1);
}
process.exit(failed === 0 ? 0 : 1);
