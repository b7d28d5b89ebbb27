// The demo page's own script: lists the events Shirube sends to the page.
const log = document.querySelector('.event-log');

for (const name of ['shirube:step', 'shirube:result']) {
  document.addEventListener(name, (event) => {
    const item = document.createElement('li');
    item.textContent = `${name} ${JSON.stringify(event.detail)}`;
    log.append(item);
  });
}
