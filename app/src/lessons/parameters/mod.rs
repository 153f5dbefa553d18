//! 参数个数计算 — Counting parameters: the output volume and parameter count of a convolution
//! layer, each worked step by step, with the note's exercise as the preset and a
//! predict-then-check mode.

use engine::conv::{Axis, GeometryError, Loss, conv_params};
use leptos::prelude::*;

use crate::components::disclosure::{Deeper, Lead, MoreSettings};
use crate::components::field::{Field, InputError, Ints};
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Lang, Text, fill, tr, use_lang};
use crate::url_state::{Query, QueryState, use_query_state};

mod text;
mod volumes;

use text as t;

pub fn page() -> AnyView {
    view! { <Parameters /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// Each number's range, for its check and its slider.
const SIDE: Ints = Ints(1, 4096);
const KERNEL: Ints = Ints(1, 255);
const PADDING: Ints = Ints(0, 255);

/// What the student can change: the raw text of every field, so nothing typed is lost.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct State {
    h: String,
    w: String,
    c: String,
    k: String,
    n: String,
    s: String,
    p: String,
    quiz: bool,
}

impl Default for State {
    /// The note's exercise: a 32×32×3 input, ten 5×5 filters, stride 1, padding 2.
    fn default() -> Self {
        let s = |v: &str| v.to_string();
        Self { h: s("32"), w: s("32"), c: s("3"), k: s("5"), n: s("10"), s: s("1"), p: s("2"), quiz: false }
    }
}

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let d = Self::default();
        Self {
            h: q.text("h", &d.h),
            w: q.text("w", &d.w),
            c: q.text("c", &d.c),
            k: q.text("k", &d.k),
            n: q.text("n", &d.n),
            s: q.text("s", &d.s),
            p: q.text("p", &d.p),
            quiz: q.flag("quiz"),
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![
            ("h", self.h.clone()),
            ("w", self.w.clone()),
            ("c", self.c.clone()),
            ("k", self.k.clone()),
            ("n", self.n.clone()),
            ("s", self.s.clone()),
            ("p", self.p.clone()),
        ];
        if self.quiz {
            q.push(("quiz", "1".into()));
        }
        q
    }

    fn ranges() -> Vec<(&'static str, crate::components::slider::Range)> {
        vec![
            ("h", SIDE.range()),
            ("w", SIDE.range()),
            ("c", SIDE.range()),
            ("k", KERNEL.range()),
            ("n", SIDE.range()),
            ("s", KERNEL.range()),
            ("p", PADDING.range()),
        ]
    }
}

/// The seven numbers once every field reads.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Numbers {
    h: usize,
    w: usize,
    c: usize,
    k: usize,
    n: usize,
    s: usize,
    p: usize,
}

/// Every field's value or its error.
struct Parsed {
    h: Result<usize, InputError>,
    w: Result<usize, InputError>,
    c: Result<usize, InputError>,
    k: Result<usize, InputError>,
    n: Result<usize, InputError>,
    s: Result<usize, InputError>,
    p: Result<usize, InputError>,
}

impl Parsed {
    fn new(st: &State) -> Self {
        Self {
            h: SIDE.parse(&st.h),
            w: SIDE.parse(&st.w),
            c: SIDE.parse(&st.c),
            k: KERNEL.parse(&st.k),
            n: SIDE.parse(&st.n),
            s: KERNEL.parse(&st.s),
            p: PADDING.parse(&st.p),
        }
    }

    fn numbers(&self) -> Option<Numbers> {
        Some(Numbers {
            h: self.h.ok()?,
            w: self.w.ok()?,
            c: self.c.ok()?,
            k: self.k.ok()?,
            n: self.n.ok()?,
            s: self.s.ok()?,
            p: self.p.ok()?,
        })
    }
}

/// The answer: output volume and parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Answer {
    out_h: usize,
    out_w: usize,
    depth: usize,
    per_filter: usize,
    total: usize,
}

fn answer(n: Numbers) -> Result<Answer, GeometryError> {
    let out_h = Axis::new(n.h, n.k, n.s, n.p).output()?;
    let out_w = Axis::new(n.w, n.k, n.s, n.p).output()?;
    Ok(Answer {
        out_h,
        out_w,
        depth: n.n,
        per_filter: conv_params(n.k, n.k, n.c, 1, true),
        total: conv_params(n.k, n.k, n.c, n.n, true),
    })
}

/// The worked lines for one output side: formula, numbers, and the result.
fn size_steps(lang: Lang, side: &str, input: usize, n: Numbers) -> Vec<String> {
    let axis = Axis::new(input, n.k, n.s, n.p);
    let inner = axis.padded() - n.k;
    let out = inner / n.s + 1;
    let mut lines = vec![
        format!("{side}_out = (in + 2·p − k) / s + 1"),
        format!("        = ({input} + 2×{} − {}) / {} + 1", n.p, n.k, n.s),
        format!("        = {inner} / {} + 1", n.s),
    ];
    if inner.is_multiple_of(n.s) {
        lines.push(format!("        = {} + 1 = {out}", inner / n.s));
    } else {
        lines.push(format!("        = ⌊{:.2}⌋ + 1 = {} + 1 = {out}", inner as f64 / n.s as f64, inner / n.s));
        lines.push(fill(t::ROUNDED.get(lang), &[&inner, &n.s]));
    }
    // What the rounding (or a stride larger than the kernel) costs, said only when it costs
    // something.
    match axis.loss() {
        Ok(Some(Loss::Gaps { lost, gap })) => lines.push(fill(t::GAPS.get(lang), &[&n.s, &n.k, &gap, &lost.len()])),
        Ok(Some(Loss::Tail { lost, fix })) => {
            let advice = fix.map(|p| fill(t::FIX.get(lang), &[&p])).unwrap_or_default();
            lines.push(format!("{}{advice}", fill(t::TAIL.get(lang), &[&lost.len()])));
        }
        _ if !inner.is_multiple_of(n.s) => lines.push(t::PADDING_ONLY.get(lang).into()),
        _ => {}
    }
    lines
}

fn geometry_message(lang: Lang, e: GeometryError, n: Numbers) -> String {
    match e {
        GeometryError::KernelTooLarge { kernel, padded } => fill(t::TOO_LARGE.get(lang), &[&kernel, &padded, &n.p]),
        other => other.to_string(),
    }
}

#[component]
fn Parameters() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let parsed = Memo::new(move |_| state.with(|s| Parsed::new(s).numbers()));
    let errors = move |pick: fn(&Parsed) -> Result<usize, InputError>| {
        Signal::derive(move || state.with(|s| pick(&Parsed::new(s)).err()))
    };
    let result = Memo::new(move |_| parsed.get().map(|n| answer(n).map_err(|e| (e, n))));
    let revealed = RwSignal::new(false);
    // A new question hides the answer again.
    Effect::new(move |_| {
        parsed.track();
        revealed.set(false);
    });
    let is_note = move || parsed.get() == Some(Numbers { h: 32, w: 32, c: 3, k: 5, n: 10, s: 1, p: 2 });

    macro_rules! field {
        ($name:ident, $label:expr, $hint:expr) => {
            view! {
                <Field
                    label=$label
                    name=stringify!($name)
                    hint=$hint
                    value=Signal::derive(move || state.with(|s| s.$name.clone()))
                    on_input=move |v| state.update(|s| s.$name = v)
                    error=errors(|p| p.$name)
                />
            }
        };
    }

    view! {
        <section class="lesson-intro">
            <p class="callout">{tr(t::DEPTH)}</p>
            <Deeper><p>{tr(t::INTRO)}</p></Deeper>
        </section>
        <section class="panel">
            <h2>{tr(t::LAYER)}</h2>
            {move || parsed.get().map(|n| {
                let out = match result.get() {
                    Some(Ok(a)) if !state.with(|s| s.quiz) || revealed.get() => Some((a.out_h, a.out_w)),
                    _ => None,
                };
                volumes::volumes(lang.get(), (n.h, n.w, n.c), n.k, n.n, out)
            })}
            <div class="fields">
                {field!(c, t::C, t::C_HINT)}
                {field!(k, t::K, t::K_HINT)}
                {field!(n, t::N, t::N_HINT)}
                {field!(s, t::S, t::S_HINT)}
                {field!(p, t::P, t::P_HINT)}
            </div>
            <MoreSettings>
                {field!(h, t::H, t::H_HINT)}
                {field!(w, t::W, t::W_HINT)}
            </MoreSettings>
            <div class="row">
                <button class="btn" data-action="note-preset" on:click=move |_| state.update(|s| *s = State { quiz: s.quiz, ..State::default() })>
                    {tr(t::PRESET)}
                </button>
                <label class="toggle">
                    <input
                        type="checkbox"
                        name="quiz"
                        prop:checked=move || state.with(|s| s.quiz)
                        on:change=move |ev| state.update(|s| s.quiz = event_target_checked(&ev))
                    />
                    {tr(t::QUIZ)}
                </label>
            </div>
        </section>
        {move || {
            let quiz = state.with(|s| s.quiz);
            match result.get() {
                None => view! { <p class="error-box" role="alert">{tr(t::FIX_FIELDS)}</p> }.into_any(),
                Some(Err((e, n))) => view! { <p class="error-box" role="alert" data-result="geometry">{move || geometry_message(lang.get(), e, n)}</p> }.into_any(),
                Some(Ok(a)) if quiz && !revealed.get() => view! { <Predict a=a revealed=revealed /> }.into_any(),
                Some(Ok(a)) => {
                    let n = parsed.get().expect("an answer implies numbers");
                    view! { <Working a=a n=n /> }.into_any()
                }
            }
        }}
        <Show when=is_note>
            <aside class="callout note-slip" data-note="slip">
                <h3>{tr(t::SLIP_TITLE)}</h3>
                <Lead text=tr(t::SLIP) />
            </aside>
        </Show>
        <ParameterQuestions parsed=parsed />
    }
}

/// The full working: output volume and parameter count.
/// The parameter count, and whether the input's size changes it: the engine answers for the
/// settings shown.
#[component]
fn ParameterQuestions(parsed: Memo<Option<Numbers>>) -> impl IntoView {
    let lang = use_lang();
    let ok = move || parsed.get().filter(|n| answer(*n).is_ok());
    let prompt = move |template: Text| {
        Signal::derive(move || match ok() {
            Some(n) => fill(template.get(lang.get()), &[&n.h, &n.w, &n.c, &n.n, &n.k, &(2 * n.h), &(2 * n.w)]),
            None => t::Q_FIX.get(lang.get()).to_string(),
        })
    };
    let total = Signal::derive(move || ok().and_then(|n| answer(n).ok()).map(|a| a.total.to_string()));
    // The same layer on an input twice as high and wide.
    let same = Signal::derive(move || {
        let n = ok()?;
        let bigger = answer(Numbers { h: 2 * n.h, w: 2 * n.w, ..n }).ok()?;
        Some(if bigger.total == answer(n).ok()?.total { "same" } else { "more" }.to_string())
    });
    let why_total = Signal::derive(move || match ok() {
        Some(n) => fill(t::Q1_WHY.get(lang.get()), &[&n.k, &n.c, &n.n, &answer(n).map_or(0, |a| a.total)]),
        None => String::new(),
    });
    view! {
        <Questions>
            <Question id="parameters/1" prompt=prompt(t::Q1) kind=Kind::Number { tolerance: 0.0 } answer=total hint=t::Q1_HINT explain=why_total />
            <Question id="parameters/2" prompt=prompt(t::Q2) kind=Kind::Choice(vec![("more", t::Q2_MORE), ("same", t::Q2_SAME)]) answer=same hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) />
        </Questions>
    }
}

#[component]
fn Working(a: Answer, n: Numbers) -> impl IntoView {
    let lang = use_lang();
    let lines = move |side: &'static str, input: usize| {
        size_steps(lang.get(), side, input, n).into_iter().map(|l| view! { <div>{l}</div> }).collect_view()
    };
    view! {
        <section class="panel results">
            <div class="result-block">
                <h2>{tr(t::OUTPUT)}</h2>
                <p class="big-answer" data-result="output">{format!("{}×{}×{}", a.out_h, a.out_w, a.depth)}</p>
                <div class="formula">{move || lines("H", n.h)}</div>
                <div class="formula">{move || lines("W", n.w)}</div>
                <p>{move || fill(t::DEPTH_IS.get(lang.get()), &[&n.n])}</p>
            </div>
            <div class="result-block">
                <h2>{tr(t::PARAMS)}</h2>
                <p class="big-answer" data-result="params">{a.total.to_string()}</p>
                <div class="formula">
                    <div>{format!("k·k·C + 1 = {}×{}×{} + 1 = {}", n.k, n.k, n.c, a.per_filter)}</div>
                    <div>{format!("(k·k·C + 1) × n = {} × {} = {}", a.per_filter, n.n, a.total)}</div>
                </div>
                <p>{move || fill(t::SPLIT.get(lang.get()), &[&(a.total - n.n), &n.n])}</p>
            </div>
        </section>
    }
}

/// Predict-then-check: the student commits to an answer before seeing the working.
#[component]
fn Predict(a: Answer, revealed: RwSignal<bool>) -> impl IntoView {
    let size = RwSignal::new(String::new());
    let params = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<(bool, bool)>);
    let check = move |_| {
        let digits: Vec<usize> =
            size.get().split(|c: char| !c.is_ascii_digit()).filter_map(|p| p.parse().ok()).collect();
        let size_ok = digits == [a.out_h, a.out_w, a.depth]
            || digits == [a.out_h, a.out_w]
            || (a.out_h == a.out_w && digits == [a.out_h]);
        let params_ok = params.get().trim().parse::<usize>().ok() == Some(a.total);
        checked.set(Some((size_ok, params_ok)));
    };
    let mark = |ok: bool| {
        if ok {
            view! { <span class="ok">"✓"</span> }
        } else {
            view! { <span class="wrong">"✗"</span> }
        }
    };
    view! {
        <section class="panel predict">
            <h2>{tr(t::PREDICT)}</h2>
            <div class="fields">
                <div class="field">
                    <label for="predict-size">{tr(t::PREDICT_SIZE)}</label>
                    <input id="predict-size" name="predict-size" type="text" placeholder="?×?×?" prop:value=move || size.get() on:input=move |ev| size.set(event_target_value(&ev)) />
                    {move || checked.get().map(|(ok, _)| mark(ok))}
                </div>
                <div class="field">
                    <label for="predict-params">{tr(t::PREDICT_PARAMS)}</label>
                    <input id="predict-params" name="predict-params" type="text" inputmode="numeric" prop:value=move || params.get() on:input=move |ev| params.set(event_target_value(&ev)) />
                    {move || checked.get().map(|(_, ok)| mark(ok))}
                </div>
            </div>
            <div class="row">
                <button class="btn" data-action="check" on:click=check>{tr(t::CHECK)}</button>
                <button class="btn primary" data-action="reveal" on:click=move |_| revealed.set(true)>{tr(t::REVEAL)}</button>
            </div>
            {move || checked.get().map(|(a, b)| if a && b { view! { <p class="ok">{tr(t::BOTH_RIGHT)}</p> }.into_any() } else { view! { <p class="hint">{tr(t::TRY_AGAIN)}</p> }.into_any() })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_exercise_is_the_default() {
        let n = Parsed::new(&State::default()).numbers().unwrap();
        let a = answer(n).unwrap();
        assert_eq!((a.out_h, a.out_w, a.depth, a.per_filter, a.total), (32, 32, 10, 76, 760));
        let steps = size_steps(Lang::En, "H", 32, n);
        assert_eq!(steps[1].trim(), "= (32 + 2×2 − 5) / 1 + 1");
        assert_eq!(steps.last().unwrap().trim(), "= 31 + 1 = 32");
    }

    #[test]
    fn rounding_is_explained_and_bad_fields_are_caught() {
        let n = Numbers { h: 7, w: 7, c: 1, k: 3, n: 1, s: 3, p: 0 };
        let steps = size_steps(Lang::En, "H", 7, n);
        assert!(steps.last().unwrap().contains("last 1 row"), "{steps:?}");
        let bad = State { k: "abc".into(), p: "-1".into(), ..State::default() };
        let parsed = Parsed::new(&bad);
        assert_eq!(parsed.k, Err(InputError::NotANumber));
        assert_eq!(parsed.p, Err(InputError::TooSmall(0.0)));
        assert!(parsed.numbers().is_none());
        let too_big = Numbers { k: 40, ..n };
        assert!(matches!(answer(too_big), Err(GeometryError::KernelTooLarge { kernel: 40, padded: 7 })));
    }

    #[test]
    fn query_round_trips() {
        let st = State { h: "28".into(), quiz: true, ..State::default() };
        let pairs = st.to_query();
        let q = Query::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(State::from_query(&q), st);
    }
}
