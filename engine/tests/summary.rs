//! The result as a document to take to a consultation: everything the result page says, in
//! Markdown or plain text.

mod support;

use shirube_engine::summary::{document, Format};
use shirube_engine::{ui, Answers, Fit, Lang, Rules};

#[test]
fn every_persona_s_document_says_what_the_result_page_says() {
    let rules = Rules::embedded().unwrap();
    // The labels are the interface's own words, as the app shows them.
    let en = ui(Lang::En);
    for path in support::persona_files() {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let answers = Answers::from_json(&rules, &json["answers"]).unwrap();
        let outcome = rules.outcome(&answers);
        let markdown = document(
            &rules,
            &outcome,
            Lang::En,
            "https://x/#v=1",
            Format::Markdown,
        );
        let text = document(&rules, &outcome, Lang::En, "https://x/#v=1", Format::Text);
        let name = path.display();
        assert!(
            markdown.starts_with(&format!("# {}\n", en.document_title)),
            "{name}"
        );
        let link = format!("{}{}https://x/#v=1", en.link_to_result, en.colon);
        assert!(markdown.contains(&link), "{name}");
        for &q in &outcome.asked {
            let question = &rules.questions[q].text.en;
            assert!(
                markdown.contains(&format!("- **{question}**: ")),
                "{name}: {question}"
            );
            assert!(
                text.contains(&format!("- {question}: ")),
                "{name}: {question}"
            );
        }
        // "Start here" comes before the answers, then one line for each program shown.
        let start = markdown.find(&format!("## {}\n", en.start_here));
        let answers_at = markdown
            .find(&format!("## {}\n", en.answers_title))
            .unwrap();
        assert!(
            start.is_some_and(|at| at < answers_at),
            "{name}: start here first"
        );
        // The pathway: every program shown, once, on a numbered line, "Now" first.
        let shown = outcome.with_fit(Fit::Fits).count() + outcome.with_fit(Fit::MayFit).count();
        let heading = format!("## {}\n\n", en.pathway_title);
        assert_eq!(markdown.contains(&heading), shown > 0, "{name}");
        if let Some(at) = markdown.find(&heading) {
            let lines: Vec<&str> = markdown[at + heading.len()..]
                .lines()
                .take_while(|l| !l.is_empty())
                .collect();
            assert!(
                lines[0].starts_with("1. **") && at < answers_at,
                "{name}: {lines:?}"
            );
            let named: usize = (outcome.recommendations.iter())
                .filter(|r| r.fit != Fit::DoesNotFit)
                .map(|r| {
                    lines
                        .iter()
                        .filter(|l| l.contains(&r.program.name.en))
                        .count()
                })
                .sum();
            assert_eq!(named, shown, "{name}: {lines:?}");
        }
        for r in &outcome.recommendations {
            let program = &r.program.name.en;
            let tag = match r.fit {
                Fit::Fits => en.fits_tag,
                Fit::MayFit => en.may_fit_tag,
                Fit::DoesNotFit => continue,
            };
            let line = format!(
                "- **{program}** ({tag}): {} {}: {}\n",
                r.program.gives.en, en.first_step, r.program.first_step.en
            );
            let at = markdown.find(&line);
            assert!(at.is_some_and(|at| at < answers_at), "{name}: {line}");
        }
        for r in &outcome.recommendations {
            let program = &r.program.name.en;
            match r.fit {
                Fit::DoesNotFit => {
                    assert!(markdown.contains(&format!("- **{program}**: ")), "{name}")
                }
                _ => {
                    assert!(
                        markdown.contains(&format!("### {program}\n")),
                        "{name}: {program}"
                    );
                    assert!(
                        text.contains(&format!("◆ {program}\n")),
                        "{name}: {program}"
                    );
                    let contact = &r.program.contact;
                    let url = contact.url_en.as_ref().unwrap_or(&contact.url);
                    assert!(
                        markdown
                            .contains(&format!("{}: [{}]({url})", en.contact, contact.label.en)),
                        "{name}"
                    );
                    assert!(
                        text.contains(&format!("{}: {} <{url}>", en.contact, contact.label.en)),
                        "{name}"
                    );
                    for (label, channel) in [(en.email, &contact.email), (en.phone, &contact.phone)]
                    {
                        if let Some(channel) = channel {
                            let line = format!("{label}: {channel}\n");
                            assert!(text.contains(&line), "{name}: {line}");
                        }
                    }
                    for source in &r.program.sources {
                        let cited = match &source.url {
                            Some(url) => format!("[{}]({url})", source.cite.en),
                            None => source.cite.en.clone(),
                        };
                        assert!(markdown.contains(&cited), "{name}: {cited}");
                    }
                }
            }
        }
        assert_eq!(
            outcome.needs_fallback(),
            markdown.contains(&format!("## {}", en.fallback_title)),
            "{name}"
        );
        assert!(
            !text.contains("**") && !text.contains("]("),
            "{name}: plain text has no markup"
        );
        assert!(markdown.trim_end().ends_with(en.disclaimer), "{name}");
    }
}

#[test]
fn start_here_is_the_best_ranked_program_that_fits_or_else_a_general_starting_point() {
    let rules = Rules::embedded().unwrap();
    let en = ui(Lang::En);
    let start_here = |persona: &str| {
        let path = format!(
            "{}/tests/personas/{persona}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let answers = Answers::from_json(&rules, &json["answers"]).unwrap();
        let outcome = rules.outcome(&answers);
        let markdown = document(&rules, &outcome, Lang::En, "-", Format::Markdown);
        let heading = format!("## {}\n\n", en.start_here);
        let at = markdown.find(&heading).unwrap() + heading.len();
        let top = outcome
            .with_fit(Fit::Fits)
            .next()
            .map(|r| r.program.id.clone());
        (markdown[at..].lines().next().unwrap().to_owned(), top, json)
    };
    // Programs fit: the best-ranked one's first step, at its contact.
    let (line, top, json) = start_here("us-biotech-orphan-drug");
    let top = rules.program(&top.unwrap()).unwrap();
    assert!(json["fits"]
        .as_array()
        .unwrap()
        .contains(&top.id.as_str().into()));
    let url = top.contact.url_en.as_ref().unwrap_or(&top.contact.url);
    assert_eq!(
        line,
        format!(
            "**{}**: {} [{}]({url})",
            top.name.en, top.first_step.en, top.contact.label.en
        )
    );
    // Nothing fits for certain: the first general starting point for a pre-founder.
    let (line, top, _) = start_here("ux5-pre-founder-answers-dont-know");
    assert_eq!(top, None);
    let first = &rules.fallback.starts[0];
    assert_eq!(line, format!("[{}]({})", first.label.en, first.url));
}

#[test]
fn a_program_that_does_not_fit_says_what_would_change_that() {
    let rules = Rules::embedded().unwrap();
    let answers = Answers::from_pairs(
        &rules,
        [
            ("organisation", "academic"),
            ("base", "japan"),
            ("product", "drug"),
            ("stage", "approved_japan"),
        ],
    )
    .unwrap();
    let outcome = rules.outcome(&answers);
    let markdown = document(&rules, &outcome, Lang::Ja, "-", Format::Markdown);
    let ddsn = rules.program("amed_ddsn").unwrap();
    let change = rules.counterfactual(ddsn, &outcome.answers).unwrap();
    assert!(markdown.contains(&change.describe(&rules).ja), "{markdown}");
}
