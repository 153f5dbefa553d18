//! Instance-based transfer, live: the source model labels unlabelled turned digits, the
//! confident ones join training; two runs from scratch, without and with them, scored on the
//! same test digits.

use engine::data::Part;
use engine::tasks::Query;
use leptos::prelude::*;

use super::{POOL, SOURCE_NAME, SOURCE_PARTS, State, pseudo_configs, source_config, t};
use crate::components::field::Field;
use crate::components::lanes::{self, JobError, JobProgress};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::training::chain::{Chain, Stage};
use crate::training::job::{Phase, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::read;

#[component]
pub(super) fn PseudoLabels(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let chain = Chain::new(use_job(), SOURCE_NAME);
    let (job, stage) = (chain.job, chain.stage);
    let [plain, pseudo] = [job.lane(0), job.lane(1)];
    let configs = Signal::derive(move || state.with(pseudo_configs));
    let start = move |_| {
        let Some(pair) = configs.get_untracked() else { return };
        let source = JobSpec::Train {
            configs: vec![source_config()],
            play: true,
            eval_every: 0,
            parts: SOURCE_PARTS.to_vec(),
            keep_best: false,
        };
        chain.start(
            source,
            JobSpec::Train { configs: pair, play: true, eval_every: 0, parts: vec![], keep_best: false },
        );
    };
    let done =
        Memo::new(move |_| chain.second() && plain.phase() == Phase::Finished && pseudo.phase() == Phase::Finished);
    Effect::new(move |_| {
        if chain.second() {
            // What pseudo-labelling added is known as soon as the run is built.
            if pseudo.with(|l| l.transfer.is_none() && l.phase != Phase::Idle) {
                pseudo.send(Command::Query(Query::Transfer));
            }
        }
    });
    Effect::new(move |_| {
        if done.get() {
            job.send(Command::Evaluate(Part::Test));
        }
    });
    let joined = move || pseudo.with(|l| l.transfer.as_ref().and_then(|t| t.pseudo));
    let test = move |lane: crate::training::job::Lane| lane.with(|l| l.evaluation(Part::Test).map(|e| e.accuracy));
    let status = move || {
        let lang = lang.get();
        match stage.get() {
            Stage::Idle if !job.ready() => lanes::t::LOADING.get(lang).to_string(),
            Stage::Idle => String::new(),
            Stage::First | Stage::Keeping => t::STAGE_SOURCE.get(lang).to_string(),
            Stage::Second if done.get() => lanes::t::DONE.get(lang).to_string(),
            Stage::Second => lanes::t::RUNNING.get(lang).to_string(),
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::PSEUDO_TITLE)}</h2>
            <p>{move || fill(t::PSEUDO_INTRO.get(lang.get()), &[&state.with(|s| s.per_class.clone()), &POOL])}</p>
            <div class="fields">
                <Field label=t::PER_CLASS name="pk" value=read(state, |s| s.per_class.clone()) on_input=move |v| state.update(|s| s.per_class = v) error=read(state, |s| s.per_class().err()) />
                <Field label=t::THRESHOLD name="threshold" value=read(state, |s| s.threshold.clone()) on_input=move |v| state.update(|s| s.threshold = v) error=read(state, |s| s.threshold().err()) />
            </div>
            <div class="row">
                <button class="btn primary" data-action="start-pseudo" disabled=move || configs.with(Option::is_none) on:click=start>{tr(t::START_PSEUDO)}</button>
                <button class="btn" data-action="reset-pseudo" on:click=move |_| chain.reset()>{tr(lanes::t::RESET)}</button>
                <span class="status" data-result="pseudo-status">{status}</span>
            </div>
            <JobProgress job=job />
            <JobError job=job />
            {move || joined().map(|p| {
                let lang = lang.get();
                let right = if p.joined == 0 { 0.0 } else { p.correct as f32 / p.joined as f32 };
                let threshold = state.with(|s| s.threshold.clone());
                view! {
                    <p class="chip" data-result="joined" data-joined=p.joined data-correct=p.correct>
                        {fill(t::JOINED.get(lang), &[&p.offered, &p.joined, &threshold, &percent(right)])}
                    </p>
                }
            })}
            {move || match (test(plain), test(pseudo)) {
                (Some(a), Some(b)) => view! {
                    <p class="callout" data-result="pseudo-result" data-plain=format!("{a:.4}") data-pseudo=format!("{b:.4}")>
                        {fill(t::PSEUDO_RESULT.get(lang.get()), &[&percent(a), &percent(b)])}
                    </p>
                }.into_any(),
                _ => view! { <p class="hint">{tr(t::PSEUDO_WAITING)}</p> }.into_any(),
            }}
        </section>
    }
}
