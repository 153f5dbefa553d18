//! What the convolution lesson shows: the input with its padding and the window, the output,
//! the sum of products of one output cell, and the output-size formula.

use engine::conv::{Loss, Term};
use leptos::prelude::*;

use super::{CHANNELS, PADDING, SIZE, Setup, Source, State, fit_cells, join, t};
use crate::components::disclosure::Deeper;
use crate::components::grid::{Cells, Grid, Overlay, Scale, fmt_value};
use crate::i18n::{fill, tr, use_lang};

pub(super) type Built = Memo<Option<Result<Setup, engine::conv::GeometryError>>>;

fn ready(built: Built) -> Option<Setup> {
    built.get().and_then(Result::ok)
}

/// Input (padded, one grid per channel), kernel window and output, side by side.
#[component]
pub(super) fn Stage(
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
    // The input grids are built anew only when their number or size changes: an edited cell
    // recolours its grid in place, so the keyboard's focus stays on it.
    let layout = Memo::new(move |_| (channels(), cell(), numbers()));
    view! {
        <div class="stage">
            <figure>
                <figcaption>{move || fill(t::INPUT_CAP.get(lang.get()), &[&side()])}</figcaption>
                <div class="channel-row">
                    {move || { let (channels, cell, numbers) = layout.get(); (0..channels).map(|c| {
                        let cells = Signal::derive(move || padded.with(|p| p.as_ref().map(|v| Cells::from_volume(v, c)).unwrap_or_default()));
                        let edit = Callback::new(move |(y, x)| state.update(|s| toggle_cell(s, c, y, x)));
                        view! { <Grid cells=cells scale=in_scale cell=cell numbers=numbers overlays=input_overlays on_click=edit name=t::GRID_INPUT number=(channels > 1).then_some(c + 1) label="input" /> }
                    }).collect_view() }}
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
                    name=t::GRID_OUTPUT
                    label="output"
                />
                <p class="legend">
                    <span class="swatch sw-positive"></span>{tr(t::LEG_POSITIVE)}
                    <span class="swatch sw-negative"></span>{tr(t::LEG_NEGATIVE)}
                </p>
                <p class="hint">{tr(t::HOVER_HINT)}</p>
            </figure>
        </div>
    }
}

/// Cycles a grid cell through 0 → 1 → 2 → 0; `(y, x)` are padded coordinates, and clicks on
/// the padding or on a digit change nothing.
pub(super) fn toggle_cell(s: &mut State, channel: usize, y: usize, x: usize) {
    let (Ok(n), Ok(c), Ok(p)) = (SIZE.parse(&s.size), CHANNELS.parse(&s.channels), PADDING.parse(&s.padding)) else {
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
pub(super) fn Products(built: Built, focus: Signal<Option<(usize, usize)>>) -> impl IntoView {
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
pub(super) fn SizeFormula(built: Built) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = ready(built)?;
        let a = s.axis;
        let inner = a.padded() - a.kernel;
        let out = a.output().ok()?;
        let lang = lang.get();
        let lost_view = a.loss().ok().flatten().map(|loss| {
            let names = loss.lost().iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ");
            let count = loss.lost().len();
            let (why, advice) = match loss {
                Loss::Gaps { gap, .. } => (
                    fill(t::GAPS.get(lang), &[&a.stride, &a.kernel, &gap, &names, &count]),
                    t::GAPS_FIX.get(lang).to_string(),
                ),
                Loss::Tail { fix, .. } => (
                    fill(t::LOST.get(lang), &[&inner, &a.stride, &names, &count]),
                    fix.map(|p| fill(t::TRY_PAD.get(lang), &[&p])).unwrap_or_default(),
                ),
            };
            view! {
                <p class="warning" data-result="lost">
                    <strong>{t::LOST_TITLE.get(lang)}</strong>
                    " "{why}" "{advice}
                </p>
            }
        });
        let exact = inner.is_multiple_of(a.stride);
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
                <Deeper>
                    <p class="hint">{t::NOTE_PADDING.get(lang)}</p>
                    <p class="callout" data-result="same-note">{t::SAME_NOTE.get(lang)}</p>
                </Deeper>
            </section>
        })
    }
}
