//! A grid of numbers drawn as an SVG heat map: input images, kernels, feature maps. Cells can
//! show their values; rectangles laid over the grid mark windows, padding and lost rows;
//! hovering or clicking a cell reports its row and column, and so does the keyboard (the arrow
//! keys move over the cells as hovering does, Enter or Space clicks).

use leptos::prelude::*;

use crate::i18n::{Lang, Text, fill, use_lang};

mod t {
    use crate::i18n::Text;
    pub const SUMMARY: Text =
        Text::new("{0}：{1}×{2} 网格，数值从 {3} 到 {4}", "{0}: a {1}×{2} grid, values from {3} to {4}");
    pub const CURSOR: Text = Text::new("第 {0} 行第 {1} 列：{2}", "row {0}, column {1}: {2}");
    pub const KEYS: Text = Text::new("（方向键移动，回车选择）", " (arrow keys move, Enter chooses)");
}

/// What assistive technology reads for a grid: its name (with its number among siblings),
/// its size and the range of its values.
pub fn summary(lang: Lang, name: Text, number: Option<usize>, cells: &Cells) -> String {
    let name = match number {
        Some(n) => format!("{} {n}", name.get(lang)),
        None => name.get(lang).to_string(),
    };
    let finite = cells.values.iter().copied().filter(|v| v.is_finite());
    let (min, max) = finite.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    fill(t::SUMMARY.get(lang), &[&name, &cells.height, &cells.width, &fmt_value(min), &fmt_value(max)])
}

/// A row-major grid of values.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cells {
    pub height: usize,
    pub width: usize,
    pub values: Vec<f32>,
}

impl Cells {
    pub fn from_volume(v: &engine::conv::Volume, channel: usize) -> Self {
        let plane = v.height * v.width;
        Self { height: v.height, width: v.width, values: v.data[channel * plane..(channel + 1) * plane].to_vec() }
    }

    pub fn max_abs(&self) -> f32 {
        self.values.iter().fold(0.0f32, |m, v| m.max(v.abs()))
    }
}

/// How values become colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Ink on paper: 0 is white, `max` is black (digits).
    Ink { max: f32 },
    /// Negative blue, zero white, positive red, saturating at `max_abs` (feature maps).
    Diverging { max_abs: f32 },
}

/// A rectangle over the grid, in cells, styled by a CSS class (`ov-window`, `ov-lost`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    pub y: usize,
    pub x: usize,
    pub height: usize,
    pub width: usize,
    pub class: &'static str,
}

/// Formats a cell value compactly: whole numbers without decimals, others with up to two.
pub fn fmt_value(v: f32) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    if (v - v.round()).abs() < 1e-4 {
        return format!("{}", v.round() as i64);
    }
    format!("{v:.2}").trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The fill colour of one value.
pub fn colour(scale: Scale, v: f32) -> String {
    let mix = |t: f32, (r, g, b): (f32, f32, f32)| {
        let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
        let c = |x: f32| (255.0 + (x - 255.0) * t).round() as u8;
        format!("rgb({},{},{})", c(r), c(g), c(b))
    };
    match scale {
        Scale::Ink { max } => mix(v / max.max(1e-6), (20.0, 20.0, 30.0)),
        Scale::Diverging { max_abs } if v < 0.0 => mix(-v / max_abs.max(1e-6), (33.0, 102.0, 172.0)),
        Scale::Diverging { max_abs } => mix(v / max_abs.max(1e-6), (200.0, 60.0, 40.0)),
    }
}

/// The heat-map grid. `revealed`, when given, hides every cell from that row-major index on
/// (used to fill an output cell by cell as the window slides).
#[component]
pub fn Grid(
    #[prop(into)] cells: Signal<Cells>,
    scale: Signal<Scale>,
    /// Side of one cell in pixels.
    #[prop(default = 28.0)]
    cell: f64,
    #[prop(default = false)] numbers: bool,
    #[prop(optional, into)] revealed: Option<Signal<usize>>,
    #[prop(optional, into)] overlays: Option<Signal<Vec<Overlay>>>,
    #[prop(optional)] on_hover: Option<Callback<Option<(usize, usize)>>>,
    #[prop(optional)] on_click: Option<Callback<(usize, usize)>>,
    /// The grid's name, read by assistive technology with its size and range of values.
    name: Text,
    /// The grid's number among grids of the same name (input channels).
    #[prop(default = None)]
    number: Option<usize>,
    /// The grid's identifier for tests (`data-grid`).
    label: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let size = move || cells.with(|c| (c.height, c.width));
    let cell_at = move |ev: &web_sys::MouseEvent| -> Option<(usize, usize)> {
        use wasm_bindgen::JsCast;
        // Leptos delegates events to the document, so find the grid from the event's target.
        let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
        let rect = target.closest("svg.grid").ok()??.get_bounding_client_rect();
        let (h, w) = size();
        let x = (ev.client_x() as f64 - rect.left()) / rect.width() * w as f64;
        let y = (ev.client_y() as f64 - rect.top()) / rect.height() * h as f64;
        (x >= 0.0 && y >= 0.0 && (x as usize) < w && (y as usize) < h).then_some((y as usize, x as usize))
    };
    // The keyboard's cell, in a grid that answers hovering or clicking: Tab to the grid, the
    // arrow keys move (as hovering does), Enter or Space clicks, Escape leaves it.
    let interactive = on_click.is_some() || on_hover.is_some();
    let cursor = RwSignal::new(None::<(usize, usize)>);
    // (A grid that is re-rendered loses focus after its signals are gone: blurring must not
    // read them.)
    let move_to = move |at: Option<(usize, usize)>| {
        cursor.set(at);
        if let Some(cb) = on_hover {
            cb.run(at);
        }
    };
    let key = move |ev: web_sys::KeyboardEvent| {
        let (h, w) = size();
        if !interactive || h == 0 || w == 0 {
            return;
        }
        let (y, x) = cursor.get_untracked().unwrap_or((0, 0));
        let at = match ev.key().as_str() {
            "ArrowLeft" => Some((y, x.saturating_sub(1))),
            "ArrowRight" => Some((y, (x + 1).min(w - 1))),
            "ArrowUp" => Some((y.saturating_sub(1), x)),
            "ArrowDown" => Some(((y + 1).min(h - 1), x)),
            "Enter" | " " => {
                if let Some(cb) = on_click {
                    cb.run((y, x));
                }
                Some((y, x))
            }
            "Escape" => None,
            _ => return,
        };
        // The grid keeps its keys: no scrolling, no turning to the next lesson.
        ev.prevent_default();
        ev.stop_propagation();
        move_to(at);
    };
    let cursor_rect = move || {
        let (y, x) = cursor.get()?;
        let (h, w) = size();
        (y < h && x < w).then(|| {
            view! { <rect class="grid-cursor" x=x as f64 * cell y=y as f64 * cell width=cell height=cell /> }
        })
    };
    let rects = move || {
        let scale = scale.get();
        cells.with(|c| {
            (0..c.height * c.width)
                .map(|i| {
                    let (y, x) = (i / c.width, i % c.width);
                    let v = c.values[i];
                    view! {
                        <rect x=x as f64 * cell y=y as f64 * cell width=cell height=cell fill=colour(scale, v) class="cell" />
                    }
                })
                .collect_view()
        })
    };
    let labels = move || {
        numbers.then(|| {
            let scale = scale.get();
            cells.with(|c| {
                (0..c.height * c.width)
                    .map(|i| {
                        let (y, x) = (i / c.width, i % c.width);
                        let v = c.values[i];
                        let dark = match scale {
                            Scale::Ink { max } => v / max.max(1e-6) > 0.55,
                            Scale::Diverging { max_abs } => v.abs() / max_abs.max(1e-6) > 0.6,
                        };
                        view! {
                            <text
                                x=(x as f64 + 0.5) * cell
                                y=(y as f64 + 0.5) * cell
                                class="cell-value"
                                class:on-dark=dark
                                font-size=cell * 0.42
                            >
                                {fmt_value(v)}
                            </text>
                        }
                    })
                    .collect_view()
            })
        })
    };
    // Without numbers, a clearly negative value also carries a minus bar: its sign is not told by
    // colour alone.
    let minus_bars = move || {
        let Scale::Diverging { max_abs } = scale.get() else { return None };
        (!numbers).then(|| {
            cells.with(|c| {
                (0..c.height * c.width)
                    .filter(|&i| c.values[i] < -crate::plots::tiles::NEGATIVE_MARK * max_abs)
                    .map(|i| {
                        let (y, x) = ((i / c.width) as f64, (i % c.width) as f64);
                        view! {
                            <line class="minus-bar" x1=(x + 0.25) * cell x2=(x + 0.75) * cell y1=(y + 0.5) * cell y2=(y + 0.5) * cell stroke-width=(cell / 8.0).max(1.0) />
                        }
                    })
                    .collect_view()
            })
        })
    };
    let hidden = move || {
        let n = revealed?.get();
        let (h, w) = size();
        let (row, col) = (n / w.max(1), n % w.max(1));
        (n < h * w).then(|| {
            view! {
                <rect class="unrevealed" x=col as f64 * cell y=row as f64 * cell width=(w - col) as f64 * cell height=cell />
                <rect class="unrevealed" x=0 y=(row + 1) as f64 * cell width=w as f64 * cell height=(h - row - 1) as f64 * cell />
            }
        })
    };
    let overlay_rects = move || {
        overlays.map(|o| {
            o.get()
                .into_iter()
                .map(|o| {
                    view! {
                        <rect
                            class=o.class
                            x=o.x as f64 * cell
                            y=o.y as f64 * cell
                            width=o.width as f64 * cell
                            height=o.height as f64 * cell
                        />
                    }
                })
                .collect_view()
        })
    };
    let aria_label = move || {
        let text = cells.with(|c| summary(lang.get(), name, number, c));
        if interactive { format!("{text}{}", t::KEYS.get(lang.get())) } else { text }
    };
    // The keyboard's cell is announced as it moves.
    let announced = move || {
        let (y, x) = cursor.get()?;
        let v = cells.with(|c| (y < c.height && x < c.width).then(|| c.values[y * c.width + x]))?;
        Some(fill(t::CURSOR.get(lang.get()), &[&(y + 1), &(x + 1), &fmt_value(v)]))
    };
    view! {
        <svg
            class="grid"
            role=if interactive { "application" } else { "img" }
            aria-label=aria_label
            data-grid=label
            viewBox=move || { let (h, w) = size(); format!("0 0 {} {}", w as f64 * cell, h as f64 * cell) }
            width=move || size().1 as f64 * cell
            height=move || size().0 as f64 * cell
            on:mousemove=move |ev| { if let Some(cb) = on_hover { cb.run(cell_at(&ev)) } }
            on:mouseleave=move |_| { if let Some(cb) = on_hover { cb.run(None) } }
            on:click=move |ev| { if let (Some(cb), Some(at)) = (on_click, cell_at(&ev)) { cb.run(at) } }
            tabindex=interactive.then_some("0")
            on:keydown=key
            on:blur=move |_| if cursor.try_get_untracked().flatten().is_some() { move_to(None) }
        >
            <defs>
                <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                    <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
                </pattern>
            </defs>
            {rects}
            {minus_bars}
            {labels}
            {hidden}
            {overlay_rects}
            {cursor_rect}
        </svg>
        {interactive.then(|| view! { <span class="visually-hidden" aria-live="polite">{announced}</span> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_the_grid_its_size_and_its_range_in_the_pages_language() {
        let cells = Cells { height: 2, width: 3, values: vec![0.0, -1.5, 2.0, 0.25, f32::NAN, 1.0] };
        let name = Text::new("输出", "Output");
        assert_eq!(summary(Lang::En, name, None, &cells), "Output: a 2×3 grid, values from -1.5 to 2");
        assert_eq!(summary(Lang::Zh, name, Some(2), &cells), "输出 2：2×3 网格，数值从 -1.5 到 2");
    }

    #[test]
    fn values_are_short_and_colours_saturate() {
        assert_eq!(fmt_value(3.0), "3");
        assert_eq!(fmt_value(-2.0), "-2");
        assert_eq!(fmt_value(0.111), "0.11");
        assert_eq!(fmt_value(-0.5), "-0.5");
        assert_eq!(fmt_value(1.25), "1.25");
        assert_eq!(fmt_value(f32::NAN), "—");
        assert_eq!(colour(Scale::Ink { max: 1.0 }, 0.0), "rgb(255,255,255)");
        assert_eq!(colour(Scale::Ink { max: 1.0 }, 5.0), "rgb(20,20,30)");
        assert_eq!(colour(Scale::Diverging { max_abs: 2.0 }, -2.0), "rgb(33,102,172)");
        assert_eq!(colour(Scale::Diverging { max_abs: 0.0 }, 0.0), "rgb(255,255,255)");
    }
}
