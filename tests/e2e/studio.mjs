// End-to-end checks of the rules studio (/studio/): the lint's findings with their lines, the
// widget previewed on the edited rules in both languages, the personas an edit moves (the same
// as the command-line tool's `compare`), the diagram, the downloads, and accessibility.
// Called by run.mjs, which passes its helpers.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ORPHAN = '{ q = "patients_japan", in = ["under_1000", "under_50000"] }';
const QUESTION = { en: 'Which best describes your organisation?', ja: '組織の種類に最も近いものを選んでください。' };
const REWORDED = { en: 'Which best describes your organisation? (studio)', ja: '組織の種類に最も近いものを選んでください。（スタジオ）' };

// The shipped rules with the orphan designation's threshold moved (fewer than 1,000 patients
// only): the sample edit of issue 19.
export function orphanEdit(source) {
  const at = source.indexOf(ORPHAN, source.indexOf('id = "orphan"'));
  if (at < 0) throw new Error('rules.toml no longer has the orphan threshold this check edits');
  return `${source.slice(0, at)}{ q = "patients_japan", in = ["under_1000"] }${source.slice(at + ORPHAN.length)}`;
}

function reword(source) {
  let text = source;
  for (const lang of ['en', 'ja']) text = text.replace(`"${QUESTION[lang]}"`, `"${REWORDED[lang]}"`);
  return text;
}

// What the command-line tool says an edit moves: { persona: ['program: before -> after'] }.
function cliCompare(root, file) {
  const out = execFileSync('cargo', ['run', '--quiet', '-p', 'shirube-engine', '--bin', 'shirube', '--',
    '--rules', file, 'compare'], { cwd: root, encoding: 'utf8' });
  const moved = {};
  let persona = null;
  for (const line of out.split('\n')) {
    const head = line.match(/^([a-z0-9-]+): /);
    if (head) moved[(persona = head[1])] = [];
    const change = line.match(/^ {2}([a-z0-9_]+): (.+) -> (.+)$/);
    if (change && persona) moved[persona].push(change[1]);
  }
  return moved;
}

// Sets the editor's text as a paste would, and waits for the studio to update; returns the
// studio's own figure: milliseconds from the edit to the update on screen.
export async function edit(page, text) {
  const before = Number(await page.locator('.studio-status').getAttribute('data-updates'));
  await page.locator('#studio-source').evaluate((area, value) => {
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.waitForFunction((b) => Number(document.querySelector('.studio-status')?.dataset.updates) > b, before);
  return Number(await page.locator('.studio-status').getAttribute('data-update-ms'));
}

async function previewQuestion(page, lang) {
  const frame = page.frameLocator(`iframe[data-lang=${lang}]`);
  await frame.locator('.shirube:not(.shirube-pre) .shirube-start').click();
  await frame.locator('input[name="organisation"]').first().waitFor();
  return (await frame.locator('.shirube-main h1').textContent()).trim();
}

export async function studioChecks(t) {
  const { browser, origin, check, expect, sameList, watchedPage, axeViolations, root } = t;
  const shipped = await readFile(join(root, 'engine/rules/rules.toml'), 'utf8');

  await check('the rules studio shows a lint error\'s line, the preview on the edited rules and the personas an edit moves, in both languages; it downloads rules.toml and the rules.bin the command line packs', async () => {
    const work = await mkdtemp(join(tmpdir(), 'shirube-studio-'));
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'ja-JP', acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${origin}/studio/`);
      const status = page.locator('.studio-status');
      await status.locator('xpath=self::*[@data-update-ms]').waitFor();
      expect((await status.textContent()).startsWith('エラー 0件、警告 0件'), `the shipped rules pass: ${await status.textContent()}`);
      expect(await page.locator('#studio-source').inputValue() === shipped, 'it opens the shipped rules.toml');
      expect(await page.locator('.studio-svg svg g.row').count() === (shipped.match(/^\[\[programs\]\]/gm) ?? []).length,
        'the diagram has a row per program');
      expect(await previewQuestion(page, 'ja') === QUESTION.ja && await previewQuestion(page, 'en') === QUESTION.en,
        'the preview runs the widget in both languages');

      // The sample edit: the orphan threshold. The table lists exactly whom `compare` lists.
      const orphan = orphanEdit(shipped);
      await writeFile(join(work, 'orphan.toml'), orphan);
      const expected = cliCompare(root, join(work, 'orphan.toml'));
      const took = [];
      took.push(await edit(page, orphan));
      const rows = await page.locator('.studio-personas tbody tr').evaluateAll((trs) => trs.map((tr) => ({
        persona: tr.dataset.persona,
        programs: [...tr.querySelectorAll('li[data-program]')].map((li) => li.dataset.program),
        text: tr.textContent,
      })));
      sameList(rows.map((r) => r.persona), Object.keys(expected), 'the personas the edit moves (as `shirube compare`)');
      for (const row of rows) sameList(row.programs, expected[row.persona], `${row.persona}: the programs that move`);
      const count = Object.keys(expected).length;
      expect((await page.locator('.studio-count').textContent()).includes(`のうち${count}件`), 'the count, in Japanese');
      expect(rows.every((r) => r.text.includes('→ 対象外')), 'each row says how, in Japanese');

      // A question reworded: the preview runs the edited rules, in both languages.
      took.push(await edit(page, reword(orphan)));
      await page.waitForTimeout(400);
      expect(await previewQuestion(page, 'ja') === REWORDED.ja, 'the Japanese preview shows the edited question');
      expect(await previewQuestion(page, 'en') === REWORDED.en, 'the English preview shows the edited question');

      // A lint error: its line, a button that takes the caret there, the last good preview kept.
      const broken = reword(orphan).replace('id = "orphan"\n', 'id = "orphan"\nbogus = 1\n');
      took.push(await edit(page, broken));
      const line = broken.slice(0, broken.indexOf('bogus = 1')).split('\n').length;
      const finding = page.locator('.studio-finding.studio-error');
      expect(await finding.count() === 1, 'one error');
      expect(Number(await finding.getAttribute('data-line')) === line, `the error names line ${line}`);
      expect((await finding.textContent()).includes(`${line}行目`) && (await finding.textContent()).includes('bogus'), await finding.textContent());
      expect((await status.textContent()).startsWith('エラー 1件'), await status.textContent());
      expect(await page.locator('.studio-publish').isDisabled(), 'no rules.bin while there is an error');
      await finding.locator('button').click();
      const caret = await page.locator('#studio-source').evaluate((a) => a.value.slice(0, a.selectionStart).split('\n').length);
      expect(caret === line, `the caret goes to line ${line} (at ${caret})`);
      await page.waitForTimeout(400);
      const kept = (await page.frameLocator('iframe[data-lang=en]').locator('.shirube-main h1').textContent()).trim();
      expect(kept === REWORDED.en, `the last good preview is kept, where the user was (${kept})`);

      // English.
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Shirube rules studio' }).waitFor();
      expect((await finding.textContent()).includes(`Line ${line}`), 'the line in English');
      took.push(await edit(page, reword(orphan)));
      expect((await page.locator('.studio-count').textContent()).includes(`${count} of `), 'the count, in English');
      expect((await page.locator('.studio-personas tbody').textContent()).includes('→ does not fit'), 'how, in English');

      // Downloads: the text as edited, and the pack the command line makes of it.
      const saved = async (name) => {
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
        return readFile(await download.path());
      };
      const toml = await saved('Download rules.toml');
      expect(toml.toString('utf8') === reword(orphan), 'rules.toml is the edited text');
      const pack = await saved('Download rules.bin to publish');
      await writeFile(join(work, 'edited.toml'), reword(orphan));
      execFileSync('cargo', ['run', '--quiet', '-p', 'shirube-engine', '--bin', 'shirube', '--',
        '--rules', join(work, 'edited.toml'), 'pack', join(work, 'edited.bin')], { cwd: root, stdio: 'pipe' });
      expect(pack.equals(await readFile(join(work, 'edited.bin'))), 'rules.bin is what `shirube pack` writes');
      console.log(`  edit to updated lint, persona table and diagram on screen: ${took.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
      expect(problems.length === 0, problems.join('\n'));
    } finally {
      await context.close();
      await rm(work, { recursive: true, force: true });
    }
  });

  await check('the rules studio opens a file, Windows line ends too, and takes the caret to a finding\'s line', async () => {
    const { page, problems, context } = await watchedPage(browser, origin, { locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${origin}/studio/`);
      await page.locator('.studio-status[data-update-ms]').waitFor();
      const broken = orphanEdit(shipped).replace('id = "orphan"\n', 'id = "orphan"\nbogus = 1\n');
      const before = Number(await page.locator('.studio-status').getAttribute('data-updates'));
      await page.locator('input[type=file]').setInputFiles({
        name: 'rules-2027.toml', mimeType: 'text/plain', buffer: Buffer.from(broken.replaceAll('\n', '\r\n')),
      });
      await page.waitForFunction((b) => Number(document.querySelector('.studio-status')?.dataset.updates) > b, before);
      expect(await page.locator('#studio-source').inputValue() === broken, 'the file is in the editor, with LF line ends');
      const line = broken.slice(0, broken.indexOf('bogus = 1')).split('\n').length;
      const finding = page.locator('.studio-finding.studio-error');
      expect(Number(await finding.getAttribute('data-line')) === line, `the error names line ${line}`);
      await finding.locator('button').click();
      const caret = await page.locator('#studio-source').evaluate((a) => [a.value.slice(0, a.selectionStart).split('\n').length, a.value.slice(a.selectionStart, a.selectionEnd)]);
      sameList(caret, [line, 'bogus = 1'], 'the caret selects the line');
      const gutter = await page.locator('.studio-gutter').textContent();
      expect(gutter.split('\n').length === broken.split('\n').length, 'a line number for every line');
      expect(problems.length === 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  await check('the rules studio has no axe-core violations (WCAG 2.2 A/AA), with an error shown, in both languages', async () => {
    const { page, context } = await watchedPage(browser, origin, { locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
    try {
      await page.goto(`${origin}/studio/`);
      await page.locator('.studio-status[data-update-ms]').waitFor();
      await edit(page, orphanEdit(shipped).replace('id = "orphan"\n', 'id = "orphan"\nbogus = 1\n'));
      const found = [];
      for (const v of await axeViolations(page)) found.push(`ja: ${v}`);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Shirube rules studio' }).waitFor();
      await edit(page, orphanEdit(shipped));
      for (const v of await axeViolations(page)) found.push(`en: ${v}`);
      expect(found.length === 0, found.join('\n'));
    } finally {
      await context.close();
    }
  });
}
