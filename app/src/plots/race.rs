//! The optimizer race: a loss surface as a shaded contour map (drawn once per surface) and the
//! racers' trails over it (drawn every frame on a transparent layer with the same layout).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawResult, PALETTE, err};
use crate::i18n::Text;

/// The plot area's margins, shared by both layers and by pointer hit-testing.
pub const MARGIN: u32 = 12;
pub const X_LABELS: u32 = 34;
pub const Y_LABELS: u32 = 44;

/// The region drawn: `((x0, x1), (y0, y1))`.
pub type Bounds = ((f64, f64), (f64, f64));

/// One racer's trail, borrowed from the racer (it is redrawn every frame).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trail<'a> {
    pub points: &'a [(f64, f64)],
    pub colour: usize,
    /// The racer's name, for the data table.
    pub name: Text,
}

/// The surface: each cell shaded by `log(1 + f − f_min)`, darker lower, with the minima marked.
pub fn draw_surface<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bounds: Bounds,
    f: impl Fn(f64, f64) -> f64,
    minima: &[(f64, f64)],
) -> DrawResult {
    let ((x0, x1), (y0, y1)) = bounds;
    let mut chart = chart(area, bounds)?;
    chart.configure_mesh().disable_mesh().label_style(("sans-serif", 13)).draw().map_err(err)?;
    let (nx, ny) = (120usize, 90usize);
    let (dx, dy) = ((x1 - x0) / nx as f64, (y1 - y0) / ny as f64);
    let values: Vec<f64> = (0..ny)
        .flat_map(|j| (0..nx).map(move |i| (i, j)))
        .map(|(i, j)| f(x0 + (i as f64 + 0.5) * dx, y0 + (j as f64 + 0.5) * dy))
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let shade: Vec<f64> = values.iter().map(|v| (1.0 + v - lo).ln()).collect();
    let hi = shade.iter().copied().fold(0.0f64, f64::max).max(1e-9);
    chart
        .draw_series((0..ny).flat_map(|j| (0..nx).map(move |i| (i, j))).map(|(i, j)| {
            let t = shade[j * nx + i] / hi;
            // Contour bands: every tenth of the shade gets a slightly darker edge.
            let band = ((t * 12.0).fract() < 0.12) as u8 as f64 * 0.08;
            let c = |lo: f64, hi: f64| (lo + (hi - lo) * (t + band).min(1.0)) as u8;
            let colour = RGBColor(c(40.0, 250.0), c(70.0, 248.0), c(120.0, 235.0));
            let (cx, cy) = (x0 + i as f64 * dx, y0 + j as f64 * dy);
            Rectangle::new([(cx, cy), (cx + dx, cy + dy)], colour.filled())
        }))
        .map_err(err)?;
    chart.draw_series(minima.iter().map(|&m| Cross::new(m, 7, WHITE.stroke_width(3)))).map_err(err)?;
    Ok(())
}

/// The trails, with a dot at each racer's current position; their table lists every step's
/// position and the loss `f` there.
pub fn draw_trails<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bounds: Bounds,
    trails: &[Trail<'_>],
    f: impl Fn(f64, f64) -> f64,
) -> DrawResult {
    super::table::record(|lang| {
        use super::table::words::{LOSS, RACER, STEP};
        let n = super::table::number;
        let mut header = super::table::header(lang, &[RACER, STEP]);
        header.extend(["x".to_string(), "y".to_string()]);
        header.extend(super::table::header(lang, &[LOSS]));
        let rows = trails
            .iter()
            .flat_map(|t| {
                t.points
                    .iter()
                    .enumerate()
                    .map(|(step, &(x, y))| vec![t.name.get(lang).to_string(), step.to_string(), n(x), n(y), n(f(x, y))])
            })
            .collect();
        super::table::Table { header, rows }
    });
    let mut chart = chart(area, bounds)?;
    for trail in trails {
        let colour = PALETTE[trail.colour % PALETTE.len()];
        let ((x0, x1), (y0, y1)) = bounds;
        let clip =
            |(x, y): (f64, f64)| (x.clamp(x0 - (x1 - x0), x1 + (x1 - x0)), y.clamp(y0 - (y1 - y0), y1 + (y1 - y0)));
        chart
            .draw_series(LineSeries::new(trail.points.iter().copied().map(clip), colour.stroke_width(2)))
            .map_err(err)?;
        if let Some(&last) = trail.points.last() {
            chart
                .draw_series([
                    Circle::new(clip(last), 6, colour.filled()),
                    Circle::new(clip(last), 6, WHITE.stroke_width(1)),
                ])
                .map_err(err)?;
        }
    }
    if let Some(start) = trails.first().and_then(|t| t.points.first()) {
        chart.draw_series([Circle::new(*start, 7, BLACK.stroke_width(2))]).map_err(err)?;
    }
    Ok(())
}

fn chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    ((x0, x1), (y0, y1)): Bounds,
) -> Result<
    ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>,
    String,
> {
    ChartBuilder::on(area)
        .margin(MARGIN)
        .x_label_area_size(X_LABELS)
        .y_label_area_size(Y_LABELS)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(err)
}

/// The data point under pixel `(px, py)` of a canvas `width × height`, if inside the plot.
pub fn to_data(px: f64, py: f64, width: f64, height: f64, ((x0, x1), (y0, y1)): Bounds) -> Option<(f64, f64)> {
    let (left, right) = (f64::from(MARGIN + Y_LABELS), width - f64::from(MARGIN));
    let (top, bottom) = (f64::from(MARGIN), height - f64::from(MARGIN + X_LABELS));
    let (u, v) = ((px - left) / (right - left), (py - top) / (bottom - top));
    ((0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v)).then_some((x0 + u * (x1 - x0), y1 - v * (y1 - y0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_and_trails_are_drawn_and_pixels_map_back() {
        let bounds = ((-2.0, 2.0), (-1.0, 3.0));
        let svg = super::super::render_svg(400, 300, |a| draw_surface(a, bounds, |x, y| x * x + y * y, &[(0.0, 0.0)]));
        assert!(svg.matches("<rect").count() > 1000);
        let trails =
            [Trail {
                points: &[(-1.5, 2.0), (-1.0, 1.5), (0.0, 0.5)], colour: 1, name: Text::new("动量", "Momentum")
            }];
        let bowl = |x: f64, y: f64| x * x + y * y;
        let (svg, tables) = crate::plots::table::capture(crate::i18n::Lang::En, || {
            super::super::render_svg(400, 300, |a| draw_trails(a, bounds, &trails, bowl))
        });
        assert!(svg.contains("<polyline") || svg.contains("<path"));
        // The data table has every step of the trail with the loss there.
        assert_eq!(tables[0].header, ["optimizer", "step", "x", "y", "loss"]);
        assert_eq!(tables[0].rows.len(), 3);
        assert_eq!(tables[0].rows[2], ["Momentum", "2", "0", "0.5", "0.25"]);
        let (x, y) = to_data(f64::from(MARGIN + Y_LABELS), f64::from(MARGIN), 400.0, 300.0, bounds).unwrap();
        assert!((x + 2.0).abs() < 1e-9 && (y - 3.0).abs() < 1e-9, "top-left of the plot is (x0, y1)");
        assert!(to_data(0.0, 0.0, 400.0, 300.0, bounds).is_none());
    }
}
