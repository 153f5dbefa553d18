//! The convolution lesson's controls: input source, grid, kernel size and weights, stride,
//! padding and its mode, speed.

use engine::conv::{KernelPreset, PadMode};
use leptos::prelude::*;

use super::{CHANNELS, DIGIT, Errors, KSIZE, SIZE, Source, State, channels_of, fit_cells, join, kernel_texts, t};
use crate::components::disclosure::{Deeper, Folded, MoreSettings};
use crate::components::field::{Choice, Field};
use crate::data::DigitCaption;
use crate::i18n::{fill, tr, use_lang};
use crate::url_state::read;

/// Every control: source, grid, kernel, stride, padding, speed.
#[component]
pub(super) fn Controls(state: RwSignal<State>, errs: Memo<Errors>) -> impl IntoView {
    let lang = use_lang();
    let is_grid = move || state.with(|s| s.source == Source::Grid);
    view! {
        <section class="panel controls">
            <div class="fields">
                <Choice
                    label=t::SOURCE
                    name="src"
                    options=vec![("grid", t::SRC_GRID), ("digit", t::SRC_DIGIT)]
                    value=Signal::derive(move || if is_grid() { "grid".to_string() } else { "digit".to_string() })
                    on_change=move |v| state.update(|s| reshape(s, |s| s.source = if v == "digit" { Source::Digit } else { Source::Grid }))
                />
                <Field label=t::KSIZE name="k" value=read(state, |s| s.ksize.clone()) on_input=move |v| state.update(|s| reshape(s, |s| s.ksize = v)) error=read(errs, |e| e.ksize) />
                <Field label=t::STRIDE name="s" value=read(state, |s| s.stride.clone()) on_input=move |v| state.update(|s| s.stride = v) error=read(errs, |e| e.stride) />
                <Field label=t::PADDING name="p" value=read(state, |s| s.padding.clone()) on_input=move |v| state.update(|s| s.padding = v) error=read(errs, |e| e.padding) />
                <Choice
                    label=t::MODE
                    name="m"
                    options=vec![("zero", t::MODE_ZERO), ("one", t::MODE_ONE), ("replicate", t::MODE_REPLICATE)]
                    value=Signal::derive(move || state.with(|s| s.mode.key().to_string()))
                    on_change=move |v| state.update(|s| s.mode = PadMode::from_key(&v).unwrap_or_default())
                />
            </div>
            <MoreSettings>
                {move || if is_grid() {
                    view! {
                        <Field label=t::SIZE name="g" value=read(state, |s| s.size.clone()) on_input=move |v| state.update(|s| reshape(s, |s| s.size = v)) error=read(errs, |e| e.size) />
                        <Field label=t::CHANNELS name="c" value=read(state, |s| s.channels.clone()) on_input=move |v| state.update(|s| reshape(s, |s| s.channels = v)) error=read(errs, |e| e.channels) />
                    }.into_any()
                } else {
                    view! {
                        <Field label=t::DIGIT name="d" value=read(state, |s| s.digit.clone()) on_input=move |v| state.update(|s| s.digit = v) error=read(errs, |e| e.digit) hint=t::DIGIT_HINT />
                        <DigitCaption index=Signal::derive(move || state.with(|s| DIGIT.parse(&s.digit).ok())) />
                    }.into_any()
                }}
                <Field label=t::BIAS name="b" value=read(state, |s| s.bias.clone()) on_input=move |v| state.update(|s| s.bias = v) error=read(errs, |e| e.bias) />
                <Field label=t::SPEED name="v" value=read(state, |s| s.speed.clone()) on_input=move |v| state.update(|s| s.speed = v) error=read(errs, |e| e.speed) hint=t::SPEED_HINT />
            </MoreSettings>
            <div class="row">
                <button class="btn" data-action="note-preset" on:click=move |_| state.set(State::default())>{tr(t::NOTE_PRESET)}</button>
                <button class="btn" data-action="fit-preset" on:click=move |_| state.update(|s| s.padding = "1".into())>{tr(t::PAD_ONE)}</button>
                <button class="btn" data-action="same" disabled=move || state.with(|s| KSIZE.parse(&s.ksize).map_or(true, |k| k % 2 == 0)) on:click=move |_| state.update(|s| {
                    if let Ok(k) = KSIZE.parse(&s.ksize) {
                        s.padding = ((k - 1) / 2).to_string();
                        s.stride = "1".into();
                    }
                })>{tr(t::SAME)}</button>
                <Show when=is_grid>
                    <button class="btn" data-action="clear" on:click=move |_| state.update(|s| {
                        let n = s.cells.split(',').count();
                        s.cells = vec!["0"; n].join(",");
                    })>{tr(t::CLEAR)}</button>
                </Show>
            </div>
            <Folded title=t::KERNEL_WEIGHTS><KernelEditor state=state errs=errs /></Folded>
            <Deeper><p class="hint">{move || if is_grid() { t::GRID_HINT.get(lang.get()) } else { t::DIGIT_NOTE.get(lang.get()) }}</p></Deeper>
        </section>
    }
}

/// Applies `change` to the state, then resizes the grid and the kernel to the new size and
/// channels: a kernel preset is regenerated; drawn cells and custom weights keep their place
/// wherever they still have one.
pub(super) fn reshape(s: &mut State, change: impl FnOnce(&mut State)) {
    let grid = |s: &State| (SIZE.parse(&s.size), CHANNELS.parse(&s.channels));
    let kernel = |s: &State| (KSIZE.parse(&s.ksize), channels_of(s));
    let (old_grid, old_kernel) = (grid(s), kernel(s));
    change(s);
    if let ((Ok(os), Ok(oc)), (Ok(ns), Ok(nc))) = (old_grid, grid(s)) {
        s.cells = join(&fit_cells(&s.cells, os, oc, ns, nc));
    }
    let (Ok(k), Ok(c)) = kernel(s) else { return };
    if let Some(preset) = KernelPreset::from_key(&s.preset) {
        s.kernel = join(&preset.weights(k).repeat(c));
        return;
    }
    let (Ok(ok), Ok(oc)) = old_kernel else { return };
    let texts = kernel_texts(s);
    let cells: Vec<String> = (0..c * k * k)
        .map(|i| {
            let (ch, y, x) = (i / (k * k), (i / k) % k, i % k);
            let kept = ch < oc && y < ok && x < ok;
            kept.then(|| texts.get((ch * ok + y) * ok + x).cloned()).flatten().unwrap_or_else(|| "0".into())
        })
        .collect();
    s.kernel = cells.join(",");
}

/// The kernel's weights as editable cells, one block per input channel, with presets.
#[component]
fn KernelEditor(state: RwSignal<State>, errs: Memo<Errors>) -> impl IntoView {
    let lang = use_lang();
    let shape = move || state.with(|s| (KSIZE.parse(&s.ksize).ok(), channels_of(s).ok()));
    let presets = KernelPreset::ALL.map(|p| {
        let text = match p {
            KernelPreset::Identity => t::IDENTITY,
            KernelPreset::Edge => t::EDGE,
            KernelPreset::Blur => t::BLUR,
            KernelPreset::Sharpen => t::SHARPEN,
        };
        view! {
            <button
                class="btn small"
                data-preset=p.key()
                class:active=move || state.with(|s| s.preset == p.key())
                on:click=move |_| state.update(|s| reshape(s, |s| s.preset = p.key().into()))
            >
                {move || text.get(lang.get())}
            </button>
        }
    });
    let blocks = move || {
        let (Some(k), Some(c)) = shape() else { return ().into_any() };
        (0..c)
            .map(|ch| {
                let cells = (0..k * k)
                    .map(|i| {
                        let idx = ch * k * k + i;
                        let value = move || state.with(|s| kernel_texts(s).get(idx).cloned().unwrap_or_default());
                        let bad = move || errs.with(|e| e.kernel.get(idx).copied().flatten().is_some());
                        view! {
                            <input
                                class="kernel-cell"
                                class:invalid=bad
                                type="text"
                                inputmode="decimal"
                                aria-label=format!("w[{ch},{},{}]", i / k, i % k)
                                prop:value=value
                                on:input=move |ev| {
                                    let v = event_target_value(&ev).replace(',', ".");
                                    state.update(|s| {
                                        let mut texts = kernel_texts(s);
                                        texts.resize(texts.len().max(idx + 1), "0".into());
                                        texts[idx] = v;
                                        s.kernel = texts.join(",");
                                        s.preset = "custom".into();
                                    })
                                }
                            />
                        }
                    })
                    .collect_view();
                view! {
                    <div class="kernel-block">
                        <span class="kernel-label">{move || fill(t::CHANNEL_N.get(lang.get()), &[&(ch + 1)])}</span>
                        <div class="kernel-grid" style=format!("grid-template-columns: repeat({k}, 3.2em)")>{cells}</div>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    let editor = NodeRef::<leptos::html::Div>::new();
    crate::components::disclosure::open_when(editor, move || errs.with(|e| e.kernel.iter().any(Option::is_some)));
    view! {
        <div class="kernel-editor" node_ref=editor>
            <h3>{tr(t::KERNEL)}</h3>
            <div class="row presets">{presets.into_iter().collect_view()}</div>
            <div class="kernel-blocks">{blocks}</div>
            {move || errs.with(|e| e.kernel.iter().any(Option::is_some)).then(|| view! { <p class="field-error" role="alert">{tr(t::KERNEL_BAD)}</p> })}
        </div>
    }
}
