//! Questions a student answers before seeing the result (predict, then check), as d2l's
//! exercises are, but checked: the right answer comes from the engine for the lesson's
//! settings, or from the student's own run once it has finished, never from a constant where a
//! control can change it. A hint on request; the explanation after answering. Answers are kept
//! in the browser (`progress`).

use leptos::prelude::*;

use crate::i18n::{Text, tr, use_lang};
use crate::progress::{Answer, use_progress};

/// How a question is answered.
#[derive(Clone)]
pub enum Kind {
    /// One of these options, by key.
    Choice(Vec<(&'static str, Text)>),
    /// A number, right within `tolerance` (absolute).
    Number { tolerance: f64 },
    /// A number, right within this share of the answer (0.01: within 1%).
    Relative { share: f64 },
}

/// Whether `predicted` is `answer` for a question of `kind`.
pub fn is_right(kind: &Kind, predicted: &str, answer: &str) -> bool {
    match kind {
        Kind::Choice(_) => predicted == answer,
        Kind::Number { tolerance } => match (predicted.trim().parse::<f64>(), answer.trim().parse::<f64>()) {
            (Ok(p), Ok(a)) => (p - a).abs() <= *tolerance,
            _ => false,
        },
        Kind::Relative { share } => match (predicted.trim().parse::<f64>(), answer.trim().parse::<f64>()) {
            (Ok(p), Ok(a)) => (p - a).abs() <= share * a.abs() + 1e-12,
            _ => false,
        },
    }
}

/// One question. `id` is `<lesson slug>/<n>`; what the student predicted is kept under it, with
/// the prompt as asked (a prompt filled from other settings is another question).
#[component]
pub fn Question(
    id: &'static str,
    #[prop(into)] prompt: Signal<String>,
    kind: Kind,
    /// The right answer (an option's key, or a number as text), once it is known.
    #[prop(into)]
    answer: Signal<Option<String>>,
    hint: Text,
    /// Why the answer is what it is, shown once answered.
    #[prop(into)]
    explain: Signal<String>,
    /// What to do for the answer to be known, when it waits on a run.
    #[prop(optional)]
    pending: Option<Text>,
    /// What else the question is about, when its prompt does not say it (the network it asks
    /// about, say): a kept answer counts only for the same.
    #[prop(optional, into)]
    about: Option<Signal<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let progress = use_progress();
    let asked = move || format!("{}{}", prompt.get(), about.map(|a| format!(" [{}]", a.get())).unwrap_or_default());
    // This question's kept answer, if it was asked as it is asked now.
    let kept = Memo::new(move |_| {
        let asked = asked();
        progress.with(|p| p.answers.get(id).filter(|a| a.prompt == asked).cloned())
    });
    let draft = RwSignal::new(String::new());
    let show_hint = RwSignal::new(false);
    let check = move || {
        let predicted = draft.get_untracked();
        if predicted.trim().is_empty() {
            return;
        }
        let answer = Answer { prompt: untrack(asked), predicted, right: None };
        progress.update(|p| {
            p.answers.insert(id.to_string(), answer);
        });
    };
    // Once both the prediction and the answer are known, the verdict is kept.
    let kind_for_verdict = kind.clone();
    Effect::new(move |_| {
        let (Some(a), Some(right)) = (kept.get(), answer.get()) else { return };
        let verdict = is_right(&kind_for_verdict, &a.predicted, &right);
        if a.right != Some(verdict) {
            progress.update(|p| {
                if let Some(kept) = p.answers.get_mut(id) {
                    kept.right = Some(verdict);
                }
            });
        }
    });
    let input = match kind.clone() {
        Kind::Choice(options) => {
            let buttons = options
                .into_iter()
                .map(|(key, text)| {
                    let chosen = move || {
                        kept.with(|k| k.as_ref().map(|a| a.predicted == key)).unwrap_or_else(|| draft.get() == key)
                    };
                    view! {
                        <button type="button" role="radio" class="segment" data-value=key
                            aria-checked=move || chosen().to_string()
                            disabled=move || kept.with(Option::is_some)
                            on:click=move |_| draft.set(key.to_string())>
                            {move || text.get(lang.get())}
                        </button>
                    }
                })
                .collect_view();
            view! { <div class="segmented" role="radiogroup" aria-label=move || prompt.get()>{buttons}</div> }
                .into_any()
        }
        Kind::Number { .. } | Kind::Relative { .. } => view! {
            <input type="text" inputmode="decimal" class="answer" aria-label=move || prompt.get()
                prop:value=move || kept.with(|k| k.as_ref().map(|a| a.predicted.clone())).unwrap_or_else(|| draft.get())
                disabled=move || kept.with(Option::is_some)
                on:input=move |ev| draft.set(event_target_value(&ev)) />
        }
        .into_any(),
    };
    let verdict = move || {
        let lang = lang.get();
        let a = kept.get()?;
        Some(match (answer.get(), a.right) {
            (Some(_), Some(true)) => view! {
                <p class="verdict right" data-result="verdict" data-right="true">{RIGHT.get(lang)}" "{explain.get()}</p>
            }
            .into_any(),
            (Some(right), _) => view! {
                <p class="verdict wrong" data-result="verdict" data-right="false">{fill_answer(lang, &right, &kind)}" "{explain.get()}</p>
            }
            .into_any(),
            (None, _) => view! {
                <p class="verdict pending" data-result="verdict" data-right="">{KEPT.get(lang)}" "{pending.map(|p| p.get(lang))}</p>
            }
            .into_any(),
        })
    };
    view! {
        <div class="question" data-question=id data-answered=move || kept.with(Option::is_some).to_string()>
            <p class="prompt">{move || prompt.get()}</p>
            <div class="row">
                {input}
                <button class="btn" data-action="check" disabled=move || kept.with(Option::is_some) on:click=move |_| check()>{tr(CHECK)}</button>
                <button class="btn" data-action="hint" aria-expanded=move || show_hint.get().to_string() on:click=move |_| show_hint.update(|h| *h = !*h)>{tr(HINT)}</button>
                <Show when=move || kept.with(Option::is_some)>
                    <button class="btn" data-action="again" on:click=move |_| {
                        draft.set(String::new());
                        progress.update(|p| {
                            p.answers.remove(id);
                        });
                    }>{tr(AGAIN)}</button>
                </Show>
            </div>
            <Show when=move || show_hint.get()><p class="hint" data-result="hint">{tr(hint)}</p></Show>
            {verdict}
        </div>
    }
}

/// A lesson's questions, as one panel near its end.
#[component]
pub fn Questions(children: Children) -> impl IntoView {
    view! {
        <section class="panel questions" data-result="questions">
            <h2>{tr(TITLE)}</h2>
            {children()}
        </section>
    }
}

/// "Not quite: the answer is …", naming an option by its label.
fn fill_answer(lang: crate::i18n::Lang, right: &str, kind: &Kind) -> String {
    let shown = match kind {
        Kind::Choice(options) => {
            options.iter().find(|(k, _)| *k == right).map_or(right.to_string(), |(_, t)| t.get(lang).to_string())
        }
        Kind::Number { .. } | Kind::Relative { .. } => right.to_string(),
    };
    crate::i18n::fill(WRONG.get(lang), &[&shown])
}

/// The answers follow the student's settings or come from their own run; the title says so.
const TITLE: Text = Text::new("先预测，再用你的设置核对", "Predict, then check with your settings");
const CHECK: Text = Text::new("核对", "Check");
const HINT: Text = Text::new("提示", "Hint");
const AGAIN: Text = Text::new("再答一次", "Answer again");
const RIGHT: Text = Text::new("✓ 对了。", "✓ Right.");
const WRONG: Text = Text::new("✗ 不对：答案是 {0}。", "✗ Not quite: the answer is {0}.");
const KEPT: Text = Text::new("记下了你的预测。", "Your prediction is kept.");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_judged_by_their_kind() {
        let choice = Kind::Choice(vec![("a", Text::new("甲", "A")), ("b", Text::new("乙", "B"))]);
        assert!(is_right(&choice, "a", "a") && !is_right(&choice, "b", "a"));
        let number = Kind::Number { tolerance: 0.5 };
        assert!(is_right(&number, " 760 ", "760") && is_right(&number, "760.4", "760"));
        assert!(!is_right(&number, "750", "760") && !is_right(&number, "many", "760"));
        let relative = Kind::Relative { share: 0.01 };
        assert!(is_right(&relative, "0.0125", "0.0125") && is_right(&relative, "0.01251", "0.0125"));
        assert!(!is_right(&relative, "0.013", "0.0125"));
    }
}
