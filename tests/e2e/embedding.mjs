// End-to-end checks of embedding: the <shirube-widget> custom element on host pages served
// under the strict Content-Security-Policy. Called by run.mjs, which passes its helpers.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { answersFragment } from './links.mjs';
import { visit } from './page.mjs';

// A host page on another origin (localhost rather than 127.0.0.1), with the CSP a host needs to
// frame Shirube from `widget`.
function serveHost(hosts, widget) {
  const csp = `default-src 'self'; script-src 'self' ${widget}; frame-src 'self' ${widget}; style-src 'self'`;
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const files = {
      '/': ['frame.html', 'text/html; charset=utf-8'],
      '/share': ['frame-share.html', 'text/html; charset=utf-8'],
      '/more': ['frame-more.html', 'text/html; charset=utf-8'],
      '/sibling': ['events.js', 'text/plain; charset=utf-8'],
      '/events.js': ['events.js', 'text/javascript'],
    };
    if (!files[path]) {
      res.writeHead(204).end();
      return;
    }
    const [file, type] = files[path];
    const host = `http://localhost:${server.address().port}`;
    const body = (await readFile(join(hosts, file), 'utf8')).replaceAll('{{widget}}', widget)
      .replaceAll('{{host}}', host);
    res.writeHead(200, { 'content-type': type, 'content-security-policy': csp }).end(body);
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

// The heading elements of a widget's result: how many h1, and the tags of its title, its
// sections, its cards and its cards' parts (each kind once).
async function headingLevels(root) {
  return root.evaluate((r) => {
    const tags = (selector) => [...new Set([...r.querySelectorAll(selector)].map((e) => e.tagName))];
    return {
      h1: r.querySelectorAll('h1').length,
      title: r.querySelector('.shirube-title').tagName,
      sections: tags('.shirube-h2'),
      cards: tags('.shirube-h3'),
      parts: tags('.shirube-h4'),
    };
  });
}

// Style properties that host CSS would most likely change if it could reach the widget.
const LOOKS = ['fontSize', 'fontFamily', 'lineHeight', 'letterSpacing', 'color', 'display',
  'textTransform', 'textAlign', 'borderRadius'];

// Computed styles of the widget's heading and start button, wherever the widget is.
async function widgetLooks(scope) {
  const read = (element, looks) => {
    const style = getComputedStyle(element);
    return Object.fromEntries(looks.map((p) => [p, style[p]]));
  };
  return {
    heading: await scope.locator('h1').first().evaluate(read, LOOKS),
    button: await scope.locator('.shirube-start').evaluate(read, LOOKS),
  };
}

export async function embeddingChecks(t) {
  const { browser, origin, check, expect, sameList, watchedPage, completeFlow, persona } = t;

  await check('the custom element works on a host page under the strict CSP, and the host page\'s CSS cannot change it', async () => {
    const standalone = await watchedPage(browser, origin, { locale: 'ja-JP' });
    await visit(standalone.page, `${origin}/`);
    const expected = await widgetLooks(standalone.page);
    await standalone.context.close();

    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'ja-JP' });
    await page.goto(`${origin}/demo/`);
    const widget = page.locator('shirube-widget');
    await widget.locator('h1', { hasText: '創薬の相談先を探す' }).waitFor();
    const looks = await widgetLooks(widget);
    sameList([looks], [expected], 'the widget looks the same on the host page as on its own');
    // And the widget's CSS does not reach the host page.
    const hostHeading = await page.locator('body > main > h1').evaluate((h) => getComputedStyle(h).fontSize);
    expect(hostHeading === '32px', `the host's own h1 keeps its size (was ${hostHeading})`);
    await page.screenshot({ path: join(t.artifacts, 'embedded-start-ja.png'), fullPage: true });

    // A persona completes the flow inside the element.
    const p = await persona('jp-startup-regulatory-only');
    await widget.locator('.shirube-start').click();
    await completeFlow(page, p.answers, { keyboard: false, scope: widget });
    await widget.locator('h1', { hasText: 'あなたに合う支援' }).waitFor();
    const fits = await widget.locator('article.shirube-program[data-fit="Fits"]')
      .evaluateAll((cards) => cards.map((c) => c.dataset.program));
    sameList(fits, p.fits, 'programs that fit inside the element');

    // The host page heard the steps and the result, as ids only; its URL and title are its own.
    const log = (await page.locator('.event-log li').allTextContents()).map((line) => {
      const [name, ...detail] = line.split(' ');
      return { name, detail: JSON.parse(detail.join(' ')) };
    });
    expect(log.some((e) => e.name === 'shirube:step' && e.detail.step === 'question'
      && e.detail.question === 'organisation'), 'a step event names the question');
    const last = log.at(-1);
    expect(last.name === 'shirube:result', `the last event is the result: ${last.name}`);
    sameList([last.detail], [{ fits: p.fits, may_fit: p.may_fit }], 'the result event');
    expect(new URL(page.url()).hash === '', `the host page's URL is left alone: ${page.url()}`);
    expect((await page.title()).startsWith('創薬支援の相談窓口'), 'the host page keeps its title');
    const share = await widget.locator('#shirube-share-link').inputValue();
    expect(share.startsWith(`${origin}/#`), `the share link opens the standalone app: ${share}`);

    await page.screenshot({ path: join(t.artifacts, 'embedded-result-ja.png'), fullPage: true });
    expect(problems.length === 0, problems.join('\n'));
    // axe-core itself adds a <style> while it checks a shadow root, which the page's CSP
    // refuses: that refusal, and only that, is expected from here on.
    const violations = await t.axeViolations(page, 'shirube-widget');
    expect(violations.length === 0, violations.join('\n'));
    const afterAxe = problems.filter((p) => !/inline style|style-src-elem inline/.test(p));
    expect(afterAxe.length === 0, afterAxe.join('\n'));
    await context.close();
  });

  await check('changing the element\'s attributes applies at once, without taking focus', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'ja-JP' });
    await page.goto(`${origin}/demo/`);
    const widget = page.locator('shirube-widget');
    await widget.locator('h1', { hasText: '創薬の相談先を探す' }).waitFor();
    await widget.evaluate((w) => w.setAttribute('lang', 'en'));
    await widget.locator('h1', { hasText: 'Find where to ask for help' }).waitFor();

    const p = await persona('us-biotech-orphan-drug');
    const answers = answersFragment(p.answers);
    await widget.evaluate((w, a) => w.setAttribute('answers', a), `step=result&${answers}`);
    await widget.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    const fits = await widget.locator('article.shirube-program[data-fit="Fits"]')
      .evaluateAll((cards) => cards.map((c) => c.dataset.program));
    sameList(fits, p.fits, 'programs that fit from the answers attribute');
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    expect(focused === 'BODY', `focus stays with the host page (was ${focused})`);

    // An unknown language is ignored with a warning; answers that cannot be read say so, and
    // an answer that no longer fits is left out with a notice.
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await widget.evaluate((w) => w.setAttribute('lang', 'fr'));
    await widget.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    await widget.evaluate((w) => w.setAttribute('answers', 'organisation=<b>'));
    await widget.locator('[role=alert]', { hasText: 'The link' }).waitFor();
    await widget.evaluate((w) => w.setAttribute('answers', 'organisation=bank&base=japan'));
    await widget.locator('[role=status]', { hasText: 'organisation=bank' }).waitFor();
    expect(warnings.some((w) => w.includes('lang="fr" is not Japanese or English')), `a warning: ${warnings}`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('hostile attribute values are shown as text or ignored, and the widget keeps working', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    const dialogs = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.goto(`${origin}/demo/`);
    const widget = page.locator('shirube-widget');
    await widget.locator('.shirube-start').waitFor();
    const markup = (w) => w.shadowRoot.querySelectorAll('img, script, iframe, object, [onerror], [onload]').length;
    const hostile = [
      ['lang', '<script>alert(1)</script>'],
      ['answers', 'organisation="><img src=x onerror="alert(2)">&step=result'],
      ['lang', `en${'x'.repeat(100_000)}`],
      ['answers', `organisation=${'a'.repeat(1_000_000)}`],
      ['answers', `${'organisation=startup&'.repeat(20_000)}step=result`],
      ['answers', '%E0%A4%A&v=999&lang=<b>&step=<i>'],
    ];
    for (const [name, value] of hostile) {
      await widget.evaluate((w, [n, v]) => w.setAttribute(n, v), [name, value]);
      await widget.locator('h1').first().waitFor();
      expect(await widget.evaluate(markup) === 0, `no markup from ${name}="${value.slice(0, 40)}…"`);
      const alert = await widget.locator('[role=alert]').allTextContents();
      expect(alert.every((text) => text.length < 500), `a short message, not the value: ${alert.map((a) => a.slice(0, 80))}`);
    }
    expect(warnings.length > 0 && warnings.every((w) => w.length < 300), `short console warnings: ${warnings.map((w) => w.slice(0, 80))}`);
    // After all that, a good language and good answers still work.
    const p = await persona('us-biotech-orphan-drug');
    await widget.evaluate((w) => w.setAttribute('lang', 'en'));
    await widget.evaluate((w, a) => w.setAttribute('answers', a), `step=result&${answersFragment(p.answers)}`);
    await widget.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    expect(dialogs.length === 0, `no script ran: ${dialogs}`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('a host page can theme the widget through its documented custom properties', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'ja-JP' });
    await page.goto(`${origin}/demo/`);
    const widget = page.locator('shirube-widget');
    const button = widget.locator('.shirube-start');
    await button.waitFor();
    const before = await button.evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(before === 'rgb(0, 23, 193)', `the default primary colour is the Digital Agency blue (was ${before})`);
    // Set as a host's stylesheet would, on the element (CSSOM, which the CSP allows).
    await widget.evaluate((w) => {
      w.style.setProperty('--shirube-primary', 'rgb(0, 100, 0)');
      w.style.setProperty('--shirube-radius', '0px');
      w.style.setProperty('--shirube-font-size', '20px');
    });
    const looks = await button.evaluate((b) => {
      const s = getComputedStyle(b);
      return [s.backgroundColor, s.borderTopLeftRadius];
    });
    sameList(looks, ['rgb(0, 100, 0)', '0px'], 'the themed button');
    const size = await widget.locator('.shirube').evaluate((e) => getComputedStyle(e).fontSize);
    expect(size === '20px', `the themed font size (was ${size})`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('with share-url, the element fills its host\'s box and its share links reopen the host page at the result, in both languages', async () => {
    const p = await persona('jp-startup-regulatory-only');
    const { page, problems, context } = await watchedPage(browser, origin, { viewport: { width: 1280, height: 900 } });
    const hostPage = `${origin}/test-hosts/share.html`;
    for (const lang of ['ja', 'en']) {
      await page.goto('about:blank');
      await page.goto(hostPage);
      const widget = page.locator('shirube-widget');
      await widget.locator('.shirube-start').waitFor();
      // No fixed column: the widget is as wide as the element the host gave it.
      const [outer, inner] = await widget.evaluate((e) => [e.getBoundingClientRect().width,
        e.shadowRoot.querySelector('.shirube').getBoundingClientRect().width]);
      expect(outer > 1000 && Math.abs(outer - inner) <= 1, `the widget fills its box: ${inner} of ${outer} px`);
      await widget.evaluate((e, state) => e.setAttribute('answers', state),
        `v=1&lang=${lang}&step=result&${answersFragment(p.answers)}`);
      await widget.locator('article.shirube-program').first().waitFor();
      const share = await widget.locator('#shirube-share-link').inputValue();
      expect(share.startsWith(`${hostPage}#v=1&lang=${lang}&`), `${lang}: the share link reopens the host page: ${share}`);
      // Opened, the share link shows the same result inside the host page.
      await page.goto('about:blank');
      await page.goto(share);
      await widget.locator('article.shirube-program').first().waitFor();
      const fits = await widget.locator('article.shirube-program[data-fit="Fits"]')
        .evaluateAll((cards) => cards.map((c) => c.dataset.program));
      sameList(fits, p.fits, `${lang}: programs that fit, from the share link`);
      expect(await widget.evaluate((e) => e.shadowRoot.querySelector('.shirube').lang) === lang, `${lang}: in the link's language`);
    }
    // An address that is not http(s) is ignored with a warning: links open the standalone app.
    await page.goto('about:blank');
    await page.goto(hostPage);
    const widget = page.locator('shirube-widget');
    await widget.locator('.shirube-start').waitFor();
    const warned = [];
    page.on('console', (m) => { if (m.type() === 'warning') warned.push(m.text()); });
    await page.evaluate((state) => {
      const odd = document.createElement('shirube-widget');
      odd.id = 'odd';
      odd.setAttribute('share-url', 'javascript:alert(1)');
      odd.setAttribute('answers', state);
      document.body.append(odd);
    }, `v=1&lang=en&step=result&${answersFragment(p.answers)}`);
    const odd = page.locator('#odd');
    await odd.locator('article.shirube-program').first().waitFor();
    const link = await odd.locator('#shirube-share-link').inputValue();
    expect(link.startsWith(`${origin}/#v=1`), `an odd share-url falls back to the app: ${link}`);
    expect(warned.some((w) => w.includes('share-url')), `a warning names share-url: ${warned}`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  // The agency page with a widget at its start, the US biotech persona, and the console
  // warnings the page logs.
  const sharePage = async () => {
    const p = await persona('us-biotech-orphan-drug');
    const { page, problems, context } = await watchedPage(browser, origin);
    const warned = [];
    page.on('console', (m) => { if (m.type() === 'warning') warned.push(m.text()); });
    await page.goto(`${origin}/test-hosts/share.html`);
    await page.locator('shirube-widget .shirube-start').waitFor();
    return { p, page, problems, context, warned };
  };

  await check('a host page features its programs (programs): they come first in the overview, and every other program that fits still shows, in both languages', async () => {
    const { p, page, problems, context, warned } = await sharePage();
    // Featured: one that may fit, one that fits, one that does not fit, and an unknown id.
    const featured = [p.may_fit.at(-1), p.fits[1], 'pediatric_plan', 'no_such_program'];
    expect(![...p.fits, ...p.may_fit].includes('pediatric_plan'), 'pediatric_plan does not fit this persona');
    for (const lang of ['ja', 'en']) {
      await page.evaluate(({ ids, state, lang }) => {
        const widget = document.createElement('shirube-widget');
        widget.id = `featuring-${lang}`;
        widget.setAttribute('programs', ids.join(' '));
        widget.setAttribute('answers', state);
        document.body.append(widget);
      }, { ids: featured, state: `v=1&lang=${lang}&step=result&${answersFragment(p.answers)}`, lang });
      const widget = page.locator(`#featuring-${lang}`);
      await widget.locator('article.shirube-program').first().waitFor();
      const steps = await widget.locator('.shirube-pathway > li').evaluateAll((li) => li.map((l) => ({
        when: l.dataset.when,
        heading: l.querySelector('h3').textContent,
        programs: [...l.querySelectorAll('li[data-program]')].map((x) => x.dataset.program),
      })));
      const title = lang === 'ja' ? 'このサイトでご案内している支援' : 'Featured on this site';
      sameList([steps[0]], [{ when: 'Featured', heading: title, programs: [p.may_fit.at(-1), p.fits[1]] }],
        `${lang}: the featured programs that fit or may fit come first, in the host's order`);
      const all = steps.flatMap((s) => s.programs).sort();
      sameList(all, [...p.fits, ...p.may_fit].sort(), `${lang}: every program that fits or may fit shows once`);
    }
    expect(warned.some((w) => w.includes('no_such_program')), `the unknown id is warned about: ${warned}`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('a host page sets the level of the widget\'s top heading (heading-level), so it keeps its one h1; the look is unchanged; an invalid level is warned and ignored', async () => {
    const { p, page, problems, context, warned } = await sharePage();
    const add = (id, level, lang) => page.evaluate(({ id, level, state }) => {
      const widget = document.createElement('shirube-widget');
      widget.id = id;
      if (level !== null) widget.setAttribute('heading-level', level);
      widget.setAttribute('answers', state);
      document.body.append(widget);
    }, { id, level, state: `v=1&lang=${lang}&step=result&${answersFragment(p.answers)}` });
    for (const lang of ['ja', 'en']) {
      await add(`plain-${lang}`, null, lang);
      await add(`level-${lang}`, '2', lang);
      const plain = page.locator(`#plain-${lang}`);
      const leveled = page.locator(`#level-${lang}`);
      await leveled.locator('article.shirube-program').first().waitFor();
      await plain.locator('article.shirube-program').first().waitFor();
      sameList([await headingLevels(plain.locator('.shirube'))], [{ h1: 1, title: 'H1', sections: ['H2'], cards: ['H3'], parts: ['H4'] }],
        `${lang}: without heading-level the widget starts at h1`);
      sameList([await headingLevels(leveled.locator('.shirube'))], [{ h1: 0, title: 'H2', sections: ['H3'], cards: ['H4'], parts: ['H5'] }],
        `${lang}: heading-level="2" starts the widget at h2, one level down throughout`);
      const look = (w) => w.locator('.shirube').evaluate((root) => ['.shirube-title', '.shirube-h2', '.shirube-h3', '.shirube-h4']
        .map((s) => getComputedStyle(root.querySelector(s)).fontSize));
      sameList(await look(leveled), await look(plain), `${lang}: the headings look the same at either level`);
    }
    // The whole page, shadow roots included, has the host's h1 and one per widget left at h1.
    const h1s = await page.evaluate(() => [document, ...[...document.querySelectorAll('shirube-widget')].map((w) => w.shadowRoot)]
      .reduce((n, root) => n + root.querySelectorAll('h1').length, 0));
    expect(h1s === 1 + 3, `h1 elements on the page: ${h1s} (the host's, the first widget's and the two plain ones)`);
    await add('invalid', '7', 'en');
    await page.locator('#invalid article.shirube-program').first().waitFor();
    expect((await headingLevels(page.locator('#invalid .shirube'))).title === 'H1', 'an invalid level leaves the widget at h1');
    expect(warned.some((w) => w.includes('heading-level="7"')), `the invalid level is warned about: ${warned}`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('two widgets on one page work independently', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    await page.goto(`${origin}/test-hosts/two.html`);
    const first = page.locator('#first');
    const second = page.locator('#second');
    await first.locator('h1', { hasText: '創薬の相談先を探す' }).waitFor();
    await second.locator('h1', { hasText: 'Find where to ask for help' }).waitFor();
    await first.locator('.shirube-start').click();
    await first.locator('label[for="shirube-organisation-academic"]').click();
    await first.getByRole('button', { name: '次へ' }).click();
    await first.locator('input[name="base"]').first().waitFor();
    expect(await second.locator('.shirube-start').isVisible(), 'the second widget is still at its start');
    await second.locator('.shirube-start').click();
    await second.locator('input[name="organisation"]').first().waitFor();
    const firstChecked = await first.locator('input[name="base"]:checked').count();
    expect(firstChecked === 0, 'the first widget is still on its own question');
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('removing the element unmounts the widget; adding it back starts afresh with one set of listeners', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    await page.goto(`${origin}/demo/`);
    const widget = page.locator('shirube-widget');
    await widget.locator('.shirube-start').waitFor();
    await widget.locator('.shirube-start').click();
    await widget.locator('input[name="organisation"]').first().waitFor();
    const left = await page.evaluate(async () => {
      const element = document.querySelector('shirube-widget');
      const parent = element.parentNode;
      element.remove();
      // Unmounted once the removal is done (not at once: a move removes and adds it again).
      await new Promise((done) => setTimeout(done, 0));
      const empty = element.shadowRoot.querySelector('.shirube') === null;
      window.removedWidget = element;
      window.widgetParent = parent;
      return empty;
    });
    expect(left, 'the removed element holds no widget');
    await page.evaluate(() => {
      window.steps = 0;
      // On the element: the demo page's iframe embed sends its own events to the document.
      window.removedWidget.addEventListener('shirube:step', () => { window.steps += 1; });
      window.widgetParent.append(window.removedWidget);
    });
    await widget.locator('.shirube-start').waitFor();
    await widget.locator('.shirube-start').click();
    await widget.locator('input[name="organisation"]').first().waitFor();
    const steps = await page.evaluate(() => window.steps);
    expect(steps === 2, `one step event for the start and one for the first question (got ${steps})`);
    const widgets = await page.evaluate(() => document.querySelector('shirube-widget').shadowRoot
      .querySelectorAll('.shirube').length);
    expect(widgets === 1, `one widget inside the element (got ${widgets})`);

    // Moved to another parent (a host page rearranging its layout), it keeps where the user was.
    await widget.locator('label[for="shirube-organisation-startup"]').click();
    await widget.locator('form button[type=submit]').click();
    await widget.locator('input[name="base"]').first().waitFor();
    await page.evaluate(() => {
      const aside = document.createElement('aside');
      document.body.append(aside);
      aside.append(document.querySelector('shirube-widget'));
    });
    await page.waitForTimeout(100);
    const moved = await page.evaluate(() => {
      const root = document.querySelector('aside > shirube-widget').shadowRoot;
      return [root.querySelectorAll('.shirube').length, root.querySelector('input[name="base"]') !== null];
    });
    sameList(moved, [1, true], 'moved, one widget still at the second question');
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('the iframe loader gives each element one frame, also when included twice and for elements added later; a sibling frame cannot change the language', async () => {
    const server = await serveHost(t.hosts, origin);
    const host = `http://localhost:${server.address().port}`;
    try {
      const { page, problems, context } = await watchedPage(browser, [host, origin], { locale: 'en-US' });
      await page.goto(`${host}/more`);
      const frame = page.frameLocator('#frame iframe');
      await frame.locator('h1', { hasText: 'Find where to ask for help' }).waitFor();
      await page.waitForTimeout(200);
      const count = await page.locator('#frame iframe').count();
      expect(count === 1, `one frame in the element with the loader included twice (got ${count})`);

      // Another frame of the host's origin posts a language change to Shirube's frame.
      const sibling = page.frames().find((f) => f.url().endsWith('/sibling'));
      await sibling.evaluate(() => parent.document.querySelector('#frame iframe').contentWindow
        .postMessage({ type: 'shirube:lang', lang: 'ja' }, '*'));
      await page.waitForTimeout(300);
      const lang = await frame.locator('html').getAttribute('lang');
      expect(lang === 'en', `a sibling frame's message is ignored (lang ${lang})`);
      // The host page's own change applies.
      await page.locator('#frame').evaluate((e) => { e.dataset.lang = 'ja'; });
      await frame.locator('h1', { hasText: '相談先' }).waitFor();

      // An element the page adds later gets its frame, one.
      await page.evaluate(() => {
        const late = document.createElement('section');
        late.innerHTML = '<div id="late" data-shirube-frame data-lang="en"></div>';
        document.body.append(late);
      });
      await page.frameLocator('#late iframe').locator('h1', { hasText: 'Find where to ask for help' }).waitFor();
      const late = await page.locator('#late iframe').count();
      expect(late === 1, `one frame in the element added later (got ${late})`);
      expect(problems.length === 0, problems.join('\n'));
      await context.close();
    } finally {
      server.close();
    }
  });

  await check('the iframe embed on another origin resizes to its content, sends the same events checking origins, and with data-share-url its share links reopen the host page (data-programs featured first, data-heading-level applied), in both languages', async () => {
    const server = await serveHost(t.hosts, origin);
    const host = `http://localhost:${server.address().port}`;
    try {
      const { page, problems, context } = await watchedPage(browser, [host, origin], { locale: 'en-US' });
      await page.goto(`${host}/`);
      const frame = page.frameLocator('#frame iframe');
      await frame.locator('h1', { hasText: 'Find where to ask for help' }).waitFor();
      const iframe = page.locator('#frame iframe');
      const fits = async () => {
        const outer = await iframe.evaluate((f) => f.getBoundingClientRect().height);
        const inner = await frame.locator('html').evaluate((h) => h.scrollHeight);
        return Math.abs(outer - inner) <= 2 ? outer : null;
      };
      await page.waitForFunction(() => document.querySelector('#frame iframe').getBoundingClientRect().height !== 640);
      const startHeight = await fits();
      expect(startHeight !== null, 'the iframe is as tall as the start page');

      // A message from another origin (here, the host page itself) does not resize it.
      await page.evaluate(() => window.postMessage({ type: 'shirube:height', height: 5 }, '*'));
      await page.waitForTimeout(100);
      const after = await iframe.evaluate((f) => f.getBoundingClientRect().height);
      expect(after === startHeight, `a message from elsewhere is ignored (height ${after})`);

      const p = await persona('us-device-startup-with-japan-base');
      await frame.locator('.shirube-start').click();
      await completeFlow(page, p.answers, { keyboard: false, scope: frame });
      await frame.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
      await page.waitForFunction((h) => document.querySelector('#frame iframe').getBoundingClientRect().height > h + 200, startHeight);
      expect((await fits()) !== null, 'the iframe grows to the result page');

      const events = await page.evaluate(() => window.shirubeEvents);
      expect(events.some((e) => e.name === 'shirube:step' && e.detail.question === 'organisation'),
        'a step event names the question');
      const last = events.at(-1);
      sameList([last], [{ name: 'shirube:result', detail: { fits: p.fits, may_fit: p.may_fit } }], 'the result event');

      // The host changes the language; the frame applies it (it accepts the host's origin).
      await page.locator('#frame').evaluate((e) => { e.dataset.lang = 'ja'; });
      await frame.locator('h1', { hasText: 'あなたに合う支援' }).waitFor();

      // With data-share-url, a share link reopens the host page, which opens it in the frame.
      for (const lang of ['ja', 'en']) {
        await page.goto(`${host}/share`);
        const shared = page.frameLocator('#frame iframe');
        // The app's start screen (index.html's copies are gone once the app has taken over).
        await shared.locator('.shirube:not(.shirube-pre) .shirube-start').waitFor();
        // The user's answers, as if given in the frame (a link opened in it).
        await shared.locator('html').evaluate((_, state) => { window.location.hash = state; },
          `v=1&lang=${lang}&step=result&${answersFragment(p.answers)}`);
        await shared.locator('article.shirube-program').first().waitFor();
        const link = await shared.locator('#shirube-share-link').inputValue();
        expect(link.startsWith(`${host}/share#v=1&lang=${lang}&`), `${lang}: the frame's share link reopens the host page: ${link}`);
        await page.goto('about:blank');
        await page.goto(link);
        await shared.locator('article.shirube-program').first().waitFor();
        const fits = await shared.locator('article.shirube-program[data-fit="Fits"]')
          .evaluateAll((cards) => cards.map((c) => c.dataset.program));
        sameList(fits, p.fits, `${lang}: programs that fit, from the frame's share link`);
        // The page features pmda_dc (data-programs): first in the overview.
        const first = await shared.locator('.shirube-pathway > li').first()
          .evaluate((l) => [l.dataset.when, [...l.querySelectorAll('li[data-program]')].map((x) => x.dataset.program)]);
        sameList(first, ['Featured', ['pmda_dc']], `${lang}: the featured program comes first in the frame`);
        // data-heading-level="2": the frame's headings start at h2, as the host page asks.
        sameList([await headingLevels(shared.locator('.shirube'))], [{ h1: 0, title: 'H2', sections: ['H3'], cards: ['H4'], parts: ['H5'] }],
          `${lang}: the frame's headings start at h2`);
      }
      expect(problems.length === 0, problems.join('\n'));
      await context.close();
    } finally {
      server.close();
    }
  });
}
