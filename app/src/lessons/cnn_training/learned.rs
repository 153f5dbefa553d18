//! What the network learned: its first layer's kernels, the feature maps of a chosen digit,
//! the confusion matrix and mistakes on the validation set, and a pad to draw digits on.

use engine::data::Part;
use engine::mnist::Mnist;
use engine::tasks::Query;
use engine::train::Evaluation;
use leptos::prelude::*;

use super::{State, t};
use crate::components::disclosure::Lead;
use crate::components::draw_pad::DrawPad;
use crate::components::field::Field;
use crate::components::plot::PlotCanvas;
use crate::data::{DigitCaption, use_digits};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::confusion;
use crate::plots::tiles::{self, Shade, Tile};
use crate::training::job::{Job, Lane};
use crate::training::protocol::Command;
use crate::url_state::read;

/// What the network learned: kernels, feature maps, confusions, mistakes, and the drawing pad.
#[component]
pub(super) fn Learned(state: RwSignal<State>, run: Lane, job: Job) -> impl IntoView {
    let lang = use_lang();
    let digits = use_digits();
    let digit = Signal::derive(move || state.with(|s| s.digit().ok()));
    // The model changes with every evaluation: refresh the feature maps of the chosen digit.
    let scored = run.memo(|r| (r.scores.len(), r.kernels.is_some()));
    Effect::new(move |_| {
        let (_, has_model) = scored.get();
        if let (true, Some(index)) = (has_model, digit.get()) {
            job.send(Command::Query(Query::FeatureMaps { index }));
        }
    });
    let drawn = RwSignal::new(None::<Vec<f32>>);
    let predict = move || {
        let trained = run.with_untracked(|r| r.kernels.is_some() || r.steps_done > 0);
        if let (Some(pixels), true) = (drawn.get_untracked(), trained) {
            job.send(Command::Query(Query::Digit { pixels }));
        }
    };
    // The drawing is predicted again whenever the model has been scored (it keeps learning).
    Effect::new(move |_| {
        scored.track();
        predict();
    });
    let on_digit = Callback::new(move |pixels: Option<Vec<f32>>| {
        drawn.set(pixels);
        predict();
    });
    let kernels = run.memo(|r| r.kernels.clone());
    let maps = run.memo(|r| r.maps.clone());
    let validation = run.memo(|r| r.evaluation(Part::Validation).cloned());
    let prediction = run.memo(|r| r.prediction.clone());
    let started = run.memo(|r| r.steps_done > 0);
    let kernel_tiles = move || {
        kernels.with(|k| {
            k.as_ref().map(|k| {
                let plane = k.size * k.size;
                (0..k.filters)
                    .map(|f| Tile {
                        width: k.size,
                        height: k.size,
                        values: k.weights[f * k.channels * plane..][..plane].to_vec(),
                        caption: format!("{}", f + 1),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let map_tiles = move || {
        maps.with(|m| {
            m.as_ref().map(|(_, v)| {
                let plane = v.height * v.width;
                (0..v.channels)
                    .map(|c| Tile {
                        width: v.width,
                        height: v.height,
                        values: v.data[c * plane..(c + 1) * plane].to_vec(),
                        caption: format!("{}", c + 1),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let validation = move || validation.get();
    let mistake_tiles = move |set: &Mnist, e: &Evaluation| {
        let lang = lang.get();
        e.mistakes
            .iter()
            .take(24)
            .map(|m| Tile {
                width: 28,
                height: 28,
                values: set.volume(m.index).data,
                caption: fill(t::MISTAKE.get(lang), &[&m.label, &m.predicted]),
            })
            .collect::<Vec<_>>()
    };
    let top = move || {
        drawn.with(Option::is_some).then(|| prediction.get()).flatten().map(|p| {
            let best = engine::train::argmax(&p);
            (best, p)
        })
    };
    view! {
        <section class="panel learned">
            <h2>{tr(t::LEARNED)}</h2>
            <div class="learned-grid">
                <div>
                    <h3>{tr(t::KERNELS)}</h3>
                    {move || match kernel_tiles() {
                        Some(tiles) => view! {
                            <PlotCanvas width=360 height=tiles::height_for(&tiles, 9, 360) label="kernels" draw=move |area| {
                                tiles::draw(area, &tiles, 9, Shade::Diverging)
                            } />
                        }.into_any(),
                        None => view! { <p class="hint">{tr(t::NO_CONV)}</p> }.into_any(),
                    }}
                    <Lead text=tr(t::KERNELS_HINT) class="hint" />
                </div>
                <div>
                    <h3>{tr(t::MAPS)}</h3>
                    <div class="fields">
                        <Field label=t::DIGIT name="d" value=read(state, |s| s.digit.clone()) on_input=move |v| state.update(|s| s.digit = v) error=read(state, |s| s.digit().err()) />
                        <DigitCaption index=digit />
                    </div>
                    {move || map_tiles().map(|tiles| view! {
                        <PlotCanvas width=360 height=tiles::height_for(&tiles, 7, 360) label="feature-maps" draw=move |area| {
                            tiles::draw(area, &tiles, 7, Shade::Ink)
                        } />
                    })}
                </div>
                <div>
                    <h3>{tr(t::CONFUSION)}</h3>
                    {move || validation().map(|e| view! {
                        <PlotCanvas width=360 height=360 label="confusion" draw=move |area| {
                            let lang = lang.get();
                            confusion::draw(area, &e.confusion, 10, t::TRUE_AXIS.get(lang), t::PRED_AXIS.get(lang))
                        } />
                    })}
                    <p class="hint">{tr(t::CONFUSION_HINT)}</p>
                </div>
                <div>
                    <h3>{tr(t::MISTAKES)}</h3>
                    {move || match (digits.get(), validation()) {
                        (Some(Ok(set)), Some(e)) => {
                            let tiles = mistake_tiles(&set, &e);
                            let h = tiles::height_for(&tiles, 6, 360);
                            view! {
                                <PlotCanvas width=360 height=h label="mistakes" draw=move |area| tiles::draw(area, &tiles, 6, Shade::Ink) />
                            }.into_any()
                        }
                        _ => view! { <p class="hint">{tr(t::NO_EVAL)}</p> }.into_any(),
                    }}
                </div>
            </div>
            <h3>{tr(t::PAD)}</h3>
            <div class="pad-row">
                <DrawPad on_digit=on_digit />
                <div class="prediction" data-result="prediction">
                    {move || match top() {
                        None if !started.get() => view! { <p class="hint">{tr(t::PAD_TRAIN_FIRST)}</p> }.into_any(),
                        None => view! { <p class="hint">{tr(t::PAD_HINT)}</p> }.into_any(),
                        Some((best, p)) => view! {
                            <p class="big-answer" data-result="predicted">{best}</p>
                            <div class="bars">
                                {p.iter().enumerate().map(|(i, v)| view! {
                                    <div class="bar-row" class:best=i == best>
                                        <span class="bar-label">{i}</span>
                                        <span class="bar" style:width=format!("{:.1}%", v * 100.0)></span>
                                        <span class="bar-value">{format!("{:.0}%", v * 100.0)}</span>
                                    </div>
                                }).collect_view()}
                            </div>
                        }.into_any(),
                    }}
                </div>
            </div>
        </section>
    }
}
