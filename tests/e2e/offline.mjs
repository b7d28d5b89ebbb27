// End-to-end checks of the installable, offline app: the manifest, the service worker's
// precache, offline use after one visit, and a safe update from one build to the next.
// Called by run.mjs, which passes its helpers.

import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { runLighthouse } from './lighthouse.mjs';
import { controlled, visit, revisit } from './page.mjs';


// The files the worker of the build at `origin` precaches, with their SHA-256 and size.
async function workerFiles(page, origin) {
  const sw = await (await page.request.get(`${origin}/sw.js`)).text();
  return JSON.parse(sw.match(/const FILES = (\{.*\});/)[1].replaceAll("'", '"'));
}

// Build N+1: build N (`dist`) with a changed page, and its service worker naming a new build
// with the page's new hash, as `cargo xtask loaders` would write it. Returns its folder.
async function nextBuild(dist) {
  const next = await mkdtemp(join(tmpdir(), 'shirube-next-'));
  await cp(dist, next, { recursive: true });
  const page = (await readFile(join(next, 'index.html'), 'utf8')).replace('</body>', '<!-- build N+1 -->\n</body>');
  await writeFile(join(next, 'index.html'), page);
  const bytes = Buffer.from(page);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const worker = (await readFile(join(next, 'sw.js'), 'utf8'))
    .replace(/const BUILD = '([0-9a-f]+)'/, "const BUILD = 'next$1'")
    .replace(/'index\.html': \['[0-9a-f]+', \d+\]/, `'index.html': ['${hash}', ${bytes.length}]`);
  await writeFile(join(next, 'sw.js'), worker);
  return next;
}

// What the build's cache holds: its name, and each file with the SHA-256 of its bytes.
async function cachedBuild(page) {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name !== 'shirube-rules');
    const files = {};
    for (const name of names) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const bytes = await (await cache.match(request)).arrayBuffer();
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
        files[new URL(request.url).pathname.slice(1)] = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
      }
    }
    return { names, files };
  });
}

// Keeps the promise of the page's service worker registration, so that `installed` can wait
// for that worker's install whether it succeeds or fails (a failed first install leaves no
// registration to find).
async function watchRegistration(page) {
  await page.addInitScript(() => {
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      window.shirubeTestRegistration = register.apply(this, args);
      return window.shirubeTestRegistration;
    };
  });
}

// Waits until the worker registered by the page (see `watchRegistration`) has finished
// installing: installed, or failed (redundant).
async function installed(page) {
  await page.waitForFunction(() => window.shirubeTestRegistration !== undefined);
  await page.evaluate(async () => {
    const registration = await window.shirubeTestRegistration;
    const worker = registration.installing;
    if (!worker) return;
    await new Promise((done) => worker.addEventListener('statechange', () => {
      if (worker.state !== 'installing') done();
    }));
  });
}

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
    const listed = await workerFiles(page, origin);
    sameList(cached.files.sort(), Object.keys(listed).map((f) => `/${f}`).sort(), 'the precached files are the build\'s');
    const hashes = (await cachedBuild(page)).files;
    for (const [file, [sha256]] of Object.entries(listed)) {
      expect(hashes[file] === sha256, `the cached ${file} is the build's (SHA-256)`);
    }

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

  await check('a damaged file in the offline copy is fetched again; offline, the app says it could not start, and a reload works', async () => {
    const { page, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    // The cached page and wasm are damaged (a disk error, an interrupted write, a captive
    // portal's page kept in place of the app's).
    const damage = (page_too) => page.evaluate(async (page_too) => {
      const name = (await caches.keys()).find((n) => n !== 'shirube-rules');
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (request.url.endsWith('_bg.wasm')) await cache.put(request, new Response('damaged', { headers: { 'content-type': 'application/wasm' } }));
        if (page_too && request.url.endsWith('/index.html')) await cache.put(request, new Response('<p>Sign in to the Wi-Fi</p>', { headers: { 'content-type': 'text/html' } }));
      }
    }, page_too);
    try {
      await visit(page, `${origin}/`);
      await controlled(page);
      const listed = await workerFiles(page, origin);
      // Online, the worker notices, fetches both again and puts them back.
      await damage(true);
      await revisit(page);
      await page.locator('.shirube-start').waitFor();
      const repaired = (await cachedBuild(page)).files;
      for (const [file, [sha256]] of Object.entries(listed)) {
        expect(repaired[file] === sha256, `the cached ${file} is the build's again`);
      }
      // Offline, nothing can be fetched again: the page says so, and its advice works.
      await context.setOffline(true);
      await damage(false);
      await page.reload();
      await page.locator('.shirube-pre[lang=en] [role=alert]', { hasText: 'could not start' }).waitFor();
      await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistrations()).length === 0);
      await context.setOffline(false);
      await revisit(page);
      await page.locator('.shirube-start').waitFor();
      await controlled(page);
    } finally {
      await context.close();
    }
  });

  await check('a build published during the first visit never mixes into its offline copy', async () => {
    // Build N+1 goes live just after the page has asked for build N's worker, so the worker's
    // install gets N+1's page (review defect 4: the cache held N+1's page with N's other files).
    const next = await nextBuild(t.dist);
    const { page, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    try {
      t.served.publish = { after: '/sw.js', dist: next };
      await watchRegistration(page);
      await visit(page, `${origin}/`);
      await page.locator('.shirube-start').waitFor();
      // Build N's worker refuses N+1's page: no copy at all rather than a mixed one.
      await installed(page);
      const first = await cachedBuild(page);
      expect(first.names.length === 0, `no cache of a mixed build: ${first.names}`);
      const said = () => warnings.some((w) => w.includes('cannot keep a copy for offline use') && w.includes('index.html'));
      for (let i = 0; i < 50 && !said(); i += 1) await page.waitForTimeout(100);
      expect(said(), `the console says why: ${warnings.join(' | ')}`);
      // The next visit installs build N+1 whole, and it works offline.
      await revisit(page);
      await controlled(page);
      const second = await cachedBuild(page);
      expect(second.names.length === 1 && second.names[0].startsWith('shirube-next'), `build N+1's cache: ${second.names}`);
      const listed = await workerFiles(page, origin);
      for (const [file, [sha256]] of Object.entries(listed)) {
        expect(second.files[file] === sha256, `the cached ${file} is build N+1's`);
      }
      await context.setOffline(true);
      await revisit(page);
      await page.locator('.shirube-start').waitFor();
      expect((await page.content()).includes('build N+1'), 'offline, the page is build N+1');
    } finally {
      t.served.publish = null;
      t.served.dist = t.dist;
      await context.close();
      await rm(next, { recursive: true, force: true });
    }
  });

  await check('with no room for the offline copy, nothing is left behind and the console says why', async () => {
    // Chromium's quota override refuses the worker's writes but leaves navigator.storage.estimate()
    // as it was, so this runs the refused write (QuotaExceededError), not the check before any
    // download, which only a browser short of room shows.
    const { page, context } = await watchedPage(browser, origin, { locale: 'en-US' });
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 64 * 1024 });
      await watchRegistration(page);
      await visit(page, `${origin}/`);
      await page.locator('.shirube-start').waitFor();
      await installed(page);
      const said = () => warnings.some((w) => w.includes('no room to keep it for offline use'));
      for (let i = 0; i < 50 && !said(); i += 1) await page.waitForTimeout(100);
      expect(said(), `the console says why: ${warnings.join(' | ')}`);
      const left = await cachedBuild(page);
      expect(left.names.length === 0, `no empty cache left: ${left.names}`);
    } finally {
      await context.close();
    }
  });

  await check('a new build is offered with a reload prompt, in the user\'s language, in every open tab, and leaves only its own cache', async () => {
    const next = await nextBuild(t.dist);

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
