//! The 2-D GAN: controls, the plane (D's verdict, both kinds of samples, G's push), the current
//! numbers with mode collapse named when it happens, and both losses and D's outputs over the
//! steps beside their equilibrium values.

use engine::tasks::{GanStep, Samples, TaskReport};
use leptos::prelude::*;

use super::{BOUNDS, MAX_POINTS, MIN_POINTS, State, plane_config, t};
use crate::components::disclosure::{Deeper, MoreSettings};
use crate::components::field::{Choice, Field};
use crate::components::lanes::LaneControls;
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series, smoothed_steps};
use crate::plots::plane::{self, Plane};
use crate::training::job::{Lane, Phase, use_job};
use crate::url_state::read;

/// Side of the plane's canvas, in pixels.
const SIDE: u32 = 420;
/// The plane is redrawn from a report every this many G steps.
const REPORT_EVERY: usize = 20;
/// Drawn points: a drag adds one whenever the pointer has moved this far in the plane.
const SPACING: f32 = 0.08;

#[component]
pub(super) fn PlaneGan(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let run = job.lane(0);
    let configs = Signal::derive(move || state.with(plane_config).map(|c| vec![c]));
    let bounds = [-BOUNDS, BOUNDS, -BOUNDS, BOUNDS];
    // What the plane shows: the latest report, or the drawn points before a run.
    let view_of = Memo::new(move |_| {
        let report = run.with(|l| match &l.task {
            Some(TaskReport::Gan(Samples::Plane { real, fake, push, grid, surface, .. })) => Some(Plane {
                bounds,
                real: real.clone(),
                fake: fake.clone(),
                push: push.clone(),
                grid: *grid,
                surface: surface.clone(),
            }),
            _ => None,
        });
        report.or_else(|| state.with(|s| s.drawn().then(|| Plane { bounds, real: s.points().0, ..Plane::default() })))
    });
    let idle = move || matches!(run.phase(), Phase::Idle);
    let last_added = StoredValue::new(None::<[f32; 2]>);
    let square = NodeRef::<leptos::html::Div>::new();
    let add = move |ev: &web_sys::PointerEvent, force: bool| {
        if !state.with_untracked(State::drawn) || !matches!(run.phase_untracked(), Phase::Idle) {
            return;
        }
        // Events are delegated to the document, so the square is found by its node, not the
        // event's current target.
        let Some(el) = square.get_untracked() else { return };
        let rect = el.get_bounding_client_rect();
        let p = plane::to_plane(
            f64::from(ev.client_x()) - rect.left(),
            f64::from(ev.client_y()) - rect.top(),
            rect.width().max(1.0),
            rect.height().max(1.0),
            bounds,
        );
        let far = last_added.get_value().is_none_or(|q: [f32; 2]| (p[0] - q[0]).hypot(p[1] - q[1]) >= SPACING);
        if force || far {
            last_added.set_value(Some(p));
            state.update(|s| s.add_point(p));
        }
    };
    let drawing = StoredValue::new(false);
    // Drawing with the keyboard: the arrow keys move a pen over the square (shown as a ring),
    // Space or Enter puts a point under it, Delete or Backspace takes the last one back.
    let pen = RwSignal::new([0.0f32, 0.0]);
    let key = move |ev: web_sys::KeyboardEvent| {
        // Only the square's own keys: the chart's buttons inside it keep theirs.
        let own = square.get_untracked().is_some_and(|el| {
            ev.target().is_some_and(|t| wasm_bindgen::JsValue::from(t) == wasm_bindgen::JsValue::from(el))
        });
        if !own || !state.with_untracked(State::drawn) || !matches!(run.phase_untracked(), Phase::Idle) {
            return;
        }
        let step = if ev.shift_key() { 4.0 * SPACING } else { SPACING };
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, step),
            "ArrowDown" => (0.0, -step),
            " " | "Enter" => {
                state.update(|s| s.add_point(pen.get_untracked()));
                (0.0, 0.0)
            }
            "Delete" | "Backspace" => {
                state.update(State::remove_last_point);
                (0.0, 0.0)
            }
            _ => return,
        };
        // The square keeps its keys: no scrolling, no turning to the next lesson.
        ev.prevent_default();
        ev.stop_propagation();
        pen.update(|p| *p = [(p[0] + dx).clamp(-BOUNDS, BOUNDS), (p[1] + dy).clamp(-BOUNDS, BOUNDS)]);
    };
    // The pen's place in the square, as fractions of its side from the top-left corner (the
    // square is as tall as it is wide, so both are percentages of its width).
    let pen_at = move |axis: usize| {
        let p = pen.get();
        let f = if axis == 0 { (p[0] + BOUNDS) / (2.0 * BOUNDS) } else { (BOUNDS - p[1]) / (2.0 * BOUNDS) };
        format!("{:.2}%", f * 100.0)
    };
    view! {
        <section class="panel">
            <h2>{tr(t::PLANE_TITLE)}</h2>
            <Deeper><p>{tr(t::PLANE_INTRO)}</p></Deeper>
            <div class="fields">
                <Choice label=t::DATA name="data" options=vec![("ring", t::RING), ("moons", t::MOONS), ("spiral", t::SPIRAL), ("drawn", t::DRAWN)]
                    value=read(state, |s| s.data.clone()) on_change=move |v| state.update(|s| s.data = v) />
                <Show when=move || state.with(|s| s.data == "ring")>
                    <Field label=t::MODES name="modes" value=read(state, |s| s.modes.clone()) on_input=move |v| state.update(|s| s.modes = v) error=read(state, |s| s.modes().err()) />
                </Show>
                <Field label=t::G_LR name="glr" value=read(state, |s| s.glr.clone()) on_input=move |v| state.update(|s| s.glr = v) error=read(state, |s| s.glr().err()) />
                <Field label=t::SEED name="seed" value=read(state, |s| s.seed.clone()) on_input=move |v| state.update(|s| s.seed = v) error=read(state, |s| s.seed().err()) />
            </div>
            <MoreSettings>
                <Field label=t::D_LR name="dlr" value=read(state, |s| s.dlr.clone()) on_input=move |v| state.update(|s| s.dlr = v) error=read(state, |s| s.dlr().err()) />
                <Field label=t::K name="k" value=read(state, |s| s.k.clone()) on_input=move |v| state.update(|s| s.k = v) error=read(state, |s| s.k().err()) hint=t::K_HINT />
                <Field label=t::Z name="z" value=read(state, |s| s.z.clone()) on_input=move |v| state.update(|s| s.z = v) error=read(state, |s| s.z().err()) />
                <Field label=t::WIDTH name="width" value=read(state, |s| s.width.clone()) on_input=move |v| state.update(|s| s.width = v) error=read(state, |s| s.width().err()) />
                <Field label=t::STEPS name="steps" value=read(state, |s| s.steps.clone()) on_input=move |v| state.update(|s| s.steps = v) error=read(state, |s| s.steps().err()) width="6em" />
            </MoreSettings>
            <Show when=move || state.with(State::drawn)>
                <div class="row">
                    <p class="hint">{move || fill(t::DRAW_HINT.get(lang.get()), &[&MIN_POINTS, &MAX_POINTS])}</p>
                    <span class="chip" data-result="drawn">{move || fill(t::DRAWN_COUNT.get(lang.get()), &[&state.with(|s| s.points().0.len())])}</span>
                    <button class="btn" data-action="clear-points" disabled=move || !idle() on:click=move |_| state.update(|s| s.pts.clear())>{tr(t::CLEAR)}</button>
                </div>
                {move || {
                    let (points, skipped) = state.with(State::points);
                    let lang = lang.get();
                    let message = if skipped > 0 {
                        fill(t::SKIPPED.get(lang), &[&skipped])
                    } else if points.len() < MIN_POINTS {
                        fill(t::TOO_FEW.get(lang), &[&MIN_POINTS])
                    } else {
                        return None;
                    };
                    Some(view! { <p class="error-box" role="alert" data-result="points-error">{message}</p> })
                }}
            </Show>
            <LaneControls job=job configs=configs eval_every=REPORT_EVERY start_label=t::START_PLANE />
            <div class="two-col plane-row">
                <div>
                    <div class="plane-box" node_ref=square
                        tabindex=move || state.with(State::drawn).then_some("0")
                        role=move || state.with(State::drawn).then_some("application")
                        aria-label=move || state.with(State::drawn).then(|| t::PLANE_KEYS.get(lang.get()))
                        on:keydown=key
                        on:pointerdown=move |ev| { drawing.set_value(true); add(&ev, true) }
                        on:pointermove=move |ev| if drawing.get_value() { add(&ev, false) }
                        on:pointerup=move |_| drawing.set_value(false)
                        on:pointerleave=move |_| drawing.set_value(false)
                    >
                        <PlotCanvas width=SIDE height=SIDE label="gan-plane" draw=move |area| {
                            match view_of.get() {
                                Some(p) => plane::draw(area, &p),
                                None => crate::plots::draw_hint(area, t::PLANE_WAITING.get(lang.get())),
                            }
                    } />
                        <Show when=move || state.with(State::drawn) && idle()>
                            <span class="pen" aria-hidden="true" style:left=move || pen_at(0) style:margin-top=move || pen_at(1)></span>
                        </Show>
                    </div>
                    <p class="plane-legend">
                        <span style="color: rgb(0,114,178)">{tr(t::LEGEND_REAL)}</span><br />
                        <span style="color: rgb(190,80,0)">{tr(t::LEGEND_FAKE)}</span><br />
                        {move || fill(t::LEGEND_SURFACE.get(lang.get()), &[&plane::HATCH_BELOW])}
                    </p>
                </div>
                <Now run=run />
            </div>
            <Charts run=run />
            <Deeper><p class="callout">{tr(t::PLANE_NOTE)}</p></Deeper>
            <PlaneQuestion state=state run=run />
        </section>
    }
}

/// Will G cover every cluster of the ring? The student's own run answers.
#[component]
fn PlaneQuestion(state: RwSignal<State>, run: Lane) -> impl IntoView {
    let lang = use_lang();
    let settings = Signal::derive(move || {
        state.with(|s| {
            format!("{} {} {} {} {} {} {} {} {}", s.data, s.modes, s.glr, s.dlr, s.k, s.z, s.width, s.steps, s.seed)
        })
    });
    let covered_all = Signal::derive(move || {
        run.with(|l| {
            if l.phase != Phase::Finished {
                return None;
            }
            match &l.task {
                Some(TaskReport::Gan(Samples::Plane { modes_covered: Some((covered, modes)), .. })) => {
                    Some(if covered == modes { "yes" } else { "no" }.to_string())
                }
                _ => None,
            }
        })
    });
    let prompt = Signal::derive(move || match state.with(|s| (s.data == "ring").then(|| s.modes.clone())) {
        Some(m) => fill(t::Q1.get(lang.get()), &[&m]),
        None => t::Q1_RING.get(lang.get()).to_string(),
    });
    view! {
        <Questions>
            <Question id="gan/1" prompt=prompt kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)]) answer=covered_all hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) pending=t::Q1_PENDING about=settings />
        </Questions>
    }
}

/// The latest step's numbers, and the ring's coverage with mode collapse named.
#[component]
fn Now(run: Lane) -> impl IntoView {
    let lang = use_lang();
    let latest = run.memo(|l| l.gan.last().copied().map(|g| (l.steps_done, g)));
    let coverage = run.memo(|l| match &l.task {
        Some(TaskReport::Gan(Samples::Plane { modes_covered, .. })) => *modes_covered,
        _ => None,
    });
    let collapsed = move || {
        let ended_or_far = run.with(|l| l.phase.ended() || l.steps_done * 2 >= l.total_steps);
        coverage.get().filter(|&(covered, modes)| ended_or_far && covered < modes)
    };
    view! {
        <div class="now">
            {move || latest.get().map(|(step, g): (usize, GanStep)| view! {
                <p data-result="gan-now" data-d-real=format!("{:.4}", g.d_real) data-d-fake=format!("{:.4}", g.d_fake)>
                    {fill(t::NOW.get(lang.get()), &[&step, &percent(g.d_real), &percent(g.d_fake), &format!("{:.3}", g.d_loss), &format!("{:.3}", g.g_loss)])}
                </p>
            })}
            {move || coverage.get().map(|(covered, modes)| view! {
                <p class="chip" data-result="coverage" data-covered=covered data-modes=modes>{fill(t::COVERED.get(lang.get()), &[&modes, &covered])}</p>
                <p class="hint">{tr(t::COVER_RULE)}</p>
            })}
            {move || collapsed().map(|(covered, modes)| view! {
                <p class="warning" role="status" data-result="collapse">{fill(t::COLLAPSE.get(lang.get()), &[&modes, &covered])}</p>
            })}
        </div>
    }
}

/// Both losses and D's two outputs over the steps, each beside its value at the equilibrium.
#[component]
fn Charts(run: Lane) -> impl IntoView {
    let lang = use_lang();
    let steps = run.memo(|l| l.gan.clone());
    let total = move || run.with(|l| l.total_steps.max(1)) as f64;
    let line = |label: String, colour: usize, values: Vec<f32>| Series {
        label,
        points: smoothed_steps(&values, 0.05),
        colour,
        markers: false,
        line: true,
    };
    let level = move |label: String, y: f64| Series {
        label,
        points: vec![(0.0, y), (total(), y)],
        colour: 2,
        markers: false,
        line: true,
    };
    view! {
        <div class="charts">
            <div class="chart">
                <h3>{tr(t::LOSS_CHART)}</h3>
                <PlotCanvas width=560 height=280 label="gan-losses" draw=move |area| {
                    let lang = lang.get();
                    let s = steps.get();
                    if s.is_empty() {
                        return crate::plots::draw_hint(area, crate::components::lanes::WAITING.get(lang));
                    }
                    let series = vec![
                        line(t::D_LOSS.get(lang).into(), 0, s.iter().map(|g| g.d_loss).collect()),
                        line(t::G_LOSS.get(lang).into(), 5, s.iter().map(|g| g.g_loss).collect()),
                        level(t::EQUILIBRIUM.get(lang).into(), 2.0 * std::f64::consts::LN_2),
                        level(String::new(), std::f64::consts::LN_2),
                    ];
                    let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::LOSS_AXIS.get(lang).into(), x: 0.0..total(), y: None, percent: false, legend: Legend::Outside, hint: String::new() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
            <div class="chart">
                <h3>{tr(t::D_CHART)}</h3>
                <PlotCanvas width=560 height=280 label="gan-outputs" draw=move |area| {
                    let lang = lang.get();
                    let s = steps.get();
                    if s.is_empty() {
                        return crate::plots::draw_hint(area, crate::components::lanes::WAITING.get(lang));
                    }
                    let series = vec![
                        line(t::D_REAL.get(lang).into(), 0, s.iter().map(|g| g.d_real).collect()),
                        line(t::D_FAKE.get(lang).into(), 5, s.iter().map(|g| g.d_fake).collect()),
                        level(t::HALF.get(lang).into(), 0.5),
                    ];
                    let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::PROB_AXIS.get(lang).into(), x: 0.0..total(), y: Some(0.0..1.0), percent: true, legend: Legend::Outside, hint: String::new() };
                    curves::draw(area, &series, &axes)
                } />
            </div>
        </div>
    }
}
