//! 完整架构 — A complete architecture: a layer-stack editor (conv, max-pool, flatten, dense,
//! dropout) that shows every layer's output shape and parameters, the totals, and a diagram.
//! The note's example network is the preset; an invalid stack says what breaks, where.

use engine::nn::{KINDS, KindInfo, Layer, LayerInfo, Shape, ShapeError, Stack};
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::{Field, InputError, Ints, parse_float, parse_int};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Lang, fill, tr, use_lang};
use crate::plots::stack::{self as stack_plot, Block, Form};
use crate::url_state::{Query, QueryState, encode, read, use_query_state};
use crate::vocabulary::kind_name;

mod row;
mod text;

use row::LayerRow;
use text as t;

pub fn page() -> AnyView {
    view! { <Architecture /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The kinds the editor offers: those that can stand in an image network (the engine's
/// sequence layers need text, which the text lessons feed them).
fn offered() -> impl Iterator<Item = &'static KindInfo> {
    let image = Shape::Volume { height: 28, width: 28, channels: 8 };
    KINDS.iter().filter(move |k| {
        let layer = (k.make)(&k.args.iter().map(|a| a.default).collect::<Vec<_>>());
        layer.output(image).is_ok() || layer.output(Shape::Flat(64)).is_ok()
    })
}

fn kind_of(token: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.token.eq_ignore_ascii_case(token))
}

/// A network of dense layers only.
const PRESET_MLP: &str = "flatten,dense:128,relu,dropout:0.5,dense:10";
/// A deeper CNN whose convolutions keep the size (padding 1).
const PRESET_PADDED: &str =
    "conv:32:3:1:1,relu,pool:2,conv:64:3:1:1,relu,pool:2,flatten,dense:128,relu,dropout:0.5,dense:10";

/// The token of the branches kind, whose one setting is the text of its branches.
const BRANCHES: &str = "[";

/// One editable row: a kind and the raw text of its arguments (for branches, one text: the
/// branches as `a,b|c,d`).
#[derive(Debug, Clone)]
struct Row {
    kind: &'static KindInfo,
    args: Vec<String>,
}

impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        self.kind.token == other.kind.token && self.args == other.args
    }
}

impl Row {
    fn new(kind: &'static KindInfo) -> Self {
        let args = if kind.token == BRANCHES {
            vec![branch_text(&(kind.make)(&[]).token())]
        } else {
            kind.args.iter().map(|a| a.default.to_string()).collect()
        };
        Self { kind, args }
    }

    fn from_layer(layer: &Layer) -> Self {
        let kind = kind_of(layer.kind_token()).expect("every layer's kind is registered");
        let args = if kind.token == BRANCHES {
            vec![branch_text(&layer.token())]
        } else {
            layer.args().iter().map(|v| v.to_string()).collect()
        };
        Self { kind, args }
    }

    /// Reads the arguments; per-argument errors otherwise.
    fn layer(&self) -> Result<Layer, RowError> {
        if self.kind.token == BRANCHES {
            let text = self.args.first().map_or("", String::as_str);
            return Layer::parse(&format!("[{text}]")).map_err(RowError::Branches);
        }
        let results: Vec<Result<f64, InputError>> = self
            .kind
            .args
            .iter()
            .enumerate()
            .map(|(i, arg)| {
                let raw = self.args.get(i).map_or("", String::as_str);
                if arg.integer {
                    parse_int(raw, arg.min as usize, arg.max as usize).map(|v| v as f64)
                } else {
                    parse_float(raw, arg.min, arg.max)
                }
            })
            .collect();
        if results.iter().any(Result::is_err) {
            return Err(RowError::Args(results.iter().map(|r| r.err()).collect()));
        }
        let values: Vec<f64> = results.into_iter().map(|r| r.unwrap_or_default()).collect();
        Ok((self.kind.make)(&values))
    }

    fn token(&self) -> String {
        if self.kind.token == BRANCHES {
            return format!("[{}]", self.args.first().map_or("", String::as_str));
        }
        std::iter::once(self.kind.token.to_string()).chain(self.args.iter().cloned()).collect::<Vec<_>>().join(":")
    }

    /// A row from one token of the text form, keeping what was typed even when it does not read.
    fn from_token(token: &str) -> Option<Row> {
        let token = token.trim();
        if let Ok(layer) = Layer::parse(token) {
            return Some(Row::from_layer(&layer));
        }
        if let Some(inner) = token.strip_prefix('[') {
            let kind = kind_of(BRANCHES)?;
            return Some(Row { kind, args: vec![inner.trim_end_matches(']').to_string()] });
        }
        let mut parts = token.split(':');
        let mut row = Row::new(kind_of(parts.next()?.trim())?);
        for (slot, value) in row.args.iter_mut().zip(parts) {
            *slot = value.to_string();
        }
        Some(row)
    }
}

/// `[a|b]` without its brackets.
fn branch_text(token: &str) -> String {
    token.trim_start_matches('[').trim_end_matches(']').to_string()
}

/// Why a row does not make a layer.
#[derive(Debug, Clone, PartialEq)]
enum RowError {
    Args(Vec<Option<InputError>>),
    Branches(ShapeError),
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct State {
    h: String,
    w: String,
    c: String,
    rows: Vec<Row>,
}

impl Default for State {
    /// The note's example: 28×28×1 → conv 3×3×25 → ReLU → pool → conv 3×3×50 → ReLU → pool →
    /// flatten → dense 10.
    fn default() -> Self {
        preset(28, 28, 1, engine::nn::NOTE_CNN)
    }
}

fn preset(h: usize, w: usize, c: usize, layers: &str) -> State {
    State {
        h: h.to_string(),
        w: w.to_string(),
        c: c.to_string(),
        rows: Stack::parse_layers(layers).expect("presets are valid").iter().map(Row::from_layer).collect(),
    }
}

/// The input's ranges, each written once: for reading its field and for its slider.
const SIDE: Ints = Ints(1, 1024);
const CHANNELS: Ints = Ints(1, 64);

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let d = Self::default();
        let layers = q.text("layers", "");
        let rows: Vec<Row> = engine::nn::split_layers(&layers)
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .filter_map(Row::from_token)
            .collect();
        Self {
            h: q.text("h", &d.h),
            w: q.text("w", &d.w),
            c: q.text("c", &d.c),
            // No readable layer at all (an empty or mangled value): the default network, which
            // is also what the rewritten address then says.
            rows: if rows.is_empty() { d.rows } else { rows },
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("h", self.h.clone()),
            ("w", self.w.clone()),
            ("c", self.c.clone()),
            ("layers", self.rows.iter().map(Row::token).collect::<Vec<_>>().join(",")),
        ]
    }

    fn ranges() -> Vec<(&'static str, crate::components::slider::Range)> {
        vec![("h", SIDE.range()), ("w", SIDE.range()), ("c", CHANNELS.range())]
    }
}

/// What the table shows for each row.
#[derive(Debug, Clone, PartialEq)]
enum RowResult {
    Ok(LayerInfo),
    Bad(RowError),
    Breaks(ShapeError),
    /// After the row where the stack breaks.
    Unreached,
}

/// Infers the stack row by row: rows after the first broken one are unreached.
fn analyse(st: &State) -> Result<Vec<RowResult>, ()> {
    let (Ok(h), Ok(w), Ok(c)) = (SIDE.parse(&st.h), SIDE.parse(&st.w), CHANNELS.parse(&st.c)) else {
        return Err(());
    };
    let mut shape = Shape::Volume { height: h, width: w, channels: c };
    let mut broken = false;
    Ok(st
        .rows
        .iter()
        .map(|row| {
            if broken {
                return RowResult::Unreached;
            }
            let layer = match row.layer() {
                Ok(l) => l,
                Err(e) => {
                    broken = true;
                    return RowResult::Bad(e);
                }
            };
            match layer.output(shape) {
                Ok(output) => {
                    let info = LayerInfo { params: layer.params(shape), layer, input: shape, output };
                    shape = output;
                    RowResult::Ok(info)
                }
                Err(kind) => {
                    broken = true;
                    RowResult::Breaks(kind)
                }
            }
        })
        .collect())
}

fn shape_text(shape: Shape) -> String {
    shape.to_string()
}

/// The parameter formula of a layer with its numbers.
fn formula(lang: Lang, info: &LayerInfo) -> String {
    match (&info.layer, info.input) {
        (Layer::Conv(c), Shape::Volume { channels, .. }) => {
            format!("({k}·{k}·{channels} + 1)·{f} = {}", info.params, k = c.kernel, f = c.filters)
        }
        (Layer::Dense(d), Shape::Flat(n)) => format!("({n} + 1)·{} = {}", d.units, info.params),
        (Layer::BatchNorm(_), _) => fill(t::BN_F.get(lang), &[&(info.params / 2), &info.params]),
        (Layer::Flatten(_), Shape::Volume { height, width, channels }) => {
            fill(t::FLATTEN_F.get(lang), &[&format!("{height}·{width}·{channels} = {}", info.output.len())])
        }
        (
            Layer::MaxPool(engine::nn::MaxPool { size, stride }) | Layer::AvgPool(engine::nn::AvgPool { size, stride }),
            Shape::Volume { height, .. },
        ) => {
            let Shape::Volume { height: out, .. } = info.output else { return String::new() };
            let dropped = height - ((out - 1) * stride + size);
            let mut s = t::NO_PARAMS.get(lang).to_string();
            if dropped > 0 {
                s.push_str(&fill(t::DROPPED.get(lang), &[&height, &out, &dropped]));
            }
            s
        }
        (Layer::Spp(spp), Shape::Volume { channels, .. }) => {
            let squares: Vec<String> = spp.grids().map(|n| format!("{n}²")).collect();
            fill(t::SPP_F.get(lang), &[&format!("{channels}·({}) = {}", squares.join(" + "), info.output.len())])
        }
        (_, _) if info.params > 0 => fill(t::PARAMS_OF.get(lang), &[&info.params]),
        _ => t::NO_PARAMS.get(lang).to_string(),
    }
}

/// "conv 3×3×25", "max-pool 2×2", "dense 10": the layer's name and its main settings.
fn layer_title(lang: Lang, layer: &Layer) -> String {
    let name = kind_name(layer.kind_token()).get(lang);
    match layer {
        Layer::Conv(c) => format!("{name} {k}×{k}×{f}", k = c.kernel, f = c.filters),
        Layer::MaxPool(p) => format!("{name} {s}×{s}", s = p.size),
        Layer::AvgPool(p) => format!("{name} {s}×{s}", s = p.size),
        Layer::Branches(b) => format!("{name} ×{}", b.branches.len()),
        other => {
            let args: Vec<String> = other.args().iter().map(|v| v.to_string()).collect();
            if args.is_empty() { name.to_string() } else { format!("{name} {}", args.join(":")) }
        }
    }
}

/// The diagram: the input, then one block per layer that makes a new tensor; an activation
/// is drawn as part of the block before it, as the note's figure does.
fn blocks(lang: Lang, st: &State, results: &[RowResult]) -> Vec<Block> {
    let (h, w, c) =
        (SIDE.parse(&st.h).unwrap_or(1), SIDE.parse(&st.w).unwrap_or(1), CHANNELS.parse(&st.c).unwrap_or(1));
    let mut out = vec![Block {
        title: t::INPUT.get(lang).into(),
        shape: format!("{h}×{w}×{c}"),
        params: String::new(),
        form: Form::Volume { height: h.max(w), channels: c },
        colour: 4,
    }];
    for r in results {
        let RowResult::Ok(info) = r else { break };
        let after_a_layer = out.len() > 1;
        if info.layer.is_activation()
            && after_a_layer
            && let Some(last) = out.last_mut()
        {
            last.title = format!("{} + {}", last.title, kind_name(info.layer.kind_token()).get(lang));
            continue;
        }
        let form = match info.output {
            Shape::Volume { height, width, channels } => Form::Volume { height: height.max(width), channels },
            other => Form::Flat(other.len()),
        };
        let colour = KINDS.iter().position(|k| k.token == info.layer.kind_token()).unwrap_or(0) % 6;
        out.push(Block {
            title: layer_title(lang, &info.layer),
            shape: shape_text(info.output),
            params: fill(t::N_PARAMS.get(lang), &[&info.params]),
            form,
            colour,
        });
    }
    out
}

#[component]
fn Architecture() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let results = Memo::new(move |_| state.with(analyse));
    let total = move || {
        results.with(|r| {
            let r = r.as_ref().ok()?;
            let all_ok = r.iter().all(|x| matches!(x, RowResult::Ok(_)));
            let params: usize =
                r.iter().filter_map(|x| if let RowResult::Ok(i) = x { Some(i.params) } else { None }).sum();
            let last = r.iter().rev().find_map(|x| if let RowResult::Ok(i) = x { Some(i.output) } else { None });
            Some((all_ok, params, last))
        })
    };
    let add = move |kind: &'static KindInfo| state.update(|s| s.rows.push(Row::new(kind)));
    view! {
        <section class="panel">
            <h2>{tr(t::DIAGRAM)}</h2>
            <PlotCanvas width=900 height=300 label="stack-diagram" draw=move |area| {
                let lang = lang.get();
                let b = state.with(|s| results.with(|r| r.as_ref().map(|r| blocks(lang, s, r)).unwrap_or_default()));
                stack_plot::draw(area, &b)
            } />
            <Deeper><p class="hint">{tr(t::RELU_NOTE)}</p></Deeper>
            {move || total().is_some_and(|(all_ok, ..)| all_ok).then(|| {
                let layers = state.with(|s| s.rows.iter().map(Row::token).collect::<Vec<_>>().join(","));
                let href = format!("/lessons/cnn-training?{}", encode(&[("model", "stack".into()), ("layers", layers)]));
                view! { <p><a class="btn primary" data-action="train-this" href=href>{tr(t::TRAIN_THIS)}</a></p> }
            })}
        </section>
        <section class="lesson-intro">
            <p class="callout">{tr(t::FLOW)}</p>
            <Deeper>
                <p>{tr(t::INTRO)}</p>
                <p class="callout" data-result="note-params">{tr(t::NOTE_PARAMS)}</p>
            </Deeper>
        </section>
        <section class="panel controls">
            <div class="fields">
                <Field label=t::IN_H name="h" value=read(state, |s| s.h.clone()) on_input=move |v| state.update(|s| s.h = v) error=read(state, |s| SIDE.parse(&s.h).err()) />
                <Field label=t::IN_W name="w" value=read(state, |s| s.w.clone()) on_input=move |v| state.update(|s| s.w = v) error=read(state, |s| SIDE.parse(&s.w).err()) />
                <Field label=t::IN_C name="c" value=read(state, |s| s.c.clone()) on_input=move |v| state.update(|s| s.c = v) error=read(state, |s| CHANNELS.parse(&s.c).err()) />
            </div>
            <div class="row">
                <span>{tr(t::PRESETS)}</span>
                <button class="btn small" data-action="preset-note" on:click=move |_| state.set(State::default())>{tr(t::PRESET_NOTE)}</button>
                <button class="btn small" data-action="preset-mlp" on:click=move |_| state.set(preset(28, 28, 1, PRESET_MLP))>{tr(t::PRESET_MLP)}</button>
                <button class="btn small" data-action="preset-padded" on:click=move |_| state.set(preset(28, 28, 1, PRESET_PADDED))>{tr(t::PRESET_PADDED)}</button>
            </div>
        </section>
        <section class="panel">
            <h2>{tr(t::LAYERS)}</h2>
            <div class="table-wrap">
                <table class="data-table layers" data-result="layers">
                    <thead><tr>
                        <th>"#"</th><th>{tr(t::COL_LAYER)}</th><th>{tr(t::COL_ARGS)}</th><th>{tr(t::COL_OUT)}</th><th>{tr(t::COL_PARAMS)}</th><th>{tr(t::COL_HOW)}</th><th></th>
                    </tr></thead>
                    <tbody>
                        {move || (0..state.with(|s| s.rows.len())).map(|i| view! { <LayerRow state=state results=results index=i /> }).collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="row">
                <span>{tr(t::ADD)}</span>
                {offered().map(|k| view! { <button class="btn small" data-add=k.token on:click=move |_| add(k)>"+ "{move || kind_name(k.token).get(lang.get())}</button> }).collect_view()}
            </div>
            <p class="hint">
                {tr(t::LATER)}" "
                <a href="/lessons/dropout">{move || kind_name("dropout").get(lang.get())}</a>" · "
                <a href="/lessons/batch-norm">{move || kind_name("batchnorm").get(lang.get())}</a>" · "
                <a href="/lessons/multi-scale">{move || kind_name("spp").get(lang.get())}</a>
            </p>
            {move || total().map(|(ok, params, last)| view! {
                <p class="totals" data-result="totals">
                    <strong>{move || fill(t::TOTAL.get(lang.get()), &[&params])}</strong>
                    {last.map(|s| fill(t::FINAL.get(lang.get()), &[&shape_text(s)]))}
                    {(!ok).then(|| view! { <span class="wrong">{tr(t::INCOMPLETE)}</span> })}
                </p>
            })}
            {move || results.with(Result::is_err).then(|| view! { <p class="error-box" role="alert">{tr(t::BAD_INPUT)}</p> })}
        </section>
        <ArchitectureQuestions state=state results=results />
    }
}

/// The total parameter count and the heaviest layer, for the network as it is now built.
#[component]
fn ArchitectureQuestions(state: RwSignal<State>, results: Memo<Result<Vec<RowResult>, ()>>) -> impl IntoView {
    let lang = use_lang();
    // Every layer's parameters, when every layer builds.
    let params = move || {
        results.with(|r| {
            let r = r.as_ref().ok()?;
            r.iter().map(|x| if let RowResult::Ok(i) = x { Some(i.params) } else { None }).collect::<Option<Vec<_>>>()
        })
    };
    let total = Signal::derive(move || params().map(|p| p.iter().sum::<usize>().to_string()));
    let heaviest = Signal::derive(move || {
        let p = params()?;
        let max = *p.iter().max()?;
        p.iter().position(|&x| x == max).map(|i| (i + 1).to_string())
    });
    let asked = move |q: crate::i18n::Text| {
        Signal::derive(move || {
            if params().is_some() { q.get(lang.get()).to_string() } else { t::Q_FIX.get(lang.get()).to_string() }
        })
    };
    let network = Signal::derive(move || {
        state.with(|s| {
            format!("{}×{}×{} {}", s.h, s.w, s.c, s.rows.iter().map(Row::token).collect::<Vec<_>>().join(","))
        })
    });
    view! {
        <Questions>
            <Question id="architecture/1" prompt=asked(t::Q1) kind=Kind::Number { tolerance: 0.0 } answer=total hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) about=network />
            <Question id="architecture/2" prompt=asked(t::Q2) kind=Kind::Number { tolerance: 0.0 } answer=heaviest hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) about=network />
        </Questions>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_preset_has_the_notes_numbers() {
        let r = analyse(&State::default()).unwrap();
        let shapes: Vec<String> =
            r.iter().map(|x| if let RowResult::Ok(i) = x { shape_text(i.output) } else { "?".into() }).collect();
        assert_eq!(shapes, ["26×26×25", "26×26×25", "13×13×25", "11×11×50", "11×11×50", "5×5×50", "1250", "10"]);
        let RowResult::Ok(pool2) = &r[5] else { panic!() };
        assert!(formula(Lang::Zh, pool2).contains("11→5"), "{}", formula(Lang::Zh, pool2));
        let total: usize = r.iter().map(|x| if let RowResult::Ok(i) = x { i.params } else { 0 }).sum();
        assert_eq!(total, 24_060);
        let titles: Vec<String> = blocks(Lang::En, &State::default(), &r).into_iter().map(|b| b.title).collect();
        assert_eq!(titles[1], "conv 3×3×25 + ReLU", "an activation joins the block before it");
        assert_eq!(titles.len(), 7);
    }

    #[test]
    fn breaks_are_reported_where_they_happen() {
        let mut st = State::default();
        st.rows.insert(2, Row::new(kind_of("dense").unwrap()));
        let r = analyse(&st).unwrap();
        assert!(matches!(&r[2], RowResult::Breaks(ShapeError::Needs { .. })));
        assert!(r[3..].iter().all(|x| *x == RowResult::Unreached));
        st.rows[2] = Row { kind: kind_of("conv").unwrap(), args: vec!["x".into(), "3".into(), "1".into(), "0".into()] };
        assert!(
            matches!(&analyse(&st).unwrap()[2], RowResult::Bad(RowError::Args(e)) if e[0] == Some(InputError::NotANumber))
        );
        st.rows[2] = Row::from_token("[conv:8:3|conv:8:5]").unwrap();
        assert!(matches!(&analyse(&st).unwrap()[2], RowResult::Breaks(ShapeError::Mismatch)));
        st.rows[2] = Row::from_token("[conv:8:3:1:1|conv:8:5:1:2]").unwrap();
        let RowResult::Ok(info) = &analyse(&st).unwrap()[2] else { panic!() };
        assert_eq!(info.output.to_string(), "26×26×16");
    }

    #[test]
    fn the_editor_offers_the_engines_image_layers_only() {
        let offered: Vec<&str> = offered().map(|k| k.token).collect();
        for token in ["conv", "pool", "spp", "dense", "relu", "batchnorm", "["] {
            assert!(offered.contains(&token), "{token} is offered");
        }
        for token in ["embed", "lstm", "rnn", "conv1d", "last"] {
            assert!(!offered.contains(&token), "{token} needs a sequence");
        }
    }

    #[test]
    fn query_round_trips_even_with_bad_text() {
        let mut st = State::default();
        st.rows[0].args[0] = "2x".into();
        let q = st.to_query();
        assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
    }
}
