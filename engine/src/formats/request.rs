//! The hand-over: a consultation request to a program's office, written for the user to send
//! (Shirube sends nothing). It holds the user's answers, the program's points to raise and
//! the material the user has ticked as ready; an e-mail (with a `mailto:` link) where the
//! office takes e-mail, else the text to paste into its form. It is written in the language the
//! office works in; when that is not the user's, the user's language follows, so the user
//! knows what they send.

use crate::evaluation::outcome::{Fit, Outcome, Recommendation};
use crate::model::rules::{Program, Rules};
use crate::model::text::Lang;

/// A request ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The office's e-mail address, where its intake is e-mail.
    pub to: Option<String>,
    /// The official web form to paste the text into, where the intake is a form.
    pub form: Option<String>,
    /// The language the request is written in (the office's), and the user's after it when
    /// the office does not work in it.
    pub lang: Lang,
    pub also: Option<Lang>,
    pub subject: String,
    /// The letter in the office's language, then in the user's when it differs.
    pub letters: Vec<(Lang, String)>,
}

/// The fixed parts of a request, in one language.
struct Letter {
    language: &'static str,
    subject: &'static str,
    greeting: &'static str,
    purpose: &'static str,
    situation: &'static str,
    asks: &'static str,
    eligible: &'static str,
    ready: &'static str,
    closing: &'static str,
    bullet: &'static str,
    separator: &'static str,
}

const JA: Letter = Letter {
    language: "日本語",
    subject: "についてのご相談のお願い",
    greeting: "ご担当者様",
    purpose: "について、相談をお願いしたくご連絡いたしました。",
    situation: "■ 私たちの状況",
    asks: "■ 伺いたいこと",
    eligible: "私たちが対象になるかどうかも確認させてください。",
    ready: "■ 準備できている資料",
    closing:
        "相談の方法と日程についてご案内いただけますと幸いです。\nどうぞよろしくお願いいたします。",
    bullet: "・",
    separator: "　→ ",
};

const EN: Letter = Letter {
    language: "English",
    subject: "Consultation request: ",
    greeting: "Dear Sir or Madam,",
    purpose: "We would like to ask for a consultation on ",
    situation: "Our situation",
    asks: "What we would like to ask",
    eligible: "We would also like to confirm whether we are eligible.",
    ready: "Material we have ready",
    closing: "Please let us know how and when we could consult you.\nKind regards,",
    bullet: "- ",
    separator: " — ",
};

fn letter(lang: Lang) -> &'static Letter {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// The request to `r`'s office for a user reading `lang`; `ready` holds the indices of the
/// program's `prepare` items the user has ticked.
pub fn request(
    rules: &Rules,
    outcome: &Outcome<'_>,
    r: &Recommendation<'_>,
    ready: &[usize],
    lang: Lang,
) -> Request {
    let p = r.program;
    let office = p.contact.writes_in(lang);
    let also = (office != lang).then_some(lang);
    let subject = |l: Lang| match l {
        Lang::Ja => format!("{}{}", p.name.get(l), JA.subject),
        Lang::En => format!("{}{}", EN.subject, p.name.get(l)),
    };
    let mut letters = vec![(office, letter_body(rules, outcome, r, ready, office))];
    let mut subject_line = subject(office);
    if let Some(other) = also {
        letters.push((other, letter_body(rules, outcome, r, ready, other)));
        subject_line.push_str(" / ");
        subject_line.push_str(&subject(other));
    }
    Request {
        to: p.contact.email.clone(),
        form: p.contact.form.clone(),
        lang: office,
        also,
        subject: subject_line,
        letters,
    }
}

/// The letter in one language.
fn letter_body(
    rules: &Rules,
    outcome: &Outcome<'_>,
    r: &Recommendation<'_>,
    ready: &[usize],
    lang: Lang,
) -> String {
    let l = letter(lang);
    let p: &Program = r.program;
    let name = p.name.get(lang);
    // Addressed to the agency that runs the program, then greeted as an unknown reader.
    let mut out = format!(
        "{}\n{}{}\n\n{}\n",
        p.runner.get(lang),
        if lang == Lang::Ja { "" } else { "\n" },
        l.greeting,
        match lang {
            Lang::Ja => format!("{name}{}", l.purpose),
            Lang::En => format!("{}{name}.", l.purpose),
        }
    );
    let mut section = |title: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        out.push('\n');
        out.push_str(title);
        out.push('\n');
        for item in items {
            out.push_str(l.bullet);
            out.push_str(&item);
            out.push('\n');
        }
    };
    let joiner = if lang == Lang::Ja { "、" } else { ", " };
    let situation = (outcome.asked.iter())
        .map(|&q| {
            let question = &rules.questions[q];
            let chosen: Vec<&str> = (outcome.answers.choice(q).options())
                .map(|o| question.options[o].label.get(lang))
                .collect();
            format!(
                "{}{}{}",
                question.text.get(lang),
                l.separator,
                chosen.join(joiner)
            )
        })
        .collect();
    section(l.situation, situation);
    let mut asks: Vec<String> = p.ask.iter().map(|a| a.get(lang).to_owned()).collect();
    if r.fit == Fit::MayFit {
        asks.push(l.eligible.to_owned());
    }
    section(l.asks, asks);
    let ticked = (ready.iter())
        .filter_map(|&i| p.prepare.get(i))
        .map(|t| t.get(lang).to_owned())
        .collect();
    section(l.ready, ticked);
    out.push('\n');
    out.push_str(l.closing);
    out.push('\n');
    out
}

impl Request {
    /// The whole text to send: each letter, the second headed by its language's name.
    pub fn body(&self) -> String {
        let mut body = String::new();
        for (i, (lang, text)) in self.letters.iter().enumerate() {
            if i > 0 {
                body.push_str(&format!("\n---- {} ----\n\n", letter(*lang).language));
            }
            body.push_str(text);
        }
        body
    }

    /// The `mailto:` link that opens the user's e-mail program with the request, where the
    /// office takes e-mail (RFC 6068: every byte outside the unreserved set percent-encoded,
    /// line breaks as CRLF).
    pub fn mailto(&self) -> Option<String> {
        let to = self.to.as_deref()?;
        Some(format!(
            "mailto:{to}?subject={}&body={}",
            percent(&self.subject),
            percent(&self.body().replace('\n', "\r\n"))
        ))
    }
}

fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::answers::Answers;

    fn us_orphan(rules: &Rules) -> Answers {
        Answers::from_pairs(
            rules,
            [
                ("organisation", "startup"),
                ("base", "us"),
                ("japan_base", "no"),
                ("product", "drug"),
                ("stage", "late_clinical"),
                ("japan_trials", "yes"),
                ("population", "adults_only"),
                ("patients_japan", "under_1000"),
                ("severity", "serious_no_treatment"),
            ],
        )
        .unwrap()
    }

    #[test]
    fn a_request_holds_the_answers_the_points_to_raise_and_what_is_ready() {
        let rules = Rules::embedded().unwrap();
        let outcome = rules.outcome(&us_orphan(&rules));
        let r = (outcome.recommendations.iter())
            .find(|r| r.program.id == "orphan")
            .unwrap();
        let p = r.program;
        let sent = request(&rules, &outcome, r, &[0], Lang::Ja);
        assert_eq!(sent.lang, p.contact.writes_in(Lang::Ja));
        assert!(sent.subject.contains(p.name.ja.as_str()));
        let body = sent.body();
        for &q in &outcome.asked {
            assert!(body.contains(rules.questions[q].text.ja.as_str()));
        }
        for ask in &p.ask {
            assert!(body.contains(ask.ja.as_str()), "{body}");
        }
        assert!(body.contains(p.prepare[0].ja.as_str()));
        let unticked = request(&rules, &outcome, r, &[], Lang::Ja);
        assert!(
            !unticked.body().contains(JA.ready),
            "nothing ticked, no list"
        );
    }

    #[test]
    fn a_request_to_an_office_that_does_not_work_in_the_users_language_carries_both() {
        let rules = Rules::embedded().unwrap();
        let outcome = rules.outcome(&us_orphan(&rules));
        let japanese_only = (outcome.recommendations.iter())
            .find(|r| r.fit != Fit::DoesNotFit && !r.program.contact.works_in.contains(&Lang::En))
            .expect("an office that works only in Japanese");
        let sent = request(&rules, &outcome, japanese_only, &[], Lang::En);
        assert_eq!((sent.lang, sent.also), (Lang::Ja, Some(Lang::En)));
        let body = sent.body();
        let (japanese, english) = body.split_once("---- English ----").unwrap();
        assert!(japanese.contains(JA.greeting) && english.contains(EN.greeting));
        let english_office = (outcome.recommendations.iter())
            .find(|r| r.program.contact.works_in.contains(&Lang::En))
            .expect("an office that works in English");
        let request = super::request(&rules, &outcome, english_office, &[], Lang::En);
        assert_eq!((request.lang, request.also), (Lang::En, None));
        assert!(!request.body().contains("----"));
    }

    #[test]
    fn a_mailto_link_encodes_every_byte_and_breaks_lines_as_crlf() {
        let request = Request {
            to: Some("rs@pmda.go.jp".into()),
            form: None,
            lang: Lang::Ja,
            also: None,
            subject: "相談 & a=b?".into(),
            letters: vec![(Lang::Ja, "一\n2 #".into())],
        };
        assert_eq!(
            request.mailto().unwrap(),
            "mailto:rs@pmda.go.jp?subject=%E7%9B%B8%E8%AB%87%20%26%20a%3Db%3F&body=%E4%B8%80%0D%0A2%20%23"
        );
        assert_eq!(
            Request {
                to: None,
                ..request
            }
            .mailto(),
            None
        );
    }
}
