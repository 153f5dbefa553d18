//! The galleries: one transform on a real digit in a grid of seeded variants, the random mix
//! training draws, the transforms that change a digit's label, and colour transforms on a
//! tinted digit.

use std::sync::Arc;

use engine::augment::{Affine, Transform, jitter, reorder, resample, tint};
use engine::mnist::Mnist;
use engine::rng::Rng;
use leptos::prelude::*;

use super::{KINDS, State, t};
use crate::components::disclosure::Lead;
use crate::components::field::{Choice, Field};
use crate::components::plot::PlotCanvas;
use crate::data::{DigitCaption, WithDigits};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::tiles::{self, Shade, Tile};
use crate::url_state::read;

/// Variants shown per transform, besides the original.
const VARIANTS: usize = 7;
const COLUMNS: usize = 8;
const WIDTH: u32 = 880;

fn tile(values: Vec<f32>, caption: String) -> Tile {
    Tile { width: 28, height: 28, values, caption }
}

/// The chosen digit's pixels, or the first digit when the index is out of range.
fn pixels(set: &Mnist, st: &State) -> Vec<f32> {
    set.volume(st.digit().unwrap_or(0).min(set.len().saturating_sub(1))).data
}

fn grid(label: &'static str, tiles: Vec<Tile>, shade: Shade) -> impl IntoView {
    let h = tiles::height_for(&tiles, COLUMNS, WIDTH);
    view! { <PlotCanvas width=WIDTH height=h label=label draw=move |area| tiles::draw(area, &tiles, COLUMNS, shade) /> }
}

#[component]
pub(super) fn Gallery(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let digit = Signal::derive(move || state.with(|s| s.digit().ok()));
    // Only a change of transform (not typing its amount) rebuilds the amount field.
    let shown = Memo::new(move |_| state.with(|s| s.kind().key));
    let options: Vec<(&'static str, crate::i18n::Text)> = KINDS.iter().map(|k| (k.key, k.name)).collect();
    let render = move |set: Arc<Mnist>| {
        let set2 = set.clone();
        let variants = move || {
            let lang = lang.get();
            let st = state.get();
            let base = pixels(&set, &st);
            let Ok(amount) = st.amount() else { return None };
            let transform = (st.kind().make)(amount);
            let seed = st.seed().unwrap_or(1);
            let mut tiles = vec![tile(base.clone(), t::ORIGINAL.get(lang).into())];
            tiles.extend((1..=VARIANTS).map(|i| {
                let mut img = base.clone();
                transform.apply(&mut img, 28, &mut Rng::new(seed * 1000 + i as u64));
                tile(img, format!("#{i}"))
            }));
            Some(grid("variants", tiles, Shade::Grey))
        };
        let mix = move || {
            let st = state.get();
            let base = pixels(&set2, &st);
            let augment = st.augment();
            let seed = st.seed().unwrap_or(1);
            let tiles = (0..COLUMNS)
                .map(|i| {
                    let mut img = base.clone();
                    augment.apply(&mut img, 28, &mut Rng::new(seed * 7919 + i as u64));
                    tile(img, String::new())
                })
                .collect();
            grid("mix", tiles, Shade::Grey)
        };
        view! {
            <div data-result="variants">{variants}</div>
            <Lead class="callout" text=move || if state.with(|s| s.kind().geometric) { t::GEOMETRIC.get(lang.get()) } else { t::COLOUR_CLASS.get(lang.get()) }.to_string() />
            <h3>{tr(t::MIX_TITLE)}</h3>
            <p class="hint">{move || {
                let names: Vec<&str> = state.with(|s| s.training()).iter().map(|k| super::kind(k).name.get(lang.get())).collect();
                if names.is_empty() { t::MIX_NONE.get(lang.get()).to_string() } else { fill(t::MIX_HINT.get(lang.get()), &[&names.join(" + ")]) }
            }}</p>
            {mix}
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::GALLERY_TITLE)}</h2>
            <div class="fields">
                <Field label=t::DIGIT name="d" value=read(state, |s| s.digit.clone()) on_input=move |v| state.update(|s| s.digit = v) error=read(state, |s| s.digit().err()) />
                <DigitCaption index=digit />
                <Choice label=t::TRANSFORM name="show" options=options value=read(state, |s| s.kind().key.to_string())
                    on_change=move |v| state.update(|s| { s.show = v; s.amount = String::new(); }) />
                // The amount's label and range belong to the transform: a new field per transform.
                {move || {
                    let kind = super::kind(shown.get());
                    view! {
                        <Field label=kind.unit name="amount" value=read(state, |s| if s.amount.trim().is_empty() { s.kind().default.to_string() } else { s.amount.clone() })
                            on_input=move |v| state.update(|s| s.amount = v) error=read(state, |s| s.amount().err())
                            range=super::amount_range(kind).range() />
                        <span class="hint">{move || fill(t::UP_TO.get(lang.get()), &[&kind.max])}</span>
                    }
                }}
                <div class="field">
                    <span class="label">{tr(t::SEED)}</span>
                    <button class="btn" data-action="redraw" on:click=move |_| state.update(|s| s.seed = (s.seed().unwrap_or(1) + 1).to_string())>{tr(t::REDRAW)}</button>
                </div>
            </div>
            <WithDigits render=render />
        </section>
    }
}

/// Geometric transforms that change what a digit is: a 6 turned by 180°, a 7 or a 2 mirrored.
#[component]
pub(super) fn LabelChanges() -> impl IntoView {
    let lang = use_lang();
    let render = move |set: Arc<Mnist>| {
        let tiles = move || {
            let lang = lang.get();
            let get =
                |class: u8| set.nth_of_class(class, 0).map(|i| set.volume(i).data).unwrap_or_else(|| vec![0.0; 784]);
            let turned = |mut img: Vec<f32>| {
                resample(&mut img, 28, Affine::rotation(std::f32::consts::PI, 28));
                img
            };
            let mirrored = |mut img: Vec<f32>| {
                Transform::Flip { p: 1.0 }.apply(&mut img, 28, &mut Rng::new(0));
                img
            };
            let caption = |text: crate::i18n::Text, d: u8| fill(text.get(lang), &[&d]);
            let tiles = vec![
                tile(get(6), caption(t::A_DIGIT, 6)),
                tile(turned(get(6)), caption(t::TURNED, 6)),
                tile(get(9), caption(t::A_DIGIT, 9)),
                tile(get(7), caption(t::A_DIGIT, 7)),
                tile(mirrored(get(7)), caption(t::MIRRORED, 7)),
                tile(get(2), caption(t::A_DIGIT, 2)),
                tile(mirrored(get(2)), caption(t::MIRRORED, 2)),
                tile(mirrored(get(8)), caption(t::MIRRORED, 8)),
            ];
            grid("label-changes", tiles, Shade::Grey)
        };
        view! { {tiles} }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::LABEL_TITLE)}</h2>
            <Lead text=tr(t::LABEL_INTRO) />
            <WithDigits render=render />
        </section>
    }
}

/// The ink and paper colours of the tinted digit.
const INK: [f32; 3] = [0.92, 0.42, 0.08];
const PAPER: [f32; 3] = [0.86, 0.93, 1.0];
/// The colour jitter's amount (each channel's gain in 1 ± this).
const JITTER: f32 = 0.4;
const ORDERS: [([usize; 3], &str); 6] = [
    ([0, 1, 2], "RGB"),
    ([0, 2, 1], "RBG"),
    ([1, 0, 2], "GRB"),
    ([1, 2, 0], "GBR"),
    ([2, 0, 1], "BRG"),
    ([2, 1, 0], "BGR"),
];

/// Colour transforms on the chosen digit tinted into RGB: jitter and the six channel orders.
#[component]
pub(super) fn ColourGallery(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let render = move |set: Arc<Mnist>| {
        let tiles = move || {
            let lang = lang.get();
            let st = state.get();
            let rgb = tint(&pixels(&set, &st), INK, PAPER);
            let seed = st.seed().unwrap_or(1);
            let mut jittered =
                vec![Tile { width: 28, height: 28, values: rgb.clone(), caption: t::ORIGINAL.get(lang).into() }];
            jittered.extend((1..COLUMNS).map(|i| {
                let mut v = rgb.clone();
                jitter(&mut v, JITTER, &mut Rng::new(seed * 31 + i as u64));
                Tile { width: 28, height: 28, values: v, caption: format!("#{i}") }
            }));
            let orders = ORDERS
                .iter()
                .map(|(order, name)| Tile {
                    width: 28,
                    height: 28,
                    values: reorder(&rgb, *order),
                    caption: (*name).into(),
                })
                .collect();
            view! {
                <h3>{move || fill(t::JITTER_TITLE.get(lang), &[&JITTER])}</h3>
                {grid("jitter", jittered, Shade::Rgb)}
                <h3>{tr(t::ORDER_TITLE)}</h3>
                {grid("channel-order", orders, Shade::Rgb)}
            }
        };
        view! { {tiles} }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::COLOUR_TITLE)}</h2>
            <Lead text=tr(t::COLOUR_INTRO) />
            <WithDigits render=render />
        </section>
    }
}
