// End-to-end checks of layout for WCAG 2.2 AA and print: reflow at 200% zoom, target sizes,
// and the result printed on A4. Called by run.mjs, which passes its helpers.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { answersFragment } from './links.mjs';
import { visit } from './page.mjs';

// The three kinds of screen, as fragments, for a persona's answers.
function screens(p) {
  const answers = answersFragment(p.answers);
  return [['start', 'lang=en'], ['question', 'lang=en&step=organisation'],
    ['result', `v=1&lang=en&step=result&${answers}`]];
}

export async function layoutChecks(t) {
  const { browser, origin, check, expect, sameList, watchedPage, persona } = t;

  await check('at 200% zoom (640 px of a 1280 px window) screens reflow, and every control is at least 24 by 24 px', async () => {
    const p = await persona('jp-startup-many-unknowns');
    const { page, problems, context } = await watchedPage(browser, origin, { viewport: { width: 640, height: 800 } });
    for (const [shot, fragment] of screens(p)) {
      await visit(page, `${origin}/#${fragment}`);
      await page.locator('h1').waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width <= 640, `${shot} is ${width} px wide`);
      // Links inside sentences are exempt (WCAG 2.5.8); every other control is measured.
      const small = await page.evaluate(() => [...document.querySelectorAll(
        'button, input:not([type=hidden]), select, summary, .shirube-back, .shirube-summary-action a')]
        .map((e) => {
          const box = e.getBoundingClientRect();
          return { what: e.outerHTML.slice(0, 60), width: box.width, height: box.height };
        })
        .filter((b) => b.width < 24 || b.height < 24));
      expect(small.length === 0, `${shot}: targets under 24 px: ${JSON.stringify(small)}`);
    }
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  // Issue 18 measures the result against these: the usability review's five personas
  // (../shared/reviews/ux-2026-12.md), the page's height on a 375 by 740 px phone and where the
  // first action is. "Before" is the result page of 2026-12-03 (build 09bed9c, measured the same
  // way); the page must be at most half as tall, the first action within the first screen.
  // Written to artifacts/result-heights.json for the note.
  await check('the review personas\' results on a 375 px phone: where to start within the first screen, at most half as tall as before, in both languages', async () => {
    const before = {
      'ux1-jp-academic-amed-funded-discovery': { ja: 13589, en: 16387 },
      'us-biotech-orphan-drug': { ja: 21333, en: 25407 },
      'ux3-jp-device-startup-nonclinical': { ja: 11129, en: 13435 },
      'jp-pharma-adult-drug-with-pediatric-need': { ja: 12838, en: 15175 },
      'ux5-pre-founder-answers-dont-know': { ja: 25645, en: 30149 },
    };
    const { page, problems, context } = await watchedPage(browser, origin, { viewport: { width: 375, height: 740 } });
    const measured = [];
    for (const name of Object.keys(before)) {
      const p = await persona(name);
      for (const lang of ['ja', 'en']) {
        // A fresh document each time: an unfolded list stays unfolded within one.
        await page.goto('about:blank');
        await visit(page, `${origin}/#v=1&lang=${lang}&step=result&${answersFragment(p.answers)}`);
        await page.locator('article.shirube-program').first().waitFor();
        const m = await page.evaluate(() => {
          const box = (selector) => document.querySelector(selector)?.getBoundingClientRect();
          const start = box('.shirube-start-here');
          const notFit = document.querySelector('.shirube-not-fit')?.closest('section');
          return {
            height: document.documentElement.scrollHeight,
            firstAction: start ? Math.round(start.top + window.scrollY) : null,
            firstActionEnd: start ? Math.round(start.bottom + window.scrollY) : null,
            tools: Math.round(box('.shirube-takeaway').top + window.scrollY),
            firstCard: Math.round(box('article.shirube-program').top + window.scrollY),
            doesNotFit: notFit ? Math.round(notFit.getBoundingClientRect().height) : 0,
          };
        });
        const was = before[name][lang];
        console.log(`  ${name} ${lang}: ${was} -> ${m.height} px tall, start here at ${m.firstAction}-${m.firstActionEnd} px, "does not fit" ${m.doesNotFit} px`);
        expect(m.firstActionEnd !== null && m.firstActionEnd <= 740,
          `${name} (${lang}): "start here" ends at ${m.firstActionEnd} px, within the first screen of 740`);
        expect(m.height <= was / 2, `${name} (${lang}): ${m.height} px tall, more than half of ${was}`);
        expect(m.tools < m.firstCard, `${name} (${lang}): print, copy and save come before the cards`);
        // What is folded starts folded and opens from the keyboard: "does not fit", the
        // answers, each card's reasons.
        for (const [what, details, inside] of [
          ['"does not fit"', 'details.shirube-not-fit-details', '.shirube-not-fit > li'],
          ['the answers', 'details.shirube-answers-details', '.shirube-summary-row'],
          ['a card\'s reasons and sources', 'details.shirube-more', '.shirube-source'],
          ['a card\'s hand-over', 'details.shirube-handover', '.shirube-asks'],
        ]) {
          const folded = page.locator(details).first();
          if (await folded.count() === 0) continue;
          expect(!(await folded.evaluate((d) => d.open)), `${name} (${lang}): ${what} starts folded`);
          expect(!(await folded.locator(inside).first().isVisible()), `${name} (${lang}): ${what} is hidden`);
          await folded.locator('summary').focus();
          await page.keyboard.press('Enter');
          expect(await folded.locator(inside).first().isVisible(), `${name} (${lang}): Enter on its summary shows ${what}`);
        }
        measured.push({ persona: name, lang, before: was, ...m });
      }
    }
    expect(measured.some((m) => m.doesNotFit > 0), 'some review persona has programs that do not fit, folded');
    await writeFile(join(t.artifacts, 'result-heights.json'), JSON.stringify(measured, null, 2));
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('each line of the overview moves to its program\'s card from the keyboard, without touching the result\'s link, in both languages', async () => {
    const p = await persona('us-biotech-orphan-drug');
    const { page, problems, context } = await watchedPage(browser, origin, { viewport: { width: 375, height: 740 } });
    for (const lang of ['ja', 'en']) {
      await page.goto('about:blank');
      await visit(page, `${origin}/#v=1&lang=${lang}&step=result&${answersFragment(p.answers)}`);
      const lines = page.locator('.shirube-overview li[data-program]');
      await lines.first().waitFor();
      const shown = await lines.evaluateAll((li) => li.map((l) => l.dataset.program));
      const cards = await page.locator('article.shirube-program').evaluateAll((a) => a.map((c) => c.dataset.program));
      sameList([...shown].sort(), [...cards].sort(), `${lang}: the overview has a line for each card`);
      sameList([...shown].sort(), [...p.fits, ...p.may_fit].sort(), `${lang}: what fits and may fit`);
      const last = shown[shown.length - 1];
      const url = page.url();
      await page.locator(`.shirube-overview li[data-program=${last}] a`).focus();
      await page.keyboard.press('Enter');
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        const box = e.getBoundingClientRect();
        return { id: e.id, inView: box.top >= 0 && box.top < window.innerHeight };
      });
      expect(focused.id === `shirube-program-${last}` && focused.inView,
        `${lang}: Enter on the overview's link focuses the card's heading in view: ${JSON.stringify(focused)}`);
      expect(page.url() === url, `${lang}: the address stays ${url}, not ${page.url()}`);
    }
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('the result orders what fits along the user\'s development (now, then at a later stage), on screen and in print, in both languages', async () => {
    // Issue 18's example: a candidate for a rare disease of adults and children.
    const p = await persona('jp-startup-rare-pediatric-candidate');
    const { page, problems, context } = await watchedPage(browser, origin);
    for (const lang of ['ja', 'en']) {
      await page.goto('about:blank');
      await visit(page, `${origin}/#v=1&lang=${lang}&step=result&${answersFragment(p.answers)}`);
      const steps = page.locator('.shirube-pathway > li');
      await steps.first().waitFor();
      const name = async (id) => (await page.locator(`article[data-program=${id}] h3`).textContent()).trim();
      const found = await steps.evaluateAll((li) => li.map((l) => ({ when: l.dataset.when, text: l.textContent })));
      const at = async (id) => {
        const n = await name(id);
        return found.findIndex((f) => f.text.includes(n));
      };
      expect(found[0].when === 'Now' && found[0].text.startsWith(lang === 'ja' ? '現在の段階で' : 'Now'), `${lang}: "now" comes first: ${JSON.stringify(found)}`);
      for (const id of ['pmda_early', 'orphan', 'orphan_predesignation']) {
        expect(await at(id) === 0, `${lang}: ${id} is for now`);
      }
      const later = await at('pediatric_plan');
      const stage = lang === 'ja' ? 'この先、次の段階になったら：初期の臨床試験' : 'Later, when you reach: Early clinical studies';
      expect(later > 0 && found[later].text.startsWith(stage), `${lang}: the pediatric plan check comes later: ${JSON.stringify(found[later])}`);
      const cards = await page.locator('article.shirube-program').count();
      const named = (await Promise.all((await page.locator('article.shirube-program').evaluateAll((a) => a.map((c) => c.dataset.program)))
        .map(async (id) => ((await at(id)) >= 0 ? 1 : 0)))).reduce((a, b) => a + b, 0);
      expect(named === cards, `${lang}: every program shown is on the pathway (${named} of ${cards})`);
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.shirube-pathway > li').first().isVisible(), `${lang}: the pathway prints`);
      await page.emulateMedia({ media: 'screen' });
    }
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('"would fit if" never suggests changing a fact the rules mark fixed (who you are, where, the disease), in both languages', async () => {
    // The fixed questions' texts, from the rules file.
    const rules = await readFile(join(t.root, 'engine/rules/rules.toml'), 'utf8');
    const fixed = rules.split('[[questions]]').slice(1)
      .map((block) => block.split(/^\[/m)[0])
      .filter((block) => /^fixed = true$/m.test(block))
      .map((block) => JSON.parse(`{${block.match(/^text = \{ (ja = ".*?", en = ".*?") \}$/m)[1]
        .replace(/(ja|en) = /g, '"$1": ')}}`));
    expect(fixed.length >= 2, `fixed questions found in the rules: ${fixed.length}`);
    const { page, problems, context } = await watchedPage(browser, origin);
    let lines = 0;
    for (const name of ['us-biotech-orphan-drug', 'jp-pharma-adult-drug-with-pediatric-need', 'jp-academic-drug-seed']) {
      const p = await persona(name);
      for (const lang of ['ja', 'en']) {
        await page.goto('about:blank');
        await visit(page, `${origin}/#v=1&lang=${lang}&step=result&${answersFragment(p.answers)}`);
        await page.locator('.shirube-not-fit-details').waitFor();
        const said = await page.locator('.shirube-would-fit').allTextContents();
        for (const line of said) {
          const named = fixed.find((q) => line.includes(q[lang]));
          expect(!named, `${name} (${lang}): "${line}" suggests changing "${named?.[lang]}"`);
        }
        lines += said.length;
      }
    }
    expect(lines > 0, 'some program that does not fit says what would change that');
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('the result prints cleanly on A4: no controls, link addresses written out', async () => {
    const p = await persona('us-biotech-orphan-drug');
    const { page, problems, context } = await watchedPage(browser, origin, { colorScheme: 'dark' });
    const [, fragment] = screens(p)[2];
    await visit(page, `${origin}/#${fragment}`);
    await page.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const printed = await page.evaluate(() => {
      const shown = (selector) => [...document.querySelectorAll(selector)]
        .filter((e) => getComputedStyle(e).display !== 'none').length;
      const link = document.querySelector('.shirube-program a[href^="https://"]');
      return {
        controls: shown('.shirube-button, .shirube-lang, .shirube-summary-action, summary'),
        // The folded "does not fit" list prints unfolded.
        notFitPrinted: [...document.querySelectorAll('.shirube-not-fit > li')]
          .filter((li) => li.checkVisibility()).length,
        notFit: document.querySelectorAll('.shirube-not-fit > li').length,
        // So do each card's reasons and sources, and the answers.
        folded: ['.shirube-more .shirube-source', '.shirube-more h4', '.shirube-summary-row']
          .map((s) => [s, [...document.querySelectorAll(s)]])
          .filter(([, all]) => all.length === 0 || all.some((e) => !e.checkVisibility()))
          .map(([s]) => s),
        linkAfter: getComputedStyle(link, '::after').content,
        href: link.getAttribute('href'),
        background: getComputedStyle(document.querySelector('.shirube')).backgroundColor,
        text: getComputedStyle(document.querySelector('.shirube')).color,
      };
    });
    expect(printed.controls === 0, `${printed.controls} controls still print`);
    expect(printed.notFit > 0 && printed.notFitPrinted === printed.notFit,
      `every program that does not fit prints (${printed.notFitPrinted} of ${printed.notFit})`);
    expect(printed.folded.length === 0, `folded parts that do not print: ${printed.folded}`);
    expect(printed.linkAfter === `" <${printed.href}>"`, `the link's address prints: ${printed.linkAfter}`);
    expect(printed.background === 'rgb(255, 255, 255)' && printed.text === 'rgb(0, 0, 0)',
      `black on white even in dark mode: ${printed.text} on ${printed.background}`);
    const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
    await writeFile(join(t.artifacts, 'result-print-en.pdf'), pdf);
    // Browsers whose print style cannot unfold <details>: the widget opens them for the print
    // and closes them after, leaving those the user opened open.
    const unfolded = await page.evaluate(() => {
      const all = () => [...document.querySelectorAll('.shirube details')];
      const opened = all()[0];
      opened.open = true;
      const before = all().filter((d) => d.open).length;
      window.dispatchEvent(new Event('beforeprint'));
      const during = all().filter((d) => !d.open).length;
      window.dispatchEvent(new Event('afterprint'));
      const after = all().filter((d) => d.open).length;
      const kept = opened.open;
      opened.open = false;
      return { total: all().length, before, during, after, kept };
    });
    expect(unfolded.total > 1 && unfolded.during === 0, `every <details> opens to print: ${JSON.stringify(unfolded)}`);
    expect(unfolded.after === unfolded.before && unfolded.kept, `after printing, only what the user opened stays open: ${JSON.stringify(unfolded)}`);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // Each program that fits or may fit prints as a card with its steps, contact and sources;
    // the length follows how many there are (about a page each), not a fixed number.
    const cards = p.fits.length + p.may_fit.length;
    expect(pages >= 2 && pages <= 2 + Math.ceil(1.5 * cards),
      `the result prints on at most about a page per program shown (${pages} pages, ${cards} programs)`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('the answers and result can be copied as text and saved as a document and as data, the share link copied, in both languages', async () => {
    const p = await persona('us-biotech-orphan-drug');
    const { page, problems, context } = await watchedPage(browser, origin, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const [, fragment] = screens(p)[2];
    await visit(page, `${origin}/#${fragment}`);
    await page.locator('h1', { hasText: 'Support that may fit you' }).waitFor();

    await page.locator('.shirube-copy').click();
    await page.locator('.shirube-takeaway-status', { hasText: 'copied to the clipboard' }).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    expect(text.startsWith('Shirube, support for drug development in Japan: answers and result\n'), text.slice(0, 80));
    expect(text.includes('■ Programs that fit your answers') && text.includes('<https://'), 'plain text with headings and addresses');

    const saved = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
      const { readFile } = await import('node:fs/promises');
      return { name: download.suggestedFilename(), body: await readFile(await download.path(), 'utf8') };
    };
    const markdown = await saved('.shirube-save-markdown');
    expect(/^Shirube answers and result \d{4}-\d{2}-\d{2}\.md$/.test(markdown.name), markdown.name);
    expect(markdown.body.startsWith('# Shirube, support for drug development in Japan'), markdown.body.slice(0, 80));
    const json = await saved('.shirube-save-json');
    expect(/^Shirube answers and result \d{4}-\d{2}-\d{2}\.json$/.test(json.name), json.name);
    const data = JSON.parse(json.body);
    sameList(data.fits.map((f) => f.id), p.fits, 'programs that fit, in the JSON');
    sameList([data.answers.organisation], [p.answers.organisation], 'the answers, in the JSON');
    expect(new URL(data.link).hash.includes('step=result'), `the link to the result, in the JSON: ${data.link}`);

    // In Japanese, the same document in Japanese.
    await page.locator('.shirube-lang').click();
    await page.locator('h1', { hasText: 'あなたに合う支援' }).waitFor();
    await page.locator('.shirube-copy').click();
    await page.locator('.shirube-takeaway-status', { hasText: 'コピーしました' }).waitFor();
    const ja = await page.evaluate(() => navigator.clipboard.readText());
    expect(ja.startsWith('しるべ 創薬支援の相談先ガイド：回答と結果') && ja.includes('■ あなたの回答'), ja.slice(0, 80));
    const jaFile = await saved('.shirube-save-markdown');
    expect(/^しるべ 回答と結果 \d{4}-\d{2}-\d{2}\.md$/.test(jaFile.name), `a Japanese file name: ${jaFile.name}`);

    // "Copy link" beside the share link puts exactly that link on the clipboard.
    await page.locator('.shirube-copy-link').click();
    await page.waitForFunction(() => document.querySelector('.shirube-share .shirube-takeaway-status')?.textContent !== '');
    const linkStatus = await page.locator('.shirube-share .shirube-takeaway-status').textContent();
    expect(linkStatus.includes('リンクをクリップボードにコピーしました'), `the copy is confirmed: ${linkStatus}`);
    const copiedLink = await page.evaluate(() => navigator.clipboard.readText());
    expect(copiedLink === await page.locator('#shirube-share-link').inputValue(), `the share link is copied: ${copiedLink}`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('each card hands over a request ready to send: an e-mail with subject and body or text to copy, the points to raise, a checklist kept in the link, in both languages', async () => {
    const p = await persona('us-biotech-orphan-drug');
    const { page, problems, context } = await watchedPage(browser, origin, {
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    // Each visit is a fresh load (not a change of fragment in the same page).
    const fresh = async (fragment) => {
      await page.goto('about:blank');
      await visit(page, `${origin}/#${fragment}`);
      await page.locator('article.shirube-program').first().waitFor();
    };
    for (const lang of ['en', 'ja']) {
      await fresh(screens(p)[2][1].replace('lang=en', `lang=${lang}`));
      // AMED's pre-designation support takes e-mail, in Japanese: the request opens in the
      // user's e-mail program, in Japanese (with the English after it for an English user).
      const card = page.locator('article[data-program=orphan_predesignation]');
      const handover = card.locator('details.shirube-handover');
      await handover.locator('summary').click();
      const mailto = await handover.locator('a.shirube-write-email').getAttribute('href');
      const url = new URL(mailto);
      const subject = url.searchParams.get('subject');
      const body = url.searchParams.get('body');
      const to = (await card.locator('.shirube-contact a[href^="mailto:"]').first().getAttribute('href')).slice(7);
      expect(mailto.startsWith(`mailto:${to}?`), `${lang}: the e-mail goes to the office: ${mailto.slice(0, 60)}`);
      expect(subject.length > 0 && body.includes('\r\n'), `${lang}: subject and body: ${subject}`);
      const asks = await handover.locator('.shirube-asks li').allTextContents();
      expect(asks.length > 0 && asks.every((a) => body.includes(a)), `${lang}: the points to raise are in the e-mail`);
      const answer = lang === 'ja' ? '米国' : 'United States';
      expect(body.includes(answer), `${lang}: the answers are in the e-mail`);
      const japaneseFirst = body.indexOf('ご担当者様');
      expect(japaneseFirst >= 0 && (lang === 'ja' ? !body.includes('---- English ----')
        : body.indexOf('---- English ----') > japaneseFirst && subject.includes('Consultation request')),
        `${lang}: the office works in Japanese; an English user gets both: ${subject}`);
      // Copy puts the whole text on the clipboard.
      await handover.locator('.shirube-copy-request').click();
      await handover.locator('.shirube-takeaway-status', { hasText: lang === 'ja' ? 'コピーしました' : 'copied' }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied === body.replaceAll('\r\n', '\n'), `${lang}: the copied text is the e-mail's body`);
      // A tick is kept in the link, and goes into the request.
      const item = handover.locator('.shirube-checklist li').first();
      await item.locator('input').check();
      await page.waitForFunction(() => location.hash.includes('ready=orphan_predesignation_'));
      const ticked = (await item.textContent()).trim();
      expect((await handover.locator('.shirube-request').textContent()).includes(ticked), `${lang}: the ticked item is in the request`);
      const link = await page.evaluate(() => location.hash);
      await fresh(link.slice(1));
      await page.locator('article[data-program=orphan_predesignation] details.shirube-handover summary').click();
      expect(await page.locator('article[data-program=orphan_predesignation] .shirube-checklist li input').first().isChecked(),
        `${lang}: the tick comes back with the link`);
      // Every hand-over open: no WCAG violation.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      const violations = await t.axeViolations(page);
      expect(violations.length === 0, `${lang}: ${violations.join('\n')}`);
    }
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('on a long result the language switch stays in view, and no focused control hides under it, tabbing forwards or backwards (WCAG 2.4.11), in both languages', async () => {
    const p = await persona('us-biotech-orphan-drug');
    const { page, problems, context } = await watchedPage(browser, origin, { viewport: { width: 375, height: 740 } });
    for (const lang of ['en', 'ja']) {
      await page.goto('about:blank');
      await visit(page, `${origin}/#${screens(p)[2][1].replace('lang=en', `lang=${lang}`)}`);
      await page.locator('article.shirube-program').first().waitFor();
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const reachable = await page.evaluate(() => {
        const button = document.querySelector('.shirube-lang');
        const box = button.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return { top: box.top, bottom: box.bottom, hit: button.contains(hit), scrolled: window.scrollY };
      });
      expect(reachable.scrolled > 2000 && reachable.top >= 0 && reachable.bottom <= 740 && reachable.hit,
        `${lang}: at the bottom of the page the language switch is in view and can be pressed: ${JSON.stringify(reachable)}`);
      // Every control reached by Tab, then by Shift+Tab, shows below the bar.
      const hidden = [];
      let steps = 0;
      for (const key of ['Tab', 'Shift+Tab']) {
        await page.evaluate((forward) => {
          window.scrollTo(0, forward ? 0 : document.documentElement.scrollHeight);
          document.activeElement?.blur();
        }, key === 'Tab');
        for (let i = 0; i < 400; i++) {
          await page.keyboard.press(key);
          const state = await page.evaluate(() => {
            const focused = document.activeElement;
            if (!focused || focused === document.body) return { done: true };
            const bar = document.querySelector('.shirube-header').getBoundingClientRect();
            const box = focused.getBoundingClientRect();
            const inBar = focused.closest('.shirube-header') !== null;
            return { done: false, covered: !inBar && box.top < bar.bottom - 1, what: focused.outerHTML.slice(0, 70), top: box.top, bar: bar.bottom };
          });
          if (state.done) break;
          steps += 1;
          if (state.covered) hidden.push(`${key}: ${state.what} at ${state.top} under the bar ending at ${state.bar}`);
        }
      }
      expect(steps > 40, `${lang}: tabbed through ${steps} controls`);
      expect(hidden.length === 0, `${lang}: focus hidden under the bar:\n${hidden.slice(0, 5).join('\n')}`);
    }
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('screenshots of start, a question and the result: desktop and 320 px, light and dark, Japanese and English', async () => {
    const p = await persona('jp-startup-many-unknowns');
    const answers = answersFragment(p.answers);
    let taken = 0;
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [1280, 320]) {
        const { page, problems, context } = await watchedPage(browser, origin,
          { colorScheme, viewport: { width, height: width === 320 ? 640 : 900 } });
        for (const lang of ['ja', 'en']) {
          for (const [screen, fragment] of [['start', `lang=${lang}`],
            ['question', `lang=${lang}&step=organisation`], ['result', `v=1&lang=${lang}&step=result&${answers}`]]) {
            await visit(page, `${origin}/#${fragment}`);
            await page.locator('h1').waitFor();
            await page.screenshot({
              path: join(t.artifacts, `${screen}-${lang}-${width}-${colorScheme}.png`), fullPage: true,
            });
            taken += 1;
          }
        }
        expect(problems.length === 0, problems.join('\n'));
        await context.close();
      }
    }
    expect(taken === 24, `24 screenshots (took ${taken})`);
  });

  await check('focus is always visible when moving by keyboard, and controls keep their borders in forced colours', async () => {
    const p = await persona('jp-startup-many-unknowns');
    const [, , [, result]] = screens(p);
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    for (const fragment of ['lang=en', 'lang=en&step=help', result]) {
      await visit(page, `${origin}/#${fragment}`);
      await page.locator('h1').waitFor();
      const unseen = [];
      for (let i = 0; i < 60; i += 1) {
        await page.keyboard.press('Tab');
        const focus = await page.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const s = getComputedStyle(e);
          return { what: e.outerHTML.slice(0, 50), outline: s.outlineStyle, shadow: s.boxShadow };
        });
        if (focus === null) break;
        if (focus.outline === 'none' && focus.shadow === 'none') unseen.push(focus.what);
      }
      expect(unseen.length === 0, `${fragment}: focus not visible on ${unseen.join(', ')}`);
    }
    await page.emulateMedia({ forcedColors: 'active' });
    const borders = await page.evaluate(() => [...document.querySelectorAll('.shirube-button, .shirube-program')]
      .map((e) => getComputedStyle(e).borderTopStyle + ' ' + getComputedStyle(e).borderTopWidth)
      .filter((b) => b.startsWith('none') || b.endsWith(' 0px')));
    expect(borders.length === 0, `controls without a border in forced colours: ${borders}`);
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });
}
