//! A scatter plot of scores against scores (test against holdout, say), with the diagonal where
//! the two agree and a few points singled out.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawResult, PALETTE, err};

/// A point singled out with its own colour and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Marked {
    pub at: (f64, f64),
    pub label: String,
    pub colour: usize,
    /// Where the label sits relative to the point, in pixels (so that labels do not collide).
    pub offset: (i32, i32),
}

/// Draws `points` (as percentages of 0–1 values) over `range` on both axes.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[(f64, f64)],
    marked: &[Marked],
    range: Range<f64>,
    labels: (&str, &str),
) -> DrawResult {
    super::table::record(|lang| {
        let n = super::table::number;
        let label = |at: (f64, f64)| marked.iter().find(|m| m.at == at).map_or(String::new(), |m| m.label.clone());
        let rows = points.iter().map(|&p| vec![n(p.0), n(p.1), label(p)]).collect();
        let header = vec![labels.0.to_string(), labels.1.to_string(), super::table::words::LABEL.get(lang).into()];
        super::table::Table { header, rows }
    });
    let mut chart = ChartBuilder::on(area)
        .margin(14)
        .x_label_area_size(38)
        .y_label_area_size(54)
        .build_cartesian_2d(range.clone(), range.clone())
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(labels.0)
        .y_desc(labels.1)
        .x_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .label_style(("sans-serif", 14))
        .light_line_style(RGBColor(235, 237, 242))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(LineSeries::new(
            [(range.start, range.start), (range.end, range.end)],
            RGBColor(160, 160, 170).stroke_width(1),
        ))
        .map_err(err)?;
    chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, PALETTE[0].mix(0.55).filled()))).map_err(err)?;
    for m in marked {
        let colour = PALETTE[m.colour % PALETTE.len()];
        chart.draw_series([Circle::new(m.at, 8, colour.stroke_width(3))]).map_err(err)?;
        let (dx, dy) = m.offset;
        let label = EmptyElement::at(m.at)
            + Text::new(m.label.clone(), (dx, dy), ("sans-serif", 14).into_font().color(&colour));
        chart.draw_series([label]).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_and_marks_are_drawn() {
        let marked = [Marked { at: (0.9, 0.85), label: "picked by test".into(), colour: 5, offset: (10, 6) }];
        let svg = super::super::render_svg(400, 400, |a| {
            draw(a, &[(0.8, 0.8), (0.85, 0.82)], &marked, 0.7..1.0, ("test", "holdout"))
        });
        assert!(svg.contains("picked by test") && svg.contains("holdout"));
        assert!(svg.matches("<circle").count() >= 3);
    }
}
