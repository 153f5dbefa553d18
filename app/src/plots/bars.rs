//! A bar chart of labelled values, each bar with its value written above it.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, PALETTE, X_LABEL_AREA, Y_LABEL_AREA, bar_label, draw_hint, err, tick};

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Index into the palette.
    pub colour: usize,
}

/// Groups of bars side by side: for each group, one bar per series (coloured `colours[i]`),
/// the group's label under its first bar. A series with no value in a group is left out.
pub fn paired(groups: &[(String, Vec<Option<f64>>)], colours: &[usize]) -> Vec<Bar> {
    let mut bars = vec![];
    for (label, values) in groups {
        let mut first = true;
        for (value, &colour) in values.iter().zip(colours) {
            let Some(value) = *value else { continue };
            bars.push(Bar { label: if first { label.clone() } else { String::new() }, value, colour });
            first = false;
        }
    }
    bars
}

/// Draws the bars from zero; values are shown as percentages when `percent`. Without bars,
/// `hint` says what will appear.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bars: &[Bar],
    y_label: &str,
    percent: bool,
    hint: &str,
) -> DrawResult {
    // A paired bar has no label of its own: it belongs to the group before it.
    super::table::record(|_| super::table::Table {
        header: vec![String::new(), y_label.to_string()],
        rows: bars
            .iter()
            .scan(String::new(), |group, b| {
                if !b.label.is_empty() {
                    group.clone_from(&b.label);
                }
                Some(vec![group.clone(), super::table::number(b.value)])
            })
            .collect(),
    });
    if bars.is_empty() {
        return draw_hint(area, hint);
    }
    let top = bars.iter().map(|b| b.value).fold(0.0f64, f64::max);
    let bottom = bars.iter().map(|b| b.value).fold(0.0f64, f64::min);
    let span = (top - bottom).max(1e-9);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(X_LABEL_AREA)
        .y_label_area_size(Y_LABEL_AREA)
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
        .y_label_formatter(&|v| if percent { format!("{:.0}%", v * 100.0) } else { tick(*v, span) })
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
    fn paired_bars_alternate_within_each_group() {
        let groups = vec![("a".to_string(), vec![Some(1.0), Some(2.0)]), ("b".to_string(), vec![Some(3.0), Some(4.0)])];
        let bars = paired(&groups, &[0, 5]);
        let seen: Vec<(&str, f64, usize)> = bars.iter().map(|b| (b.label.as_str(), b.value, b.colour)).collect();
        assert_eq!(seen, [("a", 1.0, 0), ("", 2.0, 5), ("b", 3.0, 0), ("", 4.0, 5)]);
        // A lane that has not finished yet leaves only the other's bars, each labelled.
        let half = vec![("a".to_string(), vec![None, Some(2.0)]), ("b".to_string(), vec![None, Some(4.0)])];
        let labels: Vec<String> = paired(&half, &[0, 5]).into_iter().map(|b| b.label).collect();
        assert_eq!(labels, ["a", "b"]);
    }

    #[test]
    fn bars_show_their_values() {
        let bars = [
            Bar { label: "p=0".into(), value: 0.12, colour: 0 },
            Bar { label: "p=0.5".into(), value: 0.03, colour: 1 },
        ];
        let svg = super::super::render_svg(400, 260, |a| draw(a, &bars, "gap", true, ""));
        assert!(svg.contains("12.0%") && svg.contains("p=0.5"));
    }
}
