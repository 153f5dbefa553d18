//! The network unrolled over a line: one column per character, the same cell in every column,
//! the hidden state drawn as a strip of coloured units, and the tagger's 平/仄 on top. Clicking
//! a column shows that step's numbers.

use engine::tasks::Reading;
use leptos::prelude::*;

use super::t;
use crate::components::disclosure::Lead;
use crate::components::grid::{Scale, colour, fmt_value};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::tiles::NEGATIVE_MARK;

/// Hidden units drawn per step.
const UNITS: usize = 8;
const COL: f64 = 54.0;
const UNIT: f64 = 9.0;

/// Whether a character carries a tone (punctuation does not).
fn toned(c: char) -> bool {
    !matches!(c, '，' | '。' | '、' | '？' | '！' | '□')
}

#[component]
pub(super) fn Unrolled(#[prop(into)] reading: Signal<Option<Reading>>) -> impl IntoView {
    let lang = use_lang();
    let chosen = RwSignal::new(0usize);
    let svg = move || {
        let r = reading.get()?;
        let n = r.chars.len();
        let width = 30.0 + n as f64 * COL;
        let top = 34.0;
        let strip = UNITS as f64 * UNIT;
        let cell_y = top + strip + 14.0;
        let height = cell_y + 30.0 + 40.0;
        let pick = chosen.get().min(n.saturating_sub(1));
        let columns = r
            .chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let x = 20.0 + i as f64 * COL;
                let h = r.cells.get(i).map(|s| s.h.clone()).unwrap_or_default();
                let units = h
                    .iter()
                    .take(UNITS)
                    .enumerate()
                    .map(|(u, &v)| {
                        let y = top + u as f64 * UNIT;
                        // A clearly negative unit also carries a minus bar: its sign is not told
                        // by colour alone.
                        let minus = (v < -NEGATIVE_MARK).then(|| {
                            view! { <line class="minus-bar" x1=x + 17.0 x2=x + 23.6 y1=y + UNIT / 2.0 - 0.5 y2=y + UNIT / 2.0 - 0.5 stroke-width=1.5 /> }
                        });
                        view! {
                            <rect x=x + 14.0 y=y width=UNIT * 1.4 height=UNIT - 1.0 fill=colour(Scale::Diverging { max_abs: 1.0 }, v) />
                            {minus}
                        }
                    })
                    .collect_view();
                let out = r.outputs.get(i).filter(|p| p.len() == 2 && toned(c)).map(|p| {
                    let ze = p[1] > p[0];
                    let (mark, class) = if ze { ("仄", "tone-ze") } else { ("平", "tone-ping") };
                    view! { <text x=x + 20.0 y=22.0 class=class text-anchor="middle">{format!("{mark} {:.0}%", p[usize::from(ze)] * 100.0)}</text> }
                });
                let arrow = (i + 1 < n).then(|| {
                    view! { <line x1=x + 40.0 y1=cell_y + 15.0 x2=x + COL y2=cell_y + 15.0 class="rnn-arrow" marker-end="url(#rnn-head)" /> }
                });
                view! {
                    <g class="rnn-step" class:chosen=i == pick on:click=move |_| chosen.set(i) data-step=i
                        tabindex="0" role="button" aria-pressed=(i == pick).to_string()
                        on:keydown=move |ev: web_sys::KeyboardEvent| if matches!(ev.key().as_str(), "Enter" | " ") { ev.prevent_default(); chosen.set(i) }>
                        <title>{fill(t::STEP_TITLE.get(lang.get_untracked()), &[&(i + 1), &c])}</title>
                        {out}
                        {units}
                        <rect x=x y=cell_y width=40.0 height=30.0 rx=6.0 class="rnn-cell" />
                        <text x=x + 20.0 y=cell_y + 20.0 text-anchor="middle" class="rnn-cell-label">"RNN"</text>
                        {arrow}
                        <line x1=x + 20.0 y1=cell_y + 48.0 x2=x + 20.0 y2=cell_y + 32.0 class="rnn-arrow" marker-end="url(#rnn-head)" />
                        <text x=x + 20.0 y=cell_y + 66.0 text-anchor="middle" class="rnn-char">{c.to_string()}</text>
                    </g>
                }
            })
            .collect_view();
        let detail = r.cells.get(pick).map(|s| {
            let values = s.h.iter().take(UNITS).map(|v| fmt_value(*v)).collect::<Vec<_>>().join(", ");
            let c = r.chars[pick];
            let units = s.h.len();
            view! {
                <p class="hint" data-result="chosen-step" data-step=pick + 1>
                    {move || fill(t::STEP_DETAIL.get(lang.get()), &[&(pick + 1), &c, &values, &units])}
                </p>
            }
        });
        Some(view! {
            <div class="scroll-x">
                <svg class="unrolled" data-figure="unrolled" width=width height=height viewBox=format!("0 0 {width} {height}") role="group" aria-label=move || t::UNROLLED_LABEL.get(lang.get())>
                    <defs>
                        <marker id="rnn-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                            <path d="M 0 0 L 10 5 L 0 10 z" class="rnn-head" />
                        </marker>
                    </defs>
                    {columns}
                </svg>
            </div>
            {detail}
        })
    };
    view! {
        <div data-result="unrolled">
            {move || match svg() {
                Some(v) => v.into_any(),
                None => view! { <p class="hint">{tr(t::UNROLLED_WAITING)}</p> }.into_any(),
            }}
            <Lead text=tr(t::UNROLLED_HINT) class="hint" />
        </div>
    }
}
