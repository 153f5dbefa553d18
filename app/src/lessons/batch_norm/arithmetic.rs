//! The mini-batch arithmetic on an editable 4 × 3 batch, training against inference, and the
//! same example normalized among different companions (the note's regularizing effect).

use engine::norm::{column_spread, in_other_batches, inference, train_steps, unbiased, update_running};
use leptos::prelude::*;

use super::{EPS, FEATURES, MOMENTUM, ROWS, State, numbers, t};
use crate::components::disclosure::{Deeper, Lead};
use crate::components::field::parse_float;
use crate::components::grid::fmt_value;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, tr, use_lang};

fn fmt(v: f32) -> String {
    format!("{v:.3}")
}

fn row(label: String, values: Vec<f32>) -> impl IntoView {
    view! { <tr><th>{label}</th>{values.into_iter().map(|v| view! { <td class="num">{fmt(v)}</td> }).collect_view()}</tr> }
}

/// The examples' colours (Okabe–Ito), one per row of the batch.
const DOTS: [&str; 4] = ["#0072b2", "#e69f00", "#009e73", "#cc79a7"];

/// Each feature of the batch on two number lines: its raw values on their own scale (above),
/// and after normalization on one shared scale from −2 to 2 (below), each example joined to
/// itself. Features of very different scales end up on the same one.
fn number_lines(x: &[f32], normalized: &[f32], lang: crate::i18n::Lang) -> impl IntoView + use<> {
    const ROW: f64 = 92.0;
    const DROP: f64 = 36.0;
    // Both lines span the same width: the raw values above, the normalized ones below.
    let (left, right) = (100.0, 500.0);
    let lines = (0..FEATURES)
        .map(|f| {
            let y = 22.0 + f as f64 * ROW;
            let values: Vec<f64> = (0..ROWS).map(|r| f64::from(x[r * FEATURES + f])).collect();
            let (lo, hi) = values.iter().fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
            let span = if hi > lo { hi - lo } else { 1.0 };
            let at_raw = |v: f64| if hi > lo { left + (v - lo) / span * (right - left) } else { (left + right) / 2.0 };
            let at_norm = |v: f64| left + (v.clamp(-2.0, 2.0) + 2.0) / 4.0 * (right - left);
            let joins = (0..ROWS)
                .map(|r| {
                    let (a, b) = (at_raw(values[r]), at_norm(f64::from(normalized[r * FEATURES + f])));
                    let colour = DOTS[r % DOTS.len()];
                    view! {
                        <line x1=a y1=y x2=b y2=y + DROP stroke=colour stroke-width="1.5" opacity="0.6" />
                        <circle cx=a cy=y r="6" fill=colour />
                        <circle cx=b cy=y + DROP r="6" fill=colour />
                    }
                })
                .collect_view();
            view! {
                <text x="4" y=y + DROP / 2.0 + 4.0 class="bn-feature">{fill(t::FEATURE.get(lang), &[&(f + 1)])}</text>
                <text x=left - 12.0 y=y + 4.0 class="bn-head">"x"</text>
                <text x=left - 12.0 y=y + DROP + 4.0 class="bn-head">"x̂"</text>
                <line x1=left y1=y x2=right y2=y class="bn-axis" />
                <text x=left y=y - 9.0 class="bn-tick">{fmt_value(lo as f32)}</text>
                <text x=right y=y - 9.0 class="bn-tick">{fmt_value(hi as f32)}</text>
                <line x1=left y1=y + DROP x2=right y2=y + DROP class="bn-axis" />
                {[-2.0, 0.0, 2.0].map(|v: f64| {
                    let at = at_norm(v);
                    view! {
                        <line x1=at y1=y + DROP - 4.0 x2=at y2=y + DROP + 4.0 class="bn-axis" />
                        <text x=at y=y + DROP + 18.0 class="bn-tick">{fmt_value(v as f32)}</text>
                    }
                }).collect_view()}
                {joins}
            }
        })
        .collect_view();
    let height = 14.0 + FEATURES as f64 * ROW;
    view! {
        <svg class="bn-lines" data-figure="bn-lines" role="img" aria-label=t::LINES_LABEL.get(lang) viewBox=format!("0 0 520 {height}") width="520" height=height>
            {lines}
        </svg>
    }
}

#[component]
pub(super) fn Arithmetic(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let inference_mode = RwSignal::new(false);
    let parsed = Memo::new(move |_| {
        state.with(|s| Some((numbers(&s.batch).ok()?, numbers(&s.gamma).ok()?, numbers(&s.beta).ok()?)))
    });
    let cell = move |kind: &'static str, i: usize| {
        let get = move |s: &State| match kind {
            "x" => s.batch[i].clone(),
            "g" => s.gamma[i].clone(),
            _ => s.beta[i].clone(),
        };
        let bad = move || state.with(|s| parse_float(&get(s), -1e6, 1e6).is_err());
        view! {
            <input class="kernel-cell" class:invalid=bad type="text" inputmode="decimal" aria-label=format!("{kind}{i}")
                prop:value=move || state.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev).replace(',', ".");
                    state.update(|s| match kind { "x" => s.batch[i] = v, "g" => s.gamma[i] = v, _ => s.beta[i] = v });
                } />
        }
    };
    let results = move || {
        let lang = lang.get();
        let Some((x, g, b)) = parsed.get() else {
            return view! { <p class="error-box" role="alert">{t::BAD_NUMBERS.get(lang)}</p> }.into_any();
        };
        let steps = train_steps(&x, ROWS, FEATURES, &g, &b, EPS);
        let mut running_mean = vec![0.0; FEATURES];
        let mut running_var = vec![1.0; FEATURES];
        update_running(&mut running_mean, &steps.mean, MOMENTUM);
        update_running(&mut running_var, &unbiased(&steps.variance, ROWS), MOMENTUM);
        let infer = inference(&x, FEATURES, &running_mean, &running_var, &g, &b, EPS);
        let rows_of = |v: &[f32], name: &str| {
            (0..ROWS)
                .map(|r| row(format!("{name}{}", r + 1), v[r * FEATURES..(r + 1) * FEATURES].to_vec()))
                .collect_view()
        };
        if inference_mode.get() {
            view! {
                <table class="data-table bn-table" data-result="bn-inference">
                    <tbody>
                        {row(t::RUNNING_MEAN.get(lang).into(), running_mean.clone())}
                        {row(t::RUNNING_VAR.get(lang).into(), running_var.clone())}
                        {rows_of(&infer, "y")}
                    </tbody>
                </table>
                <p class="hint">{t::INFER_NOTE.get(lang)}</p>
            }
            .into_any()
        } else {
            view! {
                <table class="data-table bn-table" data-result="bn-steps">
                    <tbody>
                        {row("μ".into(), steps.mean.clone())}
                        {row("σ²".into(), steps.variance.clone())}
                        {rows_of(&steps.normalized, "x̂")}
                        {rows_of(&steps.output, "y")}
                    </tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::ARITH_TITLE)}</h2>
            <div class="bn-top">
                <div class="formula">
                    <div>"μ_B = (1/m) Σ xᵢ"</div>
                    <div>"σ²_B = (1/m) Σ (xᵢ − μ_B)²"</div>
                    <div>"x̂ᵢ = (xᵢ − μ_B) / √(σ²_B + ε)"</div>
                    <div>"yᵢ = γ x̂ᵢ + β"</div>
                </div>
                {move || parsed.get().map(|(x, g, b)| number_lines(&x, &train_steps(&x, ROWS, FEATURES, &g, &b, EPS).normalized, lang.get()))}
            </div>
            <div class="bn-inputs">
                <div>
                    <h3>{tr(t::BATCH)}</h3>
                    <div class="kernel-grid" style="grid-template-columns: repeat(3, 4em)">{(0..ROWS * FEATURES).map(|i| cell("x", i)).collect_view()}</div>
                </div>
                <div>
                    <h3>"γ"</h3>
                    <div class="kernel-grid" style="grid-template-columns: repeat(3, 4em)">{(0..FEATURES).map(|i| cell("g", i)).collect_view()}</div>
                    <h3>"β"</h3>
                    <div class="kernel-grid" style="grid-template-columns: repeat(3, 4em)">{(0..FEATURES).map(|i| cell("b", i)).collect_view()}</div>
                </div>
            </div>
            <div class="row">
                <label class="toggle">
                    <input type="checkbox" name="inference" prop:checked=move || inference_mode.get() on:change=move |ev| inference_mode.set(event_target_checked(&ev)) />
                    {tr(t::INFER_MODE)}
                </label>
            </div>
            {results}
            <Deeper><p class="hint">{move || fill(t::ARITH_HINT.get(lang.get()), &[&EPS, &MOMENTUM, &ROWS, &(ROWS - 1)])}</p></Deeper>
            <Questions>
                <Question id="batch-norm/1" prompt=Signal::derive(move || t::Q1.get(lang.get()).to_string())
                    kind=Kind::Number { tolerance: 0.01 }
                    answer=Signal::derive(move || parsed.get().map(|(x, g, b)| format!("{:.4}", train_steps(&x, ROWS, FEATURES, &g, &b, EPS).mean[0])))
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string())
                    about=Signal::derive(move || state.with(|s| s.batch.join(","))) />
            </Questions>
        </section>
    }
}

/// How many random batches the table shows, and how many the spread is measured over.
const SHOWN: usize = 5;
const MEASURED: usize = 400;
/// The batch sizes whose spreads are compared.
const SIZES: [usize; 3] = [ROWS, 16, 64];

/// The first example of the student's batch, normalized among companions drawn like the rest
/// of the batch: its `x̂` changes from batch to batch, less so as the batch grows.
#[component]
pub(super) fn BatchNoise(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let seed = RwSignal::new(1u64);
    let batch = Memo::new(move |_| state.with(|s| numbers(&s.batch).ok()));
    let table = move || {
        let lang = lang.get();
        let Some(x) = batch.get() else {
            return view! { <p class="error-box" role="alert">{t::BAD_NUMBERS.get(lang)}</p> }.into_any();
        };
        let example = &x[..FEATURES];
        let own =
            train_steps(&x, ROWS, FEATURES, &[1.0; FEATURES], &[0.0; FEATURES], EPS).normalized[..FEATURES].to_vec();
        let others = in_other_batches(example, &x, FEATURES, ROWS, SHOWN, seed.get());
        let spreads: Vec<(usize, f32)> = SIZES
            .iter()
            .map(|&m| {
                let spread = column_spread(&in_other_batches(example, &x, FEATURES, m, MEASURED, seed.get()));
                (m, spread.iter().sum::<f32>() / FEATURES as f32)
            })
            .collect();
        view! {
            <table class="data-table bn-table" data-result="bn-noise">
                <thead><tr><th></th>{(1..=FEATURES).map(|f| view! { <th>{fill(t::FEATURE.get(lang), &[&f])}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {row(t::OWN_BATCH.get(lang).into(), own)}
                    {others.into_iter().enumerate().map(|(i, v)| row(fill(t::OTHER_BATCH.get(lang), &[&(i + 1)]), v)).collect_view()}
                </tbody>
            </table>
            <div class="final-scores">
                {spreads.into_iter().map(|(m, s)| view! {
                    <span class="chip" data-result="bn-spread" data-batch=m data-value=format!("{s:.4}")>
                        {fill(t::SPREAD.get(lang), &[&m, &MEASURED, &format!("{s:.3}")])}
                    </span>
                }).collect_view()}
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel">
            <h2>{tr(t::NOISE_TITLE)}</h2>
            <Lead text=tr(t::NOISE_INTRO) />
            <div class="row">
                <button class="btn" data-action="redraw" on:click=move |_| seed.update(|s| *s += 1)>{tr(t::REDRAW)}</button>
            </div>
            {table}
            <Lead text=tr(t::NOISE_HINT) class="hint" />
        </section>
    }
}
