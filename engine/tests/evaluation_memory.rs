//! Drawing a fit that is being trained gives its memory back: the regularization lesson draws
//! its three fits on every frame, and when they were evaluated through burn's autodiff each
//! drawing left 13.9 kB behind. Counted with a counting allocator, so this file holds a single
//! test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

use engine::regression::{Penalty, PolyFit, noisy_sine};

static LIVE: AtomicIsize = AtomicIsize::new(0);

struct Counting;

// SAFETY: every call goes to the system allocator unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Relaxed);
        unsafe { System.dealloc(p, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn drawing_a_fit_again_and_again_holds_no_more_memory() {
    let mut fit = PolyFit::new(noisy_sine(12, 0.3, 1), noisy_sine(60, 0.3, 2), 9, Penalty::L2, 0.01, 0.5, 3);
    let xs: Vec<f32> = (0..=100).map(|j| -1.0 + 2.0 * j as f32 / 100.0).collect();
    let draw = |fit: &PolyFit| {
        let _ = (fit.predict(&xs), fit.losses(), fit.weights());
    };
    for _ in 0..20 {
        fit.step();
        draw(&fit);
    }
    let before = LIVE.load(Relaxed);
    for _ in 0..500 {
        draw(&fit);
    }
    let after = LIVE.load(Relaxed);
    let per_draw = (after - before) / 500;
    assert!(per_draw < 64, "{per_draw} bytes stay behind per drawing ({before} → {after})");
    // Training still works after all that drawing.
    let (train, _) = fit.losses();
    (0..200).for_each(|_| fit.step());
    assert!(fit.losses().0 < train);
}
