//! Mounting the app: on its own page (standalone, or in a host's iframe), or into a host page's
//! `<shirube-widget>` element (defined by `embed/shirube.js`), with live changes of the
//! element's attributes and unmounting.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use web_sys::HtmlElement;

use crate::app::{NewVersion, Shirube};
use crate::flow::Flow;
use crate::host::element::attribute_lang;
use crate::host::{frame, Host};
use crate::screens::Headings;

/// Mounts the app into the page's body: the standalone app, or the app in a host's iframe when
/// the page was opened as one. Returns where to offer the page a new version.
pub fn start() -> NewVersion {
    console_error_panic_hook::set_once();
    let new_version = NewVersion::default();
    let offered = new_version.clone();
    let host = match frame::host_origin() {
        Some(origin) => Host::Frame {
            origin,
            share: frame::query("share")
                .as_deref()
                .and_then(crate::host::share_base),
            featured: (frame::query("programs").zip(crate::flow::rules()))
                .map(|(given, rules)| crate::host::featured(rules, &given))
                .unwrap_or_default(),
            headings: headings(frame::query("headings")),
        },
        None => Host::Page,
    };
    leptos::mount::mount_to_body(move || {
        view! { <Shirube host lang=None state=None new_version=offered /> }
    });
    new_version
}

/// The level of the widget's top heading a host gives; `h1` when it gives none or an invalid
/// one (warned).
fn headings(given: Option<String>) -> Headings {
    (given.as_deref())
        .filter(|g| !g.trim().is_empty())
        .and_then(Headings::from_attribute)
        .unwrap_or(Headings(1))
}

/// One embedded widget. Dropping it unmounts the app and frees its listeners.
pub struct Embedded {
    control: Rc<Cell<Option<Flow>>>,
    _mounted: Box<dyn Any>,
}

/// A `<shirube-widget>` element's attributes, as read when it is added (embed/shirube.js).
pub struct Attributes {
    /// A language tag.
    pub lang: Option<String>,
    /// A share link's fragment to start from.
    pub answers: Option<String>,
    /// `share-url`: the host page's address for share links.
    pub share_url: Option<String>,
    /// `programs`: the ids of the programs the page features.
    pub programs: Option<String>,
    /// `heading-level`: the level of the widget's top heading.
    pub heading_level: Option<String>,
}

impl Embedded {
    /// Mounts a widget into `root` (inside `host`'s shadow root) with the element's
    /// attributes. `app_url` is the standalone app's address, for share links, unless the
    /// element's `share-url` gives the host page's own.
    pub fn mount(
        root: HtmlElement,
        host: HtmlElement,
        app_url: String,
        attributes: Attributes,
    ) -> Embedded {
        let Attributes {
            lang,
            answers,
            share_url,
            programs,
            heading_level,
        } = attributes;
        let headings = headings(heading_level);
        let featured = (programs.zip(crate::flow::rules()))
            .map(|(given, rules)| crate::host::featured(rules, &given))
            .unwrap_or_default();
        let app_url = (share_url.as_deref())
            .filter(|s| !s.trim().is_empty())
            .and_then(crate::host::share_base)
            .unwrap_or(app_url);
        console_error_panic_hook::set_once();
        let lang = lang.as_deref().and_then(attribute_lang);
        let control = Rc::new(Cell::new(None));
        let shared = control.clone();
        let mounted = leptos::mount::mount_to(root, move || {
            let host = Host::Element {
                element: host,
                app_url,
                featured,
                headings,
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
