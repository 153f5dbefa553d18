//! How the receptive field grows layer by layer: one bar per layer, its height the side of the
//! input patch that a single output cell of that layer sees.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, PALETTE, bar_label, err};

/// One bar: a layer's name and its receptive field in input pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub size: usize,
}

/// Draws the bars; `selected` is highlighted. `caption` is the y-axis description.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[Bar],
    selected: Option<usize>,
    caption: &str,
) -> DrawResult {
    super::table::record(|lang| super::table::Table {
        header: vec![super::table::words::LAYER.get(lang).into(), caption.into()],
        rows: bars.iter().map(|b| vec![b.label.clone(), b.size.to_string()]).collect(),
    });
    let top = bars.iter().map(|b| b.size).max().unwrap_or(1).max(1) as f64 * 1.2;
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(44)
        .build_cartesian_2d((0..bars.len()).into_segmented(), 0.0..top)
        .map_err(err)?;
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc(caption)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_label_formatter(&|v| bar_label(&labels, v))
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| {
            let colour = if Some(i) == selected { PALETTE[5] } else { PALETTE[0] };
            let mut bar = Rectangle::new(
                [(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), b.size as f64)],
                colour.mix(0.85).filled(),
            );
            bar.set_margin(0, 0, 8, 8);
            bar
        }))
        .map_err(err)?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| {
            let style = ("sans-serif", 15).into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Bottom));
            Text::new(format!("{0}×{0}", b.size), (SegmentValue::CenterOf(i), b.size as f64 + top * 0.02), style)
        }))
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_carry_their_sizes() {
        let bars = [Bar { label: "conv1".into(), size: 3 }, Bar { label: "pool1".into(), size: 4 }];
        let svg = super::super::render_svg(400, 240, |a| draw(a, &bars, Some(1), "px"));
        assert!(svg.contains("3×3") && svg.contains("4×4") && svg.contains("conv1"));
    }
}
