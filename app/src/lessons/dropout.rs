//! DropOut — which units a dropout layer switches off, step by step (inverted dropout: the kept
//! ones are scaled by 1/(1 − p), and nothing is dropped at inference), and its effect on
//! over-fitting: the gap between training and validation accuracy as p goes from 0 to 0.8.

use engine::data::{Part, SplitSpec};
use engine::nn::{Stack, dropout_mask};
use engine::rng::Rng;
use engine::tasks::DigitsTask;
use engine::train::TrainConfig;
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING, score_series};
use crate::components::plot::PlotCanvas;
use crate::i18n::{fill, tr, use_lang};
use crate::plots::bars::{self, Bar};
use crate::plots::curves::{self, Axes, Legend};
use crate::training::job::{Lane, use_job};
use crate::url_state::{read, text_state, use_query_state};

pub fn page() -> AnyView {
    view! { <Dropout /> }.into_any()
}

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
        <section class="lesson-intro">
            <p>{tr(t::INTRO)}</p>
        </section>
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
            <div class="units" data-result="units">{units}</div>
            <p data-result="sums">{move || sums().map(|(a, b)| fill(t::SUMS.get(lang.get()), &[&format!("{a:.2}"), &format!("{b:.2}")]))}</p>
            <p class="hint">{move || if inference.get() { tr(t::INFERENCE_NOTE)() } else { tr(t::SCALE_NOTE)() }}</p>
        </section>
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <p>{tr(t::EXP_INTRO)}</p>
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
    }
}

mod t {
    use crate::i18n::Text;
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
