//! The decision diagram: which answers lead to which program, as Graphviz DOT, or as SVG laid
//! out here (`svg`), so that a browser can draw it with no Graphviz (the rules studio).
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

/// The same diagram as SVG, laid out here: the title, then one row per program, in the rules'
/// order: its requirements as boxes (each condition as [`dot`] writes it), an arrow from each to
/// the next, and the program last. Texts are in monospace, so a box's width follows its
/// longest line (a Japanese character counts twice).
pub fn svg(rules: &Rules, lang: Lang) -> String {
    const CHAR: f32 = 7.3;
    const LINE: f32 = 16.0;
    const PAD: f32 = 8.0;
    const GAP: f32 = 28.0;
    const ROW_GAP: f32 = 14.0;
    let width_of = |lines: &[String]| -> f32 {
        let widest = lines.iter().map(|l| columns(l)).max().unwrap_or(0);
        widest as f32 * CHAR + 2.0 * PAD
    };
    let (title, legend) = match lang {
        Lang::Ja => (
            format!("{}（{}時点）", rules.meta.name.ja, rules.meta.reviewed),
            "各行：その行の条件をすべて満たすと支援が「対象」になります。「確認」の回答では「対象の可能性」になります。",
        ),
        Lang::En => (
            format!("{} (reviewed {})", rules.meta.name.en, rules.meta.reviewed),
            "Each row: the program fits when every box on its row holds. Answers under \"check\" make it \"may fit\".",
        ),
    };
    let mut body = String::new();
    let mut y = 2.0 * LINE + ROW_GAP;
    let mut right = width_of(&[legend.to_owned()]);
    for program in &rules.programs {
        let mut boxes: Vec<(Vec<String>, bool)> = (program.requires.iter())
            .map(|c| {
                let text = describe(&c.when, &rules.questions, lang, 0).join("\n");
                (text.lines().map(str::to_owned).collect(), false)
            })
            .collect();
        let name = format!("{}\n({})", wrap(program.name.get(lang), lang), program.id);
        boxes.push((name.lines().map(str::to_owned).collect(), true));
        let height = boxes.iter().map(|(l, _)| l.len()).max().unwrap_or(1) as f32 * LINE + PAD;
        let _ = writeln!(body, "<g class=\"row\" id=\"row-{}\">", xml(&program.id));
        let mut x = 0.0;
        for (i, (lines, is_program)) in boxes.iter().enumerate() {
            let w = width_of(lines);
            if i > 0 {
                let _ = writeln!(
                    body,
                    "<line x1=\"{:.0}\" y1=\"{:.0}\" x2=\"{:.0}\" y2=\"{:.0}\" stroke=\"#4d4d4d\" marker-end=\"url(#arrow)\"/>",
                    x - GAP,
                    y + height / 2.0,
                    x - 3.0,
                    y + height / 2.0
                );
            }
            let (class, look) = if *is_program {
                (
                    "program",
                    "fill=\"#e8f1fb\" stroke=\"#0031d8\" stroke-width=\"2\"",
                )
            } else {
                ("requirement", "fill=\"#ffffff\" stroke=\"#767676\"")
            };
            let _ = writeln!(
                body,
                "<rect class=\"{class}\" x=\"{x:.0}\" y=\"{y:.0}\" width=\"{w:.0}\" height=\"{height:.0}\" rx=\"6\" {look}/>"
            );
            for (n, line) in lines.iter().enumerate() {
                // Indented parts of `all`/`any`/`not` keep their indent as an offset.
                let text = line.trim_start();
                let indent = (line.len() - text.len()) as f32 * CHAR;
                let _ = writeln!(
                    body,
                    "<text x=\"{:.0}\" y=\"{:.0}\">{}</text>",
                    x + PAD + indent,
                    y + PAD / 2.0 + LINE * (n as f32 + 0.8),
                    xml(text)
                );
            }
            x += w + GAP;
        }
        let _ = writeln!(body, "</g>");
        right = right.max(x - GAP);
        y += height + ROW_GAP;
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"shirube-diagram\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" height=\"{h:.0}\" role=\"group\" aria-label=\"{label}\">\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>\n\
         <g font-family=\"monospace\" font-size=\"12\" fill=\"#1a1a1c\">\n\
         <text class=\"title\" x=\"0\" y=\"{LINE}\" font-family=\"sans-serif\" font-size=\"14\" font-weight=\"bold\">{label}</text>\n\
         <text x=\"0\" y=\"{legend_y}\">{legend}</text>\n{body}</g></svg>\n",
        w = right + 2.0,
        h = y,
        label = xml(&title),
        legend = xml(legend),
        legend_y = 2.0 * LINE,
    )
}

/// How many monospace columns a line takes: two for a wide (Japanese) character.
fn columns(line: &str) -> usize {
    line.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// Text for XML character data and attribute values.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
    fn the_svg_draws_a_row_per_program_with_every_requirement_in_both_languages() {
        let rules = Rules::embedded().unwrap();
        for lang in [Lang::En, Lang::Ja] {
            let svg = svg(&rules, lang);
            assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
            assert_eq!(
                svg.matches("<g class=\"row\"").count(),
                rules.programs.len()
            );
            assert_eq!(svg.matches("<g ").count(), svg.matches("</g>").count());
            for program in &rules.programs {
                assert!(svg.contains(&format!("id=\"row-{}\"", program.id)));
                assert!(
                    svg.contains(&format!("({})</text>", program.id)),
                    "{}",
                    program.id
                );
                let boxes = program.requires.len() + 1;
                let row = &svg[svg.find(&format!("id=\"row-{}\"", program.id)).unwrap()..];
                let row = &row[..row.find("</g>").unwrap()];
                assert_eq!(row.matches("<rect").count(), boxes, "{}", program.id);
                assert_eq!(row.matches("<line").count(), boxes - 1, "{}", program.id);
                // Boxes left to right, none overlapping the next.
                let xs: Vec<(f32, f32)> = row
                    .split("<rect")
                    .skip(1)
                    .map(|r| (number(r, "x=\""), number(r, "width=\"")))
                    .collect();
                for pair in xs.windows(2) {
                    assert!(pair[0].0 + pair[0].1 < pair[1].0, "{} {xs:?}", program.id);
                }
            }
            assert!(!svg.contains("<text x=\"0\" y=\"32\">Each row") || lang == Lang::En);
        }
    }

    #[test]
    fn the_svg_escapes_its_texts_and_follows_the_rules() {
        let mut rules =
            crate::testing::rules(&crate::testing::requirement(r#"{ q = "a", in = ["x"] }"#));
        rules.programs[0].name.en = "R&D <support> \"now\"".to_owned();
        let svg = svg(&rules, Lang::En);
        assert!(
            svg.contains("R&amp;D &lt;support&gt; &quot;now&quot;"),
            "{svg}"
        );
        assert!(!svg.contains("<support>"));
        assert!(svg.contains(">a: x</text>"), "{svg}");
        let other =
            crate::testing::rules(&crate::testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        assert_ne!(super::svg(&other, Lang::En), svg);
    }

    fn number(text: &str, attribute: &str) -> f32 {
        let start = text.find(attribute).unwrap() + attribute.len();
        let end = start + text[start..].find('"').unwrap();
        text[start..end].parse().unwrap()
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
