//! A 2-D GAN in its square of the plane: the discriminator's verdict D(x) as a heat map (blue
//! where it says "real", red and hatched where it says "generated", white at ½), the real
//! samples (dots), the generator's samples (triangles), and where the generator's gradient
//! pushes each of them. The square fills
//! the whole area, so a pointer position maps to the plane by proportion alone.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawResult, PALETTE, err};

/// What the plane shows. Points are `[x, y]` inside `bounds` (`[x_min, x_max, y_min, y_max]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plane {
    pub bounds: [f32; 4],
    pub real: Vec<[f32; 2]>,
    pub fake: Vec<[f32; 2]>,
    /// Minus the generator loss's gradient at each generated point.
    pub push: Vec<[f32; 2]>,
    /// D(x) on a `grid × grid` lattice, row-major from the top.
    pub grid: usize,
    pub surface: Vec<f32>,
}

/// Real points' colour (the palette's blue) and generated points' (its vermilion, darkened so
/// that the legend's text in it is readable).
pub const REAL: RGBColor = PALETTE[0];
pub const FAKE: RGBColor = RGBColor(190, 80, 0);

/// Cells where D(x) is below this are hatched as well as red: D clearly says "generated".
pub const HATCH_BELOW: f32 = 0.4;

/// The heat map's colour for D(x) = `p`: red at 0, white at ½, blue at 1 (pale, so the points
/// stay readable on top).
pub fn surface_colour(p: f32) -> RGBColor {
    let p = if p.is_finite() { p.clamp(0.0, 1.0) } else { 0.5 };
    let (toward, amount) =
        if p >= 0.5 { ((150, 195, 235), (p - 0.5) * 2.0) } else { ((245, 170, 150), (0.5 - p) * 2.0) };
    let mix = |to: u8| (255.0 + (f32::from(to) - 255.0) * amount).round() as u8;
    RGBColor(mix(toward.0), mix(toward.1), mix(toward.2))
}

/// Where the point `(px, py)` of an area `width × height` pixels is in the plane.
pub fn to_plane(px: f64, py: f64, width: f64, height: f64, bounds: [f32; 4]) -> [f32; 2] {
    let [x0, x1, y0, y1] = bounds.map(f64::from);
    [(x0 + (x1 - x0) * px / width) as f32, (y1 - (y1 - y0) * py / height) as f32]
}

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, plane: &Plane) -> DrawResult {
    super::table::record(|lang| {
        use super::table::words::{GENERATED, KIND, PUSH_X, PUSH_Y, REAL};
        let n = super::table::number32;
        let real =
            plane.real.iter().map(|p| vec![REAL.get(lang).into(), n(p[0]), n(p[1]), String::new(), String::new()]);
        let fake = plane.fake.iter().enumerate().map(|(i, p)| {
            let v = plane.push.get(i);
            vec![
                GENERATED.get(lang).into(),
                n(p[0]),
                n(p[1]),
                v.map_or(String::new(), |v| n(v[0])),
                v.map_or(String::new(), |v| n(v[1])),
            ]
        });
        let mut header = super::table::header(lang, &[KIND]);
        header.extend(["x".to_string(), "y".to_string()]);
        header.extend(super::table::header(lang, &[PUSH_X, PUSH_Y]));
        super::table::Table { header, rows: real.chain(fake).collect() }
    });
    let g = plane.grid;
    if g > 0 && plane.surface.len() == g * g {
        super::table::record(|lang| {
            let n = super::table::number32;
            let [x0, x1, y0, y1] = plane.bounds;
            let (dx, dy) = ((x1 - x0) / g as f32, (y1 - y0) / g as f32);
            let mut header = vec!["x".to_string(), "y".to_string()];
            header.extend(super::table::header(lang, &[super::table::words::D_OF_X]));
            let rows = plane
                .surface
                .iter()
                .enumerate()
                .map(|(k, &p)| {
                    let (i, j) = ((k / g) as f32, (k % g) as f32);
                    vec![n(x0 + (j + 0.5) * dx), n(y1 - (i + 0.5) * dy), n(p)]
                })
                .collect();
            super::table::Table { header, rows }
        });
    }
    let [x0, x1, y0, y1] = plane.bounds.map(f64::from);
    let (dx, dy) = ((x1 - x0) / g.max(1) as f64, (y1 - y0) / g.max(1) as f64);
    // The cell `k` of the lattice: its left and top edges.
    let corner = |k: usize| (x0 + (k % g) as f64 * dx, y1 - (k / g) as f64 * dy);
    let mut chart = ChartBuilder::on(area).build_cartesian_2d(x0..x1, y0..y1).map_err(err)?;
    if g > 0 && plane.surface.len() == g * g {
        chart
            .draw_series(plane.surface.iter().enumerate().map(|(k, &p)| {
                let (left, top) = corner(k);
                Rectangle::new([(left, top), (left + dx, top - dy)], surface_colour(p).filled())
            }))
            .map_err(err)?;
        // Hatching where D says "generated", so that its verdict is not told by colour alone.
        chart
            .draw_series(plane.surface.iter().enumerate().filter(|&(_, &p)| p < HATCH_BELOW).map(|(k, _)| {
                let (left, top) = corner(k);
                PathElement::new(vec![(left, top - dy), (left + dx, top)], RGBColor(200, 110, 90).stroke_width(1))
            }))
            .map_err(err)?;
    }
    // Axes through the origin, faint, for orientation.
    let axis = RGBColor(200, 200, 210).stroke_width(1);
    chart.draw_series([PathElement::new(vec![(x0, 0.0), (x1, 0.0)], axis)]).map_err(err)?;
    chart.draw_series([PathElement::new(vec![(0.0, y0), (0.0, y1)], axis)]).map_err(err)?;
    let at = |p: &[f32; 2]| (f64::from(p[0]), f64::from(p[1]));
    chart.draw_series(plane.real.iter().map(|p| Circle::new(at(p), 3, REAL.mix(0.8).filled()))).map_err(err)?;
    // Arrows scaled together, so that the longest is a tenth of the square.
    let longest = plane.push.iter().map(|v| v[0].hypot(v[1])).fold(0.0f32, f32::max);
    if longest > 0.0 && longest.is_finite() {
        let scale = f64::from((plane.bounds[1] - plane.bounds[0]) / 10.0 / longest);
        chart
            .draw_series(plane.fake.iter().zip(&plane.push).map(|(p, v)| {
                let (x, y) = at(p);
                PathElement::new(
                    vec![(x, y), (x + f64::from(v[0]) * scale, y + f64::from(v[1]) * scale)],
                    RGBColor(120, 40, 0).stroke_width(1),
                )
            }))
            .map_err(err)?;
    }
    chart.draw_series(plane.fake.iter().map(|p| TriangleMarker::new(at(p), 4, FAKE.filled()))).map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_positions() {
        assert_eq!(surface_colour(0.5), RGBColor(255, 255, 255));
        assert_eq!(surface_colour(1.0), RGBColor(150, 195, 235));
        assert_eq!(surface_colour(0.0), RGBColor(245, 170, 150));
        assert_eq!(surface_colour(f32::NAN), RGBColor(255, 255, 255));
        let b = [-1.6, 1.6, -1.6, 1.6];
        assert_eq!(to_plane(0.0, 0.0, 400.0, 400.0, b), [-1.6, 1.6]);
        assert_eq!(to_plane(200.0, 300.0, 400.0, 400.0, b), [0.0, -0.8]);
    }

    #[test]
    fn draws_into_svg() {
        let plane = Plane {
            bounds: [-1.6, 1.6, -1.6, 1.6],
            real: vec![[1.0, 0.0], [-1.0, 0.0]],
            fake: vec![[0.0, 0.2]],
            push: vec![[0.5, -0.1]],
            grid: 2,
            surface: vec![0.1, 0.9, 0.5, 0.5],
        };
        let (svg, tables) = crate::plots::table::capture(crate::i18n::Lang::En, || {
            crate::plots::render_svg(200, 200, |a| draw(a, &plane))
        });
        // Real samples are dots, generated ones triangles; one cell (D = 0.1) is hatched.
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("<polygon").count(), 1);
        assert_eq!(svg.matches("<polyline").count(), 4, "two axes, one push, one hatch");
        assert!(svg.contains("<rect"));
        // The points, then D(x) at each cell's centre.
        assert_eq!(tables.len(), 2);
        assert_eq!(tables[1].header, ["x", "y", "D(x)"]);
        assert_eq!(tables[1].rows[0], ["-0.8", "0.8", "0.1"]);
        assert_eq!(tables[1].rows.len(), 4);
    }
}
