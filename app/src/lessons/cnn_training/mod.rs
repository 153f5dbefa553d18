//! 训练一个卷积神经网络 — Training a CNN: the note's network (or the architecture lesson's stack)
//! trained on real digits in a Web Worker, with live curves, speed, what the network learned,
//! and a pad to draw digits on.

use engine::data::{Part, SplitSpec};
use engine::nn::Stack;
use engine::tasks::DigitsTask;
use engine::train::{ConfigError, Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::{Deeper, MoreSettings};
use crate::components::field::{Choice, Field};
use crate::components::lanes::JobError;
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{Job, Lane, Phase, Score, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::{encode, read, text_state, use_query_state};
use crate::vocabulary::config_error;

mod learned;
mod model_file;
mod text;

use learned::Learned;
use model_file::ModelFile;
use text as t;

pub fn page() -> AnyView {
    view! { <CnnTraining /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

text_state! {
    /// What the student can change, as typed.
    struct State {
        /// "note", "stack" (the `layers` from the architecture lesson) or "mlp".
        model: "model" = "note",
        layers: "layers" = Stack::note_cnn().layers_text(),
        optimizer: "opt" = "adam",
        lr: "lr" = "0.001" => f64: parse_positive(10.0),
        batch: "batch" = "32" => usize: parse_int(1, 1024),
        epochs: "epochs" = "3" => usize: parse_int(1, 100),
        seed: "seed" = "1" => u64: parse_int(0, u32::MAX as usize),
        digit: "d" = "2130" => usize: parse_int(0, 9999),
    }
}

const MLP: &str = "flatten,dense:128,relu,dense:10";

/// The digits task the chosen model stands for, or why it cannot be trained.
fn task(st: &State) -> Result<DigitsTask, ConfigError> {
    let layers = match st.model.as_str() {
        "stack" => st.layers.as_str(),
        "mlp" => MLP,
        _ => engine::nn::NOTE_CNN,
    };
    let task = DigitsTask::new(Stack::digits(layers).map_err(ConfigError::Stack)?, SplitSpec::default());
    task.check()?;
    Ok(task)
}

/// Chooses the model that stands for `stack` (the inverse of [`task`]): the note's CNN, the
/// dense comparison, or the stack itself.
fn choose_stack(st: &mut State, stack: &Stack) {
    if *stack == Stack::note_cnn() {
        st.model = "note".into();
    } else if Stack::digits(MLP).is_ok_and(|mlp| mlp == *stack) {
        st.model = "mlp".into();
    } else {
        st.model = "stack".into();
        st.layers = stack.layers_text();
    }
}

fn optimizer(st: &State) -> Optimizer {
    Optimizer::from_key(&st.optimizer).unwrap_or(Optimizer::Adam { beta1: 0.9, beta2: 0.999 })
}

/// The run the controls describe, when they all read.
fn config(st: &State) -> Option<TrainConfig> {
    Some(TrainConfig {
        optimizer: optimizer(st),
        learning_rate: st.lr().ok()?,
        batch_size: st.batch().ok()?,
        epochs: st.epochs().ok()?,
        seed: st.seed().ok()?,
        ..TrainConfig::digits(task(st).ok()?)
    })
}

/// How often the validation part is scored while training.
const EVAL_EVERY: usize = 50;

#[component]
fn CnnTraining() -> impl IntoView {
    let state = use_query_state::<State>();
    let job = use_job();
    let run = job.lane(0);
    // The configuration of the run this page started, to tell which changes need a reset.
    let running = RwSignal::new(None::<TrainConfig>);
    // Counts settings changes and starts: a preview waiting to be built is dropped when either
    // comes after it (a student who presses ▶ at once is not sent back to a paused preview).
    let changes = StoredValue::new(0u64);
    let start = move |play: bool| {
        let Some(config) = state.with_untracked(config) else { return };
        changes.update_value(|c| *c += 1);
        running.set(Some(config.clone()));
        job.start(JobSpec::Train {
            configs: vec![config],
            play,
            eval_every: EVAL_EVERY,
            // The test digits are the final exam: scored once, when the student asks.
            parts: vec![],
            keep_best: false,
        });
    };
    let controls = Controls { state, job, running, start: Callback::new(start) };
    // Before anything trains, the run is built paused: the dashboard shows the untrained
    // network's accuracy and parameters, the kernels their first draw. A new network or seed
    // builds it again once the settings rest a moment.
    Effect::new(move |_| {
        let (Some(cfg), true) = (state.with(config), job.ready()) else { return };
        let fresh = run.with(|r| r.phase == Phase::Idle || (r.phase == Phase::Paused && r.steps_done == 0));
        let same = running.with_untracked(|r| r.as_ref().is_some_and(|r| r.task == cfg.task && r.seed == cfg.seed));
        // A run just started with these very settings (▶, or a loaded model file) is not
        // replaced by a preview, even before the worker has reported it.
        let started = running.with_untracked(|r| r.as_ref() == Some(&cfg));
        if !fresh || job.fatal() || started || (same && run.with_untracked(|r| r.phase != Phase::Idle)) {
            return;
        }
        changes.update_value(|c| *c += 1);
        let this = changes.get_value();
        set_timeout(
            move || {
                // A worker that died meanwhile keeps its error (and its restart button).
                if changes.try_get_value() == Some(this)
                    && !untrack(move || job.fatal())
                    && run.with_untracked(|r| r.steps_done == 0 && !r.phase.ended())
                {
                    start(false);
                }
            },
            std::time::Duration::from_millis(400),
        );
    });
    // Learning rate, batch size, optimizer and epochs apply to a run in progress at once.
    Effect::new(move |_| {
        let Some(cfg) = state.with(config) else { return };
        let Some(current) = running.get_untracked() else { return };
        if cfg.learning_rate != current.learning_rate {
            job.send(Command::SetLearningRate(cfg.learning_rate));
        }
        if cfg.batch_size != current.batch_size {
            job.send(Command::SetBatchSize(cfg.batch_size));
        }
        if cfg.optimizer != current.optimizer {
            job.send(Command::SetOptimizer(cfg.optimizer));
        }
        if cfg.epochs != current.epochs {
            job.send(Command::SetEpochs(cfg.epochs));
        }
        running.set(Some(TrainConfig {
            learning_rate: cfg.learning_rate,
            batch_size: cfg.batch_size,
            optimizer: cfg.optimizer,
            epochs: cfg.epochs,
            ..current
        }));
    });
    view! {
        // The run and its curves first (drawn from the untrained network's first evaluation),
        // the settings under them.
        <Dashboard c=controls />
        <Charts run=run />
        <ControlPanel c=controls />
        <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
        <Learned state=state run=run job=job />
        <ModelFile state=state run=run job=job start=controls.start />
        <TrainingQuestions state=state run=run />
    }
}

/// Whether the run passes an accuracy, answered by the student's own run; and the network's
/// parameter count, answered by the engine.
#[component]
fn TrainingQuestions(state: RwSignal<State>, run: Lane) -> impl IntoView {
    let lang = use_lang();
    let settings = Signal::derive(move || {
        state.with(|s| {
            format!("{} {} lr {} batch {} × {} seed {}", s.model, s.optimizer, s.lr, s.batch, s.epochs, s.seed)
        })
    });
    let passes = Signal::derive(move || {
        run.with(|r| {
            (r.phase == Phase::Finished)
                .then(|| r.latest_score(Part::Validation))
                .flatten()
                .map(|s| if s.accuracy >= PASS { "yes" } else { "no" }.to_string())
        })
    });
    let params = Signal::derive(move || state.with(|s| task(s).ok()?.stack.params().ok()).map(|p| p.to_string()));
    view! {
        <Questions>
            <Question id="cnn-training/1" prompt=Signal::derive(move || fill(t::Q1.get(lang.get()), &[&percent(PASS)]))
                kind=Kind::Choice(vec![("yes", t::Q1_YES), ("no", t::Q1_NO)]) answer=passes hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) pending=t::Q1_PENDING about=settings />
            <Question id="cnn-training/2" prompt=Signal::derive(move || t::Q2.get(lang.get()).to_string())
                kind=Kind::Number { tolerance: 0.0 } answer=params hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) about=settings />
        </Questions>
    }
}

/// The held-out accuracy the first question asks about.
const PASS: f32 = 0.95;

/// What the control components share.
#[derive(Clone, Copy)]
struct Controls {
    state: RwSignal<State>,
    job: Job,
    running: RwSignal<Option<TrainConfig>>,
    start: Callback<bool>,
}

#[component]
fn ControlPanel(c: Controls) -> impl IntoView {
    let Controls { state, running, .. } = c;
    let lang = use_lang();
    let needs_reset = move || {
        let (Some(cfg), Some(cur)) = (state.with(config), running.get()) else { return false };
        cfg.task != cur.task || cfg.seed != cur.seed
    };
    let model_error = move || state.with(|s| task(s).err());
    view! {
        <section class="panel controls">
            <div class="fields">
                <Choice
                    label=t::MODEL
                    name="model"
                    options=vec![("note", t::MODEL_NOTE), ("stack", t::MODEL_STACK), ("mlp", t::MODEL_MLP)]
                    value=read(state, |s| s.model.clone())
                    on_change=move |v| state.update(|s| s.model = v)
                />
                <Choice
                    label=t::OPTIMIZER
                    name="opt"
                    options=vec![("sgd", t::SGD), ("momentum", t::MOMENTUM), ("adam", t::ADAM), ("rmsprop", t::RMSPROP)]
                    value=read(state, |s| s.optimizer.clone())
                    on_change=move |v| state.update(|s| s.optimizer = v)
                />
                <Field label=t::LR name="lr" value=read(state, |s| s.lr.clone()) on_input=move |v| state.update(|s| s.lr = v) error=read(state, |s| s.lr().err()) />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <MoreSettings>
                <Field label=t::BATCH name="batch" value=read(state, |s| s.batch.clone()) on_input=move |v| state.update(|s| s.batch = v) error=read(state, |s| s.batch().err()) />
                <Field label=t::SEED name="seed" value=read(state, |s| s.seed.clone()) on_input=move |v| state.update(|s| s.seed = v) error=read(state, |s| s.seed().err()) />
            </MoreSettings>
            <Deeper><p class="hint">{tr(t::OPTIMIZER_LINK)}" "<a href="/lessons/optimizers">{tr(t::OPTIMIZER_LESSON)}</a></p></Deeper>
            {move || model_error().map(|e| view! { <p class="error-box" role="alert" data-result="model-error">{tr(t::MODEL_BAD)}" "{move || config_error(lang.get(), &e)}</p> })}
            {move || (state.with(|s| s.model == "stack")).then(|| {
                let query = [("h", "28".into()), ("w", "28".into()), ("c", "1".into()), ("layers", state.with(|s| s.layers.clone()))];
                let href = format!("/lessons/architecture?{}", encode(&query));
                view! { <p class="hint">{move || fill(t::STACK_IS.get(lang.get()), &[&state.with(|s| s.layers.clone())])}" "<a href=href>{tr(t::EDIT_STACK)}</a></p> }
            })}
            <Show when=needs_reset>
                <p class="hint warning-text" data-result="needs-reset">{tr(t::NEEDS_RESET)}</p>
            </Show>
        </section>
    }
}

#[component]
fn Dashboard(c: Controls) -> impl IntoView {
    let Controls { state, job, start, running } = c;
    let run = job.lane(0);
    let lang = use_lang();
    // A dead worker (see the error box) cannot train until it is restarted.
    let can_start = move || state.with(config).is_some() && !job.fatal();
    let play = move |_| match run.phase_untracked() {
        Phase::Running => job.send(Command::Pause),
        Phase::Paused => job.send(Command::Play),
        Phase::Idle | Phase::Finished | Phase::Diverged(_) => start.run(true),
    };
    let step = move |_| match run.phase_untracked() {
        Phase::Paused => job.send(Command::Step(1)),
        Phase::Running => job.send(Command::Pause),
        _ => {
            start.run(false);
            job.send(Command::Step(1));
        }
    };
    let reset = move |_| {
        // After a reset the settings are previewed again.
        running.set(None);
        job.reset();
    };
    let play_label = move || match run.phase() {
        Phase::Running => t::PAUSE,
        Phase::Paused if run.with(|r| r.steps_done == 0) => t::TRAIN,
        Phase::Paused => t::RESUME,
        Phase::Finished | Phase::Diverged(_) => t::AGAIN,
        Phase::Idle => t::TRAIN,
    };
    let remaining = move || run.with(|r| r.seconds_left());
    let heldout = move || run.with(|r| r.latest_score(Part::Validation));
    // A memo: the reports arrive many times a second, and the box must not be rebuilt each time.
    let test = run.memo(|r| r.latest_score(Part::Test));
    let test = move || test.get();
    let fraction = move || run.with(|r| r.fraction());
    let status = move || {
        let lang = lang.get();
        match run.phase() {
            Phase::Idle if !job.ready() => t::LOADING_WORKER.get(lang).to_string(),
            Phase::Idle => t::IDLE.get(lang).to_string(),
            Phase::Running => t::RUNNING.get(lang).to_string(),
            Phase::Paused if run.with(|r| r.steps_done == 0) => t::IDLE.get(lang).to_string(),
            Phase::Paused => t::PAUSED.get(lang).to_string(),
            Phase::Finished => t::FINISHED.get(lang).to_string(),
            Phase::Diverged(step) => fill(t::DIVERGED.get(lang), &[&step]),
        }
    };
    view! {
        <section class="panel dashboard">
            <div class="row">
                <button class="btn primary big" data-action="train" disabled=move || !can_start() on:click=play>{move || tr(play_label())()}</button>
                <button class="btn" data-action="step" disabled=move || !can_start() on:click=step>{tr(t::STEP)}</button>
                <button class="btn" data-action="reset" on:click=reset>{tr(t::RESET)}</button>
                <span class="status" data-result="status" class:diverged=move || matches!(run.phase(), Phase::Diverged(_))>{status}</span>
            </div>
            <div class="progress" role="progressbar" aria-label=move || t::PROGRESS.get(lang.get()) aria-valuemin="0" aria-valuemax="100" aria-valuenow=move || format!("{:.0}", fraction() * 100.0)>
                <div class="progress-fill" style:width=move || format!("{:.1}%", fraction() * 100.0)></div>
            </div>
            <div class="stats">
                <div class="stat">
                    <span class="stat-label">{tr(t::HELDOUT)}</span>
                    <span class="stat-value big" data-result="heldout">{move || heldout().map_or("—".into(), |s| percent(s.accuracy))}</span>
                </div>
                <div class="stat sealed" data-result="sealed">
                    <span class="stat-label">{tr(t::TEST_ACC)}</span>
                    {move || match test() {
                        Some(s) => view! {
                            <span class="stat-value" data-result="test">{percent(s.accuracy)}</span>
                            <span class="stat-sub">{move || fill(t::REVEALED_AT.get(lang.get()), &[&s.steps_done])}</span>
                        }.into_any(),
                        None => view! {
                            <span class="stat-value sealed-mark" title=move || t::SEALED.get(lang.get())>{tr(t::SEALED_MARK)}</span>
                            <button class="btn small" data-action="reveal" disabled=move || run.phase() != Phase::Finished on:click=move |_| job.send(Command::Evaluate(Part::Test))>{tr(t::REVEAL)}</button>
                        }.into_any(),
                    }}
                </div>
                <div class="stat">
                    <span class="stat-label">{tr(t::PROGRESS)}</span>
                    <span class="stat-value" data-result="steps">{move || run.with(|r| format!("{} / {}", r.steps_done, r.total_steps))}</span>
                    <span class="stat-sub">{move || fill(t::EPOCH_N.get(lang.get()), &[&run.with(|r| r.epoch)])}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{tr(t::SPEED)}</span>
                    <span class="stat-value" data-result="speed">{move || format!("{:.0}", run.with(|r| r.speed.0))}</span>
                    <span class="stat-sub">{move || fill(t::MS_STEP.get(lang.get()), &[&format!("{:.1}", run.with(|r| r.speed.1))])}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{tr(t::TIME)}</span>
                    <span class="stat-value" data-result="elapsed">{move || format!("{:.1} s", run.with(|r| r.elapsed_ms) / 1000.0)}</span>
                    <span class="stat-sub">{move || remaining().map(|r| fill(t::REMAINING.get(lang.get()), &[&format!("{r:.0}")]))}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{tr(t::PARAMS)}</span>
                    <span class="stat-value" data-result="params">{move || {
                        // Known from the network before any run: its stack fixes it.
                        let planned = state.with(|s| task(s).ok().and_then(|t| t.stack.params().ok()));
                        run.with(|r| if r.params > 0 { Some(r.params) } else { planned }).map_or("—".into(), |p| p.to_string())
                    }}</span>
                </div>
            </div>
            <JobError job=job />
            <Show when=move || matches!(run.phase(), Phase::Diverged(_))>
                <p class="warning" data-result="diverged">{tr(t::DIVERGED_HELP)}</p>
            </Show>
        </section>
    }
}

#[component]
fn Charts(run: Lane) -> impl IntoView {
    let lang = use_lang();
    let x_range = move || 0.0..(run.with(|r| r.total_steps).max(1) as f64);
    let score_points = move |part: Part, pick: fn(&Score) -> f32| {
        run.with(|r| {
            r.scores
                .iter()
                .filter(|s| s.part == part)
                .map(|s| (s.steps_done as f64, f64::from(pick(s))))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="panel charts">
            <div class="chart">
                <h3>{tr(t::LOSS_CHART)}</h3>
                <PlotCanvas width=560 height=300 label="loss-curve" draw=move |area| {
                    let lang = lang.get();
                    let series = vec![
                        Series { label: t::TRAIN_LOSS.get(lang).into(), points: run.with(|r| curves::smoothed_steps(&r.losses, 0.1)), colour: 0, markers: false, line: true },
                        Series { label: t::VAL_LOSS.get(lang).into(), points: score_points(Part::Validation, |s| s.loss), colour: 1, markers: true, line: true },
                    ];
                    let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::LOSS_AXIS.get(lang).into(), x: x_range(), y: None, percent: false, legend: Legend::UpperRight, hint: fill(t::LOSS_HINT.get(lang), &[&EVAL_EVERY]) };
                    curves::draw(area, &series, &axes)
                } />
            </div>
            <div class="chart">
                <h3>{tr(t::ACC_CHART)}</h3>
                <PlotCanvas width=560 height=300 label="accuracy-curve" draw=move |area| {
                    let lang = lang.get();
                    let series = vec![
                        Series { label: t::TRAIN_ACC.get(lang).into(), points: run.with(|r| curves::smoothed_steps(&r.accuracies, 0.1)), colour: 0, markers: false, line: true },
                        Series { label: t::VAL_ACC.get(lang).into(), points: score_points(Part::Validation, |s| s.accuracy), colour: 1, markers: true, line: true },
                    ];
                    let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::ACC_AXIS.get(lang).into(), x: x_range(), y: Some(0.0..1.0), percent: true, legend: Legend::LowerRight, hint: t::ACC_HINT.get(lang).into() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{Query, QueryState};

    #[test]
    fn the_defaults_are_the_notes_cnn_with_adam() {
        let c = config(&State::default()).unwrap();
        assert_eq!(c.digits_task().unwrap().stack, Stack::note_cnn());
        assert_eq!(c.learning_rate, 0.001);
        assert_eq!(c.batch_size, 32);
    }

    #[test]
    fn bad_inputs_are_named_per_field() {
        use crate::components::field::InputError;
        let bad = State { batch: "0".into(), lr: "0".into(), epochs: "x".into(), ..State::default() };
        assert_eq!(bad.batch(), Err(InputError::TooSmall(1.0)));
        assert_eq!(bad.lr(), Err(InputError::NotPositive));
        assert_eq!(bad.epochs(), Err(InputError::NotANumber));
        assert!(config(&bad).is_none());
        let nan = State { lr: "NaN".into(), ..State::default() };
        assert_eq!(nan.lr(), Err(InputError::NotANumber));
        let not_digits = State { model: "stack".into(), layers: "conv:8:3,flatten,dense:5".into(), ..State::default() };
        assert!(matches!(task(&not_digits), Err(ConfigError::Output { .. })));
        let mlp = State { model: "mlp".into(), ..State::default() };
        assert_eq!(config(&mlp).unwrap().digits_task().unwrap().stack.layers.len(), 4);
    }

    #[test]
    fn choosing_a_stack_is_the_inverse_of_task() {
        for layers in [engine::nn::NOTE_CNN, MLP, "conv:8:3,relu,pool:2,flatten,dense:10"] {
            let stack = Stack::digits(layers).unwrap();
            let mut st = State::default();
            choose_stack(&mut st, &stack);
            assert_eq!(task(&st).unwrap().stack, stack, "{layers}");
        }
    }

    #[test]
    fn query_round_trips() {
        let st = State { lr: "0.05".into(), model: "stack".into(), ..State::default() };
        let q = st.to_query();
        assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
    }
}
