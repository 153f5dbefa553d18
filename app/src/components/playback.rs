//! Play / pause / step / speed for animations that advance one position at a time, such as a
//! window sliding over an image.

use leptos::prelude::*;
use std::time::Duration;

use crate::i18n::{Text, tr};

/// The state of one animation: how many positions are done out of `total`.
#[derive(Clone, Copy)]
pub struct Playback {
    done: RwSignal<usize>,
    pub playing: RwSignal<bool>,
    total: Signal<usize>,
}

impl Playback {
    /// Positions done so far, never more than the total.
    pub fn done(&self) -> usize {
        self.done.get().min(self.total.get())
    }

    /// The position being shown now: the last one done, if any.
    pub fn current(&self) -> Option<usize> {
        self.done().checked_sub(1)
    }

    pub fn step(&self) {
        let total = self.total.get_untracked();
        // Stepping past the end starts over from the first position.
        self.done.update(|d| *d = if *d >= total { 1.min(total) } else { *d + 1 });
        if self.done.get_untracked() >= total {
            self.playing.set(false);
        }
    }

    pub fn reset(&self) {
        self.playing.set(false);
        self.done.set(0);
    }

    pub fn finish(&self) {
        self.playing.set(false);
        self.done.set(self.total.get_untracked());
    }

    pub fn toggle(&self) {
        if self.done.get_untracked() >= self.total.get_untracked() {
            self.done.set(0);
        }
        self.playing.update(|p| *p = !*p);
    }
}

/// Starts an animation over `total` positions, advancing `speed` positions per second while
/// playing. It starts finished, so a lesson first shows the whole result.
pub fn use_playback(total: Signal<usize>, speed: Signal<f64>) -> Playback {
    let pb = Playback { done: RwSignal::new(usize::MAX), playing: RwSignal::new(false), total };
    Effect::new(move |_| {
        if !pb.playing.get() {
            return;
        }
        let period = Duration::from_secs_f64(1.0 / speed.get().clamp(0.5, 60.0));
        if let Ok(handle) = set_interval_with_handle(move || pb.step(), period) {
            on_cleanup(move || handle.clear());
        }
    });
    pb
}

/// The buttons that drive a [`Playback`].
#[component]
pub fn PlaybackControls(pb: Playback) -> impl IntoView {
    let label = move || if pb.playing.get() { tr(t::PAUSE)() } else { tr(t::PLAY)() };
    view! {
        <div class="playback" role="group">
            <button class="btn" data-action="reset" on:click=move |_| pb.reset()>
                "↺ "
                {tr(t::RESET)}
            </button>
            <button class="btn primary" data-action="play" on:click=move |_| pb.toggle()>
                {move || if pb.playing.get() { "Ⅱ " } else { "▶ " }}
                {label}
            </button>
            <button class="btn" data-action="step" on:click=move |_| { pb.playing.set(false); pb.step() }>
                "+1 "
                {tr(t::STEP)}
            </button>
            <button class="btn" data-action="finish" on:click=move |_| pb.finish()>
                {tr(t::ALL)}
            </button>
            <span class="progress-text">{move || format!("{} / {}", pb.done(), pb.total.get())}</span>
        </div>
    }
}

mod t {
    use super::Text;
    pub const PLAY: Text = Text::new("播放", "Play");
    pub const PAUSE: Text = Text::new("暂停", "Pause");
    pub const STEP: Text = Text::new("单步", "Step");
    pub const RESET: Text = Text::new("从头", "Restart");
    pub const ALL: Text = Text::new("全部算完", "Finish");
}
