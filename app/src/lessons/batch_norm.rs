//! 批量归一化 — Batch normalization: the mini-batch arithmetic step by step (mean, variance,
//! normalize, γ and β; training against inference), then the same deep network trained with and
//! without BN from the same seed: losses, each layer's values drifting over time, gradient sizes
//! per layer, and a learning rate that only BN survives.

use engine::data::{Part, SplitSpec};
use engine::nn::Stack;
use engine::norm::{inference, train_steps, update_running};
use engine::tasks::DigitsTask;
use engine::train::{LayerTrace, Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::field::{Field, InputError, parse_float, parse_int, parse_positive};
use crate::components::lanes::{LaneControls, loss_chart, max_steps, score_series};
use crate::components::plot::PlotCanvas;
use crate::i18n::{Lang, fill, tr, use_lang};
use crate::plots::bars::{self, Bar};
use crate::plots::curves::{self, Axes, Series};
use crate::training::job::{Lane, Phase, use_job};
use crate::url_state::{Query, QueryState, read, use_query_state};

pub fn page() -> AnyView {
    view! { <BatchNorm /> }.into_any()
}

const ROWS: usize = 4;
const FEATURES: usize = 3;
const EPS: f32 = 1e-5;
const MOMENTUM: f32 = 0.1;

#[derive(Debug, Clone, PartialEq)]
struct State {
    batch: Vec<String>,
    gamma: Vec<String>,
    beta: Vec<String>,
    lr: String,
    depth: String,
    epochs: String,
    layer: usize,
}

impl Default for State {
    fn default() -> Self {
        let v = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        Self {
            batch: v(&["1", "10", "-2", "2", "20", "0", "3", "30", "2", "6", "60", "4"]),
            gamma: v(&["1", "1", "2"]),
            beta: v(&["0", "0", "0.5"]),
            lr: "0.1".into(),
            depth: "6".into(),
            epochs: "2".into(),
            layer: 1,
        }
    }
}

impl QueryState for State {
    fn from_query(q: &Query) -> Self {
        let d = Self::default();
        let list = |key: &str, default: &[String], n: usize| {
            let raw = q.text(key, &default.join(","));
            let mut v: Vec<String> = raw.split(',').map(str::to_string).collect();
            v.resize(n, "0".into());
            v
        };
        Self {
            batch: list("x", &d.batch, ROWS * FEATURES),
            gamma: list("gamma", &d.gamma, FEATURES),
            beta: list("beta", &d.beta, FEATURES),
            lr: q.text("lr", &d.lr),
            depth: q.text("depth", &d.depth),
            epochs: q.text("epochs", &d.epochs),
            layer: q.parse("layer", d.layer).max(1),
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        vec![
            ("x", self.batch.join(",")),
            ("gamma", self.gamma.join(",")),
            ("beta", self.beta.join(",")),
            ("lr", self.lr.clone()),
            ("depth", self.depth.clone()),
            ("epochs", self.epochs.clone()),
            ("layer", self.layer.to_string()),
        ]
    }
}

impl State {
    /// The number of hidden layers (2 to 10), or why the typed text is not one.
    fn depth(&self) -> Result<usize, InputError> {
        parse_int(&self.depth, 2, 10)
    }

    /// The number of epochs (1 to 20), or why the typed text is not one.
    fn epochs(&self) -> Result<usize, InputError> {
        parse_int(&self.epochs, 1, 20)
    }
}

fn numbers(raw: &[String]) -> Result<Vec<f32>, usize> {
    raw.iter().enumerate().map(|(i, r)| parse_float(r, -1e6, 1e6).map(|v| v as f32).map_err(|_| i)).collect()
}

/// The deep network with or without a batch norm after every hidden layer.
fn stack(depth: usize, bn: bool) -> Stack {
    let hidden = if bn { "dense:64,batchnorm,relu" } else { "dense:64,relu" };
    let layers = format!("flatten,{},dense:10", vec![hidden; depth].join(","));
    Stack::digits(&layers).expect("valid")
}

fn configs(st: &State) -> Option<Vec<TrainConfig>> {
    let lr = parse_positive(&st.lr, 10.0).ok()?;
    let depth = st.depth().ok()?;
    let epochs = st.epochs().ok()?;
    Some(
        [false, true]
            .into_iter()
            .map(|bn| {
                let split = SplitSpec { train: 5000, validation: 1000, test: 0, holdout: 0 };
                TrainConfig {
                    optimizer: Optimizer::Sgd,
                    learning_rate: lr,
                    batch_size: 64,
                    epochs,
                    trace_every: 5,
                    ..TrainConfig::digits(DigitsTask::new(stack(depth, bn), split))
                }
            })
            .collect(),
    )
}

#[component]
fn BatchNorm() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <section class="lesson-intro">
            <p>{tr(t::INTRO)}</p>
            <p class="callout">{tr(t::WHERE)}</p>
        </section>
        <Arithmetic state=state />
        <Experiment state=state />
    }
}

/// The mini-batch arithmetic on an editable 4 × 3 batch.
#[component]
fn Arithmetic(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let inference_mode = RwSignal::new(false);
    let parsed = Memo::new(move |_| {
        state.with(|s| Some((numbers(&s.batch).ok()?, numbers(&s.gamma).ok()?, numbers(&s.beta).ok()?)))
    });
    let cell = move |kind: &'static str, i: usize| {
        let get = move |s: &State| match kind {
            "x" => s.batch[i].clone(),
            "g" => s.gamma[i].clone(),
            _ => s.beta[i].clone(),
        };
        let bad = move || state.with(|s| parse_float(&get(s), -1e6, 1e6).is_err());
        view! {
            <input class="kernel-cell" class:invalid=bad type="text" inputmode="decimal" aria-label=format!("{kind}{i}")
                prop:value=move || state.with(get)
                on:input=move |ev| {
                    let v = event_target_value(&ev).replace(',', ".");
                    state.update(|s| match kind { "x" => s.batch[i] = v, "g" => s.gamma[i] = v, _ => s.beta[i] = v });
                } />
        }
    };
    let fmt = |v: f32| format!("{v:.3}");
    let row = move |label: String, values: Vec<f32>| {
        view! { <tr><th>{label}</th>{values.into_iter().map(|v| view! { <td class="num">{fmt(v)}</td> }).collect_view()}</tr> }
    };
    let results = move || {
        let lang = lang.get();
        let Some((x, g, b)) = parsed.get() else {
            return view! { <p class="error-box" role="alert">{t::BAD_NUMBERS.get(lang)}</p> }.into_any();
        };
        let steps = train_steps(&x, ROWS, FEATURES, &g, &b, EPS);
        let mut running_mean = vec![0.0; FEATURES];
        let mut running_var = vec![1.0; FEATURES];
        update_running(&mut running_mean, &steps.mean, MOMENTUM);
        update_running(&mut running_var, &steps.variance, MOMENTUM);
        let infer = inference(&x, FEATURES, &running_mean, &running_var, &g, &b, EPS);
        let rows_of = |v: &[f32], name: &str| {
            (0..ROWS)
                .map(|r| row(format!("{name}{}", r + 1), v[r * FEATURES..(r + 1) * FEATURES].to_vec()))
                .collect_view()
        };
        if inference_mode.get() {
            view! {
                <table class="data-table bn-table" data-result="bn-inference">
                    <tbody>
                        {row(t::RUNNING_MEAN.get(lang).into(), running_mean.clone())}
                        {row(t::RUNNING_VAR.get(lang).into(), running_var.clone())}
                        {rows_of(&infer, "y")}
                    </tbody>
                </table>
                <p class="hint">{t::INFER_NOTE.get(lang)}</p>
            }
            .into_any()
        } else {
            view! {
                <table class="data-table bn-table" data-result="bn-steps">
                    <tbody>
                        {row("μ".into(), steps.mean.clone())}
                        {row("σ²".into(), steps.variance.clone())}
                        {rows_of(&steps.normalized, "x̂")}
                        {rows_of(&steps.output, "y")}
                    </tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::ARITH_TITLE)}</h2>
            <div class="formula">
                <div>"μ_B = (1/m) Σ xᵢ"</div>
                <div>"σ²_B = (1/m) Σ (xᵢ − μ_B)²"</div>
                <div>"x̂ᵢ = (xᵢ − μ_B) / √(σ²_B + ε)"</div>
                <div>"yᵢ = γ x̂ᵢ + β"</div>
            </div>
            <div class="bn-inputs">
                <div>
                    <h3>{tr(t::BATCH)}</h3>
                    <div class="kernel-grid" style="grid-template-columns: repeat(3, 4em)">{(0..ROWS * FEATURES).map(|i| cell("x", i)).collect_view()}</div>
                </div>
                <div>
                    <h3>"γ"</h3>
                    <div class="kernel-grid" style="grid-template-columns: repeat(3, 4em)">{(0..FEATURES).map(|i| cell("g", i)).collect_view()}</div>
                    <h3>"β"</h3>
                    <div class="kernel-grid" style="grid-template-columns: repeat(3, 4em)">{(0..FEATURES).map(|i| cell("b", i)).collect_view()}</div>
                </div>
            </div>
            <div class="row">
                <label class="toggle">
                    <input type="checkbox" name="inference" prop:checked=move || inference_mode.get() on:change=move |ev| inference_mode.set(event_target_checked(&ev)) />
                    {tr(t::INFER_MODE)}
                </label>
            </div>
            {results}
            <p class="hint">{move || fill(t::ARITH_HINT.get(lang.get()), &[&EPS, &MOMENTUM])}</p>
        </section>
    }
}

/// Two lanes: the same deep network without (lane 0) and with (lane 1) batch normalization.
#[component]
fn Experiment(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = job.lanes(2);
    let configs = Signal::derive(move || state.with(configs));
    let names = [t::WITHOUT, t::WITH];
    let depth = move || state.with(|s| s.depth().unwrap_or(6));
    let layer = move || state.with(|s| s.layer).min(depth());
    let [plain, normed] = [runs[0], runs[1]];
    let band = move |run: Lane, lang: Lang| {
        let l = layer() - 1;
        let pick = |q: usize| {
            run.with(|r| {
                r.traces
                    .iter()
                    .filter_map(|(s, layers)| Some((*s as f64, f64::from(layers.get(l)?.quantiles[q]))))
                    .collect::<Vec<_>>()
            })
        };
        vec![
            Series { label: "5%–95%".into(), points: pick(0), colour: 4, markers: false, line: true },
            Series { label: "25%–75%".into(), points: pick(1), colour: 0, markers: false, line: true },
            Series { label: t::MEDIAN.get(lang).into(), points: pick(2), colour: 5, markers: false, line: true },
            Series { label: String::new(), points: pick(3), colour: 0, markers: false, line: true },
            Series { label: String::new(), points: pick(4), colour: 4, markers: false, line: true },
        ]
    };
    let grads = move |run: Lane| {
        run.with(|r| {
            r.traces
                .last()
                .map(|(_, layers)| layers.iter().map(|l: &LayerTrace| l.grad).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let status = move |run: Lane| match run.phase() {
        Phase::Diverged(step) => fill(t::DIVERGED.get(lang.get()), &[&step]),
        _ => run
            .with(|r| r.latest_score(Part::Validation))
            .map(|s| fill(t::VAL_IS.get(lang.get()), &[&format!("{:.1}", s.accuracy * 100.0)]))
            .unwrap_or_default(),
    };
    view! {
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <p>{tr(t::EXP_INTRO)}</p>
            <div class="fields">
                <Field label=t::LR name="lr" value=read(state, |s| s.lr.clone()) on_input=move |v| state.update(|s| s.lr = v) error=read(state, |s| parse_positive(&s.lr, 10.0).err()) hint=t::LR_HINT />
                <Field label=t::DEPTH name="depth" value=read(state, |s| s.depth.clone()) on_input=move |v| state.update(|s| s.depth = v) error=read(state, |s| s.depth().err()) />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <LaneControls job=job configs=configs start_label=t::START />
            <div class="two-col even">
                <p class="chip" data-result="lane-0">{move || format!("{}: {}", names[0].get(lang.get()), status(plain))}</p>
                <p class="chip" data-result="lane-1">{move || format!("{}: {}", names[1].get(lang.get()), status(normed))}</p>
            </div>
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::LOSS_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="bn-loss" draw=move |area| {
                        let lang = lang.get();
                        let (series, axes) = loss_chart(&[plain, normed], [(names[0].get(lang).into(), 5), (names[1].get(lang).into(), 0)], lang);
                        curves::draw(area, &series, &axes)
                    } />
                </div>
                <div class="chart">
                    <h3>{tr(t::ACC_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="bn-accuracy" draw=move |area| {
                        let lang = lang.get();
                        let series = vec![score_series(&plain, Part::Validation, names[0].get(lang).into(), 5, false), score_series(&normed, Part::Validation, names[1].get(lang).into(), 0, false)];
                        let epochs = state.with(|s| s.epochs().unwrap_or(1)) as f64;
                        let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::VAL_ACC.get(lang).into(), x: 0.0..epochs, y: None, percent: true, legend_low: true };
                        curves::draw(area, &series, &axes)
                    } />
                </div>
            </div>
            <h3>{tr(t::SHIFT_TITLE)}</h3>
            <div class="row">
                <span>{tr(t::LAYER)}</span>
                {move || (1..=depth()).map(|l| view! {
                    <button class="btn small" data-layer=l class:active=move || layer() == l on:click=move |_| state.update(|s| s.layer = l)>{l}</button>
                }).collect_view()}
            </div>
            <div class="charts">
                {[plain, normed].into_iter().enumerate().map(|(i, run)| view! {
                    <div class="chart">
                        <h3>{move || names[i].get(lang.get())}</h3>
                        <PlotCanvas width=560 height=280 label=["shift-without", "shift-with"][i] draw=move |area| {
                            let lang = lang.get();
                            let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: fill(t::VALUES_OF.get(lang), &[&layer()]), x: 0.0..max_steps(&[plain, normed]), y: None, percent: false, legend_low: false };
                            curves::draw(area, &band(run, lang), &axes)
                        } />
                    </div>
                }).collect_view()}
            </div>
            <p class="hint">{tr(t::SHIFT_HINT)}</p>
            <h3>{tr(t::GRAD_TITLE)}</h3>
            <PlotCanvas width=900 height=280 label="bn-gradients" draw=move |area| {
                let lang = lang.get();
                let mut bars = vec![];
                for (i, run) in [plain, normed].into_iter().enumerate() {
                    for (l, g) in grads(run).into_iter().enumerate() {
                        bars.push(Bar { label: format!("{}{}", ["−", "+"][i], l + 1), value: f64::from(g.max(1e-12)).log10(), colour: [5, 0][i] });
                    }
                }
                bars::draw(area, &bars, t::GRAD_AXIS.get(lang), false)
            } />
            <p class="hint">{tr(t::GRAD_HINT)}</p>
        </section>
    }
}

mod t {
    use crate::i18n::Text;
    pub const INTRO: Text = Text::new(
        "训练深度网络的困难在于：前面层的参数一变，后面每一层输入的分布也跟着变，这叫内部协变量转移（Internal Covariate Shift）。网络因此需要较低的学习率和谨慎的初始化。批量归一化（BN）作为网络的一层，先把每个特征在小批量里归一化到均值 0、方差 1，再用两个可学习的参数 γ 和 β 缩放和平移。",
        "Deep networks are hard to train because whenever earlier layers change their parameters, the distribution of every later layer's inputs changes too: the internal covariate shift. The network then needs small learning rates and careful initialization. Batch normalization (BN), a layer of its own, normalizes each feature over the mini-batch to mean 0 and variance 1, then scales and shifts it with two learned parameters, γ and β.",
    );
    pub const WHERE: Text = Text::new(
        "全连接层 → 批量归一化 → 激活函数：BN 加在每个全连接层和激活函数之间。",
        "dense layer → batch norm → activation: BN goes between every dense layer and its activation.",
    );
    pub const ARITH_TITLE: Text = Text::new("小批量上的计算，一步一步", "The mini-batch arithmetic, step by step");
    pub const BATCH: Text = Text::new("一个小批量：4 个样本 × 3 个特征", "A mini-batch: 4 examples × 3 features");
    pub const BAD_NUMBERS: Text = Text::new("标红的格子不是数。", "The cells marked in red are not numbers.");
    pub const INFER_MODE: Text = Text::new("推理模式（用滑动平均的统计量）", "Inference mode (running statistics)");
    pub const RUNNING_MEAN: Text = Text::new("滑动均值", "running mean");
    pub const RUNNING_VAR: Text = Text::new("滑动方差", "running variance");
    pub const INFER_NOTE: Text = Text::new(
        "推理时一次可能只有一个样本，不能用这批数据自己的均值和方差：BN 用训练中积累的滑动平均。这里只看过这一批（从均值 0、方差 1 开始），所以结果和训练模式很不一样；训练足够多批以后两者会接近。",
        "At inference there may be a single example, so BN cannot use the batch's own mean and variance: it uses running averages gathered while training. Here it has seen only this one batch (starting from mean 0, variance 1), so the result differs a lot from training mode; after many batches the two come close.",
    );
    pub const ARITH_HINT: Text = Text::new(
        "ε = {0}，滑动平均的动量 = {1}。注意每个特征（每一列）单独归一化。",
        "ε = {0}, running-average momentum = {1}. Each feature (column) is normalized on its own.",
    );
    pub const EXP_TITLE: Text =
        Text::new("实验：同一个深度网络，有 BN 和没有 BN", "Experiment: the same deep network with and without BN");
    pub const EXP_INTRO: Text = Text::new(
        "一个很深的全连接网络（每层 64 个单元），用普通 SGD 训练两次，随机种子相同：一次不加 BN，一次在每个隐藏层后面加 BN。没有 BN 时，梯度传到前面几层就几乎消失了，网络几乎学不动；有 BN 时它很快学会。再把学习率调大到 0.5 或 1：BN 照样能训练。把隐藏层数减到 2，没有 BN 的网络也能学，但需要更小心的学习率。",
        "A deep dense network (64 units a layer) trained twice with plain SGD from the same seed: once without BN, once with BN after every hidden layer. Without BN the gradient has all but vanished by the time it reaches the first layers, and the network barely learns; with BN it learns quickly. Raise the learning rate to 0.5 or 1: BN still trains. With only 2 hidden layers the plain network learns too, but needs a more careful learning rate.",
    );
    pub const LR: Text = Text::new("学习率", "Learning rate");
    pub const MEDIAN: Text = Text::new("中位数", "median");
    pub const LR_HINT: Text = Text::new("试试 0.5", "try 0.5");
    pub const DEPTH: Text = Text::new("隐藏层数", "Hidden layers");
    pub const EPOCHS: Text = Text::new("轮数", "Epochs");
    pub const START: Text = Text::new("▶ 训练两个网络", "▶ Train both networks");
    pub const WITHOUT: Text = Text::new("没有 BN", "without BN");
    pub const WITH: Text = Text::new("有 BN", "with BN");
    pub const DIVERGED: Text = Text::new("第 {0} 步发散", "diverged at step {0}");
    pub const VAL_IS: Text = Text::new("验证准确率 {0}%", "validation accuracy {0}%");
    pub const LOSS_CHART: Text = Text::new("训练损失", "Training loss");
    pub const ACC_CHART: Text = Text::new("验证准确率", "Validation accuracy");
    pub const STEP_AXIS: Text = Text::new("步数", "step");
    pub const EPOCH_AXIS: Text = Text::new("轮数", "epoch");
    pub const VAL_ACC: Text = Text::new("验证准确率", "validation accuracy");
    pub const SHIFT_TITLE: Text =
        Text::new("一层的输入分布怎样随训练漂移", "How one layer's input distribution drifts during training");
    pub const LAYER: Text = Text::new("第几层：", "Layer:");
    pub const VALUES_OF: Text = Text::new("第 {0} 层激活前的值", "values before activation, layer {0}");
    pub const SHIFT_HINT: Text = Text::new(
        "每条线是该层所有单元的值的一个分位数（5%、25%、中位数、75%、95%），每 5 步记录一次。没有 BN 时，分布的位置和宽度随训练不断漂移；有 BN 时，它一直稳定在 0 附近。",
        "Each line is a percentile (5%, 25%, median, 75%, 95%) of the layer's values, recorded every 5 steps. Without BN the distribution keeps moving and stretching as training goes on; with BN it stays centred near 0.",
    );
    pub const GRAD_TITLE: Text =
        Text::new("每一层权重的梯度大小（最近一次记录）", "Gradient size of each layer's weights (latest record)");
    pub const GRAD_AXIS: Text = Text::new("log₁₀ 平均 |梯度|", "log₁₀ mean |gradient|");
    pub const GRAD_HINT: Text = Text::new(
        "“−1 … −6”是没有 BN 的网络的第 1 到第 6 层，“+1 … +6”是有 BN 的。链式法则把每层的梯度连乘起来：层数越深，越容易一路变小（梯度消失）或一路变大（梯度爆炸）。BN 让各层的梯度保持在相近的量级。",
        "“−1 … −6” are layers 1 to 6 without BN, “+1 … +6” with BN. The chain rule multiplies the layers' factors together: the deeper the network, the easier it is for gradients to shrink all the way (vanishing) or grow all the way (exploding). BN keeps the layers' gradients of similar size.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_experiment_differs_only_by_batch_norm() {
        let c = configs(&State::default()).unwrap();
        assert_eq!(c.len(), 2);
        // Without its six batch-norm layers, the second lane is the first.
        let mut without = c[1].clone();
        if let engine::tasks::TaskSpec::Digits(t) = &mut without.task {
            let before = t.stack.layers.len();
            t.stack.layers.retain(|l| !matches!(l, engine::nn::Layer::BatchNorm(_)));
            assert_eq!(before - t.stack.layers.len(), 6);
        }
        assert_eq!(without, c[0]);
        let st = State::default();
        assert!(numbers(&st.batch).is_ok());
        assert_eq!(numbers(&["1".into(), "x".into()]), Err(1));
        let q = st.to_query();
        assert_eq!(State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str())))), st);
    }
}
