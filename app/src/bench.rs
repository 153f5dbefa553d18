//! The benchmark page (`/bench?backend=flex`, `/bench?run=char-lstm` or `/bench?run=phases`), for
//! `cargo xtask bench`: trains the benchmark run in the training worker, exactly as a lesson does,
//! and prints one JSON line into the page. The character LSTM trains for 60 s of training time,
//! then is scored on held-out quatrains. The phase timers (`engine::train::phases`) run in the
//! training worker as well (`Job::Phases`), where the lessons train, and print a line for burn's
//! path and one for the fused blocks. It is a tool, not a lesson, so the registry does not list it.

use engine::backend::Backend;
use engine::data::Part;
use engine::train::{TrainConfig, phases};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::training::job::{Job as JobHandle, Phase, use_job};
use crate::training::protocol::{Command, Job};

/// How long the character LSTM trains, in milliseconds of training time.
const CHAR_LSTM_MS: f64 = 60_000.0;

#[component]
pub fn Bench() -> impl IntoView {
    if use_query_map().with_untracked(|q| q.get("run").as_deref() == Some("phases")) {
        return Phases().into_any();
    }
    let backend =
        use_query_map().with_untracked(|q| q.get("backend").and_then(|b| Backend::from_key(&b))).unwrap_or_default();
    let char_lstm = use_query_map().with_untracked(|q| q.get("run").as_deref() == Some("char-lstm"));
    let job = use_job();
    let run = job.lane(0);
    start_once_ready(job, move || {
        let configs =
            vec![if char_lstm { TrainConfig::char_lstm_benchmark() } else { TrainConfig::benchmark(backend) }];
        Job::Train { configs, play: true, eval_every: 0, parts: vec![Part::Test], keep_best: false }
    });
    // The character LSTM: paused after its time, then scored once.
    let stopped = RwSignal::new(false);
    Effect::new(move |_| {
        if char_lstm && !stopped.get_untracked() && run.with(|r| r.elapsed_ms) >= CHAR_LSTM_MS {
            stopped.set(true);
            job.send(Command::Pause);
            job.send(Command::Evaluate(Part::Validation));
        }
    });
    let result = move || {
        if char_lstm {
            // Only the score taken where the clock stopped it (a pass over the data is also
            // scored, earlier).
            if !stopped.get() {
                return None;
            }
            return run.with(|r| {
                let held_out = r.evaluation(Part::Validation).filter(|_| r.latest_score(Part::Validation).is_some_and(|s| s.steps_done == r.steps_done))?;
                let baseline = r.text()?.baseline;
                Some(format!(
                    "{{\"bench\":\"char-lstm\",\"backend\":\"flex\",\"where\":\"chromium\",\"chars_per_s\":{:.0},\"seconds\":{:.1},\"steps\":{},\"validation_ce\":{:.3},\"unigram_ce\":{:.3}}}",
                    r.mean_speed * 24.0,
                    r.elapsed_ms / 1000.0,
                    r.steps_done,
                    held_out.loss,
                    baseline.loss
                ))
            });
        }
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
    .into_any()
}

/// Starts the job `spec` gives once, as soon as the worker is ready.
fn start_once_ready(job: JobHandle, spec: impl Fn() -> Job + 'static) {
    let started = RwSignal::new(false);
    Effect::new(move |_| {
        if job.ready() && !started.get_untracked() {
            started.set(true);
            job.start(spec());
        }
    });
}

/// The phase timers in the training worker, burn's path then the fused blocks.
#[component]
fn Phases() -> impl IntoView {
    let job = use_job();
    let run = job.lane(0);
    start_once_ready(job, || Job::Phases);
    let result = move || {
        (run.phase() == Phase::Finished).then(|| {
            run.with(|r| {
                let lines: Vec<String> =
                    r.phases.iter().map(|(fused, p)| phases::json_line(p, *fused, "chromium-worker")).collect();
                lines.join("\n")
            })
        })
    };
    view! {
        <section class="panel">
            <h1>"Phase timers"</h1>
            <p data-result="bench-progress">{move || run.with(|r| format!("{} / 2 paths timed", r.phases.len()))}</p>
            {move || job.error().map(|e| view! { <p class="error-box" id="bench-error">{format!("{e:?}")}</p> })}
            <pre id="bench-result">{result}</pre>
        </section>
    }
}
