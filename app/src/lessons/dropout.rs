//! DropOut — which units a dropout layer switches off, step by step (inverted dropout: the kept
//! ones are scaled by 1/(1 − p), and nothing is dropped at inference), and its effect on
//! over-fitting: the gap between training and validation accuracy as p goes from 0 to 0.8.

use engine::data::{Part, SplitSpec};
use engine::nn::{Stack, dropout_mask};
use engine::rng::Rng;
use engine::tasks::DigitsTask;
use engine::train::TrainConfig;
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING, score_series};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::bars::{self, Bar};
use crate::plots::curves::{self, Axes, Legend};
use crate::training::job::{Lane, use_job};
use crate::url_state::{read, text_state, use_query_state};

pub fn page() -> AnyView {
    view! { <Dropout /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The dropout rates compared side by side.
const RATES: [f32; 4] = [0.0, 0.2, 0.5, 0.8];

text_state! {
    struct State {
        p: "p" = "0.5" => f32: parse_float(0.0, 0.95),
        /// Training digits.
        train: "train" = "500" => usize: parse_int(100, 8000),
        epochs: "epochs" = "20" => usize: parse_int(1, 100),
    }
}

/// The same network with each dropout rate after both hidden layers.
fn configs(st: &State) -> Option<Vec<TrainConfig>> {
    let train = st.train().ok()?;
    let epochs = st.epochs().ok()?;
    Some(
        RATES
            .iter()
            .map(|&p| {
                let layers = format!("flatten,dense:256,relu,dropout:{p},dense:256,relu,dropout:{p},dense:10");
                let split = SplitSpec { train, validation: 1000, test: 0, holdout: 0 };
                TrainConfig {
                    epochs,
                    ..TrainConfig::digits(DigitsTask::new(Stack::digits(&layers).expect("valid"), split))
                }
            })
            .collect(),
    )
}

/// Twelve units' activations for the step-by-step picture.
const UNITS: [f32; 12] = [0.8, 0.1, 1.4, 0.0, 0.6, 2.1, 0.3, 0.9, 1.1, 0.0, 0.5, 1.7];

#[component]
fn Dropout() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let p = Signal::derive(move || state.with(|s| s.p().ok()));
    let draw_count = RwSignal::new(1u64);
    let inference = RwSignal::new(false);
    let mask = Signal::derive(move || {
        let p = p.get()?;
        if inference.get() {
            return Some(vec![1.0; UNITS.len()]);
        }
        Some(dropout_mask(UNITS.len(), p, &mut Rng::new(draw_count.get())))
    });
    let sums =
        move || mask.get().map(|m| (UNITS.iter().sum::<f32>(), UNITS.iter().zip(&m).map(|(a, b)| a * b).sum::<f32>()));
    let units = move || {
        mask.get().map(|m| {
            UNITS
                .iter()
                .zip(m)
                .enumerate()
                .map(|(i, (a, k))| {
                    let dropped = k == 0.0;
                    view! {
                        <div class="unit" class:dropped=dropped data-unit=i>
                            <span class="unit-in">{format!("{a:.1}")}</span>
                            <span class="unit-op">{if dropped { "✕".to_string() } else { format!("×{k:.2}") }}</span>
                            <span class="unit-out">{format!("{:.2}", a * k)}</span>
                        </div>
                    }
                })
                .collect_view()
        })
    };
    let job = use_job();
    let runs = job.lanes(RATES.len());
    let configs = Signal::derive(move || state.with(configs));
    let runs_chart = runs.clone();
    let runs_gap = runs.clone();
    let epochs = move || state.with(|s| s.epochs().unwrap_or(1)) as f64;
    let latest = |run: &Lane, part: Part| run.with(|l| l.latest_score(part).map(|s| s.accuracy));
    view! {
        <section class="panel">
            <h2>{tr(t::STEP_TITLE)}</h2>
            <div class="fields">
                <Field label=t::P name="p" value=read(state, |s| s.p.clone()) on_input=move |v| state.update(|s| s.p = v) error=read(state, |s| s.p().err()) hint=t::P_HINT />
            </div>
            <div class="row">
                <button class="btn primary" data-action="new-mask" disabled=move || inference.get() on:click=move |_| draw_count.update(|c| *c += 1)>{tr(t::NEW_MASK)}</button>
                <label class="toggle">
                    <input type="checkbox" name="inference" prop:checked=move || inference.get() on:change=move |ev| inference.set(event_target_checked(&ev)) />
                    {tr(t::INFERENCE)}
                </label>
            </div>
            <div class="units" data-result="units" data-figure="dropout-units">{units}</div>
            <p data-result="sums">{move || sums().map(|(a, b)| fill(t::SUMS.get(lang.get()), &[&format!("{a:.2}"), &format!("{b:.2}")]))}</p>
            <p class="hint">{move || if inference.get() { tr(t::INFERENCE_NOTE)() } else { tr(t::SCALE_NOTE)() }}</p>
            <Deeper><p>{tr(t::INTRO)}</p></Deeper>
        </section>
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <Deeper><p>{tr(t::EXP_INTRO)}</p></Deeper>
            <div class="fields">
                <Field label=t::TRAIN name="train" value=read(state, |s| s.train.clone()) on_input=move |v| state.update(|s| s.train = v) error=read(state, |s| s.train().err()) hint=t::TRAIN_HINT />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <LaneControls job=job configs=configs parts=vec![Part::Train] start_label=t::START />
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::TRAIN_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="dropout-train" draw={
                        let runs = runs_chart.clone();
                        move |area| {
                            let lang = lang.get();
                            let series = runs.iter().zip(RATES).enumerate().map(|(i, (r, p))| score_series(r, Part::Train, format!("p = {p}"), i, false)).collect::<Vec<_>>();
                            let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::TRAIN_ACC.get(lang).into(), x: 0.0..epochs(), y: None, percent: true, legend: Legend::LowerRight, hint: WAITING.get(lang).into() };
                            curves::draw(area, &series, &axes)
                        }
                    } />
                </div>
                <div class="chart">
                    <h3>{tr(t::VAL_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="dropout-validation" draw={
                        let runs = runs_chart.clone();
                        move |area| {
                            let lang = lang.get();
                            let series = runs.iter().zip(RATES).enumerate().map(|(i, (r, p))| score_series(r, Part::Validation, format!("p = {p}"), i, false)).collect::<Vec<_>>();
                            let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::VAL_ACC.get(lang).into(), x: 0.0..epochs(), y: None, percent: true, legend: Legend::LowerRight, hint: WAITING.get(lang).into() };
                            curves::draw(area, &series, &axes)
                        }
                    } />
                </div>
            </div>
            <h3>{tr(t::GAP_CHART)}</h3>
            <PlotCanvas width=560 height=280 label="dropout-gap" draw=move |area| {
                let lang = lang.get();
                let bars: Vec<Bar> = runs_gap
                    .iter()
                    .zip(RATES)
                    .enumerate()
                    .filter_map(|(i, (r, p))| Some(Bar { label: format!("p = {p}"), value: f64::from(latest(r, Part::Train)? - latest(r, Part::Validation)?), colour: i }))
                    .collect();
                bars::draw(area, &bars, t::GAP_AXIS.get(lang), true, WAITING.get(lang))
            } />
            <p class="hint">{tr(t::GAP_HINT)}</p>
        </section>
        <DropoutQuestions state=state runs=runs />
    }
}

/// The scale of a kept unit (the engine's mask for the chosen p) and which rate over-fits
/// least (the student's own runs).
#[component]
fn DropoutQuestions(state: RwSignal<State>, runs: Vec<Lane>) -> impl IntoView {
    let lang = use_lang();
    let p = move || state.with(|s| s.p().ok());
    // What a kept unit is multiplied by: read off a mask drawn by the engine.
    let scale = Signal::derive(move || {
        let p = p()?;
        dropout_mask(64, p, &mut Rng::new(1)).into_iter().find(|k| *k > 0.0).map(|k| format!("{k:.4}"))
    });
    let settings = Signal::derive(move || state.with(|s| format!("{} × {}", s.train, s.epochs)));
    let smallest_gap = Signal::derive(move || {
        let gaps: Option<Vec<f32>> = runs
            .iter()
            .map(|r| {
                r.with(|l| {
                    (l.phase == crate::training::job::Phase::Finished).then_some(())?;
                    Some(l.latest_score(Part::Train)?.accuracy - l.latest_score(Part::Validation)?.accuracy)
                })
            })
            .collect();
        let gaps = gaps?;
        let best = gaps.iter().enumerate().min_by(|a, b| a.1.total_cmp(b.1))?.0;
        Some(RATE_KEYS[best].to_string())
    });
    view! {
        <Questions>
            <Question id="dropout/1" prompt=Signal::derive(move || p().map_or_else(|| t::Q_FIX.get(lang.get()).to_string(), |p| fill(t::Q1.get(lang.get()), &[&p])))
                kind=Kind::Number { tolerance: 0.01 } answer=scale hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) />
            <Question id="dropout/2" prompt=Signal::derive(move || t::Q2.get(lang.get()).to_string())
                kind=Kind::Choice(RATE_KEYS.iter().map(|k| (*k, t::RATE_LABELS[RATE_KEYS.iter().position(|x| x == k).unwrap_or(0)])).collect())
                answer=smallest_gap hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string())
                pending=t::Q2_PENDING about=settings />
        </Questions>
    }
}

/// The rates of the experiment as answers' keys.
const RATE_KEYS: [&str; 4] = ["0", "0.2", "0.5", "0.8"];

mod t {
    use crate::i18n::Text;
    /// What the lesson's first screen says it shows (at most three short lines).
    pub const KEY_POINTS: [Text; 3] = [
        Text::new(
            "Dropout 在训练时以概率 p 随机关掉一部分单元。",
            "Dropout switches off a random share p of the units during training.",
        ),
        Text::new(
            "网络不能依赖某几个单元，过拟合因此减轻。",
            "The network cannot rely on a few units, so it over-fits less.",
        ),
        Text::new("测试时不丢单元，所有单元都用上。", "At test time nothing is dropped: every unit is used."),
    ];
    /// The lesson's summary, at its end.
    pub const RECAP: [Text; 3] = [
        Text::new(
            "PyTorch 训练时把留下的单元乘以 1/(1 − p)，测试时就不用再缩放。",
            "PyTorch scales the kept units by 1/(1 − p) in training, so nothing is rescaled at test time.",
        ),
        Text::new("p 太大会欠拟合。", "Too large a p under-fits."),
        Text::new(
            "训练数据越少，过拟合越明显，Dropout 越有用。",
            "The less training data, the stronger the over-fitting and the more Dropout helps.",
        ),
    ];
    pub const Q_FIX: Text = Text::new("（先把 p 改成能用的数。）", "(First make p a usable number.)");
    pub const Q1: Text = Text::new(
        "丢弃率 p = {0} 时，训练中没被丢掉的单元，输出要乘以多少？",
        "With dropout rate p = {0}, what is a unit that is kept in training multiplied by?",
    );
    pub const Q1_HINT: Text = Text::new(
        "平均下来，输出之和要和输入之和一样：只有 1 − p 的单元留下。",
        "On average the sum out must equal the sum in, and only a share 1 − p of the units stays.",
    );
    pub const Q1_WHY: Text = Text::new(
        "1/(1 − p)：PyTorch 的做法（inverted dropout）。训练时放大留下的单元，推理时就什么都不用改。",
        "1/(1 − p): PyTorch's way (inverted dropout). Scaling the kept units up in training means nothing changes at inference.",
    );
    pub const Q2: Text = Text::new(
        "下面的实验里，哪个丢弃率训练完时训练准确率和验证准确率的差距最小？",
        "In the experiment below, which dropout rate ends with the smallest gap between training and validation accuracy?",
    );
    pub const RATE_LABELS: [Text; 4] = [
        Text::new("p = 0", "p = 0"),
        Text::new("p = 0.2", "p = 0.2"),
        Text::new("p = 0.5", "p = 0.5"),
        Text::new("p = 0.8", "p = 0.8"),
    ];
    pub const Q2_HINT: Text = Text::new(
        "差距就是过拟合。丢得越多，网络越难背下训练集，可也越难学好。",
        "The gap is the over-fitting. The more is dropped, the harder it is to memorise the training set, and to learn at all.",
    );
    pub const Q2_WHY: Text = Text::new(
        "看“差距”那张图。差距最小不一定验证准确率最高：p 太大时两者一起低（欠拟合）。",
        "See the gap chart. The smallest gap is not always the best validation accuracy: with too large a p both are low (under-fitting).",
    );
    pub const Q2_PENDING: Text = Text::new(
        "开始实验，四个网络都训练完就能核对。",
        "Start the experiment; once all four networks finish, this is checked.",
    );
    pub const INTRO: Text = Text::new(
        "Dropout（随机失活）层在训练时按设定的概率 p 随机地“关掉”一部分神经元：它们这一步的输出变成 0。网络因此不能依赖任何一个神经元，只能学到更稳健的特征，从而减弱过拟合。笔记说这个参数的默认值是 0.5。",
        "A dropout layer switches off a random share p of its units while training: their output is 0 for that step. The network cannot rely on any single unit and must learn sturdier features, which curbs over-fitting. The note gives 0.5 as the usual default.",
    );
    pub const STEP_TITLE: Text = Text::new("一步一步看：哪些单元被丢弃", "Step by step: which units are dropped");
    pub const P: Text = Text::new("丢弃率 p", "Dropout rate p");
    pub const P_HINT: Text = Text::new("0 到 0.95", "0 to 0.95");
    pub const NEW_MASK: Text = Text::new("下一步（重新抽取）", "Next step (draw again)");
    pub const INFERENCE: Text = Text::new("推理模式", "Inference mode");
    pub const SUMS: Text = Text::new(
        "输入之和 {0}，输出之和 {1}。平均来说两者相等。",
        "Sum in {0}, sum out {1}. On average the two are equal.",
    );
    pub const SCALE_NOTE: Text = Text::new(
        "被保留的单元乘以 1/(1 − p)（“反向 dropout”）：这样输出的期望不变，推理时就不需要任何改动。",
        "The kept units are multiplied by 1/(1 − p) (inverted dropout): the expected output stays the same, so inference needs no change.",
    );
    pub const INFERENCE_NOTE: Text = Text::new(
        "推理（预测）时不丢弃任何单元，也不缩放：每个单元都原样通过。",
        "At inference (prediction) nothing is dropped and nothing is scaled: every unit passes unchanged.",
    );
    pub const EXP_TITLE: Text = Text::new("实验：Dropout 与过拟合", "Experiment: dropout and over-fitting");
    pub const EXP_INTRO: Text = Text::new(
        "同一个全连接网络（784 → 256 → 256 → 10，两个隐藏层后面各有一个 Dropout），用很少的训练数字训练许多个迭代周期，p 分别取 0、0.2、0.5、0.8。没有 Dropout 的网络很快把训练集背下来（训练准确率接近 100%），验证准确率却跟不上：两者之差就是过拟合。",
        "The same dense network (784 → 256 → 256 → 10, a dropout after each hidden layer) trained for many epochs on few digits, with p = 0, 0.2, 0.5 and 0.8. Without dropout it soon memorizes the training set (training accuracy near 100%) while validation accuracy lags behind: the gap is over-fitting.",
    );
    pub const TRAIN: Text = Text::new("训练数字", "Training digits");
    pub const TRAIN_HINT: Text = Text::new("100–8000", "100–8000");
    pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
    pub const START: Text = Text::new("▶ 同时训练四个网络", "▶ Train the four networks");
    pub const TRAIN_CHART: Text = Text::new("训练集准确率（作业）", "Training accuracy (homework)");
    pub const VAL_CHART: Text = Text::new("验证集准确率（模拟考）", "Validation accuracy (mock exam)");
    pub const EPOCH_AXIS: Text = Text::new("迭代周期", "epoch");
    pub const TRAIN_ACC: Text = Text::new("训练准确率", "training accuracy");
    pub const VAL_ACC: Text = Text::new("验证准确率", "validation accuracy");
    pub const GAP_CHART: Text =
        Text::new("过拟合的差距：训练准确率 − 验证准确率", "The over-fitting gap: training minus validation accuracy");
    pub const GAP_AXIS: Text = Text::new("差距", "gap");
    pub const GAP_HINT: Text = Text::new(
        "p 越大，差距越小；但 p 太大时网络学得太慢，验证准确率也会下降。",
        "The larger p, the smaller the gap; but with p too large the network learns too slowly and validation accuracy drops too.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_lanes_differ_only_in_their_dropout_rate() {
        use engine::nn::Layer;
        let c = configs(&State::default()).unwrap();
        let rates = |config: &TrainConfig| -> Vec<f32> {
            let layers = &config.digits_task().unwrap().stack.layers;
            layers.iter().filter_map(|l| if let Layer::Dropout(d) = l { Some(d.p) } else { None }).collect()
        };
        assert_eq!(c.iter().map(rates).collect::<Vec<_>>(), RATES.map(|p| vec![p, p]));
        // With every rate set to 0, each lane is the first one.
        let without_dropout = |config: &TrainConfig| {
            let mut config = config.clone();
            if let engine::tasks::TaskSpec::Digits(t) = &mut config.task {
                t.stack.layers.iter_mut().for_each(|l| {
                    if let Layer::Dropout(d) = l {
                        d.p = 0.0;
                    }
                });
            }
            config
        };
        assert!(c.iter().all(|x| without_dropout(x) == c[0]));
        assert_eq!(c[0].digits_task().unwrap().split.train, 500);
        assert!(configs(&State { train: "10".into(), ..State::default() }).is_none());
    }
}
