// End-to-end checks of the installable, offline app: the manifest, the service worker's
// precache, offline use after one visit, and a safe update from one build to the next.
// Called by run.mjs, which passes its helpers.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { runLighthouse } from './lighthouse.mjs';
import { controlled, visit, revisit } from './page.mjs';


export async function offlineChecks(t) {
  const { browser, origin, check, expect, sameList, watchedPage, completeFlow, persona } = t;

  await check('the manifest makes the app installable: names, icons, colours, scope', async () => {
    // A profile on disk: Chromium never offers to install from an incognito-like context.
    const profile = await mkdtemp(join(tmpdir(), 'shirube-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      locale: 'ja-JP',
    });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await visit(page, `${origin}/`);
      await page.locator('.shirube-start').waitFor();
      await controlled(page);
      // What Lighthouse's installable-manifest audit asked Chromium, before Lighthouse 12
      // removed it.
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      sameList(installabilityErrors.map((e) => e.errorId), [], 'Chromium\'s installability errors');
      const { url } = await cdp.send('Page.getAppManifest');
      expect(url === `${origin}/manifest.webmanifest`, `the page links its manifest (${url})`);
      const manifest = JSON.parse(await (await page.request.get(url)).text());
      expect(manifest.name.includes('しるべ') && manifest.name.includes('Shirube'), 'the name is in both languages');
      expect(manifest.display === 'standalone' && manifest.start_url === './' && manifest.scope === './', 'standalone, in scope');
      for (const size of ['192x192', '512x512']) {
        expect(manifest.icons.some((i) => i.sizes === size && i.purpose === 'maskable'), `a maskable ${size} icon`);
      }
      expect(errors.length === 0, errors.join('\n'));
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  });

  await check('Lighthouse 12 reports the manifest installable', async () => {
    // Lighthouse's own fresh Chromium profile, its mobile preset, only the installability
    // audit (lighthouse.mjs adds it back: Lighthouse 12 removed it).
    const lhr = await runLighthouse(`${origin}/`, { onlyCategories: ['installable'] });
    const audit = lhr.audits['installable-manifest'];
    const reasons = audit.details.items.map((i) => i.reason);
    console.log(`  lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)}: `
      + `installable-manifest score ${audit.score}, ${audit.displayValue}, `
      + `${reasons.length} installability errors${reasons.length ? `: ${reasons.join('; ')}` : ''}`);
    expect(audit.score === 1, `Lighthouse: ${audit.title}`);
  });

  await check('after one online visit, the app reloads and works offline, share links included', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    await visit(page, `${origin}/`);
    await page.locator('.shirube-start').waitFor();
    await controlled(page);
    // The loader keeps the rules file without holding up the start.
    await page.waitForFunction(async () => (await (await caches.open('shirube-rules')).keys()).length > 0);
    const cached = await page.evaluate(async () => {
      const names = (await caches.keys()).filter((name) => name !== 'shirube-rules');
      const cache = await caches.open(names[0]);
      const rules = await (await caches.open('shirube-rules')).keys();
      return {
        names,
        files: (await cache.keys()).map((r) => new URL(r.url).pathname),
        rules: rules.map((r) => new URL(r.url).pathname),
      };
    });
    expect(cached.names.length === 1, `one build's cache: ${cached.names}`);
    sameList(cached.rules, ['/rules.bin'], 'the rules file kept as the last good copy');
    const sw = await (await page.request.get(`${origin}/sw.js`)).text();
    const listed = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1].replaceAll("'", '"'));
    sameList(cached.files.sort(), listed.map((f) => `/${f}`).sort(), 'the precached files are the build\'s');

    await context.setOffline(true);
    await revisit(page);
    await page.locator('.shirube-start').waitFor();
    const p = await persona('us-biotech-orphan-drug');
    await page.locator('.shirube-start').click();
    await completeFlow(page, p.answers, { keyboard: false });
    await page.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    const fits = await page.locator('article.shirube-program[data-fit="Fits"]')
      .evaluateAll((cards) => cards.map((c) => c.dataset.program));
    sameList(fits, p.fits, 'programs that fit, offline');
    const shared = await page.locator('#shirube-share-link').inputValue();
    const second = await context.newPage();
    await visit(second, shared);
    await second.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
    expect(problems.length === 0, problems.join('\n'));
    await context.close();
  });

  await check('a damaged file in the offline copy is repaired: the app says it could not start, and a reload works', async () => {
    const { page, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    try {
      await visit(page, `${origin}/`);
      await controlled(page);
      // The cached wasm is damaged (a disk error, an interrupted write).
      await page.evaluate(async () => {
        const name = (await caches.keys()).find((n) => n !== 'shirube-rules');
        const cache = await caches.open(name);
        const wasm = (await cache.keys()).find((r) => r.url.endsWith('_bg.wasm'));
        await cache.put(wasm, new Response('damaged', { headers: { 'content-type': 'application/wasm' } }));
      });
      await page.reload();
      await page.locator('.shirube-pre[lang=en] [role=alert]', { hasText: 'could not start' }).waitFor();
      await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0);
      // The notice's advice works: reload.
      await revisit(page);
      await page.locator('.shirube-start').waitFor();
      await controlled(page);
    } finally {
      await context.close();
    }
  });

  await check('a new build is offered with a reload prompt, in the user\'s language, in every open tab, and leaves only its own cache', async () => {
    // Build N+1: build N with a changed page, and its service worker naming a new build.
    const next = await mkdtemp(join(tmpdir(), 'shirube-next-'));
    await cp(t.dist, next, { recursive: true });
    const page1 = await readFile(join(next, 'index.html'), 'utf8');
    await writeFile(join(next, 'index.html'), page1.replace('</body>', '<!-- build N+1 -->\n</body>'));
    const worker = await readFile(join(next, 'sw.js'), 'utf8');
    await writeFile(join(next, 'sw.js'), worker.replace(/const BUILD = '([0-9a-f]+)'/, "const BUILD = 'next$1'"));

    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'ja-JP' });
    try {
      await visit(page, `${origin}/`);
      await page.locator('.shirube-start').waitFor();
      await controlled(page);
      // The user is part-way through when the new build is published.
      await page.locator('.shirube-start').click();
      await page.locator('label[for="shirube-organisation-startup"]').click();
      await page.getByRole('button', { name: '次へ' }).click();
      await page.locator('input[name="base"]').first().waitFor();
      // A second tab of the app is open too.
      const second = await context.newPage();
      await visit(second, `${origin}/`);
      t.served.dist = next;
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      const offer = page.locator('.shirube-update.shirube-shown');
      await offer.waitFor();
      expect((await offer.textContent()).includes('新しいバージョンがあります'), 'the offer is in Japanese');
      // Until the user chooses, the old build goes on serving.
      expect(!(await page.content()).includes('build N+1'), 'the page is still build N');
      await offer.getByRole('button', { name: '再読み込み' }).click();
      await page.waitForFunction(() => document.documentElement.outerHTML.includes('build N+1'));
      await page.locator('input[name="base"]').first().waitFor();
      const names = await page.evaluate(() => caches.keys());
      const builds = names.filter((name) => name !== 'shirube-rules');
      expect(builds.length === 1 && builds[0].startsWith('shirube-next'), `only the new build's cache is left: ${names}`);
      expect(names.includes('shirube-rules'), `the last good rules outlive the update: ${names}`);
      // The second tab still offers the update (the new build already runs its worker), and
      // its Reload moves it to the new build.
      const offered = second.locator('.shirube-update.shirube-shown');
      await offered.waitFor();
      expect(!(await second.content()).includes('build N+1'), 'the second tab is still build N');
      await offered.getByRole('button', { name: '再読み込み' }).click();
      await second.waitForFunction(() => document.documentElement.outerHTML.includes('build N+1'));
      expect(problems.length === 0, problems.join('\n'));
    } finally {
      t.served.dist = t.dist;
      await context.close();
      await rm(next, { recursive: true, force: true });
    }
  });
}
