//! Manual search: the student sets every hyperparameter and tries it; each try is one trial of
//! one epoch, kept in a list and shown beside the searches.

use engine::search::Trial;
use leptos::prelude::*;

use super::{State, manual_search, t};
use crate::components::disclosure::{Deeper, MoreSettings};
use crate::components::field::{Choice, Field};
use crate::components::lanes::JobError;
use crate::i18n::{percent, tr};
use crate::training::job::use_job;
use crate::training::protocol::Job as JobSpec;
use crate::url_state::read;

#[component]
pub(super) fn Manual(state: RwSignal<State>, trials: RwSignal<Vec<Trial>>) -> impl IntoView {
    let job = use_job();
    let config = Signal::derive(move || state.with(manual_search));
    let tried = StoredValue::new(0usize);
    let start = move |_| {
        if let Some(search) = config.get_untracked() {
            job.start(JobSpec::Search { searches: vec![search], play: true });
        }
    };
    // Each try is its own run: its trial joins the list once, numbered after the others, its
    // epochs counted after theirs.
    Effect::new(move |_| {
        let finished = job.lane(0).with(|l| l.trials.first().cloned());
        if let Some(mut trial) = finished {
            let run = job.with(|s| s.run.0 as usize);
            if tried.get_value() != run {
                tried.set_value(run);
                trials.update(|all| {
                    trial.ask.id = all.len();
                    trial.spent = all.len() + 1;
                    all.push(trial);
                });
            }
        }
    });
    view! {
        <section class="panel">
            <h2>{tr(t::MANUAL_TITLE)}</h2>
            <Deeper><p>{tr(t::MANUAL_INTRO)}</p></Deeper>
            <div class="fields">
                <Field label=t::LR name="mlr" value=read(state, |s| s.mlr.clone()) on_input=move |v| state.update(|s| s.mlr = v) error=read(state, |s| s.mlr().err()) />
                <Field label=t::BATCH name="mbatch" value=read(state, |s| s.mbatch.clone()) on_input=move |v| state.update(|s| s.mbatch = v) error=read(state, |s| s.mbatch().err()) />
                <Field label=t::WIDTH name="mwidth" value=read(state, |s| s.mwidth.clone()) on_input=move |v| state.update(|s| s.mwidth = v) error=read(state, |s| s.mwidth().err()) />
            </div>
            <MoreSettings>
                <Choice label=t::ACTIVATION name="mact" options=vec![("0", t::RELU), ("1", t::TANH), ("2", t::SIGMOID)] value=read(state, |s| s.mact.clone()) on_change=move |v| state.update(|s| s.mact = v) />
                <Field label=t::DEPTH name="mdepth" value=read(state, |s| s.mdepth.clone()) on_input=move |v| state.update(|s| s.mdepth = v) error=read(state, |s| s.mdepth().err()) />
                <Field label=t::INIT name="minit" value=read(state, |s| s.minit.clone()) on_input=move |v| state.update(|s| s.minit = v) error=read(state, |s| s.minit().err()) />
                <Field label=t::DROPOUT name="mdrop" value=read(state, |s| s.mdrop.clone()) on_input=move |v| state.update(|s| s.mdrop = v) error=read(state, |s| s.mdrop().err()) />
            </MoreSettings>
            <div class="row">
                <button class="btn primary" data-action="try" disabled=move || config.with(Option::is_none) on:click=start>{tr(t::TRY)}</button>
                <span class="status" data-result="manual-count" data-count=move || trials.with(Vec::len)>
                    {move || trials.with(|all| all.iter().map(|t| percent(t.score as f32)).collect::<Vec<_>>().join(" · "))}
                </span>
            </div>
            <JobError job=job />
        </section>
    }
}
