//! The result as a document to take to a consultation: plain text (to paste into a request)
//! or Markdown (to save), with the answers, every program's fit and why, what to do next, the
//! contacts and the sources.

use crate::evaluation::outcome::{FirstAction, Fit, Outcome, Recommendation};
use crate::model::answers::Answers;
use crate::model::condition::Truth;
use crate::model::rules::{Program, QuestionIndex, Rules, Source};
use crate::model::text::Lang;
use crate::model::wording::{pathway_step, ui, Ui};

/// How the document is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text, for pasting into an e-mail or a form.
    Text,
    /// Markdown, for saving.
    Markdown,
}

/// The whole document for `outcome`, in `lang`; `link` reopens the result.
pub fn document(
    rules: &Rules,
    outcome: &Outcome<'_>,
    lang: Lang,
    link: &str,
    format: Format,
) -> String {
    let mut doc = Doc {
        out: String::new(),
        format,
    };
    let l = ui(lang);
    doc.heading(1, l.document_title);
    doc.line(&format!(
        "{}{}{} · {}{}{}",
        l.rules_reviewed,
        l.colon,
        rules.meta.reviewed,
        l.source,
        l.colon,
        doc.source(&rules.meta.source, lang)
    ));
    doc.line(&format!("{}{}{}", l.link_to_result, l.colon, link));
    doc.blank();

    if let Some(action) = outcome.first_action(rules) {
        doc.heading(2, l.start_here);
        let line = doc.first_action(action, lang);
        doc.line(&line);
        doc.blank();
    }
    let shown: Vec<&Recommendation<'_>> = (outcome.recommendations.iter())
        .filter(|r| r.fit != Fit::DoesNotFit)
        .collect();
    if !shown.is_empty() {
        doc.heading(2, l.overview_title);
        for r in shown {
            let tag = if r.fit == Fit::Fits {
                l.fits_tag
            } else {
                l.may_fit_tag
            };
            let p = r.program;
            let (open, close) = if lang == Lang::Ja {
                ("（", "）")
            } else {
                (" (", ")")
            };
            doc.item(&format!(
                "{}{open}{tag}{close}{}{} {}{}{}",
                doc.strong(p.name.get(lang)),
                l.colon,
                p.gives.get(lang),
                l.first_step,
                l.colon,
                p.first_step.get(lang)
            ));
        }
        doc.blank();
    }

    let pathway = outcome.pathway(rules);
    if !pathway.is_empty() {
        doc.heading(2, l.pathway_title);
        let separator = if lang == Lang::Ja { "、" } else { ", " };
        for (i, (when, programs)) in pathway.into_iter().enumerate() {
            let names: Vec<&str> = programs.iter().map(|r| r.program.name.get(lang)).collect();
            doc.line(&format!(
                "{}. {}{}{}",
                i + 1,
                doc.strong(&pathway_step(rules, when, lang)),
                l.colon,
                names.join(separator)
            ));
        }
        doc.blank();
    }

    doc.heading(2, l.answers_title);
    for &q in &outcome.asked {
        let question = &rules.questions[q];
        let chosen = chosen_labels(rules, &outcome.answers, q, lang);
        let separator = if lang == Lang::Ja { "、" } else { ", " };
        doc.item(&format!(
            "{}{}{}",
            doc.strong(question.text.get(lang)),
            l.colon,
            chosen.join(separator)
        ));
    }
    doc.blank();

    if outcome.needs_fallback() {
        doc.heading(2, l.fallback_title);
        doc.line(rules.fallback.text.get(lang));
        for start in rules.starting_points(&outcome.answers) {
            doc.item(&doc.link(start.label.get(lang), &start.url));
        }
        doc.blank();
    }
    for (fit, title) in [(Fit::Fits, l.fits_title), (Fit::MayFit, l.may_fit_title)] {
        let shown: Vec<&Recommendation<'_>> = outcome.with_fit(fit).collect();
        if shown.is_empty() {
            continue;
        }
        doc.heading(2, title);
        for r in shown {
            doc.program(r, lang, l);
        }
    }
    let not: Vec<&Recommendation<'_>> = outcome.with_fit(Fit::DoesNotFit).collect();
    if !not.is_empty() {
        doc.heading(2, l.not_fit_title);
        for r in not {
            let mut parts: Vec<String> = r
                .reasons
                .iter()
                .filter_map(|reason| reason.text.map(|t| t.get(lang).to_owned()))
                .collect();
            if let Some(change) = rules.counterfactual(r.program, &outcome.answers) {
                parts.push(change.describe(rules).get(lang).to_owned());
            }
            doc.item(&format!(
                "{}{}{}",
                doc.strong(r.program.name.get(lang)),
                l.colon,
                parts.join(" ")
            ));
        }
        doc.blank();
    }
    doc.line(l.disclaimer);
    doc.out
}

/// The program's contact page in `lang`: its English page, if it has one, for English.
pub fn contact_url(p: &Program, lang: Lang) -> &str {
    match (lang, &p.contact.url_en) {
        (Lang::En, Some(url)) => url,
        _ => &p.contact.url,
    }
}

/// The labels of the options chosen for question `q`.
fn chosen_labels(rules: &Rules, answers: &Answers, q: QuestionIndex, lang: Lang) -> Vec<String> {
    answers
        .choice(q)
        .options()
        .map(|o| rules.questions[q].options[o].label.get(lang).to_owned())
        .collect()
}

/// The document being written, in one format.
struct Doc {
    out: String,
    format: Format,
}

impl Doc {
    fn heading(&mut self, level: usize, text: &str) {
        let line = match (self.format, level) {
            (Format::Markdown, _) => format!("{} {text}", "#".repeat(level)),
            (Format::Text, 1) => format!("{text}\n{}", "=".repeat(text.chars().count().min(40))),
            (Format::Text, 2) => format!("■ {text}"),
            (Format::Text, _) => format!("◆ {text}"),
        };
        self.line(&line);
        self.blank();
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn item(&mut self, text: &str) {
        self.line(&format!("- {text}"));
    }

    fn label(&mut self, text: &str) {
        let label = self.strong(text);
        self.line(&label);
    }

    fn strong(&self, text: &str) -> String {
        match self.format {
            Format::Markdown => format!("**{text}**"),
            Format::Text => text.to_owned(),
        }
    }

    fn link(&self, label: &str, url: &str) -> String {
        match self.format {
            Format::Markdown => format!("[{label}]({url})"),
            Format::Text => format!("{label} <{url}>"),
        }
    }

    /// "Start here": a program's first step and its contact, or a general starting point.
    fn first_action(&self, action: FirstAction<'_>, lang: Lang) -> String {
        match action {
            FirstAction::Program(p) => format!(
                "{}{}{} {}",
                self.strong(p.name.get(lang)),
                ui(lang).colon,
                p.first_step.get(lang),
                self.link(p.contact.label.get(lang), contact_url(p, lang))
            ),
            FirstAction::StartingPoint(s) => self.link(s.label.get(lang), &s.url),
        }
    }

    /// A source: a link to its page, or its citation alone when it has no page.
    fn source(&self, source: &Source, lang: Lang) -> String {
        match &source.url {
            Some(url) => self.link(source.cite.get(lang), url),
            None => source.cite.get(lang).to_owned(),
        }
    }

    fn program(&mut self, r: &Recommendation<'_>, lang: Lang, l: &Ui) {
        let p = r.program;
        self.heading(3, p.name.get(lang));
        self.line(p.runner.get(lang));
        self.blank();
        // The card's order: what it gives, what to check, what to do and whom to ask; then why.
        self.line(p.gives.get(lang));
        self.blank();
        let check = r.reasons_that(Truth::Unknown).filter_map(|x| x.text);
        self.list(l.check, check.map(|t| t.get(lang)).collect());
        self.label(l.next_steps);
        for (i, step) in p.next_steps.iter().enumerate() {
            self.line(&format!("{}. {}", i + 1, step.get(lang)));
        }
        self.blank();
        let contact = self.link(p.contact.label.get(lang), contact_url(p, lang));
        self.line(&format!("{}{}{contact}", l.contact, l.colon));
        for (label, channel) in [(l.email, &p.contact.email), (l.phone, &p.contact.phone)] {
            if let Some(channel) = channel {
                self.line(&format!("{label}{}{channel}", l.colon));
            }
        }
        self.blank();
        let why_title = if r.fit == Fit::Fits { l.why } else { l.why_may };
        self.list(why_title, r.why().iter().map(|t| t.get(lang)).collect());
        self.list(l.notes, r.notes.iter().map(|t| t.get(lang)).collect());
        self.line(p.summary.get(lang));
        self.blank();
        self.list(l.prepare, p.prepare.iter().map(|t| t.get(lang)).collect());
        self.list(l.asks, p.ask.iter().map(|t| t.get(lang)).collect());
        let sources: Vec<String> = (p.sources.iter()).map(|s| self.source(s, lang)).collect();
        let separator = if lang == Lang::Ja { "、" } else { "; " };
        let label = if p.sources.len() > 1 {
            l.sources
        } else {
            l.source
        };
        self.line(&format!(
            "{}{}{} · {} {}",
            label,
            l.colon,
            sources.join(separator),
            l.reviewed,
            p.reviewed
        ));
        self.blank();
    }

    /// A labelled list, left out when empty.
    fn list(&mut self, title: &str, items: Vec<&str>) {
        if items.is_empty() {
            return;
        }
        self.label(title);
        for item in items {
            self.item(item);
        }
        self.blank();
    }
}
