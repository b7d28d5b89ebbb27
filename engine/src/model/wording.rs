//! The interface's own words in Japanese and English (the rules file holds the rest): one home
//! for the app's screens and the take-away document the engine writes.
//!
//! One struct, one value per language: a text missing in either language does not compile.

use crate::evaluation::outcome::When;
use crate::formats::link::LinkError;
use crate::model::rules::{Date, Rules};
use crate::model::text::Lang;

/// Every fixed text of the interface.
pub struct Ui {
    pub app_name: &'static str,
    /// What follows a label: a full-width colon in Japanese.
    pub colon: &'static str,
    pub tagline: &'static str,
    pub switch_to: &'static str,
    pub switch_lang_label: &'static str,
    pub start_title: &'static str,
    pub start_intro: &'static str,
    pub start_who: &'static str,
    pub start_how: &'static str,
    pub start_privacy: &'static str,
    pub start_button: &'static str,
    pub back: &'static str,
    pub continue_button: &'static str,
    pub question_of: &'static str,
    pub error_title: &'static str,
    pub error_choose_one: &'static str,
    pub error_choose_any: &'static str,
    pub error_prefix: &'static str,
    pub result_title: &'static str,
    pub result_intro: &'static str,
    pub fits_title: &'static str,
    pub may_fit_title: &'static str,
    pub not_fit_title: &'static str,
    pub not_fit_intro: &'static str,
    /// The folded list of programs that do not fit, before their number.
    pub not_fit_show: &'static str,
    pub fallback_title: &'static str,
    /// The one first action, at the top of the result.
    pub start_here: &'static str,
    /// The one-line-per-program overview under "start here".
    pub overview_title: &'static str,
    /// Before a program's first step in the overview.
    pub first_step: &'static str,
    /// After a program's name in the overview: it fits, or may fit.
    pub fits_tag: &'static str,
    pub may_fit_tag: &'static str,
    /// The folded part of a program's card: why it fits, and more about it.
    pub more: &'static str,
    pub more_may: &'static str,
    pub print: &'static str,
    /// The development pathway: its title, "now", and the labels before a later stage and,
    /// when the user's stage is not known, before the first stage a program applies at.
    pub pathway_title: &'static str,
    pub pathway_now: &'static str,
    pub pathway_later: &'static str,
    pub pathway_from: &'static str,
    /// The overview's first step: the programs the host page features.
    pub featured_title: &'static str,
    pub why: &'static str,
    pub why_may: &'static str,
    pub check: &'static str,
    pub notes: &'static str,
    pub run_by: &'static str,
    pub next_steps: &'static str,
    pub prepare: &'static str,
    /// The hand-over: the folded part of a card that prepares a request to the program's office.
    pub handover: &'static str,
    pub ready_hint: &'static str,
    pub asks: &'static str,
    /// The request's heading: an e-mail (before the address), the text for a web form, or the
    /// text for a request made another way.
    pub request_email: &'static str,
    pub request_form: &'static str,
    pub request_text: &'static str,
    pub subject: &'static str,
    pub write_email: &'static str,
    pub copy_request: &'static str,
    pub request_copied: &'static str,
    pub request_copy_failed: &'static str,
    pub open_form: &'static str,
    pub request_hint: &'static str,
    /// When the office does not work in the user's language: the request is in the other
    /// language, with the user's after it.
    pub office_other_language: &'static str,
    pub contact: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub source: &'static str,
    pub sources: &'static str,
    pub reviewed: &'static str,
    pub answers_title: &'static str,
    /// The folded list of answers, before their number.
    pub answers_show: &'static str,
    pub change: &'static str,
    pub start_again: &'static str,
    pub share: &'static str,
    pub rules_reviewed: &'static str,
    pub disclaimer: &'static str,
    pub opens_in_new_tab: &'static str,
    pub link_problem: &'static str,
    pub link_malformed: &'static str,
    pub link_outdated: &'static str,
    pub link_partly: &'static str,
    pub link_dropped: &'static str,
    pub rules_broken: &'static str,
    pub update_available: &'static str,
    pub update_reload: &'static str,
    pub takeaway_title: &'static str,
    pub copy_summary: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub download_markdown: &'static str,
    pub download_json: &'static str,
    /// The saved files' names, before the date.
    pub file_name: &'static str,
    pub copy_link: &'static str,
    pub link_copied: &'static str,
    pub link_copy_failed: &'static str,
    pub document_title: &'static str,
    pub link_to_result: &'static str,
}

const JA: Ui = Ui {
    app_name: "しるべ",
    colon: "：",
    tagline: "創薬支援の相談先ガイド",
    switch_to: "English",
    switch_lang_label: "Switch to English",
    start_title: "創薬の相談先を探す",
    start_intro: "いくつかの質問に答えると、あなたに合う国の支援プログラム（MEDISO、PMDAの相談、オーファン支援など）と、その理由、次にすべきことがわかります。",
    start_who: "日本のスタートアップ、大学・研究機関の研究者、日本での開発を考える海外のバイオテック企業向けです。",
    start_how: "質問は1画面に1つで、回答によって必要な質問だけが表示されます（多くの場合5〜13問）。わからない質問には「わからない」と答えられます。",
    start_privacy: "回答はこのブラウザの中だけで処理され、どこにも送信されません。",
    start_button: "始める",
    back: "戻る",
    continue_button: "次へ",
    question_of: "質問",
    error_title: "入力内容を確認してください",
    error_choose_one: "選択肢を1つ選んでください",
    error_choose_any: "当てはまるものを1つ以上選んでください",
    error_prefix: "エラー：",
    result_title: "あなたに合う支援",
    result_intro: "回答に基づく案内です。最終的な対象かどうかは、各窓口に確認してください。",
    fits_title: "合う可能性が高い支援",
    may_fit_title: "合う可能性がある支援（要確認）",
    not_fit_title: "今回の回答では対象外の支援",
    not_fit_intro: "理由とあわせて示します。回答を変えると結果も変わります。",
    not_fit_show: "対象外の支援と理由",
    fallback_title: "一般的な相談窓口",
    start_here: "まずはここから",
    overview_title: "結果の概要（開発の流れに沿って）",
    first_step: "最初にすること",
    fits_tag: "合う可能性が高い",
    may_fit_tag: "要確認",
    more: "合う理由・詳細・出典",
    more_may: "次にすること・理由・詳細・出典",
    print: "印刷",
    pathway_title: "開発の流れに沿って",
    pathway_now: "現在の段階で",
    pathway_later: "この先、次の段階になったら",
    pathway_from: "開発の段階によって（この段階から）",
    featured_title: "このサイトでご案内している支援",
    why: "合う理由",
    why_may: "合う可能性がある理由",
    check: "確認すること",
    notes: "知っておくこと",
    run_by: "運営",
    next_steps: "次にすること",
    prepare: "準備するもの",
    handover: "相談の申込みを準備する",
    ready_hint: "準備できたものにチェックを付けてください。チェックはこの結果へのリンクに保存されます。",
    asks: "相談で伺うこと",
    request_email: "送るメール",
    request_form: "申込みフォームに貼り付ける文章",
    request_text: "相談の申込みに使う文章",
    subject: "件名",
    write_email: "メールソフトで開く",
    copy_request: "文章をコピー",
    request_copied: "申込みの文章をクリップボードにコピーしました。",
    request_copy_failed: "コピーできませんでした。文章を選んでコピーしてください。",
    open_form: "申込みフォームを開く",
    request_hint: "しるべからは何も送信されません。内容を確認し、お名前とご所属を書き加えてから、ご自身で送ってください。",
    office_other_language: "この窓口は英語で受け付けているため、申込みは英語で書き、後に同じ内容の日本語を付けています。",
    contact: "公式の窓口",
    email: "メール",
    phone: "電話",
    source: "出典",
    sources: "出典",
    reviewed: "確認日",
    answers_title: "あなたの回答",
    answers_show: "回答の確認・変更",
    change: "変更",
    start_again: "最初からやり直す",
    share: "この結果へのリンク（回答が含まれます）",
    rules_reviewed: "振り分けルールの確認日",
    disclaimer: "この案内は公開資料に基づく目安で、支援の可否を決めるものではありません。制度は年度ごとに変わることがあります。",
    opens_in_new_tab: "（新しいタブで開きます）",
    link_problem: "リンクを開けませんでした",
    link_malformed: "リンクの形式が正しくありません。最初から始めてください。",
    link_outdated: "このリンクは古い版のしるべで作られたものです。最初から始めてください。",
    link_partly: "リンクの一部を使えませんでした",
    link_dropped: "次の部分は現在の質問と合わないため除きました。ほかの回答はそのまま使っています。",
    rules_broken: "振り分けルールを読み込めませんでした。管理者にお知らせください。",
    update_available: "しるべの新しいバージョンがあります。再読み込みすると新しいバージョンになります（回答はそのまま残ります）。",
    update_reload: "再読み込み",
    takeaway_title: "相談に持っていく",
    copy_summary: "回答と結果をコピー",
    copied: "回答と結果をクリップボードにコピーしました。",
    copy_failed: "コピーできませんでした。ファイルとして保存してください。",
    download_markdown: "文書として保存（.md）",
    download_json: "データとして保存（.json）",
    file_name: "しるべ 回答と結果",
    copy_link: "リンクをコピー",
    link_copied: "リンクをクリップボードにコピーしました。",
    link_copy_failed: "コピーできませんでした。欄の中のリンクを選んでコピーしてください。",
    document_title: "しるべ 創薬支援の相談先ガイド：回答と結果",
    link_to_result: "この結果へのリンク",
};

const EN: Ui = Ui {
    app_name: "Shirube",
    colon: ": ",
    tagline: "Find support for drug development in Japan",
    switch_to: "日本語",
    switch_lang_label: "日本語に切り替える",
    start_title: "Find where to ask for help with drug development in Japan",
    start_intro: "Answer a few questions to see which Japanese public support programs may fit you (MEDISO, PMDA consultations, orphan support and more), why, and what to do next.",
    start_who: "For Japanese startups, university and research institute researchers, and overseas biotech companies considering development in Japan.",
    start_how: "One question per page; only the questions that matter for your answers are asked (usually 5 to 13). You can answer \"I don't know\" where that is honest.",
    start_privacy: "Your answers are processed only in this browser and are not sent anywhere.",
    start_button: "Start now",
    back: "Back",
    continue_button: "Continue",
    question_of: "Question",
    error_title: "There is a problem",
    error_choose_one: "Select one option",
    error_choose_any: "Select at least one option",
    error_prefix: "Error: ",
    result_title: "Support that may fit you",
    result_intro: "This guidance is based on your answers. Check with each program whether you qualify.",
    fits_title: "Programs that fit your answers",
    may_fit_title: "Programs that may fit (check first)",
    not_fit_title: "Programs that do not fit your answers",
    not_fit_intro: "With the reason for each. Changing an answer can change the result.",
    not_fit_show: "Each program and why",
    fallback_title: "General starting points",
    start_here: "Start here",
    overview_title: "At a glance, along your development",
    first_step: "First step",
    fits_tag: "fits",
    may_fit_tag: "may fit",
    more: "Why it fits, details, sources",
    more_may: "Next steps, why, sources",
    print: "Print",
    pathway_title: "Along your development",
    pathway_now: "Now",
    pathway_later: "Later, when you reach",
    pathway_from: "Depending on your stage, from",
    featured_title: "Featured on this site",
    why: "Why it fits",
    why_may: "Why it may fit",
    check: "What to check",
    notes: "Good to know",
    run_by: "Run by",
    next_steps: "What to do next",
    prepare: "What to prepare",
    handover: "Prepare your request",
    ready_hint: "Tick what you have ready. The ticks are kept in the link to this result.",
    asks: "Points to raise",
    request_email: "Your e-mail",
    request_form: "Text to paste into the form",
    request_text: "Text for your request",
    subject: "Subject",
    write_email: "Open in your e-mail program",
    copy_request: "Copy the text",
    request_copied: "The request is copied to the clipboard.",
    request_copy_failed: "It could not be copied. Select the text and copy it.",
    open_form: "Open the form",
    request_hint: "Shirube sends nothing. Check the text, add your name and organisation, and send it yourself.",
    office_other_language: "This office works in Japanese, so the request is in Japanese, with the same text in English after it.",
    contact: "Official contact",
    email: "E-mail",
    phone: "Phone",
    source: "Source",
    sources: "Sources",
    reviewed: "Reviewed",
    answers_title: "Your answers",
    answers_show: "Your answers: check or change",
    change: "Change",
    start_again: "Start again",
    share: "Link to this result (it contains your answers)",
    rules_reviewed: "Routing rules reviewed",
    disclaimer: "This is guidance based on public documents, not a decision on eligibility. Programs can change every fiscal year.",
    opens_in_new_tab: " (opens in a new tab)",
    link_problem: "The link could not be opened",
    link_malformed: "The link is malformed. Please start again.",
    link_outdated: "The link was made by an older version of Shirube. Please start again.",
    link_partly: "Part of the link could not be used",
    link_dropped: "These parts no longer match the current questions, so they were left out. Your other answers were kept.",
    rules_broken: "The routing rules could not be loaded. Please tell the site's administrator.",
    update_available: "A new version of Shirube is available. Reload to use it (your answers stay).",
    update_reload: "Reload",
    takeaway_title: "Take it to a consultation",
    copy_summary: "Copy answers and result",
    copied: "Your answers and result are copied to the clipboard.",
    copy_failed: "They could not be copied. Save them as a file instead.",
    download_markdown: "Save as a document (.md)",
    download_json: "Save as data (.json)",
    file_name: "Shirube answers and result",
    copy_link: "Copy link",
    link_copied: "The link is copied to the clipboard.",
    link_copy_failed: "It could not be copied. Select the link in the box and copy it.",
    document_title: "Shirube, support for drug development in Japan: answers and result",
    link_to_result: "Link to this result",
};

/// The interface texts in `lang`.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// Where a question stands: "Question 4 of up to 12", 「質問 4（最大12問）」. `most` is the
/// questions asked before it plus [`Rules::questions_left`](crate::Rules::questions_left).
pub fn question_number(lang: Lang, n: usize, most: usize) -> String {
    let label = ui(lang).question_of;
    match lang {
        Lang::Ja => format!("{label} {n}（最大{most}問）"),
        Lang::En => format!("{label} {n} of up to {most}"),
    }
}

/// A step of the development pathway, named: "Now", "Later, when you reach: <stage>", or,
/// when the user's stage is not known, "Depending on your stage, from: <stage>".
pub fn pathway_step(rules: &Rules, when: When, lang: Lang) -> String {
    let t = ui(lang);
    let stage = |o: usize| {
        (rules.questions.iter().find(|q| q.stages))
            .and_then(|q| q.options.get(o))
            .map_or("", |option| option.label.get(lang))
    };
    match when {
        When::Now => t.pathway_now.to_owned(),
        When::Later(o) => format!("{}{}{}", t.pathway_later, t.colon, stage(o)),
        When::FromStage(o) => format!("{}{}{}", t.pathway_from, t.colon, stage(o)),
    }
}

/// The notice shown when the rules file published on the site was refused (damaged, cut short
/// or of another version) and the widget runs on the last rules this browser could read.
pub fn kept_rules_notice(lang: Lang, reviewed: Date) -> String {
    match lang {
        Lang::Ja => format!(
            "このサイトに公開された振り分けルールのファイルを読み込めなかったため、\
             このブラウザーで前回読み込めたルール（確認日 {reviewed}）で表示しています。\
             サイトの管理者にお知らせください。"
        ),
        Lang::En => format!(
            "The routing rules file published on this site could not be read, so Shirube \
             shows the last rules this browser could read (reviewed {reviewed}). Please tell \
             the site's administrator."
        ),
    }
}

/// A label with a number of items after it: "Label (7)", 「ラベル（7件）」.
pub fn counted(lang: Lang, label: &str, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{label}（{n}件）"),
        Lang::En => format!("{label} ({n})"),
    }
}

/// What to tell a user whose link could not be opened.
pub fn link_error(lang: Lang, error: &LinkError) -> &'static str {
    let t = ui(lang);
    match error {
        LinkError::Malformed(_) | LinkError::Repeated(_) => t.link_malformed,
        LinkError::Outdated(_) => t.link_outdated,
    }
}
