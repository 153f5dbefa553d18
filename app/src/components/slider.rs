//! Sliders beside the exact fields of numbers. A lesson's state declares each number's range
//! once (`text_state!`), and [`use_query_state`](crate::url_state::use_query_state) hands the
//! ranges to the page, so every [`Field`](super::field::Field) whose name has a range shows a
//! slider that writes the same text a student could type: the field keeps its checks and
//! messages, the address stays the one source of truth.

use leptos::prelude::*;

/// Where a slider may go and how it moves: evenly in the value, or evenly in its logarithm
/// (learning rates, step counts, widths: ranges that span decades).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    /// Only whole numbers.
    pub whole: bool,
    pub log: bool,
}

/// Positions of a slider: fine enough for three significant digits on a log scale.
pub const STEPS: f64 = 1000.0;

impl Range {
    fn new(min: f64, max: f64, whole: bool) -> Self {
        // A range spanning two decades or more moves by ratios.
        let log = min > 0.0 && max / min >= 100.0;
        Self { min, max, whole, log }
    }

    /// The slider position (0 to [`STEPS`]) of `value`, clamped into the range.
    pub fn position(&self, value: f64) -> f64 {
        let v = value.clamp(self.min, self.max);
        let u = if self.log {
            (v.ln() - self.min.ln()) / (self.max.ln() - self.min.ln())
        } else {
            (v - self.min) / (self.max - self.min)
        };
        (u * STEPS).round().clamp(0.0, STEPS)
    }

    /// The value at slider position `p`, as the text the field shows: whole numbers exactly,
    /// others rounded (so a dragged learning rate reads 0.0032, not 0.0031622776601683794).
    pub fn text_at(&self, p: f64) -> String {
        let u = (p / STEPS).clamp(0.0, 1.0);
        let v = if self.log {
            (self.min.ln() + u * (self.max.ln() - self.min.ln())).exp()
        } else {
            self.min + u * (self.max - self.min)
        };
        if v == 0.0 {
            return "0".into();
        }
        // Dragged on a log scale a value reads with two significant digits (0.0031, 45, 1200),
        // evenly with three.
        let significant = if self.log { 2 } else { 3 };
        let digits = significant - 1 - v.abs().log10().floor() as i32;
        if self.whole {
            let scale = 10f64.powi(digits.min(0));
            return format!("{}", ((v * scale).round() / scale).round().clamp(self.min, self.max));
        }
        let scale = 10f64.powi(digits);
        let rounded = ((v * scale).round() / scale).clamp(self.min, self.max);
        let text = format!("{:.*}", digits.max(0) as usize, rounded);
        if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.').to_string() } else { text }
    }
}

/// The ranges `text_state!` declares, named after the parsers of `components::field` that
/// they mirror, so the macro can build one from the same tokens.
pub mod ranges {
    use super::Range;

    pub fn parse_int(min: usize, max: usize) -> Range {
        Range::new(min as f64, max as f64, true)
    }

    pub fn parse_float(min: f64, max: f64) -> Range {
        Range::new(min, max, false)
    }

    /// Greater than zero and at most `max`: the slider reaches four decades below `max`; the
    /// field takes anything smaller.
    pub fn parse_positive(max: f64) -> Range {
        Range::new(max * 1e-4, max, false)
    }
}

/// The ranges of the numbers of the states the page shows, by query key (provided by the
/// lesson frame, filled by `use_query_state`).
#[derive(Clone, Copy)]
pub struct Ranges(RwSignal<Vec<(&'static str, Range)>>);

impl Ranges {
    pub fn provide() -> Self {
        let ranges = Self(RwSignal::new(Vec::new()));
        provide_context(ranges);
        ranges
    }

    pub fn extend(&self, more: Vec<(&'static str, Range)>) {
        self.0.update(|r| r.extend(more));
    }

    /// The range of `key`, if some state of the page declared one.
    pub fn get(&self, key: &str) -> Option<Range> {
        self.0.with_untracked(|r| r.iter().rev().find(|(k, _)| *k == key).map(|(_, r)| *r))
    }
}

/// Whether a key holds a random seed: a seed is a name, not an amount, so it gets a "new
/// seed" button instead of a slider.
pub fn is_seed(key: &str) -> bool {
    key == "seed" || key.ends_with("seed")
}

/// A slider for the number in `value` (the field's text), writing through `on_input`.
#[component]
pub fn Slider(
    range: Range,
    /// The field's name: the slider is `#slider-<name>`.
    name: &'static str,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: std::rc::Rc<dyn Fn(String)>,
) -> impl IntoView {
    // The position of the text now typed; a text that is not a number leaves the slider where
    // the last number put it.
    let position = Memo::new(move |last: Option<&f64>| match value.get().trim().parse::<f64>() {
        Ok(v) if v.is_finite() => range.position(v),
        _ => last.copied().unwrap_or(STEPS / 2.0),
    });
    view! {
        <input
            type="range"
            class="slider"
            id=format!("slider-{name}")
            data-slider-for=name
            data-log=range.log.to_string()
            min="0"
            max=STEPS.to_string()
            step="1"
            aria-label=label
            prop:value=move || position.get()
            on:input=move |ev| {
                if let Ok(p) = event_target_value(&ev).parse::<f64>() {
                    on_input(range.text_at(p));
                }
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliders_move_by_ratios_over_decades_and_write_readable_numbers() {
        let lr = ranges::parse_positive(1.0);
        assert!(lr.log);
        assert_eq!((lr.text_at(0.0), lr.text_at(STEPS)), ("0.0001".to_string(), "1".to_string()));
        assert_eq!(lr.text_at(STEPS / 2.0), "0.01");
        assert_eq!(lr.text_at(lr.position(0.003)), "0.003");
        let steps = ranges::parse_int(10, 20000);
        assert!(steps.log);
        assert_eq!(steps.text_at(0.0), "10");
        assert_eq!(steps.text_at(STEPS), "20000");
        assert_eq!(steps.text_at(steps.position(400.0)), "400");
        let dropout = ranges::parse_float(0.0, 0.8);
        assert!(!dropout.log);
        assert_eq!(dropout.text_at(STEPS / 2.0), "0.4");
        assert_eq!(dropout.text_at(0.0), "0");
        let layers = ranges::parse_int(1, 3);
        assert!(!layers.log);
        assert_eq!(layers.text_at(STEPS), "3");
        // Every position writes a number the field accepts, and the field's value goes back to
        // (about) the same position.
        for r in [lr, steps, dropout, layers, ranges::parse_float(-1.0, 1.0)] {
            for p in (0..=1000).step_by(7) {
                let text = r.text_at(p as f64);
                let v: f64 = text.parse().unwrap();
                assert!(v >= r.min && v <= r.max, "{text} outside {r:?}");
                if !r.whole {
                    assert!((r.position(v) - p as f64).abs() <= 6.0, "{p} → {text} → {}", r.position(v));
                }
            }
        }
        assert!(is_seed("seed") && is_seed("aseed") && !is_seed("steps"));
    }
}
