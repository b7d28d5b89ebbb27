//! Shirube's web app: the screens of the question flow, its state in the URL, and mounting.
//!
//! The app renders what the engine returns and holds no routing logic of its own.

mod app;
mod embed;
mod i18n;
mod location;
mod screens;

pub use app::App;
pub use embed::Embedded;

use leptos::prelude::*;

/// Mounts the app into the page's body (the standalone app). Called by the page's start script.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}
