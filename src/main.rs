//! The app's WebAssembly entry points, called by the loaders that `cargo xtask loaders` writes
//! from `embed/`: `use_rules` by both, `start_page` by the standalone page's start script, `ShirubeWidget` by the
//! `<shirube-widget>` element. Nothing starts on load, so loading the module into a host page
//! mounts nothing by itself.

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// Takes the rules file the loader fetched (`embed/rules.js`), before any widget is mounted.
/// `kept` says the bytes are the last good copy this browser kept, used because the published
/// file was refused. Returns why the bytes cannot be used, or nothing if they are in use.
#[wasm_bindgen]
pub fn use_rules(packed: &[u8], kept: bool) -> Option<String> {
    shirube::use_rules(packed, kept)
        .err()
        .map(|e| e.to_string())
}

/// Mounts the standalone app into the page's body. Returns the function that offers the user
/// a reload to a new version that is installed and waiting: the page's start script calls it
/// with the function to call when the user chooses it.
#[wasm_bindgen]
pub fn start_page() -> js_sys::Function {
    let new_version = shirube::start();
    let offer = Closure::<dyn Fn(js_sys::Function)>::new(move |accept| new_version.offer(accept));
    offer.into_js_value().unchecked_into()
}

/// One widget inside a `<shirube-widget>` element.
#[wasm_bindgen]
pub struct ShirubeWidget(shirube::Embedded);

#[wasm_bindgen]
impl ShirubeWidget {
    /// Mounts a widget into `root`, a node of `host`'s shadow root. The arguments after
    /// `app_url` are the element's attributes, one each, as the loader reads them.
    #[allow(clippy::too_many_arguments)]
    pub fn mount(
        root: HtmlElement,
        host: HtmlElement,
        lang: Option<String>,
        answers: Option<String>,
        app_url: String,
        share_url: Option<String>,
        programs: Option<String>,
        heading_level: Option<String>,
    ) -> ShirubeWidget {
        let attributes = shirube::Attributes {
            lang,
            answers,
            share_url,
            programs,
            heading_level,
        };
        ShirubeWidget(shirube::Embedded::mount(root, host, app_url, attributes))
    }

    /// The element's `lang` attribute changed.
    pub fn set_lang(&self, lang: Option<String>) {
        self.0.set_lang(lang.as_deref());
    }

    /// The element's `answers` attribute changed.
    pub fn set_answers(&self, answers: Option<String>) {
        self.0.set_answers(answers.as_deref());
    }

    /// Unmounts the widget and frees it; the object cannot be used afterwards.
    pub fn unmount(self) {}
}

fn main() {}
