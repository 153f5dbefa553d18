//! 优化器 — Optimizers: SGD, momentum, Nesterov, RMSprop, Adam and AdaGrad race from the same
//! point on 2-D loss surfaces (each racer makes the update of burn's optimizer of the same name), animated
//! with trails; drag the start point; then the same race on a real network on digits.

use engine::data::SplitSpec;
use engine::nn::Stack;
use engine::race::{Racer, Surface};
use engine::tasks::DigitsTask;
use engine::train::{Optimizer, TrainConfig};
use std::rc::Rc;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;

use crate::components::animation::use_animation;
use crate::components::disclosure::{Deeper, Folded, MoreSettings};
use crate::components::field::{Choice, Field, Floats, InputError, Ints, parse_positive};
use crate::components::lanes::{LaneControls, loss_chart};
use crate::components::plot::{ChartTools, Draw, PlotCanvas};
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Text, fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::plots::race::{self as race_plot, Trail};
use crate::plots::table::{Table, capture};
use crate::training::job::{latest_validation, use_job};
use crate::url_state::{Query, QueryState, read, use_query_state};

mod text;

use text as t;

pub fn page() -> AnyView {
    view! { <Optimizers /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The racers in order: name, key prefix.
const RACERS: [(Text, &str); 6] = [
    (Text::new("SGD", "SGD"), "sgd"),
    (Text::new("动量", "Momentum"), "mom"),
    (Text::new("Nesterov", "Nesterov"), "nes"),
    (Text::new("RMSprop", "RMSprop"), "rms"),
    (Text::new("Adam", "Adam"), "adam"),
    (Text::new("AdaGrad", "AdaGrad"), "ada"),
];

/// The ranges of the numbers, each written once: for reading its field and for its slider.
const START: Floats = Floats(-100.0, 100.0);
const SPEED: Ints = Ints(1, 50);
const UNIT: Floats = Floats(0.0, 0.9999);
const LR_MAX: f64 = 10.0;

/// The query keys of the racers' learning rates, in `RACERS` order.
const LR_KEYS: [&str; 6] = ["lr_sgd", "lr_mom", "lr_nes", "lr_rms", "lr_adam", "lr_ada"];

/// What the student can change: the surface, the start, which racers run, and each one's
/// hyperparameters (as typed).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct State {
    surface: Surface,
    x0: String,
    y0: String,
    on: [bool; 6],
    lr: [String; 6],
    momentum: String,
    nesterov: String,
    decay: String,
    beta1: String,
    beta2: String,
    speed: String,
}

/// Learning rates that show each surface's character.
fn default_rates(surface: Surface) -> [&'static str; 6] {
    match surface {
        Surface::Bowl => ["0.09", "0.02", "0.02", "0.1", "0.3", "1"],
        Surface::Rosenbrock => ["0.001", "0.0005", "0.0005", "0.01", "0.05", "0.5"],
        Surface::Saddle => ["0.05", "0.02", "0.02", "0.02", "0.05", "0.2"],
        Surface::Himmelblau => ["0.005", "0.002", "0.002", "0.05", "0.1", "0.5"],
    }
}

impl State {
    fn for_surface(surface: Surface) -> Self {
        let (x, y) = surface.start();
        Self {
            surface,
            x0: format!("{x}"),
            y0: format!("{y}"),
            on: [true; 6],
            lr: default_rates(surface).map(str::to_string),
            momentum: "0.9".into(),
            nesterov: "0.9".into(),
            decay: "0.9".into(),
            beta1: "0.9".into(),
            beta2: "0.999".into(),
            speed: "2".into(),
        }
    }
}

impl Default for State {
    fn default() -> Self {
        Self::for_surface(Surface::Rosenbrock)
    }
}

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let surface = q.choice("surface", Surface::from_key, Surface::Rosenbrock);
        let d = Self::for_surface(surface);
        let on_text = q.text("on", "111111");
        let mut on = [true; 6];
        for (i, c) in on_text.chars().take(6).enumerate() {
            on[i] = c != '0';
        }
        Self {
            surface,
            x0: q.text("x0", &d.x0),
            y0: q.text("y0", &d.y0),
            on,
            lr: std::array::from_fn(|i| q.text(LR_KEYS[i], &d.lr[i])),
            momentum: q.text("eta", &d.momentum),
            nesterov: q.text("neta", &d.nesterov),
            decay: q.text("rho", &d.decay),
            beta1: q.text("b1", &d.beta1),
            beta2: q.text("b2", &d.beta2),
            speed: q.text("v", &d.speed),
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![
            ("surface", self.surface.key().to_string()),
            ("x0", self.x0.clone()),
            ("y0", self.y0.clone()),
            ("on", self.on.iter().map(|b| if *b { '1' } else { '0' }).collect()),
        ];
        q.extend(LR_KEYS.iter().zip(&self.lr).map(|(k, v)| (*k, v.clone())));
        q.extend([
            ("eta", self.momentum.clone()),
            ("neta", self.nesterov.clone()),
            ("rho", self.decay.clone()),
            ("b1", self.beta1.clone()),
            ("b2", self.beta2.clone()),
            ("v", self.speed.clone()),
        ]);
        q
    }

    fn ranges() -> Vec<(&'static str, crate::components::slider::Range)> {
        let mut ranges = vec![("x0", START.range()), ("y0", START.range()), ("v", SPEED.range())];
        ranges.extend(["eta", "neta", "rho", "b1", "b2"].map(|k| (k, UNIT.range())));
        ranges.extend(LR_KEYS.map(|k| (k, crate::components::slider::ranges::parse_positive(LR_MAX))));
        ranges
    }
}

fn unit(raw: &str) -> Result<f32, InputError> {
    UNIT.parse(raw).map(|v| v as f32)
}

/// Each racer's optimizer and learning rate, once everything reads.
fn racers(st: &State) -> Option<Vec<(usize, Optimizer, f64)>> {
    let opts = [
        Optimizer::Sgd,
        Optimizer::Momentum { momentum: unit(&st.momentum).ok()? },
        Optimizer::Nesterov { momentum: unit(&st.nesterov).ok()? },
        Optimizer::RmsProp { decay: unit(&st.decay).ok()? },
        Optimizer::Adam { beta1: unit(&st.beta1).ok()?, beta2: unit(&st.beta2).ok()? },
        Optimizer::AdaGrad,
    ];
    let mut out = vec![];
    for (i, opt) in opts.into_iter().enumerate() {
        if st.on[i] {
            out.push((i, opt, parse_positive(&st.lr[i], 10.0).ok()?));
        }
    }
    Some(out)
}

fn start(st: &State) -> Option<(f64, f64)> {
    Some((START.parse(&st.x0).ok()?, START.parse(&st.y0).ok()?))
}

/// One frame's view of the race (the trails stay with the racers).
#[derive(Debug, Clone, PartialEq, Default)]
struct Frame {
    /// Each racer's index in `RACERS`, current loss, and whether it has left the surface.
    losses: Vec<(usize, f64, bool)>,
    steps: usize,
}

#[component]
fn Optimizers() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <Race state=state />
        <section class="lesson-intro"><Deeper>
            <p>{tr(t::INTRO)}</p>
            <ul class="exam-list formulas">
                <li>{tr(t::SGD_TEXT)}</li>
                <li>{tr(t::MOM_TEXT)}</li>
                <li>{tr(t::NES_TEXT)}</li>
                <li>{tr(t::RMS_TEXT)}</li>
                <li>{tr(t::ADAM_TEXT)}</li>
                <li>{tr(t::ADA_TEXT)}</li>
            </ul>
            <p class="hint">{tr(t::SYMBOLS)}</p>
        </Deeper></section>
        <DigitsRace />
        <BatchSizes />
    }
}

#[component]
fn Race(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let racers_store = StoredValue::new_local(Vec::<Racer>::new());
    let frame = RwSignal::new(Frame::default());
    let playing = RwSignal::new(false);
    let config = Memo::new(move |_| state.with(|s| Some((s.surface, start(s)?, racers(s)?))));
    let refresh = move || {
        let ids: Vec<usize> = config.get_untracked().map(|c| c.2.iter().map(|r| r.0).collect()).unwrap_or_default();
        racers_store.with_value(|rs| {
            frame.set(Frame {
                losses: rs.iter().zip(&ids).map(|(r, &i)| (i, r.loss, r.escaped)).collect(),
                steps: rs.first().map_or(0, |r| r.trail.len() - 1),
            })
        });
    };
    let restart = move || {
        let Some((surface, start, racers)) = config.get_untracked() else { return };
        racers_store.set_value(racers.iter().map(|&(_, opt, lr)| Racer::new(opt, lr, surface, start)).collect());
        refresh();
    };
    Effect::new(move |_| {
        config.track();
        restart();
    });
    let speed = move || state.with(|s| SPEED.parse(&s.speed).unwrap_or(2));
    let advance = move |n: usize| {
        let Some((surface, _, _)) = config.get_untracked() else { return };
        racers_store.update_value(|rs| rs.iter_mut().for_each(|r| (0..n).for_each(|_| r.step(surface))));
        refresh();
        if frame.with_untracked(|f| f.steps) >= 5000 {
            playing.set(false);
        }
    };
    use_animation(playing.into(), move || advance(speed()));
    // The surface layer is drawn once per surface; the trail layer every frame.
    let background = NodeRef::<Canvas>::new();
    let overlay = NodeRef::<Canvas>::new();
    let (width, height) = (720u32, 520u32);
    Effect::new(move |_| {
        let surface = state.with(|s| s.surface);
        let Some(canvas) = background.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(canvas) else { return };
        let root = backend.into_drawing_area();
        let _ = root.fill(&WHITE);
        let _ = race_plot::draw_surface(&root, surface.bounds(), |x, y| surface.value(x, y), &surface.minima());
        let _ = root.present();
    });
    // The trails drawn on `area`: the racers in the latest frame, in their colours.
    let trails = move |area: &DrawingArea<CanvasBackend, Shift>| {
        let surface = state.with_untracked(|s| s.surface);
        let racing: Vec<usize> = frame.with_untracked(|f| f.losses.iter().map(|l| l.0).collect());
        racers_store.with_value(|rs| {
            let trails: Vec<Trail> =
                rs.iter().zip(racing).map(|(r, i)| Trail { points: &r.trail, colour: i, name: RACERS[i].0 }).collect();
            race_plot::draw_trails(area, surface.bounds(), &trails, |x, y| surface.value(x, y))
        })
    };
    // The trails' table under the map, on request, follows the race.
    let shown = RwSignal::new(None::<Vec<Table>>);
    Effect::new(move |_| {
        state.with(|s| s.surface);
        frame.track();
        let Some(canvas) = overlay.get() else { return };
        if let Ok(Some(ctx)) = canvas.get_context("2d")
            && let Ok(ctx) = ctx.dyn_into::<web_sys::CanvasRenderingContext2d>()
        {
            ctx.clear_rect(0.0, 0.0, f64::from(width), f64::from(height));
        }
        let Some(backend) = CanvasBackend::with_canvas_object(canvas) else { return };
        let root = backend.into_drawing_area();
        // While it plays, the open table (thousands of rows) is refreshed every 32nd step only.
        let refresh = !playing.get_untracked() || frame.with_untracked(|f| f.steps % 32 == 0);
        if refresh && shown.with_untracked(Option::is_some) {
            let (_, tables) = capture(lang.get_untracked(), || trails(&root));
            shown.set(Some(tables));
        } else {
            let _ = trails(&root);
        }
        let _ = root.present();
    });
    // The map as one chart, for the PNG and the CSV: the surface with the trails on top.
    let whole = StoredValue::new_local(Rc::new(move |area: &DrawingArea<CanvasBackend, Shift>| {
        let surface = state.with_untracked(|s| s.surface);
        race_plot::draw_surface(area, surface.bounds(), |x, y| surface.value(x, y), &surface.minima())?;
        trails(area)
    }) as Rc<Draw>);
    let drag = RwSignal::new(false);
    let set_start = move |ev: &web_sys::PointerEvent| {
        let Some(canvas) = overlay.get_untracked() else { return };
        let rect = canvas.get_bounding_client_rect();
        let (sx, sy) = (f64::from(width) / rect.width().max(1.0), f64::from(height) / rect.height().max(1.0));
        let (px, py) = ((f64::from(ev.client_x()) - rect.left()) * sx, (f64::from(ev.client_y()) - rect.top()) * sy);
        let bounds = state.with_untracked(|s| s.surface.bounds());
        if let Some((x, y)) = race_plot::to_data(px, py, f64::from(width), f64::from(height), bounds) {
            playing.set(false);
            state.update(|s| {
                s.x0 = format!("{x:.2}");
                s.y0 = format!("{y:.2}");
            });
        }
    };
    let racer_controls = RACERS
        .iter()
        .enumerate()
        .map(|(i, (name, key))| {
            let name = *name;
            let lr_error = Signal::derive(move || state.with(|s| parse_positive(&s.lr[i], LR_MAX).err()));
            view! {
                <div class="racer" data-racer=*key>
                    <label class="toggle">
                        <input type="checkbox" name=format!("on-{key}") prop:checked=move || state.with(|s| s.on[i]) on:change=move |ev| state.update(|s| s.on[i] = event_target_checked(&ev)) />
                        <span class=format!("swatch-dot c{i}")></span>
                        {move || name.get(lang.get())}
                    </label>
                    <Field label=t::LR name=LR_KEYS[i] value=Signal::derive(move || state.with(|s| s.lr[i].clone())) on_input=move |v| state.update(|s| s.lr[i] = v) error=lr_error />
                </div>
            }
        })
        .collect_view();
    let loss_table = move || {
        let lang = lang.get();
        frame.with(|f| {
            f.losses
                .iter()
                .map(|&(i, loss, escaped)| {
                    let value = if escaped { t::ESCAPED.get(lang).to_string() } else { format!("{loss:.4}") };
                    view! { <tr data-racer=RACERS[i].1><td><span class=format!("swatch-dot c{i}")></span>{RACERS[i].0.get(lang)}</td><td class="num">{value}</td></tr> }
                })
                .collect_view()
        })
    };
    view! {
        <section class="panel">
            <h2>{tr(t::RACE_TITLE)}</h2>
            <div class="fields">
                <Choice label=t::SURFACE name="surface" options=vec![("bowl", t::BOWL), ("rosenbrock", t::ROSENBROCK), ("saddle", t::SADDLE), ("himmelblau", t::HIMMELBLAU)]
                    value=Signal::derive(move || state.with(|s| s.surface.key().to_string()))
                    on_change=move |v| { playing.set(false); state.set(State::for_surface(Surface::from_key(&v).unwrap_or(Surface::Rosenbrock))) } />
                <Field label=t::X0 name="x0" value=read(state, |s| s.x0.clone()) on_input=move |v| state.update(|s| s.x0 = v) error=read(state, |s| START.parse(&s.x0).err()) />
                <Field label=t::Y0 name="y0" value=read(state, |s| s.y0.clone()) on_input=move |v| state.update(|s| s.y0 = v) error=read(state, |s| START.parse(&s.y0).err()) />
            </div>
            <Folded title=t::RACERS_SETTINGS><div class="racers">{racer_controls}</div></Folded>
            <MoreSettings>
                <Field label=t::SPEED name="v" value=read(state, |s| s.speed.clone()) on_input=move |v| state.update(|s| s.speed = v) error=read(state, |s| SPEED.parse(&s.speed).err()) hint=t::SPEED_HINT />
                <Field label=t::ETA name="eta" value=read(state, |s| s.momentum.clone()) on_input=move |v| state.update(|s| s.momentum = v) error=read(state, |s| unit(&s.momentum).err()) hint=t::ETA_HINT />
                <Field label=t::NETA name="neta" value=read(state, |s| s.nesterov.clone()) on_input=move |v| state.update(|s| s.nesterov = v) error=read(state, |s| unit(&s.nesterov).err()) />
                <Field label=t::RHO name="rho" value=read(state, |s| s.decay.clone()) on_input=move |v| state.update(|s| s.decay = v) error=read(state, |s| unit(&s.decay).err()) hint=t::RHO_HINT />
                <Field label=t::B1 name="b1" value=read(state, |s| s.beta1.clone()) on_input=move |v| state.update(|s| s.beta1 = v) error=read(state, |s| unit(&s.beta1).err()) />
                <Field label=t::B2 name="b2" value=read(state, |s| s.beta2.clone()) on_input=move |v| state.update(|s| s.beta2 = v) error=read(state, |s| unit(&s.beta2).err()) />
            </MoreSettings>
            <div class="row">
                <button class="btn primary" data-action="play" disabled=move || config.with(Option::is_none) on:click=move |_| playing.update(|p| *p = !*p)>
                    {move || if playing.get() { tr(t::PAUSE)() } else { tr(t::PLAY)() }}
                </button>
                <button class="btn" data-action="step" on:click=move |_| { playing.set(false); advance(1) }>{tr(t::STEP)}</button>
                <button class="btn" data-action="reset" on:click=move |_| { playing.set(false); restart() }>{tr(t::RESET)}</button>
                <span class="status" data-result="race-steps">{move || fill(t::STEPS.get(lang.get()), &[&frame.with(|f| f.steps)])}</span>
            </div>
            {move || config.with(Option::is_none).then(|| view! { <p class="error-box" role="alert">{tr(t::FIX)}</p> })}
            <div class="race-row">
                <div class="plot-box">
                    <div class="race-stack" style=format!("width: {width}px; max-width: 100%; aspect-ratio: {width} / {height}")>
                        <canvas node_ref=background width=width height=height class="race-layer" data-plot="race-surface"></canvas>
                        <canvas node_ref=overlay width=width height=height class="race-layer top" data-plot="race-trails" role="img" aria-label=move || t::RACE_TITLE.get(lang.get())
                            on:pointerdown=move |ev| { drag.set(true); set_start(&ev) }
                            on:pointermove=move |ev| if drag.get_untracked() { set_start(&ev) }
                            on:pointerup=move |_| drag.set(false)
                            on:pointerleave=move |_| drag.set(false)></canvas>
                    </div>
                    <ChartTools label="optimizer-race" size=(width, height) draw=whole has_table=true shown=shown />
                </div>
                <table class="data-table race-table" data-result="race-losses">
                    <thead><tr><th>{tr(t::OPTIMIZER)}</th><th>{tr(t::LOSS)}</th></tr></thead>
                    <tbody>{loss_table}</tbody>
                </table>
            </div>
            <p class="hint">{tr(t::DRAG_HINT)}</p>
            <RaceQuestion state=state />
        </section>
    }
}

/// Steps of the race the question asks about.
const RACE_STEPS: usize = 300;

/// Which racer is lowest after a few hundred steps, raced by the engine for the settings shown.
#[component]
fn RaceQuestion(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let setup = move || state.with(|s| Some((s.surface, start(s)?, racers(s)?)));
    let settings = Signal::derive(move || state.with(|s| format!("{:?}", s.to_query())));
    let winner = Signal::derive(move || {
        let (surface, start, racers) = setup()?;
        let mut best: Option<(usize, f64)> = None;
        for (i, opt, lr) in racers {
            let mut r = Racer::new(opt, lr, surface, start);
            (0..RACE_STEPS).for_each(|_| r.step(surface));
            if !r.escaped && r.loss.is_finite() && best.is_none_or(|(_, b)| r.loss < b) {
                best = Some((i, r.loss));
            }
        }
        best.map(|(i, _)| RACERS[i].1.to_string())
    });
    let prompt = Signal::derive(move || match setup() {
        Some((_, (x, y), _)) => fill(t::Q1.get(lang.get()), &[&x, &y, &RACE_STEPS]),
        None => t::FIX.get(lang.get()).to_string(),
    });
    view! {
        <Questions>
            <Question id="optimizers/1" prompt=prompt kind=Kind::Choice(RACERS.iter().map(|(name, key)| (*key, *name)).collect())
                answer=winner hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) about=settings />
        </Questions>
    }
}

/// The same optimizers training the same network (same initial weights) on digits.
#[component]
fn DigitsRace() -> impl IntoView {
    let lang = use_lang();
    const SETUPS: [(usize, Optimizer, f64); 6] = [
        (0, Optimizer::Sgd, 0.05),
        (1, Optimizer::Momentum { momentum: 0.9 }, 0.005),
        (2, Optimizer::Nesterov { momentum: 0.9 }, 0.005),
        (3, Optimizer::RmsProp { decay: 0.9 }, 0.001),
        (4, Optimizer::Adam { beta1: 0.9, beta2: 0.999 }, 0.001),
        (5, Optimizer::AdaGrad, 0.01),
    ];
    let job = use_job();
    let runs = job.lanes(SETUPS.len());
    let finals = latest_validation(&runs);
    let configs = Signal::derive(|| {
        Some(
            SETUPS
                .iter()
                .map(|&(_, optimizer, learning_rate)| TrainConfig {
                    optimizer,
                    learning_rate,
                    epochs: 1,
                    ..TrainConfig::digits(DigitsTask::new(
                        Stack::digits("flatten,dense:128,relu,dense:10").expect("valid"),
                        SplitSpec { train: 4000, validation: 500, test: 0, holdout: 0 },
                    ))
                })
                .collect(),
        )
    });
    let runs_chart = runs.clone();
    view! {
        <section class="panel">
            <h2>{tr(t::DIGITS_TITLE)}</h2>
            <Deeper><p>{tr(t::DIGITS_INTRO)}</p></Deeper>
            <LaneControls job=job configs=configs start_label=t::DIGITS_START />
            <PlotCanvas width=900 height=340 label="optimizer-loss" draw=move |area| {
                let lang = lang.get();
                let lanes = SETUPS.map(|(i, _, lr)| (format!("{} (α = {lr})", RACERS[i].0.get(lang)), i));
                let (series, axes) = loss_chart(&runs_chart, lanes, lang);
                curves::draw(area, &series, &axes)
            } />
            <div class="final-scores" data-result="optimizer-final">
                {move || finals.get().into_iter().zip(SETUPS).filter_map(|(f, (i, _, _))| {
                    let (acc, _) = f?;
                    Some(view! { <span class="chip">{RACERS[i].0.get(lang.get())}": "{percent(acc)}</span> })
                }).collect_view()}
            </div>
        </section>
    }
}

/// The batch sizes compared, with plain SGD at one learning rate.
const BATCHES: [usize; 3] = [8, 32, 128];
const BATCH_LR: f64 = 0.05;

/// The note's batch-size paragraph, measured: the same network and optimizer with three batch
/// sizes, one epoch each.
#[component]
fn BatchSizes() -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = job.lanes(BATCHES.len());
    let batch_finals = latest_validation(&runs);
    let configs = Signal::derive(|| {
        Some(
            BATCHES
                .iter()
                .map(|&batch_size| TrainConfig {
                    optimizer: Optimizer::Sgd,
                    learning_rate: BATCH_LR,
                    batch_size,
                    epochs: 1,
                    ..TrainConfig::digits(DigitsTask::new(
                        Stack::digits("flatten,dense:128,relu,dense:10").expect("valid"),
                        SplitSpec { train: 4000, validation: 500, test: 0, holdout: 0 },
                    ))
                })
                .collect(),
        )
    });
    let chart_runs = runs.clone();
    view! {
        <section class="panel">
            <h2>{tr(t::BATCH_TITLE)}</h2>
            <Deeper><p>{move || fill(t::BATCH_INTRO.get(lang.get()), &[&BATCH_LR])}</p></Deeper>
            <LaneControls job=job configs=configs start_label=t::BATCH_START />
            <PlotCanvas width=900 height=320 label="batch-loss" draw=move |area| {
                let lang = lang.get();
                let series: Vec<Series> = chart_runs
                    .iter()
                    .zip(BATCHES)
                    .enumerate()
                    .map(|(i, (r, b))| Series {
                        label: fill(t::BATCH_LANE.get(lang), &[&b]),
                        points: r.with(|l| curves::smoothed_steps(&l.losses, 0.3).into_iter().map(|(s, v)| (s * b as f64, v)).collect()),
                        colour: i,
                        markers: false,
                        line: true,
                    })
                    .collect();
                let axes = Axes {
                    x_label: t::EXAMPLES_AXIS.get(lang).into(),
                    y_label: t::LOSS_AXIS.get(lang).into(),
                    x: 0.0..4000.0,
                    y: None,
                    percent: false,
                    legend: Legend::UpperRight,
                    hint: t::BATCH_HINT.get(lang).into(),
                };
                curves::draw(area, &series, &axes)
            } />
            <div class="final-scores" data-result="batch-final">
                {move || batch_finals.get().into_iter().zip(BATCHES).filter_map(|(f, b)| {
                    let (acc, steps) = f?;
                    Some(view! { <span class="chip">{fill(t::BATCH_RESULT.get(lang.get()), &[&b, &steps, &format!("{:.1}", acc * 100.0)])}</span> })
                }).collect_view()}
            </div>
            <Deeper><p class="hint">{tr(t::BATCH_AFTER)}</p></Deeper>
            <Questions>
                <Question id="optimizers/2" prompt=Signal::derive(move || fill(t::Q2.get(lang.get()), &[&BATCH_LR]))
                    kind=Kind::Choice(BATCHES.iter().map(|b| (BATCH_KEYS[BATCHES.iter().position(|x| x == b).unwrap_or(0)], t::BATCH_LABELS[BATCHES.iter().position(|x| x == b).unwrap_or(0)])).collect())
                    answer=Signal::derive(move || {
                        let finals = batch_finals.get();
                        if finals.iter().any(Option::is_none) || !runs.iter().all(|r| r.phase().ended()) {
                            return None;
                        }
                        let best = finals.iter().enumerate().max_by(|a, b| a.1.map(|x| x.0).unwrap_or(0.0).total_cmp(&b.1.map(|x| x.0).unwrap_or(0.0)))?.0;
                        Some(BATCH_KEYS[best].to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING />
            </Questions>
        </section>
    }
}

/// The batch sizes as answers' keys.
const BATCH_KEYS: [&str; 3] = ["8", "32", "128"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_surface_has_working_defaults_and_the_state_round_trips() {
        for s in Surface::ALL {
            let st = State::for_surface(s);
            assert_eq!(racers(&st).unwrap().len(), 6);
            assert!(start(&st).is_some());
            let q = st.to_query();
            assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
        }
        let off = State { on: [true, false, false, false, true, false], ..State::default() };
        assert_eq!(racers(&off).unwrap().iter().map(|r| r.0).collect::<Vec<_>>(), [0, 4]);
        let bad = State { decay: "1.5".into(), ..State::default() };
        assert!(racers(&bad).is_none());
    }
}
