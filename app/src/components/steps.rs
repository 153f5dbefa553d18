//! A heavy lesson as a few numbered steps (tabs), each one screen with one figure and its few
//! controls. The chosen step is in the address (the lesson state's `step` key, counted from 1;
//! anything else opens step 1). A step is built the first time it is shown and kept after, so
//! that a run started in one step goes on while another is shown, and a lesson opened on its
//! first step starts no worker for the others. In presenter mode the space bar goes to the next
//! step and Shift+Space back.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::{Text, fill, tr, use_lang};

/// One step: its title on the tab, and its parts.
pub struct Step {
    pub title: Text,
    pub view: ViewFn,
}

impl Step {
    pub fn new(title: Text, view: impl Fn() -> AnyView + Send + Sync + 'static) -> Self {
        Self { title, view: ViewFn::from(view) }
    }
}

/// The step `raw` names (counted from 1) as an index below `count`, or the first.
pub fn chosen(raw: &str, count: usize) -> usize {
    raw.trim().parse::<usize>().ok().filter(|s| (1..=count).contains(s)).map_or(0, |s| s - 1)
}

#[component]
pub fn Steps(
    /// The chosen step as written in the address.
    #[prop(into)]
    current: Signal<String>,
    /// Writes a step (counted from 1) to the address.
    #[prop(into)]
    on_choose: Callback<String>,
    steps: Vec<Step>,
) -> impl IntoView {
    let lang = use_lang();
    let count = steps.len();
    let index = Memo::new(move |_| current.with(|c| chosen(c, count)));
    let seen = RwSignal::new({
        let mut seen = vec![false; count];
        seen[index.get_untracked()] = true;
        seen
    });
    Effect::new(move |_| {
        let i = index.get();
        if !seen.with_untracked(|s| s[i]) {
            seen.update(|s| s[i] = true);
        }
    });
    let go = move |i: usize| {
        if i < count {
            on_choose.run((i + 1).to_string());
        }
    };
    let titles: Vec<Text> = steps.iter().map(|s| s.title).collect();
    // In presenter mode the space bar steps through the lesson, unless it is pressing a button
    // or typing.
    let presenting = crate::app::presenting();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !presenting.get_untracked() || ev.key() != " " || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return;
        }
        let busy = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON" | "SUMMARY" | "A")
        });
        if busy {
            return;
        }
        let i = index.get_untracked();
        let next = if ev.shift_key() { i.checked_sub(1) } else { Some(i + 1).filter(|&n| n < count) };
        if let Some(n) = next {
            ev.prevent_default();
            go(n);
        }
    });
    on_cleanup(move || handle.remove());
    // The tabs keep the arrow keys (they would otherwise turn to the next lesson).
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let i = index.get_untracked();
        let to = match ev.key().as_str() {
            "ArrowRight" => Some((i + 1) % count),
            "ArrowLeft" => Some((i + count - 1) % count),
            "Home" => Some(0),
            "End" => Some(count - 1),
            _ => None,
        };
        if let Some(to) = to {
            ev.prevent_default();
            ev.stop_propagation();
            go(to);
            if let Some(tab) = document().get_element_by_id(&format!("step-tab-{to}"))
                && let Ok(tab) = tab.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = tab.focus();
            }
        }
    };
    let tabs = titles
        .iter()
        .enumerate()
        .map(|(i, &title)| {
            view! {
                <button role="tab" class="step-tab" id=format!("step-tab-{i}") data-step-tab=i + 1
                    aria-selected=move || (index.get() == i).to_string()
                    aria-controls=format!("step-panel-{i}")
                    tabindex=move || if index.get() == i { "0" } else { "-1" }
                    on:click=move |_| go(i) on:keydown=on_key>
                    <span class="step-number" aria-hidden="true">{i + 1}</span>
                    <span class="step-title">{tr(title)}</span>
                </button>
            }
        })
        .collect_view();
    let panels = steps
        .into_iter()
        .enumerate()
        .map(|(i, step)| {
            let next = titles.get(i + 1).copied();
            let view = step.view;
            view! {
                <div role="tabpanel" class="step-panel" id=format!("step-panel-{i}") aria-labelledby=format!("step-tab-{i}")
                    data-step-panel=i + 1 hidden=move || index.get() != i>
                    <Show when=move || seen.with(|s| s[i])>{view.run()}</Show>
                    {next.map(|title| view! {
                        <div class="row step-next">
                            <button class="btn" data-action="next-step" on:click=move |_| go(i + 1)>
                                {move || fill(NEXT.get(lang.get()), &[&(i + 2), &title.get(lang.get())])}
                            </button>
                        </div>
                    })}
                </div>
            }
        })
        .collect_view();
    view! {
        <nav class="steps" role="tablist" aria-label=tr(STEPS)>{tabs}</nav>
        {panels}
    }
}

const STEPS: Text = Text::new("本课的步骤", "This lesson's steps");
const NEXT: Text = Text::new("下一步 {0}：{1} →", "Next, step {0}: {1} →");

#[cfg(test)]
mod tests {
    use super::chosen;

    #[test]
    fn a_link_names_a_step_counted_from_one_or_opens_the_first() {
        assert_eq!(chosen("2", 3), 1);
        assert_eq!(chosen(" 3 ", 3), 2);
        for bad in ["0", "4", "", "two", "-1", "1.5"] {
            assert_eq!(chosen(bad, 3), 0, "{bad:?}");
        }
    }
}
