//! The experiment: the note's CNN on a few hundred digits, without (lane 0) and with (lane 1)
//! the chosen transforms; training and validation accuracy, the over-fitting gap, and once both
//! have finished, test accuracy on clean and moved digits, one pass against fused views.

use engine::data::Part;
use engine::tasks::{Query, Robustness};
use leptos::prelude::*;

use super::{MOVED_DEGREES, MOVED_PIXELS, State, TRAINING, configs, kind, t};
use crate::components::disclosure::Lead;
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING, score_series};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend};
use crate::training::job::{Lane, Phase, use_job};
use crate::training::protocol::Command;
use crate::url_state::read;

#[component]
pub(super) fn Experiment(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = job.lanes(2);
    let [plain, augmented] = [runs[0], runs[1]];
    let names = [t::WITHOUT, t::WITH];
    let configs = Signal::derive(move || state.with(configs));
    // Once both runs have finished, each lane scores its model on the test digits, clean and
    // moved, once.
    let finished = Memo::new(move |_| plain.phase() == Phase::Finished && augmented.phase() == Phase::Finished);
    Effect::new(move |_| {
        if finished.get() {
            let query = Query::Robustness { degrees: MOVED_DEGREES, pixels: MOVED_PIXELS, seed: 7 };
            for lane in 0..2 {
                job.send_to(lane, Command::Query(query.clone()));
            }
        }
    });
    let epochs = move || state.with(|s| s.epochs().unwrap_or(1)) as f64;
    let latest = |run: Lane, part: Part| run.with(|l| l.latest_score(part).map(|s| s.accuracy));
    let summary = move |i: usize, run: Lane| {
        let lang = lang.get();
        let (Some(train), Some(val)) = (latest(run, Part::Train), latest(run, Part::Validation)) else {
            return format!("{}: –", names[i].get(lang));
        };
        fill(
            t::SUMMARY.get(lang),
            &[&names[i].get(lang), &percent(train), &percent(val), &format!("{:.1}", (train - val) * 100.0)],
        )
    };
    let robustness = move |run: Lane| run.with(|l| l.robustness);
    let row = move |i: usize, run: Lane| {
        let cells = move || {
            robustness(run).map(|r: Robustness| {
                [r.clean, r.clean_fused, r.moved, r.moved_fused]
                    .into_iter()
                    .zip(["clean", "clean-fused", "moved", "moved-fused"])
                    .map(|(v, key)| view! { <td class="num" data-score=key data-value=format!("{v:.4}")>{percent(v)}</td> })
                    .collect_view()
            })
        };
        view! { <tr data-lane=i><th>{move || names[i].get(lang.get())}</th>{cells}</tr> }
    };
    let verdict = move || {
        let (Some(p), Some(a)) = (robustness(plain), robustness(augmented)) else { return String::new() };
        let points = |x: f32| format!("{:+.1}", x * 100.0);
        fill(
            t::VERDICT.get(lang.get()),
            &[
                &points(a.clean - p.clean),
                &points(a.moved - p.moved),
                &a.views,
                &points(a.clean_fused - a.clean),
                &points(a.moved_fused - a.moved),
                &a.count,
                &(a.count as f32 / 100.0),
            ],
        )
    };
    view! {
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <Lead text=tr(t::EXP_INTRO) />
            <div class="fields">
                <Field label=t::TRAIN name="train" value=read(state, |s| s.train.clone()) on_input=move |v| state.update(|s| s.train = v) error=read(state, |s| s.train().err()) hint=t::TRAIN_HINT />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <fieldset class="toggles">
                <legend>{tr(t::TRAIN_WITH)}</legend>
                {TRAINING.iter().map(|&(key, amount)| view! {
                    <label class="toggle">
                        <input type="checkbox" name=format!("aug-{key}") prop:checked=move || state.with(|s| s.training().contains(&key))
                            on:change=move |ev| state.update(|s| s.toggle(key, event_target_checked(&ev))) />
                        {move || format!("{} {}", kind(key).name.get(lang.get()), fill(kind(key).short, &[&amount]))}
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="hint">{move || if state.with(|s| s.training().is_empty()) { t::NONE_ON.get(lang.get()) } else { "" }}</p>
            <LaneControls job=job configs=configs parts=vec![Part::Train] start_label=t::START />
            <div class="two-col even">
                <p class="chip" data-result="lane-0">{move || summary(0, plain)}</p>
                <p class="chip" data-result="lane-1">{move || summary(1, augmented)}</p>
            </div>
            <div class="charts">
                {[(Part::Train, t::TRAIN_CHART, "aug-train"), (Part::Validation, t::VAL_CHART, "aug-validation")].into_iter().map(|(part, title, label)| view! {
                    <div class="chart">
                        <h3>{tr(title)}</h3>
                        <PlotCanvas width=560 height=300 label=label draw=move |area| {
                            let lang = lang.get();
                            let series = vec![score_series(&plain, part, names[0].get(lang).into(), 5, false), score_series(&augmented, part, names[1].get(lang).into(), 0, false)];
                            let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: title.get(lang).into(), x: 0.0..epochs(), y: None, percent: true, legend: Legend::LowerRight, hint: WAITING.get(lang).into() };
                            curves::draw(area, &series, &axes)
                        } />
                    </div>
                }).collect_view()}
            </div>
            <h3>{tr(t::TEST_TITLE)}</h3>
            <p>{move || fill(t::TEST_INTRO.get(lang.get()), &[&MOVED_DEGREES, &MOVED_PIXELS, &engine::tasks::TTA_SHIFTS[1].0, &engine::tasks::TTA_SHIFTS.len()])}</p>
            <table class="data-table" data-result="robustness">
                <thead><tr><th></th><th>{tr(t::CLEAN)}</th><th>{tr(t::CLEAN_FUSED)}</th><th>{tr(t::MOVED)}</th><th>{tr(t::MOVED_FUSED)}</th></tr></thead>
                <tbody>{row(0, plain)}{row(1, augmented)}</tbody>
            </table>
            <p class="hint" role="status">{move || match (finished.get(), robustness(augmented).is_some()) {
                (false, _) => t::TEST_WAITING.get(lang.get()),
                (true, false) => t::TESTING.get(lang.get()),
                (true, true) => "",
            }}</p>
            {move || {
                let text = verdict();
                (!text.is_empty()).then(|| view! { <p class="callout" data-result="verdict">{text}</p> })
            }}
        </section>
        <AugmentationQuestions state=state plain=plain augmented=augmented />
    }
}

/// Two predictions the experiment answers once both networks are scored on the test digits.
#[component]
fn AugmentationQuestions(state: RwSignal<State>, plain: Lane, augmented: Lane) -> impl IntoView {
    let lang = use_lang();
    let settings = Signal::derive(move || state.with(|s| format!("{} {} {:?}", s.train, s.epochs, s.training())));
    let scored = move || Some((plain.with(|l| l.robustness)?, augmented.with(|l| l.robustness)?));
    let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
    let helps_moved = Signal::derive(move || scored().map(|(p, a)| yes_no(a.moved > p.moved)));
    let fusion_helps = Signal::derive(move || scored().map(|(_, a)| yes_no(a.clean_fused > a.clean)));
    let choice = || Kind::Choice(vec![("yes", t::YES), ("no", t::NO)]);
    view! {
        <Questions>
            <Question id="augmentation/1" prompt=Signal::derive(move || state.with(|s| fill(t::Q1.get(lang.get()), &[&s.train, &MOVED_DEGREES, &MOVED_PIXELS])))
                kind=choice() answer=helps_moved hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string())
                pending=t::Q_PENDING about=settings />
            <Question id="augmentation/2" prompt=Signal::derive(move || fill(t::Q2.get(lang.get()), &[&engine::tasks::TTA_SHIFTS.len()]))
                kind=choice() answer=fusion_helps hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string())
                pending=t::Q_PENDING about=settings />
        </Questions>
    }
}
