//! 完整架构 — A complete architecture: a layer-stack editor (conv, max-pool, flatten, dense,
//! dropout) that shows every layer's output shape and parameters, the totals, and a diagram.
//! The note's example network is the preset; an invalid stack says what breaks, where.

use engine::arch::{Layer, LayerInfo, Shape, Stack, StackError, StackErrorKind};
use engine::conv::GeometryError;
use leptos::prelude::*;

use crate::components::field::{Field, InputError, parse_float, parse_int};
use crate::components::plot::PlotCanvas;
use crate::i18n::{Lang, Text, fill, tr, use_lang};
use crate::plots::stack::{self as stack_plot, Block, Form};
use crate::url_state::{Query, QueryState, encode, read, use_query_state};

pub fn page() -> AnyView {
    view! { <Architecture /> }.into_any()
}

/// The kinds of layer the editor offers, with their arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Conv,
    Pool,
    Flatten,
    Dense,
    Dropout,
    BatchNorm,
}

impl Kind {
    const ALL: [Kind; 6] = [Kind::Conv, Kind::Pool, Kind::Flatten, Kind::Dense, Kind::Dropout, Kind::BatchNorm];

    fn key(self) -> &'static str {
        match self {
            Kind::Conv => "conv",
            Kind::Pool => "pool",
            Kind::Flatten => "flatten",
            Kind::Dense => "dense",
            Kind::Dropout => "dropout",
            Kind::BatchNorm => "batchnorm",
        }
    }

    fn from_key(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == key)
    }

    fn name(self) -> Text {
        match self {
            Kind::Conv => t::CONV,
            Kind::Pool => t::POOL,
            Kind::Flatten => t::FLATTEN,
            Kind::Dense => t::DENSE,
            Kind::Dropout => t::DROPOUT,
            Kind::BatchNorm => t::BATCHNORM,
        }
    }

    /// Argument labels and defaults.
    fn args(self) -> &'static [(Text, &'static str)] {
        match self {
            Kind::Conv => &[(t::FILTERS, "8"), (t::KERNEL, "3"), (t::STRIDE, "1"), (t::PADDING, "0")],
            Kind::Pool => &[(t::WINDOW, "2"), (t::STRIDE, "2")],
            Kind::Flatten => &[],
            Kind::Dense => &[(t::UNITS, "10")],
            Kind::Dropout => &[(t::RATE, "0.5")],
            Kind::BatchNorm => &[],
        }
    }
}

/// One editable row: a kind and the raw text of its arguments.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    kind: Kind,
    args: Vec<String>,
}

impl Row {
    fn new(kind: Kind) -> Self {
        Self { kind, args: kind.args().iter().map(|(_, d)| d.to_string()).collect() }
    }

    fn from_layer(layer: Layer) -> Self {
        let s = |v: usize| v.to_string();
        match layer {
            Layer::Conv { filters, kernel, stride, padding } => {
                Row { kind: Kind::Conv, args: vec![s(filters), s(kernel), s(stride), s(padding)] }
            }
            Layer::MaxPool { size, stride } => Row { kind: Kind::Pool, args: vec![s(size), s(stride)] },
            Layer::Flatten => Row::new(Kind::Flatten),
            Layer::Dense { units } => Row { kind: Kind::Dense, args: vec![s(units)] },
            Layer::Dropout { p } => Row { kind: Kind::Dropout, args: vec![p.to_string()] },
            Layer::BatchNorm => Row::new(Kind::BatchNorm),
        }
    }

    /// Reads the arguments; per-argument errors otherwise.
    fn layer(&self) -> Result<Layer, Vec<Option<InputError>>> {
        let int = |i: usize, min: usize, max: usize| parse_int(self.args.get(i).map_or("", String::as_str), min, max);
        let results: Vec<Result<f64, InputError>> = match self.kind {
            Kind::Conv => vec![int(0, 1, 1024), int(1, 1, 64), int(2, 1, 64), int(3, 0, 64)]
                .into_iter()
                .map(|r| r.map(|v| v as f64))
                .collect(),
            Kind::Pool => vec![int(0, 1, 64), int(1, 1, 64)].into_iter().map(|r| r.map(|v| v as f64)).collect(),
            Kind::Flatten => vec![],
            Kind::Dense => vec![int(0, 1, 65_536).map(|v| v as f64)],
            Kind::Dropout => vec![parse_float(self.args.first().map_or("", String::as_str), 0.0, 0.95)],
            Kind::BatchNorm => vec![],
        };
        if results.iter().any(Result::is_err) {
            return Err(results.iter().map(|r| r.err()).collect());
        }
        let v: Vec<f64> = results.into_iter().map(|r| r.unwrap_or_default()).collect();
        let u = |i: usize| v[i] as usize;
        Ok(match self.kind {
            Kind::Conv => Layer::Conv { filters: u(0), kernel: u(1), stride: u(2), padding: u(3) },
            Kind::Pool => Layer::MaxPool { size: u(0), stride: u(1) },
            Kind::Flatten => Layer::Flatten,
            Kind::Dense => Layer::Dense { units: u(0) },
            Kind::Dropout => Layer::Dropout { p: v[0] as f32 },
            Kind::BatchNorm => Layer::BatchNorm,
        })
    }

    fn token(&self) -> String {
        std::iter::once(self.kind.key().to_string()).chain(self.args.iter().cloned()).collect::<Vec<_>>().join(":")
    }

    fn from_token(token: &str) -> Option<Row> {
        let mut parts = token.split(':');
        let kind = Kind::from_key(parts.next()?.trim())?;
        let mut row = Row::new(kind);
        for (slot, value) in row.args.iter_mut().zip(parts) {
            *slot = value.to_string();
        }
        Some(row)
    }
}

#[derive(Debug, Clone, PartialEq)]
struct State {
    h: String,
    w: String,
    c: String,
    rows: Vec<Row>,
}

impl Default for State {
    /// The note's example: 28×28×1 → conv 3×3×25 → pool → conv 3×3×50 → pool → flatten → dense 10.
    fn default() -> Self {
        preset(28, 28, 1, &Stack::note_cnn().layers)
    }
}

fn preset(h: usize, w: usize, c: usize, layers: &[Layer]) -> State {
    State {
        h: h.to_string(),
        w: w.to_string(),
        c: c.to_string(),
        rows: layers.iter().copied().map(Row::from_layer).collect(),
    }
}

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let d = Self::default();
        let layers = q.text("layers", "");
        let rows: Vec<Row> = layers.split(',').filter(|t| !t.trim().is_empty()).filter_map(Row::from_token).collect();
        Self {
            h: q.text("h", &d.h),
            w: q.text("w", &d.w),
            c: q.text("c", &d.c),
            rows: if layers.is_empty() { d.rows } else { rows },
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
}

/// What the table shows for each row.
#[derive(Debug, Clone, PartialEq)]
enum RowResult {
    Ok(LayerInfo),
    BadArgs(Vec<Option<InputError>>),
    Breaks(StackErrorKind),
    /// After the row where the stack breaks.
    Unreached,
}

/// Infers the stack row by row: rows after the first broken one are unreached.
fn analyse(st: &State) -> Result<Vec<RowResult>, ()> {
    let (Ok(h), Ok(w), Ok(c)) = (parse_int(&st.h, 1, 1024), parse_int(&st.w, 1, 1024), parse_int(&st.c, 1, 64)) else {
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
                Err(errs) => {
                    broken = true;
                    return RowResult::BadArgs(errs);
                }
            };
            match (Stack { input: shape, layers: vec![layer] }).infer() {
                Ok(infos) => {
                    shape = infos[0].output;
                    RowResult::Ok(infos[0])
                }
                Err(StackError { kind, .. }) => {
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
    match (info.layer, info.input) {
        (Layer::Conv { filters, kernel, .. }, Shape::Volume { channels, .. }) => {
            format!("({kernel}·{kernel}·{channels} + 1)·{filters} = {}", info.params)
        }
        (Layer::Dense { units }, Shape::Flat(n)) => format!("({n} + 1)·{units} = {}", info.params),
        (Layer::BatchNorm, _) => fill(t::BN_F.get(lang), &[&(info.params / 2), &info.params]),
        (Layer::Flatten, Shape::Volume { height, width, channels }) => {
            fill(t::FLATTEN_F.get(lang), &[&format!("{height}·{width}·{channels} = {}", info.output.len())])
        }
        (Layer::MaxPool { .. }, Shape::Volume { height, .. }) => {
            let Shape::Volume { height: out, .. } = info.output else { return String::new() };
            let dropped = height - ((out - 1) * stride_of(info.layer) + size_of(info.layer));
            let mut s = t::NO_PARAMS.get(lang).to_string();
            if dropped > 0 {
                s.push_str(&fill(t::DROPPED.get(lang), &[&height, &out, &dropped]));
            }
            s
        }
        _ => t::NO_PARAMS.get(lang).to_string(),
    }
}

fn stride_of(l: Layer) -> usize {
    if let Layer::MaxPool { stride, .. } = l { stride } else { 1 }
}

fn size_of(l: Layer) -> usize {
    if let Layer::MaxPool { size, .. } = l { size } else { 1 }
}

fn break_message(lang: Lang, kind: &StackErrorKind) -> String {
    match kind {
        StackErrorKind::NeedsFlat => t::NEEDS_FLAT.get(lang).into(),
        StackErrorKind::NeedsVolume => t::NEEDS_VOLUME.get(lang).into(),
        StackErrorKind::Empty => t::EMPTY.get(lang).into(),
        StackErrorKind::DropoutRange(p) => fill(t::DROPOUT_RANGE.get(lang), &[p]),
        StackErrorKind::Geometry(GeometryError::KernelTooLarge { kernel, padded }) => {
            fill(t::TOO_LARGE.get(lang), &[kernel, padded])
        }
        StackErrorKind::Geometry(g) => g.to_string(),
        StackErrorKind::Syntax(s) => s.clone(),
    }
}

fn layer_title(lang: Lang, layer: Layer) -> String {
    match layer {
        Layer::Conv { filters, kernel, .. } => format!("{} {kernel}×{kernel}×{filters}", t::CONV.get(lang)),
        Layer::MaxPool { size, .. } => format!("{} {size}×{size}", t::POOL.get(lang)),
        Layer::Flatten => t::FLATTEN.get(lang).into(),
        Layer::Dense { units } => format!("{} {units}", t::DENSE.get(lang)),
        Layer::Dropout { p } => format!("{} {p}", t::DROPOUT.get(lang)),
        Layer::BatchNorm => t::BATCHNORM.get(lang).into(),
    }
}

fn blocks(lang: Lang, st: &State, results: &[RowResult]) -> Vec<Block> {
    let (h, w, c) = (
        parse_int(&st.h, 1, 1024).unwrap_or(1),
        parse_int(&st.w, 1, 1024).unwrap_or(1),
        parse_int(&st.c, 1, 64).unwrap_or(1),
    );
    let mut out = vec![Block {
        title: t::INPUT.get(lang).into(),
        shape: format!("{h}×{w}×{c}"),
        params: String::new(),
        form: Form::Volume { height: h.max(w), channels: c },
        colour: 4,
    }];
    for r in results {
        let RowResult::Ok(info) = r else { break };
        let form = match info.output {
            Shape::Volume { height, width, channels } => Form::Volume { height: height.max(width), channels },
            Shape::Flat(n) => Form::Flat(n),
        };
        let colour = match info.layer {
            Layer::Conv { .. } => 0,
            Layer::MaxPool { .. } => 1,
            Layer::Flatten => 2,
            Layer::Dense { .. } => 3,
            Layer::Dropout { .. } => 5,
            Layer::BatchNorm => 4,
        };
        out.push(Block {
            title: layer_title(lang, info.layer),
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
    let add = move |kind: Kind| state.update(|s| s.rows.push(Row::new(kind)));
    view! {
        <section class="lesson-intro">
            <p>{tr(t::INTRO)}</p>
            <p class="callout">{tr(t::FLOW)}</p>
        </section>
        <section class="panel controls">
            <div class="fields">
                <Field label=t::IN_H name="h" value=read(state, |s| s.h.clone()) on_input=move |v| state.update(|s| s.h = v) error=read(state, |s| parse_int(&s.h, 1, 1024).err()) />
                <Field label=t::IN_W name="w" value=read(state, |s| s.w.clone()) on_input=move |v| state.update(|s| s.w = v) error=read(state, |s| parse_int(&s.w, 1, 1024).err()) />
                <Field label=t::IN_C name="c" value=read(state, |s| s.c.clone()) on_input=move |v| state.update(|s| s.c = v) error=read(state, |s| parse_int(&s.c, 1, 64).err()) />
            </div>
            <div class="row">
                <span>{tr(t::PRESETS)}</span>
                <button class="btn small" data-action="preset-note" on:click=move |_| state.set(State::default())>{tr(t::PRESET_NOTE)}</button>
                <button class="btn small" data-action="preset-mlp" on:click=move |_| state.set(preset(28, 28, 1, &[Layer::Flatten, Layer::Dense { units: 128 }, Layer::Dropout { p: 0.5 }, Layer::Dense { units: 10 }]))>{tr(t::PRESET_MLP)}</button>
                <button class="btn small" data-action="preset-padded" on:click=move |_| state.set(preset(28, 28, 1, &[
                    Layer::Conv { filters: 32, kernel: 3, stride: 1, padding: 1 }, Layer::MaxPool { size: 2, stride: 2 },
                    Layer::Conv { filters: 64, kernel: 3, stride: 1, padding: 1 }, Layer::MaxPool { size: 2, stride: 2 },
                    Layer::Flatten, Layer::Dense { units: 128 }, Layer::Dropout { p: 0.5 }, Layer::Dense { units: 10 },
                ]))>{tr(t::PRESET_PADDED)}</button>
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
                {Kind::ALL.map(|k| view! { <button class="btn small" data-add=k.key() on:click=move |_| add(k)>"+ "{move || k.name().get(lang.get())}</button> }).into_iter().collect_view()}
            </div>
            {move || total().map(|(ok, params, last)| view! {
                <p class="totals" data-result="totals">
                    <strong>{move || fill(t::TOTAL.get(lang.get()), &[&params])}</strong>
                    {last.map(|s| fill(t::FINAL.get(lang.get()), &[&shape_text(s)]))}
                    {(!ok).then(|| view! { <span class="wrong">{tr(t::INCOMPLETE)}</span> })}
                </p>
            })}
            {move || results.with(Result::is_err).then(|| view! { <p class="error-box" role="alert">{tr(t::BAD_INPUT)}</p> })}
        </section>
        <section class="panel">
            <h2>{tr(t::DIAGRAM)}</h2>
            <PlotCanvas width=900 height=300 label="stack-diagram" draw=move |area| {
                let lang = lang.get();
                let b = state.with(|s| results.with(|r| r.as_ref().map(|r| blocks(lang, s, r)).unwrap_or_default()));
                stack_plot::draw(area, &b)
            } />
            <p class="hint">{tr(t::RELU_NOTE)}</p>
            {move || total().is_some_and(|(all_ok, ..)| all_ok).then(|| {
                let layers = state.with(|s| s.rows.iter().map(Row::token).collect::<Vec<_>>().join(","));
                let href = format!("/lessons/cnn-training?{}", encode(&[("model", "stack".into()), ("layers", layers)]));
                view! { <p><a class="btn primary" data-action="train-this" href=href>{tr(t::TRAIN_THIS)}</a></p> }
            })}
        </section>
    }
}

/// One row of the table: kind, arguments, and what the layer does.
#[component]
fn LayerRow(state: RwSignal<State>, results: Memo<Result<Vec<RowResult>, ()>>, index: usize) -> impl IntoView {
    let lang = use_lang();
    let row = move || state.with(|s| s.rows.get(index).cloned());
    let result = move || results.with(|r| r.as_ref().ok().and_then(|r| r.get(index).cloned()));
    let kind_select = move || {
        let current = row()?.kind;
        Some(view! {
            <select aria-label="layer kind" on:change=move |ev| {
                let kind = Kind::from_key(&event_target_value(&ev)).unwrap_or(Kind::Conv);
                state.update(|s| s.rows[index] = Row::new(kind));
            }>
                {Kind::ALL.map(|k| view! { <option value=k.key() selected=k == current>{move || k.name().get(lang.get())}</option> }).into_iter().collect_view()}
            </select>
        })
    };
    let args = move || {
        let r = row()?;
        let errs = match result() {
            Some(RowResult::BadArgs(e)) => e,
            _ => vec![],
        };
        Some(
            r.kind
                .args()
                .iter()
                .enumerate()
                .map(|(j, (label, _))| {
                    let bad = errs.get(j).copied().flatten();
                    let value = r.args.get(j).cloned().unwrap_or_default();
                    view! {
                        <label class="arg" class:invalid=bad.is_some() title=move || bad.map(|e| e.message(lang.get()))>
                            <span>{move || label.get(lang.get())}</span>
                            <input
                                type="text"
                                inputmode="decimal"
                                prop:value=value
                                on:input=move |ev| {
                                    let v = event_target_value(&ev).replace([',', ':'], "");
                                    state.update(|s| if let Some(a) = s.rows.get_mut(index).and_then(|r| r.args.get_mut(j)) { *a = v });
                                }
                            />
                        </label>
                    }
                })
                .collect_view(),
        )
    };
    let cells = move || {
        let lang = lang.get();
        match result() {
            Some(RowResult::Ok(info)) => view! {
                <td class="shape">{shape_text(info.output)}</td>
                <td class="num">{info.params}</td>
                <td class="how">{formula(lang, &info)}</td>
            }
            .into_any(),
            Some(RowResult::BadArgs(errs)) => {
                let msg = errs.iter().flatten().next().map(|e| e.message(lang)).unwrap_or_default();
                view! { <td colspan="3" class="row-error" role="alert">{msg}</td> }.into_any()
            }
            Some(RowResult::Breaks(kind)) => {
                view! { <td colspan="3" class="row-error" role="alert">{break_message(lang, &kind)}</td> }.into_any()
            }
            _ => view! { <td colspan="3" class="unreached">"—"</td> }.into_any(),
        }
    };
    let status = move || match result() {
        Some(RowResult::Ok(_)) => "ok",
        Some(RowResult::Unreached) | None => "unreached",
        _ => "broken",
    };
    let len = move || state.with(|s| s.rows.len());
    view! {
        <tr data-row=index data-status=status>
            <td>{index + 1}</td>
            <td>{kind_select}</td>
            <td class="args"><div class="args-wrap">{args}</div></td>
            {cells}
            <td class="row-actions">
                <button class="btn tiny" aria-label="up" disabled={move || index == 0} on:click=move |_| state.update(|s| s.rows.swap(index, index - 1))>"↑"</button>
                <button class="btn tiny" aria-label="down" disabled={move || index + 1 >= len()} on:click=move |_| state.update(|s| s.rows.swap(index, index + 1))>"↓"</button>
                <button class="btn tiny" aria-label="remove" on:click=move |_| state.update(|s| { s.rows.remove(index); })>"✕"</button>
            </td>
        </tr>
    }
}

mod t {
    use crate::i18n::Text;
    pub const INTRO: Text = Text::new(
        "卷积层只与图像的局部发生关联，而不像全连接层那样与每一个点都发生关联。一个完整的卷积神经网络把这些层叠起来：卷积层提取特征，最大池化层缩小尺寸，展平之后由全连接层给出分类。改动下面的层，看每一层的输出形状和参数个数怎样变化。",
        "A convolution layer connects only to a local patch of the image, not to every pixel as a dense layer does. A complete CNN stacks such layers: convolutions extract features, max pooling shrinks them, and after flattening a dense layer classifies. Edit the layers below and watch each layer's output shape and parameter count change.",
    );
    pub const FLOW: Text = Text::new(
        "卷积层 → 最大池化层 → 卷积层 → 最大池化层 → 数据展平 → 全连接",
        "conv → max-pool → conv → max-pool → flatten → dense",
    );
    pub const IN_H: Text = Text::new("输入高", "Input height");
    pub const IN_W: Text = Text::new("输入宽", "Input width");
    pub const IN_C: Text = Text::new("输入通道", "Input channels");
    pub const PRESETS: Text = Text::new("预设：", "Presets:");
    pub const PRESET_NOTE: Text = Text::new("笔记中的例子", "The note's example");
    pub const PRESET_MLP: Text = Text::new("只用全连接层", "Dense layers only");
    pub const PRESET_PADDED: Text = Text::new("带填充的更深网络", "A deeper padded CNN");
    pub const LAYERS: Text = Text::new("逐层计算", "Layer by layer");
    pub const COL_LAYER: Text = Text::new("层", "Layer");
    pub const COL_ARGS: Text = Text::new("设置", "Settings");
    pub const COL_OUT: Text = Text::new("输出形状", "Output shape");
    pub const COL_PARAMS: Text = Text::new("参数", "Parameters");
    pub const COL_HOW: Text = Text::new("怎么算", "Working");
    pub const ADD: Text = Text::new("添加：", "Add:");
    pub const CONV: Text = Text::new("卷积", "conv");
    pub const POOL: Text = Text::new("最大池化", "max-pool");
    pub const FLATTEN: Text = Text::new("展平", "flatten");
    pub const DENSE: Text = Text::new("全连接", "dense");
    pub const DROPOUT: Text = Text::new("DropOut", "dropout");
    pub const BATCHNORM: Text = Text::new("批量归一化", "batch norm");
    pub const BN_F: Text =
        Text::new("每个通道一个 γ 和一个 β：2·{0} = {1}", "one γ and one β per channel: 2·{0} = {1}");
    pub const FILTERS: Text = Text::new("个数", "filters");
    pub const KERNEL: Text = Text::new("核", "kernel");
    pub const STRIDE: Text = Text::new("步长", "stride");
    pub const PADDING: Text = Text::new("填充", "pad");
    pub const WINDOW: Text = Text::new("窗口", "window");
    pub const UNITS: Text = Text::new("单元", "units");
    pub const RATE: Text = Text::new("丢弃率", "rate");
    pub const NO_PARAMS: Text = Text::new("没有参数", "no parameters");
    pub const DROPPED: Text =
        Text::new("；{0}→{1}，丢弃最后 {2} 行 {2} 列", "; {0}→{1}, the last {2} row(s) and column(s) dropped");
    pub const FLATTEN_F: Text = Text::new("{0} 个数排成一列，没有参数", "{0} numbers in one column, no parameters");
    pub const TOTAL: Text = Text::new("参数总数：{0}", "Total parameters: {0}");
    pub const FINAL: Text = Text::new("，最终输出 {0}", ", final output {0}");
    pub const INCOMPLETE: Text = Text::new(
        "（网络在标红的层断开了，总数只算到那里）",
        "(the stack breaks at the red layer; the total stops there)",
    );
    pub const BAD_INPUT: Text = Text::new("输入尺寸必须是正整数。", "The input size must be positive whole numbers.");
    pub const NEEDS_FLAT: Text = Text::new(
        "全连接层需要一列数：先加一个展平层。",
        "A dense layer needs a flat vector: add a flatten layer first.",
    );
    pub const NEEDS_VOLUME: Text = Text::new(
        "数据已经展平了，不能再做卷积或池化。",
        "The data is already flat: no convolution or pooling after that.",
    );
    pub const EMPTY: Text = Text::new("个数不能是 0。", "The count cannot be 0.");
    pub const DROPOUT_RANGE: Text =
        Text::new("丢弃率 {0} 必须在 0 和 1 之间。", "Dropout rate {0} must lie between 0 and 1.");
    pub const TOO_LARGE: Text =
        Text::new("窗口 {0} 比（填充后的）输入 {1} 还大。", "The window {0} is larger than the (padded) input {1}.");
    pub const INPUT: Text = Text::new("输入", "input");
    pub const N_PARAMS: Text = Text::new("{0} 个参数", "{0} params");
    pub const DIAGRAM: Text = Text::new("网络示意图", "Diagram");
    pub const TRAIN_THIS: Text = Text::new("在浏览器里训练这个网络 →", "Train this network in the browser →");
    pub const RELU_NOTE: Text = Text::new(
        "训练时，每个卷积层和除最后一层外的全连接层后面都跟着 ReLU 激活函数；激活函数没有参数。",
        "When trained, every convolution and every dense layer but the last is followed by a ReLU activation, which has no parameters.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_preset_has_the_notes_numbers() {
        let r = analyse(&State::default()).unwrap();
        let shapes: Vec<String> =
            r.iter().map(|x| if let RowResult::Ok(i) = x { shape_text(i.output) } else { "?".into() }).collect();
        assert_eq!(shapes, ["26×26×25", "13×13×25", "11×11×50", "5×5×50", "1250", "10"]);
        let RowResult::Ok(pool2) = &r[3] else { panic!() };
        assert!(formula(Lang::Zh, pool2).contains("11→5"), "{}", formula(Lang::Zh, pool2));
    }

    #[test]
    fn breaks_are_reported_where_they_happen() {
        let mut st = State::default();
        st.rows.insert(2, Row::new(Kind::Dense));
        let r = analyse(&st).unwrap();
        assert!(matches!(r[2], RowResult::Breaks(StackErrorKind::NeedsFlat)));
        assert!(r[3..].iter().all(|x| *x == RowResult::Unreached));
        st.rows[2] = Row { kind: Kind::Conv, args: vec!["x".into(), "3".into(), "1".into(), "0".into()] };
        assert!(matches!(&analyse(&st).unwrap()[2], RowResult::BadArgs(e) if e[0] == Some(InputError::NotANumber)));
    }

    #[test]
    fn query_round_trips_even_with_bad_text() {
        let mut st = State::default();
        st.rows[0].args[0] = "2x".into();
        let q = st.to_query();
        assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
    }
}
