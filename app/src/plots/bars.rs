//! A bar chart of labelled values, each bar with its value written above it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, PALETTE, bar_label, err};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Index into the palette.
    pub colour: usize,
}

/// Draws the bars from zero; values are shown as percentages when `percent`.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[Bar],
    y_label: &str,
    percent: bool,
) -> DrawResult {
    let top = bars.iter().map(|b| b.value).fold(0.0f64, f64::max);
    let bottom = bars.iter().map(|b| b.value).fold(0.0f64, f64::min);
    let span = (top - bottom).max(1e-9);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(56)
        .build_cartesian_2d((0..bars.len()).into_segmented(), (bottom - span * 0.05)..(top + span * 0.18))
        .map_err(err)?;
    let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    let fmt = move |v: f64| {
        if percent {
            format!("{:.1}%", v * 100.0)
        } else {
            let s = format!("{v:.3}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
    };
    let font = if bars.len() > 6 { 12 } else { 14 };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_desc(y_label)
        .y_label_formatter(&|v| if percent { format!("{:.0}%", v * 100.0) } else { format!("{v:.2}") })
        .x_label_formatter(&|v| bar_label(&labels, v))
        .label_style(("sans-serif", 14))
        .draw()
        .map_err(err)?;
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| {
            let mut bar = Rectangle::new(
                [(SegmentValue::Exact(i), 0.0), (SegmentValue::Exact(i + 1), b.value)],
                PALETTE[b.colour % PALETTE.len()].mix(0.85).filled(),
            );
            bar.set_margin(0, 0, 10, 10);
            bar
        }))
        .map_err(err)?;
    // With many bars the values would overlap: the axis is enough.
    if bars.len() > 10 {
        return Ok(());
    }
    chart
        .draw_series(bars.iter().enumerate().map(|(i, b)| {
            let style = ("sans-serif", font).into_font().color(&BLACK).pos(Pos::new(HPos::Center, VPos::Bottom));
            Text::new(fmt(b.value), (SegmentValue::CenterOf(i), b.value.max(0.0) + span * 0.02), style)
        }))
        .map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_show_their_values() {
        let bars = [
            Bar { label: "p=0".into(), value: 0.12, colour: 0 },
            Bar { label: "p=0.5".into(), value: 0.03, colour: 1 },
        ];
        let svg = super::super::render_svg(400, 260, |a| draw(a, &bars, "gap", true));
        assert!(svg.contains("12.0%") && svg.contains("p=0.5"));
    }
}
