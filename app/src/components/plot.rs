//! The canvas that hosts a plotters chart. Charts themselves are pure `draw` functions in
//! `crate::plots`, so the same code draws here and into SVG in native tests.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// A canvas redrawn by `draw` whenever a signal `draw` reads changes. A failed draw leaves a
/// message on the canvas instead of breaking the page.
#[component]
pub fn PlotCanvas(
    #[prop(default = 640)] width: u32,
    #[prop(default = 320)] height: u32,
    /// A label for assistive technology and tests.
    label: &'static str,
    draw: impl Fn(&DrawingArea<CanvasBackend, Shift>) -> Result<(), String> + 'static,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(element) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(element) else { return };
        let root = backend.into_drawing_area();
        if let Err(e) = root.fill(&WHITE).map_err(|e| e.to_string()).and_then(|_| draw(&root)) {
            let _ = root.fill(&WHITE);
            let _ = root.draw_text(&e, &("sans-serif", 14).into_font().color(&RED), (10, 20));
        }
        let _ = root.present();
    });
    view! { <canvas node_ref=canvas class="plot" width=width height=height aria-label=label data-plot=label></canvas> }
}
