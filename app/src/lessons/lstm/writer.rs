//! The character LSTM: trained on five-character quatrains, scored on unseen ones against the
//! unigram model, writing a poem from a chosen first character with a temperature and a seed;
//! its gates shown below.

use engine::data::Part;
use engine::tasks::Query;
use leptos::prelude::*;

use super::gates::Gates;
use super::{LENGTH, State, t, writer_config};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{Phase, use_job};
use crate::training::protocol::Command;
use crate::url_state::read;

/// Every this many steps the writer is scored on unseen quatrains.
const EVAL_EVERY: usize = 50;

/// Whether `poem` has the shape of a five-character quatrain: four lines of five characters,
/// each ended by "，" or "。".
pub fn is_quatrain(poem: &str) -> bool {
    let chars: Vec<char> = poem.chars().collect();
    chars.len() == 24
        && chars.chunks(6).all(|line| {
            line[..5].iter().all(|c| !matches!(c, '，' | '。' | '？' | '！')) && matches!(line[5], '，' | '。')
        })
}

#[component]
pub(super) fn Writer(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let run = job.lane(0);
    let configs = Signal::derive(move || state.with(writer_config));
    let scored = Memo::new(move |_| run.with(|l| (l.scores.len(), l.phase != Phase::Idle)));
    Effect::new(move |_| {
        let (_, started) = scored.get();
        let ask = state.with(|s| Some((s.start().ok()?, s.temperature().ok()?, s.seed().ok()?)));
        if let (true, Some((c, temperature, seed))) = (started, ask) {
            // From the first character alone with a zero state, as every training stretch (one
            // quatrain of 24 characters) starts.
            job.send_to(
                0,
                Command::Query(Query::Write { prompt: c.to_string(), length: LENGTH - 1, temperature, seed }),
            );
        }
    });
    let poem = move || {
        let lang = lang.get();
        let written = run.with(|l| l.written.clone())?;
        let start = state.with(|s| s.start().ok())?;
        let poem = format!("{start}{written}");
        let form = is_quatrain(&poem);
        let lines = engine::text::lines(&poem).into_iter().map(|l| view! { <div>{l}</div> }).collect_view();
        Some(view! {
            <div class="poem big" data-result="poem" data-form=form>{lines}</div>
            <p class="hint">{if form { t::FORM_KEPT.get(lang) } else { t::FORM_BROKEN.get(lang) }}</p>
        })
    };
    let score = move || {
        let lang = lang.get();
        let s = run.with(|l| l.latest_score(Part::Validation))?;
        let base = run.with(|l| l.text().map(|r| r.baseline))?;
        let (speed, seconds) = run.with(|l| (l.mean_speed * LENGTH as f32, l.elapsed_ms / 1000.0));
        Some(view! {
            <p class="score" data-result="writer-score" data-loss=s.loss data-baseline=base.loss data-steps=s.steps_done>
                {fill(t::WRITER_SCORE.get(lang), &[&s.steps_done, &format!("{:.0}", seconds), &format!("{:.3}", s.loss), &format!("{:.3}", base.loss), &format!("{:.0}", s.loss.exp()), &format!("{:.0}", base.loss.exp())])}
            </p>
            <p class="hint" data-result="writer-speed" data-chars=speed>{fill(t::SPEED.get(lang), &[&format!("{speed:.0}")])}</p>
        })
    };
    let chart = move |area: &plotters::prelude::DrawingArea<plotters_canvas::CanvasBackend, plotters::coord::Shift>| {
        let lang = lang.get();
        let points: Vec<(f64, f64)> = run.with(|l| {
            l.scores
                .iter()
                .filter(|s| s.part == Part::Validation)
                .map(|s| (s.steps_done as f64, f64::from(s.loss)))
                .collect()
        });
        let total = run.with(|l| l.total_steps).max(1) as f64;
        let mut series =
            vec![Series { label: t::LSTM_CURVE.get(lang).into(), points, colour: 0, markers: true, line: true }];
        if let Some(base) = run.with(|l| l.text().map(|r| r.baseline.loss)) {
            series.push(Series {
                label: t::UNIGRAM.get(lang).into(),
                points: vec![(0.0, f64::from(base)), (total, f64::from(base))],
                colour: 5,
                markers: false,
                line: true,
            });
        }
        let axes = Axes {
            x_label: t::STEP_AXIS.get(lang).into(),
            y_label: t::CE_AXIS.get(lang).into(),
            x: 0.0..total,
            y: None,
            percent: false,
            legend: Legend::UpperRight,
            hint: WAITING.get(lang).into(),
        };
        curves::draw(area, &series, &axes)
    };
    view! {
        <section class="panel">
            <h2>{tr(t::WRITER_TITLE)}</h2>
            <Deeper><p>{move || {
                let spec = engine::tasks::TextTask::quatrain_writer(1);
                let embed = match spec.body.first() {
                    Some(engine::nn::Layer::Embedding(e)) => e.dim,
                    _ => 0,
                };
                fill(t::WRITER_INTRO.get(lang.get()), &[&LENGTH, &spec.split.train, &embed, &spec.vocab, &spec.split.validation])
            }}</p></Deeper>
            {move || run.with(|l| l.text().map(|r| (r.poems, r.examples))).map(|(poems, stretches)| view! {
                <p class="hint" data-result="corpus" data-poems=poems data-stretches=stretches>{fill(t::CORPUS.get(lang.get()), &[&poems, &stretches])}</p>
            })}
            <div class="fields">
                <Field label=t::HIDDEN name="h" value=read(state, |s| s.hidden.clone()) on_input=move |v| state.update(|s| s.hidden = v) error=read(state, |s| s.hidden().err()) />
                <Field label=t::STEPS name="steps" value=read(state, |s| s.steps.clone()) on_input=move |v| state.update(|s| s.steps = v) error=read(state, |s| s.steps().err()) />
            </div>
            <LaneControls job=job configs=configs eval_every=EVAL_EVERY start_label=t::START_WRITER />
            <div class="two-col">
                <div>
                    <div class="fields">
                        <Field label=t::START_CHAR name="start" width="3em" inputmode="text" value=read(state, |s| s.start.clone()) on_input=move |v| state.update(|s| s.start = v) error=read(state, |s| s.start().err()) />
                        <Field label=t::TEMPERATURE name="temp" value=read(state, |s| s.temperature.clone()) on_input=move |v| state.update(|s| s.temperature = v) error=read(state, |s| s.temperature().err()) hint=t::TEMPERATURE_HINT />
                        <Field label=t::SEED name="seed" value=read(state, |s| s.seed.clone()) on_input=move |v| state.update(|s| s.seed = v) error=read(state, |s| s.seed().err()) />
                    </div>
                    {move || poem().map(IntoAny::into_any).unwrap_or_else(|| view! { <p class="hint">{tr(t::POEM_WAITING)}</p> }.into_any())}
                </div>
                <div class="chart">
                    <PlotCanvas width=520 height=280 label="writer-loss" draw=chart />
                    {score}
                </div>
            </div>
            <Gates state=state run=run />
            <Questions>
                <Question id="lstm/1" prompt=Signal::derive(move || state.with(|s| fill(t::Q1.get(lang.get()), &[&s.hidden, &s.steps])))
                    kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)])
                    answer=Signal::derive(move || {
                        if !run.phase().ended() {
                            return None;
                        }
                        let s = run.with(|l| l.latest_score(Part::Validation))?;
                        let base = run.with(|l| l.text().map(|r| r.baseline))?;
                        Some(if s.loss < base.loss - 0.5 { "yes" } else { "no" }.to_string())
                    })
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) pending=t::Q1_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {}", s.hidden, s.steps))) />
            </Questions>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quatrain_has_four_lines_of_five() {
        assert!(is_quatrain("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。"));
        assert!(!is_quatrain("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少"));
        assert!(!is_quatrain("春眠不觉，晓处处闻啼鸟。夜来风雨声，花落知多少。"));
    }
}
