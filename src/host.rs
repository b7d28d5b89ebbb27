//! Where a widget runs, all three ways: its own page, a host page's `<shirube-widget>` element,
//! or a host page's iframe. Each keeps the flow's state somewhere of its own (the URL fragment
//! or memory) and tells its host of steps and results in its own way.

pub mod element;
pub mod frame;
pub mod page;

use std::rc::Rc;

use leptos::prelude::*;
use shirube_engine::{Fit, Rules, Step};
use wasm_bindgen::JsValue;

use crate::flow::Flow;
use crate::screens::Headings;

/// Where a widget runs.
#[derive(Clone)]
pub enum Host {
    /// Its own page: the state is in the URL fragment, and the page's title and language follow
    /// the widget.
    Page,
    /// Inside a host page's element: the state stays in memory, the host page's URL, title and
    /// language are left alone, and the host hears of steps and results through events on
    /// `element`.
    Element {
        element: web_sys::HtmlElement,
        /// The standalone app's address, which share links point to.
        app_url: String,
        /// The programs the host page features (`programs`), by their place in the rules.
        featured: Vec<usize>,
        /// The level of the widget's top heading (`heading-level`).
        headings: Headings,
    },
    /// Its own page inside a host page's iframe: the state is in the frame's URL fragment (without
    /// history entries, which would be the host's), and the host at `origin` hears of the height,
    /// steps and results by `postMessage`.
    Frame {
        origin: String,
        /// The host page's address given for share links (`share-url`), if valid.
        share: Option<String>,
        /// The programs the host page features (`data-programs`).
        featured: Vec<usize>,
        /// The level of the widget's top heading (`data-heading-level`).
        headings: Headings,
    },
}

impl Host {
    /// The programs the host page features, which the result's overview lists first.
    pub fn featured(&self) -> &[usize] {
        match self {
            Host::Element { featured, .. } | Host::Frame { featured, .. } => featured,
            Host::Page => &[],
        }
    }

    /// The level of the widget's top heading: `h1` on its own page.
    pub fn headings(&self) -> Headings {
        match self {
            Host::Element { headings, .. } | Host::Frame { headings, .. } => *headings,
            Host::Page => Headings(1),
        }
    }

    /// Connects the widget's flow to its host: opens the state the host gives (the fragment, or
    /// the element's `answers`), and keeps the host up to date as the user moves.
    pub fn connect(&self, flow: Flow, screen: Memo<Step>, state: Option<String>) {
        match self {
            Host::Page => {
                flow.open(&page::fragment());
                page::follow(flow, true);
                page::title_follows(flow, screen);
            }
            Host::Element { element, .. } => {
                if let Some(state) = state.filter(|s| !s.trim().is_empty()) {
                    flow.open(&state);
                }
                let element = StoredValue::new_local(element.clone());
                let notify = move |name: &str, detail: &JsValue| {
                    element.with_value(|e| element::dispatch(e, name, detail))
                };
                tell_the_host(flow, screen, Rc::new(notify));
            }
            Host::Frame { origin, .. } => {
                flow.open(&page::fragment());
                page::follow(flow, false);
                let to = origin.clone();
                let notify = move |name: &str, detail: &JsValue| {
                    frame::post(
                        &to,
                        &frame::js_object(&[("type", name.into()), ("detail", detail.clone())]),
                    )
                };
                tell_the_host(flow, screen, Rc::new(notify));
                frame::report_height(origin.clone());
                frame::follow_the_host(flow, origin.clone());
            }
        }
    }

    /// The address that reopens a result: embedded, the standalone app's, since the host page
    /// does not read the fragment; on its own page or in a frame, the standalone page's, without
    /// its query (a campaign tag, the frame's `embed=frame&host=…`), which is not Shirube's to
    /// pass on.
    pub fn app_url(&self) -> String {
        match self {
            Host::Element { app_url, .. } => app_url.clone(),
            Host::Page => page::url(),
            Host::Frame { share, .. } => share.clone().unwrap_or_else(page::url),
        }
    }
}

/// The programs a host page names (`programs`: ids separated by spaces or commas), by their
/// place in the rules; an unknown id is ignored with a console warning.
pub fn featured(rules: &Rules, given: &str) -> Vec<usize> {
    let mut featured = Vec::new();
    for id in given.split([' ', ',']).filter(|id| !id.is_empty()) {
        match rules.programs.iter().position(|p| p.id == id) {
            Some(p) if !featured.contains(&p) => featured.push(p),
            Some(_) => {}
            None => {
                let shown: String = id.chars().take(40).collect();
                web_sys::console::warn_1(
                    &format!("Shirube: programs names \"{shown}\", which is not a program id, so it is ignored").into(),
                );
            }
        }
    }
    featured
}

/// The base of share links a host page gives (`share-url`): an absolute http(s) address, its
/// fragment dropped. Anything else is ignored with a console warning, and share links then
/// open the standalone app.
pub fn share_base(given: &str) -> Option<String> {
    let url = web_sys::Url::new(given.trim()).ok();
    match url.filter(|u| matches!(u.protocol().as_str(), "https:" | "http:")) {
        Some(url) => {
            url.set_hash("");
            Some(url.href().trim_end_matches('#').to_owned())
        }
        None => {
            let shown: String = given.chars().take(60).collect();
            web_sys::console::warn_1(
                &format!("Shirube: share-url=\"{shown}\" is not an http(s) address, so share links open the standalone app").into(),
            );
            None
        }
    }
}

/// Tells a host page of an event: its name and detail.
type Notify = Rc<dyn Fn(&str, &JsValue)>;

/// Embedded, the widget tells its host where the user is, with events that carry only ids:
/// `shirube:step` on every screen, `shirube:result` when the result is shown or changes.
/// (`notify` is shared, not generic: one copy of this code serves both hosts.)
fn tell_the_host(flow: Flow, step: Memo<Step>, notify: Notify) {
    let on_step = notify.clone();
    Effect::new(move |_| {
        let (name, question) = match step.get() {
            Step::Start => ("start", JsValue::NULL),
            Step::Question(q) => ("question", flow.rules.questions[q].id.as_str().into()),
            Step::Result => ("result", JsValue::NULL),
        };
        let detail = frame::js_object(&[("step", name.into()), ("question", question)]);
        on_step("shirube:step", &detail);
    });
    Effect::new(move |_| {
        if step.get() != Step::Result {
            return;
        }
        let detail = flow.outcome.with(|outcome| {
            let ids = |fit| {
                outcome
                    .with_fit(fit)
                    .map(|r| JsValue::from_str(&r.program.id))
                    .collect::<js_sys::Array>()
                    .into()
            };
            frame::js_object(&[("fits", ids(Fit::Fits)), ("may_fit", ids(Fit::MayFit))])
        });
        notify("shirube:result", &detail);
    });
}
