//! 卷积核、步长与填充 — Kernels, stride and padding: a kernel slides over a small editable grid
//! or a real digit; every output cell is its sum of products; stride and padding change the
//! output size, and a stride that does not fit loses rows and columns, shown and named.

use engine::conv::{Axis, Conv2d, KernelPreset, PadMode, Term, Volume};
use engine::mnist::Mnist;
use leptos::prelude::*;

use crate::components::field::{Choice, Field, InputError, parse_float, parse_int};
use crate::components::grid::{Cells, Grid, Overlay, Scale, fmt_value};
use crate::components::playback::{PlaybackControls, use_playback};
use crate::data::{DigitCaption, use_digits};
use crate::i18n::{fill, tr, use_lang};
use crate::url_state::{Query, QueryState, read, use_query_state};

pub fn page() -> AnyView {
    view! { <Convolution /> }.into_any()
}

/// Where the input comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Grid,
    Digit,
}

/// What the student can change. Numbers are kept as typed so that nothing is lost while a
/// value is being edited; cell lists are comma-separated.
#[derive(Debug, Clone, PartialEq)]
struct State {
    source: Source,
    digit: String,
    size: String,
    channels: String,
    cells: String,
    ksize: String,
    preset: String,
    kernel: String,
    bias: String,
    stride: String,
    padding: String,
    mode: PadMode,
    speed: String,
}

impl Default for State {
    /// The note's example: a 7×7 grid, a 3×3 kernel and stride 3, which does not fit.
    fn default() -> Self {
        Self {
            source: Source::Grid,
            digit: "2130".into(),
            size: "7".into(),
            channels: "1".into(),
            cells: join(&default_grid(7, 1)),
            ksize: "3".into(),
            preset: KernelPreset::Edge.key().into(),
            kernel: join(&KernelPreset::Edge.weights(3)),
            bias: "0".into(),
            stride: "3".into(),
            padding: "0".into(),
            mode: PadMode::Zero,
            speed: "2".into(),
        }
    }
}

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let d = Self::default();
        let mut s = Self {
            source: if q.text("src", "grid") == "digit" { Source::Digit } else { Source::Grid },
            digit: q.text("d", &d.digit),
            size: q.text("g", &d.size),
            channels: q.text("c", &d.channels),
            cells: q.text("cells", &d.cells),
            ksize: q.text("k", &d.ksize),
            preset: q.text("kp", &d.preset),
            kernel: q.text("kv", &d.kernel),
            bias: q.text("b", &d.bias),
            stride: q.text("s", &d.stride),
            padding: q.text("p", &d.padding),
            mode: q.choice("m", PadMode::from_key, d.mode),
            speed: q.text("v", &d.speed),
        };
        // A named preset decides the weights; the grid takes the size and channels given.
        reshape(&mut s, |_| {});
        s
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("src", if self.source == Source::Digit { "digit" } else { "grid" }.into()),
            ("d", self.digit.clone()),
            ("g", self.size.clone()),
            ("c", self.channels.clone()),
            ("cells", self.cells.clone()),
            ("k", self.ksize.clone()),
            ("kp", self.preset.clone()),
            ("kv", self.kernel.clone()),
            ("b", self.bias.clone()),
            ("s", self.stride.clone()),
            ("p", self.padding.clone()),
            ("m", self.mode.key().into()),
            ("v", self.speed.clone()),
        ]
    }
}

fn join(values: &[f32]) -> String {
    values.iter().map(|v| fmt_value(*v)).collect::<Vec<_>>().join(",")
}

/// The starting grid of each channel: an X, a plus, a frame. Every pattern reaches the last row
/// and column, so a stride that skips them visibly loses ink.
fn default_grid(size: usize, channels: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(channels * size * size);
    for c in 0..channels {
        for y in 0..size {
            for x in 0..size {
                let mid = size / 2;
                let on = match c % 3 {
                    0 => y == x || y + x == size - 1,
                    1 => y == mid || x == mid,
                    _ => y == 0 || x == 0 || y == size - 1 || x == size - 1,
                };
                let centre = y == mid && x == mid && c % 3 == 0;
                out.push(if centre { 2.0 } else { f32::from(u8::from(on)) });
            }
        }
    }
    out
}

/// Fits a comma-separated list of cells to `channels × size × size`, keeping every value that
/// still has a place; new cells take the default pattern. A list that does not read at all is
/// replaced by the default.
fn fit_cells(cells: &str, old_size: usize, old_channels: usize, size: usize, channels: usize) -> Vec<f32> {
    let mut out = default_grid(size, channels);
    let old: Vec<f32> = cells.split(',').filter_map(|v| v.trim().parse().ok()).collect();
    if old.len() == old_channels * old_size * old_size {
        for c in 0..channels.min(old_channels) {
            for y in 0..size.min(old_size) {
                for x in 0..size.min(old_size) {
                    out[(c * size + y) * size + x] = old[(c * old_size + y) * old_size + x];
                }
            }
        }
    }
    out
}

/// Everything the page shows, once every control reads.
#[derive(Debug, Clone, PartialEq)]
struct Setup {
    input: Volume,
    conv: Conv2d,
    output: Volume,
    axis: Axis,
}

/// Per-control errors.
#[derive(Debug, Clone, Default, PartialEq)]
struct Errors {
    digit: Option<InputError>,
    size: Option<InputError>,
    channels: Option<InputError>,
    ksize: Option<InputError>,
    kernel: Vec<Option<InputError>>,
    bias: Option<InputError>,
    stride: Option<InputError>,
    padding: Option<InputError>,
    speed: Option<InputError>,
}

impl Errors {
    fn any(&self) -> bool {
        [self.digit, self.size, self.channels, self.ksize, self.bias, self.stride, self.padding]
            .iter()
            .any(Option::is_some)
            || self.kernel.iter().any(Option::is_some)
    }
}

fn kernel_texts(st: &State) -> Vec<String> {
    st.kernel.split(',').map(|s| s.trim().to_string()).collect()
}

fn channels_of(st: &State) -> Result<usize, InputError> {
    if st.source == Source::Digit { Ok(1) } else { parse_int(&st.channels, 1, 3) }
}

fn errors(st: &State) -> Errors {
    let ksize = parse_int(&st.ksize, 1, 7);
    let channels = channels_of(st);
    let kernel = match (ksize, channels) {
        (Ok(k), Ok(c)) => {
            let texts = kernel_texts(st);
            (0..c * k * k)
                .map(|i| texts.get(i).map_or(Some(InputError::Empty), |t| parse_float(t, -99.0, 99.0).err()))
                .collect()
        }
        _ => vec![],
    };
    Errors {
        digit: (st.source == Source::Digit).then(|| parse_int(&st.digit, 0, 9999).err()).flatten(),
        size: (st.source == Source::Grid).then(|| parse_int(&st.size, 2, 12).err()).flatten(),
        channels: channels.err(),
        ksize: ksize.err(),
        kernel,
        bias: parse_float(&st.bias, -99.0, 99.0).err(),
        stride: parse_int(&st.stride, 1, 8).err(),
        padding: parse_int(&st.padding, 0, 6).err(),
        speed: parse_float(&st.speed, 0.5, 30.0).err(),
    }
}

/// Builds the input, the convolution and its output; `None` while a control does not read or
/// the digits are not loaded. A kernel too large for the input is reported as `Err`.
fn setup(st: &State, digits: Option<&Mnist>) -> Option<Result<Setup, engine::conv::GeometryError>> {
    if errors(st).any() {
        return None;
    }
    let channels = channels_of(st).ok()?;
    let input = match st.source {
        Source::Digit => digits?.volume(parse_int(&st.digit, 0, 9999).ok()?.min(digits?.len() - 1)),
        Source::Grid => {
            let size = parse_int(&st.size, 2, 12).ok()?;
            let values = fit_cells(&st.cells, size, channels, size, channels);
            Volume::from_vec(channels, size, size, values)?
        }
    };
    let k = parse_int(&st.ksize, 1, 7).ok()?;
    let weights: Vec<f32> = kernel_texts(st).iter().take(channels * k * k).map(|t| t.parse().unwrap_or(0.0)).collect();
    let conv = Conv2d {
        kernel: Volume::from_vec(channels, k, k, weights)?,
        bias: st.bias.trim().parse().ok()?,
        stride: parse_int(&st.stride, 1, 8).ok()?,
        padding: parse_int(&st.padding, 0, 6).ok()?,
        mode: st.mode,
    };
    let axis = Axis::new(input.height, k, conv.stride, conv.padding);
    Some(conv.apply(&input).map(|output| Setup { input, conv, output, axis }))
}

/// The smallest padding from `p` on that makes the windows fit exactly, if any does nearby.
fn fitting_padding(axis: Axis) -> Option<usize> {
    (axis.padding..=axis.padding + axis.stride).find(|&p| Axis { padding: p, ..axis }.fits_exactly() == Ok(true))
}

#[component]
fn Convolution() -> impl IntoView {
    let state = use_query_state::<State>();
    let digits = use_digits();
    let errs = Memo::new(move |_| state.with(errors));
    let built = Memo::new(move |_| {
        let set = digits.get().and_then(Result::ok);
        state.with(|st| setup(st, set.as_deref()))
    });
    let total = Signal::derive(move || match built.get() {
        Some(Ok(s)) => s.output.height * s.output.width,
        _ => 0,
    });
    let speed = Signal::derive(move || state.with(|s| s.speed.trim().parse().unwrap_or(2.0)));
    let pb = use_playback(total, speed);
    let hovered = RwSignal::new(None::<(usize, usize)>);
    // The output cell being explained: the hovered one, else the animation's current one.
    let focus = Signal::derive(move || {
        let width = match built.get() {
            Some(Ok(s)) => s.output.width,
            _ => return None,
        };
        hovered.get().or_else(|| pb.current().map(|i| (i / width, i % width)))
    });

    view! {
        <section class="lesson-intro">
            <p>{tr(t::INTRO)}</p>
        </section>
        <Controls state=state errs=errs />
        {move || match built.get() {
            None if errs.with(Errors::any) => view! { <p class="error-box" role="alert">{tr(t::FIX_FIELDS)}</p> }.into_any(),
            None => match digits.get() {
                Some(Err(e)) => view! { <p class="error-box" role="alert">{e}</p> }.into_any(),
                _ => view! { <p class="loading">{tr(t::LOADING)}</p> }.into_any(),
            },
            Some(Err(_)) => view! { <p class="error-box" role="alert" data-result="geometry">{tr(t::NO_FIT)}</p> }.into_any(),
            Some(Ok(_)) => view! {
                <section class="panel">
                    <PlaybackControls pb=pb />
                    <Stage state=state built=built focus=focus hovered=hovered revealed=Signal::derive(move || pb.done()) />
                    <Products built=built focus=focus />
                </section>
                <SizeFormula built=built />
            }
            .into_any(),
        }}
    }
}

/// Every control: source, grid, kernel, stride, padding, speed.
#[component]
fn Controls(state: RwSignal<State>, errs: Memo<Errors>) -> impl IntoView {
    let lang = use_lang();
    let is_grid = move || state.with(|s| s.source == Source::Grid);
    view! {
        <section class="panel controls">
            <div class="fields">
                <Choice
                    label=t::SOURCE
                    name="src"
                    options=vec![("grid", t::SRC_GRID), ("digit", t::SRC_DIGIT)]
                    value=Signal::derive(move || if is_grid() { "grid".to_string() } else { "digit".to_string() })
                    on_change=move |v| state.update(|s| reshape(s, |s| s.source = if v == "digit" { Source::Digit } else { Source::Grid }))
                />
                {move || if is_grid() {
                    view! {
                        <Field label=t::SIZE name="g" value=read(state, |s| s.size.clone()) on_input=move |v| state.update(|s| reshape(s, |s| s.size = v)) error=read(errs, |e| e.size) />
                        <Field label=t::CHANNELS name="c" value=read(state, |s| s.channels.clone()) on_input=move |v| state.update(|s| reshape(s, |s| s.channels = v)) error=read(errs, |e| e.channels) />
                    }.into_any()
                } else {
                    view! {
                        <Field label=t::DIGIT name="d" value=read(state, |s| s.digit.clone()) on_input=move |v| state.update(|s| s.digit = v) error=read(errs, |e| e.digit) hint=t::DIGIT_HINT />
                        <DigitCaption index=Signal::derive(move || state.with(|s| parse_int(&s.digit, 0, 9999).ok())) />
                    }.into_any()
                }}
                <Field label=t::KSIZE name="k" value=read(state, |s| s.ksize.clone()) on_input=move |v| state.update(|s| reshape(s, |s| s.ksize = v)) error=read(errs, |e| e.ksize) />
                <Field label=t::STRIDE name="s" value=read(state, |s| s.stride.clone()) on_input=move |v| state.update(|s| s.stride = v) error=read(errs, |e| e.stride) />
                <Field label=t::PADDING name="p" value=read(state, |s| s.padding.clone()) on_input=move |v| state.update(|s| s.padding = v) error=read(errs, |e| e.padding) />
                <Choice
                    label=t::MODE
                    name="m"
                    options=vec![("zero", t::MODE_ZERO), ("one", t::MODE_ONE), ("replicate", t::MODE_REPLICATE)]
                    value=Signal::derive(move || state.with(|s| s.mode.key().to_string()))
                    on_change=move |v| state.update(|s| s.mode = PadMode::from_key(&v).unwrap_or_default())
                />
                <Field label=t::BIAS name="b" value=read(state, |s| s.bias.clone()) on_input=move |v| state.update(|s| s.bias = v) error=read(errs, |e| e.bias) />
                <Field label=t::SPEED name="v" value=read(state, |s| s.speed.clone()) on_input=move |v| state.update(|s| s.speed = v) error=read(errs, |e| e.speed) hint=t::SPEED_HINT />
            </div>
            <div class="row">
                <button class="btn" data-action="note-preset" on:click=move |_| state.set(State::default())>{tr(t::NOTE_PRESET)}</button>
                <button class="btn" data-action="fit-preset" on:click=move |_| state.update(|s| s.padding = "1".into())>{tr(t::PAD_ONE)}</button>
                <Show when=is_grid>
                    <button class="btn" data-action="clear" on:click=move |_| state.update(|s| {
                        let n = s.cells.split(',').count();
                        s.cells = vec!["0"; n].join(",");
                    })>{tr(t::CLEAR)}</button>
                </Show>
            </div>
            <KernelEditor state=state errs=errs />
            <p class="hint">{move || if is_grid() { t::GRID_HINT.get(lang.get()) } else { t::DIGIT_NOTE.get(lang.get()) }}</p>
        </section>
    }
}

/// Applies `change` to the state, then resizes the grid and the kernel to the new size and
/// channels: a kernel preset is regenerated; drawn cells and custom weights keep their place
/// wherever they still have one.
fn reshape(s: &mut State, change: impl FnOnce(&mut State)) {
    let grid = |s: &State| (parse_int(&s.size, 2, 12), parse_int(&s.channels, 1, 3));
    let kernel = |s: &State| (parse_int(&s.ksize, 1, 7), channels_of(s));
    let (old_grid, old_kernel) = (grid(s), kernel(s));
    change(s);
    if let ((Ok(os), Ok(oc)), (Ok(ns), Ok(nc))) = (old_grid, grid(s)) {
        s.cells = join(&fit_cells(&s.cells, os, oc, ns, nc));
    }
    let (Ok(k), Ok(c)) = kernel(s) else { return };
    if let Some(preset) = KernelPreset::from_key(&s.preset) {
        s.kernel = join(&preset.weights(k).repeat(c));
        return;
    }
    let (Ok(ok), Ok(oc)) = old_kernel else { return };
    let texts = kernel_texts(s);
    let cells: Vec<String> = (0..c * k * k)
        .map(|i| {
            let (ch, y, x) = (i / (k * k), (i / k) % k, i % k);
            let kept = ch < oc && y < ok && x < ok;
            kept.then(|| texts.get((ch * ok + y) * ok + x).cloned()).flatten().unwrap_or_else(|| "0".into())
        })
        .collect();
    s.kernel = cells.join(",");
}

/// The kernel's weights as editable cells, one block per input channel, with presets.
#[component]
fn KernelEditor(state: RwSignal<State>, errs: Memo<Errors>) -> impl IntoView {
    let lang = use_lang();
    let shape = move || state.with(|s| (parse_int(&s.ksize, 1, 7).ok(), channels_of(s).ok()));
    let presets = KernelPreset::ALL.map(|p| {
        let text = match p {
            KernelPreset::Identity => t::IDENTITY,
            KernelPreset::Edge => t::EDGE,
            KernelPreset::Blur => t::BLUR,
            KernelPreset::Sharpen => t::SHARPEN,
        };
        view! {
            <button
                class="btn small"
                data-preset=p.key()
                class:active=move || state.with(|s| s.preset == p.key())
                on:click=move |_| state.update(|s| reshape(s, |s| s.preset = p.key().into()))
            >
                {move || text.get(lang.get())}
            </button>
        }
    });
    let blocks = move || {
        let (Some(k), Some(c)) = shape() else { return ().into_any() };
        (0..c)
            .map(|ch| {
                let cells = (0..k * k)
                    .map(|i| {
                        let idx = ch * k * k + i;
                        let value = move || state.with(|s| kernel_texts(s).get(idx).cloned().unwrap_or_default());
                        let bad = move || errs.with(|e| e.kernel.get(idx).copied().flatten().is_some());
                        view! {
                            <input
                                class="kernel-cell"
                                class:invalid=bad
                                type="text"
                                inputmode="decimal"
                                aria-label=format!("w[{ch},{},{}]", i / k, i % k)
                                prop:value=value
                                on:input=move |ev| {
                                    let v = event_target_value(&ev).replace(',', ".");
                                    state.update(|s| {
                                        let mut texts = kernel_texts(s);
                                        texts.resize(texts.len().max(idx + 1), "0".into());
                                        texts[idx] = v;
                                        s.kernel = texts.join(",");
                                        s.preset = "custom".into();
                                    })
                                }
                            />
                        }
                    })
                    .collect_view();
                view! {
                    <div class="kernel-block">
                        <span class="kernel-label">{move || fill(t::CHANNEL_N.get(lang.get()), &[&(ch + 1)])}</span>
                        <div class="kernel-grid" style=format!("grid-template-columns: repeat({k}, 3.2em)")>{cells}</div>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="kernel-editor">
            <h3>{tr(t::KERNEL)}</h3>
            <div class="row presets">{presets.into_iter().collect_view()}</div>
            <div class="kernel-blocks">{blocks}</div>
            {move || errs.with(|e| e.kernel.iter().any(Option::is_some)).then(|| view! { <p class="field-error" role="alert">{tr(t::KERNEL_BAD)}</p> })}
        </div>
    }
}

type Built = Memo<Option<Result<Setup, engine::conv::GeometryError>>>;

fn ready(built: Built) -> Option<Setup> {
    built.get().and_then(Result::ok)
}

/// Input (padded, one grid per channel), kernel window and output, side by side.
#[component]
fn Stage(
    state: RwSignal<State>,
    built: Built,
    focus: Signal<Option<(usize, usize)>>,
    hovered: RwSignal<Option<(usize, usize)>>,
    revealed: Signal<usize>,
) -> impl IntoView {
    let lang = use_lang();
    let padded = Memo::new(move |_| ready(built).map(|s| s.input.padded(s.conv.padding, s.conv.mode)));
    let side = move || padded.with(|p| p.as_ref().map_or(1, |v| v.width));
    let cell = move || (380.0 / side() as f64).clamp(11.0, 44.0);
    let numbers = move || side() <= 16;
    let input_overlays = Signal::derive(move || {
        let Some(s) = ready(built) else { return vec![] };
        let p = s.conv.padding;
        let (h, w) = (s.input.height, s.input.width);
        let mut o = Vec::new();
        if p > 0 {
            let full = w + 2 * p;
            o.push(Overlay { y: 0, x: 0, height: p, width: full, class: "ov-padding" });
            o.push(Overlay { y: p + h, x: 0, height: p, width: full, class: "ov-padding" });
            o.push(Overlay { y: p, x: 0, height: h, width: p, class: "ov-padding" });
            o.push(Overlay { y: p, x: p + w, height: h, width: p, class: "ov-padding" });
        }
        for lost in s.axis.lost().unwrap_or_default() {
            o.push(Overlay { y: lost + p, x: p, height: 1, width: w, class: "ov-lost" });
            o.push(Overlay { y: p, x: lost + p, height: h, width: 1, class: "ov-lost" });
        }
        if let Some((oy, ox)) = focus.get() {
            let (top, left) = s.conv.window(oy, ox);
            o.push(Overlay {
                y: top,
                x: left,
                height: s.conv.kernel.height,
                width: s.conv.kernel.width,
                class: "ov-window",
            });
        }
        o
    });
    let output_overlays = Signal::derive(move || {
        focus.get().map(|(y, x)| vec![Overlay { y, x, height: 1, width: 1, class: "ov-current" }]).unwrap_or_default()
    });
    let in_scale = Signal::derive(move || match ready(built) {
        Some(s) if s.input.data.iter().all(|v| (0.0..=1.0).contains(v)) => Scale::Ink { max: 1.0 },
        Some(s) => Scale::Ink { max: s.input.data.iter().fold(1.0f32, |m, v| m.max(*v)) },
        None => Scale::Ink { max: 1.0 },
    });
    let output = Signal::derive(move || ready(built).map(|s| Cells::from_volume(&s.output, 0)).unwrap_or_default());
    let out_scale = Signal::derive(move || Scale::Diverging { max_abs: output.with(Cells::max_abs).max(1e-3) });
    let out_cell = move || {
        let s = output.with(|o| o.width.max(1));
        (320.0 / s as f64).clamp(11.0, 56.0)
    };
    let channels = move || padded.with(|p| p.as_ref().map_or(0, |v| v.channels));
    view! {
        <div class="stage">
            <figure>
                <figcaption>{move || fill(t::INPUT_CAP.get(lang.get()), &[&side()])}</figcaption>
                <div class="channel-row">
                    {move || (0..channels()).map(|c| {
                        let cells = Signal::derive(move || padded.with(|p| p.as_ref().map(|v| Cells::from_volume(v, c)).unwrap_or_default()));
                        let edit = Callback::new(move |(y, x)| state.update(|s| toggle_cell(s, c, y, x)));
                        view! { <Grid cells=cells scale=in_scale cell=cell() numbers=numbers() overlays=input_overlays on_click=edit label="input" /> }
                    }).collect_view()}
                </div>
                <Legend />
            </figure>
            <div class="stage-op" aria-hidden="true">"✱"</div>
            <figure>
                <figcaption>{move || { let o = output.get(); fill(t::OUTPUT_CAP.get(lang.get()), &[&o.height, &o.width]) }}</figcaption>
                <Grid
                    cells=output
                    scale=out_scale
                    cell=out_cell()
                    numbers=numbers()
                    revealed=revealed
                    overlays=output_overlays
                    on_hover=Callback::new(move |at| hovered.set(at))
                    label="output"
                />
                <p class="hint">{tr(t::HOVER_HINT)}</p>
            </figure>
        </div>
    }
}

/// Cycles a grid cell through 0 → 1 → 2 → 0; `(y, x)` are padded coordinates, and clicks on
/// the padding or on a digit change nothing.
fn toggle_cell(s: &mut State, channel: usize, y: usize, x: usize) {
    let (Ok(n), Ok(c), Ok(p)) = (parse_int(&s.size, 2, 12), parse_int(&s.channels, 1, 3), parse_int(&s.padding, 0, 6))
    else {
        return;
    };
    let (Some(y), Some(x)) = (y.checked_sub(p), x.checked_sub(p)) else { return };
    if s.source != Source::Grid || y >= n || x >= n || channel >= c {
        return;
    }
    let mut cells = fit_cells(&s.cells, n, c, n, c);
    let cell = &mut cells[(channel * n + y) * n + x];
    *cell = match *cell as i32 {
        0 => 1.0,
        1 => 2.0,
        _ => 0.0,
    };
    s.cells = join(&cells);
}

#[component]
fn Legend() -> impl IntoView {
    view! {
        <p class="legend">
            <span class="swatch sw-window"></span>{tr(t::LEG_WINDOW)}
            <span class="swatch sw-padding"></span>{tr(t::LEG_PADDING)}
            <span class="swatch sw-lost"></span>{tr(t::LEG_LOST)}
        </p>
    }
}

/// The sum of products behind the focused output cell.
#[component]
fn Products(built: Built, focus: Signal<Option<(usize, usize)>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = ready(built)?;
        let (oy, ox) = focus.get()?;
        let terms: Vec<Term> = s.conv.terms(&s.input, oy, ox);
        let value = s.output.get(0, oy, ox);
        let multi = s.conv.kernel.channels > 1;
        let chips = terms
            .iter()
            .enumerate()
            .map(|(i, term)| {
                let zero = term.input * term.weight == 0.0;
                let sep = if i == 0 { "" } else { "+" };
                let ch = multi.then(|| format!("c{}:", term.channel + 1));
                view! {
                    <span class="sep">{sep}</span>
                    <span class="term" class:zero=zero>{ch}{signed(term.input)}"×"{signed(term.weight)}</span>
                }
            })
            .collect_view();
        let bias = (s.conv.bias != 0.0).then(|| format!("+ {}", fmt_value(s.conv.bias)));
        Some(view! {
            <div class="products" data-result="products">
                <span class="products-head">{fill(t::CELL.get(lang.get()), &[&(oy + 1), &(ox + 1)])}" = "</span>
                {chips}
                <span class="sep">{bias}</span>
                <span class="sep">"="</span>
                <strong class="products-sum">{fmt_value(value)}</strong>
            </div>
        })
    }
}

/// A value for a product: negative numbers in parentheses, so `2×(−1)` reads as it should.
fn signed(v: f32) -> String {
    if v < 0.0 { format!("({})", fmt_value(v).replace('-', "−")) } else { fmt_value(v) }
}

/// The output-size formula with the live numbers, and what a stride that does not fit loses.
#[component]
fn SizeFormula(built: Built) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = ready(built)?;
        let a = s.axis;
        let inner = a.padded() - a.kernel;
        let out = a.output().ok()?;
        let lang = lang.get();
        let lost = a.lost().unwrap_or_default();
        let exact = inner.is_multiple_of(a.stride);
        let lost_view = (!lost.is_empty()).then(|| {
            let names = lost.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ");
            let advice = fitting_padding(a).map(|p| fill(t::TRY_PAD.get(lang), &[&p])).unwrap_or_default();
            view! {
                <p class="warning" data-result="lost">
                    <strong>{t::LOST_TITLE.get(lang)}</strong>
                    " "
                    {fill(t::LOST.get(lang), &[&inner, &a.stride, &names, &lost.len()])}
                    " "
                    {advice}
                </p>
            }
        });
        let floor = if exact { format!("{inner}/{}", a.stride) } else { format!("⌊{inner}/{}⌋", a.stride) };
        Some(view! {
            <section class="panel">
                <h2>{t::FORMULA.get(lang)}</h2>
                <div class="formula" data-result="formula">
                    <div>"out = ⌊(n + 2p − k) / s⌋ + 1"</div>
                    <div>{format!("    = ⌊({} + 2×{} − {}) / {}⌋ + 1", a.input, a.padding, a.kernel, a.stride)}</div>
                    <div>{format!("    = {floor} + 1 = {} + 1 = {out}", inner / a.stride)}</div>
                </div>
                <p>{fill(t::SUMMARY.get(lang), &[&a.input, &a.kernel, &a.stride, &a.padding, &out])}</p>
                {lost_view}
                <p class="hint">{t::NOTE_PADDING.get(lang)}</p>
            </section>
        })
    }
}

mod t {
    use crate::i18n::Text;
    pub const INTRO: Text = Text::new(
        "卷积最初用于图像处理：一个小小的卷积核（一组权重）在图像上滑动，每到一个位置，就把它覆盖的像素与权重逐个相乘再相加，得到输出的一个格子。步长是卷积核每次滑动的距离；填充是在图像四周补上一圈格子。按“播放”看窗口滑动，把鼠标移到输出格子上看它是怎么算出来的。",
        "Convolution began in image processing: a small kernel (a set of weights) slides over an image; at each position it multiplies the pixels it covers by its weights and adds them up, giving one cell of the output. The stride is how far the kernel moves each time; padding adds a border of cells around the image. Press Play to watch the window slide, and hover an output cell to see how it was computed.",
    );
    pub const FIX_FIELDS: Text = Text::new("先把标红的输入改成合法的数。", "First fix the fields marked in red.");
    pub const LOADING: Text = Text::new("正在载入手写数字…", "Loading handwritten digits…");
    pub const NO_FIT: Text = Text::new(
        "卷积核比补齐后的输入还大，放不进去，没有输出。请减小卷积核或增大填充。",
        "The kernel is larger than the padded input: it does not fit and there is no output. Shrink the kernel or pad more.",
    );
    pub const SOURCE: Text = Text::new("输入", "Input");
    pub const SRC_GRID: Text = Text::new("可编辑的小网格", "Editable small grid");
    pub const SRC_DIGIT: Text = Text::new("真实的手写数字", "Real handwritten digit");
    pub const SIZE: Text = Text::new("网格边长", "Grid side");
    pub const CHANNELS: Text = Text::new("输入通道", "Input channels");
    pub const DIGIT: Text = Text::new("数字编号", "Digit number");
    pub const DIGIT_HINT: Text = Text::new("0–9999", "0–9999");
    pub const KSIZE: Text = Text::new("卷积核大小", "Kernel size");
    pub const STRIDE: Text = Text::new("步长", "Stride");
    pub const PADDING: Text = Text::new("填充", "Padding");
    pub const MODE: Text = Text::new("填充方式", "Padding mode");
    pub const MODE_ZERO: Text = Text::new("补零", "Zeros");
    pub const MODE_ONE: Text = Text::new("补一", "Ones");
    pub const MODE_REPLICATE: Text = Text::new("相同填充（复制边缘）", "Replicate the edge");
    pub const BIAS: Text = Text::new("偏置", "Bias");
    pub const SPEED: Text = Text::new("速度", "Speed");
    pub const SPEED_HINT: Text = Text::new("步/秒", "steps/s");
    pub const NOTE_PRESET: Text = Text::new("笔记的例子：7×7，3×3，步长 3", "The note's example: 7×7, 3×3, stride 3");
    pub const PAD_ONE: Text = Text::new("填充 1 格", "Pad by 1");
    pub const CLEAR: Text = Text::new("清空网格", "Clear the grid");
    pub const GRID_HINT: Text =
        Text::new("点击输入网格的格子可以改值（0→1→2→0）。", "Click a cell of the input grid to change it (0→1→2→0).");
    pub const DIGIT_NOTE: Text = Text::new(
        "灰度数字只有 1 个通道；像素值在 0 到 1 之间。",
        "A greyscale digit has one channel; pixel values lie between 0 and 1.",
    );
    pub const KERNEL: Text = Text::new("卷积核", "Kernel");
    pub const IDENTITY: Text = Text::new("恒等", "Identity");
    pub const EDGE: Text = Text::new("边缘", "Edge");
    pub const BLUR: Text = Text::new("模糊", "Blur");
    pub const SHARPEN: Text = Text::new("锐化", "Sharpen");
    pub const CHANNEL_N: Text = Text::new("通道 {0}", "Channel {0}");
    pub const KERNEL_BAD: Text = Text::new(
        "标红的权重不是 −99 到 99 之间的数。",
        "The weights marked in red are not numbers between −99 and 99.",
    );
    pub const INPUT_CAP: Text = Text::new("输入（含填充，每边 {0} 格）", "Input (with padding, {0} cells a side)");
    pub const OUTPUT_CAP: Text = Text::new("输出 {0}×{1}", "Output {0}×{1}");
    pub const HOVER_HINT: Text = Text::new(
        "鼠标移到输出格子上，看它的窗口和乘积之和。",
        "Hover an output cell to see its window and sum of products.",
    );
    pub const LEG_WINDOW: Text = Text::new("当前窗口", "current window");
    pub const LEG_PADDING: Text = Text::new("填充", "padding");
    pub const LEG_LOST: Text = Text::new("从未被覆盖（信息丢失）", "never covered (information lost)");
    pub const CELL: Text = Text::new("输出第 {0} 行第 {1} 列", "Output row {0}, column {1}");
    pub const FORMULA: Text = Text::new("输出尺寸", "Output size");
    pub const SUMMARY: Text = Text::new(
        "输入 {0}×{0}，卷积核 {1}×{1}，步长 {2}，填充 {3}：输出 {4}×{4}。",
        "Input {0}×{0}, kernel {1}×{1}, stride {2}, padding {3}: output {4}×{4}.",
    );
    pub const LOST_TITLE: Text = Text::new("信息丢失：", "Information lost:");
    pub const LOST: Text = Text::new(
        "{0} 不能被步长 {1} 整除，窗口走不到头：输入的第 {2} 行和第 {2} 列（共 {3} 行 {3} 列）从未被任何窗口覆盖。",
        "{0} is not divisible by the stride {1}, so the windows stop short: row(s) and column(s) {2} of the input ({3} of each) are never covered by any window.",
    );
    pub const TRY_PAD: Text = Text::new("把填充改成 {0} 就能完全覆盖。", "A padding of {0} covers everything.");
    pub const NOTE_PADDING: Text = Text::new(
        "笔记：7×7 的图像用 3×3 的卷积核、步长 3 做卷积，无法完全覆盖，会丢失信息，因此要对原始图像进行填充——可以补零、补一，也可以相同填充，根据具体情况选择。",
        "The note: convolving a 7×7 image with a 3×3 kernel at stride 3 cannot cover it completely and loses information, so the image is padded first, with zeros, ones, or copies of its edge, depending on the case.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_the_notes_example_and_loses_the_last_row() {
        let st = State::default();
        let s = setup(&st, None).unwrap().unwrap();
        assert_eq!((s.output.height, s.output.width), (2, 2));
        assert_eq!(s.axis.lost(), Ok(vec![6]));
        assert_eq!(fitting_padding(s.axis), Some(1));
        // The X pattern has ink in the last row, so the loss is real.
        assert!(s.input.data[6 * 7..].iter().any(|v| *v > 0.0));
    }

    #[test]
    fn resizing_keeps_what_was_drawn() {
        let mut cells = default_grid(3, 1);
        cells[4] = 9.0;
        let grown = fit_cells(&join(&cells), 3, 1, 4, 2);
        assert_eq!(grown.len(), 32);
        assert_eq!(grown[4 + 1], 9.0); // (1, 1) moves from index 4 in a 3-wide grid to 5 in a 4-wide one.
        assert_eq!(fit_cells("garbage", 3, 1, 3, 1), default_grid(3, 1));
    }

    #[test]
    fn clicking_cycles_a_cell_but_not_the_padding() {
        let mut st = State { padding: "1".into(), ..State::default() };
        toggle_cell(&mut st, 0, 1, 1); // input (0, 0) holds 1 in the X pattern
        assert_eq!(st.cells.split(',').next(), Some("2"));
        let before = st.cells.clone();
        toggle_cell(&mut st, 0, 0, 0); // padding
        assert_eq!(st.cells, before);
    }

    #[test]
    fn bad_kernel_cells_are_flagged_one_by_one() {
        let st = State { kernel: "1,x,0,0,1,0,0,0,".into(), preset: "custom".into(), ..State::default() };
        let e = errors(&st);
        assert_eq!(e.kernel[1], Some(InputError::NotANumber));
        assert_eq!(e.kernel[8], Some(InputError::Empty));
        assert!(e.any());
        assert!(setup(&st, None).is_none());
    }

    #[test]
    fn custom_kernels_and_drawn_cells_survive_a_resize() {
        let mut st = State { kernel: "1,2,3,4,5,6,7,8,9".into(), preset: "custom".into(), ..State::default() };
        reshape(&mut st, |s| s.ksize = "2".into());
        assert_eq!(st.kernel, "1,2,4,5");
        reshape(&mut st, |s| s.ksize = "3".into());
        assert_eq!(st.kernel, "1,2,0,4,5,0,0,0,0");
        reshape(&mut st, |s| s.channels = "2".into());
        assert_eq!(st.kernel, "1,2,0,4,5,0,0,0,0,0,0,0,0,0,0,0,0,0");
        assert_eq!(st.cells.split(',').count(), 2 * 7 * 7);
        let q = st.to_query();
        let back = State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str()))));
        assert_eq!(back, st);
    }
}
