// The benchmark's peer: the form engine an agency's web team would otherwise pick, SurveyJS
// (npm survey-core and survey-js-ui, pinned in bench/peer/package.json), showing Shirube's own
// questions. Builds a static folder the benchmark serves like Shirube's dist/:
//
//   node bench/peer/build.mjs <out dir>        (report.mjs calls buildPeer the same way)
//
// The questions, options and texts (both languages) come from `shirube questions`. Shirube has
// no "ask when" in its rules: the engine asks a question only while its answer can still change
// a result, which depends on the programs' conditions. SurveyJS can only show a page when an
// expression on earlier answers holds (`visibleIf`). So the condition of each question is found
// by sampling: many random sets of answers are given to `shirube evaluate`, and a question gets
// a `visibleIf` on one or two earlier answers when, in every sample, those answers alone decided
// whether Shirube asked it. The rest are always shown; `conditions` in the build's summary says
// which, and bench/README.md why.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const root = resolve(here, '../..');
const esbuild = join(root, 'target/tools/node_modules/.bin/esbuild');
// Enough random answer sets that every pair of options of two questions occurs several times;
// seeded, so that every build derives the same conditions from the same rules.
const SAMPLES = 1200;
const SEED = 20;
// The start screen's heading, as Shirube's index.html has it: the survey's title.
const TITLE = { ja: '創薬の相談先を探す', en: 'Find where to ask for help' };

// Runs the `shirube` command-line tool of this checkout (built by cargo if needed).
function shirubeCommand(args) {
  const run = spawnSync('cargo', ['run', '-q', '-p', 'shirube-engine', '--bin', 'shirube', '--', ...args], {
    cwd: root, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  if (run.status !== 0) throw new Error(`shirube ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

// The binary `cargo run` left, called directly for the samples: a thousand `cargo run`s would
// each spend their time checking the build.
const shirubeBinary = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'debug/shirube');

function evaluate(answers) {
  return new Promise((done, failed) => {
    const child = spawn(shirubeBinary, ['evaluate', '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('error', failed);
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out)) : failed(new Error(`shirube evaluate exited ${code}`))));
    child.stdin.end(JSON.stringify(answers));
  });
}

// mulberry32: a small seeded generator, so the samples are the same on every build.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// One answer to every question, at random: the flow then takes the path these answers lead
// to, and `asked` says which questions it asked on the way.
function randomAnswers(questions, next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  return Object.fromEntries(questions.map((q) => {
    const ids = q.options.map((o) => o.id);
    if (!q.multiple) return [q.id, pick(ids)];
    const chosen = ids.filter(() => next() < 0.3);
    return [q.id, chosen.length ? chosen : [pick(ids)]];
  }));
}

// Random answer sets and the questions Shirube asked for each, a few at a time (each call
// mostly waits for its process to start).
async function samples(questions) {
  const next = random(SEED);
  const all = Array.from({ length: SAMPLES }, () => randomAnswers(questions, next));
  const found = [];
  for (let i = 0; i < all.length; i += 4) {
    const outcomes = await Promise.all(all.slice(i, i + 4).map(evaluate));
    outcomes.forEach((o, j) => found.push({ answers: all[i + j], asked: new Set(o.asked) }));
  }
  return found;
}

// The conditions found by this build of `shirube` (its rules are built in), kept in
// target/bench: sampling takes a minute on a busy machine, and the same engine and rules always
// give the same conditions.
async function cachedConditions(questions) {
  const engine = await readFile(shirubeBinary);
  const key = createHash('sha256').update(engine).update(`${SAMPLES} ${SEED}`).digest('hex').slice(0, 16);
  const file = join(root, 'target/bench', `peer-conditions-${key}.json`);
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    const found = conditions(questions, await samples(questions));
    await mkdir(join(root, 'target/bench'), { recursive: true });
    await writeFile(file, JSON.stringify(found));
    return found;
  }
}

// What SurveyJS sees of an earlier question: its answer, or nothing when it was not asked
// (the survey clears a hidden question's answer).
const seen = (sample, id) => (sample.asked.has(id) ? sample.answers[id] : null);

// Whether `question` is asked is decided by the answers to `earlier` alone, in every sample:
// then the value tuples for which it is asked (a tuple never sampled counts as asked, so the
// peer never leaves out a question Shirube might ask).
function decidedBy(question, earlier, all) {
  const decided = new Map();
  for (const sample of all) {
    const key = JSON.stringify(earlier.map((id) => seen(sample, id)));
    const asked = sample.asked.has(question.id);
    if (decided.has(key) && decided.get(key) !== asked) return null;
    decided.set(key, asked);
  }
  return decided;
}

// `{id}` is one of `values` (null: not answered), as a SurveyJS expression.
function isOneOf(question, values) {
  const ids = values.filter((v) => v !== null);
  const parts = [];
  if (values.includes(null)) parts.push(`{${question.id}} empty`);
  if (ids.length) parts.push(`{${question.id}} anyof [${ids.map((v) => `'${v}'`).join(', ')}]`);
  return parts.length > 1 ? `(${parts.join(' or ')})` : parts[0];
}

// The values an earlier question can have: its options, and nothing when it may be skipped.
const valuesOf = (question) => [...question.options.map((o) => o.id), ...(question.always ? [] : [null])];

// The expression that shows `question` after `earlier` (one or two questions).
function expression(earlier, decided) {
  const askedFor = (tuple) => decided.get(JSON.stringify(tuple)) ?? true;
  const [first, second] = earlier;
  if (!second) return isOneOf(first, valuesOf(first).filter((v) => askedFor([v])));
  // Grouped by the second question's values that show it, for each value of the first.
  const groups = new Map();
  for (const v of valuesOf(first)) {
    const shown = valuesOf(second).filter((w) => askedFor([v, w]));
    if (!shown.length) continue;
    const key = JSON.stringify(shown);
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  return [...groups].map(([key, firsts]) => {
    const shown = JSON.parse(key);
    const whenFirst = isOneOf(first, firsts);
    return shown.length === valuesOf(second).length ? whenFirst : `(${whenFirst} and ${isOneOf(second, shown)})`;
  }).join(' or ');
}

// For each question, the smallest set of at most two earlier single-answer questions whose
// answers decide whether Shirube asks it; none when it is always asked.
function conditions(questions, all) {
  const always = new Set(questions.filter((q) => all.every((s) => s.asked.has(q.id))).map((q) => q.id));
  return questions.map((question, index) => {
    if (always.has(question.id)) return { question: question.id, always: true };
    const earlier = questions.slice(0, index).filter((q) => !q.multiple)
      .map((q) => ({ ...q, always: always.has(q.id) }));
    const pairs = earlier.flatMap((a, i) => earlier.slice(i + 1).map((b) => [a, b]));
    for (const candidate of [...earlier.map((q) => [q]), ...pairs]) {
      const decided = decidedBy(question, candidate.map((q) => q.id), all);
      if (decided) {
        return { question: question.id, visibleIf: expression(candidate, decided) };
      }
    }
    return { question: question.id, shownAlways: 'asked depending on more than two earlier answers' };
  });
}

// The SurveyJS form: one question a page, as Shirube shows one a screen, every text in both
// languages, answers required (Shirube's Continue asks for one too).
function surveyJson(questions, found) {
  const byId = new Map(found.map((c) => [c.question, c]));
  return {
    title: TITLE,
    clearInvisibleValues: 'onHidden',
    showQuestionNumbers: 'off',
    pages: questions.map((q) => ({
      name: q.id,
      elements: [{
        type: q.multiple ? 'checkbox' : 'radiogroup',
        name: q.id,
        title: q.text,
        ...(q.hint ? { description: q.hint } : {}),
        isRequired: true,
        choices: q.options.map((o) => ({ value: o.id, text: o.label })),
        ...(byId.get(q.id).visibleIf ? { visibleIf: byId.get(q.id).visibleIf } : {}),
      }],
    })),
  };
}

// Bundles the page's script with the survey (esbuild, the version setup pins) and copies
// SurveyJS's stylesheet without its web font, which it would fetch from Google. Both get
// names that carry their content's hash, as Trunk's files do, so the host caches them the same
// way.
async function bundle(out, survey) {
  const work = join(out, '..', 'peer-src');
  await mkdir(work, { recursive: true });
  await writeFile(join(work, 'survey.json'), JSON.stringify(survey));
  await writeFile(join(work, 'entry.js'), `import { showSurvey } from ${JSON.stringify(join(here, 'page.js'))};
import survey from './survey.json';
showSurvey(survey, document.getElementById('survey'));
`);
  const bundled = join(work, 'page.js');
  const run = spawnSync(esbuild, [
    join(work, 'entry.js'), '--bundle', '--minify', '--format=esm', '--target=es2020',
    `--outfile=${bundled}`, '--legal-comments=none', '--log-level=warning',
  ], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`esbuild failed: ${run.stderr}`);
  return {
    script: await hashed(out, 'page', 'js', await readFile(bundled)),
    css: await hashed(out, 'survey-core', 'css',
      await readFile(join(here, 'node_modules/survey-core/survey-core.fontless.min.css'))),
  };
}

// Writes `bytes` as `<name>-<16 hex digits of their hash>.<ext>` and returns that name.
async function hashed(out, name, ext, bytes) {
  const file = `${name}-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${ext}`;
  await writeFile(join(out, file), bytes);
  return file;
}

const html = ({ script, css }) => `<!DOCTYPE html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${TITLE.ja} / ${TITLE.en}</title>
  <meta name="description" content="The benchmark's peer: Shirube's questions in SurveyJS.">
  <link rel="stylesheet" href="/${css}">
  <script type="module" src="/${script}"></script>
</head>
<body>
  <main id="survey"></main>
</body>
</html>
`;

const versionOf = async (name) =>
  JSON.parse(await readFile(join(here, 'node_modules', name, 'package.json'), 'utf8')).version;

// Builds the peer into `out` and returns what it is made of: the versions, and the condition
// found for each question.
export async function buildPeer(out) {
  const { questions } = JSON.parse(shirubeCommand(['questions']));
  const found = await cachedConditions(questions);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const files = await bundle(out, surveyJson(questions, found));
  await writeFile(join(out, 'index.html'), html(files));
  // Browsers ask for /favicon.ico; a 404 would count against the peer in Lighthouse's best
  // practices (an error in the console), which a real site would not have.
  await writeFile(join(out, 'favicon.ico'), '');
  return {
    surveyCore: await versionOf('survey-core'),
    surveyJsUi: await versionOf('survey-js-ui'),
    esbuild: spawnSync(esbuild, ['--version'], { encoding: 'utf8' }).stdout.trim(),
    samples: SAMPLES,
    conditions: found,
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [out] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/peer/build.mjs <out dir>');
    process.exit(2);
  }
  console.log(JSON.stringify(await buildPeer(resolve(out)), null, 2));
}
