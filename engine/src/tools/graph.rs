//! The decision diagram: which answers lead to which program, as Graphviz DOT.
//!
//! Questions stand on the left in the order the flow considers them; each program's
//! requirements are arrows from the questions they read, labelled with the answers that let
//! the program fit (and, dashed, those that leave it to be checked). `all`, `any` and `not`
//! become small junction nodes. The graph carries a digest of its own text, which Graphviz
//! copies into the SVG, so a test can tell that a committed diagram is up to date.

use std::fmt::Write;

use crate::model::condition::Condition;
use crate::model::rules::{Question, Rules};
use crate::model::text::Lang;

/// The rules as a Graphviz DOT graph, with texts in `lang`.
pub fn dot(rules: &Rules, lang: Lang) -> String {
    let body = body(rules, lang);
    format!(
        "digraph shirube_rules {{\n  comment=\"{}\";\n{body}}}\n",
        digest_line(&body)
    )
}

/// The comment the graph carries: `rules digest <hex>` of the graph's body.
pub fn digest_line(body: &str) -> String {
    // FNV-1a: stable across Rust versions and platforms, unlike the std hasher.
    let hash = body.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("rules digest {hash:016x}")
}

/// The digest comment of a DOT text made by [`dot`], if it has one.
pub fn digest_of(dot: &str) -> Option<&str> {
    let start = dot.find("rules digest ")?;
    Some(&dot[start..start + "rules digest ".len() + 16])
}

fn body(rules: &Rules, lang: Lang) -> String {
    let mut out = String::new();
    let font = "Noto Sans CJK JP, sans-serif";
    let (title, legend, order_title) = match lang {
        Lang::Ja => (
            format!("{}（{}時点）", rules.meta.name.ja, rules.meta.reviewed),
            "各行：その行の条件をすべて満たすと支援が「対象」になります。「確認」の回答では「対象の可能性」になります。",
            "質問の順番（結果を変え得ない質問は省略）",
        ),
        Lang::En => (
            format!("{} (reviewed {})", rules.meta.name.en, rules.meta.reviewed),
            "Each row: the program fits when every box on its row holds. Answers under \"check\" make it \"may fit\".",
            "Questions, in the order the flow considers them (skipped when they cannot change a result)",
        ),
    };
    let order: Vec<String> = rules
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| format!("    {}. {} ({})", i + 1, q.text.get(lang), q.id))
        .collect();
    let label = format!("{title}\n{legend}\n{order_title}\n{}\n ", order.join("\n"));
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"{font}\", labelloc=t, labeljust=l, fontsize=14, nodesep=0.2, ranksep=0.3, label={}];",
        quote_left(&label)
    );
    let _ = writeln!(
        out,
        "  node [fontname=\"{font}\", fontsize=11, shape=box, style=\"rounded\"];"
    );
    let _ = writeln!(out, "  edge [arrowsize=0.6];");

    // Graphviz stacks rows upwards: write the last program first so the first is on top.
    for program in rules.programs.iter().rev() {
        let _ = writeln!(out, "  subgraph cluster_{} {{", program.id);
        let _ = writeln!(out, "    style=\"rounded\"; color=\"#c8c8cb\"; label=\"\";");
        let mut chain = Vec::new();
        for (i, criterion) in program.requires.iter().enumerate() {
            let node = format!("r_{}_{}", program.id, i + 1);
            let lines = describe(&criterion.when, &rules.questions, lang, 0);
            let _ = writeln!(out, "    {node} [label={}];", quote_left(&lines.join("\n")));
            chain.push(node);
        }
        let _ =
            writeln!(
            out,
            "    p_{} [label={}, style=\"filled,bold\", fillcolor=\"#e8f1fb\", color=\"#0031d8\"];",
            program.id,
            quote(&format!("{}\n({})", wrap(program.name.get(lang), lang), program.id))
        );
        chain.push(format!("p_{}", program.id));
        let _ = writeln!(out, "    {};", chain.join(" -> "));
        let _ = writeln!(out, "  }}");
    }
    out
}

/// A condition as lines of text: `question: option | option`, then `check: …` for the
/// answers that leave it undecided; `all`, `any` and `not` indent their parts.
fn describe(
    condition: &Condition,
    questions: &[Question],
    lang: Lang,
    depth: usize,
) -> Vec<String> {
    let indent = "    ".repeat(depth);
    let (all, any, not, check) = match lang {
        Lang::Ja => ("すべて：", "いずれか：", "以下でない：", "確認"),
        Lang::En => ("all of:", "any of:", "not:", "check"),
    };
    match condition {
        Condition::Answer {
            question,
            holds,
            undecided,
        } => {
            let question = &questions[*question];
            let named = |mask: u64| -> String {
                let ids: Vec<&str> = question
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(i, o)| mask & 1 << i != 0 && !o.unknown)
                    .map(|(_, o)| o.id.as_str())
                    .collect();
                // Three options a line keeps the boxes, and so the diagram, narrow.
                let rows: Vec<String> = ids.chunks(3).map(|row| row.join(" | ")).collect();
                rows.join(&format!("\n{indent}      "))
            };
            let mut lines = vec![format!("{indent}{}: {}", question.id, named(*holds))];
            let maybe = named(*undecided);
            if !maybe.is_empty() {
                lines.push(format!("{indent}    {check}: {maybe}"));
            }
            lines
        }
        Condition::All(parts) | Condition::Any(parts) => {
            let head = if matches!(condition, Condition::All(_)) {
                all
            } else {
                any
            };
            let mut lines = vec![format!("{indent}{head}")];
            for part in parts {
                lines.extend(describe(part, questions, lang, depth + 1));
            }
            lines
        }
        Condition::Not(inner) => {
            let mut lines = vec![format!("{indent}{not}")];
            lines.extend(describe(inner, questions, lang, depth + 1));
            lines
        }
    }
}

/// A program name broken into short lines: at spaces in English, every 16 characters in
/// Japanese.
fn wrap(name: &str, lang: Lang) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    match lang {
        Lang::En => {
            for word in name.split(' ') {
                let line = lines.last_mut().expect("one line at least");
                if !line.is_empty() && line.len() + word.len() > 32 {
                    lines.push(word.to_owned());
                } else {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                }
            }
        }
        Lang::Ja => {
            let chars: Vec<char> = name.chars().collect();
            lines = chars.chunks(16).map(|c| c.iter().collect()).collect();
        }
    }
    lines.join("\n")
}

/// A DOT string literal whose lines are left-justified.
fn quote_left(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"{}\\l\"", escaped.replace('\n', "\\l"))
}

/// A DOT string literal.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_graph_names_every_question_and_program_and_carries_its_digest() {
        let rules = Rules::embedded().unwrap();
        let dot = dot(&rules, Lang::En);
        for q in &rules.questions {
            assert!(dot.contains(&format!("({})\\l", q.id)), "{}", q.id);
        }
        for p in &rules.programs {
            assert!(dot.contains(&format!("p_{} [label=", p.id)), "{}", p.id);
        }
        let digest = digest_of(&dot).unwrap();
        let edited = dot.replacen("(mediso)", "(medisa)", 1);
        assert_eq!(
            digest_of(&edited),
            Some(digest),
            "the comment is not recomputed"
        );
    }

    #[test]
    fn each_program_is_a_row_of_its_requirements_and_the_digest_follows_the_rules() {
        let two = [
            crate::testing::requirement(r#"{ q = "a", in = ["x"] }"#),
            crate::testing::requirement(r#"{ q = "b", in = ["one", "two"] }"#),
        ]
        .concat();
        let dot = dot(&crate::testing::rules(&two), Lang::En);
        assert!(dot.contains("r_p_1 [label=\"a: x\\l\"];"), "{dot}");
        assert!(dot.contains("r_p_2 [label=\"b: one | two\\l\"];"), "{dot}");
        assert!(dot.contains("r_p_1 -> r_p_2 -> p_p;"), "{dot}");
        let one = crate::testing::requirement(r#"{ q = "a", in = ["x"] }"#);
        let other = super::dot(&crate::testing::rules(&one), Lang::En);
        assert_ne!(digest_of(&dot), digest_of(&other));
    }

    #[test]
    fn compound_conditions_indent_their_parts() {
        let rules = crate::testing::rules(&crate::testing::requirement(
            r#"{ any = [{ q = "b", in = ["one"] }, { not = { q = "a", in = ["y"], maybe = ["x"] } }] }"#,
        ));
        let dot = dot(&rules, Lang::En);
        let expected = "r_p_1 [label=\"any of:\\l    b: one\\l    not:\\l        a: y\\l            check: x\\l\"];";
        assert!(dot.contains(expected), "{expected} in\n{dot}");
    }
}
