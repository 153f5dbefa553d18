//! The benchmark page (`/bench?backend=flex`), for `cargo xtask bench`: trains the benchmark run
//! in the training worker, exactly as a lesson does, and prints one JSON line into the page.
//! It is a tool, not a lesson, so the registry does not list it.

use engine::backend::Backend;
use engine::data::Part;
use engine::train::TrainConfig;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::training::protocol::ToWorker;
use crate::training::run::{Phase, use_run};

#[component]
pub fn Bench() -> impl IntoView {
    let backend =
        use_query_map().with_untracked(|q| q.get("backend").and_then(|b| Backend::from_key(&b))).unwrap_or_default();
    let (run, worker) = use_run();
    let started = RwSignal::new(false);
    Effect::new(move |_| {
        if run.ready.get() && !started.get_untracked() {
            started.set(true);
            let id = run.next_id();
            let config = TrainConfig::benchmark(backend);
            worker.send(ToWorker::Start {
                run: id,
                config,
                play: true,
                eval_every: 0,
                parts: vec![Part::Test],
                keep_best: false,
            });
            run.phase.set(Phase::Running);
        }
    });
    let result = move || {
        if run.phase.get() != Phase::Finished {
            return None;
        }
        let test = run.evaluation(Part::Test)?;
        Some(format!(
            "{{\"bench\":\"cnn-train\",\"backend\":\"{}\",\"where\":\"chromium\",\"examples_per_s\":{:.1},\"test_accuracy\":{:.4}}}",
            backend.key(),
            run.mean_speed.get(),
            test.accuracy
        ))
    };
    view! {
        <section class="panel">
            <h1>"Benchmark"</h1>
            <p data-result="bench-progress">{move || format!("{} / {} steps, {:.0} examples/s", run.steps_done.get(), run.total_steps.get(), run.speed.get().0)}</p>
            {move || run.error.get().map(|e| view! { <p class="error-box" id="bench-error">{e}</p> })}
            <pre id="bench-result">{result}</pre>
        </section>
    }
}
