//! The canvas that hosts a plotters chart. Charts themselves are pure `draw` functions in
//! `crate::plots`, so the same code draws here and into SVG in native tests. Every chart can be
//! taken home as a PNG at twice its size, drawn afresh (not the screen's pixels scaled up), and
//! a chart that records its data (`plots::table`) also as a CSV file.

use std::rc::Rc;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;

use crate::i18n::{Lang, Text, fill, tr, use_lang};
use crate::plots::table::{Table, capture, records, to_csv};
use crate::web::download;

pub type Draw = dyn Fn(&DrawingArea<CanvasBackend, Shift>) -> Result<(), String>;

/// How much larger than on screen a downloaded PNG is drawn (slides and handouts).
const PNG_SCALE: u32 = 2;

/// A canvas redrawn by `draw` whenever a signal `draw` reads changes, with buttons that show the
/// chart's data as a table (its text alternative) and download them as CSV, and download the
/// chart as a PNG. A failed draw leaves a message on the canvas instead of breaking the page.
#[component]
pub fn PlotCanvas(
    #[prop(default = 640)] width: u32,
    #[prop(default = 320)] height: u32,
    /// A label for assistive technology and tests; also the downloaded file's name.
    label: &'static str,
    draw: impl Fn(&DrawingArea<CanvasBackend, Shift>) -> Result<(), String> + 'static,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let lang = use_lang();
    // Owned by the component, so that it (and the chart data it captures) goes with the chart.
    // The buttons' handlers hold only this handle: a handler outliving its element keeps a few
    // bytes, never a chart's data.
    let draw = StoredValue::new_local(Rc::new(draw) as Rc<Draw>);
    // Whether the chart records its data (see `plots::table`), learnt from its first drawing.
    let has_table = RwSignal::new(false);
    // The data shown as a table under the chart, on request; kept current while it is open.
    let shown = RwSignal::new(None::<Vec<Table>>);
    // Whether the latest drawing had no data to show, only its hint.
    let waiting = RwSignal::new(false);
    Effect::new(move |first: Option<()>| {
        let Some(element) = canvas.get() else { return };
        let Some(redraw) = draw.try_get_value() else { return };
        let open = shown.with_untracked(Option::is_some);
        let only_hint = crate::plots::showed_only_a_hint(|| {
            if open {
                let ((), tables) =
                    capture(lang.get_untracked(), || paint(element.clone(), (width, height), 1, &*redraw));
                has_table.set(!tables.is_empty());
                shown.set(Some(tables));
            } else if first.is_none() {
                let ((), recorded) = records(|| paint(element.clone(), (width, height), 1, &*redraw));
                has_table.set(recorded);
            } else {
                paint(element.clone(), (width, height), 1, &*redraw);
            }
        });
        if waiting.get_untracked() != only_hint {
            waiting.set(only_hint);
        }
    });
    view! {
        <div class="plot-box">
            <canvas node_ref=canvas class="plot" width=width height=height role="img" aria-label=label data-plot=label data-waiting=move || waiting.get().to_string()></canvas>
            <ChartTools label=label size=(width, height) draw=draw has_table=has_table shown=shown />
        </div>
    }
}

/// A chart's take-home buttons and its data table: the table on request (its text alternative),
/// the data as CSV when the chart records any, and the chart as a PNG, each drawn afresh by
/// `draw` off screen. `shown` holds the open table; the chart's owner keeps it current (a chart
/// redrawn every frame updates it from its own drawing).
#[component]
pub fn ChartTools(
    label: &'static str,
    /// The chart's size on screen, in pixels.
    size: (u32, u32),
    draw: StoredValue<Rc<Draw>, LocalStorage>,
    #[prop(into)] has_table: Signal<bool>,
    shown: RwSignal<Option<Vec<Table>>>,
) -> impl IntoView {
    let lang = use_lang();
    let toggle = move |_| match shown.with_untracked(Option::is_some) {
        true => shown.set(None),
        false => shown.set(draw.try_get_value().map(|d| tables_of(lang.get_untracked(), size, &*d))),
    };
    let csv = move |_| {
        draw.try_get_value().map(|d| save_csv(lang.get_untracked(), label, size, &*d));
    };
    let png = move |_| {
        draw.try_get_value().map(|d| save_png(label, size, &*d));
    };
    view! {
        <div class="plot-downloads">
            <button class="btn small" data-action="show-table" data-for=label hidden=move || !has_table.get() aria-expanded=move || shown.with(Option::is_some).to_string() on:click=toggle>{tr(t::TABLE)}</button>
            <button class="btn small" data-action="download-csv" data-for=label hidden=move || !has_table.get() title=tr(t::CSV_TITLE) on:click=csv>{tr(t::CSV)}</button>
            <button class="btn small" data-action="download-png" data-for=label title=tr(t::PNG_TITLE) on:click=png>{tr(t::PNG)}</button>
        </div>
        {move || shown.get().map(|tables| view! { <DataTables tables=tables label=label /> })}
    }
}

/// Most rows a table under a chart lists (the CSV has them all).
const TABLE_ROWS: usize = 200;

/// A chart's data as HTML tables: its text alternative, on request.
#[component]
fn DataTables(tables: Vec<Table>, label: &'static str) -> impl IntoView {
    let lang = use_lang();
    tables
        .into_iter()
        .map(|table| {
            let total = table.rows.len();
            let rows: Vec<_> = table
                .rows
                .into_iter()
                .take(TABLE_ROWS)
                .map(|row| view! { <tr>{row.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr> })
                .collect();
            view! {
                <div class="plot-table" data-result="plot-table" data-for=label>
                    <table class="data-table">
                        <thead><tr>{table.header.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    {(total > TABLE_ROWS).then(|| view! {
                        <p class="hint">{move || fill(t::FIRST_ROWS.get(lang.get()), &[&TABLE_ROWS.to_string(), &total.to_string()])}</p>
                    })}
                </div>
            }
        })
        .collect_view()
}

/// The tables a chart records, from a drawing on an off-screen canvas.
fn tables_of(lang: Lang, size: (u32, u32), draw: &Draw) -> Vec<Table> {
    let Some(canvas) = off_screen(size) else { return vec![] };
    capture(lang, || paint(canvas, size, 1, draw)).1
}

/// A canvas of `size` pixels that is not on the page.
fn off_screen(size: (u32, u32)) -> Option<web_sys::HtmlCanvasElement> {
    let document = web_sys::window()?.document()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(size.0);
    canvas.set_height(size.1);
    Some(canvas)
}

/// Draws the chart on `element`, whose size is `size` × `scale` pixels, in `size` coordinates.
fn paint(element: web_sys::HtmlCanvasElement, size: (u32, u32), scale: u32, draw: &Draw) {
    if scale != 1 {
        let context = element
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
        if let Some(context) = context {
            let _ = context.scale(f64::from(scale), f64::from(scale));
        }
    }
    let Some(backend) = CanvasBackend::with_canvas_object(element) else { return };
    let root = backend.into_drawing_area().shrink((0, 0), size);
    if let Err(e) = root.fill(&WHITE).map_err(|e| e.to_string()).and_then(|_| draw(&root)) {
        let _ = root.fill(&WHITE);
        let _ = root.draw_text(&e, &("sans-serif", 14).into_font().color(&RED), (10, 20));
    }
    let _ = root.present();
}

/// Draws the chart again on an off-screen canvas at [`PNG_SCALE`] and downloads it as `label.png`.
fn save_png(label: &str, size: (u32, u32), draw: &Draw) -> Option<()> {
    let canvas = off_screen((size.0 * PNG_SCALE, size.1 * PNG_SCALE))?;
    paint(canvas.clone(), size, PNG_SCALE, draw);
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    download(&url, &format!("dlnotes-{label}.png"))
}

/// Draws the chart off screen, collecting the data it shows, and downloads them as `label.csv`.
fn save_csv(lang: Lang, label: &str, size: (u32, u32), draw: &Draw) -> Option<()> {
    let tables = tables_of(lang, size, draw);
    let url = format!("data:text/csv;charset=utf-8,{}", js_sys::encode_uri_component(&to_csv(&tables)));
    download(&url, &format!("dlnotes-{label}.csv"))
}

mod t {
    use super::Text;
    pub const PNG: Text = Text::new("⤓ PNG", "⤓ PNG");
    pub const PNG_TITLE: Text = Text::new("下载这张图（PNG，两倍大小）", "Download this chart (PNG, twice the size)");
    pub const CSV: Text = Text::new("⤓ CSV", "⤓ CSV");
    pub const TABLE: Text = Text::new("⊞ 数据表", "⊞ Data table");
    pub const FIRST_ROWS: Text = Text::new(
        "只列出前 {0} 行（共 {1} 行）；CSV 文件里有全部数据。",
        "The first {0} of {1} rows; the CSV file has them all.",
    );
    pub const CSV_TITLE: Text = Text::new("下载这张图的数据（CSV）", "Download this chart's data (CSV)");
}
