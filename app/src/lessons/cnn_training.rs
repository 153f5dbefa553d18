//! 训练一个卷积神经网络 — Training a CNN: the note's network (or the architecture lesson's stack)
//! trained on real digits in a Web Worker, with live curves, speed, what the network learned,
//! and a pad to draw digits on.

use engine::backend::Backend;
use engine::data::{Part, SplitSpec};
use engine::mnist::Mnist;
use engine::nn::Stack;
use engine::tasks::{DigitsTask, Query};
use engine::train::{ConfigError, Evaluation, Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::draw_pad::DrawPad;
use crate::components::field::{Choice, Field};
use crate::components::lanes::JobError;
use crate::components::plot::PlotCanvas;
use crate::data::{DigitCaption, use_digits};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::confusion;
use crate::plots::curves::{self, Axes, Series};
use crate::plots::tiles::{self, Shade, Tile};
use crate::training::job::{Job, Lane, Phase, Score, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::{encode, read, text_state, use_query_state};
use crate::vocabulary::config_error;

pub fn page() -> AnyView {
    view! { <CnnTraining /> }.into_any()
}

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
        backend: "backend" = Backend::Flex.key(),
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
        backend: Backend::from_key(&st.backend).unwrap_or_default(),
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
    let start = move |play: bool| {
        let Some(config) = state.with_untracked(config) else { return };
        running.set(Some(config.clone()));
        job.start(JobSpec::Train {
            configs: vec![config],
            play,
            eval_every: EVAL_EVERY,
            parts: vec![Part::Test],
            keep_best: false,
        });
    };
    let controls = Controls { state, job, running, start: Callback::new(start) };
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
        <section class="lesson-intro">
            <p>{tr(t::INTRO)}</p>
        </section>
        <ControlPanel c=controls />
        <Dashboard c=controls />
        <Charts run=run />
        <Learned state=state run=run job=job />
    }
}

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
    let Controls { state, job, running, .. } = c;
    let lang = use_lang();
    let needs_reset = move || {
        let (Some(cfg), Some(cur)) = (state.with(config), running.get()) else { return false };
        cfg.task != cur.task || cfg.seed != cur.seed || cfg.backend != cur.backend
    };
    let model_error = move || state.with(|s| task(s).err());
    let backend_options = move || {
        let available = job.with(|s| s.backends.clone());
        Backend::ALL
            .into_iter()
            .map(|b| {
                let on = available.contains(&b);
                let label = match (b, on) {
                    (Backend::Flex, _) => "flex".to_string(),
                    (Backend::NdArray, true) => "ndarray".to_string(),
                    (Backend::NdArray, false) => format!("ndarray ({})", t::NOT_BUILT.get(lang.get())),
                };
                view! { <option value=b.key() disabled=!on selected=move || state.with(|s| s.backend == b.key())>{label}</option> }
            })
            .collect_view()
    };
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
                <Field label=t::BATCH name="batch" value=read(state, |s| s.batch.clone()) on_input=move |v| state.update(|s| s.batch = v) error=read(state, |s| s.batch().err()) />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
                <Field label=t::SEED name="seed" value=read(state, |s| s.seed.clone()) on_input=move |v| state.update(|s| s.seed = v) error=read(state, |s| s.seed().err()) />
                <div class="field">
                    <label for="field-backend">{tr(t::BACKEND)}</label>
                    <select id="field-backend" name="backend" on:change=move |ev| state.update(|s| s.backend = event_target_value(&ev))>
                        {backend_options}
                    </select>
                </div>
            </div>
            {move || model_error().map(|e| view! { <p class="error-box" role="alert" data-result="model-error">{tr(t::MODEL_BAD)}" "{move || config_error(lang.get(), &e)}</p> })}
            {move || (state.with(|s| s.model == "stack")).then(|| {
                let query = [("h", "28".into()), ("w", "28".into()), ("c", "1".into()), ("layers", state.with(|s| s.layers.clone()))];
                let href = format!("/lessons/architecture?{}", encode(&query));
                view! { <p class="hint">{move || fill(t::STACK_IS.get(lang.get()), &[&state.with(|s| s.layers.clone())])}" "<a href=href>{tr(t::EDIT_STACK)}</a></p> }
            })}
            <Show when=needs_reset>
                <p class="hint warning-text" data-result="needs-reset">{tr(t::NEEDS_RESET)}</p>
            </Show>
            <p class="hint">{tr(t::BACKEND_NOTE)}</p>
        </section>
    }
}

#[component]
fn Dashboard(c: Controls) -> impl IntoView {
    let Controls { state, job, start, .. } = c;
    let run = job.lane(0);
    let lang = use_lang();
    let can_start = move || state.with(config).is_some();
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
    let reset = move |_| job.reset();
    let play_label = move || match run.phase() {
        Phase::Running => t::PAUSE,
        Phase::Paused => t::RESUME,
        Phase::Finished | Phase::Diverged(_) => t::AGAIN,
        Phase::Idle => t::TRAIN,
    };
    let remaining = move || run.with(|r| r.seconds_left());
    let heldout = move || run.with(|r| r.latest_score(Part::Validation));
    let test = move || run.with(|r| r.latest_score(Part::Test));
    let fraction = move || run.with(|r| r.fraction());
    let status = move || {
        let lang = lang.get();
        match run.phase() {
            Phase::Idle if !job.ready() => t::LOADING_WORKER.get(lang).to_string(),
            Phase::Idle => t::IDLE.get(lang).to_string(),
            Phase::Running => t::RUNNING.get(lang).to_string(),
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
                    <span class="stat-value big" data-result="heldout">{move || heldout().map_or("—".into(), |s| format!("{:.1}%", s.accuracy * 100.0))}</span>
                </div>
                <div class="stat">
                    <span class="stat-label">{tr(t::TEST_ACC)}</span>
                    <span class="stat-value" data-result="test">{move || test().map_or("—".into(), |s| format!("{:.1}%", s.accuracy * 100.0))}</span>
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
                    <span class="stat-value">{move || run.with(|r| r.params)}</span>
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
                    let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::LOSS_AXIS.get(lang).into(), x: x_range(), y: None, percent: false, legend_low: false };
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
                        Series { label: t::TEST_ACC.get(lang).into(), points: score_points(Part::Test, |s| s.accuracy), colour: 2, markers: true, line: true },
                    ];
                    let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::ACC_AXIS.get(lang).into(), x: x_range(), y: Some(0.0..1.0), percent: true, legend_low: true };
                    curves::draw(area, &series, &axes)
                } />
            </div>
        </section>
    }
}

/// What the network learned: kernels, feature maps, confusions, mistakes, and the drawing pad.
#[component]
fn Learned(state: RwSignal<State>, run: Lane, job: Job) -> impl IntoView {
    let lang = use_lang();
    let digits = use_digits();
    let digit = Signal::derive(move || state.with(|s| s.digit().ok()));
    // The model changes with every evaluation: refresh the feature maps of the chosen digit.
    let scored = run.memo(|r| (r.scores.len(), r.kernels.is_some()));
    Effect::new(move |_| {
        let (_, has_model) = scored.get();
        if let (true, Some(index)) = (has_model, digit.get()) {
            job.send(Command::Query(Query::FeatureMaps { index }));
        }
    });
    let drawn = RwSignal::new(None::<Vec<f32>>);
    let predict = move || {
        let trained = run.with_untracked(|r| r.kernels.is_some() || r.steps_done > 0);
        if let (Some(pixels), true) = (drawn.get_untracked(), trained) {
            job.send(Command::Query(Query::Digit { pixels }));
        }
    };
    // The drawing is predicted again whenever the model has been scored (it keeps learning).
    Effect::new(move |_| {
        scored.track();
        predict();
    });
    let on_digit = Callback::new(move |pixels: Option<Vec<f32>>| {
        drawn.set(pixels);
        predict();
    });
    let kernels = run.memo(|r| r.kernels.clone());
    let maps = run.memo(|r| r.maps.clone());
    let validation = run.memo(|r| r.evaluation(Part::Validation).cloned());
    let prediction = run.memo(|r| r.prediction.clone());
    let kernel_tiles = move || {
        kernels.with(|k| {
            k.as_ref().map(|k| {
                let plane = k.size * k.size;
                (0..k.filters)
                    .map(|f| Tile {
                        width: k.size,
                        height: k.size,
                        values: k.weights[f * k.channels * plane..][..plane].to_vec(),
                        caption: format!("{}", f + 1),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let map_tiles = move || {
        maps.with(|m| {
            m.as_ref().map(|(_, v)| {
                let plane = v.height * v.width;
                (0..v.channels)
                    .map(|c| Tile {
                        width: v.width,
                        height: v.height,
                        values: v.data[c * plane..(c + 1) * plane].to_vec(),
                        caption: format!("{}", c + 1),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let validation = move || validation.get();
    let mistake_tiles = move |set: &Mnist, e: &Evaluation| {
        let lang = lang.get();
        e.mistakes
            .iter()
            .take(24)
            .map(|m| Tile {
                width: 28,
                height: 28,
                values: set.volume(m.index).data,
                caption: fill(t::MISTAKE.get(lang), &[&m.label, &m.predicted]),
            })
            .collect::<Vec<_>>()
    };
    let top = move || {
        drawn.with(Option::is_some).then(|| prediction.get()).flatten().map(|p| {
            let best = p.iter().enumerate().fold(0, |b, (i, v)| if *v > p[b] { i } else { b });
            (best, p)
        })
    };
    view! {
        <section class="panel learned">
            <h2>{tr(t::LEARNED)}</h2>
            <div class="learned-grid">
                <div>
                    <h3>{tr(t::KERNELS)}</h3>
                    {move || match kernel_tiles() {
                        Some(tiles) => view! {
                            <PlotCanvas width=360 height=tiles::height_for(&tiles, 9, 360) label="kernels" draw=move |area| {
                                tiles::draw(area, &tiles, 9, Shade::Diverging)
                            } />
                        }.into_any(),
                        None => view! { <p class="hint">{tr(t::NO_CONV)}</p> }.into_any(),
                    }}
                    <p class="hint">{tr(t::KERNELS_HINT)}</p>
                </div>
                <div>
                    <h3>{tr(t::MAPS)}</h3>
                    <div class="fields">
                        <Field label=t::DIGIT name="d" value=read(state, |s| s.digit.clone()) on_input=move |v| state.update(|s| s.digit = v) error=read(state, |s| s.digit().err()) />
                        <DigitCaption index=digit />
                    </div>
                    {move || map_tiles().map(|tiles| view! {
                        <PlotCanvas width=360 height=tiles::height_for(&tiles, 7, 360) label="feature-maps" draw=move |area| {
                            tiles::draw(area, &tiles, 7, Shade::Ink)
                        } />
                    })}
                </div>
                <div>
                    <h3>{tr(t::CONFUSION)}</h3>
                    {move || validation().map(|e| view! {
                        <PlotCanvas width=360 height=360 label="confusion" draw=move |area| {
                            let lang = lang.get();
                            confusion::draw(area, &e.confusion, 10, t::TRUE_AXIS.get(lang), t::PRED_AXIS.get(lang))
                        } />
                    })}
                    <p class="hint">{tr(t::CONFUSION_HINT)}</p>
                </div>
                <div>
                    <h3>{tr(t::MISTAKES)}</h3>
                    {move || match (digits.get(), validation()) {
                        (Some(Ok(set)), Some(e)) => {
                            let tiles = mistake_tiles(&set, &e);
                            let h = tiles::height_for(&tiles, 6, 360);
                            view! {
                                <PlotCanvas width=360 height=h label="mistakes" draw=move |area| tiles::draw(area, &tiles, 6, Shade::Ink) />
                            }.into_any()
                        }
                        _ => view! { <p class="hint">{tr(t::NO_EVAL)}</p> }.into_any(),
                    }}
                </div>
            </div>
            <h3>{tr(t::PAD)}</h3>
            <div class="pad-row">
                <DrawPad on_digit=on_digit />
                <div class="prediction" data-result="prediction">
                    {move || match top() {
                        None if run.with(|r| r.steps_done) == 0 => view! { <p class="hint">{tr(t::PAD_TRAIN_FIRST)}</p> }.into_any(),
                        None => view! { <p class="hint">{tr(t::PAD_HINT)}</p> }.into_any(),
                        Some((best, p)) => view! {
                            <p class="big-answer" data-result="predicted">{best}</p>
                            <div class="bars">
                                {p.iter().enumerate().map(|(i, v)| view! {
                                    <div class="bar-row" class:best=i == best>
                                        <span class="bar-label">{i}</span>
                                        <span class="bar" style:width=format!("{:.1}%", v * 100.0)></span>
                                        <span class="bar-value">{format!("{:.0}%", v * 100.0)}</span>
                                    </div>
                                }).collect_view()}
                            </div>
                        }.into_any(),
                    }}
                </div>
            </div>
        </section>
    }
}

mod t {
    use crate::i18n::Text;
    pub const INTRO: Text = Text::new(
        "现在真正训练笔记中的网络：卷积 3×3×25 → 最大池化 → 卷积 3×3×50 → 最大池化 → 展平 → 全连接 10。训练在你的浏览器里进行（一个后台线程，页面不会卡住），用 8000 张真实手写数字做作业，1000 张做模拟考（验证集），1000 张留作高考（测试集）。按“开始训练”，看损失下降、准确率上升，再看看网络学到了什么。",
        "Now train the note's network for real: conv 3×3×25 → max-pool → conv 3×3×50 → max-pool → flatten → dense 10. Training runs in your browser (in a background thread, so the page stays responsive), on 8,000 real handwritten digits as homework, 1,000 as the mock exam (validation) and 1,000 kept for the final exam (test). Press Train, watch the loss fall and the accuracy rise, then look at what the network learned.",
    );
    pub const MODEL: Text = Text::new("网络", "Network");
    pub const MODEL_NOTE: Text = Text::new("笔记中的 CNN", "The note's CNN");
    pub const MODEL_STACK: Text = Text::new("完整架构课里搭的网络", "The stack from the architecture lesson");
    pub const MODEL_MLP: Text = Text::new("只有全连接层（对比）", "Dense layers only (for comparison)");
    pub const MODEL_BAD: Text = Text::new("这个网络不能用来给数字分类：", "This network cannot classify digits:");
    pub const STACK_IS: Text = Text::new("网络：{0}。", "Network: {0}.");
    pub const EDIT_STACK: Text = Text::new("在完整架构课中编辑", "Edit it in the architecture lesson");
    pub const OPTIMIZER: Text = Text::new("优化器", "Optimizer");
    pub const SGD: Text = Text::new("SGD", "SGD");
    pub const MOMENTUM: Text = Text::new("SGD + 动量 0.9", "SGD + momentum 0.9");
    pub const ADAM: Text = Text::new("Adam（β1 0.9，β2 0.999）", "Adam (β1 0.9, β2 0.999)");
    pub const RMSPROP: Text = Text::new("RMSprop（衰减率 0.9）", "RMSprop (decay 0.9)");
    pub const LR: Text = Text::new("学习率", "Learning rate");
    pub const BATCH: Text = Text::new("批量大小", "Batch size");
    pub const EPOCHS: Text = Text::new("轮数（epoch）", "Epochs");
    pub const SEED: Text = Text::new("随机种子", "Seed");
    pub const BACKEND: Text = Text::new("计算后端", "Backend");
    pub const NOT_BUILT: Text = Text::new("本版本未包含", "not in this build");
    pub const BACKEND_NOTE: Text = Text::new(
        "后端决定张量运算怎么执行。flex 是 burn 0.22 的默认 CPU 后端，在浏览器里用上了 SIMD；旧的 ndarray 后端要慢几十倍（见 README 中的基准测试）。",
        "The backend decides how tensor operations run. flex is burn 0.22's default CPU backend and uses SIMD in the browser; the older ndarray backend is dozens of times slower (see the benchmark in the README).",
    );
    pub const NEEDS_RESET: Text = Text::new(
        "网络、随机种子和后端的改动要在“重置”后才生效；学习率、批量大小、优化器和轮数立即生效。",
        "Changes to the network, seed and backend apply after a reset; learning rate, batch size, optimizer and epochs apply at once.",
    );
    pub const TRAIN: Text = Text::new("▶ 开始训练", "▶ Train");
    pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
    pub const RESUME: Text = Text::new("▶ 继续", "▶ Resume");
    pub const AGAIN: Text = Text::new("▶ 重新训练", "▶ Train again");
    pub const STEP: Text = Text::new("+1 单步", "+1 Step");
    pub const RESET: Text = Text::new("↺ 重置", "↺ Reset");
    pub const LOADING_WORKER: Text =
        Text::new("正在准备训练线程和数据…", "Preparing the training thread and the data…");
    pub const IDLE: Text = Text::new("准备就绪", "Ready");
    pub const RUNNING: Text = Text::new("训练中…", "Training…");
    pub const PAUSED: Text = Text::new("已暂停", "Paused");
    pub const FINISHED: Text = Text::new("训练完成", "Finished");
    pub const DIVERGED: Text = Text::new("发散了：第 {0} 步的损失爆炸了", "Diverged: the loss exploded at step {0}");
    pub const DIVERGED_HELP: Text = Text::new(
        "训练发散了：学习率太大，参数一步跨得太远，损失超过了 1000（或变成了 NaN），网络已经被破坏，无法继续。把学习率调小（比如 0.001），再按“重置”或“重新训练”。",
        "The run diverged: the learning rate is too large, each step overshoots, and the loss went above 1000 (or became NaN); the network is ruined and cannot continue. Lower the learning rate (say to 0.001), then press Reset or Train again.",
    );
    pub const HELDOUT: Text = Text::new("验证集准确率（没见过的数字）", "Held-out accuracy (validation)");
    pub const TEST_ACC: Text = Text::new("测试集准确率", "Test accuracy");
    pub const PROGRESS: Text = Text::new("步数", "Steps");
    pub const EPOCH_N: Text = Text::new("已完成 {0} 轮", "{0} epoch(s) done");
    pub const SPEED: Text = Text::new("样本/秒", "Examples/s");
    pub const MS_STEP: Text = Text::new("每步 {0} 毫秒", "{0} ms per step");
    pub const TIME: Text = Text::new("训练用时", "Training time");
    pub const REMAINING: Text = Text::new("还需约 {0} 秒", "about {0} s left");
    pub const PARAMS: Text = Text::new("参数个数", "Parameters");
    pub const LOSS_CHART: Text = Text::new("损失", "Loss");
    pub const ACC_CHART: Text = Text::new("准确率", "Accuracy");
    pub const TRAIN_LOSS: Text = Text::new("训练损失", "training loss");
    pub const VAL_LOSS: Text = Text::new("验证损失", "validation loss");
    pub const TRAIN_ACC: Text = Text::new("训练准确率", "training accuracy");
    pub const VAL_ACC: Text = Text::new("验证准确率", "validation accuracy");
    pub const STEP_AXIS: Text = Text::new("步数", "step");
    pub const LOSS_AXIS: Text = Text::new("交叉熵损失", "cross-entropy loss");
    pub const ACC_AXIS: Text = Text::new("准确率", "accuracy");
    pub const LEARNED: Text = Text::new("网络学到了什么", "What the network learned");
    pub const KERNELS: Text = Text::new("第一层的卷积核", "First-layer kernels");
    pub const KERNELS_HINT: Text = Text::new(
        "红色是正权重，蓝色是负权重。训练前它们是随机的，训练后很多变成了边缘和笔画检测器。",
        "Red weights are positive, blue negative. They start random; after training many detect edges and strokes.",
    );
    pub const NO_CONV: Text = Text::new("这个网络没有卷积层。", "This network has no convolution.");
    pub const MAPS: Text = Text::new("一张数字的特征图", "Feature maps of one digit");
    pub const DIGIT: Text = Text::new("数字编号", "Digit number");
    pub const CONFUSION: Text = Text::new("混淆矩阵（验证集）", "Confusion matrix (validation)");
    pub const CONFUSION_HINT: Text = Text::new(
        "每一行是真实数字，每一列是网络的判断；对角线以外的都是错误。",
        "Each row is the true digit, each column the network's answer; everything off the diagonal is a mistake.",
    );
    pub const TRUE_AXIS: Text = Text::new("真实", "true");
    pub const PRED_AXIS: Text = Text::new("判断", "predicted");
    pub const MISTAKES: Text = Text::new("判错的数字", "Misclassified digits");
    pub const MISTAKE: Text = Text::new("{0}→{1}", "{0}→{1}");
    pub const NO_EVAL: Text = Text::new(
        "训练开始后，这里会出现验证集里判错的数字。",
        "Once training starts, misclassified validation digits appear here.",
    );
    pub const PAD: Text = Text::new("自己写一个数字", "Draw a digit yourself");
    pub const PAD_HINT: Text = Text::new(
        "在左边的方框里写一个 0–9 的数字，网络的判断会随着你的笔画变化。",
        "Draw a digit 0–9 in the box; the network's answer follows your pen.",
    );
    pub const PAD_TRAIN_FIRST: Text = Text::new(
        "先训练一会儿，再来写数字（未训练的网络只会乱猜）。",
        "Train for a while first (an untrained network only guesses).",
    );
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
    fn query_round_trips() {
        let st = State { lr: "0.05".into(), model: "stack".into(), ..State::default() };
        let q = st.to_query();
        assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
    }
}
