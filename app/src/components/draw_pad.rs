//! A pad where the student draws a digit with mouse, pen or finger. Every stroke is turned into
//! a 28×28 image the way MNIST digits were made (scaled to 20×20, centred by mass) and handed
//! to `on_digit`, so a prediction can follow the pen.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

use crate::i18n::{Text, tr};

/// Side of the drawing canvas in pixels.
const SIDE: u32 = 280;

#[component]
pub fn DrawPad(
    /// Receives the 784 values the network sees, or `None` when the pad is cleared.
    on_digit: Callback<Option<Vec<f32>>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let drawing = StoredValue::new(None::<(f64, f64)>);
    let context = move || -> Option<CanvasRenderingContext2d> {
        canvas.get_untracked()?.get_context("2d").ok()??.dyn_into().ok()
    };
    let clear = move || {
        if let Some(ctx) = context() {
            ctx.set_fill_style_str("#fff");
            ctx.fill_rect(0.0, 0.0, f64::from(SIDE), f64::from(SIDE));
        }
    };
    Effect::new(move |_| {
        if canvas.get().is_some() {
            clear();
        }
    });
    let point = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let el = canvas.get_untracked()?;
        let rect = el.get_bounding_client_rect();
        let scale = f64::from(SIDE) / rect.width().max(1.0);
        Some(((f64::from(ev.client_x()) - rect.left()) * scale, (f64::from(ev.client_y()) - rect.top()) * scale))
    };
    let stroke = move |from: (f64, f64), to: (f64, f64)| {
        let Some(ctx) = context() else { return };
        ctx.set_stroke_style_str("#000");
        ctx.set_line_width(22.0);
        ctx.set_line_cap("round");
        ctx.set_line_join("round");
        ctx.begin_path();
        ctx.move_to(from.0, from.1);
        ctx.line_to(to.0, to.1);
        ctx.stroke();
    };
    let publish = move || {
        let Some(ctx) = context() else { return };
        let Ok(image) = ctx.get_image_data(0.0, 0.0, f64::from(SIDE), f64::from(SIDE)) else { return };
        let ink: Vec<f32> = image.data().chunks(4).map(|px| 1.0 - f32::from(px[0]) / 255.0).collect();
        on_digit.run(engine::mnist::from_drawing(&ink, SIDE as usize, SIDE as usize));
    };
    view! {
        <div class="draw-pad">
            <canvas
                node_ref=canvas
                width=SIDE
                height=SIDE
                class="pad"
                aria-label="drawing pad"
                data-plot="draw-pad"
                on:pointerdown=move |ev| {
                    ev.prevent_default();
                    if let Some(p) = point(&ev) {
                        stroke(p, p);
                        drawing.set_value(Some(p));
                        publish();
                    }
                }
                on:pointermove=move |ev| {
                    if let (Some(from), Some(to)) = (drawing.get_value(), point(&ev)) {
                        stroke(from, to);
                        drawing.set_value(Some(to));
                        publish();
                    }
                }
                on:pointerup=move |_| drawing.set_value(None)
                on:pointerleave=move |_| drawing.set_value(None)
            ></canvas>
            <button class="btn" data-action="clear-pad" on:click=move |_| { clear(); on_digit.run(None) }>{tr(CLEAR)}</button>
        </div>
    }
}

const CLEAR: Text = Text::new("擦掉重画", "Clear");
