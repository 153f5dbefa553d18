//! Building blocks shared by the lessons: input fields with inline validation, heat-map grids,
//! playback controls, the canvas that hosts plotters charts, and a drawing pad.

use leptos::prelude::*;

pub mod animation;
pub mod disclosure;
pub mod draw_pad;
pub mod field;
pub mod grid;
pub mod lanes;
pub mod playback;
pub mod plot;
pub mod question;
pub mod share;
pub mod slider;
pub mod steps;

/// What the browser itself said about a failure (its words are English whatever the page's
/// language), folded away under a label in the page's language, for whoever wants the detail.
#[component]
pub fn BrowserSaid(text: String) -> impl IntoView {
    view! {
        <details class="browser-said" data-result="browser-said">
            <summary>{crate::i18n::tr(BROWSER_SAID)}</summary>
            <code lang="en">{text}</code>
        </details>
    }
}

const BROWSER_SAID: crate::i18n::Text = crate::i18n::Text::new("浏览器给出的原始信息（英文）", "What the browser said");
