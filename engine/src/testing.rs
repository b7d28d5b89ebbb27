//! Small rule sets for the engine's unit tests.

use crate::model::rules::Rules;

/// A rule set with questions `a` (x, y, "I don't know") and `b` (one, two), a program `p`
/// with the given requirements (or strengths and notes), and one more program that fits when `a` is x.
pub(crate) fn rules(requires: &str) -> Rules {
    Rules::parse(&source(requires)).unwrap()
}

/// The text of [`rules`], for checks that read the file.
pub(crate) fn source(requires: &str) -> String {
    format!(
        r#"
        [meta]
        name = {{ ja = "テスト", en = "Test" }}
        reviewed = "2026-11-25"
        source = {{ cite = {{ ja = "出典", en = "Source" }}, url = "https://www.mhlw.go.jp/p.html" }}
        [[questions]]
        id = "a"
        text = {{ ja = "A?", en = "A?" }}
        options = [
          {{ id = "x", label = {{ ja = "x", en = "x" }} }},
          {{ id = "y", label = {{ ja = "y", en = "y" }} }},
          {{ id = "dk", label = {{ ja = "?", en = "?" }}, unknown = true }},
        ]
        [[questions]]
        id = "b"
        text = {{ ja = "B?", en = "B?" }}
        options = [
          {{ id = "one", label = {{ ja = "1", en = "1" }} }},
          {{ id = "two", label = {{ ja = "2", en = "2" }} }},
        ]
        {p}
        {requires}
        {q}
        [[programs.requires]]
        when = {{ q = "a", in = ["x"] }}
        yes = {{ ja = "Y", en = "Y" }}
        no = {{ ja = "N", en = "N" }}
        check = {{ ja = "C", en = "C" }}
        [fallback]
        text = {{ ja = "F", en = "F" }}
        starts = [{{ label = {{ ja = "L", en = "L" }}, url = "https://www.mhlw.go.jp/start.html" }}]
        "#,
        p = program("p"),
        q = program("q"),
    )
}

fn program(id: &str) -> String {
    format!(
        r#"
        [[programs]]
        id = "{id}"
        name = {{ ja = "P", en = "P" }}
        runner = {{ ja = "R", en = "R" }}
        summary = {{ ja = "S", en = "S" }}
        gives = {{ ja = "G", en = "G" }}
        first_step = {{ ja = "F", en = "F" }}
        next_steps = [{{ ja = "N", en = "N" }}]
        prepare = []
        ask = [{{ ja = "A", en = "A" }}]
        contact = {{ url = "https://www.mhlw.go.jp/p.html", label = {{ ja = "C", en = "C" }} }}
        sources = [{{ cite = {{ ja = "S", en = "S" }}, url = "https://www.mhlw.go.jp/p.html" }}]
        reviewed = "2026-11-25"
        "#
    )
}

pub(crate) fn requirement(when: &str) -> String {
    format!(
        r#"
        [[programs.requires]]
        when = {when}
        yes = {{ ja = "Y", en = "Y" }}
        no = {{ ja = "N", en = "N" }}
        check = {{ ja = "C", en = "C" }}
        "#
    )
}

/// A `[[programs.strengths]]` or `[[programs.notes]]` entry (`kind` is "strengths" or "notes").
pub(crate) fn conditional(kind: &str, when: &str) -> String {
    format!(
        r#"
        [[programs.{kind}]]
        when = {when}
        text = {{ ja = "T", en = "T" }}
        "#
    )
}

/// The line (from 1) of the first occurrence of `needle`, after `from` if given.
pub(crate) fn line_of(source: &str, needle: &str, from: usize) -> usize {
    let start: usize = source.split_inclusive('\n').take(from).map(str::len).sum();
    let at = start + source[start..].find(needle).expect("needle present");
    source[..at].matches('\n').count() + 1
}
