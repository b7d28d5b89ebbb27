// Records Shirube's events on the test host page.
window.shirubeEvents = [];
for (const name of ['shirube:step', 'shirube:result']) {
  document.addEventListener(name, (event) => window.shirubeEvents.push({ name, detail: event.detail }));
}
