//! What a chart shows, as a table, for its CSV download. A chart's `draw` records its data with
//! [`record`]; that does nothing unless the caller draws inside [`capture`], which the chart's
//! canvas does to offer the download. Drawing stays free of side effects for everyone else.

use std::cell::RefCell;

use crate::i18n::{Lang, Text};

/// One table: a header row and the data rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What a drawing inside [`capture`] or [`records`] is asked for.
enum Listening {
    /// The tables, with headers in this language.
    Tables(Lang, Vec<Table>),
    /// Only whether the chart records any (nothing is built).
    Probe(bool),
}

thread_local! {
    static CAPTURED: RefCell<Option<Listening>> = const { RefCell::new(None) };
}

fn listen<T>(mode: Listening, draw: impl FnOnce() -> T) -> (T, Option<Listening>) {
    let outer = CAPTURED.with(|c| c.borrow_mut().replace(mode));
    let result = draw();
    let heard = CAPTURED.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer));
    (result, heard)
}

/// Runs `draw` and returns what it drew, with the tables its charts recorded, their headers in
/// `lang`.
pub fn capture<T>(lang: Lang, draw: impl FnOnce() -> T) -> (T, Vec<Table>) {
    match listen(Listening::Tables(lang, Vec::new()), draw) {
        (result, Some(Listening::Tables(_, tables))) => (result, tables),
        (result, _) => (result, Vec::new()),
    }
}

/// Runs `draw` and says whether its charts record tables, without building them (a chart of
/// digit tiles has thousands of rows, and a chart is drawn anew many times a minute).
pub fn records<T>(draw: impl FnOnce() -> T) -> (T, bool) {
    let (result, heard) = listen(Listening::Probe(false), draw);
    (result, matches!(heard, Some(Listening::Probe(true))))
}

/// Records a chart's data when a [`capture`] is listening (`table` is not even built otherwise);
/// `table` gets the language of the headers.
pub fn record(table: impl FnOnce(Lang) -> Table) {
    CAPTURED.with(|c| match c.borrow_mut().as_mut() {
        Some(Listening::Tables(lang, tables)) => tables.push(table(*lang)),
        Some(Listening::Probe(heard)) => *heard = true,
        None => {}
    });
}

/// A header row from words in `lang`.
pub fn header(lang: Lang, words: &[Text]) -> Vec<String> {
    words.iter().map(|w| w.get(lang).to_string()).collect()
}

/// Column names the charts' tables share.
pub mod words {
    use crate::i18n::Text;
    pub const SERIES: Text = Text::new("曲线", "series");
    pub const TILE: Text = Text::new("小图", "tile");
    pub const ROW: Text = Text::new("行", "row");
    pub const COLUMN: Text = Text::new("列", "column");
    pub const CHANNEL: Text = Text::new("通道", "channel");
    pub const VALUE: Text = Text::new("值", "value");
    pub const KIND: Text = Text::new("类别", "kind");
    pub const REAL: Text = Text::new("真实样本", "real");
    pub const GENERATED: Text = Text::new("生成样本", "generated");
    pub const PUSH_X: Text = Text::new("推向 x", "push x");
    pub const PUSH_Y: Text = Text::new("推向 y", "push y");
    pub const LABEL: Text = Text::new("标注", "label");
    pub const CHARACTER: Text = Text::new("字", "character");
    pub const GROUP: Text = Text::new("组", "group");
    pub const LAYER: Text = Text::new("层", "layer");
    pub const SHAPE: Text = Text::new("形状", "shape");
    pub const PARAMS: Text = Text::new("参数", "parameters");
    pub const RACER: Text = Text::new("优化器", "optimizer");
    pub const STEP: Text = Text::new("步", "step");
    pub const LOSS: Text = Text::new("损失", "loss");
    pub const D_OF_X: Text = Text::new("D(x)", "D(x)");
}

/// A number as a CSV cell: as many digits as it needs, nothing for a value that is not finite.
/// Most chart values are single-precision results (losses, accuracies from the worker) widened
/// to f64 for drawing; a value that is exactly a single-precision number is written in that
/// precision's shortest form (0.1, not 0.10000000149011612), which reads back as the same f32.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        String::new()
    } else if f64::from(v as f32) == v {
        number32(v as f32)
    } else {
        format!("{v}")
    }
}

/// A single-precision number as a CSV cell, in its shortest form (0.1, not 0.10000000149011612).
pub fn number32(v: f32) -> String {
    if v.is_finite() { format!("{v}") } else { String::new() }
}

/// The tables as CSV (RFC 4180, with a byte-order mark so that spreadsheets read the Chinese
/// labels as UTF-8), separated by an empty line.
pub fn to_csv(tables: &[Table]) -> String {
    let cell = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
    };
    let line = |row: &[String]| row.iter().map(|s| cell(s)).collect::<Vec<_>>().join(",") + "\r\n";
    let body: Vec<String> =
        tables.iter().map(|t| std::iter::once(&t.header).chain(&t.rows).map(|r| line(r)).collect::<String>()).collect();
    format!("\u{feff}{}", body.join("\r\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widened_single_precision_values_are_written_short_and_doubles_keep_their_digits() {
        assert_eq!(number(f64::from(0.1f32)), "0.1");
        assert_eq!(number(f64::from(1.234_567f32)), "1.234567");
        assert_eq!("0.1".parse::<f32>().unwrap(), 0.1f32);
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1.0 / 3.0), "0.3333333333333333");
        assert_eq!(number(1e-40), "0.0000000000000000000000000000000000000001");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(f64::INFINITY), "");
        assert_eq!(number(1e300), format!("{}", 1e300));
    }
    use crate::plots::curves::{self, Axes, Legend, Series};
    use crate::plots::render_svg;

    #[test]
    fn a_captured_curve_chart_gives_its_points_and_nothing_is_recorded_outside_a_capture() {
        let series = vec![
            Series {
                label: "SGD, lr 0.1".into(),
                points: vec![(0.0, 2.3), (1.0, 1.5)],
                colour: 0,
                markers: false,
                line: true,
            },
            Series { label: "Adam".into(), points: vec![(0.0, 2.2)], colour: 1, markers: false, line: true },
        ];
        let axes = Axes {
            x_label: "step".into(),
            y_label: "loss".into(),
            x: 0.0..2.0,
            y: None,
            percent: false,
            legend: Legend::UpperRight,
            hint: String::new(),
        };
        let (_, tables) = capture(Lang::En, || render_svg(400, 300, |area| curves::draw(area, &series, &axes)));
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header, ["series", "step", "loss"]);
        assert_eq!(tables[0].rows.len(), 3);
        let csv = to_csv(&tables);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\"SGD, lr 0.1\",0,2.3\r\n"), "{csv}");
        assert!(csv.contains("Adam,0,2.2\r\n"));
        // Outside a capture, drawing records nothing and a later capture starts empty.
        render_svg(400, 300, |area| curves::draw(area, &series, &axes));
        assert!(capture(Lang::En, || ()).1.is_empty());
        // A probe learns that the chart records, and builds nothing.
        assert!(records(|| render_svg(400, 300, |area| curves::draw(area, &series, &axes))).1);
        assert!(!records(|| ()).1);
    }

    #[test]
    fn tiles_give_every_value_with_headers_in_the_pages_language() {
        use crate::plots::tiles::{self, Shade, Tile};
        let tile = |caption: &str| Tile {
            width: 3,
            height: 2,
            values: (0..6).map(|v| v as f32 - 2.5).collect(),
            caption: caption.into(),
        };
        let tiles = [tile("1"), tile("2")];
        let (_, tables) = capture(Lang::Zh, || render_svg(300, 200, |a| tiles::draw(a, &tiles, 2, Shade::Diverging)));
        assert_eq!(tables[0].header, ["小图", "通道", "行", "列", "值"]);
        assert_eq!(tables[0].rows.len(), 12);
        assert_eq!(tables[0].rows[11], ["2", "1", "2", "3", "2.5"]);
    }
}
