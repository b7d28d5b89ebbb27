// The standalone page shows index.html's copy of the start screen until the app has loaded and
// taken over; checks of the app wait for that.

// Resolves once the app has replaced index.html's start screen.
export async function appReady(page) {
  await page.waitForFunction(() =>
    document.querySelector('.shirube') !== null && document.querySelector('.shirube-pre') === null);
}

// Opens `url` on the standalone page and waits for the app.
export async function visit(page, url) {
  await page.goto(url);
  await appReady(page);
}

// Reloads the standalone page and waits for the app.
export async function revisit(page) {
  await page.reload();
  await appReady(page);
}

// Waits until the service worker controls the page (after the first visit's install).
export async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
