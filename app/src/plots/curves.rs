//! Line charts of values over training steps: losses, accuracies, learning rates.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::table::number;
use super::{DrawResult, GREY, PALETTE, X_LABEL_AREA, Y_LABEL_AREA, draw_hint, err, tick};

/// One line of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    /// Index into the palette.
    pub colour: usize,
    /// Draw a dot at every point (for sparse series such as validation scores).
    pub markers: bool,
    /// Join the points with a line (off for scattered data points).
    pub line: bool,
}

/// The colour index of a reference line (chance, a target, a reference run's level): drawn grey
/// and dashed, under the data.
pub const REFERENCE: usize = usize::MAX;

impl Series {
    /// A dashed grey level across `x` at height `y`: what a run is measured against (guessing at
    /// random, say), drawn before any run so that the chart already says what to expect.
    pub fn level(label: String, y: f64, x: Range<f64>) -> Series {
        Series { label, points: vec![(x.start, y), (x.end, y)], colour: REFERENCE, markers: false, line: true }
    }

    /// Whether the series has data a run produced (a reference level is not data).
    pub fn has_data(&self) -> bool {
        self.colour != REFERENCE && !self.points.is_empty()
    }
}

/// The chart's axes.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    pub x_label: String,
    pub y_label: String,
    /// The x range; the data may stop short of its end while a run is in progress.
    pub x: Range<f64>,
    /// The y range, or `None` to fit the data.
    pub y: Option<Range<f64>>,
    /// Show y values as percentages.
    pub percent: bool,
    /// Where the legend goes.
    pub legend: Legend,
    /// Shown instead of the chart while no series has a point: what will appear.
    pub hint: String,
}

/// Where a chart's legend goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Legend {
    /// Top right, inside the plot (for falling curves).
    #[default]
    UpperRight,
    /// Bottom right, inside the plot (for rising curves).
    LowerRight,
    /// In a column right of the plot, covering nothing (for many curves).
    Outside,
}

/// A text note at a point of the chart, with a dot.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub at: (f64, f64),
    pub text: String,
}

/// The chart's margin, in pixels.
const MARGIN: u32 = 12;
/// Width of the legend column of `Legend::Outside`.
const LEGEND_WIDTH: u32 = 170;

/// The plotting area starts this many pixels from the left and ends this many from the right,
/// for turning a pointer position into an x value (charts with the legend inside).
const LEFT: f64 = (MARGIN + Y_LABEL_AREA) as f64;
const RIGHT: f64 = MARGIN as f64;

/// The x value under pixel column `px` of a chart `width` pixels wide, if inside the plot.
pub fn x_at(px: f64, width: f64, x: &Range<f64>) -> Option<f64> {
    let u = (px - LEFT) / (width - LEFT - RIGHT);
    (0.0..=1.0).contains(&u).then_some(x.start + u * (x.end - x.start))
}

/// Draws the series on shared axes, with a legend.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, series: &[Series], axes: &Axes) -> DrawResult {
    draw_with_notes(area, series, axes, &[])
}

/// Like [`draw`], with text notes at given points.
pub fn draw_with_notes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[Series],
    axes: &Axes,
    notes: &[Note],
) -> DrawResult {
    super::table::record(|lang| super::table::Table {
        header: vec![super::table::words::SERIES.get(lang).into(), axes.x_label.clone(), axes.y_label.clone()],
        rows: series
            .iter()
            .flat_map(|s| s.points.iter().map(|&(x, y)| vec![s.label.clone(), number(x), number(y)]))
            .collect(),
    });
    // A chart with no data says what will appear, unless it has a reference level to show.
    if !axes.hint.is_empty() && series.iter().all(|s| s.points.is_empty()) {
        return draw_hint(area, &axes.hint);
    }
    let (plot, side) = match axes.legend {
        Legend::Outside => {
            let (w, _) = area.dim_in_pixel();
            let (plot, side) = area.split_horizontally(w.saturating_sub(LEGEND_WIDTH));
            (plot, Some(side))
        }
        _ => (area.clone(), None),
    };
    let y = axes.y.clone().unwrap_or_else(|| fit(series));
    let x = if axes.x.end > axes.x.start { axes.x.clone() } else { 0.0..1.0 };
    let mut chart = ChartBuilder::on(&plot)
        .margin(MARGIN)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d(x, y.clone())
        .map_err(err)?;
    let percent = axes.percent;
    let y_span = y.end - y.start;
    // Whole numbers for long axes (steps, epochs); decimals for short ones.
    let x_decimals = if axes.x.end - axes.x.start < 8.0 { 1 } else { 0 };
    chart
        .configure_mesh()
        .x_desc(axes.x_label.as_str())
        .y_desc(axes.y_label.as_str())
        .y_label_formatter(&|v| if percent { percent_tick(*v, y_span) } else { tick(*v, y_span) })
        .x_label_formatter(&|v| format!("{v:.*}", x_decimals))
        .label_style(("sans-serif", 14))
        .axis_desc_style(("sans-serif", 15))
        .light_line_style(RGBColor(235, 237, 242))
        .draw()
        .map_err(err)?;
    for s in series.iter().filter(|s| s.colour == REFERENCE && !s.points.is_empty()) {
        let style = GREY.stroke_width(2);
        let line = chart.draw_series(DashedLineSeries::new(s.points.iter().copied(), 8, 6, style)).map_err(err)?;
        line.label(s.label.clone()).legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 8, y)], style));
    }
    for s in series.iter().filter(|s| s.has_data()) {
        let colour = PALETTE[s.colour % PALETTE.len()];
        let finite = || s.points.iter().copied().filter(|(_, v)| v.is_finite());
        // A series without a label (the second edge of a band, say) has no legend entry.
        let labelled = !s.label.is_empty();
        if s.line {
            // A line never needs more than a few points per pixel: a long run's thousands of
            // steps are thinned for drawing (the data table and the CSV keep every point).
            let (width, _) = plot.dim_in_pixel();
            let thinned = thin(&s.points, 2 * width as usize).filter(|(_, v)| v.is_finite());
            let line = chart.draw_series(LineSeries::new(thinned, colour.stroke_width(2))).map_err(err)?;
            if labelled {
                line.label(s.label.clone())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3)));
            }
        }
        // A lone point (a run's first evaluation, before training) is drawn as a dot even on a
        // line, or it would not show.
        if s.markers || !s.line || s.points.len() == 1 {
            let dots = chart.draw_series(finite().map(|p| Circle::new(p, 4, colour.filled()))).map_err(err)?;
            if !s.line && labelled {
                dots.label(s.label.clone()).legend(move |(x, y)| Circle::new((x + 9, y), 4, colour.filled()));
            }
        }
    }
    for note in notes {
        let style = ("sans-serif", 14).into_font().color(&RGBColor(40, 40, 50));
        chart.draw_series([Circle::new(note.at, 5, BLACK.filled())]).map_err(err)?;
        chart.draw_series([EmptyElement::at(note.at) + Text::new(note.text.clone(), (8, -18), style)]).map_err(err)?;
    }
    let labelled: Vec<&Series> = series.iter().filter(|s| !s.points.is_empty() && !s.label.is_empty()).collect();
    if labelled.is_empty() {
        return Ok(());
    }
    match side {
        Some(side) => legend_column(&side, &labelled),
        None => chart
            .configure_series_labels()
            .position(if axes.legend == Legend::LowerRight {
                SeriesLabelPosition::LowerRight
            } else {
                SeriesLabelPosition::UpperRight
            })
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 210))
            .label_font(("sans-serif", 14))
            .draw()
            .map_err(err),
    }
}

/// The legend as a column beside the plot: a swatch and the label of each series.
fn legend_column<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, series: &[&Series]) -> DrawResult {
    let style = ("sans-serif", 14).into_font().color(&RGBColor(40, 40, 50));
    for (i, s) in series.iter().enumerate() {
        let y = MARGIN as i32 + 12 + 24 * i as i32;
        let colour = if s.colour == REFERENCE { GREY } else { PALETTE[s.colour % PALETTE.len()] };
        area.draw(&PathElement::new(vec![(4, y), (24, y)], colour.stroke_width(3))).map_err(err)?;
        area.draw(&Text::new(s.label.clone(), (30, y - 8), style.clone())).map_err(err)?;
    }
    Ok(())
}

/// A y range that fits every finite value, with a little room.
fn fit(series: &[Series]) -> Range<f64> {
    let values = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        return 0.0..1.0;
    }
    let pad = ((hi - lo) * 0.08).max(1e-3);
    (lo - pad).min(0.0f64.max(lo - pad))..hi + pad
}

/// A share as a percentage with as many decimals as the axis's span needs to tell its ticks
/// apart (none for a span of ten points or more).
pub fn percent_tick(share: f64, span: f64) -> String {
    let points = span * 100.0;
    let decimals = if points >= 10.0 {
        0
    } else if points >= 1.0 {
        1
    } else {
        2
    };
    format!("{:.decimals$}%", share * 100.0)
}

/// `values` (one per step) smoothed, as points against the 1-based step.
pub fn smoothed_steps(values: &[f32], alpha: f32) -> Vec<(f64, f64)> {
    smooth(values, alpha).iter().enumerate().map(|(i, v)| ((i + 1) as f64, f64::from(*v))).collect()
}

/// At most about `max` of `points`, evenly spaced, always with the first and the last.
pub fn thin(points: &[(f64, f64)], max: usize) -> impl Iterator<Item = (f64, f64)> + '_ {
    let stride = points.len().div_ceil(max.max(1)).max(1);
    let last = points.len().saturating_sub(1);
    points.iter().enumerate().filter(move |(i, _)| i % stride == 0 || *i == last).map(|(_, &p)| p)
}

/// An exponential moving average, to smooth noisy per-step values for display.
pub fn smooth(values: &[f32], alpha: f32) -> Vec<f32> {
    let mut out = Vec::with_capacity(values.len());
    let mut acc: Option<f32> = None;
    for &v in values {
        let next = match acc {
            Some(a) if v.is_finite() => a + alpha * (v - a),
            _ => v,
        };
        acc = Some(next);
        out.push(next);
    }
    out
}

#[cfg(test)]
mod thinning {
    use super::thin;

    #[test]
    fn long_lines_are_thinned_for_drawing_and_keep_their_ends() {
        let points: Vec<(f64, f64)> = (0..12_500).map(|i| (f64::from(i), f64::from(i % 7))).collect();
        let thinned: Vec<_> = thin(&points, 1_120).collect();
        assert!(thinned.len() <= 1_121, "{}", thinned.len());
        assert_eq!(thinned.first(), points.first());
        assert_eq!(thinned.last(), points.last());
        let short: Vec<_> = thin(&points[..300], 1_120).collect();
        assert_eq!(short, points[..300], "short lines are drawn whole");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_ticks_keep_neighbours_apart() {
        assert_eq!(percent_tick(0.9, 1.0), "90%");
        assert_eq!(percent_tick(0.935, 0.025), "93.5%");
        assert_eq!(percent_tick(0.9351, 0.005), "93.51%");
    }

    #[test]
    fn lines_and_legend_are_drawn() {
        let series = vec![
            Series {
                label: "train loss".into(),
                points: vec![(1.0, 2.3), (2.0, 1.1), (3.0, f64::NAN)],
                colour: 0,
                markers: false,
                line: true,
            },
            Series { label: "validation".into(), points: vec![(2.0, 0.9)], colour: 1, markers: true, line: true },
        ];
        let axes = Axes {
            x_label: "step".into(),
            y_label: "loss".into(),
            x: 0.0..10.0,
            y: None,
            percent: false,
            legend: Legend::Outside,
            hint: "the losses appear here".into(),
        };
        let svg = super::super::render_svg(500, 300, |a| draw(a, &series, &axes));
        let empty: Vec<Series> = series.iter().map(|s| Series { points: vec![], ..s.clone() }).collect();
        let waiting = super::super::render_svg(500, 300, |a| draw(a, &empty, &axes));
        assert!(waiting.contains("the losses appear here") && !waiting.contains("step"), "a hint, not empty axes");
        assert!(svg.contains("train loss") && svg.contains("validation") && svg.contains("step"));
        assert!(svg.contains("<circle"));
        assert_eq!(smooth(&[1.0, 3.0], 0.5), [1.0, 2.0]);
    }

    #[test]
    fn scattered_points_are_not_joined() {
        let points = vec![(1.0, 1.0), (2.0, 3.0), (3.0, 2.0)];
        let axes = Axes {
            x_label: "x".into(),
            y_label: "y".into(),
            x: 0.0..4.0,
            y: Some(0.0..4.0),
            percent: false,
            legend: Legend::UpperRight,
            hint: String::new(),
        };
        let render = |line| {
            let series = [Series { label: "points".into(), points: points.clone(), colour: 0, markers: false, line }];
            super::super::render_svg(400, 300, |a| draw(a, &series, &axes))
        };
        let (joined, scattered) = (render(true), render(false));
        assert!(joined.matches("<polyline").count() > scattered.matches("<polyline").count());
        assert!(scattered.matches("<circle").count() >= points.len() && scattered.contains("points"));
    }
}
