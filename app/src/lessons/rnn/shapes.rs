//! The note's four shapes trained side by side, each a real task on the poems, with the unrolled
//! tagger reading the student's line.

use engine::data::Part;
use engine::tasks::{Query, TextReport};
use leptos::prelude::*;

use super::unrolled::Unrolled;
use super::{Shape, State, shape_configs, t};
use crate::components::disclosure::{Deeper, MoreSettings};
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, loss_chart};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Text, fill, percent, tr, use_lang};
use crate::plots::curves;
use crate::training::job::{Lane, Phase, use_job};
use crate::training::protocol::Command;
use crate::url_state::read;

/// Every this many steps each network is scored on its held-out poems.
const EVAL_EVERY: usize = 50;

impl Shape {
    fn name(self) -> Text {
        match self {
            Shape::OneToMany => t::ONE_TO_MANY,
            Shape::ManyToOne => t::MANY_TO_ONE,
            Shape::Aligned => t::ALIGNED,
            Shape::Shorter => t::SHORTER,
        }
    }

    fn task_text(self) -> Text {
        match self {
            Shape::OneToMany => t::ONE_TO_MANY_TASK,
            Shape::ManyToOne => t::MANY_TO_ONE_TASK,
            Shape::Aligned => t::ALIGNED_TASK,
            Shape::Shorter => t::SHORTER_TASK,
        }
    }

    /// Whether the score is a loss (lower is better) rather than an accuracy.
    fn scored_by_loss(self) -> bool {
        self == Shape::OneToMany
    }
}

fn text_report(lane: &Lane) -> Option<TextReport> {
    lane.with(|l| l.text().cloned())
}

#[component]
pub(super) fn Shapes(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs: [Lane; 4] = [job.lane(0), job.lane(1), job.lane(2), job.lane(3)];
    let configs = Signal::derive(move || state.with(shape_configs));
    // Ask again whenever the line or the start changes, a network is scored, or a run starts.
    let scored = Memo::new(move |_| {
        runs.iter().map(|r| r.with(|l| (l.scores.len(), l.phase != Phase::Idle))).collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        let started = scored.get();
        let (line, start) = state.with(|s| (s.line().ok(), s.start().ok()));
        if let (Some(line), true) = (line, started[2].1) {
            job.send_to(1, Command::Query(Query::Read { text: line.clone() }));
            job.send_to(2, Command::Query(Query::Read { text: line }));
        }
        if let (Some(c), true) = (start, started[0].1) {
            // From the first character alone with a zero state, as every training stretch (one
            // quatrain of 24 characters) starts.
            job.send_to(
                0,
                Command::Query(Query::Write { prompt: c.to_string(), length: 23, temperature: 0.8, seed: 1 }),
            );
        }
    });
    let tagger = runs[2];
    let reading = Signal::derive(move || tagger.with(|l| l.reading.clone()));
    let card = move |i: usize| {
        let shape = Shape::ALL[i];
        let run = runs[i];
        let score = move || {
            let lang = lang.get();
            let s = run.with(|l| l.latest_score(Part::Validation))?;
            let base = text_report(&run)?.baseline;
            let by_loss = shape.scored_by_loss();
            let (value, baseline) = if by_loss { (s.loss, base.loss) } else { (s.accuracy, base.accuracy) };
            let shown = |v: f32| if by_loss { format!("{v:.3}") } else { percent(v) };
            Some(view! {
                <p class="score" data-result=format!("score-{i}") data-value=value data-baseline=baseline>
                    {fill(t::SCORE.get(lang), &[&shown(value), &shown(baseline), &s.steps_done])}
                </p>
            })
        };
        let shown = move || {
            let lang = lang.get();
            match shape {
                Shape::OneToMany => run.with(|l| l.written.clone()).map(|w| {
                    let start = state.with(|s| s.start.trim().to_string());
                    let lines = engine::text::lines(&format!("{start}{w}")).into_iter().map(|l| view! { <div>{l}</div> }).collect_view();
                    view! { <div class="poem" data-result="written">{lines}</div> }.into_any()
                }),
                Shape::ManyToOne => run.with(|l| l.reading.clone()).and_then(|r| {
                    let last = r.outputs.last()?.clone();
                    let ci = last.get(1).copied()?;
                    let verdict = if ci > 0.5 { t::CI } else { t::SHI };
                    let trail = r
                        .outputs
                        .iter()
                        .map(|p| format!("{:.0}", p.get(1).copied().unwrap_or(0.0) * 100.0))
                        .collect::<Vec<_>>()
                        .join(" → ");
                    let read: String = r.chars.iter().collect();
                    Some(view! {
                        <p data-result="form-verdict" data-ci=ci data-read=read.clone()>{fill(t::VERDICT.get(lang), &[&verdict.get(lang), &percent(ci.max(1.0 - ci))])}</p>
                        <p class="hint">{fill(t::READ_AS.get(lang), &[&read])}</p>
                        <p class="hint">{fill(t::TRAIL.get(lang), &[&trail])}</p>
                    }.into_any())
                }),
                Shape::Aligned => run.with(|l| l.reading.clone()).map(|r| {
                    let tags: String = r.chars.iter().zip(&r.outputs).map(|(c, p)| {
                        if matches!(c, '，' | '。' | '？' | '！' | '、') || p.len() != 2 { *c } else if p[1] > p[0] { '仄' } else { '平' }
                    }).collect();
                    view! { <p class="poem" data-result="tones">{r.chars.iter().collect::<String>()}<br />{tags}</p> }.into_any()
                }),
                Shape::Shorter => text_report(&run).filter(|r| !r.titles.is_empty()).map(|r| {
                    let rows = r.titles.into_iter().map(|s| view! {
                        <tr><td class="poem-cell">{s.poem}</td><td>{s.written}</td><td>{s.title}</td></tr>
                    }).collect_view();
                    view! {
                        <table class="data-table" data-result="titles">
                            <thead><tr><th>{t::POEM.get(lang)}</th><th>{t::WRITTEN_TITLE.get(lang)}</th><th>{t::TRUE_TITLE.get(lang)}</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.into_any()
                }),
            }
        };
        view! {
            <div class="result-card" data-result=format!("shape-{i}")>
                <h3>{tr(shape.name())}</h3>
                <Deeper><p class="hint">{tr(shape.task_text())}</p></Deeper>
                {score}
                {shown}
            </div>
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::SHAPES_TITLE)}</h2>
            <Deeper><p>{tr(t::SHAPES_INTRO)}</p></Deeper>
            <div class="fields">
                <Field label=t::LINE name="text" width="16em" inputmode="text" value=read(state, |s| s.text.clone()) on_input=move |v| state.update(|s| s.text = v) error=read(state, |s| s.line().err()) />
                <Field label=t::STEPS name="steps" value=read(state, |s| s.steps.clone()) on_input=move |v| state.update(|s| s.steps = v) error=read(state, |s| s.steps().err()) />
            </div>
            <MoreSettings>
                <Field label=t::START_CHAR name="start" width="3em" inputmode="text" value=read(state, |s| s.start.clone()) on_input=move |v| state.update(|s| s.start = v) error=read(state, |s| s.start().err()) />
                <Field label=t::HIDDEN name="h" value=read(state, |s| s.hidden.clone()) on_input=move |v| state.update(|s| s.hidden = v) error=read(state, |s| s.hidden().err()) />
            </MoreSettings>
            <LaneControls job=job configs=configs eval_every=EVAL_EVERY start_label=t::START_SHAPES />
            <h3>{tr(t::UNROLLED_TITLE)}</h3>
            <Unrolled reading=reading />
            <div class="two-col even">{card(0)}{card(1)}</div>
            <div class="two-col even">{card(2)}{card(3)}</div>
            <PlotCanvas width=900 height=240 label="shapes-loss" draw=move |area| {
                let lang = lang.get();
                let (series, axes) = loss_chart(&runs, Shape::ALL.iter().enumerate().map(|(i, s)| (s.name().get(lang).to_string(), i)), lang);
                curves::draw(area, &series, &axes)
            } />
            <Deeper><p class="hint">{tr(t::SHAPES_HINT)}</p></Deeper>
            <Questions>
                <Question id="rnn/1" prompt=Signal::derive(move || t::Q1.get(lang.get()).to_string())
                    kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)])
                    answer=Signal::derive(move || {
                        let run = runs[1];
                        if !run.phase().ended() {
                            return None;
                        }
                        let s = run.with(|l| l.latest_score(Part::Validation))?;
                        let base = text_report(&run)?.baseline;
                        Some(if s.accuracy > base.accuracy { "yes" } else { "no" }.to_string())
                    })
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) pending=t::Q_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{} {}", s.hidden, s.steps))) />
            </Questions>
        </section>
    }
}
