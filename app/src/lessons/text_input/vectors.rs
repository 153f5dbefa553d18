//! Character vectors learned from the poems in the worker (skip-gram with negative sampling):
//! the ten pairs' closeness against one-hot's 0, the nearest neighbours of a chosen character,
//! and a 2-D map of frequent characters, each updated as training goes.

use engine::data::Part;
use engine::tasks::{PAIRS, Query, SkipgramTask, TaskReport};
use leptos::prelude::*;

use super::{State, skipgram_config, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING};
use crate::components::plot::PlotCanvas;
use crate::i18n::{fill, percent, tr, use_lang};
use crate::plots::words::{self, Word};
use crate::training::job::{Phase, use_job};
use crate::training::protocol::Command;
use crate::url_state::read;

/// Every this many steps the vectors are scored and the views refreshed.
const EVAL_EVERY: usize = 100;
/// Characters drawn on the map, besides the highlighted groups.
const MAP_COUNT: usize = 60;
/// Groups a student expects to gather, each drawn in its colour.
const GROUPS: [&str; 5] = ["山峰岭", "春夏秋冬", "花草叶", "日月星", "江河湖海"];

#[component]
pub(super) fn Vectors(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let run = job.lane(0);
    let negatives = SkipgramTask::default().negatives;
    let configs = Signal::derive(move || state.with(skipgram_config));
    let scored = Memo::new(move |_| run.with(|l| (l.scores.len(), l.phase != Phase::Idle)));
    Effect::new(move |_| {
        let (_, started) = scored.get();
        if !started {
            return;
        }
        if let Ok(c) = state.with(State::ch) {
            run.send(Command::Query(Query::Neighbours { character: c, count: 8 }));
        }
        run.send(Command::Query(Query::Map { count: MAP_COUNT, include: GROUPS.concat() }));
    });
    let report = move || {
        run.with(|l| match &l.task {
            Some(TaskReport::Embedding(r)) => Some(r.clone()),
            _ => None,
        })
    };
    let pairs = move || {
        let lang = lang.get();
        let r = report();
        let rows = PAIRS
            .iter()
            .map(|&(a, b)| {
                let learned = r.as_ref().and_then(|r| r.pairs.iter().find(|p| p.a == a && p.b == b)).map(|p| p.cosine);
                view! {
                    <tr data-pair=format!("{a}{b}")>
                        <td>{format!("{a} · {b}")}</td>
                        <td class="num">"0"</td>
                        <td class="num" data-value=learned>{learned.map(|c| format!("{c:.2}")).unwrap_or_else(|| "—".into())}</td>
                    </tr>
                }
            })
            .collect_view();
        let summary = r.map(|r| {
            let mean = r.pairs.iter().map(|p| p.cosine).sum::<f32>() / r.pairs.len().max(1) as f32;
            view! { <p class="callout" data-result="pairs-summary" data-mean=mean data-random=r.random>{fill(t::PAIRS_SUMMARY.get(lang), &[&format!("{mean:.2}"), &format!("{:.2}", r.random)])}</p> }
        });
        view! {
            <table class="data-table" data-result="pairs">
                <thead><tr><th>{t::PAIR.get(lang)}</th><th>{t::ONE_HOT_COL.get(lang)}</th><th>{t::LEARNED_COL.get(lang)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {summary}
        }
    };
    let neighbours = move || {
        let lang = lang.get();
        let list = run.with(|l| l.neighbours.clone())?;
        let c = state.with(|s| s.ch().ok())?;
        let items = list.into_iter().map(|n| view! { <li data-char=n.b.to_string()><span class="big-char">{n.b.to_string()}</span>" "{format!("{:.2}", n.cosine)}</li> }).collect_view();
        Some(view! {
            <p>{fill(t::NEIGHBOURS_OF.get(lang), &[&c])}</p>
            <ol class="neighbours" data-result="neighbours">{items}</ol>
        })
    };
    let chart = move |area: &plotters::prelude::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>| {
        let lang = lang.get();
        let points = run.with(|l| l.map.clone()).unwrap_or_default();
        if points.is_empty() {
            return crate::plots::curves::draw(
                area,
                &[],
                &crate::plots::curves::Axes {
                    x_label: String::new(),
                    y_label: String::new(),
                    x: 0.0..1.0,
                    y: Some(0.0..1.0),
                    percent: false,
                    legend: crate::plots::curves::Legend::UpperRight,
                    hint: WAITING.get(lang).into(),
                },
            );
        }
        let words: Vec<Word> = points
            .iter()
            .map(|p| Word {
                text: p.c.to_string(),
                at: (f64::from(p.x), f64::from(p.y)),
                group: GROUPS.iter().position(|g| g.contains(p.c)),
            })
            .collect();
        words::draw(area, &words, (t::PC1.get(lang), t::PC2.get(lang)))
    };
    let score = move || {
        let lang = lang.get();
        let s = run.with(|l| l.latest_score(Part::Validation))?;
        Some(
            view! { <p class="hint" data-result="neighbour-score" data-value=s.accuracy>{fill(t::HELD_OUT.get(lang), &[&percent(s.accuracy), &s.steps_done, &negatives, &(negatives + 1)])}</p> },
        )
    };
    view! {
        <section class="panel">
            <h2>{tr(t::VECTORS_TITLE)}</h2>
            <Deeper><p>{move || {
                // The held-out poems: as the worker read them, else as the task is set.
                let held = run.with(|l| match &l.task {
                    Some(TaskReport::Embedding(r)) => Some(r.poems[1]),
                    _ => None,
                });
                fill(t::VECTORS_INTRO.get(lang.get()), &[&negatives, &held.unwrap_or(SkipgramTask::default().held_out)])
            }}</p></Deeper>
            <p class="formula">"−log σ(u_o · v_c) − Σ_k log σ(−u_k · v_c)"</p>
            <div class="fields">
                <Field label=t::DIM name="dim" value=read(state, |s| s.dim.clone()) on_input=move |v| state.update(|s| s.dim = v) error=read(state, |s| s.dim().err()) />
                <Field label=t::WINDOW name="win" value=read(state, |s| s.window.clone()) on_input=move |v| state.update(|s| s.window = v) error=read(state, |s| s.window().err()) />
                <Field label=t::STEPS name="steps" value=read(state, |s| s.steps.clone()) on_input=move |v| state.update(|s| s.steps = v) error=read(state, |s| s.steps().err()) />
            </div>
            <LaneControls job=job configs=configs eval_every=EVAL_EVERY start_label=t::START_VECTORS />
            {score}
            <div class="two-col">
                <div>{pairs}</div>
                <div>
                    <div class="fields">
                        <Field label=t::CHAR name="ch" width="3em" inputmode="text" value=read(state, |s| s.ch.clone()) on_input=move |v| state.update(|s| s.ch = v) error=read(state, |s| s.ch().err()) />
                    </div>
                    {neighbours}
                </div>
            </div>
            <h3>{tr(t::MAP_TITLE)}</h3>
            <PlotCanvas width=900 height=520 label="character-map" draw=chart />
            <Deeper><p class="hint">{tr(t::MAP_HINT)}</p></Deeper>
        </section>
    }
}
