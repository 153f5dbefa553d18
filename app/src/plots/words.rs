//! Characters placed on a plane (the first two principal components of their learned vectors),
//! each drawn as itself; characters of a highlighted group in their group's colour.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, PALETTE, err};

/// A character at a point, in group `group` (`None`: not highlighted).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub at: (f64, f64),
    pub group: Option<usize>,
}

pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, words: &[Word], labels: (&str, &str)) -> DrawResult {
    let span = |f: fn(&Word) -> f64| {
        let (lo, hi) = words.iter().map(f).fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        if lo.is_finite() && hi > lo { (lo - 0.08 * (hi - lo))..(hi + 0.08 * (hi - lo)) } else { -1.0..1.0 }
    };
    super::table::record(|lang| {
        use super::table::words::{CHARACTER, GROUP};
        let n = super::table::number;
        let rows = words
            .iter()
            .map(|w| vec![w.text.clone(), n(w.at.0), n(w.at.1), w.group.map_or(String::new(), |g| (g + 1).to_string())])
            .collect();
        let header = vec![CHARACTER.get(lang).into(), labels.0.into(), labels.1.into(), GROUP.get(lang).into()];
        super::table::Table { header, rows }
    });
    let (x, y) = (span(|w| w.at.0), span(|w| w.at.1));
    let mut chart = ChartBuilder::on(area)
        .margin(14)
        .x_label_area_size(34)
        .y_label_area_size(44)
        .build_cartesian_2d(x, y)
        .map_err(err)?;
    chart
        .configure_mesh()
        .x_desc(labels.0)
        .y_desc(labels.1)
        .x_labels(5)
        .y_labels(5)
        .label_style(("sans-serif", 13))
        .light_line_style(RGBColor(240, 241, 245))
        .draw()
        .map_err(err)?;
    // Plain characters first, highlighted ones on top.
    let mut ordered: Vec<&Word> = words.iter().collect();
    ordered.sort_by_key(|w| w.group.is_some());
    for w in ordered {
        let (colour, size) = match w.group {
            Some(g) => (PALETTE[g % PALETTE.len()], 22),
            None => (RGBColor(120, 126, 140), 15),
        };
        let style =
            ("Noto Sans CJK SC, sans-serif", size).into_font().color(&colour).pos(Pos::new(HPos::Center, VPos::Center));
        chart.draw_series([Text::new(w.text.clone(), w.at, style)]).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_drawn() {
        let words = vec![
            Word { text: "山".into(), at: (0.0, 1.0), group: Some(0) },
            Word { text: "水".into(), at: (1.0, -1.0), group: None },
        ];
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
            draw(&area, &words, ("x", "y")).unwrap();
        }
        assert!(svg.contains('山') && svg.contains('水'));
        let mut empty = String::new();
        let area = SVGBackend::with_string(&mut empty, (300, 200)).into_drawing_area();
        draw(&area, &[], ("x", "y")).unwrap();
    }
}
