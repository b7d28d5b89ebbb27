//! Shirube's web app: the screens of the question flow, its state in the URL, and mounting.
//!
//! The app renders what the engine returns and holds no routing logic of its own. Its rooms:
//! `flow` (the state of one widget), `app` (the shell around the screens), `screens` (one
//! module per screen), `host` (page, custom element, iframe) and `mount` (the entry points).

mod app;
mod flow;
mod host;
mod mount;
mod screens;

pub use app::{App, NewVersion};
pub use flow::{rules, rules_kept, use_rules};
pub use mount::{start, Attributes, Embedded};
