//! 标签平滑 — Label smoothing: hard against soft targets for a given ε with the formula, the loss
//! against the correct class's logit for each, and the same network trained with ε = 0 and
//! ε = 0.1: confidence histograms, reliability diagrams with the expected calibration error, and
//! logit norms. Over-confidence shrinks, measured.

use engine::data::{Part, SplitSpec};
use engine::loss::{Loss, smoothed_cross_entropy};
use engine::nn::Stack;
use engine::tasks::DigitsTask;
use engine::train::{CALIBRATION_BINS, Evaluation, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::{Deeper, Lead};
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, WAITING, loss_chart, score_series};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::bars::{self, Bar};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{Lane, use_job};
use crate::url_state::{read, text_state, use_query_state};

pub fn page() -> AnyView {
    view! { <LabelSmoothing /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

const CLASSES: usize = 10;

text_state! {
    struct State {
        eps: "eps" = "0.1" => f32: parse_float(0.0, 0.99),
        /// The smoothing of the second training run (the first uses none).
        train_eps: "train_eps" = "0.1" => f32: parse_float(0.0, 0.99),
        epochs: "epochs" = "15" => usize: parse_int(1, 30),
    }
}

/// The entropy of the soft target, the lowest smoothed cross-entropy any network can reach.
fn floor(eps: f32) -> f32 {
    (0..CLASSES).map(|k| soft_target(k, 0, eps)).filter(|q| *q > 0.0).map(|q| -q * q.ln()).sum()
}

/// The soft target of class `k` when the true class is `target`.
fn soft_target(k: usize, target: usize, eps: f32) -> f32 {
    let base = eps / CLASSES as f32;
    if k == target { 1.0 - eps + base } else { base }
}

fn configs(st: &State) -> Option<Vec<TrainConfig>> {
    let smoothing = st.train_eps().ok()?;
    let epochs = st.epochs().ok()?;
    Some(
        [0.0, smoothing]
            .into_iter()
            .map(|smoothing| {
                // A small training set and many epochs: the plain network memorizes it and grows
                // over-confident on digits it has not seen.
                let split = SplitSpec { train: 2000, validation: 2000, test: 0, holdout: 0 };
                let stack = Stack::digits("flatten,dense:256,relu,dense:10").expect("valid");
                let task = DigitsTask { loss: Loss::CrossEntropy { smoothing }, ..DigitsTask::new(stack, split) };
                TrainConfig { epochs, ..TrainConfig::digits(task) }
            })
            .collect(),
    )
}

#[component]
fn LabelSmoothing() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let e = move || state.with(|s| s.eps().ok());
    view! {
        <section class="panel">
            <h2>{tr(t::TARGETS_TITLE)}</h2>
            <p class="formula">"q_k = (1 − ε) · [k = y] + ε / K        L = − Σ_k q_k · log p_k"</p>
            <div class="fields">
                <Field label=t::EPS name="eps" value=read(state, |s| s.eps.clone()) on_input=move |v| state.update(|s| s.eps = v) error=read(state, |s| s.eps().err()) hint=t::EPS_HINT />
            </div>
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::HARD)}</h3>
                    <PlotCanvas width=480 height=240 label="hard-targets" draw=move |area| {
                        let lang = lang.get();
                        let bars: Vec<Bar> = (0..CLASSES).map(|k| Bar { label: k.to_string(), value: f64::from(soft_target(k, 3, 0.0)), colour: 0 }).collect();
                        bars::draw(area, &bars, t::TARGET_AXIS.get(lang), false, "")
                    } />
                </div>
                <div class="chart">
                    <h3>{move || fill(t::SOFT.get(lang.get()), &[&e().unwrap_or(0.0)])}</h3>
                    <PlotCanvas width=480 height=240 label="soft-targets" draw=move |area| {
                        let lang = lang.get();
                        let eps = e().unwrap_or(0.0);
                        let bars: Vec<Bar> = (0..CLASSES).map(|k| Bar { label: k.to_string(), value: f64::from(soft_target(k, 3, eps)), colour: 2 }).collect();
                        bars::draw(area, &bars, t::TARGET_AXIS.get(lang), false, "")
                    } />
                </div>
            </div>
            <h3>{tr(t::LOGIT_TITLE)}</h3>
            <PlotCanvas width=900 height=300 label="loss-vs-logit" draw=move |area| {
                let lang = lang.get();
                let eps = e().unwrap_or(0.0);
                let curve = |eps: f32| (0..=200).map(|i| { let z = -5.0 + 20.0 * i as f32 / 200.0; let mut logits = [0.0f32; CLASSES]; logits[0] = z; (f64::from(z), f64::from(smoothed_cross_entropy(&logits, 0, eps))) }).collect::<Vec<_>>();
                let series = vec![
                    Series { label: t::HARD_LOSS.get(lang).into(), points: curve(0.0), colour: 0, markers: false, line: true },
                    Series { label: fill(t::SOFT_LOSS.get(lang), &[&eps]), points: curve(eps), colour: 5, markers: false, line: true },
                ];
                let axes = Axes { x_label: t::LOGIT_AXIS.get(lang).into(), y_label: t::LOSS.get(lang).into(), x: -5.0..15.0, y: Some(0.0..5.0), percent: false, legend: Legend::UpperRight, hint: String::new() };
                curves::draw(area, &series, &axes)
            } />
            <Lead class="hint" text=move || {
                let eps = e().unwrap_or(0.0);
                // The smoothed loss is smallest where softmax gives the true class 1 − ε + ε/K:
                // z* = ln((1 − ε + ε/K) (K − 1) / (ε (K − 1) / K)).
                let k = CLASSES as f32;
                let best = if eps > 0.0 { format!("{:.2}", ((1.0 - eps + eps / k) * (k - 1.0) / (eps * (k - 1.0) / k)).ln()) } else { "∞".into() };
                fill(t::LOGIT_HINT.get(lang.get()), &[&best])
            } />
            <Deeper><p>{tr(t::INTRO)}</p></Deeper>
            <Questions>
                <Question id="label-smoothing/1"
                    prompt=Signal::derive(move || e().map_or_else(|| t::Q_FIX.get(lang.get()).to_string(), |eps| fill(t::Q1.get(lang.get()), &[&eps, &CLASSES])))
                    kind=Kind::Relative { share: 0.001 } answer=Signal::derive(move || e().map(|eps| format!("{}", soft_target(3, 3, eps))))
                    hint=t::Q1_HINT explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) />
            </Questions>
        </section>
        <Experiment state=state />
    }
}

#[component]
fn Experiment(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = job.lanes(2);
    let configs = Signal::derive(move || state.with(configs));
    let train_eps = move || state.with(|s| s.train_eps().unwrap_or(0.1));
    let name = move |i: usize| if i == 0 { "ε = 0".to_string() } else { format!("ε = {}", train_eps()) };
    let eval = |run: Lane| run.with(|r| r.evaluation(Part::Validation).cloned());
    let [plain, smooth] = [runs[0], runs[1]];
    let runs_loss = runs.clone();
    let summary = move |i: usize, run: Lane| {
        move || {
            eval(run).map(|e: Evaluation| {
                let c = &e.calibration;
                view! {
                    <div class="result-card" data-result=["calib-0", "calib-1"][i]>
                        <h3>{name(i)}</h3>
                        <p>{fill(t::SUMMARY.get(lang.get()), &[&format!("{:.1}", e.accuracy * 100.0), &format!("{:.1}", c.mean_confidence * 100.0), &format!("{:.3}", c.ece), &format!("{:.1}", c.mean_logit_norm)])}</p>
                    </div>
                }
            })
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <Lead text=tr(t::EXP_INTRO) />
            <div class="fields">
                <Field label=t::TRAIN_EPS name="train_eps" value=read(state, |s| s.train_eps.clone()) on_input=move |v| state.update(|s| s.train_eps = v) error=read(state, |s| s.train_eps().err()) />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <LaneControls job=job configs=configs start_label=t::START />
            <div class="two-col even">{summary(0, plain)}{summary(1, smooth)}</div>
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::HIST_TITLE)}</h3>
                    <PlotCanvas width=560 height=300 label="confidence-histogram" draw=move |area| {
                        let lang = lang.get();
                        let evals = [eval(plain), eval(smooth)];
                        // One pair of bars per confidence bin, ε = 0 on the left, smoothed on the right.
                        let groups: Vec<(String, Vec<Option<f64>>)> = (CALIBRATION_BINS / 2..CALIBRATION_BINS)
                            .map(|b| {
                                let low = b as f32 / CALIBRATION_BINS as f32;
                                let share = |e: &Option<Evaluation>| e.as_ref().map(|e| f64::from(e.calibration.bins[b].count) / e.count.max(1) as f64);
                                (format!("{low:.1}–{:.1}", low + 0.1), evals.iter().map(share).collect())
                            })
                            .collect();
                        let bars = bars::paired(&groups, &[0, 5]);
                        bars::draw(area, &bars, t::SHARE_AXIS.get(lang), true, t::WAIT_HINT.get(lang))
                    } />
                    <p class="legend"><span class="swatch-dot c0"></span>"ε = 0 "<span class="swatch-dot c5"></span>{move || format!("ε = {}", train_eps())}</p>
                    <Deeper><p class="hint">{tr(t::HIST_HINT)}</p></Deeper>
                </div>
                <div class="chart">
                    <h3>{tr(t::RELIABILITY_TITLE)}</h3>
                    <PlotCanvas width=560 height=300 label="reliability" draw=move |area| {
                        let lang = lang.get();
                        let mut series = vec![Series { label: t::PERFECT.get(lang).into(), points: vec![(0.0, 0.0), (1.0, 1.0)], colour: 4, markers: false, line: true }];
                        for (i, run) in [plain, smooth].into_iter().enumerate() {
                            let Some(e) = eval(run) else { continue };
                            let points = e.calibration.bins.iter().filter(|b| b.count > 0).map(|b| (f64::from(b.confidence), f64::from(b.accuracy))).collect();
                            series.push(Series { label: fill(t::ECE.get(lang), &[&name(i), &format!("{:.3}", e.calibration.ece)]), points, colour: [0, 5][i], markers: true, line: true });
                        }
                        let axes = Axes { x_label: t::CONF_AXIS.get(lang).into(), y_label: t::ACC_AXIS.get(lang).into(), x: 0.0..1.0, y: Some(0.0..1.0), percent: true, legend: Legend::LowerRight, hint: WAITING.get(lang).into() };
                        curves::draw(area, &series, &axes)
                    } />
                    <p class="formula">"ECE = Σ_b (n_b / n) · |acc_b − conf_b|"</p>
                    <Lead text=tr(t::RELIABILITY_HINT) class="hint" />
                </div>
            </div>
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::VAL_LOSS_TITLE)}</h3>
                    <PlotCanvas width=560 height=260 label="smoothing-validation" draw=move |area| {
                        let lang = lang.get();
                        let series = vec![
                            score_series(&plain, Part::Validation, name(0), 0, true),
                            score_series(&smooth, Part::Validation, name(1), 5, true),
                        ];
                        let epochs = state.with(|s| s.epochs().unwrap_or(1)) as f64;
                        let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::CE_AXIS.get(lang).into(), x: 0.0..epochs, y: None, percent: false, legend: Legend::UpperRight, hint: t::WAIT_HINT.get(lang).into() };
                        curves::draw(area, &series, &axes)
                    } />
                    <Lead text=tr(t::VAL_LOSS_HINT) class="hint" />
                </div>
                <div class="chart">
                    <h3>{tr(t::OWN_LOSS_TITLE)}</h3>
                    <PlotCanvas width=560 height=260 label="smoothing-loss" draw=move |area| {
                        let lang = lang.get();
                        let (series, mut axes) = loss_chart(&runs_loss, [(name(0), 0), (name(1), 5)], lang);
                        axes.hint = t::WAIT_HINT.get(lang).into();
                        curves::draw(area, &series, &axes)
                    } />
                    <Lead class="hint" text=move || fill(t::OWN_LOSS_HINT.get(lang.get()), &[&train_eps(), &format!("{:.2}", floor(train_eps()))]) />
                </div>
            </div>
            <Questions>
                <Question id="label-smoothing/2" prompt=Signal::derive(move || fill(t::Q2.get(lang.get()), &[&train_eps()]))
                    kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)])
                    answer=Signal::derive(move || {
                        let (a, b) = (eval(plain)?, eval(smooth)?);
                        (plain.phase().ended() && smooth.phase().ended())
                            .then(|| if b.calibration.mean_confidence < a.calibration.mean_confidence { "yes" } else { "no" }.to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{:?}", s))) />
            </Questions>
        </section>
    }
}

mod t {
    use crate::i18n::Text;
    pub const YES: Text = Text::new("会", "Yes");
    pub const NO: Text = Text::new("不会", "No");
    pub const Q_FIX: Text = Text::new("（先把 ε 改成能用的数。）", "(First make ε a usable number.)");
    pub const Q1: Text = Text::new(
        "ε = {0}、共 {1} 类时，软标签给正确类的目标值是多少？",
        "With ε = {0} and {1} classes, what target does the soft label give the right class?",
    );
    pub const Q1_HINT: Text = Text::new(
        "ε 平分给全部 K 类（包括正确类），正确类再加上 1 − ε。",
        "ε is shared by all K classes (the right one included), and the right class adds 1 − ε.",
    );
    pub const Q1_WHY: Text = Text::new(
        "q = 1 − ε + ε / K：上面“软标签”那张图里最高的一根。",
        "q = 1 − ε + ε / K: the tallest bar of the soft-label chart.",
    );
    pub const Q2: Text = Text::new(
        "用 ε = {0} 训练的网络，在验证数字上的平均置信度会比用硬标签训练的低吗？",
        "Will the network trained with ε = {0} be less confident on average on the validation digits than the one trained on hard labels?",
    );
    pub const Q2_HINT: Text =
        Text::new("软标签的最优输出就不是 100%。", "With soft labels the best output is no longer 100%.");
    pub const Q2_WHY: Text = Text::new(
        "看两张可靠性图：平滑把点从对角线下方（过度自信）往上拉；ε 太大会拉过头（欠自信）。",
        "See the two reliability diagrams: smoothing lifts points from below the diagonal (over-confident); too large an ε lifts them past it (under-confident).",
    );
    pub const Q2_PENDING: Text =
        Text::new("训练两个网络到结束，就能核对。", "Train both networks to the end to check.");
    /// What the lesson's first screen says it shows (at most three short lines).
    pub const KEY_POINTS: [Text; 3] = [
        Text::new(
            "把硬标签换成软标签：正确类 1 − ε，其余各类平分 ε。",
            "Replace hard labels with soft ones: 1 − ε for the right class, ε shared by the others.",
        ),
        Text::new("模型因此不那么过度自信。", "The model becomes less over-confident."),
        Text::new(
            "可靠性图和 ECE 看模型的把握和它的准确率对不对得上。",
            "Reliability diagrams and ECE show whether a model's confidence matches its accuracy.",
        ),
    ];
    /// The lesson's summary, at its end.
    pub const RECAP: [Text; 3] = [
        Text::new(
            "软标签下，交叉熵不会把 logit 推向无穷大。",
            "With soft labels the cross-entropy does not push logits towards infinity.",
        ),
        Text::new(
            "平滑过的模型，概率更接近真实的正确率（校准更好）。",
            "A smoothed model's probabilities are closer to its real accuracy (better calibrated).",
        ),
        Text::new(
            "比较验证集上的交叉熵，要用同样的硬标签才公平。",
            "Compare validation cross-entropy on the same hard labels to be fair.",
        ),
    ];
    pub const INTRO: Text = Text::new(
        "标签平滑减少模型对标签的绝对置信度，从而降低过拟合的风险。它把独热的“硬标签”换成“软标签”：正确类别拿 1 − ε + ε/K，其余每类拿 ε/K。软标签携带更多信息，使模型在学习时不至于对某些样本过于自信（over-confidence），提高泛化能力。",
        "Label smoothing lowers the model's absolute confidence in its labels, and so the risk of over-fitting. It replaces the one-hot “hard” label with a “soft” one: the correct class gets 1 − ε + ε/K, every other class ε/K. Soft labels carry more information and keep the model from becoming over-confident on some examples, which helps it generalize.",
    );
    pub const TARGETS_TITLE: Text = Text::new("硬标签与软标签", "Hard and soft targets");
    pub const EPS: Text = Text::new("平滑系数 ε", "Smoothing ε");
    pub const EPS_HINT: Text = Text::new("0–0.99", "0–0.99");
    pub const HARD: Text = Text::new("硬标签（真实数字是 3）", "Hard target (the true digit is 3)");
    pub const SOFT: Text = Text::new("软标签，ε = {0}", "Soft target, ε = {0}");
    pub const TARGET_AXIS: Text = Text::new("目标概率", "target probability");
    pub const LOGIT_TITLE: Text = Text::new(
        "损失与正确类别的 logit（其余 logit 为 0）",
        "Loss against the correct class's logit (the others at 0)",
    );
    pub const HARD_LOSS: Text = Text::new("硬标签的交叉熵", "cross-entropy, hard target");
    pub const SOFT_LOSS: Text = Text::new("软标签，ε = {0}", "soft target, ε = {0}");
    pub const LOGIT_AXIS: Text = Text::new("正确类别的 logit z", "logit z of the correct class");
    pub const LOSS: Text = Text::new("损失", "loss");
    pub const LOGIT_HINT: Text = Text::new(
        "硬标签的损失要 z → ∞ 才趋于 0；软标签的在 z = {0} 处最小。所以硬标签让模型不停地把 logit 推大、越来越自信；软标签的损失过了这一点反而变大，logit 就停在有限的大小。",
        "With a hard target the loss approaches 0 only as z → ∞; with a soft target it is smallest at z = {0}. So a hard target keeps the model pushing the logit up and growing ever more confident; a soft target's loss rises beyond that point, so the logit stays finite.",
    );
    pub const EXP_TITLE: Text =
        Text::new("实验：同一个网络，硬标签与软标签", "Experiment: the same network with hard and soft labels");
    pub const EXP_INTRO: Text = Text::new(
        "同一个网络，一个用硬标签，一个用软标签，看谁更自信、谁的自信更可信。两个全连接网络从同一个随机种子出发，在 2000 张数字上训练许多个迭代周期（足以把训练集背下来）；然后在 2000 张验证数字上看：它有多自信？它的自信和它的准确率对得上吗（校准）？",
        "The same network, once with hard labels and once with soft ones: which is more confident, and whose confidence can be trusted? Both dense networks start from the same seed and train for many epochs on 2,000 digits (enough to memorize them); then, on 2,000 validation digits: how confident is each, and does its confidence match its accuracy (calibration)?",
    );
    pub const TRAIN_EPS: Text = Text::new("第二个网络的 ε", "ε of the second network");
    pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
    pub const START: Text = Text::new("▶ 训练两个网络", "▶ Train both networks");
    pub const SUMMARY: Text = Text::new(
        "准确率 {0}%，平均置信度 {1}%，校准误差 ECE = {2}，logit 平均范数 ‖z‖ = {3}",
        "accuracy {0}%, mean confidence {1}%, expected calibration error ECE = {2}, mean L2 norm of the logit vector ‖z‖ = {3}",
    );
    pub const HIST_TITLE: Text =
        Text::new("置信度直方图（最大概率 ≥ 0.5）", "Confidence histogram (top probability ≥ 0.5)");
    pub const WAIT_HINT: Text =
        Text::new("训练结束后，这里会画出两个网络的对比。", "After training, the two networks are compared here.");
    pub const VAL_LOSS_TITLE: Text =
        Text::new("验证集上的交叉熵（普通交叉熵，两者可比）", "Validation cross-entropy (plain, comparable for both)");
    pub const VAL_LOSS_HINT: Text = Text::new(
        "两个网络用同一种度量：没训练过的数字上的普通交叉熵。这个度量是 −log p(正确类别)。硬标签的网络越来越自信，一旦判错，这个损失就很大。",
        "Both networks are measured the same way: plain cross-entropy on digits they were not trained on. That measure is −log p(correct class). The hard-label network grows ever more confident, and when it is wrong this loss is large.",
    );
    pub const OWN_LOSS_TITLE: Text =
        Text::new("各自的训练损失（不可直接比较）", "Each network's own training loss (not comparable)");
    pub const OWN_LOSS_HINT: Text = Text::new(
        "软标签的损失有一个下限：目标本身的熵 H(q)。ε = {0}、10 个类别时它是 {1}，就算网络完全学会也降不到 0；所以这两条曲线量的不是同一个东西。",
        "The soft-label loss has a floor, the entropy H(q) of the target itself: {1} for ε = {0} and 10 classes. Even a perfect network cannot go below it, so these two curves do not measure the same thing.",
    );
    pub const EPOCH_AXIS: Text = Text::new("迭代周期", "epoch");
    pub const CE_AXIS: Text = Text::new("交叉熵", "cross-entropy");
    pub const SHARE_AXIS: Text = Text::new("占验证集的比例", "share of the validation set");
    pub const HIST_HINT: Text = Text::new(
        "每个置信度区间一对柱子：左边是 ε = 0 的网络，右边是平滑后的网络；最右一对是置信度 0.9–1.0。",
        "One pair of bars per confidence bin: the ε = 0 network on the left, the smoothed one on the right; the last pair is confidence 0.9–1.0.",
    );
    pub const RELIABILITY_TITLE: Text = Text::new("可靠性图", "Reliability diagram");
    pub const PERFECT: Text = Text::new("完美校准", "perfect calibration");
    pub const ECE: Text = Text::new("{0}（ECE = {1}）", "{0} (ECE = {1})");
    pub const CONF_AXIS: Text = Text::new("置信度", "confidence");
    pub const ACC_AXIS: Text = Text::new("实际准确率", "actual accuracy");
    pub const RELIABILITY_HINT: Text = Text::new(
        "把预测按置信度分成 10 组，看每组实际对了多少。落在对角线下方说明过度自信：说有 99% 把握，实际却没那么准；落在上方说明置信度偏低（欠自信）。ε 太大时，网络会变得置信度偏低。ECE 是各组“准确率与置信度之差”按组内样本数加权的平均。",
        "Predictions are grouped into 10 bins of confidence and each bin's actual accuracy is plotted. Points below the diagonal mean over-confidence: claiming 99% certainty, right less often; points above it mean under-confidence. With ε too large the network becomes under-confident. ECE averages each bin's gap between accuracy and confidence, weighted by how many predictions fall in it.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_targets_sum_to_one() {
        for eps in [0.0, 0.1, 0.5] {
            let sum: f32 = (0..CLASSES).map(|k| soft_target(k, 3, eps)).sum();
            assert!((sum - 1.0).abs() < 1e-6);
        }
        assert!((soft_target(3, 3, 0.1) - 0.91).abs() < 1e-6);
        assert!((soft_target(0, 3, 0.1) - 0.01).abs() < 1e-6);
        assert!((floor(0.1) - 0.50).abs() < 0.005, "{}", floor(0.1));
        assert_eq!(floor(0.0), 0.0);
        let c = configs(&State::default()).unwrap();
        assert_eq!(c[1].digits_task().unwrap().loss, Loss::CrossEntropy { smoothing: 0.1 });
        // The two lanes differ only in their loss.
        let mut plain = c[1].clone();
        if let engine::tasks::TaskSpec::Digits(t) = &mut plain.task {
            t.loss = Loss::default();
        }
        assert_eq!(plain, c[0]);
    }
}
