//! The rules and results in and out: the TOML rules file (for authoring), the packed rules the
//! app ships, the share link, JSON reports and the take-away document.

pub(crate) mod json;
pub(crate) mod link;
#[cfg(feature = "authoring")]
pub(crate) mod load;
pub(crate) mod pack;
pub mod report;
pub mod request;
pub mod summary;
