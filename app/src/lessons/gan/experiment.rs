//! The note's point, measured: a conditional GAN trained on the same few labelled digits a
//! classifier has, its digits added to the classifier's training set, against the real digits
//! alone and against supervised augmentation; validation accuracy over the epochs, then one
//! test score each.

use engine::data::Part;
use engine::tasks::{Samples, TaskReport};
use leptos::prelude::*;

use super::{BATCH, GENERATOR_NAME, State, classifier_configs, few_gan_config, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{self, ChainControls};
use crate::components::plot::PlotCanvas;
use crate::i18n::{Text, fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::plots::tiles::{self, Shade, Tile};
use crate::training::chain::{Chain, Stage};
use crate::training::job::{LaneState, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::read;

/// The three lanes' names.
const NAMES: [Text; 3] = [t::PLAIN, t::SUPERVISED, t::WITH_GENERATED];

#[component]
pub(super) fn Experiment(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let chain = Chain::new(use_job(), GENERATOR_NAME);
    let (job, stage) = (chain.job, chain.stage);
    let runs = [job.lane(0), job.lane(1), job.lane(2)];
    let ready = Signal::derive(move || state.with(|s| Some((few_gan_config(s)?, classifier_configs(s)?))));
    let start = move || {
        let Some((gan, classifiers)) = ready.get_untracked() else { return };
        // Validation is scored after every pass's worth of steps over the real digits.
        let every = state.with_untracked(super::real_epoch_steps).unwrap_or(0);
        chain.start(JobSpec::lanes(vec![gan], 100), JobSpec::lanes(classifiers, every));
    };
    let done = Memo::new(move |_| chain.done(3));
    // Once all three have finished, each is scored once on the test digits.
    Effect::new(move |_| {
        if done.get() {
            job.send(Command::Evaluate(Part::Test));
        }
    });
    // What the GAN draws: live while it trains, as it ended once the classifiers train.
    let samples = Memo::new(move |_| {
        let from = |l: &LaneState| match &l.task {
            Some(TaskReport::Gan(Samples::Digits { images, .. })) => Some(images.clone()),
            _ => None,
        };
        match stage.get() {
            Stage::First => runs[0].with(from),
            Stage::Keeping | Stage::Second => chain.first.with(|f| f.as_ref().and_then(from)),
            Stage::Idle => None,
        }
    });
    let intro = move || {
        state.with(|s| {
            fill(t::EXP_INTRO.get(lang.get()), &[&s.n.clone(), &s.gsteps.clone(), &s.extra.clone(), &s.epochs.clone()])
        })
    };
    let tests = Memo::new(move |_| runs.map(|r| r.with(|l| l.evaluation(Part::Test).map(|e| e.accuracy))));
    let examples = move |i: usize| {
        state.with(|s| {
            let n = s.n().unwrap_or(0);
            if i == 2 { n + s.extra().unwrap_or(0) } else { n }
        })
    };
    let verdict = move || {
        let scores = tests.get();
        let (Some(plain), Some(augmented), Some(generated)) = (scores[0], scores[1], scores[2]) else { return None };
        let points = |x: f32| format!("{:+.1}", (x - plain) * 100.0);
        Some(fill(t::EXP_VERDICT.get(lang.get()), &[&points(augmented), &points(generated)]))
    };
    let height = tiles::height_for(&super::digits::blank(20, ""), 10, 640);
    let digits = crate::data::use_digits();
    view! {
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <Deeper><p>{intro}</p></Deeper>
            <div class="fields">
                <Field label=t::LABELLED name="n" value=read(state, |s| s.n.clone()) on_input=move |v| state.update(|s| s.n = v) error=read(state, |s| s.n().err()) />
                <Field label=t::GENERATED name="gen" value=read(state, |s| s.extra.clone()) on_input=move |v| state.update(|s| s.extra = v) error=read(state, |s| s.extra().err()) />
                <Field label=t::GAN_STEPS name="gsteps" value=read(state, |s| s.gsteps.clone()) on_input=move |v| state.update(|s| s.gsteps = v) error=read(state, |s| s.gsteps().err()) width="6em" />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <ChainControls chain=chain ready=Signal::derive(move || ready.with(Option::is_some)) on_start=start start_label=t::START_EXP
                first=Signal::derive(move || fill(t::STAGE_FEW.get(lang.get()), &[&state.with(|s| s.n.clone())]))
                second=Signal::derive(move || t::STAGE_CLASSIFIERS.get(lang.get()).to_string())
                lanes=3 name="experiment" />
            <h3>{tr(t::FEW_SAMPLES)}</h3>
            <PlotCanvas width=640 height=height label="few-samples" draw=move |area| match samples.get() {
                Some(images) => {
                    let tiles: Vec<Tile> = images.into_iter().map(|values| Tile { width: 28, height: 28, values, caption: String::new() }).collect();
                    tiles::draw(area, &tiles, 10, Shade::Grey)
                }
                // Before G has drawn anything: real digits, what it learns to imitate.
                None => match super::digits::real_tiles(digits.get(), 20, lang.get()) {
                    Some(real) => tiles::draw(area, &real, 10, Shade::Grey),
                    None => crate::plots::draw_hint(area, t::SAMPLES_WAITING.get(lang.get())),
                },
            } />
            <div class="chart">
                <h3>{tr(t::VAL_CHART)}</h3>
                <PlotCanvas width=640 height=300 label="experiment-validation" draw=move |area| {
                    let lang = lang.get();
                    let series = if chain.second() {
                        let per = state.with(super::real_epoch_steps).unwrap_or(1).max(1) as f64;
                        runs.iter().zip(NAMES).enumerate().map(|(i, (run, name))| Series {
                            label: name.get(lang).into(),
                            points: run.with(|l| l.scores.iter().filter(|s| s.part == Part::Validation).map(|s| (s.steps_done as f64 / per, f64::from(s.accuracy))).collect()),
                            colour: [0, 1, 5][i],
                            markers: true,
                            line: true,
                        }).collect()
                    } else {
                        vec![]
                    };
                    let epochs = state.with(|s| s.epochs().unwrap_or(1)) as f64;
                    let series: Vec<Series> = series.into_iter().chain([lanes::chance_level(10, 0.0..epochs, lang)]).collect();
                    let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::VAL_CHART.get(lang).into(), x: 0.0..epochs, y: None, percent: true, legend: Legend::LowerRight, hint: lanes::WAITING.get(lang).into() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
            <table class="data-table" data-result="experiment">
                <thead><tr><th>{tr(t::RUN)}</th><th>{tr(t::EXAMPLES)}</th><th>{tr(t::TEST_HEAD)}</th></tr></thead>
                <tbody>
                    {(0..3).map(|i| view! {
                        <tr data-lane=i>
                            <th>{tr(NAMES[i])}</th>
                            <td class="num" data-examples=move || examples(i)>{move || examples(i)}</td>
                            <td class="num" data-test=move || tests.get()[i].map(|a| format!("{a:.4}"))>{move || tests.get()[i].map_or_else(|| "–".to_string(), percent)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || match verdict() {
                Some(text) => view! { <p class="callout" data-result="experiment-verdict">{text}</p> }.into_any(),
                None => view! { <p class="hint">{tr(t::TEST_WAITING)}</p> }.into_any(),
            }}
            <Deeper><p class="hint">{move || fill(t::BATCHES.get(lang.get()), &[&BATCH])}</p></Deeper>
        </section>
    }
}
