//! A pad where the student draws a digit with mouse, pen or finger. Every stroke is turned into
//! a 28×28 image the way MNIST digits were made (scaled to 20×20, centred by mass) and handed
//! to `on_digit`, so a prediction can follow the pen. Without a pointer, the keyboard draws too:
//! the pad takes focus, the arrow keys move a pen (shown as a ring that is not ink), Space or
//! Enter puts it down or lifts it, Delete or Backspace clears.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

use crate::i18n::{Text, tr, use_lang};

/// Side of the drawing canvas in pixels.
const SIDE: u32 = 280;
/// How far one arrow key moves the keyboard's pen (four times as far with Shift).
const PEN_STEP: f64 = 10.0;

#[component]
pub fn DrawPad(
    /// Receives the 784 values the network sees, or `None` when the pad is cleared.
    on_digit: Callback<Option<Vec<f32>>>,
) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    let drawing = StoredValue::new(None::<(f64, f64)>);
    // The keyboard's pen: where it is, and whether it is down (drawing).
    let centre = f64::from(SIDE) / 2.0;
    let pen = RwSignal::new((centre, centre));
    let pen_down = RwSignal::new(false);
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
    let key = move |ev: web_sys::KeyboardEvent| {
        let step = if ev.shift_key() { 4.0 * PEN_STEP } else { PEN_STEP };
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-step, 0.0),
            "ArrowRight" => (step, 0.0),
            "ArrowUp" => (0.0, -step),
            "ArrowDown" => (0.0, step),
            " " | "Enter" => {
                pen_down.update(|d| *d = !*d);
                if pen_down.get_untracked() {
                    let p = pen.get_untracked();
                    stroke(p, p);
                    publish();
                }
                (0.0, 0.0)
            }
            "Delete" | "Backspace" => {
                clear();
                pen_down.set(false);
                on_digit.run(None);
                (0.0, 0.0)
            }
            _ => return,
        };
        // The pad keeps its keys: no scrolling, no turning to the next lesson.
        ev.prevent_default();
        ev.stop_propagation();
        if (dx, dy) != (0.0, 0.0) {
            let from = pen.get_untracked();
            let to = ((from.0 + dx).clamp(0.0, f64::from(SIDE)), (from.1 + dy).clamp(0.0, f64::from(SIDE)));
            pen.set(to);
            if pen_down.get_untracked() {
                stroke(from, to);
                publish();
            }
        }
    };
    let at = move |v: f64| format!("{:.2}%", v / f64::from(SIDE) * 100.0);
    view! {
        <div class="draw-pad">
            <div class="pad-wrap">
            <canvas
                node_ref=canvas
                width=SIDE
                height=SIDE
                class="pad"
                tabindex="0"
                role="img"
                aria-label=move || PAD_LABEL.get(lang.get())
                data-plot="draw-pad"
                on:keydown=key
                on:blur=move |_| pen_down.set(false)
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
            <span class="pen" class:down=move || pen_down.get() aria-hidden="true" style:left=move || at(pen.get().0) style:top=move || at(pen.get().1)></span>
            </div>
            <button class="btn" data-action="clear-pad" on:click=move |_| { clear(); on_digit.run(None) }>{tr(CLEAR)}</button>
        </div>
    }
}

const CLEAR: Text = Text::new("擦掉重画", "Clear");
const PAD_LABEL: Text = Text::new(
    "手写板：用鼠标、笔或手指写一个数字；用键盘时，方向键移动笔（按住 Shift 走得更远），空格或回车落笔、抬笔，Delete 擦掉。",
    "Drawing pad: draw a digit with mouse, pen or finger; with the keyboard, the arrow keys move the pen (further with Shift), Space or Enter puts it down or lifts it, Delete clears.",
);
