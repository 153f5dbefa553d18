//! Spatial pyramid pooling over a real feature map: the cells of a chosen level drawn on the map,
//! each cell's maximum, and the vector's length worked out for this map and for the note's
//! network.

use std::sync::Arc;

use engine::conv::KernelPreset;
use engine::mnist::Mnist;
use engine::nn::spp_bins;
use leptos::prelude::*;

use super::{State, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::grid::{Cells, Grid, Overlay, Scale};
use crate::data::WithDigits;
use crate::i18n::{Text, fill, tr, use_lang};
use crate::url_state::read;

/// Each cell's `(y, x, height, width)` at level `n` of a `side`×`side` map.
pub fn cells(side: usize, n: usize) -> Vec<(usize, usize, usize, usize)> {
    let bins = spp_bins(side, n);
    bins.iter().flat_map(|&(y0, y1)| bins.iter().map(move |&(x0, x1)| (y0, x0, y1 - y0, x1 - x0))).collect()
}

/// The maximum of each cell of level `n`.
pub fn maxima(map: &[f32], side: usize, n: usize) -> Vec<f32> {
    cells(side, n)
        .into_iter()
        .map(|(y, x, h, w)| {
            (y..y + h)
                .flat_map(|r| (x..x + w).map(move |c| (r, c)))
                .map(|(r, c)| map[r * side + c])
                .fold(f32::NEG_INFINITY, f32::max)
        })
        .collect()
}

const LEVELS_ERROR: Text = t::LEVELS_ERROR;

#[component]
pub(super) fn Pyramid(state: RwSignal<State>) -> impl IntoView {
    let panel = move |digits: Arc<Mnist>| view! { <Panel state=state digits=digits /> };
    view! {
        <section class="panel">
            <h2>{tr(t::SPP_TITLE)}</h2>
            <WithDigits render=panel />
        </section>
    }
}

#[component]
fn Panel(state: RwSignal<State>, digits: Arc<Mnist>) -> impl IntoView {
    let lang = use_lang();
    let map = Memo::new(move |_| {
        let i = state.with(|s| s.digit().unwrap_or(0)).min(digits.len() - 1);
        crate::lessons::pooling::feature_map(&digits.volume(i), KernelPreset::Edge)
    });
    let side = move || map.with(|m| m.height);
    let level = move || state.with(|s| s.levels().ok().and_then(|l| l.get(s.show().unwrap_or(1) - 1).copied()));
    let overlays = Signal::derive(move || {
        level().map_or_else(Vec::new, |n| {
            cells(side(), n)
                .into_iter()
                .map(|(y, x, height, width)| Overlay { y, x, height, width, class: "ov-rf-3" })
                .collect()
        })
    });
    let cells_signal = Signal::derive(move || map.with(|m| Cells::from_volume(m, 0)));
    let max = Signal::derive(move || Scale::Ink {
        max: map.with(|m| m.data.iter().copied().fold(0.0f32, f32::max)).max(1e-6),
    });
    let levels_error = read(state, |s| s.levels().err().map(|_| crate::components::field::InputError::NotAWholeNumber));
    let sum = move || {
        state.with(|s| {
            s.levels().ok().map(|l| {
                (
                    l.iter().map(|n| format!("{n}²")).collect::<Vec<_>>().join(" + "),
                    l.iter().map(|n| n * n).sum::<usize>(),
                )
            })
        })
    };
    view! {
        <Deeper><p>{move || fill(t::SPP_INTRO.get(lang.get()), &[&side()])}</p></Deeper>
        <div class="fields">
            <Field label=t::DIGIT name="d" value=read(state, |s| s.digit.clone()) on_input=move |v| state.update(|s| s.digit = v) error=read(state, |s| s.digit().err()) />
            <Field label=t::LEVELS name="lv" value=read(state, |s| s.levels.clone()) on_input=move |v| state.update(|s| s.levels = v) error=levels_error width="7em" inputmode="text" />
            <Field label=t::SHOW name="show" value=read(state, |s| s.show.clone()) on_input=move |v| state.update(|s| s.show = v) error=read(state, |s| s.show().err()) />
        </div>
        <p class="error-box" role="alert" hidden=move || state.with(|s| s.levels().is_ok())>{tr(LEVELS_ERROR)}</p>
        <div class="two-col">
            <Grid cells=cells_signal scale=max cell=12.0 overlays=overlays name=t::GRID_MAP label="spp-map" />
            <div>
                {move || level().map(|n| {
                    let values = map.with(|m| maxima(&m.data, m.height, n));
                    let text = values.iter().map(|v| format!("{v:.2}")).collect::<Vec<_>>().join(", ");
                    view! { <p data-result="spp-cells" data-count=values.len()>{fill(t::CELLS.get(lang.get()), &[&n, &values.len(), &text])}</p> }
                })}
                {move || sum().map(|(terms, total)| view! {
                    <p class="callout" data-result="spp-length" data-length=total * 50>{fill(t::LENGTH.get(lang.get()), &[&terms, &total, &(total * 50)])}</p>
                })}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cover_the_map_and_maxima_match_a_hand_count() {
        // A 4×4 map holding 0…15.
        let map: Vec<f32> = (0..16).map(|v| v as f32).collect();
        assert_eq!(maxima(&map, 4, 1), [15.0]);
        assert_eq!(maxima(&map, 4, 2), [5.0, 7.0, 13.0, 15.0]);
        assert_eq!(cells(26, 4).len(), 16);
        assert_eq!(cells(5, 2)[0], (0, 0, 3, 3), "cell edges round outwards");
    }
}
