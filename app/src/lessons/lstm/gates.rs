//! The writer's gates over a poem: for the first units, the input, forget and output gates, the
//! candidate, the memory and the output at every step, and one cell's arithmetic worked out.

use engine::tasks::{Query, Reading};
use leptos::prelude::*;

use super::{State, t};
use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::grid::{Cells, Grid, Scale, fmt_value};
use crate::i18n::{Text, fill, tr, use_lang};
use crate::training::job::{Lane, Phase};
use crate::training::protocol::Command;
use crate::url_state::read;

/// Units drawn.
const UNITS: usize = 8;
const CELL: f64 = 22.0;

/// The six rows of the note's cell, in the order they are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal6 {
    Forget,
    Input,
    Candidate,
    Memory,
    Output,
    Hidden,
}

impl Signal6 {
    const ALL: [Signal6; 6] =
        [Signal6::Forget, Signal6::Input, Signal6::Candidate, Signal6::Memory, Signal6::Output, Signal6::Hidden];

    fn name(self) -> Text {
        match self {
            Signal6::Forget => t::FORGET_GATE,
            Signal6::Input => t::INPUT_GATE,
            Signal6::Candidate => t::CANDIDATE,
            Signal6::Memory => t::MEMORY,
            Signal6::Output => t::OUTPUT_GATE,
            Signal6::Hidden => t::HIDDEN_OUT,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Signal6::Forget => "f",
            Signal6::Input => "i",
            Signal6::Candidate => "g",
            Signal6::Memory => "c",
            Signal6::Output => "o",
            Signal6::Hidden => "h",
        }
    }

    /// Gates are in [0, 1] (white to black); the others are signed.
    fn scale(self) -> Scale {
        match self {
            Signal6::Forget | Signal6::Input | Signal6::Output => Scale::Ink { max: 1.0 },
            Signal6::Memory => Scale::Diverging { max_abs: 2.0 },
            _ => Scale::Diverging { max_abs: 1.0 },
        }
    }

    fn values(self, step: &engine::nn::LstmStep) -> &[f32] {
        match self {
            Signal6::Forget => &step.forget,
            Signal6::Input => &step.input,
            Signal6::Candidate => &step.candidate,
            Signal6::Memory => &step.c,
            Signal6::Output => &step.output,
            Signal6::Hidden => &step.h,
        }
    }
}

/// One signal as a grid: a row per unit, a column per step.
fn cells(reading: &Reading, signal: Signal6) -> Cells {
    let steps = reading.cells.len();
    let units = reading.cells.first().map_or(0, |s| signal.values(s).len()).min(UNITS);
    let values = (0..units).flat_map(|u| reading.cells.iter().map(move |s| signal.values(s)[u])).collect();
    Cells { height: units, width: steps, values }
}

/// The memory update of unit `u` at step `t`, with its numbers.
fn arithmetic(reading: &Reading, u: usize, step: usize) -> Option<[f32; 7]> {
    let s = reading.cells.get(step)?;
    let previous = if step == 0 { 0.0 } else { *reading.cells[step - 1].c.get(u)? };
    Some([
        *s.forget.get(u)?,
        previous,
        *s.input.get(u)?,
        *s.candidate.get(u)?,
        *s.c.get(u)?,
        *s.output.get(u)?,
        *s.h.get(u)?,
    ])
}

#[component]
pub(super) fn Gates(state: RwSignal<State>, run: Lane) -> impl IntoView {
    let lang = use_lang();
    let scored = Memo::new(move |_| run.with(|l| (l.scores.len(), l.phase != Phase::Idle)));
    Effect::new(move |_| {
        let (_, started) = scored.get();
        if let (true, Ok(poem)) = (started, state.with(State::poem)) {
            run.send(Command::Query(Query::Read { text: poem }));
        }
    });
    let chosen = RwSignal::new((0usize, 0usize));
    let reading = Memo::new(move |_| {
        run.with(|l| l.reading.clone()).filter(|r| !r.cells.is_empty() && !r.cells[0].forget.is_empty())
    });
    let grids = move || {
        let r = reading.get()?;
        let header = r
            .chars
            .iter()
            .map(|c| view! { <span style:width=format!("{CELL}px")>{c.to_string()}</span> })
            .collect_view();
        let header = view! { <div class="gate-chars">{header}</div> };
        let panels = Signal6::ALL
            .iter()
            .map(|&signal| {
                let c = cells(&r, signal);
                let header = header.clone();
                view! {
                    <div class="gate-panel" data-result=format!("gate-{}", signal.symbol())>
                        <h4>{move || format!("{} {}", signal.symbol(), signal.name().get(lang.get()))}</h4>
                        {header}
                        <Grid cells=Signal::derive(move || c.clone()) scale=Signal::derive(move || signal.scale()) cell=CELL name=signal.name() label="gate"
                            on_click=Callback::new(move |(u, step): (usize, usize)| chosen.set((u, step))) />
                    </div>
                }
            })
            .collect_view();
        Some(view! { <div class="gate-grid">{panels}</div> })
    };
    let worked = move || {
        let r = reading.get()?;
        let (u, step) = chosen.get();
        let [f, c0, i, g, c, o, h] = arithmetic(&r, u, step)?;
        let ch = r.chars.get(step).copied().unwrap_or('□');
        let v = |x: f32| fmt_value(x);
        Some(view! {
            <p class="callout" data-result="gate-arithmetic" data-unit=u data-step=step + 1 data-f=f data-c0=c0 data-i=i data-g=g data-c=c>
                {fill(t::WORKED.get(lang.get()), &[&(step + 1), &ch, &(u + 1), &v(f), &v(c0), &v(i), &v(g), &v(c), &v(o), &v(h)])}
            </p>
        })
    };
    view! {
        <h3>{tr(t::GATES_TITLE)}</h3>
        <div class="fields">
            <Field label=t::POEM name="poem" width="24em" inputmode="text" value=read(state, |s| s.poem.clone()) on_input=move |v| state.update(|s| s.poem = v) error=read(state, |s| s.poem().err()) />
        </div>
        {move || grids().map(IntoAny::into_any).unwrap_or_else(|| view! { <p class="hint">{tr(t::GATES_WAITING)}</p> }.into_any())}
        {worked}
        <Deeper><p class="hint">{tr(t::GATES_HINT)}</p></Deeper>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::nn::LstmStep;

    fn step(f: f32, i: f32, g: f32, c: f32) -> LstmStep {
        LstmStep {
            input: vec![i],
            forget: vec![f],
            candidate: vec![g],
            output: vec![0.5],
            c: vec![c],
            h: vec![0.5 * c.tanh()],
        }
    }

    #[test]
    fn the_grid_has_a_row_per_unit_and_the_arithmetic_reads_the_previous_memory() {
        let r = Reading {
            chars: vec!['春', '眠'],
            cells: vec![step(0.5, 1.0, 0.4, 0.4), step(0.9, 0.2, -0.5, 0.26)],
            outputs: vec![],
        };
        let g = cells(&r, Signal6::Forget);
        assert_eq!((g.height, g.width, g.values.clone()), (1, 2, vec![0.5, 0.9]));
        let [f, c0, i, gg, c, ..] = arithmetic(&r, 0, 1).unwrap();
        assert!((f * c0 + i * gg - c).abs() < 1e-6, "c_t = f·c_(t−1) + i·g");
        assert_eq!(arithmetic(&r, 0, 0).unwrap()[1], 0.0, "the memory starts at zero");
        assert!(arithmetic(&r, 3, 0).is_none());
    }
}
