// index.html's copy of the start screen: shown in the user's language before the app has
// loaded, handed over to the app with what the user did meanwhile, and replaced by a message if
// the app cannot start. Called by run.mjs, which passes its helpers.

import { appReady } from './page.mjs';

const GLUE = /\/shirube-app-[0-9a-f]+\.js$/;

// Opens `url` with the app's module held back until `release()` is called; `requests` lists the
// files asked for meanwhile.
async function openHeld(t, url, options) {
  const { page, problems, context } = await t.watchedPage(t.browser, t.origin, options);
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.route(GLUE, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(url);
  return { page, problems, context, release, requests };
}

// The copies of the start screen that are shown.
function shownCopies(page) {
  return page.locator('.shirube-pre').evaluateAll((copies) =>
    copies.filter((copy) => !copy.hidden).map((copy) => copy.lang));
}

export async function startScreenChecks(t) {
  const { browser, origin, check, expect, sameList, axeViolations } = t;

  const cases = [
    { locale: 'en-US', fragment: '', lang: 'en', heading: 'Find where to ask for help' },
    { locale: 'ja-JP', fragment: '', lang: 'ja', heading: '創薬の相談先を探す' },
    { locale: 'fr-FR', fragment: '', lang: 'ja', heading: '創薬の相談先を探す' },
    { locale: 'ja-JP', fragment: '#v=1&lang=en', lang: 'en', heading: 'Find where to ask for help' },
  ];
  await check('before the app has loaded, index.html shows its start screen in the language the app will use', async () => {
    for (const { locale, fragment, lang, heading } of cases) {
      const { page, problems, context, release, requests } =
        await openHeld(t, `${origin}/${fragment}`, { locale });
      const what = `${locale} ${fragment || 'no link'}`;
      await page.locator(`.shirube-pre[lang=${lang}] h1`, { hasText: heading }).waitFor();
      sameList(await shownCopies(page), [lang], `${what}: start screens shown`);
      expect(!requests.some((path) => path.endsWith('.wasm')), `${what}: the wasm waits for the module`);
      if (locale === 'en-US' || locale === 'ja-JP') {
        const found = await axeViolations(page);
        expect(found.length === 0, `${what}: ${found.join('\n')}`);
      }
      release();
      await appReady(page);
      expect(await page.locator('.shirube').getAttribute('lang') === lang, `${what}: the app starts in ${lang}`);
      await page.locator('h1', { hasText: heading }).waitFor();
      await page.locator('.shirube-reviewed').waitFor();
      expect(problems.length === 0, problems.join('\n'));
      await context.close();
    }
  });

  await check('a link past the start screen shows no copy of it, and the app opens the linked screen', async () => {
    const { page, problems, context, release } =
      await openHeld(t, `${origin}/#v=1&lang=en&step=base&organisation=startup`, { locale: 'en-US' });
    await page.waitForLoadState('load');
    sameList(await shownCopies(page), [], 'start screens shown');
    release();
    await appReady(page);
    await page.locator('h1', { hasText: 'Where is your organisation based?' }).waitFor();
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('what the user does on the start screen before the app has loaded is done in the app', async () => {
    // A language switch, then Start: the app opens the first question in the other language.
    let { page, problems, context, release } = await openHeld(t, `${origin}/`, { locale: 'en-US' });
    await page.locator('.shirube-pre[lang=en] .shirube-lang').click();
    sameList(await shownCopies(page), ['ja'], 'start screens shown after the switch');
    expect(await page.evaluate(() => document.activeElement.matches('.shirube-pre[lang=ja] .shirube-lang')),
      'focus stays on the language switch');
    await page.locator('.shirube-pre[lang=ja] .shirube-start').click();
    release();
    await appReady(page);
    await page.locator('h1', { hasText: '組織の種類に最も近いものを選んでください' }).waitFor();
    expect(await page.locator('.shirube').getAttribute('lang') === 'ja', 'the app is in Japanese');
    await page.locator('input[name="organisation"]').first().waitFor();
    expect(problems.length === 0, problems.join('\n'));
    await context.close();

    // Keyboard focus on the start button stays on the app's start button.
    ({ page, problems, context, release } = await openHeld(t, `${origin}/`, { locale: 'en-US' }));
    await page.locator('.shirube-pre[lang=en] h1').waitFor();
    for (let tabs = 0; tabs < 5; tabs += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement.classList.contains('shirube-start'))) break;
    }
    expect(await page.evaluate(() => document.activeElement.closest('.shirube-pre') !== null),
      'the start button of the copy has focus');
    release();
    await appReady(page);
    expect(await page.evaluate(() => document.activeElement.matches('.shirube .shirube-start')),
      'the app\'s start button has focus');
    await page.keyboard.press('Enter');
    await page.locator('input[name="organisation"]').first().waitFor();
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('if the app cannot load, the page says so on any link (in place of its start button), and so does a <shirube-widget>', async () => {
    for (const [locale, lang, words] of [['en-US', 'en', 'could not start'], ['ja-JP', 'ja', '起動できませんでした']]) {
      // Each case in a fresh context: a module the browser has loaded once is not fetched again.
      const failing = async (pattern, url) => {
        const context = await browser.newContext({ locale });
        const page = await context.newPage();
        await page.route(pattern, (route) => route.abort());
        await page.goto(url);
        return { page, context };
      };
      let { page, context } = await failing(GLUE, `${origin}/`);
      await page.locator(`.shirube-pre[lang=${lang}] [role=alert]`, { hasText: words }).waitFor();
      expect(!(await page.locator(`.shirube-pre[lang=${lang}] .shirube-start`).isVisible()),
        `${lang}: no start button that cannot work`);
      await context.close();
      // A share link past the start screen, with the wasm failing: never a blank page.
      ({ page, context } = await failing(/_bg\.wasm$/, `${origin}/#v=1&lang=${lang}&step=result&organisation=startup&base=japan`));
      await page.locator(`.shirube-pre[lang=${lang}] [role=alert]`, { hasText: words }).waitFor();
      await context.close();
      // A <shirube-widget> whose module cannot load says so instead of staying empty.
      ({ page, context } = await failing(GLUE, `${origin}/test-hosts/two.html`));
      await page.locator(`#${lang === 'ja' ? 'first' : 'second'} [role=alert]`, { hasText: words }).waitFor();
      await context.close();
    }
  });
}
