// Nothing leaves the browser: every request of a whole visit, the service worker's included, is
// a GET of one of the build's own files. Called by run.mjs, which passes its helpers.

import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { visit } from './page.mjs';

// Every file of a build, as URL paths ("/index.html", "/public/icons/icon-192.png", …).
async function buildFiles(dir, base = dir) {
  const paths = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) paths.push(...await buildFiles(path, base));
    else paths.push(`/${relative(base, path).split(sep).join('/')}`);
  }
  return paths;
}

export async function privacyChecks(t) {
  const { browser, origin, dist, check, expect, completeFlow, persona } = t;

  await check('a whole visit requests only the app\'s own files: no third party, no beacon, no answers sent', async () => {
    const own = new Set(await buildFiles(dist));
    const p = await persona('jp-startup-cell-therapy-rare-disease');
    const context = await browser.newContext({
      serviceWorkers: 'allow',
      locale: 'en-US',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const requests = [];
    // Context-wide, so the service worker's own fetches are recorded too.
    context.on('request', (r) => requests.push({ method: r.method(), url: r.url(), type: r.resourceType() }));
    try {
      const page = await context.newPage();
      await visit(page, `${origin}/`);
      await page.locator('.shirube-start').click();
      await completeFlow(page, p.answers, { keyboard: false });
      await page.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready);
      // Everything a user can do with the result: copy it, save it, open the share link,
      // go back, switch the language.
      await page.locator('.shirube-copy').click();
      await page.locator('.shirube-takeaway .shirube-takeaway-status').waitFor();
      await page.locator('.shirube-copy-link').click();
      await page.locator('.shirube-share .shirube-takeaway-status').waitFor();
      for (const button of ['.shirube-save-markdown', '.shirube-save-json']) {
        await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
      }
      const shared = await page.locator('#shirube-share-link').inputValue();
      const second = await context.newPage();
      await visit(second, shared);
      await second.locator('h1', { hasText: 'Support that may fit you' }).waitFor();
      await page.goBack();
      await page.locator('form.shirube-form').waitFor();
      await page.locator('button.shirube-lang').click();
      await page.waitForLoadState('networkidle');
      await second.waitForLoadState('networkidle');
    } finally {
      await context.close();
    }
    const strays = requests.filter(({ method, url }) => {
      const u = new URL(url);
      if (u.protocol === 'blob:' || u.protocol === 'data:') return false;
      const path = u.pathname === '/' ? '/index.html' : u.pathname;
      // A fixed set of paths and no query: nothing about the answers can travel in a request.
      return method !== 'GET' || u.origin !== origin || !own.has(path) || u.search !== '';
    });
    console.log(`  ${requests.length} requests recorded, ${new Set(requests.map((r) => r.url)).size} distinct, all GETs of the build's files`);
    expect(strays.length === 0, `requests that are not the app's own files:\n${strays.map((r) => `${r.method} ${r.url} (${r.type})`).join('\n')}`);
  });
}
