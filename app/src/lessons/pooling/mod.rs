//! 最大池化与感受野 — Max pooling and receptive fields: max and average pooling of a real
//! digit's feature map, side by side with the window animated; pooling has no parameters; the
//! receptive field of the note's CNN grows layer by layer, drawn on the input digit.

use std::sync::Arc;

use engine::conv::{Conv2d, KernelPreset, PadMode, Volume, conv_params};
use engine::mnist::Mnist;
use engine::pool::{PoolKind, Pooled, Window, input_region, pool2d, receptive_fields};
use leptos::prelude::*;

use crate::components::disclosure::{Deeper, Lead, MoreSettings};
use crate::components::field::{Field, Floats, Ints};
use crate::components::grid::{Cells, Grid, Overlay, Scale};
use crate::components::playback::{PlaybackControls, use_playback};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::data::{DigitCaption, WithDigits};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::receptive_field::{self, Bar};
use crate::url_state::{Query, QueryState, read, use_query_state};

mod text;

use text as t;

pub fn page() -> AnyView {
    view! { <Pooling /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The ranges of the numbers, each written once: for reading its field and for its slider.
const DIGIT: Ints = Ints(0, 9999);
const SIZE: Ints = Ints(1, 6);
const STRIDE: Ints = Ints(1, 6);
const SPEED: Floats = Floats(0.5, 30.0);

#[derive(Debug, Clone, PartialEq)]
pub(super) struct State {
    digit: String,
    feature: String,
    size: String,
    stride: String,
    speed: String,
    /// Receptive field: selected layer (1-based) and cell.
    layer: usize,
    cell: (usize, usize),
}

impl Default for State {
    fn default() -> Self {
        Self {
            digit: "2130".into(),
            feature: KernelPreset::Edge.key().into(),
            size: "2".into(),
            stride: "2".into(),
            speed: "4".into(),
            layer: 4,
            cell: (2, 2),
        }
    }
}

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let d = Self::default();
        Self {
            digit: q.text("d", &d.digit),
            feature: q.choice("f", |k| KernelPreset::from_key(k).map(|p| p.key().to_string()), d.feature),
            size: q.text("size", &d.size),
            stride: q.text("s", &d.stride),
            speed: q.text("v", &d.speed),
            layer: q.parse("rl", d.layer).clamp(1, RF_LAYERS.len()),
            cell: (q.parse("ry", d.cell.0), q.parse("rx", d.cell.1)),
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("d", self.digit.clone()),
            ("f", self.feature.clone()),
            ("size", self.size.clone()),
            ("s", self.stride.clone()),
            ("v", self.speed.clone()),
            ("rl", self.layer.to_string()),
            ("ry", self.cell.0.to_string()),
            ("rx", self.cell.1.to_string()),
        ]
    }

    fn ranges() -> Vec<(&'static str, crate::components::slider::Range)> {
        vec![("d", DIGIT.range()), ("size", SIZE.range()), ("s", STRIDE.range()), ("v", SPEED.range())]
    }
}

/// The note's CNN as sliding windows: conv 3×3 → pool 2 → conv 3×3 → pool 2.
const RF_LAYERS: [Window; 4] = [
    Window { kernel: 3, stride: 1, padding: 0 },
    Window { kernel: 2, stride: 2, padding: 0 },
    Window { kernel: 3, stride: 1, padding: 0 },
    Window { kernel: 2, stride: 2, padding: 0 },
];
const RF_NAMES: [&str; 4] = ["conv1 3×3", "pool1 2×2", "conv2 3×3", "pool2 2×2"];

/// The feature map to pool: the digit convolved with a 3×3 kernel, then ReLU.
pub(crate) fn feature_map(digit: &Volume, preset: KernelPreset) -> Volume {
    let conv = Conv2d {
        kernel: Volume::from_vec(1, 3, 3, preset.weights(3)).expect("3×3"),
        bias: 0.0,
        stride: 1,
        padding: 0,
        mode: PadMode::Zero,
    };
    let mut map = conv.apply(digit).expect("3×3 fits 28×28");
    map.data.iter_mut().for_each(|v| *v = v.max(0.0));
    map
}

#[derive(Debug, PartialEq)]
struct Pools {
    map: Volume,
    max: Pooled,
    avg: Pooled,
    size: usize,
    stride: usize,
}

fn pools(st: &State, digits: &Mnist) -> Option<Result<Pools, engine::conv::GeometryError>> {
    let index = DIGIT.parse(&st.digit).ok()?.min(digits.len() - 1);
    let size = SIZE.parse(&st.size).ok()?;
    let stride = STRIDE.parse(&st.stride).ok()?;
    let preset = KernelPreset::from_key(&st.feature).unwrap_or(KernelPreset::Edge);
    let map = feature_map(&digits.volume(index), preset);
    let run = |kind| pool2d(&map, size, stride, kind);
    Some(
        run(PoolKind::Max)
            .and_then(|max| Ok(Pools { max, avg: run(PoolKind::Average)?, map: map.clone(), size, stride })),
    )
}

#[component]
fn Pooling() -> impl IntoView {
    let state = use_query_state::<State>();
    let render = move |digits: Arc<Mnist>| {
        view! {
            <PoolingPanel state=state digits=digits.clone() />
            <ReceptiveField state=state digits=digits />
        }
    };
    view! {
        <WithDigits render=render />
        <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
        <PoolingQuestions state=state />
    }
}

/// The pooled side and a receptive field, predicted, then computed by the engine.
#[component]
fn PoolingQuestions(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    // The feature map is the 3×3 convolution's output on a 28×28 digit.
    let side = engine::conv::Axis::new(28, 3, 1, 0).output().unwrap_or(26);
    let window = move || state.with(|s| Some((SIZE.parse(&s.size).ok()?, STRIDE.parse(&s.stride).ok()?)));
    let q1 = Signal::derive(move || match window() {
        Some((k, s)) => fill(t::Q1.get(lang.get()), &[&side, &k, &s]),
        None => t::Q_FIX.get(lang.get()).to_string(),
    });
    let pooled = Signal::derive(move || {
        let (k, s) = window()?;
        engine::conv::Axis::new(side, k, s, 0).output().ok().map(|n| n.to_string())
    });
    let fields = receptive_fields(&RF_LAYERS);
    let layer = move || state.with(|s| s.layer);
    let q2 = Signal::derive(move || fill(t::Q2.get(lang.get()), &[&RF_NAMES[layer() - 1]]));
    let field = Signal::derive(move || fields.get(layer() - 1).map(|f| f.size.to_string()));
    view! {
        <Questions>
            <Question id="pooling/1" prompt=q1 kind=Kind::Number { tolerance: 0.0 } answer=pooled hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) />
            <Question id="pooling/2" prompt=q2 kind=Kind::Number { tolerance: 0.0 } answer=field hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) />
        </Questions>
    }
}

#[component]
fn PoolingPanel(state: RwSignal<State>, digits: Arc<Mnist>) -> impl IntoView {
    let lang = use_lang();
    let built = Memo::new({
        let digits = digits.clone();
        move |_| state.with(|st| pools(st, &digits).map(|r| r.map(Arc::new).map_err(|e| e.to_string())))
    });
    let ready = move || built.get().and_then(Result::ok);
    let total = Signal::derive(move || ready().map_or(0, |p| p.max.output.height * p.max.output.width));
    let speed = Signal::derive(move || state.with(|s| SPEED.parse(&s.speed).unwrap_or(4.0)));
    let pb = use_playback(total, speed);
    let hovered = RwSignal::new(None::<(usize, usize)>);
    let focus = Signal::derive(move || {
        let width = ready()?.max.output.width;
        hovered.get().or_else(|| pb.current().map(|i| (i / width, i % width)))
    });
    let map_overlays = Signal::derive(move || {
        let (Some(p), Some((oy, ox))) = (ready(), focus.get()) else { return vec![] };
        let (py, px) = p.max.picked[oy * p.max.output.width + ox];
        vec![
            Overlay { y: oy * p.stride, x: ox * p.stride, height: p.size, width: p.size, class: "ov-window" },
            Overlay { y: py, x: px, height: 1, width: 1, class: "ov-picked" },
        ]
    });
    let out_overlays = Signal::derive(move || {
        focus.get().map(|(y, x)| vec![Overlay { y, x, height: 1, width: 1, class: "ov-current" }]).unwrap_or_default()
    });
    let map_cells = Signal::derive(move || ready().map(|p| Cells::from_volume(&p.map, 0)).unwrap_or_default());
    let max_cells = Signal::derive(move || ready().map(|p| Cells::from_volume(&p.max.output, 0)).unwrap_or_default());
    let avg_cells = Signal::derive(move || ready().map(|p| Cells::from_volume(&p.avg.output, 0)).unwrap_or_default());
    let scale = Signal::derive(move || Scale::Ink { max: map_cells.with(Cells::max_abs).max(1e-3) });
    let revealed = Signal::derive(move || pb.done());
    let hover = Callback::new(move |at| hovered.set(at));
    let out_cell = move || (260.0 / max_cells.with(|c| c.width.max(1)) as f64).clamp(10.0, 40.0);
    let focus_values = move || {
        let (p, (oy, ox)) = (ready()?, focus.get()?);
        let i = oy * p.max.output.width + ox;
        Some(fill(
            t::FOCUS.get(lang.get()),
            &[&(oy + 1), &(ox + 1), &format!("{:.2}", p.max.output.data[i]), &format!("{:.2}", p.avg.output.data[i])],
        ))
    };
    let presets = KernelPreset::ALL.map(|p| {
        let name = match p {
            KernelPreset::Identity => t::IDENTITY,
            KernelPreset::Edge => t::EDGE,
            KernelPreset::Blur => t::BLUR,
            KernelPreset::Sharpen => t::SHARPEN,
        };
        view! {
            <button class="btn small" data-feature=p.key() class:active=move || state.with(|s| s.feature == p.key()) on:click=move |_| state.update(|s| s.feature = p.key().into())>
                {tr(name)}
            </button>
        }
    });
    view! {

        {move || match built.get() {
            None => view! { <p class="error-box" role="alert">{tr(t::FIX_FIELDS)}</p> }.into_any(),
            Some(Err(_)) => view! { <p class="error-box" role="alert">{tr(t::NO_FIT)}</p> }.into_any(),
            Some(Ok(_)) => view! {
                <section class="panel">
                    <PlaybackControls pb=pb />
                    <div class="stage">
                        <figure>
                            <figcaption>{move || fill(t::MAP_CAP.get(lang.get()), &[&map_cells.with(|c| c.height)])}</figcaption>
                            <Grid cells=map_cells scale=scale cell=12.0 overlays=map_overlays name=t::GRID_MAP label="feature-map" />
                        </figure>
                        <figure>
                            <figcaption>{tr(t::MAX_CAP)}</figcaption>
                            <Grid cells=max_cells scale=scale cell=out_cell() revealed=revealed overlays=out_overlays on_hover=hover name=t::MAX_CAP label="max-pool" />
                        </figure>
                        <figure>
                            <figcaption>{tr(t::AVG_CAP)}</figcaption>
                            <Grid cells=avg_cells scale=scale cell=out_cell() revealed=revealed overlays=out_overlays on_hover=hover name=t::AVG_CAP label="avg-pool" />
                        </figure>
                    </div>
                    <p class="products" data-result="pool-values">{focus_values}</p>
                    <p class="legend"><span class="swatch sw-window"></span>{tr(t::LEG_WINDOW)}<span class="swatch sw-picked"></span>{tr(t::LEG_PICKED)}</p>
                </section>
            }.into_any(),
        }}
        <section class="panel controls">
            <div class="fields">
                <Field label=t::DIGIT name="d" value=read(state, |s| s.digit.clone()) on_input=move |v| state.update(|s| s.digit = v) error=read(state, |s| DIGIT.parse(&s.digit).err()) hint=t::DIGIT_HINT />
                <DigitCaption index=Signal::derive(move || state.with(|s| DIGIT.parse(&s.digit).ok())) />
                <Field label=t::SIZE name="size" value=read(state, |s| s.size.clone()) on_input=move |v| state.update(|s| s.size = v) error=read(state, |s| SIZE.parse(&s.size).err()) />
                <Field label=t::STRIDE name="s" value=read(state, |s| s.stride.clone()) on_input=move |v| state.update(|s| s.stride = v) error=read(state, |s| STRIDE.parse(&s.stride).err()) />
            </div>
            <MoreSettings>
                <Field label=t::SPEED name="v" value=read(state, |s| s.speed.clone()) on_input=move |v| state.update(|s| s.speed = v) error=read(state, |s| SPEED.parse(&s.speed).err()) hint=t::SPEED_HINT />
            </MoreSettings>
            <div class="row presets"><span>{tr(t::FEATURE)}</span>{presets.into_iter().collect_view()}</div>
        </section>
        <section class="panel two-col">
            <div>
                <h2>{tr(t::PARAMS_TITLE)}</h2>
                <p class="big-answer" data-result="pool-params">"0"</p>
                <Lead text=move || fill(t::PARAMS.get(lang.get()), &[&conv_params(3, 3, 1, 25, true)]) />
            </div>
            <div>
                <h2>{tr(t::WHY_MAX_TITLE)}</h2>
                <Lead text=tr(t::WHY_MAX) />
            </div>
        </section>
    }
}

/// The receptive field of the note's CNN, layer by layer, drawn on the digit.
#[component]
fn ReceptiveField(state: RwSignal<State>, digits: Arc<Mnist>) -> impl IntoView {
    let lang = use_lang();
    let fields = receptive_fields(&RF_LAYERS);
    // Output side of every layer for a 28×28 input: 26, 13, 11, 5.
    let mut sides = [0usize; 4];
    let mut n = 28;
    for (side, w) in sides.iter_mut().zip(&RF_LAYERS) {
        n = (n + 2 * w.padding - w.kernel) / w.stride + 1;
        *side = n;
    }
    let digit = Signal::derive({
        let digits = digits.clone();
        move || {
            let index = state.with(|s| DIGIT.parse(&s.digit).unwrap_or(0)).min(digits.len() - 1);
            Cells::from_volume(&digits.volume(index), 0)
        }
    });
    let selected = move || {
        state.with(|s| {
            let side = sides[s.layer - 1];
            (s.layer, (s.cell.0.min(side - 1), s.cell.1.min(side - 1)))
        })
    };
    // For the chosen cell of layer L, the input region seen by the cell of every layer l ≤ L
    // along the chain of window corners: nested boxes that grow 3, 4, 8, 10.
    let overlays = Signal::derive(move || {
        let (layer, (y, x)) = selected();
        let (mut cy, mut cx) = (y, x);
        let mut regions = Vec::new();
        for l in (0..layer).rev() {
            let (y0, y1) = input_region(&RF_LAYERS[..=l], cy, 28);
            let (x0, x1) = input_region(&RF_LAYERS[..=l], cx, 28);
            regions.push(Overlay {
                y: y0,
                x: x0,
                height: y1 - y0,
                width: x1 - x0,
                class: ["ov-rf-0", "ov-rf-1", "ov-rf-2", "ov-rf-3"][l],
            });
            cy = (cy * RF_LAYERS[l].stride).saturating_sub(RF_LAYERS[l].padding);
            cx = (cx * RF_LAYERS[l].stride).saturating_sub(RF_LAYERS[l].padding);
        }
        regions.reverse();
        regions
    });
    let layer_cells = Signal::derive(move || {
        let side = sides[state.with(|s| s.layer) - 1];
        Cells { height: side, width: side, values: vec![0.0; side * side] }
    });
    let layer_overlay = Signal::derive(move || {
        let (_, (y, x)) = selected();
        vec![Overlay { y, x, height: 1, width: 1, class: "ov-current" }]
    });
    // Every layer's grid is drawn about as large as the input, so small layers stay clickable.
    let layer_cell = move || (300.0 / sides[state.with(|s| s.layer) - 1] as f64).clamp(11.0, 48.0);
    let pick = Callback::new(move |(y, x)| state.update(|s| s.cell = (y, x)));
    let bars: Vec<Bar> =
        RF_NAMES.iter().zip(&fields).map(|(n, f)| Bar { label: n.to_string(), size: f.size }).collect();
    let rows = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let side = sides[i];
            view! {
                <tr class:selected=move || state.with(|s| s.layer == i + 1)>
                    <td>
                        <button class="btn small" data-layer=i + 1 on:click=move |_| state.update(|s| s.layer = i + 1)>
                            {RF_NAMES[i]}
                        </button>
                    </td>
                    <td>{format!("{side}×{side}")}</td>
                    <td>{format!("{0}×{0}", f.size)}</td>
                    <td>{f.jump}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{tr(t::RF_TITLE)}</h2>
            <Lead text=tr(t::RF_INTRO) />
            <div class="stage">
                <figure>
                    <figcaption>{tr(t::RF_INPUT)}</figcaption>
                    <Grid cells=digit scale=Signal::derive(|| Scale::Ink { max: 1.0 }) cell=12.0 overlays=overlays name=t::GRID_DIGIT label="rf-input" />
                    <p class="legend">
                        {RF_NAMES.iter().enumerate().map(|(i, n)| view! { <span class=format!("swatch sw-rf-{i}")></span>{*n}" " }).collect_view()}
                    </p>
                </figure>
                <figure>
                    <figcaption>{move || { let (l, (y, x)) = selected(); fill(t::RF_LAYER.get(lang.get()), &[&RF_NAMES[l - 1], &(y + 1), &(x + 1)]) }}</figcaption>
                    <Grid cells=layer_cells scale=Signal::derive(|| Scale::Ink { max: 1.0 }) cell=layer_cell() overlays=layer_overlay on_click=pick name=t::GRID_LAYER label="rf-layer" />
                    <p class="hint">{tr(t::RF_CLICK)}</p>
                </figure>
            </div>
            <table class="data-table" data-result="rf-table">
                <thead><tr><th>{tr(t::COL_LAYER)}</th><th>{tr(t::COL_OUT)}</th><th>{tr(t::COL_RF)}</th><th>{tr(t::COL_JUMP)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <PlotCanvas width=640 height=260 label="rf-growth" draw=move |area| {
                let layer = state.with(|s| s.layer);
                receptive_field::draw(area, &bars, Some(layer - 1), t::RF_AXIS.get(lang.get()))
            } />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pooling_a_digits_feature_map() {
        let mut pixels = vec![0u8; 784];
        (0..28).for_each(|i| pixels[i * 28 + 14] = 255); // a vertical stroke
        let digits = Mnist::from_parts(vec![1], pixels).unwrap();
        let st = State { digit: "0".into(), ..State::default() };
        let p = pools(&st, &digits).unwrap().unwrap();
        assert_eq!((p.map.height, p.max.output.height, p.avg.output.height), (26, 13, 13));
        // Max pooling keeps the stroke's strength; averaging dilutes it.
        let top = |v: &Volume| v.data.iter().cloned().fold(0.0f32, f32::max);
        assert!(top(&p.max.output) > top(&p.avg.output));
        let bad = State { size: "x".into(), ..st };
        assert!(pools(&bad, &digits).is_none());
    }

    #[test]
    fn query_round_trips() {
        let st = State { layer: 2, cell: (5, 6), feature: "blur".into(), ..State::default() };
        let q = st.to_query();
        assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
    }
}
