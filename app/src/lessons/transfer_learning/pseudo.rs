//! Instance-based transfer, live: the source model labels unlabelled turned digits, the
//! confident ones join training; two runs from scratch, without and with them, scored on the
//! same test digits.

use engine::data::Part;
use engine::tasks::Query;
use leptos::prelude::*;

use super::{SOURCE_NAME, State, TURN, pseudo_configs, source_job, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{self, ChainControls};
use crate::i18n::{fill, percent, tr, use_lang};
use crate::training::chain::Chain;
use crate::training::job::{Phase, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::read;

#[component]
pub(super) fn PseudoLabels(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let chain = Chain::new(use_job(), SOURCE_NAME);
    let job = chain.job;
    let pseudo = job.lane(1);
    let configs = Signal::derive(move || state.with(pseudo_configs));
    let start = move || {
        if let Some(pair) = configs.get_untracked() {
            chain.start(source_job(), JobSpec::lanes(pair, 0));
        }
    };
    let done = Memo::new(move |_| chain.done(2));
    Effect::new(move |_| {
        // What pseudo-labelling added is known as soon as the run is built.
        if chain.second() && pseudo.with(|l| l.transfer.is_none() && l.phase != Phase::Idle) {
            pseudo.send(Command::Query(Query::Transfer));
        }
    });
    Effect::new(move |_| {
        if done.get() {
            job.send(Command::Evaluate(Part::Test));
        }
    });
    let joined = move || pseudo.with(|l| l.transfer.as_ref().and_then(|t| t.pseudo));
    let test = move |lane: usize| job.lane(lane).with(|l| l.evaluation(Part::Test).map(|e| e.accuracy));
    view! {
        <section class="panel">
            <h2>{tr(t::PSEUDO_TITLE)}</h2>
            <Deeper><p>{move || fill(t::PSEUDO_INTRO.get(lang.get()), &[&state.with(|s| s.per_class.clone()), &super::SPLIT.holdout, &TURN])}</p></Deeper>
            <div class="fields">
                <Field label=t::PER_CLASS name="pk" value=read(state, |s| s.per_class.clone()) on_input=move |v| state.update(|s| s.per_class = v) error=read(state, |s| s.per_class().err()) />
                <Field label=t::THRESHOLD name="threshold" value=read(state, |s| s.threshold.clone()) on_input=move |v| state.update(|s| s.threshold = v) error=read(state, |s| s.threshold().err()) />
            </div>
            <ChainControls chain=chain ready=Signal::derive(move || configs.with(Option::is_some)) on_start=start start_label=t::START_PSEUDO
                first=Signal::derive(move || t::STAGE_SOURCE.get(lang.get()).to_string())
                second=Signal::derive(move || lanes::t::RUNNING.get(lang.get()).to_string())
                lanes=2 name="pseudo" pausable=false />
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
            {move || match (test(0), test(1)) {
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
