//! Text inputs for numbers that keep exactly what the user typed and explain, next to the
//! field, why a value cannot be used. Nothing typed is ever thrown away.

use std::rc::Rc;

use leptos::prelude::*;

use super::slider::{Ranges, Slider, is_seed};
use crate::i18n::{Lang, Text, fill, tr, use_lang};

/// Why a typed value cannot be used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InputError {
    Empty,
    NotANumber,
    NotAWholeNumber,
    TooSmall(f64),
    TooLarge(f64),
    NotPositive,
    /// Text is needed here.
    NoText,
    /// More than this many characters.
    TooManyCharacters(usize),
    /// More than this many values in a list.
    TooManyValues(usize),
}

impl InputError {
    pub fn message(self, lang: Lang) -> String {
        match self {
            Self::Empty => t::EMPTY.get(lang).to_string(),
            Self::NotANumber => t::NAN.get(lang).to_string(),
            Self::NotAWholeNumber => t::WHOLE.get(lang).to_string(),
            Self::TooSmall(min) => fill(t::TOO_SMALL.get(lang), &[&min]),
            Self::TooLarge(max) => fill(t::TOO_LARGE.get(lang), &[&max]),
            Self::NotPositive => t::POSITIVE.get(lang).to_string(),
            Self::NoText => t::NO_TEXT.get(lang).to_string(),
            Self::TooManyCharacters(max) => fill(t::TOO_LONG.get(lang), &[&max]),
            Self::TooManyValues(max) => fill(t::TOO_MANY.get(lang), &[&max]),
        }
    }
}

/// Reads typed text: trimmed, 1 to `max` characters.
pub fn parse_text(raw: &str, max: usize) -> Result<String, InputError> {
    let text = raw.trim();
    match text.chars().count() {
        0 => Err(InputError::NoText),
        n if n > max => Err(InputError::TooManyCharacters(max)),
        _ => Ok(text.to_string()),
    }
}

/// Reads exactly one typed character.
pub fn parse_char(raw: &str) -> Result<char, InputError> {
    parse_text(raw, 1).map(|t| t.chars().next().expect("one character"))
}

/// Reads a whole number in `min..=max`.
pub fn parse_int(raw: &str, min: usize, max: usize) -> Result<usize, InputError> {
    let value = parse_float(raw, min as f64, max as f64)?;
    if value.fract() != 0.0 {
        return Err(InputError::NotAWholeNumber);
    }
    Ok(value as usize)
}

/// Reads a finite number in `min..=max`. Accepts a leading `+`, full-width digits are not
/// numbers.
pub fn parse_float(raw: &str, min: f64, max: f64) -> Result<f64, InputError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(InputError::Empty);
    }
    let value: f64 = raw.parse().map_err(|_| InputError::NotANumber)?;
    if !value.is_finite() {
        return Err(InputError::NotANumber);
    }
    if value < min {
        return Err(InputError::TooSmall(min));
    }
    if value > max {
        return Err(InputError::TooLarge(max));
    }
    Ok(value)
}

/// A whole number's range, written once for its parser and its slider (for states written by
/// hand rather than by `text_state!`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ints(pub usize, pub usize);

impl Ints {
    pub fn parse(self, raw: &str) -> Result<usize, InputError> {
        parse_int(raw, self.0, self.1)
    }

    pub fn range(self) -> super::slider::Range {
        super::slider::ranges::parse_int(self.0, self.1)
    }
}

/// A number's range, written once for its parser and its slider.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Floats(pub f64, pub f64);

impl Floats {
    pub fn parse(self, raw: &str) -> Result<f64, InputError> {
        parse_float(raw, self.0, self.1)
    }

    pub fn range(self) -> super::slider::Range {
        super::slider::ranges::parse_float(self.0, self.1)
    }
}

/// Reads a number that must be greater than zero and at most `max` (a learning rate, say).
pub fn parse_positive(raw: &str, max: f64) -> Result<f64, InputError> {
    let value = parse_float(raw, f64::NEG_INFINITY, max)?;
    if value <= 0.0 { Err(InputError::NotPositive) } else { Ok(value) }
}

/// A labelled text field bound to a string; shows `error` (if any) under the input and marks it
/// invalid for assistive technology.
#[component]
pub fn Field(
    label: Text,
    /// A stable name for tests and for `<label for>`.
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: impl Fn(String) + 'static,
    #[prop(into)] error: Signal<Option<InputError>>,
    #[prop(optional)] hint: Option<Text>,
    #[prop(default = "5em")] width: &'static str,
    /// The on-screen keyboard to offer: numbers by default, `text` for words.
    #[prop(default = "decimal")]
    inputmode: &'static str,
    /// The slider's range when it is not the lesson state's range for `name` (a range that
    /// depends on another control).
    #[prop(optional)]
    range: Option<super::slider::Range>,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("field-{name}");
    let err_id = format!("{id}-error");
    let input = NodeRef::<leptos::html::Input>::new();
    super::disclosure::open_when(input, move || error.get().is_some());
    let on_input: Rc<dyn Fn(String)> = Rc::new(on_input);
    let typed = on_input.clone();
    // A number with a declared range gets a slider (a seed gets a button for the next one).
    let range = range.or_else(|| use_context::<Ranges>().and_then(|r| r.get(name)));
    let control = range.map(|range| {
        if is_seed(name) {
            let next = move |_| {
                let seed = value.get_untracked().trim().parse::<f64>().map_or(range.min, |s| s + 1.0);
                on_input(format!("{}", if seed > range.max { range.min } else { seed }))
            };
            view! { <button type="button" class="btn small" data-action=format!("next-{name}") on:click=next title=tr(t::NEXT_SEED)>"↻ "{tr(t::NEXT_SEED)}</button> }.into_any()
        } else {
            let label = Signal::derive(move || label.get(lang.get()).to_string());
            view! { <Slider range=range name=name label=label value=value on_input=on_input /> }.into_any()
        }
    });
    view! {
        <div class="field" class:invalid=move || error.get().is_some() class:ranged=range.is_some()>
            <label for=id.clone()>{tr(label)}</label>
            <div class="field-row">
                <input
                    node_ref=input
                    id=id
                    name=name
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    style:width=width
                    prop:value=move || value.get()
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    aria-describedby=err_id.clone()
                    on:input=move |ev| typed(event_target_value(&ev))
                />
                {control}
            </div>
            {hint.map(|h| view! { <span class="hint">{tr(h)}</span> })}
            <span class="field-error" id=err_id role="alert">
                {move || error.get().map(|e| e.message(lang.get()))}
            </span>
        </div>
    }
}

/// A select among fixed options, each with a stable key and a localized label. `name` is its
/// query key: if the lesson's link gave it a value that is none of the options, the select says
/// so under itself (and which option it shows instead) until the user picks one.
#[component]
pub fn Choice(
    label: Text,
    name: &'static str,
    options: Vec<(&'static str, Text)>,
    #[prop(into)] value: Signal<String>,
    on_change: impl Fn(String) + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("field-{name}");
    let err_id = format!("{id}-error");
    let rejected = use_context::<crate::url_state::LinkQuery>()
        .and_then(|q| q.get(name).map(str::to_string))
        .filter(|raw| !options.iter().any(|(key, _)| key == raw));
    let rejected = RwSignal::new(rejected);
    let labels = options.clone();
    let message = move || {
        let raw = rejected.get()?;
        let shown = value.get();
        let shown =
            labels.iter().find(|(key, _)| *key == shown).map_or(shown, |(_, text)| text.get(lang.get()).to_string());
        let mut raw: String = raw.chars().take(40).collect();
        if raw.is_empty() {
            raw = t::NOTHING.get(lang.get()).to_string();
        }
        Some(fill(t::NOT_A_CHOICE.get(lang.get()), &[&raw, &shown]))
    };
    let on_change = Rc::new(move |key: String| {
        rejected.set(None);
        on_change(key)
    });
    // A few choices are buttons side by side, one click each; more are a select.
    if options.len() <= SEGMENTED {
        let label_id = format!("{id}-label");
        let buttons = options
            .into_iter()
            .map(|(key, text)| {
                let choose = on_change.clone();
                view! {
                    <button
                        type="button"
                        role="radio"
                        class="segment"
                        data-value=key
                        aria-checked=move || (value.get() == key).to_string()
                        on:click=move |_| choose(key.to_string())
                    >
                        {move || text.get(lang.get())}
                    </button>
                }
            })
            .collect_view();
        return view! {
            <div class="field" class:invalid=move || rejected.with(Option::is_some)>
                <span class="label" id=label_id.clone()>{tr(label)}</span>
                <div class="segmented" role="radiogroup" id=id aria-labelledby=label_id aria-describedby=err_id.clone() data-value=move || value.get()>
                    {buttons}
                </div>
                <span class="field-error" id=err_id role="alert">{message}</span>
            </div>
        }
        .into_any();
    }
    let on_change = move |ev| on_change(event_target_value(&ev));
    view! {
        <div class="field" class:invalid=move || rejected.with(Option::is_some)>
            <label for=id.clone()>{tr(label)}</label>
            <select id=id name=name aria-describedby=err_id.clone() on:change=on_change>
                {options
                    .into_iter()
                    .map(|(key, text)| {
                        view! {
                            <option value=key selected=move || value.get() == key>
                                {move || text.get(lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <span class="field-error" id=err_id role="alert">{message}</span>
        </div>
    }
    .into_any()
}

/// Up to this many choices are shown as buttons side by side.
const SEGMENTED: usize = 4;

mod t {
    use crate::i18n::Text;
    pub const EMPTY: Text = Text::new("请输入一个数。", "Enter a number.");
    pub const NAN: Text = Text::new("这不是一个数。", "This is not a number.");
    pub const WHOLE: Text = Text::new("请输入整数。", "Enter a whole number.");
    pub const TOO_SMALL: Text = Text::new("不能小于 {0}。", "Must be at least {0}.");
    pub const TOO_LARGE: Text = Text::new("不能大于 {0}。", "Must be at most {0}.");
    pub const POSITIVE: Text = Text::new("必须大于 0。", "Must be greater than 0.");
    pub const NO_TEXT: Text = Text::new("请输入文字。", "Type some text.");
    pub const TOO_MANY: Text = Text::new("最多 {0} 个数。", "At most {0} values.");
    pub const TOO_LONG: Text = Text::new("最多 {0} 个字。", "At most {0} characters.");
    pub const NOT_A_CHOICE: Text = Text::new(
        "链接里的“{0}”不是可选项，现在显示的是“{1}”。",
        "The link's “{0}” is not one of the choices; showing “{1}”.",
    );
    pub const NOTHING: Text = Text::new("（空）", "(empty)");
    pub const NEXT_SEED: Text = Text::new("换一个", "Another");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_checked_and_explained() {
        assert_eq!(parse_int(" 32 ", 1, 512), Ok(32));
        assert_eq!(parse_int("", 1, 9), Err(InputError::Empty));
        assert_eq!(parse_int("abc", 1, 9), Err(InputError::NotANumber));
        assert_eq!(parse_int("2.5", 1, 9), Err(InputError::NotAWholeNumber));
        assert_eq!(parse_int("0", 1, 9), Err(InputError::TooSmall(1.0)));
        assert_eq!(parse_int("10", 1, 9), Err(InputError::TooLarge(9.0)));
        assert_eq!(parse_float("NaN", 0.0, 1.0), Err(InputError::NotANumber));
        assert_eq!(parse_float("inf", 0.0, 1.0), Err(InputError::NotANumber));
        assert_eq!(parse_float("-0.5", -1.0, 1.0), Ok(-0.5));
        assert_eq!(InputError::TooSmall(1.0).message(Lang::En), "Must be at least 1.");
        assert_eq!(parse_positive("0", 10.0), Err(InputError::NotPositive));
        assert_eq!(parse_positive("-0.1", 10.0), Err(InputError::NotPositive));
        assert_eq!(parse_positive("1e-3", 10.0), Ok(0.001));
        assert_eq!(parse_positive("nan", 10.0), Err(InputError::NotANumber));
        assert_eq!(InputError::TooLarge(9.0).message(Lang::Zh), "不能大于 9。");
        assert_eq!(parse_text("  春眠 ", 5).as_deref(), Ok("春眠"));
        assert_eq!(parse_text(" ", 5), Err(InputError::NoText));
        assert_eq!(parse_text("春眠不觉晓", 4), Err(InputError::TooManyCharacters(4)));
        assert_eq!(parse_char(" 春"), Ok('春'));
        assert_eq!(parse_char("春眠"), Err(InputError::TooManyCharacters(1)));
    }
}
