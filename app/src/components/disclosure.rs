//! Depth on demand: parts of a lesson folded away until asked for. 深入一点 / Go deeper holds
//! citations, PyTorch specifics, derivations and kind corrections of the note; 更多设置 / More
//! settings holds the controls beyond the few a panel shows. Nothing folded is lost: it is in
//! the page (and in the address, for settings), closed.

use leptos::prelude::*;

use crate::i18n::{Text, tr};

/// Opens every closed disclosure around `element`: a control with an error (from a link, say)
/// is never left folded away with its message.
pub fn open_around(element: &web_sys::Element) {
    let closed = |e: &web_sys::Element| e.closest("details:not([open])").ok().flatten();
    let mut next = closed(element);
    while let Some(details) = next {
        let _ = details.set_attribute("open", "");
        next = details.parent_element().and_then(|p| closed(&p));
    }
}

/// Opens the disclosures around `node` whenever `when` holds.
pub fn open_when<E>(node: NodeRef<E>, when: impl Fn() -> bool + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
    NodeRef<E>: Get<Value = Option<E::Output>>,
{
    Effect::new(move |_| {
        if when()
            && let Some(el) = node.get()
        {
            open_around(wasm_bindgen::JsCast::unchecked_ref::<web_sys::Element>(&el));
        }
    });
}

/// Closed by default: the depth of a paragraph, a figure or a panel.
#[component]
pub fn Deeper(children: Children) -> impl IntoView {
    view! {
        <details class="deeper" data-result="deeper">
            <summary>{tr(DEEPER)}</summary>
            <div class="deeper-body">{children()}</div>
        </details>
    }
}

/// Closed by default: a panel's further controls.
#[component]
pub fn MoreSettings(children: Children) -> impl IntoView {
    view! {
        <details class="more-settings" data-result="more-settings">
            <summary>{tr(MORE)}</summary>
            <div class="fields">{children()}</div>
        </details>
    }
}

/// Closed by default, under a title of its own: a part of a panel a student opens on demand
/// (a kernel's weights, a table).
#[component]
pub fn Folded(title: Text, children: Children) -> impl IntoView {
    view! {
        <details class="more-settings" data-result="folded">
            <summary>{tr(title)}</summary>
            <div class="folded-body">{children()}</div>
        </details>
    }
}

/// A paragraph whose first sentence carries its idea: that sentence is shown, the rest of the
/// paragraph folds away under 深入一点 / Go deeper.
#[component]
pub fn Lead(
    #[prop(into)] text: Signal<String>,
    /// The paragraph's class (`hint`, `callout`…).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let parts = Memo::new(move |_| {
        text.with(|t| {
            let (lead, rest) = split_lead(t);
            (lead.to_string(), rest.to_string())
        })
    });
    view! {
        <p class=class>{move || parts.with(|p| p.0.clone())}</p>
        {move || {
            let rest = parts.with(|p| p.1.clone());
            (!rest.is_empty()).then(|| view! { <Deeper><p class=class>{rest}</p></Deeper> })
        }}
    }
}

/// `text` cut after its first sentence: the sentence (with its stop) and the rest, trimmed.
/// A Chinese sentence ends at 。！？; an English one at ". ", "! " or "? " unless the stop
/// closes an abbreviation (so "e.g. " does not end one, nor does "2.5", which has no space).
pub fn split_lead(text: &str) -> (&str, &str) {
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        let end = match c {
            '。' | '！' | '？' => Some(i + c.len_utf8()),
            ' ' => match prev {
                Some((j, '.' | '!' | '?')) if ends_a_sentence(&text[..j]) => Some(j + 1),
                _ => None,
            },
            _ => None,
        };
        if let Some(end) = end {
            let rest = text[end..].trim();
            if !rest.is_empty() {
                return (text[..end].trim(), rest);
            }
        }
        prev = Some((i, c));
    }
    (text.trim(), "")
}

/// Whether the word before a full stop ends a sentence: not an abbreviation ("e.g", "i.e",
/// "vs", "cf", "Fig", "al", "etc") nor a lone letter (an initial).
fn ends_a_sentence(before: &str) -> bool {
    let word: String = before.chars().rev().take_while(|c| c.is_alphanumeric() || *c == '.').collect();
    let word: String = word.chars().rev().collect();
    let initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    !initial && !["e.g", "i.e", "vs", "cf", "Fig", "al", "etc"].contains(&word.as_str())
}

const DEEPER: Text = Text::new("深入一点", "Go deeper");
const MORE: Text = Text::new("更多设置", "More settings");

#[cfg(test)]
mod tests {
    use super::split_lead;

    #[test]
    fn a_paragraph_leads_with_its_first_sentence() {
        assert_eq!(split_lead("训练一个小网络。验证准确率会停下来。"), ("训练一个小网络。", "验证准确率会停下来。"));
        assert_eq!(
            split_lead("One idea. Then, e.g. a detail at 2.5 times."),
            ("One idea.", "Then, e.g. a detail at 2.5 times.")
        );
        assert_eq!(split_lead("Only one sentence."), ("Only one sentence.", ""));
        assert_eq!(split_lead("A rate of 0.5 is large. Why?"), ("A rate of 0.5 is large.", "Why?"));
        assert_eq!(split_lead("没有句号的一段"), ("没有句号的一段", ""));
        assert_eq!(split_lead("It is 97%. Then more."), ("It is 97%.", "Then more."));
    }
}
