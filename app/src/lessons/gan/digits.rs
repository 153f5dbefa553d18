//! The digits GAN: a judge (a small classifier of real digits) is trained and kept first, then
//! the GAN trains while the judge scores G's fixed-noise samples; the samples, the judge's scores
//! over the steps with the moment they become recognisable, the speed, and an interpolation
//! between two of the shown samples' inputs.

use engine::data::Part;
use engine::tasks::{Judged, Query, SHOWN_IMAGES, SURE, Samples, TaskReport};
use leptos::prelude::*;

use super::{BATCH, DIGITS_HIDDEN, JUDGE_EPOCHS, JUDGE_NAME, State, digits_config, judge_config, t};
use crate::components::disclosure::{Deeper, MoreSettings};
use crate::components::field::Field;
use crate::components::lanes::{self, ChainControls};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Lang, fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::plots::tiles::{self, Shade, Tile};
use crate::training::chain::{Chain, Stage};
use crate::training::job::{Job, Phase, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::read;

/// The judge scores G every this many steps.
const JUDGE_EVERY: usize = 100;
/// Images on the interpolation line, both ends included.
const LINE: usize = 10;
/// "Recognisable": the judge is at least `SURE` sure about this share of the samples.
const RECOGNISABLE: f32 = 0.5;
const COLUMNS: usize = 10;
const WIDTH: u32 = 640;

#[component]
pub(super) fn DigitsGan(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let chain = Chain::new(use_job(), JUDGE_NAME);
    let (job, stage) = (chain.job, chain.stage);
    let run = job.lane(0);
    let config = Signal::derive(move || state.with(digits_config));
    let start = move || {
        if let Some(gan) = config.get_untracked() {
            chain.start(JobSpec::lanes(vec![judge_config()], 0), JobSpec::lanes(vec![gan], JUDGE_EVERY));
        }
    };
    let judge_accuracy = move || chain.first.with(|f| f.as_ref()?.latest_score(Part::Validation).map(|s| s.accuracy));
    let second = Signal::derive(move || {
        let lang = lang.get();
        if run.phase() == Phase::Paused { lanes::t::PAUSED.get(lang) } else { t::STAGE_GAN.get(lang) }.to_string()
    });
    let intro = move || {
        fill(t::DIGITS_INTRO.get(lang.get()), &[&DIGITS_HIDDEN, &BATCH, &super::GAN_TRAIN, &super::GAN_HELD_OUT])
    };
    view! {
        <section class="panel">
            <h2>{tr(t::DIGITS_TITLE)}</h2>
            <p>{intro}</p>
            <Deeper><p class="callout">{tr(t::NOTE_SLIP)}</p></Deeper>
            <label class="toggle">
                <input type="checkbox" name="cond" prop:checked=move || state.with(State::conditional)
                    on:change=move |ev| state.update(|s| s.cond = if event_target_checked(&ev) { "1" } else { "0" }.into()) />
                {tr(t::CONDITIONAL)}
            </label>
            <div class="fields">
                <Field label=t::DIGIT_STEPS name="dsteps" value=read(state, |s| s.dsteps.clone()) on_input=move |v| state.update(|s| s.dsteps = v) error=read(state, |s| s.dsteps().err()) width="6em" />
            </div>
            <MoreSettings>
                <Field label=t::NOISE name="dz" value=read(state, |s| s.dz.clone()) on_input=move |v| state.update(|s| s.dz = v) error=read(state, |s| s.dz().err()) />
                <Field label=t::RATE name="drate" value=read(state, |s| s.drate.clone()) on_input=move |v| state.update(|s| s.drate = v) error=read(state, |s| s.drate().err()) />
            </MoreSettings>
            <Deeper>
                <p class="hint">{tr(t::CONDITIONAL_HINT)}</p>
                <p class="hint">{tr(t::RATE_HINT)}</p>
                <h3>{tr(t::DCGAN_TITLE)}</h3>
                <p class="hint" data-result="dcgan">{tr(t::DCGAN)}</p>
                <p>{move || fill(t::JUDGE_INTRO.get(lang.get()), &[&JUDGE_EPOCHS, &engine::tasks::JUDGED])}</p>
            </Deeper>
            <ChainControls chain=chain ready=Signal::derive(move || config.with(Option::is_some)) on_start=start start_label=t::START_DIGITS
                first=Signal::derive(move || t::STAGE_JUDGE.get(lang.get()).to_string()) second=second lanes=1 name="digits" />
            {move || judge_accuracy().map(|a| view! {
                <p class="chip" data-result="judge" data-value=format!("{a:.4}")>{fill(t::JUDGE_DONE.get(lang.get()), &[&percent(a)])}</p>
            })}
            <Speed job=job stage=stage />
            <h3>{tr(t::SAMPLES)}</h3>
            <Samples job=job stage=stage />
            <JudgeChart job=job stage=stage state=state />
            <Interpolation job=job stage=stage state=state />
            <DigitsQuestion job=job stage=stage state=state />
        </section>
    }
}

/// The GAN's latest samples, if the GAN is training.
fn latest(job: Job, stage: RwSignal<Stage>) -> Option<(Vec<Vec<f32>>, Option<Judged>)> {
    if stage.get() != Stage::Second {
        return None;
    }
    job.lane(0).with(|l| match &l.task {
        Some(TaskReport::Gan(Samples::Digits { images, judged, .. })) => Some((images.clone(), judged.clone())),
        _ => None,
    })
}

/// The first `n` digits G learns from, as they are: what a grid of samples is compared with,
/// and what it shows before G has drawn anything.
pub(super) fn real_tiles(digits: Option<crate::data::Digits>, n: usize, lang: Lang) -> Option<Vec<Tile>> {
    let set = digits?.ok()?;
    let tiles = (0..n.min(set.len()))
        .map(|i| Tile {
            width: 28,
            height: 28,
            values: set.pixels(i).iter().map(|&p| f32::from(p) / 255.0).collect(),
            caption: fill(t::REAL_CAPTION.get(lang), &[&set.label(i)]),
        })
        .collect();
    Some(tiles)
}

/// `n` empty digit tiles, for working out the height their canvas needs.
pub(super) fn blank(n: usize, caption: &str) -> Vec<Tile> {
    (0..n).map(|_| Tile { width: 28, height: 28, values: vec![], caption: caption.into() }).collect()
}

#[component]
fn Samples(job: Job, stage: RwSignal<Stage>) -> impl IntoView {
    let lang = use_lang();
    let shown = Memo::new(move |_| latest(job, stage));
    let digits = crate::data::use_digits();
    let height = tiles::height_for(&blank(SHOWN_IMAGES, "x"), COLUMNS, WIDTH);
    view! {
        <PlotCanvas width=WIDTH height=height label="gan-samples" draw=move |area| {
            let Some((images, judged)) = shown.get() else {
                // Before G has drawn anything: the real digits it learns to imitate.
                return match real_tiles(digits.get(), SHOWN_IMAGES, lang.get()) {
                    Some(real) => tiles::draw(area, &real, COLUMNS, Shade::Grey),
                    None => crate::plots::draw_hint(area, t::SAMPLES_WAITING.get(lang.get())),
                };
            };
            let tiles: Vec<Tile> = images
                .into_iter()
                .enumerate()
                .map(|(i, values)| {
                    let caption = judged.as_ref().and_then(|j| j.shown.get(i)).map_or_else(String::new, |(c, p)| format!("{c} · {:.0}%", p * 100.0));
                    Tile { width: 28, height: 28, values, caption }
                })
                .collect();
            tiles::draw(area, &tiles, COLUMNS, Shade::Grey)
        } />
    }
}

#[component]
fn Speed(job: Job, stage: RwSignal<Stage>) -> impl IntoView {
    let lang = use_lang();
    let run = job.lane(0);
    move || {
        let (_, ms) = run.with(|l| l.speed);
        (stage.get() == Stage::Second && ms > 0.0).then(|| {
            let per_second = 1000.0 / ms;
            view! {
                <p class="chip" data-result="gan-speed" data-value=format!("{per_second:.2}")>
                    {fill(t::SPEED.get(lang.get()), &[&format!("{per_second:.1}"), &1, &BATCH])}
                </p>
            }
        })
    }
}

/// Will the judge read all ten digits among G's samples at the end? The student's run answers.
#[component]
fn DigitsQuestion(job: Job, stage: RwSignal<Stage>, state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let run = job.lane(0);
    let settings = Signal::derive(move || state.with(|s| format!("{} {} {} {}", s.cond, s.dz, s.drate, s.dsteps)));
    let all_ten = Signal::derive(move || {
        if stage.get() != Stage::Second || run.phase() != Phase::Finished {
            return None;
        }
        let j = run.with(|l| l.judged.last().map(|(_, _, j)| j.clone()))?;
        let read = j.classes.iter().filter(|&&n| n * 50 >= j.count.max(1)).count();
        Some(if read == j.classes.len() { "yes" } else { "no" }.to_string())
    });
    let prompt = Signal::derive(move || {
        let template = if state.with(State::conditional) { t::Q2_COND } else { t::Q2 };
        template.get(lang.get()).to_string()
    });
    view! {
        <Questions>
            <Question id="gan/2" prompt=prompt kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)]) answer=all_ten hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING about=settings />
        </Questions>
    }
}

/// The judge's scores over the steps, and the first moment the samples counted as recognisable.
#[component]
fn JudgeChart(job: Job, stage: RwSignal<Stage>, state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let run = job.lane(0);
    let judged = run.memo(|l| l.judged.clone());
    let shown = move || if stage.get() == Stage::Second { judged.get() } else { vec![] };
    let total = move || run.with(|l| l.total_steps.max(1)) as f64;
    // Recognisable: for a conditional GAN, the judge reads the digit asked for; otherwise it is
    // sure of some digit.
    let first = move || shown().into_iter().find(|(_, _, j)| j.agreement.unwrap_or(j.sure) >= RECOGNISABLE);
    let sure = move |lang: Lang| fill(t::SURE_SHARE.get(lang), &[&percent(SURE)]);
    // The chart appears with the judge's first scores: before them it would be an empty frame.
    let scored = move || !shown().is_empty();
    view! {
        <Show when=scored>
        <div class="chart">
            <h3>{tr(t::JUDGE_CHART)}</h3>
            <PlotCanvas width=WIDTH height=280 label="gan-judge" draw=move |area| {
                let lang = lang.get();
                let points = shown();
                let series_of = |label: String, colour: usize, f: &dyn Fn(&Judged) -> Option<f32>| Series {
                    label,
                    points: points.iter().filter_map(|(step, _, j)| Some((*step as f64, f64::from(f(j)?)))).collect(),
                    colour,
                    markers: true,
                    line: true,
                };
                let mut series = vec![
                    series_of(sure(lang), 0, &|j| Some(j.sure)),
                    series_of(t::CONFIDENCE.get(lang).into(), 1, &|j| Some(j.confidence)),
                ];
                if state.with(State::conditional) {
                    series.push(series_of(t::AGREEMENT.get(lang).into(), 2, &|j| j.agreement));
                }
                let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::SHARE_AXIS.get(lang).into(), x: 0.0..total(), y: Some(0.0..1.0), percent: true, legend: Legend::Outside, hint: t::SAMPLES_WAITING.get(lang).into() };
                curves::draw(area, &series, &axes)
            } />
            {move || shown().last().map(|(_, _, j)| {
                let lang = lang.get();
                // Digits read in at least 2% of the samples: one or two strays are not a class.
                let read = j.classes.iter().filter(|&&n| n * 50 >= j.count.max(1)).count();
                let text = fill(t::DIVERSITY.get(lang), &[&j.count, &read, &format!("{:.1}", j.inception)]);
                view! { <p class="hint" data-result="judge-diversity" data-classes=read data-inception=j.inception>{text}</p> }
            })}
            <p class="callout" data-result="recognised" data-step=move || first().map(|f| f.0)>
                {move || {
                    let lang = lang.get();
                    let share = percent(RECOGNISABLE);
                    match first() {
                        Some((step, ms, j)) => {
                            let seconds = format!("{:.0}", ms / 1000.0);
                            match j.agreement {
                                Some(_) => fill(t::RECOGNISED_COND.get(lang), &[&step, &seconds, &share]),
                                None => fill(t::RECOGNISED.get(lang), &[&step, &seconds, &share, &percent(SURE)]),
                            }
                        }
                        None if state.with(State::conditional) => fill(t::NOT_YET_COND.get(lang), &[&share]),
                        None => fill(t::NOT_YET.get(lang), &[&share, &percent(SURE)]),
                    }
                }}
            </p>
        </div>
        </Show>
    }
}

/// G's samples on the line between the inputs of two shown samples, asked again whenever the
/// ends change or a new report arrives.
#[component]
fn Interpolation(job: Job, stage: RwSignal<Stage>, state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let run = job.lane(0);
    let reports = run.memo(|l| l.judged.len());
    Effect::new(move |_| {
        let ends = state.with(|s| Some((s.from().ok()?, s.to().ok()?)));
        let _ = reports.get();
        if let (Stage::Second, Some((from, to))) = (stage.get(), ends) {
            job.send_to(0, Command::Query(Query::Interpolate { from: from - 1, to: to - 1, steps: LINE }));
        }
    });
    let images = move || if stage.get() == Stage::Second { run.with(|l| l.generated.clone()) } else { None };
    let height = tiles::height_for(&blank(LINE, ""), LINE, WIDTH);
    view! {
        <h3>{tr(t::INTERP_TITLE)}</h3>
        <p>{move || fill(t::INTERP_INTRO.get(lang.get()), &[&state.with(|s| s.from.clone()), &state.with(|s| s.to.clone()), &LINE])}</p>
        <div class="fields">
            <Field label=t::FROM name="from" value=read(state, |s| s.from.clone()) on_input=move |v| state.update(|s| s.from = v) error=read(state, |s| s.from().err()) />
            <Field label=t::TO name="to" value=read(state, |s| s.to.clone()) on_input=move |v| state.update(|s| s.to = v) error=read(state, |s| s.to().err()) />
        </div>
        <Show when=move || images().is_some() fallback=move || view! { <p class="hint">{tr(t::INTERP_WAITING)}</p> }>
        <PlotCanvas width=WIDTH height=height label="gan-interpolation" draw=move |area| {
            let Some(images) = images() else {
                return crate::plots::draw_hint(area, t::INTERP_WAITING.get(lang.get()));
            };
            let tiles: Vec<Tile> = images.into_iter().map(|values| Tile { width: 28, height: 28, values, caption: String::new() }).collect();
            tiles::draw(area, &tiles, LINE, Shade::Grey)
        } />
        </Show>
    }
}
