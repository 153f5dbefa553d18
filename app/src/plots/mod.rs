//! Charts as pure functions: `draw(area, &data)` over any plotters backend, so the browser draws
//! them on a canvas and native tests render them to SVG and read the result.

pub mod bars;
pub mod confusion;
pub mod curves;
pub mod race;
pub mod receptive_field;
pub mod scatter;
pub mod stack;
pub mod tiles;

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
