//! The benchmark page (`/bench?backend=flex`), for `cargo xtask bench`: trains the benchmark run
//! in the training worker, exactly as a lesson does, and prints one JSON line into the page.
//! It is a tool, not a lesson, so the registry does not list it.

use engine::backend::Backend;
use engine::data::Part;
use engine::train::TrainConfig;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::training::job::{Phase, use_job};
use crate::training::protocol::Job;

#[component]
pub fn Bench() -> impl IntoView {
    let backend =
        use_query_map().with_untracked(|q| q.get("backend").and_then(|b| Backend::from_key(&b))).unwrap_or_default();
    let job = use_job();
    let run = job.lane(0);
    let started = RwSignal::new(false);
    Effect::new(move |_| {
        if job.ready() && !started.get_untracked() {
            started.set(true);
            let configs = vec![TrainConfig::benchmark(backend)];
            job.start(Job::Train { configs, play: true, eval_every: 0, parts: vec![Part::Test], keep_best: false });
        }
    });
    let result = move || {
        if run.phase() != Phase::Finished {
            return None;
        }
        run.with(|r| {
            let test = r.evaluation(Part::Test)?;
            Some(format!(
                "{{\"bench\":\"cnn-train\",\"backend\":\"{}\",\"where\":\"chromium\",\"examples_per_s\":{:.1},\"test_accuracy\":{:.4}}}",
                backend.key(),
                r.mean_speed,
                test.accuracy
            ))
        })
    };
    view! {
        <section class="panel">
            <h1>"Benchmark"</h1>
            <p data-result="bench-progress">{move || run.with(|r| format!("{} / {} steps, {:.0} examples/s", r.steps_done, r.total_steps, r.speed.0))}</p>
            {move || job.error().map(|e| view! { <p class="error-box" id="bench-error">{format!("{e:?}")}</p> })}
            <pre id="bench-result">{result}</pre>
        </section>
    }
}
