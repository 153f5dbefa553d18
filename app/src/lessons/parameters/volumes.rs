//! The layer as three boxes: the input volume H×W×C, one of the n kernels k×k×C (as deep as
//! the input), and the output volume H_out×W_out×n. Drawn in an oblique projection, each side
//! on a square-root scale so that a 3-channel input and a 224-pixel side both stay readable;
//! the labels carry the exact numbers. While the student predicts, the output is a dashed "?".

use leptos::prelude::*;

use super::text as t;
use crate::i18n::{Lang, fill};

/// Pixels for a side of `v` units.
fn side(v: usize) -> f64 {
    (14.0 * (v as f64).sqrt()).clamp(8.0, 150.0)
}

/// How far the depth axis recedes, per pixel of depth.
const OBLIQUE: f64 = 0.5;
/// The baseline the boxes' front faces stand on, and the room below it for the labels.
const BASE: f64 = 200.0;
const BELOW: f64 = 48.0;

/// One box whose front face's lower left corner is at (`x`, BASE): its outline paths, and its
/// width on the page (front face plus receding depth).
fn cuboid(x: f64, w: f64, h: f64, d: f64, class: &'static str) -> (impl IntoView, f64) {
    let (dx, dy) = (d * OBLIQUE, -d * OBLIQUE);
    let (x0, y0) = (x, BASE - h);
    let front = format!("M{x0},{y0} h{w} v{h} h{} Z", -w);
    let top = format!("M{x0},{y0} l{dx},{dy} h{w} l{},{} Z", -dx, -dy);
    let right = format!("M{},{y0} l{dx},{dy} v{h} l{},{} Z", x0 + w, -dx, -dy);
    let view = view! {
        <g class=class>
            <path class="face front" d=front />
            <path class="face top" d=top />
            <path class="face side" d=right />
        </g>
    };
    (view, w + dx)
}

/// The figure for a layer with `c` input channels of `h`×`w`, `n` kernels of `k`×`k`, and an
/// output of `out` (None while it is to be predicted).
pub fn volumes(
    lang: Lang,
    (h, w, c): (usize, usize, usize),
    k: usize,
    n: usize,
    out: Option<(usize, usize)>,
) -> impl IntoView {
    let mut x = 16.0;
    let (input, width) = cuboid(x, side(w), side(h), side(c), "vol-input");
    let input_label = (x + width / 2.0, format!("{h}×{w}×{c}"), t::VOL_INPUT.get(lang).to_string());
    x += width + 46.0;
    let star = x - 24.0;
    let (kernel, width) = cuboid(x, side(k), side(k), side(c), "vol-kernel");
    let kernel_label = (x + width / 2.0, format!("{k}×{k}×{c}"), fill(t::VOL_KERNELS.get(lang), &[&n]));
    x += width + 46.0;
    let equals = x - 24.0;
    let (out_h, out_w) = out.unwrap_or((h, w));
    let (output, width) =
        cuboid(x, side(out_w), side(out_h), side(n), if out.is_some() { "vol-output" } else { "vol-output unknown" });
    let output_text = match out {
        Some((oh, ow)) => format!("{oh}×{ow}×{n}"),
        None => "?×?×?".to_string(),
    };
    let output_label = (x + width / 2.0, output_text, t::VOL_OUTPUT.get(lang).to_string());
    let total = x + width + 16.0;
    // The figure is as tall as its tallest box.
    let tallest = [(h, c), (k, c), (out_h, n)].iter().map(|&(a, d)| side(a) + side(d) * OBLIQUE).fold(0.0, f64::max);
    let top = BASE - tallest - 12.0;
    let height = BASE + BELOW - top;
    let label = |(cx, dims, name): (f64, String, String)| {
        view! {
            <text class="vol-dims" x=cx y=BASE + 20.0>{dims}</text>
            <text class="vol-name" x=cx y=BASE + 40.0>{name}</text>
        }
    };
    let aria = fill(t::VOL_LABEL.get(lang), &[&h, &w, &c, &n, &k]);
    view! {
        <svg class="volumes" data-figure="volumes" data-result="volumes" role="img" aria-label=aria
            viewBox=format!("0 {top} {total} {height}") width=total height=height>
            {input}
            <text class="vol-op" x=star y=BASE - 20.0>"✱"</text>
            {kernel}
            <text class="vol-op" x=equals y=BASE - 20.0>"="</text>
            {output}
            {label(input_label)}
            {label(kernel_label)}
            {label(output_label)}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_grow_with_the_number_and_stay_on_the_page() {
        assert!(side(3) < side(32) && side(32) < side(224));
        assert_eq!(side(100_000), 150.0);
        assert_eq!(side(0), 8.0);
    }
}
