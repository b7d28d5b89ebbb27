//! The studio's words, in Japanese (one polite register) and English. The lint's findings and
//! the personas' descriptions are the engine's and the project's, in English.

use shirube_engine::{Fit, Lang};

pub struct Words {
    pub title: &'static str,
    pub switch_to: &'static str,
    pub switch_label: &'static str,
    pub lead: &'static str,
    pub editor_title: &'static str,
    pub source_label: &'static str,
    pub open_file: &'static str,
    pub shipped: &'static str,
    pub download_toml: &'static str,
    pub download_pack: &'static str,
    pub pack_note: &'static str,
    pub pack_blocked: &'static str,
    pub lint_title: &'static str,
    pub counts: fn(usize, usize) -> String,
    pub updated: fn(f64) -> String,
    pub line: fn(usize) -> String,
    pub error: &'static str,
    pub warning: &'static str,
    pub refused: &'static str,
    pub preview_title: &'static str,
    pub preview_note: &'static str,
    pub frame_ja: &'static str,
    pub frame_en: &'static str,
    pub personas_title: &'static str,
    pub personas_note: &'static str,
    pub personas_count: fn(usize, usize) -> String,
    pub col_persona: &'static str,
    pub col_why: &'static str,
    pub col_change: &'static str,
    pub dropped: &'static str,
    pub fits: &'static str,
    pub may_fit: &'static str,
    pub not_fit: &'static str,
    pub absent: &'static str,
    pub diagram_title: &'static str,
}

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// A program's place in a result, or that the rules have no such program.
pub fn fit_name(t: &Words, fit: Option<Fit>) -> &'static str {
    match fit {
        Some(Fit::Fits) => t.fits,
        Some(Fit::MayFit) => t.may_fit,
        Some(Fit::DoesNotFit) => t.not_fit,
        None => t.absent,
    }
}

static JA: Words = Words {
    title: "しるべ ルールスタジオ",
    switch_to: "English",
    switch_label: "Switch to English",
    lead: "振り分けルールを編集すると、編集のたびにチェック結果、編集したルールで動くしるべ（日本語と英語）、結果が変わるペルソナ、判定の図が更新されます。公開するときは rules.bin をダウンロードして、サイトの rules.bin と置き換えてください（RULES.md の4）。編集した内容はこのブラウザーの外に送信されません。",
    editor_title: "ルールファイル（rules.toml）",
    source_label: "rules.toml の内容",
    open_file: "ファイルを開く…",
    shipped: "公開中のルールに戻す",
    download_toml: "rules.toml をダウンロード",
    download_pack: "公開用の rules.bin をダウンロード",
    pack_note: "rules.bin はチェック済みのルールにチェックサムを付けたファイルです。",
    pack_blocked: "エラーがある間は rules.bin を作成できません。下のエラーを直してください。",
    lint_title: "チェック結果",
    counts: |errors, warnings| format!("エラー {errors}件、警告 {warnings}件"),
    updated: |ms| format!("（{ms:.0}ミリ秒で更新）"),
    line: |line| format!("{line}行目"),
    error: "エラー",
    warning: "警告",
    refused: "エラーがあるため、プレビュー、ペルソナ、図はエラーのなかった最後の版のままです。",
    preview_title: "プレビュー",
    preview_note: "エラーのない最後の版のルールで動くしるべです。",
    frame_ja: "プレビュー（日本語）",
    frame_en: "プレビュー（英語）",
    personas_title: "結果が変わるペルソナ",
    personas_note: "プロジェクトの各ペルソナの回答を、公開中のルールと編集したルールで比べます。",
    personas_count: |moved, all| format!("{all}件のペルソナのうち{moved}件の結果が変わります。"),
    col_persona: "ペルソナ",
    col_why: "このペルソナの理由",
    col_change: "変わる結果（公開中 → 編集後）",
    dropped: "使われなくなる回答：",
    fits: "対象",
    may_fit: "対象の可能性",
    not_fit: "対象外",
    absent: "（ルールにない）",
    diagram_title: "判定の図",
};

static EN: Words = Words {
    title: "Shirube rules studio",
    switch_to: "日本語",
    switch_label: "日本語に切り替える",
    lead: "Edit the routing rules: on every edit you see the check's findings, Shirube running on the edited rules (in Japanese and English), the personas whose results change, and the decision diagram. To publish, download rules.bin and replace the site's rules.bin with it (RULES.md, section 4). What you edit never leaves this browser.",
    editor_title: "Rules file (rules.toml)",
    source_label: "Contents of rules.toml",
    open_file: "Open a file…",
    shipped: "Back to the published rules",
    download_toml: "Download rules.toml",
    download_pack: "Download rules.bin to publish",
    pack_note: "rules.bin holds the checked rules with a checksum.",
    pack_blocked: "rules.bin cannot be made while there are errors: fix the errors below.",
    lint_title: "Check",
    counts: |errors, warnings| {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        format!("{errors} error{}, {warnings} warning{}", s(errors), s(warnings))
    },
    updated: |ms| format!(" (updated in {ms:.0} ms)"),
    line: |line| format!("Line {line}"),
    error: "error",
    warning: "warning",
    refused: "The file has errors, so the preview, the personas and the diagram stay at the last version without errors.",
    preview_title: "Preview",
    preview_note: "Shirube running on the last version of the rules without errors.",
    frame_ja: "Preview in Japanese",
    frame_en: "Preview in English",
    personas_title: "Personas whose result changes",
    personas_note: "Each persona of the project answered under the published rules and under the edited rules.",
    personas_count: |moved, all| format!("{moved} of {all} personas get a different result."),
    col_persona: "Persona",
    col_why: "Why this persona",
    col_change: "What changes (published → edited)",
    dropped: "Answers no longer used: ",
    fits: "fits",
    may_fit: "may fit",
    not_fit: "does not fit",
    absent: "(not in the rules)",
    diagram_title: "Decision diagram",
};
