//! Input quoted in messages: at most an excerpt of it, so that a huge input (a 50 MB answers
//! file, a long link, a damaged rules file) never makes a huge message.

use std::fmt::{self, Display, Write};

/// A message quotes an input of at most `HEAD + TAIL` (80) characters whole; a longer one is
/// cut to its first `HEAD` and last `TAIL` characters around "…" (the end of a path names its
/// file).
const HEAD: usize = 60;
const TAIL: usize = 20;

/// How many characters a message from another library (the TOML reader) keeps at most, after
/// its quoted parts are cut; its start says what is wrong, its end what was expected.
const MESSAGE: usize = 400;

/// An input as a message shows it: see [`excerpt`] and [`quoted`].
#[derive(Clone, Copy, Debug)]
pub struct Excerpt<'a> {
    text: &'a str,
    quoted: bool,
}

/// `text` for a message: whole when it has at most 80 characters, else its first 60 and last
/// 20 characters around "…" (cut between characters, never inside one).
pub fn excerpt(text: &str) -> Excerpt<'_> {
    Excerpt {
        text,
        quoted: false,
    }
}

/// `text` in double quotes for a message, cut like [`excerpt`]; when cut, its length follows:
/// `"organisation"`, or `"aaaa…aaaa" (5000000 characters)`.
pub fn quoted(text: &str) -> Excerpt<'_> {
    Excerpt { text, quoted: true }
}

impl Display for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.quoted {
            f.write_char('"')?;
        }
        let cut = cut(self.text, HEAD, TAIL);
        match cut {
            None => f.write_str(self.text)?,
            Some((head, tail, _)) => {
                f.write_str(head)?;
                f.write_char('…')?;
                f.write_str(tail)?;
            }
        }
        if self.quoted {
            f.write_char('"')?;
            if let Some((_, _, length)) = cut {
                write!(f, " ({length} characters)")?;
            }
        }
        Ok(())
    }
}

/// The start and end an excerpt keeps of `text`, and its length in characters; `None` when
/// `text` has at most `head + tail` characters and is kept whole.
fn cut(text: &str, head: usize, tail: usize) -> Option<(&str, &str, usize)> {
    // A character takes at least a byte: a text this short is not counted.
    if text.len() <= head + tail {
        return None;
    }
    let length = text.chars().count();
    if length <= head + tail {
        return None;
    }
    let head_end = text.char_indices().nth(head).map_or(text.len(), |(i, _)| i);
    let tail_start = (text.char_indices().rev())
        .nth(tail.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    Some((&text[..head_end], &text[tail_start..], length))
}

/// A message from another library that may quote input, bounded: each part of it in double
/// quotes or backquotes (the TOML reader's `invalid type: string "…"` and ``unknown field
/// `…` ``) cut like [`excerpt`], and the whole kept to its first and last characters when it
/// is still long.
pub fn bounded(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MESSAGE * 4));
    let mut rest = message;
    while let Some(open) = rest.find(['"', '`']) {
        let delimiter = rest.as_bytes()[open];
        out.push_str(&rest[..=open]);
        let inside = &rest[open + 1..];
        let close = closing(inside, delimiter);
        // Written through a formatter into a String: cannot fail.
        let _ = write!(out, "{}", excerpt(&inside[..close]));
        rest = &inside[close..];
    }
    out.push_str(rest);
    match cut(&out, MESSAGE - 100, 100) {
        Some((head, tail, _)) => format!("{head}…{tail}"),
        None => out,
    }
}

/// Where the part of a message after an opening `delimiter` ends: at the next unescaped
/// delimiter (a double quote after a backslash is part of the text), or at its end.
fn closing(inside: &str, delimiter: u8) -> usize {
    let mut escaped = false;
    for (i, b) in inside.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if delimiter == b'"' => escaped = true,
            b if b == delimiter => return i,
            _ => {}
        }
    }
    inside.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_input_is_quoted_whole() {
        assert_eq!(quoted("organisation").to_string(), "\"organisation\"");
        assert_eq!(quoted("").to_string(), "\"\"");
        let eighty = "長".repeat(80);
        assert_eq!(excerpt(&eighty).to_string(), eighty);
    }

    #[test]
    fn a_long_input_is_cut_to_its_start_and_end_with_its_length() {
        let long = format!("{}{}", "a".repeat(5_000_000), "end");
        let shown = quoted(&long).to_string();
        assert_eq!(
            shown,
            format!(
                "\"{}…{}end\" (5000003 characters)",
                "a".repeat(60),
                "a".repeat(17)
            )
        );
        // Cut between characters: multi-byte characters stay whole.
        let japanese = "日本語".repeat(1000);
        let shown = excerpt(&japanese).to_string();
        assert_eq!(shown.chars().count(), 81);
        assert!(shown.starts_with("日本語") && shown.ends_with("本語"));
        assert_eq!(excerpt(&"é".repeat(81)).to_string().chars().count(), 81);
    }

    #[test]
    fn a_message_from_another_library_has_its_quoted_parts_cut() {
        let value = "y".repeat(300);
        let message = format!("invalid type: string \"{value}\", expected a boolean");
        assert_eq!(
            bounded(&message),
            format!(
                "invalid type: string \"{}…{}\", expected a boolean",
                "y".repeat(60),
                "y".repeat(20)
            )
        );
        let field = format!("unknown field `{}`, expected `id`", "k".repeat(1000));
        assert_eq!(bounded(&field).chars().count(), 15 + 81 + 16);
        // An escaped quote is part of the text; an unclosed quote runs to the end.
        let escaped = format!("string \"a\\\"{}\" left", "b".repeat(100));
        assert!(
            bounded(&escaped).ends_with("b\" left"),
            "{}",
            bounded(&escaped)
        );
        assert_eq!(bounded("no quote \"").as_str(), "no quote \"");
        // Short messages are unchanged; a long one without quotes is cut too.
        assert_eq!(bounded("expected `=`"), "expected `=`");
        assert_eq!(bounded(&"z ".repeat(10_000)).chars().count(), MESSAGE + 1);
    }
}
