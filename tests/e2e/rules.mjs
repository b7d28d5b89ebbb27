// End-to-end checks of the published rules file (`rules.bin`): an agency publishes new rules by
// replacing it in the served build, with no Rust build; a damaged, cut-short or incompatible
// file is refused with a message and the widget keeps the last good rules, online and offline.
// Called by run.mjs, which passes its helpers.

import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlled, visit, revisit } from './page.mjs';

const ORIGINAL = { en: 'Which best describes your organisation?', ja: '組織の種類に最も近いものを選んでください。' };
const EDITED = { en: 'Which best describes your organisation? (edited rules)', ja: '組織の種類に最も近いものを選んでください。（新しいルール）' };

// The shipped rules with the first question reworded, packed by the command-line tool as a
// program officer would (`shirube --rules FILE pack rules.bin`).
async function editedPack(root, dir) {
  let source = await readFile(join(root, 'engine/rules/rules.toml'), 'utf8');
  for (const lang of ['en', 'ja']) {
    if (!source.includes(`"${ORIGINAL[lang]}"`)) throw new Error(`rules.toml no longer has "${ORIGINAL[lang]}"`);
    source = source.replace(`"${ORIGINAL[lang]}"`, `"${EDITED[lang]}"`);
  }
  await writeFile(join(dir, 'edited.toml'), source);
  execFileSync('cargo', ['run', '--quiet', '-p', 'shirube-engine', '--bin', 'shirube', '--',
    '--rules', join(dir, 'edited.toml'), 'pack', join(dir, 'edited.bin')], { cwd: root, stdio: 'pipe' });
  return readFile(join(dir, 'edited.bin'));
}


// Opens the app afresh at its start screen (a reload, with the flow's state taken out of the
// address).
async function reopen(page) {
  await page.evaluate(() => window.history.replaceState(null, '', window.location.pathname));
  await revisit(page);
}

// The first question's heading, after Start.
async function firstQuestion(page) {
  await page.locator('.shirube-start').click();
  const heading = page.locator('.shirube-main h1');
  await page.locator('input[name="organisation"]').first().waitFor();
  return (await heading.textContent()).trim();
}

export async function rulesFileChecks(t) {
  const { browser, origin, check, expect, watchedPage, served, root } = t;
  // Each check serves its own copy of the build, whose rules file it replaces, to a fresh
  // browser context: `body({ dir, page, problems, context })`.
  const onPublished = async (locale, body) => {
    const dir = await mkdtemp(join(tmpdir(), 'shirube-published-'));
    await cp(t.dist, dir, { recursive: true });
    served.dist = dir;
    const { page, problems, context } = await watchedPage(browser, origin, { locale });
    try {
      await body({ dir, page, problems, context });
    } finally {
      served.stall = null;
      for (const res of served.stalled.splice(0)) res.destroy();
      served.dist = t.dist;
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  };
  const work = await mkdtemp(join(tmpdir(), 'shirube-rules-'));
  const shipped = await readFile(join(t.dist, 'rules.bin'));
  const edited = await editedPack(root, work);

  await check('a rules file replaced in the served build takes effect on reload, online and offline', async () => {
    await onPublished('en-US', async ({ dir, page, problems, context }) => {
      await visit(page, `${origin}/`);
      await controlled(page);
      expect(await firstQuestion(page) === ORIGINAL.en, 'the shipped rules first');
      await writeFile(join(dir, 'rules.bin'), edited);
      await reopen(page);
      expect(await firstQuestion(page) === EDITED.en, 'the replaced rules file is used on reload');
      await context.setOffline(true);
      await reopen(page);
      expect(await firstQuestion(page) === EDITED.en, 'offline, the last rules read are used');
      expect(await page.locator('.shirube-rules-kept').count() === 0, 'offline is no refusal: no notice');
      await page.getByRole('button', { name: '日本語' }).click();
      await page.locator('.shirube-main h1', { hasText: EDITED.ja }).waitFor();
      expect(problems.length === 0, problems.join('\n'));
    });
  });

  // A damaged file (cut short, one byte changed, another pack format, not a rules file at all,
  // missing): refused, with the notice, and the last good rules kept, online and offline.
  const damaged = {
    'cut short': shipped.subarray(0, Math.floor(shipped.length / 2)),
    'one byte changed': Buffer.from(shipped.map((b, i) => (i === 1000 ? b ^ 1 : b))),
    // The format number is the byte after the `SHRB` mark.
    'another pack format': Buffer.from(shipped.map((b, i) => (i === 4 ? b + 1 : b))),
    'an HTML page': Buffer.from('<!DOCTYPE html><title>Not found</title>'),
  };
  await check('a damaged, cut-short or incompatible rules file is refused with a message; the last good rules are kept, online and offline', async () => {
    await onPublished('ja-JP', async ({ dir, page, problems, context }) => {
      await visit(page, `${origin}/`);
      await controlled(page);
      await writeFile(join(dir, 'rules.bin'), edited);
      await reopen(page);
      expect(await firstQuestion(page) === EDITED.ja, 'a good replacement is taken');
      for (const [what, bytes] of Object.entries(damaged)) {
        await writeFile(join(dir, 'rules.bin'), bytes);
        problems.length = 0;
        await reopen(page);
        const notice = page.locator('.shirube-rules-kept');
        await notice.waitFor();
        const text = await notice.textContent();
        expect(text.includes('読み込めなかった') && text.includes('確認日'), `${what}: the notice says so in Japanese: ${text}`);
        expect(await firstQuestion(page) === EDITED.ja, `${what}: the last good rules (the replacement) are kept`);
        expect(problems.some((p) => p.includes('was refused')), `${what}: the console says why: ${problems.join('; ')}`);
      }
      await rm(join(dir, 'rules.bin'));
      await reopen(page);
      await page.locator('.shirube-rules-kept').waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      const english = await page.locator('.shirube-rules-kept').textContent();
      expect(english.includes('could not be read') && english.includes('reviewed'), `a missing file: the notice in English: ${english}`);
      expect(await firstQuestion(page) === EDITED.en, 'a missing file: the last good rules are kept');
      await context.setOffline(true);
      await reopen(page);
      // Reopened without the link's language: the browser's, Japanese.
      expect(await firstQuestion(page) === EDITED.ja, 'offline, the last good rules are served');
    });
  });

  await check('when the server stalls on the rules file, the widget starts on the kept rules after at most 5 seconds, without a notice', async () => {
    await onPublished('en-US', async ({ dir, page, problems, context }) => {
      await visit(page, `${origin}/`);
      await controlled(page);
      await writeFile(join(dir, 'rules.bin'), edited);
      await reopen(page);
      expect(await firstQuestion(page) === EDITED.en, 'the replaced rules are kept');
      served.stall = '/rules.bin';
      const started = Date.now();
      await reopen(page);
      const waited = Date.now() - started;
      expect(await firstQuestion(page) === EDITED.en, 'the kept rules are used');
      expect(await page.locator('.shirube-rules-kept').count() === 0, 'a stalled server is no refusal: no notice');
      expect(waited < 9000, `the app started after ${waited} ms`);
      console.log(`  with the rules file stalled, the app started after ${waited} ms`);
      expect(problems.length === 0, problems.join('\n'));
    });
  });

  await check('with a damaged rules file and no good copy kept, the widget says so (never blank), standalone and as an element; an element keeps the last good rules too', async () => {
    await onPublished('en-US', async ({ dir, page }) => {
      await writeFile(join(dir, 'rules.bin'), damaged['cut short']);
      await visit(page, `${origin}/`);
      await page.locator('.shirube[role=alert]', { hasText: 'could not be loaded' }).waitFor();
      await page.goto(`${origin}/test-hosts/two.html`);
      await page.locator('#first [role=alert]', { hasText: '読み込めませんでした' }).waitFor();
      await page.locator('#second [role=alert]', { hasText: 'could not be loaded' }).waitFor();
      // A good file is kept by the element's loader too; a damaged one then falls back to it.
      await writeFile(join(dir, 'rules.bin'), edited);
      await page.reload();
      await page.locator('#second .shirube-start').waitFor();
      expect(await page.locator('#second .shirube-rules-kept').count() === 0, 'a good file: no notice');
      await writeFile(join(dir, 'rules.bin'), damaged['one byte changed']);
      await page.reload();
      const notice = page.locator('#second .shirube-rules-kept');
      await notice.waitFor();
      expect((await notice.textContent()).includes('could not be read'), 'the element says the file was refused');
      await page.locator('#second .shirube-start').click();
      await page.locator('#second h1', { hasText: EDITED.en }).waitFor();
    });
  });

  await rm(work, { recursive: true, force: true });
}
