// Lighthouse 12 (npm) in Debian's Chromium: used by the end-to-end test (is the app
// installable?) and by the benchmark (performance, accessibility, best practices).
//
// Lighthouse 12 dropped its PWA category and with it the `installable-manifest` audit
// (GoogleChrome/lighthouse#15455). This module adds that audit back as a plugin: a gatherer
// asks Chromium the question the removed audit asked (`Page.getInstallabilityErrors`, with
// the manifest Chromium found), and an audit scores it, so Lighthouse itself reports whether
// the manifest makes the app installable.

import { Audit, Gatherer, defaultConfig } from 'lighthouse';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

class Installability extends Gatherer {
  meta = { supportedModes: ['navigation'] };

  async getArtifact(context) {
    const session = context.driver.defaultSession;
    const { installabilityErrors } = await session.sendCommand('Page.getInstallabilityErrors');
    const { url, errors } = await session.sendCommand('Page.getAppManifest');
    return { installabilityErrors, manifestUrl: url, manifestErrors: errors };
  }
}

class InstallableManifest extends Audit {
  static get meta() {
    return {
      id: 'installable-manifest',
      title: 'Web app manifest meets the installability requirements',
      failureTitle: 'Web app manifest does not meet the installability requirements',
      description: 'Chromium\'s own installability check (Page.getInstallabilityErrors), '
        + 'as in the audit Lighthouse 12 removed.',
      requiredArtifacts: ['Installability'],
    };
  }

  static audit(artifacts) {
    const { installabilityErrors, manifestUrl, manifestErrors } = artifacts.Installability;
    const items = [
      ...installabilityErrors.map((e) => ({
        reason: [e.errorId, ...e.errorArguments.map((a) => `${a.name}=${a.value}`)].join(' '),
      })),
      ...manifestErrors.map((e) => ({ reason: `manifest: ${e.message}` })),
    ];
    return {
      score: manifestUrl && items.length === 0 ? 1 : 0,
      displayValue: manifestUrl ? `manifest ${manifestUrl}` : 'no manifest linked',
      details: Audit.makeTableDetails(
        [{ key: 'reason', valueType: 'text', label: 'Why the app is not installable' }],
        items,
      ),
    };
  }
}

// Lighthouse's default configuration plus the installability audit, in its own category.
export const config = {
  ...defaultConfig,
  artifacts: [...defaultConfig.artifacts, { id: 'Installability', gatherer: { implementation: Installability } }],
  audits: [...defaultConfig.audits, { implementation: InstallableManifest }],
  categories: {
    ...defaultConfig.categories,
    installable: {
      title: 'Installable',
      auditRefs: [{ id: 'installable-manifest', weight: 1 }],
    },
  },
};

// Runs Lighthouse on `url` in a fresh Chromium profile; `flags` are Lighthouse's own (the
// mobile preset unless they say otherwise). Returns the result (lhr).
export async function runLighthouse(url, flags = {}) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', ...flags }, config);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}
