//! The rules and results in and out: the TOML rules file (for authoring), the packed rules the
//! app ships, the share link, JSON reports, answers and persona files, and the take-away
//! document; and the excerpts of input that messages quote.

pub mod excerpt;
pub(crate) mod json;
#[cfg(feature = "authoring")]
pub(crate) mod json_file;
pub(crate) mod link;
#[cfg(feature = "authoring")]
pub(crate) mod load;
pub(crate) mod pack;
pub mod report;
pub mod request;
pub mod summary;
