//! A frame loop: calls `tick` once per animation frame (about 60 times a second) while
//! `playing` is true, and stops when playing stops or the component goes away.

use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;

/// Runs `tick` on every animation frame while `playing`.
pub fn use_animation(playing: Signal<bool>, tick: impl Fn() + 'static) {
    let tick: Rc<dyn Fn()> = Rc::new(tick);
    Effect::new(move |_| {
        if !playing.get() {
            return;
        }
        let alive = Arc::new(AtomicBool::new(true));
        frame_loop(alive.clone(), tick.clone());
        on_cleanup(move || alive.store(false, Ordering::Relaxed));
    });
}

fn frame_loop(alive: Arc<AtomicBool>, tick: Rc<dyn Fn()>) {
    request_animation_frame(move || {
        if alive.load(Ordering::Relaxed) {
            tick();
            frame_loop(alive, tick);
        }
    });
}
