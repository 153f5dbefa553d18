//! 数据集该怎么运用 — Training, validation and test sets, as the note's homework, mock exam and
//! final exam: train over epochs, keep the epoch with the best validation score, reveal the
//! sealed test score once; then measure, on a holdout nobody used, how optimistic a test score
//! becomes when it is used to choose.

use engine::data::{Part, SplitSpec};
use engine::nn::Stack;
use engine::selection::{self, CandidateScore, pick};
use engine::tasks::DigitsTask;
use engine::train::{Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::{Deeper, Lead};
use crate::components::field::{Field, InputError};
use crate::components::lanes::{JobError, JobProgress, WAITING, chance_level, score_series};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Lang, fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend};
use crate::plots::scatter::{self, Marked};
use crate::training::job::{Job, Phase, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::{read, text_state, use_query_state};

mod text;

use text as t;

pub fn page() -> AnyView {
    view! { <SplitLesson /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// Digits set aside for the holdout before anything else is split.
const HOLDOUT: usize = 1000;
/// Digits left for training, validation and test.
const POOL: usize = 9000;

text_state! {
    /// A small training set over-fits within a few epochs, and a small test set is noisy enough
    /// for choosing by it to be visibly optimistic.
    struct State {
        /// Percentages of the 9,000 digits.
        train: "train" = "10" => usize: parse_int(1, 98),
        validation: "val" = "20" => usize: parse_int(1, 98),
        test: "test" = "5" => usize: parse_int(1, 98),
        epochs: "epochs" = "15" => usize: parse_int(1, 50),
    }
}

/// The split, or why the percentages do not make one.
fn spec(st: &State) -> Result<SplitSpec, SplitProblem> {
    let pct = |v: Result<usize, InputError>| v.map_err(SplitProblem::Field);
    let (tr, va, te) = (pct(st.train())?, pct(st.validation())?, pct(st.test())?);
    if tr + va + te > 100 {
        return Err(SplitProblem::Over(tr + va + te));
    }
    Ok(SplitSpec { train: POOL * tr / 100, validation: POOL * va / 100, test: POOL * te / 100, holdout: HOLDOUT })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum SplitProblem {
    Field(InputError),
    Over(usize),
}

/// A small network that trains in seconds and over-fits a small training set.
fn base(st: &State) -> Option<TrainConfig> {
    let stack = Stack::digits("flatten,dense:128,relu,dense:10").expect("a valid stack");
    Some(TrainConfig {
        optimizer: Optimizer::ADAM,
        learning_rate: 1e-3,
        batch_size: 32,
        epochs: st.epochs().ok()?,
        seed: 1,
        ..TrainConfig::digits(DigitsTask::new(stack, spec(st).ok()?))
    })
}

/// The study's candidates: four learning rates, two seeds, four epochs each.
fn study_candidates(st: &State) -> Option<Vec<TrainConfig>> {
    let base = TrainConfig { epochs: 4, ..base(st)? };
    Some(selection::candidates(&base, &[5e-4, 1e-3, 2e-3, 4e-3], &[1, 2]))
}

#[component]
fn SplitLesson() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let (homework, study) = (use_job(), use_job());
    let over = move || match state.with(spec) {
        Err(SplitProblem::Over(sum)) => Some(fill(t::OVER.get(lang.get()), &[&sum])),
        _ => None,
    };
    view! {
        <section class="lesson-intro">
            <Deeper>
                <p>{tr(t::INTRO)}</p>
                <ol class="exam-list">
                    <li><strong>{tr(t::TRAIN_NAME)}</strong>" — "{tr(t::TRAIN_ROLE)}</li>
                    <li><strong>{tr(t::VAL_NAME)}</strong>" — "{tr(t::VAL_ROLE)}</li>
                    <li><strong>{tr(t::TEST_NAME)}</strong>" — "{tr(t::TEST_ROLE)}</li>
                </ol>
            </Deeper>
        </section>
        <section class="panel controls">
            <h2>{tr(t::SPLIT_TITLE)}</h2>
            <div class="fields">
                <Field label=t::TRAIN_PCT name="train" value=read(state, |s| s.train.clone()) on_input=move |v| state.update(|s| s.train = v) error=read(state, |s| s.train().err()) hint=t::PCT_HINT />
                <Field label=t::VAL_PCT name="val" value=read(state, |s| s.validation.clone()) on_input=move |v| state.update(|s| s.validation = v) error=read(state, |s| s.validation().err()) hint=t::PCT_HINT />
                <Field label=t::TEST_PCT name="test" value=read(state, |s| s.test.clone()) on_input=move |v| state.update(|s| s.test = v) error=read(state, |s| s.test().err()) hint=t::PCT_HINT />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            {move || over().map(|m| view! { <p class="error-box" role="alert" data-result="split-error">{m}</p> })}
            <SplitBar state=state />
        </section>
        <Homework state=state job=homework />
        <Cheating state=state job=study />
        <SplitQuestions homework=homework study=study />
    }
}

/// Two predictions the student's own runs answer.
#[component]
fn SplitQuestions(homework: Job, study: Job) -> impl IntoView {
    let lang = use_lang();
    let run = homework.lane(0);
    // Part one: is the last epoch the best on validation? Known once the run has ended.
    let last_best = Signal::derive(move || {
        run.with(|r| {
            if r.phase != Phase::Finished {
                return None;
            }
            let scores: Vec<(usize, f32)> =
                r.scores.iter().filter(|s| s.part == Part::Validation).map(|s| (s.epoch, s.accuracy)).collect();
            let best = scores.iter().fold(None::<(usize, f32)>, |b, &(e, a)| match b {
                Some((_, x)) if x >= a => b,
                _ => Some((e, a)),
            })?;
            let last = scores.last()?.0;
            Some(if best.0 == last { "yes" } else { "no" }.to_string())
        })
    });
    // Part two: does the pick by test score do worse on the fresh exam than its test score said?
    let candidates = study.lane(0);
    let optimistic = Signal::derive(move || {
        candidates.with(|r| {
            let p = pick(&r.candidates, Part::Test)?;
            (r.candidates.len() == 32).then(|| if p.holdout < p.test { "lower" } else { "not-lower" }.to_string())
        })
    });
    view! {
        <Questions>
            <Question id="split/1" prompt=Signal::derive(move || t::Q1.get(lang.get()).to_string())
                kind=Kind::Choice(vec![("yes", t::Q1_YES), ("no", t::Q1_NO)])
                answer=last_best hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) pending=t::Q1_PENDING />
            <Question id="split/2" prompt=Signal::derive(move || t::Q2.get(lang.get()).to_string())
                kind=Kind::Choice(vec![("lower", t::Q2_LOWER), ("not-lower", t::Q2_NOT_LOWER)])
                answer=optimistic hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING />
        </Questions>
    }
}

/// The 10,000 digits as one bar: training, validation, test, unused, holdout.
#[component]
fn SplitBar(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = state.with(spec).ok()?;
        let lang = lang.get();
        let unused = POOL - s.train - s.validation - s.test;
        let part = |n: usize, class: &'static str, name: &'static str| {
            (n > 0).then(|| {
                view! { <div class=format!("split-part {class}") style:flex-grow=n.to_string() title=format!("{name} {n}")><span>{format!("{name} {n}")}</span></div> }
            })
        };
        Some(view! {
            <div class="split-bar" data-result="split-bar" data-figure="split">
                {part(s.train, "sp-train", t::TRAIN_NAME.get(lang))}
                {part(s.validation, "sp-val", t::VAL_NAME.get(lang))}
                {part(s.test, "sp-test", t::TEST_NAME.get(lang))}
                {part(unused, "sp-unused", t::UNUSED.get(lang))}
                {part(HOLDOUT, "sp-holdout", t::HOLDOUT_NAME.get(lang))}
            </div>
        })
    }
}

/// Part one: train, choose by validation, reveal the test score once.
#[component]
fn Homework(state: RwSignal<State>, job: Job) -> impl IntoView {
    let run = job.lane(0);
    // A memo: the sealed box is rebuilt when the test score arrives, not on every report.
    let revealed = run.memo(|r| r.best.clone());
    let lang = use_lang();
    let spec = |config: TrainConfig, play: bool| JobSpec::Train {
        configs: vec![config],
        play,
        eval_every: 0,
        parts: vec![Part::Train],
        keep_best: true,
    };
    // Before anything trains, the run is started paused: the chart shows the untrained
    // network's scores (epoch 0), where training starts from, and ▶ only has to play it.
    let previewed = StoredValue::new(None::<TrainConfig>);
    let is_preview = move || run.with(|r| r.phase == Phase::Paused && r.steps_done == 0);
    Effect::new(move |_| {
        let (Some(config), true) = (state.with(base), job.ready()) else { return };
        let fresh = run.phase() == Phase::Idle || is_preview();
        if fresh && !job.fatal() && previewed.with_value(|p| p.as_ref() != Some(&config)) {
            previewed.set_value(Some(config.clone()));
            job.start(spec(config, false));
        }
    });
    let start = move |_| {
        let Some(config) = state.with_untracked(base) else { return };
        if untrack(is_preview) && previewed.with_value(|p| p.as_ref() == Some(&config)) {
            job.send(Command::Play);
        } else {
            previewed.set_value(Some(config.clone()));
            job.start(spec(config, true));
        }
    };
    let pause = move |_| job.send(if run.phase_untracked() == Phase::Running { Command::Pause } else { Command::Play });
    let reveal = move |_| job.send(Command::EvaluateBest(Part::Test));
    let best = move || {
        run.with(|r| {
            // Epoch 0 is the untrained network: nothing to keep.
            r.scores.iter().filter(|s| s.part == Part::Validation && s.epoch > 0).fold(None::<(usize, f32)>, |b, s| {
                match b {
                    Some((_, a)) if a >= s.accuracy => b,
                    _ => Some((s.epoch, s.accuracy)),
                }
            })
        })
    };
    let epochs = move || state.with(|s| s.epochs().unwrap_or(1)) as f64;
    let can_reveal = move || best().is_some() && run.phase() != Phase::Running;
    view! {
        <section class="panel">
            <h2>{tr(t::PART_ONE)}</h2>
            <Lead text=tr(t::PART_ONE_INTRO) />
            <div class="row">
                <button class="btn primary" data-action="train" disabled=move || state.with(base).is_none() on:click=start>{tr(t::TRAIN)}</button>
                <button class="btn" data-action="pause" disabled=move || !matches!(run.phase(), Phase::Running | Phase::Paused) || is_preview() on:click=pause>
                    {move || if run.phase() == Phase::Running { tr(t::PAUSE)() } else { tr(t::RESUME)() }}
                </button>
                <span class="status" data-result="status">{move || status(lang.get(), job)}</span>
            </div>
            <JobProgress job=job />
            <JobError job=job />
            <PlotCanvas width=720 height=300 label="split-curves" draw=move |area| {
                let lang = lang.get();
                let series = vec![
                    score_series(&run, Part::Train, t::TRAIN_ACC.get(lang).into(), 0, false),
                    score_series(&run, Part::Validation, t::VAL_ACC.get(lang).into(), 1, false),
                    chance_level(10, 0.0..epochs(), lang),
                ];
                let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::ACC_AXIS.get(lang).into(), x: 0.0..epochs(), y: None, percent: true, legend: Legend::LowerRight, hint: WAITING.get(lang).into() };
                curves::draw(area, &series, &axes)
            } />
            <div class="two-col">
                <div class="result-card" data-result="best">
                    <h3>{tr(t::BEST)}</h3>
                    {move || match best() {
                        Some((epoch, acc)) => fill(t::BEST_IS.get(lang.get()), &[&epoch, &format!("{:.1}", acc * 100.0)]),
                        None => t::BEST_NONE.get(lang.get()).into(),
                    }}
                </div>
                <div class="result-card sealed" data-result="sealed">
                    <h3>{tr(t::SEALED)}</h3>
                    {move || match revealed.get() {
                        Some((epoch, e)) => view! {
                            <p class="big-answer" data-result="test-score">{percent(e.accuracy)}</p>
                            <p>{fill(t::REVEALED.get(lang.get()), &[&epoch, &e.count])}</p>
                            <Lead text=tr(t::ONCE) class="hint" />
                        }.into_any(),
                        None => view! {
                            <p class="big-answer sealed-mark">{tr(t::SEALED_MARK)}</p>
                            <button class="btn" data-action="reveal" disabled=move || !can_reveal() on:click=reveal>{tr(t::REVEAL)}</button>
                        }.into_any(),
                    }}
                </div>
            </div>
        </section>
    }
}

fn status(lang: Lang, job: Job) -> String {
    let run = job.lane(0);
    match run.phase() {
        Phase::Idle if !job.ready() => t::LOADING.get(lang).into(),
        Phase::Idle => String::new(),
        Phase::Running => fill(t::RUNNING.get(lang), &[&run.with(|r| r.epoch)]),
        Phase::Paused if run.with(|r| r.steps_done == 0) => t::PREVIEW.get(lang).into(),
        Phase::Paused => t::PAUSED.get(lang).into(),
        Phase::Finished => t::DONE.get(lang).into(),
        Phase::Diverged(step) => fill(t::DIVERGED.get(lang), &[&step]),
    }
}

/// Part two: many candidates, chosen by test score or by validation score, judged on a holdout.
#[component]
fn Cheating(state: RwSignal<State>, job: Job) -> impl IntoView {
    let run = job.lane(0);
    let lang = use_lang();
    let start = move |_| {
        let Some(candidates) = state.with_untracked(study_candidates) else { return };
        job.start(JobSpec::Study { candidates, play: true });
    };
    let picks = move || {
        run.with(|r| {
            Some((pick(&r.candidates, Part::Test)?, pick(&r.candidates, Part::Validation)?, r.candidates.len()))
        })
    };
    let card = move |p: CandidateScore, by_test: bool| {
        let lang = lang.get();
        let title = if by_test { t::BY_TEST } else { t::BY_VAL };
        let body = if by_test {
            fill(t::BY_TEST_IS.get(lang), &[&percent(p.test), &percent(p.holdout), &gap(lang, p.test - p.holdout)])
        } else {
            fill(t::BY_VAL_IS.get(lang), &[&percent(p.validation), &percent(p.test), &percent(p.holdout)])
        };
        view! {
            <div class="result-card" data-result=if by_test { "by-test" } else { "by-val" }>
                <h3>{title.get(lang)}</h3>
                <p>{fill(t::CANDIDATE.get(lang), &[&(p.run + 1), &p.epoch, &p.learning_rate])}</p>
                <p>{body}</p>
            </div>
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::PART_TWO)}</h2>
            <Lead text=tr(t::PART_TWO_INTRO) />
            <div class="row">
                <button class="btn primary" data-action="study" disabled=move || state.with(base).is_none() || run.phase() == Phase::Running on:click=start>{tr(t::RUN_STUDY)}</button>
                <span class="status" data-result="study-status">{move || fill(t::STUDY_PROGRESS.get(lang.get()), &[&run.with(|r| r.candidates.len()), &32])}</span>
            </div>
            <JobProgress job=job />
            <JobError job=job />
            {move || picks().map(|(by_test, by_val, n)| {
                let optimism = (by_test.test - by_test.holdout) * 100.0;
                view! {
                    <div class="two-col">
                        {card(by_test, true)}
                        {card(by_val, false)}
                    </div>
                    <p class="callout" data-result="optimism">{move || {
                        let lang = lang.get();
                        let template = if optimism >= 0.0 { t::OPTIMISM } else { t::PESSIMISM };
                        fill(template.get(lang), &[&n, &format!("{:.1}", optimism.abs())])
                    }}</p>
                }
            })}
            <PlotCanvas width=520 height=420 label="selection-scatter" draw=move |area| {
                let lang = lang.get();
                let points: Vec<(f64, f64)> = run.with(|r| r.candidates.iter().map(|s| (f64::from(s.test), f64::from(s.holdout))).collect());
                let mut marked = vec![];
                if let Some((bt, bv, _)) = picks() {
                    marked.push(Marked { at: (f64::from(bt.test), f64::from(bt.holdout)), label: t::MARK_TEST.get(lang).into(), colour: 5, offset: (10, 8) });
                    marked.push(Marked { at: (f64::from(bv.test), f64::from(bv.holdout)), label: t::MARK_VAL.get(lang).into(), colour: 2, offset: (-110, -24) });
                }
                let lo = points.iter().map(|p| p.0.min(p.1)).fold(1.0f64, f64::min);
                let range = ((lo - 0.02).clamp(0.0, 0.9))..1.0;
                scatter::draw(area, &points, &marked, range, (t::TEST_AXIS.get(lang), t::HOLDOUT_AXIS.get(lang)))
            } />
            <Deeper><p class="hint">{tr(t::SCATTER_HINT)}</p></Deeper>
        </section>
    }
}

/// How far a claimed score lies from the real one, in words that read right either way.
fn gap(lang: Lang, claimed_minus_real: f32) -> String {
    let points = format!("{:.1}", (claimed_minus_real * 100.0).abs());
    match claimed_minus_real {
        d if d > 0.0 => fill(t::OVERSTATED.get(lang), &[&points]),
        d if d < 0.0 => fill(t::UNDERSTATED.get(lang), &[&points]),
        _ => t::EXACT.get(lang).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_make_a_split_with_a_fixed_holdout() {
        let s = spec(&State::default()).unwrap();
        assert_eq!((s.train, s.validation, s.test, s.holdout), (900, 1800, 450, 1000));
        let over = State { train: "80".into(), validation: "20".into(), test: "10".into(), ..State::default() };
        assert_eq!(spec(&over), Err(SplitProblem::Over(110)));
        let bad = State { test: "0".into(), ..State::default() };
        assert!(matches!(spec(&bad), Err(SplitProblem::Field(InputError::TooSmall(_)))));
        assert_eq!(study_candidates(&State::default()).unwrap().len(), 8);
    }
}
