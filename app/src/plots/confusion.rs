//! A confusion matrix: how often each true class (row) was predicted as each class (column).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, err};

/// Draws a `n × n` matrix of counts (row-major, `counts[true · n + predicted]`).
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    counts: &[u32],
    n: usize,
    true_label: &str,
    predicted_label: &str,
) -> DrawResult {
    super::table::record(|_| super::table::Table {
        header: std::iter::once(format!("{true_label} \\ {predicted_label}"))
            .chain((0..n).map(|c| c.to_string()))
            .collect(),
        rows: (0..n)
            .map(|r| {
                std::iter::once(r.to_string())
                    .chain((0..n).map(|c| counts.get(r * n + c).map_or(String::new(), u32::to_string)))
                    .collect()
            })
            .collect(),
    });
    let (w, h) = area.dim_in_pixel();
    let margin = 50i32;
    let side = ((w.min(h) as i32) - margin - 8).max(n as i32) / n as i32;
    let max_off = (0..n * n).filter(|i| i / n != i % n).map(|i| counts[i]).max().unwrap_or(0).max(1);
    let max_diag = (0..n).map(|i| counts[i * n + i]).max().unwrap_or(0).max(1);
    let centred = |size: i32, colour: RGBColor| {
        ("sans-serif", size).into_font().color(&colour).pos(Pos::new(HPos::Center, VPos::Center))
    };
    for t in 0..n {
        for p in 0..n {
            let v = counts[t * n + p];
            let (x0, y0) = (margin + p as i32 * side, margin + t as i32 * side);
            // The diagonal is right (green), the rest wrong (red); shade by share of the largest.
            let (base, share) = if t == p {
                ((26, 127, 75), v as f64 / max_diag as f64)
            } else {
                ((192, 57, 43), v as f64 / max_off as f64)
            };
            let mix = |c: u8| (255.0 + (f64::from(c) - 255.0) * share.sqrt()) as u8;
            let fill = if v == 0 { RGBColor(250, 250, 252) } else { RGBColor(mix(base.0), mix(base.1), mix(base.2)) };
            area.draw(&Rectangle::new([(x0, y0), (x0 + side, y0 + side)], fill.filled())).map_err(err)?;
            area.draw(&Rectangle::new([(x0, y0), (x0 + side, y0 + side)], RGBColor(225, 228, 235))).map_err(err)?;
            if v > 0 {
                let ink = if share > 0.55 { WHITE } else { BLACK };
                area.draw(&Text::new(
                    v.to_string(),
                    (x0 + side / 2, y0 + side / 2),
                    centred((side / 3).clamp(9, 16), ink),
                ))
                .map_err(err)?;
            }
        }
        let label = centred(14, RGBColor(60, 60, 70));
        area.draw(&Text::new(t.to_string(), (margin - 12, margin + t as i32 * side + side / 2), label.clone()))
            .map_err(err)?;
        area.draw(&Text::new(t.to_string(), (margin + t as i32 * side + side / 2, margin - 12), label)).map_err(err)?;
    }
    let caption = ("sans-serif", 14).into_font().color(&RGBColor(80, 80, 90));
    area.draw(&Text::new(format!("{predicted_label} →"), (margin, 2), caption.clone())).map_err(err)?;
    area.draw(&Text::new(format!("↓ {true_label}"), (2, 20), caption)).map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_in_their_cells() {
        let mut counts = vec![0u32; 100];
        counts[3 * 10 + 3] = 97;
        counts[3 * 10 + 8] = 5;
        let svg = super::super::render_svg(420, 420, |a| draw(a, &counts, 10, "true", "predicted")).replace('\n', "");
        assert!(svg.contains(">97<") && svg.contains(">5<") && svg.contains("predicted"));
    }
}
