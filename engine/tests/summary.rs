//! The result as a document to take to a consultation: everything the result page says, in
//! Markdown or plain text.

mod support;

use shirube_engine::summary::{document, Format, Labels};
use shirube_engine::{Answers, Fit, Lang, Rules};

const LABELS: Labels<'static> = Labels {
    title: "Shirube result",
    rules_reviewed: "Rules reviewed",
    source: "Source",
    sources: "Sources",
    link: "Link",
    answers: "Your answers",
    fits: "Fits",
    may_fit: "May fit",
    not_fit: "Does not fit",
    fallback: "Where to start",
    why: "Why",
    check: "Check",
    notes: "Notes",
    next_steps: "Next steps",
    prepare: "Prepare",
    contact: "Contact",
    email: "E-mail",
    phone: "Phone",
    reviewed: "Reviewed",
    disclaimer: "This is guidance.",
    colon: ": ",
};

#[test]
fn every_persona_s_document_says_what_the_result_page_says() {
    let rules = Rules::embedded().unwrap();
    for path in support::persona_files() {
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let answers = Answers::from_json(&rules, &json["answers"]).unwrap();
        let outcome = rules.outcome(&answers);
        let markdown = document(
            &rules,
            &outcome,
            Lang::En,
            &LABELS,
            "https://x/#v=1",
            Format::Markdown,
        );
        let text = document(
            &rules,
            &outcome,
            Lang::En,
            &LABELS,
            "https://x/#v=1",
            Format::Text,
        );
        let name = path.display();
        assert!(markdown.starts_with("# Shirube result\n"), "{name}");
        assert!(markdown.contains("Link: https://x/#v=1"), "{name}");
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
                        markdown.contains(&format!("Contact: [{}]({url})", contact.label.en)),
                        "{name}"
                    );
                    assert!(
                        text.contains(&format!("Contact: {} <{url}>", contact.label.en)),
                        "{name}"
                    );
                    for (label, channel) in [("E-mail", &contact.email), ("Phone", &contact.phone)]
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
            markdown.contains("## Where to start"),
            "{name}"
        );
        assert!(
            !text.contains("**") && !text.contains("]("),
            "{name}: plain text has no markup"
        );
        assert!(markdown.trim_end().ends_with("This is guidance."), "{name}");
    }
}

#[test]
fn a_program_that_does_not_fit_says_what_would_change_that() {
    let rules = Rules::embedded().unwrap();
    let answers = Answers::from_pairs(
        &rules,
        [
            ("organisation", "company"),
            ("base", "japan"),
            ("product", "drug"),
        ],
    )
    .unwrap();
    let outcome = rules.outcome(&answers);
    let markdown = document(&rules, &outcome, Lang::Ja, &LABELS, "-", Format::Markdown);
    let mediso = rules.program("mediso").unwrap();
    let change = rules.counterfactual(mediso, &outcome.answers).unwrap();
    assert!(markdown.contains(&change.describe(&rules).ja), "{markdown}");
}
