//! Controls for experiments that train several runs side by side in one worker ("lanes"):
//! start, pause, resume, reset, a progress bar and a status line, plus helpers that turn each
//! lane's reports into chart series.

use engine::data::Part;
use engine::train::TrainConfig;
use leptos::prelude::*;

use crate::i18n::{Lang, Text, fill, tr, use_lang};
use crate::plots::curves::{Axes, Series, smoothed_steps};
use crate::training::protocol::ToWorker;
use crate::training::run::{Phase, Run, Worker};

/// Start / pause / reset for `runs` (one per lane of `worker`). `configs` is `None` while a
/// control does not read; the start button is then disabled.
#[component]
pub fn LaneControls(
    runs: Vec<Run>,
    worker: Worker,
    #[prop(into)] configs: Signal<Option<Vec<TrainConfig>>>,
    #[prop(default = 0)] eval_every: usize,
    #[prop(optional)] parts: Vec<Part>,
    /// The start button's label.
    start_label: Text,
) -> impl IntoView {
    let lang = use_lang();
    let first = runs[0];
    let all = StoredValue::new(runs);
    let set_phase = move |p: Phase| all.with_value(|r| r.iter().for_each(|run| run.phase.set(p)));
    let start = move |_| {
        let Some(configs) = configs.get_untracked() else { return };
        let id = all.with_value(|r| r.iter().map(Run::next_id).max().unwrap_or(0));
        worker.send(ToWorker::StartLanes { run: id, configs, play: true, eval_every, parts: parts.clone() });
        set_phase(Phase::Running);
    };
    let pause = move |_| match first.phase.get_untracked() {
        Phase::Running => {
            worker.send(ToWorker::Pause);
            set_phase(Phase::Paused);
        }
        _ => {
            worker.send(ToWorker::Play);
            set_phase(Phase::Running);
        }
    };
    let reset = move |_| {
        worker.send(ToWorker::Reset);
        all.with_value(|r| {
            r.iter().for_each(|run| {
                run.next_id();
            })
        });
    };
    let done =
        move || all.with_value(|r| r.iter().all(|run| matches!(run.phase.get(), Phase::Finished | Phase::Diverged(_))));
    let fraction = move || {
        let (d, t) = all
            .with_value(|r| r.iter().fold((0, 0), |(d, t), run| (d + run.steps_done.get(), t + run.total_steps.get())));
        if t == 0 { 0.0 } else { d as f64 / t as f64 }
    };
    let status = move || {
        let lang = lang.get();
        match first.phase.get() {
            Phase::Idle if !first.ready.get() => t::LOADING.get(lang).to_string(),
            Phase::Idle => String::new(),
            _ if done() => t::DONE.get(lang).to_string(),
            Phase::Paused => t::PAUSED.get(lang).to_string(),
            _ => fill(t::RUNNING.get(lang), &[&format!("{:.0}", fraction() * 100.0)]),
        }
    };
    view! {
        <div class="row">
            <button class="btn primary" data-action="start" disabled=move || configs.with(Option::is_none) on:click=start>{tr(start_label)}</button>
            <button class="btn" data-action="pause" disabled=move || matches!(first.phase.get(), Phase::Idle) || done() on:click=pause>
                {move || if first.phase.get() == Phase::Running { tr(t::PAUSE)() } else { tr(t::RESUME)() }}
            </button>
            <button class="btn" data-action="reset" on:click=reset>{tr(t::RESET)}</button>
            <span class="status" data-result="status">{status}</span>
        </div>
        <div class="progress"><div class="progress-fill" style:width=move || format!("{:.1}%", fraction() * 100.0)></div></div>
        {move || first.error.get().map(|e| view! { <p class="error-box" role="alert">{e}</p> })}
    }
}

/// A lane's smoothed training loss, one point per step.
pub fn loss_series(run: &Run, label: String, colour: usize) -> Series {
    let points = run.losses.with(|l| smoothed_steps(l, 0.1));
    Series { label, points, colour, markers: false, line: true }
}

/// The lanes' smoothed training losses against the step, ready for `curves::draw`: one curve per
/// lane, labelled and coloured by `lanes` (label, colour), the x axis as long as the longest run.
pub fn loss_chart(runs: &[Run], lanes: impl IntoIterator<Item = (String, usize)>, lang: Lang) -> (Vec<Series>, Axes) {
    let series = runs.iter().zip(lanes).map(|(run, (label, colour))| loss_series(run, label, colour)).collect();
    let axes = Axes {
        x_label: t::STEP_AXIS.get(lang).into(),
        y_label: t::LOSS_AXIS.get(lang).into(),
        x: 0.0..max_steps(runs),
        y: None,
        percent: false,
        legend_low: false,
    };
    (series, axes)
}

/// The step count of the longest run (at least 1): the x range of the per-step charts.
pub fn max_steps(runs: &[Run]) -> f64 {
    runs.iter().map(|r| r.total_steps.get()).max().unwrap_or(1).max(1) as f64
}

/// A lane's scores on `part` (accuracy or loss), one point per evaluation, against the epoch.
pub fn score_series(run: &Run, part: Part, label: String, colour: usize, loss: bool) -> Series {
    let points = run.scores.with(|s| {
        s.iter()
            .filter(|s| s.part == part)
            .map(|s| (s.epoch as f64, f64::from(if loss { s.loss } else { s.accuracy })))
            .collect()
    });
    Series { label, points, colour, markers: true, line: true }
}

mod t {
    use crate::i18n::Text;
    pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
    pub const RESUME: Text = Text::new("▶ 继续", "▶ Resume");
    pub const RESET: Text = Text::new("↺ 重置", "↺ Reset");
    pub const LOADING: Text = Text::new("正在准备训练线程和数据…", "Preparing the training thread and the data…");
    pub const DONE: Text = Text::new("全部训练完成", "All runs finished");
    pub const PAUSED: Text = Text::new("已暂停", "Paused");
    pub const RUNNING: Text = Text::new("训练中…{0}%", "Training… {0}%");
    pub const STEP_AXIS: Text = Text::new("训练步数", "training step");
    pub const LOSS_AXIS: Text = Text::new("训练损失（平滑）", "training loss (smoothed)");
}
