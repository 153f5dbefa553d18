//! Charts as pure functions: `draw(area, &data)` over any plotters backend, so the browser draws
//! them on a canvas and native tests render them to SVG and read the result.

pub mod bars;
pub mod confusion;
pub mod curves;
pub mod plane;
pub mod race;
pub mod receptive_field;
pub mod scatter;
pub mod stack;
pub mod table;
pub mod tiles;
pub mod words;

use plotters::prelude::*;

/// What every draw function returns: plotters' errors flattened into a message.
pub type DrawResult = Result<(), String>;

/// Turns any plotters error into the message shown on the canvas.
pub fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// The palette shared by all charts (colour-blind safe, from Okabe and Ito).
pub const PALETTE: [RGBColor; 6] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
];

/// Reference lines and other things that are not data.
pub const GREY: RGBColor = RGBColor(120, 124, 134);

/// Room for the y axis: its tick labels and, left of them, its title (wide enough that the two
/// never overlap, even for labels like "100%" or "0.001").
pub const Y_LABEL_AREA: u32 = 76;
/// Room for the x axis: its tick labels and, under them, its title.
pub const X_LABEL_AREA: u32 = 46;

/// Instead of an empty frame with meaningless axes: a short hint of what will appear, centred.
pub fn draw_hint<DB: DrawingBackend>(area: &DrawingArea<DB, plotters::coord::Shift>, hint: &str) -> DrawResult {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    WAITING.with(|w| w.set(true));
    let (w, h) = area.dim_in_pixel();
    area.draw(&Rectangle::new([(1, 1), (w as i32 - 2, h as i32 - 2)], RGBColor(220, 223, 230).stroke_width(1)))
        .map_err(err)?;
    let style = ("sans-serif", 16).into_font().color(&RGBColor(90, 96, 110)).pos(Pos::new(HPos::Center, VPos::Center));
    // Long hints wrap at about 40 characters (or 22 wide CJK characters) a line.
    let lines = wrap(hint, if hint.is_ascii() { 48 } else { 26 });
    let top = h as i32 / 2 - (lines.len() as i32 - 1) * 11;
    for (i, line) in lines.iter().enumerate() {
        area.draw(&Text::new(line.clone(), (w as i32 / 2, top + 22 * i as i32), style.clone())).map_err(err)?;
    }
    Ok(())
}

thread_local! {
    /// Set when a drawing showed only a hint (no data yet): the chart component reads it after
    /// each drawing and says so on its canvas (`data-waiting`), for tests of what a page shows.
    static WAITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a drawing and tells whether it showed only a hint.
pub fn showed_only_a_hint(draw: impl FnOnce()) -> bool {
    WAITING.with(|w| w.set(false));
    draw();
    WAITING.with(std::cell::Cell::get)
}

/// Splits `text` into lines of at most `width` characters, at spaces where there are any.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_inclusive(' ') {
        let line = lines.last_mut().expect("never empty");
        if line.chars().count() + word.chars().count() > width && !line.is_empty() {
            lines.push(String::new());
        }
        for ch in word.chars() {
            let line = lines.last_mut().expect("never empty");
            if line.chars().count() >= width {
                lines.push(String::new());
            }
            lines.last_mut().expect("never empty").push(ch);
        }
    }
    lines.into_iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

/// A tick label for `v` on an axis spanning `span`: as many decimals as the span needs, and
/// never "−0.00".
pub fn tick(v: f64, span: f64) -> String {
    let decimals = if span <= 0.0 { 2 } else { (2.0 - span.log10().floor()).clamp(0.0, 5.0) as usize };
    let text = format!("{v:.decimals$}");
    if text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
        text.trim_start_matches('-').to_string()
    } else {
        text
    }
}

/// A bar chart's x label: the bar's own label under its centre, nothing at the edges.
pub fn bar_label(labels: &[String], at: &SegmentValue<usize>) -> String {
    match at {
        SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
        _ => String::new(),
    }
}

/// Renders a draw function into an SVG string, for native tests.
#[cfg(test)]
pub fn render_svg(
    width: u32,
    height: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>) -> DrawResult,
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).unwrap();
        draw(&root).unwrap();
        root.present().unwrap();
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_fit_the_span_and_hints_wrap() {
        assert_eq!(tick(-0.0001, 0.05), "-0.0001");
        assert_eq!(tick(-0.00001, 0.05), "0.0000");
        assert_eq!(tick(-0.000001, 1.0), "0.00");
        assert_eq!(tick(12.5, 100.0), "12");
        assert_eq!(tick(0.25, 1.0), "0.25");
        assert_eq!(wrap("the loss of each step appears here", 12), ["the loss of", "each step", "appears here"]);
        assert_eq!(wrap("训练开始后这里会出现损失曲线", 6).len(), 3);
    }
}
