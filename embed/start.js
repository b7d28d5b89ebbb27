// Starts the standalone Shirube app: loads its WebAssembly module and mounts the app into the
// page. An external file, so the page needs no 'unsafe-inline' in its Content-Security-Policy.
// `cargo xtask loaders` (a Trunk post-build hook) fills in the built files' names.
import init, { start_page } from './{{glue}}';

await init({ module_or_path: new URL('./{{wasm}}', import.meta.url) });
start_page();
