//! 卷积核、步长与填充 — Kernels, stride and padding: a kernel slides over a small editable grid
//! or a real digit; every output cell is its sum of products; stride and padding change the
//! output size, and a stride that does not fit loses rows and columns, shown and named.

use engine::conv::{Axis, Conv2d, KernelPreset, PadMode, Volume};
use engine::mnist::Mnist;
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::{Floats, InputError, Ints, parse_float};
use crate::components::grid::fmt_value;
use crate::components::playback::{PlaybackControls, use_playback};
use crate::components::question::{Kind, Question, Questions};
use crate::data::use_digits;
use crate::i18n::{fill, tr};
use crate::url_state::{Query, QueryState, use_query_state};

mod channels;
mod controls;
mod stage;
mod text;

use channels::NoteChannels;
use controls::{Controls, reshape};
use stage::{Products, SizeFormula, Stage};
use text as t;

pub fn page() -> AnyView {
    view! { <Convolution /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// Where the input comes from.
/// The ranges of the numbers, each written once: for reading its field and for its slider.
pub(super) const DIGIT: Ints = Ints(0, 9999);
pub(super) const SIZE: Ints = Ints(2, 12);
pub(super) const CHANNELS: Ints = Ints(1, 3);
pub(super) const KSIZE: Ints = Ints(1, 7);
pub(super) const STRIDE: Ints = Ints(1, 8);
pub(super) const PADDING: Ints = Ints(0, 6);
pub(super) const BIAS: Floats = Floats(-99.0, 99.0);
pub(super) const SPEED: Floats = Floats(0.5, 30.0);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Grid,
    Digit,
}

/// What the student can change. Numbers are kept as typed so that nothing is lost while a
/// value is being edited; cell lists are comma-separated.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct State {
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

    fn ranges() -> Vec<(&'static str, crate::components::slider::Range)> {
        vec![
            ("d", DIGIT.range()),
            ("g", SIZE.range()),
            ("c", CHANNELS.range()),
            ("k", KSIZE.range()),
            ("b", BIAS.range()),
            ("s", STRIDE.range()),
            ("p", PADDING.range()),
            ("v", SPEED.range()),
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
    if st.source == Source::Digit { Ok(1) } else { CHANNELS.parse(&st.channels) }
}

fn errors(st: &State) -> Errors {
    let ksize = KSIZE.parse(&st.ksize);
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
        digit: (st.source == Source::Digit).then(|| DIGIT.parse(&st.digit).err()).flatten(),
        size: (st.source == Source::Grid).then(|| SIZE.parse(&st.size).err()).flatten(),
        channels: channels.err(),
        ksize: ksize.err(),
        kernel,
        bias: BIAS.parse(&st.bias).err(),
        stride: STRIDE.parse(&st.stride).err(),
        padding: PADDING.parse(&st.padding).err(),
        speed: SPEED.parse(&st.speed).err(),
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
        Source::Digit => digits?.volume(DIGIT.parse(&st.digit).ok()?.min(digits?.len() - 1)),
        Source::Grid => {
            let size = SIZE.parse(&st.size).ok()?;
            let values = fit_cells(&st.cells, size, channels, size, channels);
            Volume::from_vec(channels, size, size, values)?
        }
    };
    let k = KSIZE.parse(&st.ksize).ok()?;
    let weights: Vec<f32> = kernel_texts(st).iter().take(channels * k * k).map(|t| t.parse().unwrap_or(0.0)).collect();
    let conv = Conv2d {
        kernel: Volume::from_vec(channels, k, k, weights)?,
        bias: st.bias.trim().parse().ok()?,
        stride: STRIDE.parse(&st.stride).ok()?,
        padding: PADDING.parse(&st.padding).ok()?,
        mode: st.mode,
    };
    let axis = Axis::new(input.height, k, conv.stride, conv.padding);
    Some(conv.apply(&input).map(|output| Setup { input, conv, output, axis }))
}

#[component]
fn Convolution() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = crate::i18n::use_lang();
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
        {move || match built.get() {
            None if errs.with(Errors::any) => view! { <p class="error-box" role="alert">{tr(t::FIX_FIELDS)}</p> }.into_any(),
            None => match digits.get() {
                Some(Err(e)) => view! { <p class="error-box" role="alert">{move || crate::vocabulary::load_error(lang.get(), &e)}</p> }.into_any(),
                _ => view! { <p class="loading">{tr(t::LOADING)}</p> }.into_any(),
            },
            Some(Err(_)) => view! { <p class="error-box" role="alert" data-result="geometry">{tr(t::NO_FIT)}</p> }.into_any(),
            Some(Ok(_)) => view! {
                <section class="panel">
                    <PlaybackControls pb=pb />
                    <Stage state=state built=built focus=focus hovered=hovered revealed=Signal::derive(move || pb.done()) />
                    <Products built=built focus=focus />
                </section>
            }
            .into_any(),
        }}
        <Controls state=state errs=errs />
        {move || matches!(built.get(), Some(Ok(_))).then(|| view! { <SizeFormula built=built /> })}
        <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
        <NoteChannels />
        <ConvolutionQuestions built=built />
    }
}

/// Output width and lost rows, predicted, then computed by the engine for the settings shown.
#[component]
fn ConvolutionQuestions(built: Memo<Option<Result<Setup, engine::conv::GeometryError>>>) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    // The geometry now shown: input side, kernel, stride, padding; its output width and loss.
    let geometry = move || match built.get() {
        Some(Ok(s)) => Some((s.input.height, s.axis, s.output.width)),
        _ => None,
    };
    let asked = move |template: crate::i18n::Text| {
        Signal::derive(move || match geometry() {
            Some((n, a, _)) => fill(template.get(lang.get()), &[&n, &a.kernel, &a.stride, &a.padding]),
            None => t::Q_FIX.get(lang.get()).to_string(),
        })
    };
    let width = Signal::derive(move || geometry().map(|(_, _, w)| w.to_string()));
    let lost = Signal::derive(move || {
        geometry().map(|(_, a, _)| if matches!(a.loss(), Ok(Some(_))) { "yes" } else { "no" }.to_string())
    });
    let why_width = Signal::derive(move || match geometry() {
        Some((n, a, w)) => fill(t::Q1_WHY.get(lang.get()), &[&n, &a.padding, &a.kernel, &a.stride, &w]),
        None => String::new(),
    });
    view! {
        <Questions>
            <Question id="convolution/1" prompt=asked(t::Q1) kind=Kind::Number { tolerance: 0.0 } answer=width hint=t::Q1_HINT explain=why_width />
            <Question id="convolution/2" prompt=asked(t::Q2) kind=Kind::Choice(vec![("yes", t::Q2_YES), ("no", t::Q2_NO)]) answer=lost hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) />
        </Questions>
    }
}

#[cfg(test)]
mod tests {
    use super::stage::toggle_cell;
    use super::*;

    #[test]
    fn the_default_is_the_notes_example_and_loses_the_last_row() {
        let st = State::default();
        let s = setup(&st, None).unwrap().unwrap();
        assert_eq!((s.output.height, s.output.width), (2, 2));
        assert_eq!(s.axis.loss(), Ok(Some(engine::conv::Loss::Tail { lost: vec![6], fix: Some(1) })));
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
