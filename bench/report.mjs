// The benchmark's browser half and its report. `cargo xtask bench` builds Shirube and the floor
// (the smallest Leptos app) with the same profile and tools, times the engine, then runs this:
//
//   node bench/report.mjs <shirube dist> <floor dist> <engine timings JSON> <tools JSON>
//
// For each app it records, in Debian's Chromium, every file a first visit loads (the service
// worker's precache included) and sizes each raw, gzip -9 and brotli -q 11. It runs Lighthouse 12
// (mobile preset) on each, served the way a host should serve them: brotli when the browser asks
// for it. It writes bench/results.json and bench/results.md and prints the table. Budgets are
// reported, never asserted: this is a measurement, not a test.
//
// It also builds and measures the peer, Shirube's questions in SurveyJS (bench/peer/), the
// same way; times each answer's click to the next screen on a slowed phone, for both
// (bench/latency.mjs); and measures memory over long use (bench/memory.mjs).
//
// SHIRUBE_BENCH_ONLY=<parts> (comma-separated: studio, before, apps, peer, latency, memory)
// runs only those parts and writes target/bench/partial-results.json and .md instead of
// bench/results.*. SHIRUBE_BENCH_LIGHTHOUSE_RUNS, SHIRUBE_BENCH_LATENCY_FLOWS,
// SHIRUBE_BENCH_FLOWS and SHIRUBE_BENCH_MOUNTS change the counts below, for trying small ones.
//
// It uses the end-to-end test's npm packages (tests/e2e/node_modules, installed by setup) and
// the peer's (bench/peer/node_modules, also installed by setup).

import { createServer } from 'node:http';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { chromium } from '../tests/e2e/node_modules/playwright-core/index.mjs';
import { runLighthouse } from '../tests/e2e/lighthouse.mjs';
import { contentTypes as types, strictCsp } from '../tests/e2e/serving.mjs';
import { edit, orphanEdit } from '../tests/e2e/studio.mjs';
import { buildPeer } from './peer/build.mjs';
import { interactionLatency } from './latency.mjs';
import { longUseFlows, longUseMounts } from './memory.mjs';

const [shirubeDist, floorDist, engineFile, toolsFile] = process.argv.slice(2).map((p) => resolve(p));
if (!toolsFile) {
  console.error('usage: node bench/report.mjs <shirube dist> <floor dist> <engine.json> <tools.json>');
  process.exit(2);
}
const benchDir = new URL('.', import.meta.url).pathname;
const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const count = (name, fallback) => Number(process.env[name] ?? fallback);
// Lighthouse varies from run to run; the report gives the median of these many runs.
const LIGHTHOUSE_RUNS = count('SHIRUBE_BENCH_LIGHTHOUSE_RUNS', 5);
// The persona whose flow is timed (every question but one asked), and how many times.
const LATENCY_PERSONA = 'us-biotech-orphan-drug';
const LATENCY_FLOWS = count('SHIRUBE_BENCH_LATENCY_FLOWS', 3);
// Issue 20: random flows in one visit, and mounts of the element on one host page.
const LONG_USE_FLOWS = count('SHIRUBE_BENCH_FLOWS', 500);
const LONG_USE_MOUNTS = count('SHIRUBE_BENCH_MOUNTS', 1000);
const PARTS = ['studio', 'before', 'apps', 'peer', 'latency', 'memory'];
const only = process.env.SHIRUBE_BENCH_ONLY?.split(',').map((p) => p.trim()).filter(Boolean) ?? null;
const unknownParts = (only ?? []).filter((p) => !PARTS.includes(p));
if (unknownParts.length) {
  console.error(`SHIRUBE_BENCH_ONLY: no part ${unknownParts.join(', ')} (parts: ${PARTS.join(', ')})`);
  process.exit(2);
}
const runs = (part) => !only || only.includes(part);
const peerDist = resolve(benchDir, '../target/bench/peer');

// The first-load budget decided in issue 20: a ceiling while features grow, a multiple of the
// Leptos floor measured in the same run, and LCP near the floor's. Issue 19: publishing the
// rules as their own file may add at most 2 KB to the first load (SHIRUBE_BENCH_BEFORE); the
// studio updates within 100 ms of an edit.
const BUDGETS = {
  firstLoadBrotli: 140 * 1024,
  floorRatio: 5.2,
  performance: 100,
  accessibility: 100,
  bestPractices: 100,
  lcpOverFloorMs: 150,
  evaluateNs: 5000,
  growthBrotli: 2 * 1024,
  studioUpdateMs: 100,
  interactionP75Ms: 50,
  longUseGrowthBytes: 1024 * 1024,
};
// A build to compare the first load with (a dist folder), and what to call it.
const before = process.env.SHIRUBE_BENCH_BEFORE ? resolve(process.env.SHIRUBE_BENCH_BEFORE) : null;
const beforeLabel = process.env.SHIRUBE_BENCH_BEFORE_LABEL ?? before;
// Edits timed in the studio: the orphan threshold moved, then back, this many times each.
const STUDIO_EDITS = 10;

// Quality 11 and a 16 MiB window: what `brotli -q 11` does.
const brotli = (bytes) => brotliCompressSync(bytes, {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
  },
});

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotli(bytes).length,
});

// A static host as it should be set up for Shirube: brotli (or gzip) when the browser accepts
// it, long caching for the hashed files, the strict Content-Security-Policy for Shirube. Counts
// the bytes it sends.
async function host(dist, headers) {
  const compressed = new Map();
  const sent = { bytes: 0, requests: 0 };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = join(dist, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    let body;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : null;
    if (encoding) {
      const key = `${encoding}:${file}`;
      if (!compressed.has(key)) {
        compressed.set(key, encoding === 'br' ? brotli(body) : gzipSync(body, { level: 9 }));
      }
      body = compressed.get(key);
    }
    sent.bytes += body.length;
    sent.requests += 1;
    // Files whose names carry their content's hash never change; the rest are revalidated.
    const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(encoding ? { 'content-encoding': encoding, vary: 'accept-encoding' } : {}),
      ...headers,
    });
    res.end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${server.address().port}`, server, sent };
}

// Every file a first visit loads, the service worker's requests included: the page is opened
// in a fresh profile and left until the app shows `ready` and the worker (if any) is active.
async function firstLoad(app) {
  const { origin, server, sent } = await host(app.dist, app.headers);
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const paths = new Set();
    const foreign = [];
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin) paths.add(url.pathname === '/' ? '/index.html' : url.pathname);
      else if (!url.protocol.startsWith('data')) foreign.push(request.url());
    });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.locator(app.ready).first().waitFor();
    if (app.serviceWorker) {
      // Installed (the precache is complete) and activated.
      await page.waitForFunction(async () =>
        (await navigator.serviceWorker.ready).active?.state === 'activated');
    }
    await page.waitForLoadState('networkidle');
    if (foreign.length) throw new Error(`${app.name} requested other origins: ${foreign.join(', ')}`);
    const files = [];
    for (const path of [...paths].sort()) {
      const bytes = await readFile(join(app.dist, path));
      files.push({ file: path.slice(1), ...sizes(bytes) });
    }
    const total = files.reduce((t, f) => ({
      raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli,
    }), { raw: 0, gzip: 0, brotli: 0 });
    return { files, total, wire: { ...sent } };
  } finally {
    await browser.close();
    server.close();
  }
}

// The rules studio (/studio/ of Shirube's build): its own files, the time until it has checked
// the shipped rules and drawn everything, and the time from an edit to the updated lint,
// persona table and diagram on screen (the studio's own figure, `data-update-ms`).
async function studio(dist) {
  const { origin, server } = await host(dist, { 'content-security-policy': strictCsp });
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    // A first visit lets the host compress each file once (brotli -q 11 of the studio's wasm
    // takes the host seconds); the visit measured is a fresh profile's.
    const warm = await browser.newContext();
    await (await warm.newPage()).goto(`${origin}/studio/`);
    await warm.pages()[0].locator('.studio-status[data-update-ms]').waitFor();
    await warm.close();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const paths = new Set();
    context.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === origin && url.pathname.startsWith('/studio/')) {
        paths.add(url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname);
      }
    });
    const page = await context.newPage();
    await page.goto(`${origin}/studio/`);
    await page.locator('.studio-status[data-update-ms]').waitFor();
    const readyMs = await page.evaluate(() => performance.now());
    const files = [];
    for (const path of [...paths].sort()) {
      files.push({ file: path.slice(1), ...sizes(await readFile(join(dist, path))) });
    }
    const total = files.reduce((t, f) => ({
      raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli,
    }), { raw: 0, gzip: 0, brotli: 0 });
    const shipped = await page.locator('#studio-source').inputValue();
    const edited = orphanEdit(shipped);
    const samples = [];
    for (let i = 0; i < STUDIO_EDITS; i += 1) {
      samples.push(await edit(page, edited));
      samples.push(await edit(page, shipped));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return {
      files,
      total,
      readyMs,
      edits: { samples: samples.length, medianMs: at(0.5), p75Ms: at(0.75), worstMs: sorted.at(-1) },
    };
  } finally {
    await browser.close();
    server.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function lighthouse(app) {
  const { origin, server } = await host(app.dist, app.headers);
  const runs = [];
  try {
    for (let i = 0; i < LIGHTHOUSE_RUNS; i += 1) {
      const lhr = await runLighthouse(`${origin}/`, {
        onlyCategories: ['performance', 'accessibility', 'best-practices'],
      });
      const a = lhr.audits;
      runs.push({
        performance: Math.round(lhr.categories.performance.score * 100),
        accessibility: Math.round(lhr.categories.accessibility.score * 100),
        bestPractices: Math.round(lhr.categories['best-practices'].score * 100),
        fcpMs: a['first-contentful-paint'].numericValue,
        lcpMs: a['largest-contentful-paint'].numericValue,
        tbtMs: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        failing: Object.values(a)
          .filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode !== 'informative'
            && x.scoreDisplayMode !== 'notApplicable' && x.scoreDisplayMode !== 'manual')
          .map((x) => x.id),
        lighthouse: lhr.lighthouseVersion,
        chromium: lhr.environment.hostUserAgent.match(/Chrome\/([\d.]+)/)?.[1],
      });
    }
  } finally {
    server.close();
  }
  const keys = ['performance', 'accessibility', 'bestPractices', 'fcpMs', 'lcpMs', 'tbtMs', 'cls'];
  const result = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))]));
  result.runs = runs.length;
  // Each run's performance score and LCP, to show how much they vary.
  result.eachRun = runs.map((r) => ({ performance: r.performance, lcpMs: Math.round(r.lcpMs) }));
  result.failingAudits = [...new Set(runs.flatMap((r) => r.failing))].sort();
  result.lighthouse = runs[0].lighthouse;
  result.chromium = runs[0].chromium;
  return result;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${n < 0 ? '−' : ''}${(Math.abs(n) / (1024 * 1024)).toFixed(2)} MB`;
const ms = (n) => `${Math.round(n)} ms`;
const ns = (n) => (n < 1000 ? `${n.toFixed(0)} ns` : n < 1e6 ? `${(n / 1000).toFixed(2)} µs` : `${(n / 1e6).toFixed(2)} ms`);
const verdict = (ok) => (ok ? '✅ met' : '❌ not met');

// A first load's files and total, as a table.
function firstLoadTable(lines, name, load) {
  lines.push(`### ${name}`, '', '| File | Raw | gzip -9 | brotli -q 11 |', '|---|---:|---:|---:|');
  for (const f of load.files) lines.push(`| \`${f.file}\` | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
  const t = load.total;
  lines.push(`| **Total** (${load.files.length} files) | **${t.raw}** | **${t.gzip}** | **${t.brotli}** |`, '');
  lines.push(`Sent over the wire by a brotli-serving host: ${load.wire.bytes} bytes in ${load.wire.requests} requests.`, '');
}

// Shirube's first load over another's, for each compression.
const ratios = (a, b) => ['raw', 'gzip', 'brotli']
  .map((k) => `${k} ${(a.firstLoad.total[k] / b.firstLoad.total[k]).toFixed(2)}×`).join(', ');

function markdown(r) {
  const { shirube, floor, peer, engine } = r;
  const lines = [];
  lines.push(`# Shirube benchmark, ${r.date}`, '');
  if (r.only) lines.push(`Only these parts of the benchmark ran: ${r.only.join(', ')}.`, '');
  const measuredIn = shirube?.lighthouse ?? peer?.lighthouse;
  lines.push(`Built with ${r.tools.rustc}; ${r.tools.trunk}, ${r.tools.wasmBindgen}, `
    + `${r.tools.wasmOpt}; release profile ${r.tools.profile}.`
    + (measuredIn ? ` Measured in Chromium ${measuredIn.chromium} with Lighthouse ${measuredIn.lighthouse} (mobile preset, `
      + `median of ${measuredIn.runs} runs).` : '')
    + (peer ? ` The peer: SurveyJS (survey-core ${peer.built.surveyCore}, survey-js-ui ${peer.built.surveyJsUi}), `
      + `bundled with esbuild ${peer.built.esbuild}.` : '')
    + ' Produced by `cargo xtask bench`.', '');
  if (shirube) {
    lines.push('## First load', '');
    lines.push('Every file a first visit loads, the service worker\'s precache included.', '');
    firstLoadTable(lines, 'Shirube', shirube.firstLoad);
    if (floor) {
      firstLoadTable(lines, 'Floor (one signal, one button)', floor.firstLoad);
      lines.push(`Shirube / floor: ${ratios(shirube, floor)}.`, '');
    }
    if (peer?.firstLoad) {
      firstLoadTable(lines, 'Peer (SurveyJS with Shirube\'s questions)', peer.firstLoad);
      lines.push(`Shirube / peer: ${ratios(shirube, peer)}.`, '');
    }
  }
  if (r.before) {
    const d = shirube.firstLoad.total.brotli - r.before.firstLoad.total.brotli;
    lines.push(`Before (${r.before.label}): ${r.before.firstLoad.total.brotli} B brotli in ${r.before.firstLoad.files.length} files `
      + `(${r.before.firstLoad.files.map((f) => `\`${f.file}\` ${f.brotli}`).join(', ')}); now ${shirube.firstLoad.total.brotli} B: `
      + `${d >= 0 ? '+' : ''}${d} B.`, '');
  }
  if (r.studio) {
    const st = r.studio;
    lines.push('## Rules studio (/studio/, its own bundle)', '', '| File | Raw | gzip -9 | brotli -q 11 |', '|---|---:|---:|---:|');
    for (const f of st.files) lines.push(`| \`${f.file}\` | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
    lines.push(`| **Total** (${st.files.length} files) | **${st.total.raw}** | **${st.total.gzip}** | **${st.total.brotli}** |`, '');
    lines.push(`Ready (the shipped rules checked, the persona table and the diagram drawn; its previews load the widget beside it): ${ms(st.readyMs)} after navigation, unthrottled.`,
      `From an edit (the orphan threshold moved, and back; ${st.edits.samples} edits) to the updated lint, persona table and diagram on screen: `
      + `median ${ms(st.edits.medianMs)}, p75 ${ms(st.edits.p75Ms)}, worst ${ms(st.edits.worstMs)}. The previews reload 250 ms after the last edit.`, '');
  }
  const audited = [['Shirube', shirube], ['Floor', floor], ['Peer', peer]].filter(([, app]) => app?.lighthouse);
  if (audited.length) {
    lines.push('## Lighthouse (mobile)', '', `| | ${audited.map(([n]) => n).join(' | ')} |`, `|---|${audited.map(() => '---:').join('|')}|`);
    const row = (label, f) => lines.push(`| ${label} | ${audited.map(([, app]) => f(app.lighthouse)).join(' | ')} |`);
    row('Performance', (l) => l.performance);
    row('Performance, each run', (l) => l.eachRun.map((x) => x.performance).join(', '));
    row('Accessibility', (l) => l.accessibility);
    row('Best practices', (l) => l.bestPractices);
    row('First Contentful Paint', (l) => ms(l.fcpMs));
    row('Largest Contentful Paint', (l) => ms(l.lcpMs));
    row('LCP, each run', (l) => l.eachRun.map((x) => ms(x.lcpMs)).join(', '));
    row('Total Blocking Time', (l) => ms(l.tbtMs));
    row('Cumulative Layout Shift', (l) => l.cls.toFixed(3));
    row('Audits not passed', (l) => (l.failingAudits.length ? l.failingAudits.join(', ') : 'none'));
    lines.push('');
    if (shirube?.lighthouse && peer?.lighthouse) {
      lines.push(`Shirube / peer: LCP ${(shirube.lighthouse.lcpMs / peer.lighthouse.lcpMs).toFixed(2)}×, `
        + `FCP ${(shirube.lighthouse.fcpMs / peer.lighthouse.fcpMs).toFixed(2)}×, `
        + `TBT ${ms(shirube.lighthouse.tbtMs)} against ${ms(peer.lighthouse.tbtMs)}.`, '');
    }
  }
  if (peer) peerSection(lines, peer.built);
  if (r.latency) latencySection(lines, r.latency);
  if (r.memory) memorySection(lines, r.memory);
  if (shirube?.lighthouse) {
    lines.push('## Engine (native, release)', '', '| Timing | Median | Q1 | Q3 | Min | Max | Samples × calls |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const t of engine.timings) {
      lines.push(`| ${t.name}: ${t.what} | ${ns(t.median_ns)} | ${ns(t.q1_ns)} | ${ns(t.q3_ns)} | ${ns(t.min_ns)} | ${ns(t.max_ns)} | ${t.samples} × ${t.calls_per_sample} |`);
    }
    const v = engine.verification;
    lines.push('', `Exhaustive verification: ${v.paths} paths (${v.answer_paths} answer paths) in ${v.seconds.toFixed(1)} s on ${v.threads} threads.`, '');
  }
  lines.push('## Budgets', '', '| Budget | Measured | |', '|---|---:|---|');
  for (const b of r.budgets) lines.push(`| ${b.budget} | ${b.measured} | ${verdict(b.met)} |`);
  lines.push(
    '',
    'Budgets are reported, not asserted. A KB is 1,024 bytes, a MB 1,024 KB. What the first load is made of, and what',
    'meeting its budget would take: bench/README.md, "Where the first load goes, and the budget". How the peer,',
    'the latency and the memory figures are taken: bench/README.md.',
    '',
  );
  return lines.join('\n');
}

// Which of Shirube's conditions on asking a question the peer's form has.
function peerSection(lines, built) {
  const shown = built.conditions.filter((c) => c.shownAlways).map((c) => `\`${c.question}\``);
  const conditioned = built.conditions.filter((c) => c.visibleIf);
  lines.push('## The peer\'s form', '',
    `The peer shows Shirube's ${built.conditions.length} questions, one a page, in the rules' order, with their options and texts in `
    + `Japanese and English, shown in the language Shirube would pick (the browser's). Conditions found from ${built.samples} random sets of answers given to \`shirube evaluate\`: `
    + `${conditioned.map((c) => `\`${c.question}\``).join(', ')} shown when \`visibleIf\` holds (below); `
    + `${built.conditions.filter((c) => c.always).length} questions Shirube always asks; `
    + `${shown.join(', ')} always shown, since whether Shirube asks them depends on more than two earlier answers. `
    + 'The peer shows no result.', '');
  for (const c of conditioned) lines.push(`- \`${c.question}\`: \`${c.visibleIf}\``);
  lines.push('');
}

function latencySection(lines, latency) {
  lines.push('## Answer click to next screen (phone, CPU 4× slower)', '',
    `Persona \`${latency.persona}\`, its whole flow ${latency.shirube.flows} time${latency.shirube.flows === 1 ? '' : 's'} in each app (Playwright's ${latency.shirube.device} profile, `
    + 'Japanese). From each Continue click to the frame after the next screen is painted (an after-paint probe), and Event Timing\'s '
    + 'duration of the same click (only clicks over 16 ms have one).', '',
    '| | Clicks | Median | p75 | Worst | To a question: median | p75 | worst | Event Timing median | p75 | worst | under 16 ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const three = (x) => (x.samples ? [ms(x.medianMs), ms(x.p75Ms), ms(x.worstMs)] : ['–', '–', '–']).join(' | ');
  for (const [name, l] of [['Shirube', latency.shirube], ['Peer', latency.peer]]) {
    lines.push(`| ${name} | ${l.samples} | ${three(l)} | ${three(l.toQuestions)} | ${three(l.eventTiming)} | ${l.eventTiming.under16ms} |`);
  }
  lines.push('', 'The last click of a flow leads to Shirube\'s result (every program evaluated, the cards drawn) but to the '
    + 'peer\'s bare "thank you" page; "to a question" leaves it out.');
  lines.push('', `Shirube / peer: median ${(latency.shirube.medianMs / latency.peer.medianMs).toFixed(2)}×, `
    + `p75 ${(latency.shirube.p75Ms / latency.peer.p75Ms).toFixed(2)}×. The peer asks ${latency.peer.questions} questions, `
    + `Shirube ${latency.shirube.questions}.`, '');
}

function memorySection(lines, memory) {
  const { flows, mounts } = memory;
  lines.push('## Memory over long use', '',
    `In one page visit each, after one flow (or mount) to warm up, garbage collected before each figure: ${flows.flows} complete flows `
    + `with random answers on the standalone page (${flows.clicks} clicks: answers, steps back, language switches, "Start again"; `
    + `${flows.seconds.toFixed(0)} s), and ${mounts.times} times adding and removing a \`<shirube-widget>\` on a host page `
    + `(${mounts.seconds.toFixed(0)} s).`, '',
    '| | JS heap | WebAssembly memory | DOM nodes | Listeners |', '|---|---:|---:|---:|---:|');
  const row = (label, m) => lines.push(`| ${label} | ${mb(m.jsHeapBytes)} | ${mb(m.wasmBytes)} | ${m.nodes} | ${m.listeners} |`);
  for (const [what, m] of [['flows', flows], ['mounts', mounts]]) {
    row(`${what}: before`, m.before);
    row(`${what}: after`, m.after);
    lines.push(`| ${what}: growth | ${mb(m.growth.jsHeapBytes)} | ${mb(m.growth.wasmBytes)} | ${m.growth.nodes} | ${m.growth.listeners} |`);
  }
  lines.push('');
}

// The peer's CSP: Shirube's strict one, but for inline styles, which SurveyJS needs (its icons
// come as SVG markup with `style` attributes); it runs no WebAssembly.
const peerCsp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

const apps = [
  {
    name: 'shirube',
    dist: shirubeDist,
    ready: '.shirube-reviewed', // the app's, not index.html's copy of the start screen
    serviceWorker: true,
    headers: { 'content-security-policy': strictCsp },
  },
  { name: 'floor', dist: floorDist, ready: 'button', serviceWorker: false, headers: {} },
];
const peer = {
  name: 'peer',
  dist: peerDist,
  ready: '.sd-question',
  serviceWorker: false,
  headers: { 'content-security-policy': peerCsp },
};

// A browser for the latency and memory runs, as the end-to-end test launches it.
async function withBrowser(body) {
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

// Serves `app` while `body` runs with its origin.
async function served(app, body) {
  const { origin, server } = await host(app.dist, app.headers);
  try {
    return await body(origin);
  } finally {
    server.close();
  }
}

// The URL path of Shirube's wasm-bindgen glue in `dist`.
async function gluePath(dist) {
  const glue = (await readdir(dist)).find((f) => /^shirube-app-[0-9a-f]{16}\.js$/.test(f));
  if (!glue) throw new Error(`${dist} has no shirube-app-<hash>.js`);
  return `/${glue}`;
}

const results = {
  date: new Date().toISOString().slice(0, 10),
  tools: JSON.parse(await readFile(toolsFile, 'utf8')),
  engine: JSON.parse(await readFile(engineFile, 'utf8')),
  ...(only ? { only } : {}),
};
if (before && runs('before')) {
  console.log(`bench: first load of the build before (${beforeLabel})`);
  results.before = { label: beforeLabel, firstLoad: await firstLoad({ ...apps[0], name: 'before', dist: before }) };
}
if (runs('studio')) {
  console.log('bench: the rules studio');
  results.studio = await studio(shirubeDist);
}
if (runs('apps')) {
  for (const app of apps) {
    console.log(`bench: first load of ${app.name}`);
    const load = await firstLoad(app);
    console.log(`bench: Lighthouse on ${app.name} (${LIGHTHOUSE_RUNS} runs)`);
    results[app.name] = { firstLoad: load, lighthouse: await lighthouse(app) };
  }
}
if (runs('peer') || runs('latency')) {
  console.log('bench: building the peer (SurveyJS with Shirube\'s questions) into target/bench/peer');
  results.peer = { built: await buildPeer(peerDist) };
}
if (runs('peer')) {
  console.log('bench: first load of the peer');
  results.peer.firstLoad = await firstLoad(peer);
  console.log(`bench: Lighthouse on the peer (${LIGHTHOUSE_RUNS} runs)`);
  results.peer.lighthouse = await lighthouse(peer);
  // Without the apps part, Shirube's first load is still measured for the ratios (seconds).
  results.shirube ??= { firstLoad: await firstLoad(apps[0]) };
}
if (runs('latency')) {
  const persona = JSON.parse(await readFile(join(benchDir, '../engine/tests/personas', `${LATENCY_PERSONA}.json`), 'utf8'));
  results.latency = { persona: LATENCY_PERSONA };
  await withBrowser(async (browser) => {
    for (const app of [apps[0], peer]) {
      console.log(`bench: interaction latency of ${app.name} (${LATENCY_FLOWS} flows, CPU 4× slower)`);
      results.latency[app.name] = await served(app, (origin) =>
        interactionLatency(browser, origin, app.name, persona, LATENCY_FLOWS));
    }
  });
}
if (runs('memory')) {
  const glue = await gluePath(shirubeDist);
  results.memory = await withBrowser((browser) => served(apps[0], async (origin) => {
    console.log(`bench: memory over ${LONG_USE_FLOWS} random flows`);
    const flows = await longUseFlows(browser, origin, glue, LONG_USE_FLOWS);
    console.log(`bench: memory over ${LONG_USE_MOUNTS} mounts of <shirube-widget>`);
    const mounts = await longUseMounts(browser, origin, glue, LONG_USE_MOUNTS, apps[0].headers);
    return { flows, mounts };
  }));
}
results.budgets = budgets(results);
const [jsonFile, mdFile] = only
  ? [join(benchDir, '../target/bench/partial-results.json'), join(benchDir, '../target/bench/partial-results.md')]
  : [join(benchDir, 'results.json'), join(benchDir, 'results.md')];
await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
const table = markdown(results);
await writeFile(mdFile, table);
console.log(`\n${table}`);
console.log(`bench: wrote ${jsonFile} and ${mdFile}`);

// Each budget of the parts that ran, met or not.
function budgets(r) {
  const list = [];
  const s = r.shirube;
  if (s?.lighthouse) {
    const evaluate = r.engine.timings.find((t) => t.name === 'evaluate');
    const floorRatio = s.firstLoad.total.brotli / r.floor.firstLoad.total.brotli;
    list.push(
      { budget: 'First load ≤ 140 KB brotli (ceiling)', measured: kb(s.firstLoad.total.brotli), met: s.firstLoad.total.brotli <= BUDGETS.firstLoadBrotli },
      { budget: 'First load ≤ 5.2× the floor (brotli)', measured: `${floorRatio.toFixed(2)}×`, met: floorRatio <= BUDGETS.floorRatio },
    );
    if (r.before) {
      const grown = s.firstLoad.total.brotli - r.before.firstLoad.total.brotli;
      list.push({ budget: `First load grows ≤ 2 KB over ${r.before.label}`, measured: `${grown} B`, met: grown <= BUDGETS.growthBrotli });
    }
    list.push(
      { budget: 'Lighthouse performance 100', measured: s.lighthouse.performance, met: s.lighthouse.performance >= BUDGETS.performance },
      { budget: 'Lighthouse accessibility 100', measured: s.lighthouse.accessibility, met: s.lighthouse.accessibility >= BUDGETS.accessibility },
      { budget: 'Lighthouse best practices 100', measured: s.lighthouse.bestPractices, met: s.lighthouse.bestPractices >= BUDGETS.bestPractices },
      {
        budget: 'LCP ≤ floor + 150 ms',
        measured: `${ms(s.lighthouse.lcpMs)} (floor ${ms(r.floor.lighthouse.lcpMs)})`,
        met: s.lighthouse.lcpMs <= r.floor.lighthouse.lcpMs + BUDGETS.lcpOverFloorMs,
      },
      { budget: 'One evaluation < 5 µs', measured: ns(evaluate.median_ns), met: evaluate.median_ns < BUDGETS.evaluateNs },
    );
  }
  if (r.studio) {
    list.push({ budget: 'Studio: edit to update < 100 ms (median)', measured: ms(r.studio.edits.medianMs), met: r.studio.edits.medianMs < BUDGETS.studioUpdateMs });
  }
  if (r.latency) {
    const l = r.latency.shirube;
    list.push({ budget: 'Answer click to next screen ≤ 50 ms (p75, phone, CPU 4× slower)', measured: ms(l.p75Ms), met: l.p75Ms <= BUDGETS.interactionP75Ms });
  }
  if (r.memory) {
    for (const [what, m] of [[`${r.memory.flows.flows} random flows`, r.memory.flows], [`${r.memory.mounts.times} mounts`, r.memory.mounts]]) {
      const grown = m.growth.jsHeapBytes + m.growth.wasmBytes;
      list.push(
        { budget: `${what}: JS heap + wasm memory grow ≤ 1 MB`, measured: mb(grown), met: grown <= BUDGETS.longUseGrowthBytes },
        { budget: `${what}: no DOM node growth`, measured: `${m.growth.nodes >= 0 ? '+' : ''}${m.growth.nodes}`, met: m.growth.nodes <= 0 },
      );
    }
  }
  return list;
}
