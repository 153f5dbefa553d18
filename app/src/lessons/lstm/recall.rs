//! The long-range task: remember the first character across a gap of real poetry. A plain RNN
//! and an LSTM of the same size train side by side at each distance, the same steps each.

use engine::data::Part;
use engine::tasks::RECALL_KEYS;
use leptos::prelude::*;

use super::{State, recall_configs, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING, chance_level};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::use_job;
use crate::url_state::read;

/// Every this many steps each run is scored on held-out sequences.
const EVAL_EVERY: usize = 100;
/// The held-out accuracy from which a network counts as recalling (guessing gives 10%).
const RECALLS: f32 = 0.5;

#[component]
pub(super) fn Recall(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let configs = Signal::derive(move || state.with(recall_configs));
    let gaps = Memo::new(move |_| state.with(|s| s.gaps().unwrap_or_default()));
    // The latest held-out accuracy of lane `i`, if scored.
    let accuracy =
        move |i: usize| job.lane(i).with(|l| l.latest_score(Part::Validation).map(|s| (s.accuracy, s.steps_done)));
    let started = move || job.with(|s| !s.lanes.is_empty());
    let table = move || {
        let lang = lang.get();
        let rows = gaps
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, gap)| {
                let cell = |i: usize| {
                    let a = if started() { accuracy(i) } else { None };
                    let text = a
                        .map(|(a, steps)| fill(t::AT_STEP.get(lang), &[&percent(a), &steps]))
                        .unwrap_or_else(|| "—".into());
                    view! { <td class="num" data-value=a.map(|(a, _)| a)>{text}</td> }
                };
                view! { <tr data-gap=gap><td>{gap}</td>{cell(2 * k)}{cell(2 * k + 1)}</tr> }
            })
            .collect_view();
        view! {
            <table class="data-table" data-result="recall">
                <thead><tr><th>{t::GAP.get(lang)}</th><th>{t::RNN.get(lang)}</th><th>{t::LSTM.get(lang)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    let chart = move |area: &plotters::prelude::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>| {
        let lang = lang.get();
        let gaps = gaps.get();
        let series: Vec<Series> = [t::RNN, t::LSTM]
            .iter()
            .enumerate()
            .map(|(c, name)| Series {
                label: name.get(lang).into(),
                points: if started() {
                    gaps.iter()
                        .enumerate()
                        .filter_map(|(k, &gap)| accuracy(2 * k + c).map(|(a, _)| (gap as f64, f64::from(a))))
                        .collect()
                } else {
                    vec![]
                },
                colour: [5, 0][c],
                markers: true,
                line: true,
            })
            .chain([chance_level(10, 0.0..gaps.last().copied().unwrap_or(1) as f64 + 1.0, lang)])
            .collect();
        let x_max = gaps.last().copied().unwrap_or(1) as f64 + 1.0;
        let axes = Axes {
            x_label: t::GAP_AXIS.get(lang).into(),
            y_label: t::HELD_OUT.get(lang).into(),
            x: 0.0..x_max,
            y: Some(0.0..1.02),
            percent: true,
            legend: Legend::UpperRight,
            hint: WAITING.get(lang).into(),
        };
        curves::draw(area, &series, &axes)
    };
    // Once every distance is scored: which of the two recall where, in words from the table.
    let verdict = move || {
        let lang = lang.get();
        let gaps = gaps.get();
        if !started() || gaps.is_empty() || !(0..2 * gaps.len()).all(|i| job.lane(i).phase().ended()) {
            return None;
        }
        let mut groups: [Vec<String>; 4] = Default::default();
        for (k, gap) in gaps.iter().enumerate() {
            let rnn = accuracy(2 * k)?.0 >= RECALLS;
            let lstm = accuracy(2 * k + 1)?.0 >= RECALLS;
            groups[match (rnn, lstm) {
                (true, true) => 0,
                (false, true) => 1,
                (true, false) => 2,
                (false, false) => 3,
            }]
            .push(gap.to_string());
        }
        let list = |g: &Vec<String>| if g.is_empty() { t::NONE.get(lang).to_string() } else { g.join(", ") };
        let [both, lstm, rnn, neither] = &groups;
        let text = fill(
            t::RECALL_VERDICT.get(lang),
            &[&percent(RECALLS), &list(both), &list(lstm), &list(rnn), &list(neither)],
        );
        Some(
            view! { <p class="callout" data-result="recall-verdict" data-both=both.join(",") data-lstm-only=lstm.join(",")>{text}</p> },
        )
    };
    let keys: String = RECALL_KEYS.iter().collect();
    view! {
        <section class="panel">
            <h2>{tr(t::RECALL_TITLE)}</h2>
            <Deeper><p>{move || fill(t::RECALL_INTRO.get(lang.get()), &[&keys])}</p></Deeper>
            <div class="fields">
                <Field label=t::GAPS name="gaps" width="9em" inputmode="text" value=read(state, |s| s.gaps.clone()) on_input=move |v| state.update(|s| s.gaps = v) error=read(state, |s| s.gaps().err()) hint=t::GAPS_HINT />
                <Field label=t::RECALL_STEPS name="rsteps" value=read(state, |s| s.recall_steps.clone()) on_input=move |v| state.update(|s| s.recall_steps = v) error=read(state, |s| s.recall_steps().err()) />
            </div>
            <LaneControls job=job configs=configs eval_every=EVAL_EVERY start_label=t::START_RECALL />
            <div class="two-col">
                {table}
                <div class="chart"><PlotCanvas width=520 height=280 label="recall-distance" draw=chart /></div>
            </div>
            {verdict}
            <Deeper><p>{tr(t::RECALL_WHY)}</p></Deeper>
            <Questions>
                <Question id="lstm/2" prompt=Signal::derive(move || gaps.get().last().map_or_else(String::new, |g| fill(t::Q2.get(lang.get()), &[g])))
                    kind=Kind::Choice(vec![("lstm", t::LSTM), ("rnn", t::RNN), ("tie", t::TIE)])
                    answer=Signal::derive(move || {
                        let k = gaps.get().len().checked_sub(1)?;
                        if !(0..2 * (k + 1)).all(|i| job.lane(i).phase().ended()) {
                            return None;
                        }
                        let (rnn, lstm) = (accuracy(2 * k)?.0, accuracy(2 * k + 1)?.0);
                        Some(if (lstm - rnn).abs() < 0.02 { "tie" } else if lstm > rnn { "lstm" } else { "rnn" }.to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {}", s.gaps, s.recall_steps))) />
            </Questions>
        </section>
    }
}
