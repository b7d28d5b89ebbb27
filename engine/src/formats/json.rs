//! JSON as the engine writes it (the reports of `report`, and answers): a value and its text.
//!
//! Written by hand rather than with a serialisation framework, so that the app offers its JSON
//! download without one (docs/decisions/005-hand-written-json-and-sort.md). The text is laid out like
//! serde_json's `to_string_pretty` of a map with sorted keys, which the command-line tool printed
//! before, so its output is unchanged.

use crate::evaluation::sort::sort_few_by;
use crate::model::text::Text;

/// A JSON value to write. There are no numbers: nothing the engine reports is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Json {
    Null,
    Bool(bool),
    Str(String),
    Array(Vec<Json>),
    /// Written with its keys in sorted order.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// An object of these fields.
    pub fn object<const N: usize>(fields: [(&str, Json); N]) -> Json {
        Json::Object(
            fields
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        )
    }

    /// An array of these items.
    pub fn array<T: Into<Json>>(items: impl IntoIterator<Item = T>) -> Json {
        Json::Array(items.into_iter().map(Into::into).collect())
    }

    /// This object with `key` set to `value` (replaced if it was there); other values are
    /// returned as they are.
    pub fn with(mut self, key: &str, value: impl Into<Json>) -> Json {
        if let Json::Object(fields) = &mut self {
            fields.retain(|(k, _)| k != key);
            fields.push((key.to_owned(), value.into()));
        }
        self
    }

    /// The value as indented text: two spaces a level, `"key": value`, one item a line.
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, depth: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Str(s) => quote(s, out),
            Json::Array(items) => write_list(
                out,
                depth,
                ['[', ']'],
                items.iter().map(|item| (None, item)),
            ),
            Json::Object(fields) => {
                let mut sorted: Vec<&(String, Json)> = fields.iter().collect();
                sort_few_by(&mut sorted, |a, b| a.0.cmp(&b.0));
                let entries = sorted.into_iter().map(|(k, v)| (Some(k.as_str()), v));
                write_list(out, depth, ['{', '}'], entries);
            }
        }
    }
}

/// Writes the items of an array (no keys) or an object, one a line; empty, `[]` or `{}`.
fn write_list<'a>(
    out: &mut String,
    depth: usize,
    [open, close]: [char; 2],
    entries: impl Iterator<Item = (Option<&'a str>, &'a Json)>,
) {
    out.push(open);
    let mut empty = true;
    for (key, value) in entries {
        out.push_str(if empty { "\n" } else { ",\n" });
        empty = false;
        indent(out, depth + 1);
        if let Some(key) = key {
            quote(key, out);
            out.push_str(": ");
        }
        value.write(out, depth + 1);
    }
    if !empty {
        out.push('\n');
        indent(out, depth);
    }
    out.push(close);
}

fn indent(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A JSON string: quotes, backslashes and control characters escaped, the rest as it is.
fn quote(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let byte = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[byte >> 4]));
                out.push(char::from(HEX[byte & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl From<bool> for Json {
    fn from(b: bool) -> Json {
        Json::Bool(b)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::Str(s.to_owned())
    }
}

impl From<&String> for Json {
    fn from(s: &String) -> Json {
        Json::Str(s.clone())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::Str(s)
    }
}

/// A text in both languages: `{"en": …, "ja": …}`.
impl From<&Text> for Json {
    fn from(text: &Text) -> Json {
        Json::object([("ja", (&text.ja).into()), ("en", (&text.en).into())])
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_text_is_laid_out_like_serde_json_with_sorted_keys() {
        let value = Json::object([
            ("b", Json::array(["x", "y"])),
            ("a", Json::Null),
            ("c", Json::object([])),
            ("d", Json::Array(vec![])),
            ("e", Json::object([("z", true.into()), ("y", false.into())])),
        ]);
        let expected = serde_json::json!({
            "b": ["x", "y"], "a": null, "c": {}, "d": [], "e": {"z": true, "y": false},
        });
        assert_eq!(
            value.pretty(),
            serde_json::to_string_pretty(&expected).unwrap()
        );
    }

    #[test]
    fn strings_are_escaped_like_serde_json() {
        let nasty = "\"quote\" \\ back\nline\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} 日本語 </script>";
        let written = Json::from(nasty).pretty();
        assert_eq!(written, serde_json::to_string(nasty).unwrap());
        let read: String = serde_json::from_str(&written).unwrap();
        assert_eq!(read, nasty);
    }

    #[test]
    fn with_sets_or_replaces_a_field() {
        let value = Json::object([("a", "1".into())])
            .with("b", "2")
            .with("a", "3");
        assert_eq!(value.pretty(), "{\n  \"a\": \"3\",\n  \"b\": \"2\"\n}");
        assert_eq!(Json::Null.with("a", "1"), Json::Null);
    }
}
