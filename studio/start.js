// Starts the rules studio (an external file, so the page needs no 'unsafe-inline').
import init from './shirube-studio.js';

try {
  await init({ module_or_path: new URL('./shirube-studio_bg.wasm', import.meta.url) });
} catch (error) {
  document.querySelector('.studio-failed').hidden = false;
  console.error('The rules studio could not start.', error);
}
