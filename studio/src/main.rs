//! The rules studio: program staff open the routing rules, edit them, and on every edit see the
//! lint's findings with their lines, the widget running on the edited rules (in Japanese and in
//! English), which personas' results move, and the decision diagram; then download the edited
//! `rules.toml` and the packed `rules.bin` to publish (RULES.md, section 4). It is its own page
//! and WebAssembly (`/studio/`), never part of the widget's first load. Nothing leaves the
//! browser.

mod words;

use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use shirube_engine::compare::{compare, Comparison};
use shirube_engine::lint::{lint_loaded, Finding, Severity};
use shirube_engine::{graph, Answers, Date, Lang, Rules, EMBEDDED_RULES};
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

use words::{fit_name, words, Words};

include!(concat!(env!("OUT_DIR"), "/personas.rs"));

/// The editor's line height in pixels (studio.css), to scroll a line into view.
const LINE_HEIGHT: i32 = 20;

fn main() {
    console_error_panic_hook::set_once();
    match Rules::embedded() {
        Ok(shipped) => {
            let shipped: &'static Rules = Box::leak(Box::new(shipped));
            leptos::mount::mount_to_body(move || view! { <Studio shipped /> });
        }
        Err(error) => {
            leptos::logging::error!("the shipped rules do not load: {error}");
        }
    }
}

/// A persona of the project, with its answers read against the shipped rules.
struct Persona {
    name: &'static str,
    about: String,
    rationale: String,
    answers: Answers,
}

fn personas(shipped: &Rules) -> Vec<Persona> {
    PERSONAS
        .iter()
        .filter_map(|(name, text)| {
            let json: serde_json::Value = serde_json::from_str(text).ok()?;
            let field = |key: &str| json.get(key).and_then(|v| v.as_str()).unwrap_or_default();
            let answers = json.get("answers").unwrap_or(&json);
            Some(Persona {
                name,
                about: field("persona").to_owned(),
                rationale: field("rationale").to_owned(),
                answers: Answers::from_json(shipped, answers)
                    .map_err(|e| leptos::logging::warn!("persona {name} left out: {e}"))
                    .ok()?,
            })
        })
        .collect()
}

/// The last edit the lint passed: what the preview, the persona table and the diagram show.
struct Good {
    rules: Rules,
    packed: Vec<u8>,
    /// The personas whose result moves, by index, with how.
    moved: Vec<(usize, Comparison)>,
}

/// Checks one version of the source: the lint's findings, and, with no error, what it changes.
fn review(
    source: &str,
    today: Date,
    shipped: &Rules,
    personas: &[Persona],
) -> (Vec<Finding>, Option<Good>) {
    let (findings, rules) = lint_loaded(source, today);
    let rules = match rules {
        Some(rules) if !findings.iter().any(|f| f.severity == Severity::Error) => rules,
        _ => return (findings, None),
    };
    let moved = (personas.iter().enumerate())
        .map(|(i, p)| (i, compare(shipped, &rules, &p.answers)))
        .filter(|(_, c)| !c.moved.is_empty() || !c.dropped.is_empty())
        .collect();
    let packed = rules.pack();
    (
        findings,
        Some(Good {
            rules,
            packed,
            moved,
        }),
    )
}

fn today() -> Date {
    Date::from_days_since_epoch((js_sys::Date::now() / 86_400_000.0).floor() as i64)
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

/// The studio's state, shared with its parts through context.
#[derive(Clone, Copy)]
struct Studio {
    lang: RwSignal<Lang>,
    source: RwSignal<String>,
    findings: RwSignal<Vec<Finding>>,
    good: RwSignal<Option<Rc<Good>>, LocalStorage>,
    /// Milliseconds from the last edit to the updated findings, persona table and diagram on
    /// screen, and how many updates there have been (a test waits for the next one).
    took: RwSignal<Option<(u32, f64)>>,
    editor: NodeRef<leptos::html::Textarea>,
}

impl Studio {
    fn t(&self) -> &'static Words {
        words(self.lang.get())
    }
}

#[component]
fn Studio(shipped: &'static Rules) -> impl IntoView {
    let personas: &'static [Persona] = Box::leak(personas(shipped).into_boxed_slice());
    let studio = Studio {
        lang: RwSignal::new(Lang::Ja),
        source: RwSignal::new(EMBEDDED_RULES.to_owned()),
        findings: RwSignal::new(Vec::new()),
        good: RwSignal::new_local(None),
        took: RwSignal::new(None),
        editor: NodeRef::new(),
    };
    provide_context(studio);
    let edited_at = StoredValue::new(now());
    provide_context(edited_at);
    let today = today();
    Effect::new(move |_| {
        let source = studio.source.get();
        let (findings, good) = review(&source, today, shipped, personas);
        if let Some(good) = good {
            studio.good.set(Some(Rc::new(good)));
        }
        studio.findings.set(findings);
        // Measured once the browser has drawn the update.
        let edited = edited_at.get_value();
        request_animation_frame(move || {
            let count = studio.took.with_untracked(|t| t.map_or(0, |(n, _)| n)) + 1;
            studio.took.set(Some((count, now() - edited)));
        });
    });
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", studio.lang.get().code());
        }
    });
    view! {
        <header class="studio-header">
            <h1>{move || studio.t().title}</h1>
            <button
                type="button"
                class="studio-lang"
                lang=move || studio.lang.get().other().code()
                aria-label=move || studio.t().switch_label
                on:click=move |_| studio.lang.update(|l| *l = l.other())
            >
                {move || studio.t().switch_to}
            </button>
        </header>
        <main class="studio-main">
            <p class="studio-lead">{move || studio.t().lead}</p>
            <div class="studio-columns">
                <Editor />
                <div class="studio-results">
                    <LintFindings />
                    <Preview />
                    <PersonaChanges personas shipped />
                    <Diagram />
                </div>
            </div>
        </main>
    }
}

/// The rules file: an editor with line numbers, opening a file, the shipped rules, downloads.
#[component]
fn Editor() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let edited_at = expect_context::<StoredValue<f64>>();
    let gutter = NodeRef::<leptos::html::Pre>::new();
    let numbers = Memo::new(move |_| {
        let lines = studio.source.with(|s| s.split('\n').count());
        (1..=lines)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    });
    // A file saved on Windows has CRLF line ends; the editor has LF only, and the caret
    // positions and line numbers count those.
    let replace = move |text: String| {
        let text = text.replace("\r\n", "\n");
        edited_at.set_value(now());
        if let Some(editor) = studio.editor.get_untracked() {
            editor.set_value(&text);
        }
        studio.source.set(text);
    };
    let open = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                replace(text.as_string().unwrap_or_default());
            }
        });
    };
    let refused = Memo::new(move |_| {
        (studio.findings).with(|f| f.iter().any(|f| f.severity == Severity::Error))
    });
    let download_pack = move |_| {
        if let Some(good) = studio.good.get_untracked() {
            download("rules.bin", &good.packed, "application/octet-stream");
        }
    };
    view! {
        <section class="studio-editor" aria-labelledby="studio-editor-title">
            <h2 id="studio-editor-title">{move || studio.t().editor_title}</h2>
            <p class="studio-note">{move || studio.t().source_note}</p>
            <div class="studio-tools">
                <label class="studio-button studio-open">
                    {move || studio.t().open_file}
                    <input type="file" accept=".toml,text/plain" on:change=open />
                </label>
                <button type="button" class="studio-button" on:click=move |_| replace(EMBEDDED_RULES.to_owned())>
                    {move || studio.t().shipped}
                </button>
                <button
                    type="button"
                    class="studio-button"
                    on:click=move |_| download("rules.toml", studio.source.get_untracked().as_bytes(), "text/plain;charset=utf-8")
                >
                    {move || studio.t().download_toml}
                </button>
                <button
                    type="button"
                    class="studio-button studio-publish"
                    disabled=move || refused.get()
                    aria-describedby="studio-publish-note"
                    on:click=download_pack
                >
                    {move || studio.t().download_pack}
                </button>
            </div>
            <p id="studio-publish-note" class="studio-note">
                {move || if refused.get() { studio.t().pack_blocked } else { studio.t().pack_note }}
            </p>
            <div class="studio-code">
                <pre class="studio-gutter" aria-hidden="true" node_ref=gutter>{numbers}</pre>
                <textarea
                    id="studio-source"
                    node_ref=studio.editor
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    wrap="off"
                    aria-label=move || studio.t().source_label
                    prop:value=studio.source.get_untracked()
                    on:input=move |ev| {
                        edited_at.set_value(ev.time_stamp());
                        studio.source.set(event_target_value(&ev));
                    }
                    on:scroll=move |ev| {
                        let editor: HtmlTextAreaElement = event_target(&ev);
                        if let Some(gutter) = gutter.get_untracked() {
                            gutter.set_scroll_top(editor.scroll_top());
                        }
                    }
                ></textarea>
            </div>
        </section>
    }
}

/// Moves the editor's caret to the start of `line` (from 1) and scrolls it into view.
fn go_to_line(editor: &HtmlTextAreaElement, source: &str, line: usize) {
    let before: usize = (source.split('\n').take(line.saturating_sub(1)))
        .map(|l| l.encode_utf16().count() + 1)
        .sum();
    let length = source
        .split('\n')
        .nth(line.saturating_sub(1))
        .map_or(0, |l| l.encode_utf16().count());
    let _ = editor.focus();
    let _ = editor.set_selection_range(before as u32, (before + length) as u32);
    let top = (line as i32 - 1) * LINE_HEIGHT - editor.client_height() / 3;
    editor.set_scroll_top(top.max(0));
}

#[component]
fn LintFindings() -> impl IntoView {
    let studio = expect_context::<Studio>();
    // Only a change of the counts is announced, not every update's time.
    let counts = Memo::new(move |_| {
        let t = studio.t();
        studio.findings.with(|findings| {
            let errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            (t.counts)(errors, findings.len() - errors)
        })
    });
    let timing = move || {
        let t = studio.t();
        studio.took.get().map(|(_, ms)| (t.updated)(ms))
    };
    let took = move || studio.took.get().map(|(_, ms)| format!("{ms:.1}"));
    let updates = move || studio.took.get().map(|(n, _)| n);
    let list = move || {
        let t = studio.t();
        studio.findings.get().into_iter().map(|finding| {
            let line = finding.line;
            let severity = match finding.severity {
                Severity::Error => t.error,
                Severity::Warning => t.warning,
            };
            let class = match finding.severity {
                Severity::Error => "studio-finding studio-error",
                Severity::Warning => "studio-finding studio-warning",
            };
            let go = move |_| {
                if let Some(editor) = studio.editor.get_untracked() {
                    studio.source.with_untracked(|s| go_to_line(&editor, s, line));
                }
            };
            view! {
                <li class=class data-line=line>
                    <button type="button" class="studio-line" on:click=go>{(t.line)(line)}</button>
                    " "<strong>{severity}</strong>" "<span lang="en">{finding.message}</span>
                </li>
            }
        }).collect_view()
    };
    view! {
        <section class="studio-lint" aria-labelledby="studio-lint-title">
            <h2 id="studio-lint-title">{move || studio.t().lint_title}</h2>
            <p class="studio-status" data-update-ms=took data-updates=updates>
                <span role="status">{counts}</span>
                <span class="studio-took">{timing}</span>
            </p>
            <Show when=move || studio.findings.with(|f| f.iter().any(|f| f.severity == Severity::Error))>
                <p class="studio-refused">{move || studio.t().refused}</p>
            </Show>
            <ul class="studio-findings">{list}</ul>
        </section>
    }
}

/// The widget running on the last rules without errors, in both languages: frames of the
/// widget's own page, which take the rules from this page instead of the published file
/// (embed/start.js, `embed=studio`) and keep nothing.
#[component]
fn Preview() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let shown = RwSignal::new(0u32);
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let Some(good) = studio.good.get() else {
            return;
        };
        let bytes = js_sys::Uint8Array::from(&good.packed[..]);
        let _ = js_sys::Reflect::set(&window(), &"shirubeStudioRules".into(), &bytes);
        // Typing fast reloads the frames once, after a short pause.
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let first = shown.get_untracked() == 0;
        let reload = move || shown.update(|n| *n += 1);
        if first {
            reload();
        } else {
            pending.set_value(set_timeout_with_handle(reload, Duration::from_millis(250)).ok());
        }
    });
    let frame = move |lang: Lang| {
        let src = move || {
            format!(
                "../?embed=studio&n={}#v=1&lang={}",
                shown.get(),
                lang.code()
            )
        };
        let title = move || match lang {
            Lang::Ja => studio.t().frame_ja,
            Lang::En => studio.t().frame_en,
        };
        view! {
            <iframe class="studio-frame" data-lang=lang.code() src=src title=title></iframe>
        }
    };
    view! {
        <section class="studio-preview" aria-labelledby="studio-preview-title">
            <h2 id="studio-preview-title">{move || studio.t().preview_title}</h2>
            <p class="studio-note">{move || studio.t().preview_note}</p>
            <Show when=move || { shown.get() > 0 }>
                <div class="studio-frames">{frame(Lang::Ja)}{frame(Lang::En)}</div>
            </Show>
        </section>
    }
}

#[component]
fn PersonaChanges(personas: &'static [Persona], shipped: &'static Rules) -> impl IntoView {
    let studio = expect_context::<Studio>();
    let rows = move || {
        let good = studio.good.get()?;
        let t = studio.t();
        let lang = studio.lang.get();
        let name = |id: &str| {
            (good.rules.program(id).or_else(|| shipped.program(id)))
                .map_or(id.to_owned(), |p| p.name.get(lang).to_owned())
        };
        let count = (t.personas_count)(good.moved.len(), personas.len());
        let rows = good.moved.iter().map(|(i, comparison)| {
            let persona = &personas[*i];
            let changes = comparison.moved.iter().map(|m| {
                view! {
                    <li data-program=m.program.clone()>
                        {name(&m.program)}": "{fit_name(t, m.before)}" → "{fit_name(t, m.after)}
                    </li>
                }
            }).collect_view();
            let dropped = (!comparison.dropped.is_empty()).then(|| view! {
                <li>{t.dropped}{comparison.dropped.join(", ")}</li>
            });
            view! {
                <tr data-persona=persona.name>
                    <th scope="row"><code>{persona.name}</code><br /><span lang="en">{persona.about.clone()}</span></th>
                    <td lang="en">{persona.rationale.clone()}</td>
                    <td><ul>{changes}{dropped}</ul></td>
                </tr>
            }
        }).collect_view();
        Some(view! {
            <p class="studio-count">{count}</p>
            {(!good.moved.is_empty()).then(|| view! {
                <div class="studio-table" tabindex="0" role="region" aria-labelledby="studio-personas-title">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{t.col_persona}</th>
                                <th scope="col">{t.col_why}</th>
                                <th scope="col">{t.col_change}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
        })
    };
    view! {
        <section class="studio-personas" aria-labelledby="studio-personas-title">
            <h2 id="studio-personas-title">{move || studio.t().personas_title}</h2>
            <p class="studio-note">{move || studio.t().personas_note}</p>
            {rows}
        </section>
    }
}

/// The decision diagram of the last rules without errors, drawn here (no Graphviz).
#[component]
fn Diagram() -> impl IntoView {
    let studio = expect_context::<Studio>();
    let svg = move || {
        let lang = studio.lang.get();
        studio
            .good
            .with(|good| good.as_ref().map(|g| graph::svg(&g.rules, lang)))
    };
    view! {
        <section class="studio-diagram" aria-labelledby="studio-diagram-title">
            <h2 id="studio-diagram-title">{move || studio.t().diagram_title}</h2>
            <div class="studio-svg" tabindex="0" role="region" aria-labelledby="studio-diagram-title" inner_html=svg></div>
        </section>
    }
}

/// Offers bytes as a file to save; nothing is sent anywhere.
fn download(name: &str, bytes: &[u8], mime: &str) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = set_timeout_with_handle(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
}
