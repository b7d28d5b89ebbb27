// The rules a page runs on: the rules file published beside the app (`rules.bin`, written by
// the build or by `shirube pack`; an agency publishes new rules by replacing it), checked by the
// app before use (its format, its checksum, every reference). The last file the app accepted is
// kept in this browser (Cache Storage, `shirube-rules`), so that a damaged, cut-short or
// incompatible file never leaves the widget without rules, and so that it works offline. The
// loaders (start.js, shirube.js) are bundled with this module; nothing here leaves the browser.

const STORE = 'shirube-rules';

// How long a load waits for the server before it goes on with the kept copy (a connection that
// stalls instead of failing).
const PATIENCE_MS = 5000;

// Starts fetching the published rules file, so that it loads in parallel with the WebAssembly.
// The browser asks the server whether the file changed (`no-cache`), so a replaced file takes
// effect on the next load. Resolves to the bytes, the HTTP status of a refusal, or the network
// error (offline, a download cut off, or no answer within PATIENCE_MS); never rejects.
export function fetchRules(url) {
  const signal = globalThis.AbortSignal?.timeout?.(PATIENCE_MS);
  return fetch(url, { cache: 'no-cache', signal })
    .then(async (response) => (response.ok
      ? { bytes: new Uint8Array(await response.arrayBuffer()) }
      : { status: response.status }))
    .catch((error) => ({ error }));
}

// Gives the app its rules (`use_rules` of the app's glue) before any widget is mounted: the
// published file if the app accepts it, which is then kept as the last good copy; else the
// last good copy, and the widget says that the published file was refused (not when the
// browser is only offline). With neither, the widget says that no rules could be read.
export async function useRules(fetched, url, accept) {
  const got = await fetched;
  let refused = null;
  if (got.bytes) {
    refused = accept(got.bytes, false);
    if (!refused) {
      keep(url, got.bytes);
      return;
    }
  } else if (got.status) {
    refused = `the server answered ${got.status}`;
  }
  if (refused) console.error(`Shirube: the rules file ${url} was refused: ${refused}`);
  const last = await recall(url);
  const problem = last ? accept(last, refused !== null) : 'no copy kept in this browser';
  if (problem) console.error(`Shirube: no rules could be read (${got.error ?? refused}; last good copy: ${problem})`);
}

async function keep(url, bytes) {
  try {
    const store = await globalThis.caches?.open(STORE);
    await store?.put(url, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
  } catch (error) {
    console.warn('Shirube cannot keep its rules for offline use here:', error);
  }
}

async function recall(url) {
  try {
    const kept = await (await globalThis.caches?.open(STORE))?.match(url);
    return kept ? new Uint8Array(await kept.arrayBuffer()) : null;
  } catch {
    return null;
  }
}
