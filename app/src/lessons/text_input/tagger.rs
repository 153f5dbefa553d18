//! The note's semantic tagger: a token lookup against a 1-D CNN over the embedded sentence,
//! both trained in the worker, scored per class on place names never seen in training, and both
//! reading the student's sentence.

use engine::data::Part;
use engine::tasks::{Query, SLOTS, Tagged};
use engine::train::f1_scores;
use leptos::prelude::*;

use super::{State, t, tagger_configs};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::LaneControls;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Text, tr, use_lang};
use crate::training::job::{Lane, Phase, use_job};
use crate::training::protocol::Command;
use crate::url_state::read;

const NAMES: [Text; 2] = [t::LOOKUP, t::CNN];
const CLASSES: [Text; SLOTS] = [t::OTHER, t::PLACE, t::TIME];

/// One tagger's reading: each token coloured by its tag, unknown tokens marked.
fn reading(tagged: Tagged, lang: crate::i18n::Lang) -> impl IntoView {
    tagged
        .tokens
        .into_iter()
        .zip(tagged.probabilities)
        .zip(tagged.known)
        .map(|((token, p), known)| {
            let tag = (0..SLOTS).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
            let class = ["tag-other", "tag-place", "tag-time"][tag];
            let title = format!("{} {:.0}%", CLASSES[tag].get(lang), p[tag] * 100.0);
            view! { <span class=if known { class.to_string() } else { format!("{class} unknown") } title=title data-tag=tag data-known=known.to_string()>{token}</span>" " }
        })
        .collect_view()
}

#[component]
pub(super) fn Tagger(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs: [Lane; 2] = [job.lane(0), job.lane(1)];
    let configs = Signal::derive(move || state.with(tagger_configs));
    let done = Memo::new(move |_| runs.iter().all(|r| r.phase() == Phase::Finished));
    Effect::new(move |_| {
        if done.get() {
            job.send(Command::Evaluate(Part::Test));
        }
    });
    let scored = Memo::new(move |_| runs.map(|r| r.with(|l| (l.scores.len(), l.phase != Phase::Idle))));
    Effect::new(move |_| {
        let started = scored.get();
        if let Ok(s) = state.with(State::sentence) {
            for (i, (_, on)) in started.iter().enumerate() {
                if *on {
                    job.send_to(i, Command::Query(Query::Tag { text: s.clone() }));
                }
            }
        }
    });
    let table = move |part: Part| {
        move || {
            let lang = lang.get();
            let scores = runs.map(|r| r.with(|l| l.evaluation(part).map(|e| f1_scores(&e.confusion, SLOTS))));
            let rows = (0..SLOTS)
                .map(|c| {
                    let cell = |i: usize| {
                        let v = scores[i].as_ref().map(|f| f[c]);
                        view! { <td class="num" data-value=v>{v.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())}</td> }
                    };
                    view! { <tr data-class=c><td>{CLASSES[c].get(lang)}</td>{cell(0)}{cell(1)}</tr> }
                })
                .collect_view();
            let (label, caption) = match part {
                Part::Test => ("f1-test", t::F1_TEST),
                _ => ("f1-validation", t::F1_VALIDATION),
            };
            view! {
                <table class="data-table" data-result=label>
                    <caption>{caption.get(lang)}</caption>
                    <thead><tr><th>"F1"</th><th>{NAMES[0].get(lang)}</th><th>{NAMES[1].get(lang)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        }
    };
    let readings = move || {
        let lang = lang.get();
        runs.iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let tagged = r.with(|l| l.tagged.clone())?;
                Some(view! { <p data-result=format!("tagged-{i}")><strong>{NAMES[i].get(lang)}{t::COLON.get(lang)}</strong>{reading(tagged, lang)}</p> })
            })
            .collect_view()
    };
    view! {
        <section class="panel">
            <h2>{tr(t::TAGGER_TITLE)}</h2>
            <Deeper><p>{tr(t::TAGGER_INTRO)}</p></Deeper>
            <div class="fields">
                <Field label=t::TAG_STEPS name="tsteps" value=read(state, |s| s.tag_steps.clone()) on_input=move |v| state.update(|s| s.tag_steps = v) error=read(state, |s| s.tag_steps().err()) />
            </div>
            <LaneControls job=job configs=configs eval_every=50 start_label=t::START_TAGGERS />
            <div class="two-col even">
                {table(Part::Validation)}
                {table(Part::Test)}
            </div>
            <div class="fields">
                <Field label=t::SENTENCE name="s" width="22em" inputmode="text" value=read(state, |s| s.sentence.clone()) on_input=move |v| state.update(|s| s.sentence = v) error=read(state, |s| s.sentence().err()) />
            </div>
            <div class="tagged">{readings}</div>
            <p class="hint">{tr(t::TAGGED_HINT)}</p>
            <Deeper><p>{tr(t::TAGGER_WHY)}</p></Deeper>
            <Questions>
                <Question id="text-input/2" prompt=Signal::derive(move || t::Q2.get(lang.get()).to_string())
                    kind=Kind::Choice(vec![("cnn", t::CNN), ("lookup", t::LOOKUP)])
                    answer=Signal::derive(move || {
                        let place = |i: usize| {
                            runs[i].with(|l| l.phase.ended().then(|| l.evaluation(engine::data::Part::Validation).map(|e| engine::train::f1_scores(&e.confusion, 3)[1])).flatten())
                        };
                        let (lookup, cnn) = (place(0)?, place(1)?);
                        Some(if cnn > lookup { "cnn" } else { "lookup" }.to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING
                    about=Signal::derive(move || state.with(|s| s.tag_steps.clone())) />
            </Questions>
        </section>
    }
}
