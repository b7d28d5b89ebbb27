//! The widget embedded in a host page's element (the `<shirube-widget>` custom element defined
//! by `embed/shirube.js`): mounting into the element's shadow root, live changes of its
//! attributes, and unmounting.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use shirube_engine::Lang;
use web_sys::HtmlElement;

use crate::app::{Flow, Host, Shirube};

/// One embedded widget. Dropping it unmounts the app and frees its listeners.
pub struct Embedded {
    control: Rc<Cell<Option<Flow>>>,
    _mounted: Box<dyn Any>,
}

impl Embedded {
    /// Mounts a widget into `root` (inside `host`'s shadow root). `lang` and `answers` are the
    /// element's attributes: a language tag, and a share link's fragment to start from.
    /// `app_url` is the standalone app's address, for share links.
    pub fn mount(
        root: HtmlElement,
        host: HtmlElement,
        lang: Option<String>,
        answers: Option<String>,
        app_url: String,
    ) -> Embedded {
        console_error_panic_hook::set_once();
        let lang = lang.as_deref().and_then(attribute_lang);
        let control = Rc::new(Cell::new(None));
        let shared = control.clone();
        let mounted = leptos::mount::mount_to(root, move || {
            let host = Host::Element {
                element: host,
                app_url,
            };
            view! { <Shirube host lang state=answers control=shared /> }
        });
        Embedded {
            control,
            _mounted: Box::new(mounted),
        }
    }

    /// Applies a new `lang` attribute; an empty or unknown one is ignored (with a console
    /// warning for an unknown one).
    pub fn set_lang(&self, tag: Option<&str>) {
        if let (Some(flow), Some(lang)) = (self.control.get(), tag.and_then(attribute_lang)) {
            flow.moved.set(false);
            flow.lang.set(lang);
        }
    }

    /// Applies a new `answers` attribute: the widget opens that state, or shows the start with
    /// a message if it cannot be read. Focus stays where the host page has it.
    pub fn set_answers(&self, answers: Option<&str>) {
        if let Some(flow) = self.control.get() {
            flow.moved.set(false);
            flow.changing.set(false);
            flow.link_error.set(None);
            flow.open(answers.unwrap_or_default());
        }
    }
}

/// The language a `lang` attribute names, if it is Japanese or English.
fn attribute_lang(tag: &str) -> Option<Lang> {
    if tag.trim().is_empty() {
        return None;
    }
    let lang = Lang::from_tag(tag);
    if lang.is_none() {
        let shown: String = tag.chars().take(40).collect();
        web_sys::console::warn_1(
            &format!("Shirube: lang=\"{shown}\" is not Japanese or English, so it is ignored")
                .into(),
        );
    }
    lang
}
