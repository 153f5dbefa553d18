//! Controls for experiments that train several runs side by side in one worker ("lanes"):
//! start, pause, resume, reset, a progress bar with the time left and a status line, plus
//! helpers that turn each lane's reports into chart series.

use engine::data::Part;
use engine::train::TrainConfig;
use leptos::prelude::*;

use crate::i18n::{Lang, Text, fill, tr, use_lang};
use crate::plots::curves::{Axes, Legend, Series, smoothed_steps};
use crate::training::chain::{Chain, Stage};
use crate::training::job::{Job, Lane, Phase};
use crate::training::protocol::{Command, Job as JobSpec, WorkerError};

/// How long settings must rest before their preview is built.
const PREVIEW_DELAY_MS: u64 = 400;

/// Start / pause / reset for the lanes of `job`. `configs` is `None` while a control does not
/// read; the start button is then disabled.
#[component]
pub fn LaneControls(
    job: Job,
    #[prop(into)] configs: Signal<Option<Vec<TrainConfig>>>,
    #[prop(default = 0)] eval_every: usize,
    #[prop(optional)] parts: Vec<Part>,
    /// The start button's label.
    start_label: Text,
) -> impl IntoView {
    let lang = use_lang();
    let first = job.lane(0);
    // The settings the shown preview was built from: before anything trains, the lanes are
    // started paused and take one step, so that the charts show the untrained networks' first
    // loss and evaluation and whatever the task shows of itself, and ▶ only has to play them.
    let previewed = StoredValue::new(None::<Vec<TrainConfig>>);
    let is_preview = move || {
        job.with(|s| !s.lanes.is_empty() && s.lanes.iter().all(|l| l.phase == Phase::Paused && l.steps_done <= 1))
    };
    let spec = move |configs: Vec<TrainConfig>, play: bool, parts: Vec<Part>| JobSpec::Train {
        configs,
        play,
        eval_every,
        parts,
        keep_best: false,
    };
    let preview_parts = parts.clone();
    // Settings that change while a slider is dragged are previewed once they rest a moment.
    let changes = StoredValue::new(0u64);
    Effect::new(move |_| {
        let (Some(cfgs), true) = (configs.get(), job.ready()) else { return };
        let fresh = first.phase() == Phase::Idle || is_preview();
        if !fresh || job.fatal() || previewed.with_value(|p| p.as_ref() == Some(&cfgs)) {
            return;
        }
        changes.update_value(|c| *c += 1);
        let this = changes.get_value();
        let parts = preview_parts.clone();
        set_timeout(
            move || {
                let still = changes.try_get_value() == Some(this)
                    && !untrack(move || job.fatal())
                    && (first.phase_untracked() == Phase::Idle || untrack(is_preview));
                if still {
                    previewed.set_value(Some(cfgs.clone()));
                    job.start(spec(cfgs, false, parts));
                    // One step: its loss is the untrained network's, the first point of the curve.
                    job.send(Command::Step(1));
                }
            },
            std::time::Duration::from_millis(PREVIEW_DELAY_MS),
        );
    });
    let start = move |_| {
        let Some(configs) = configs.get_untracked() else { return };
        // A preview still waiting to be built is dropped: ▶ wins.
        changes.update_value(|c| *c += 1);
        if untrack(is_preview) && previewed.with_value(|p| p.as_ref() == Some(&configs)) {
            job.send(Command::Play);
        } else {
            previewed.set_value(Some(configs.clone()));
            job.start(spec(configs, true, parts.clone()));
        }
    };
    let pause = move |_| match first.phase_untracked() {
        Phase::Running => job.send(Command::Pause),
        _ => job.send(Command::Play),
    };
    let done = move || job.with(|s| !s.lanes.is_empty() && s.lanes.iter().all(|l| l.phase.ended()));
    let status = move || {
        let lang = lang.get();
        match first.phase() {
            Phase::Idle if !job.ready() => t::LOADING.get(lang).to_string(),
            Phase::Idle => String::new(),
            _ if done() => t::DONE.get(lang).to_string(),
            Phase::Paused if is_preview() => t::PREVIEW.get(lang).to_string(),
            Phase::Paused => t::PAUSED.get(lang).to_string(),
            _ => t::RUNNING.get(lang).to_string(),
        }
    };
    view! {
        <div class="row">
            <button class="btn primary" data-action="start" disabled=move || configs.with(Option::is_none) || job.fatal() on:click=start>{tr(start_label)}</button>
            <button class="btn" data-action="pause" disabled=move || matches!(first.phase(), Phase::Idle) || done() || is_preview() on:click=pause>
                {move || if first.phase() == Phase::Running { tr(t::PAUSE)() } else { tr(t::RESUME)() }}
            </button>
            <button class="btn" data-action="reset" on:click=move |_| job.reset()>{tr(t::RESET)}</button>
            <span class="status" data-result="status">{status}</span>
        </div>
        <JobProgress job=job />
        <JobError job=job />
    }
}

/// Start / pause / reset and the status line for a [`Chain`] (a first run kept as a model, then
/// a job that uses it), with its progress and its error. The buttons' `data-action` names are
/// `start`, `pause`, `reset` followed by `-{name}`, and the status line's `data-result` is
/// `{name}-status` (or `status` when `name` is empty).
#[component]
pub fn ChainControls(
    chain: Chain,
    /// Whether the controls read, so that the chain can start.
    #[prop(into)]
    ready: Signal<bool>,
    on_start: impl Fn() + 'static,
    start_label: Text,
    /// What the status line says while the first run trains, and while the second job does.
    #[prop(into)]
    first: Signal<String>,
    #[prop(into)] second: Signal<String>,
    /// How many lanes the second job has.
    lanes: usize,
    #[prop(default = "")] name: &'static str,
    #[prop(default = true)] pausable: bool,
) -> impl IntoView {
    let lang = use_lang();
    let (job, stage) = (chain.job, chain.stage);
    let action = |verb: &str| if name.is_empty() { verb.to_string() } else { format!("{verb}-{name}") };
    let status_key = if name.is_empty() { "status".to_string() } else { format!("{name}-status") };
    let status = move || {
        let lang = lang.get();
        match stage.get() {
            Stage::Idle if !job.ready() => t::LOADING.get(lang).to_string(),
            Stage::Idle => String::new(),
            Stage::First | Stage::Keeping => first.get(),
            Stage::Second if chain.done(lanes) => t::DONE.get(lang).to_string(),
            Stage::Second => second.get(),
        }
    };
    let first_lane = job.lane(0);
    view! {
        <div class="row">
            <button class="btn primary" data-action=action("start") disabled=move || !ready.get() || job.fatal() on:click=move |_| on_start()>{tr(start_label)}</button>
            {pausable.then(|| view! {
                <button class="btn" data-action=action("pause") disabled=move || stage.get() == Stage::Idle || chain.ended(lanes) on:click=move |_| chain.toggle()>
                    {move || if first_lane.phase() == Phase::Running { tr(t::PAUSE)() } else { tr(t::RESUME)() }}
                </button>
            })}
            <button class="btn" data-action=action("reset") on:click=move |_| chain.reset()>{tr(t::RESET)}</button>
            <span class="status" data-result=status_key>{status}</span>
        </div>
        <JobProgress job=job />
        <JobError job=job />
    }
}

/// A progress bar over every lane of `job`, with the share done and the time left.
#[component]
pub fn JobProgress(job: Job) -> impl IntoView {
    let lang = use_lang();
    let totals = move || {
        job.with(|s| {
            let (done, total) = s.lanes.iter().fold((0, 0), |(d, t), l| (d + l.steps_done, t + l.total_steps));
            let left = s
                .lanes
                .iter()
                .filter_map(|l| l.seconds_left())
                .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
            (if total == 0 { 0.0 } else { done as f64 / total as f64 }, left)
        })
    };
    let percent = move || format!("{:.0}", totals().0 * 100.0);
    view! {
        <div class="progress-row">
            <div class="progress" role="progressbar" aria-label=move || t::PROGRESS.get(lang.get()) aria-valuemin="0" aria-valuemax="100" aria-valuenow=percent>
                <div class="progress-fill" style:width=move || format!("{:.1}%", totals().0 * 100.0)></div>
            </div>
            <span class="job-progress-text" data-result="progress">
                {move || {
                    let (fraction, left) = totals();
                    (fraction > 0.0).then(|| match left {
                        Some(s) => fill(t::LEFT.get(lang.get()), &[&percent(), &format!("{s:.0}")]),
                        None => format!("{}%", percent()),
                    })
                }}
            </span>
        </div>
    }
}

/// The worker's latest error, translated, if there is one; when the worker is gone (it crashed,
/// sent something unreadable, or could not load its data), a button starts a fresh one.
#[component]
pub fn JobError(job: Job) -> impl IntoView {
    let lang = use_lang();
    move || {
        job.error().map(|e| {
            view! {
                <div class="error-box" role="alert" data-result="job-error">
                    <p>{crate::vocabulary::worker_error(lang.get(), &e)}</p>
                    {crate::vocabulary::worker_detail(&e).map(|d| view! { <super::BrowserSaid text=d.to_string() /> })}
                    {job.fatal().then(|| {
                        let label = if matches!(e, WorkerError::Load(_)) { t::RETRY } else { t::RESTART };
                        view! { <button class="btn" data-action="restart-worker" on:click=move |_| job.restart()>{tr(label)}</button> }
                    })}
                </div>
            }
        })
    }
}

/// A lane's smoothed training loss, one point per step.
pub fn loss_series(lane: &Lane, label: String, colour: usize) -> Series {
    let points = lane.with(|l| smoothed_steps(&l.losses, 0.1));
    Series { label, points, colour, markers: false, line: true }
}

/// The lanes' smoothed training losses against the step, ready for `curves::draw`: one curve per
/// lane, labelled and coloured by `lanes` (label, colour), the x axis as long as the longest run.
pub fn loss_chart(runs: &[Lane], lanes: impl IntoIterator<Item = (String, usize)>, lang: Lang) -> (Vec<Series>, Axes) {
    let series = runs.iter().zip(lanes).map(|(run, (label, colour))| loss_series(run, label, colour)).collect();
    let axes = Axes {
        x_label: t::STEP_AXIS.get(lang).into(),
        y_label: t::LOSS_AXIS.get(lang).into(),
        x: 0.0..max_steps(runs),
        y: None,
        percent: false,
        legend: Legend::UpperRight,
        hint: WAITING.get(lang).into(),
    };
    (series, axes)
}

/// What an empty training chart says before its run has started.
pub const WAITING: Text =
    Text::new("按 ▶ 开始训练后，曲线会画在这里。", "Press ▶ to train: the curves will appear here.");

/// Guessing among `classes` classes at random: the dashed level an accuracy chart shows before
/// (and under) any run, across `x`.
pub fn chance_level(classes: usize, x: std::ops::Range<f64>, lang: Lang) -> Series {
    let share = 1.0 / classes.max(1) as f64;
    Series::level(fill(t::CHANCE.get(lang), &[&format!("{:.0}", share * 100.0)]), share, x)
}

/// The step count of the longest run (at least 1): the x range of the per-step charts.
pub fn max_steps(runs: &[Lane]) -> f64 {
    runs.iter().map(|r| r.with(|l| l.total_steps)).max().unwrap_or(1).max(1) as f64
}

/// A lane's scores on `part` (accuracy or loss), one point per evaluation, against the epoch.
pub fn score_series(lane: &Lane, part: Part, label: String, colour: usize, loss: bool) -> Series {
    let points = lane.with(|l| {
        l.scores
            .iter()
            .filter(|s| s.part == part)
            .map(|s| (s.epoch as f64, f64::from(if loss { s.loss } else { s.accuracy })))
            .collect()
    });
    Series { label, points, colour, markers: true, line: true }
}

pub mod t {
    use crate::i18n::Text;
    pub const CHANCE: Text = Text::new("随机猜测（{0}%）", "guessing ({0}%)");
    pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
    pub const RESUME: Text = Text::new("▶ 继续", "▶ Resume");
    pub const RESET: Text = Text::new("↺ 重置", "↺ Reset");
    pub const LOADING: Text = Text::new("正在准备训练线程和数据…", "Preparing the training thread and the data…");
    pub const DONE: Text = Text::new("全部训练完成", "All runs finished");
    pub const PAUSED: Text = Text::new("已暂停", "Paused");
    pub const PREVIEW: Text =
        Text::new("图上是还没训练的网络：按 ▶ 开始训练", "The charts show the untrained networks: press ▶ to train");
    pub const RUNNING: Text = Text::new("训练中…", "Training…");
    pub const PROGRESS: Text = Text::new("训练进度", "Training progress");
    pub const RESTART: Text = Text::new("↻ 重新启动训练线程", "↻ Restart the training thread");
    pub const RETRY: Text = Text::new("↻ 重新载入数据", "↻ Load the data again");
    pub const LEFT: Text = Text::new("{0}%，还需约 {1} 秒", "{0}%, about {1} s left");
    pub const STEP_AXIS: Text = Text::new("训练步数", "training step");
    pub const LOSS_AXIS: Text = Text::new("训练损失（平滑）", "training loss (smoothed)");
}

#[cfg(test)]
mod chance_tests {
    use super::*;

    #[test]
    fn the_chance_level_names_its_share() {
        let level = chance_level(10, 0.0..5.0, Lang::Zh);
        assert!(level.label.contains("10%"), "{}", level.label);
        assert!(chance_level(4, 0.0..5.0, Lang::En).label.contains("25%"));
    }
}
