//! 焦点损失 — Focal loss: the curves of the paper's first figure (loss against p_t for several γ,
//! the α-balanced form, the modulating factor on its own, values under the pointer, the note's
//! two observations marked), then a strongly imbalanced digit task trained with cross-entropy and
//! with focal loss side by side.

use engine::data::{Part, SplitSpec};
use engine::loss::{Loss, focal_binary};
use engine::nn::Stack;
use engine::tasks::{DigitsTask, Imbalance};
use engine::train::{Evaluation, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::{Deeper, Lead};
use crate::components::field::Field;
use crate::components::lanes::{LaneControls, max_steps};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{fill, tr, use_lang};
use crate::plots::confusion;
use crate::plots::curves::{self, Axes, Legend, Note, Series};
use crate::training::job::{Lane, use_job};
use crate::url_state::{read, text_state, use_query_state};

pub fn page() -> AnyView {
    view! { <FocalLoss /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The paper's γ values.
const GAMMAS: [f32; 5] = [0.0, 0.5, 1.0, 2.0, 5.0];

text_state! {
    struct State {
        gamma: "gamma" = "2" => f32: parse_float(0.0, 10.0),
        alpha: "alpha" = "0.25" => f32: parse_float(0.0, 1.0),
        /// The rare digit.
        class: "class" = "3" => u8: parse_int(0, 9),
        /// The percentage of the rare digit kept for training.
        keep: "keep" = "2" => f32: parse_float(0.1, 100.0),
        epochs: "epochs" = "3" => usize: parse_int(1, 20),
    }
}

/// Cross-entropy (lane 0) and focal loss (lane 1) on digits where one class is rare.
fn configs(st: &State) -> Option<Vec<TrainConfig>> {
    let class = st.class().ok()?;
    let keep = st.keep().ok()? / 100.0;
    let epochs = st.epochs().ok()?;
    let gamma = st.gamma().ok()?;
    Some(
        [Loss::default(), Loss::Focal { gamma, alpha: 1.0 }]
            .into_iter()
            .map(|loss| {
                let task = DigitsTask {
                    loss,
                    imbalance: Some(Imbalance { class, keep }),
                    ..DigitsTask::new(
                        Stack::digits("flatten,dense:128,relu,dense:10").expect("valid"),
                        SplitSpec { train: 8000, validation: 1000, test: 0, holdout: 0 },
                    )
                };
                TrainConfig { epochs, ..TrainConfig::digits(task) }
            })
            .collect(),
    )
}

/// How often the validation part is scored while training.
const EVAL_EVERY: usize = 50;

/// Recall and precision of class `c` from a confusion matrix.
fn recall_precision(confusion: &[u32], c: usize) -> (f32, f32) {
    let n = 10;
    let hit = confusion[c * n + c] as f32;
    let row: u32 = (0..n).map(|p| confusion[c * n + p]).sum();
    let col: u32 = (0..n).map(|t| confusion[t * n + c]).sum();
    (hit / row.max(1) as f32, hit / col.max(1) as f32)
}

#[component]
fn FocalLoss() -> impl IntoView {
    let state = use_query_state::<State>();
    view! {
        <section class="lesson-intro"><p class="formula">"FL(p_t) = −α_t (1 − p_t)^γ log(p_t)"</p></section>
        <Curves state=state />
        <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
        <Experiment state=state />
        <FocalQuestion state=state />
    }
}

/// The loss of an easy example under focal loss, as a share of its cross-entropy: computed by
/// the engine's loss for the γ and α shown.
#[component]
fn FocalQuestion(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let easy = 0.9f32;
    let settings = move || state.with(|s| Some((s.gamma().ok()?, s.alpha().ok()?)));
    let share = Signal::derive(move || {
        let (gamma, alpha) = settings()?;
        Some(format!("{}", focal_binary(easy, 1, gamma, alpha) / focal_binary(easy, 1, 0.0, alpha)))
    });
    let prompt = Signal::derive(move || match settings() {
        Some((gamma, _)) => fill(t::Q1.get(lang.get()), &[&easy, &gamma]),
        None => t::Q_FIX.get(lang.get()).to_string(),
    });
    view! {
        <Questions>
            <Question id="focal-loss/1" prompt=prompt kind=Kind::Relative { share: 0.05 } answer=share hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) />
        </Questions>
    }
}

#[component]
fn Curves(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let hover = RwSignal::new(0.6f64);
    let (width, height) = (760u32, 360u32);
    let on_move = move |ev: web_sys::MouseEvent| {
        use wasm_bindgen::JsCast;
        // Events are delegated, so find the chart from the event's target.
        let Some(el) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("canvas").ok().flatten())
        else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let px = (f64::from(ev.client_x()) - rect.left()) * f64::from(width) / rect.width().max(1.0);
        if let Some(p) = curves::x_at(px, f64::from(width), &(0.0..1.0)) {
            hover.set(p.clamp(0.005, 1.0));
        }
    };
    let gammas = move || {
        let mut g = GAMMAS.to_vec();
        if let Ok(own) = state.with(State::gamma)
            && !g.contains(&own)
        {
            g.push(own);
        }
        g
    };
    let curve = |f: &dyn Fn(f32) -> f32| {
        (1..=200)
            .map(|i| {
                let p = i as f32 / 200.0;
                (f64::from(p), f64::from(f(p)))
            })
            .collect::<Vec<_>>()
    };
    let readout = move || {
        let p = hover.get() as f32;
        let lang = lang.get();
        let rows = gammas()
            .into_iter()
            .map(|g| {
                let l = Loss::Focal { gamma: g, alpha: 1.0 }.of_pt(p);
                view! { <tr><td>{format!("γ = {g}")}</td><td class="num">{format!("{l:.4}")}</td><td class="num">{format!("{:.4}", (1.0 - p).powf(g))}</td></tr> }
            })
            .collect_view();
        view! {
            <table class="data-table readout" data-result="readout">
                <thead><tr><th>{format!("p_t = {p:.3}")}</th><th>{t::LOSS.get(lang)}</th><th>"(1 − p_t)^γ"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::CURVES_TITLE)}</h2>
            <div class="fields">
                <Field label=t::GAMMA name="gamma" value=read(state, |s| s.gamma.clone()) on_input=move |v| state.update(|s| s.gamma = v) error=read(state, |s| s.gamma().err()) hint=t::GAMMA_HINT />
                <Field label=t::ALPHA name="alpha" value=read(state, |s| s.alpha.clone()) on_input=move |v| state.update(|s| s.alpha = v) error=read(state, |s| s.alpha().err()) hint=t::ALPHA_HINT />
            </div>
            <div class="race-row">
                <div on:mousemove=on_move class="hover-area">
                    <PlotCanvas width=width height=height label="focal-curves" draw=move |area| {
                        let lang = lang.get();
                        let mut series: Vec<Series> = gammas().into_iter().enumerate().map(|(i, g)| Series {
                            label: if g == 0.0 { t::CE_LABEL.get(lang).into() } else { format!("γ = {g}") },
                            points: curve(&|p| Loss::Focal { gamma: g, alpha: 1.0 }.of_pt(p)),
                            colour: i,
                            markers: false,
                            line: true,
                        }).collect();
                        if let (Ok(g), Ok(a)) = state.with(|s| (s.gamma(), s.alpha())) {
                            series.push(Series { label: fill(t::BALANCED.get(lang), &[&a, &g]), points: curve(&|p| focal_binary(p, 1, g, a)), colour: 5, markers: false, line: true });
                        }
                        let p = hover.get();
                        series.push(Series { label: String::new(), points: vec![(p, 0.0), (p, 5.0)], colour: 4, markers: false, line: true });
                        let notes = vec![
                            Note { at: (0.75, f64::from(Loss::Focal { gamma: 2.0, alpha: 1.0 }.of_pt(0.75))), text: t::NOTE_EASY.get(lang).into() },
                            Note { at: (0.08, f64::from(Loss::Focal { gamma: 2.0, alpha: 1.0 }.of_pt(0.08))), text: t::NOTE_HARD.get(lang).into() },
                        ];
                        let axes = Axes { x_label: t::PT_AXIS.get(lang).into(), y_label: t::LOSS.get(lang).into(), x: 0.0..1.0, y: Some(0.0..5.0), percent: false, legend: Legend::UpperRight, hint: String::new() };
                        curves::draw_with_notes(area, &series, &axes, &notes)
                    } />
                </div>
                {readout}
            </div>
            <Deeper>
                <ol class="exam-list">
                    <li>{tr(t::OBS_EASY)}</li>
                    <li>{tr(t::OBS_HARD)}</li>
                </ol>
            </Deeper>
            <h3>{tr(t::FACTOR_TITLE)}</h3>
            <PlotCanvas width=760 height=280 label="focal-factor" draw=move |area| {
                let lang = lang.get();
                let series: Vec<Series> = gammas().into_iter().enumerate().map(|(i, g)| Series {
                    label: format!("γ = {g}"),
                    points: curve(&|p| (1.0 - p).powf(g)),
                    colour: i,
                    markers: false,
                    line: true,
                }).collect();
                let axes = Axes { x_label: t::PT_AXIS.get(lang).into(), y_label: "(1 − p_t)^γ".into(), x: 0.0..1.0, y: Some(0.0..1.05), percent: false, legend: Legend::UpperRight, hint: String::new() };
                curves::draw(area, &series, &axes)
            } />
        </section>
    }
}

#[component]
fn Experiment(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    let job = use_job();
    let runs = job.lanes(2);
    let configs = Signal::derive(move || state.with(configs));
    let class = move || state.with(|s| s.class().unwrap_or(3)) as usize;
    let names = [t::CE, t::FOCAL];
    let runs_loss = runs.clone();
    let card = move |i: usize, run: Lane| {
        view! {
            <div class="result-card" data-result=["lane-ce", "lane-focal"][i]>
                <h3>{move || names[i].get(lang.get())}</h3>
                {move || run.with(|r| r.evaluation(Part::Validation).cloned()).map(|e: Evaluation| {
                    let l = lang.get();
                    let (recall, precision) = recall_precision(&e.confusion, class());
                    let share = run.with(|r| r.evaluation(Part::Train).map(|t| t.easy_loss_share));
                    view! {
                        <p>{fill(t::MINORITY.get(l), &[&class(), &format!("{:.1}", recall * 100.0), &format!("{:.1}", precision * 100.0)])}</p>
                        <p>{fill(t::OVERALL.get(l), &[&format!("{:.1}", e.accuracy * 100.0)])}</p>
                        <p>{share.map(|s| fill(t::SHARE.get(l), &[&format!("{:.0}", s * 100.0), &format!("{:.0}", (1.0 - s) * 100.0)]))}</p>
                        <PlotCanvas width=340 height=340 label=["confusion-ce", "confusion-focal"][i] draw=move |area| {
                            let lang = lang.get();
                            confusion::draw(area, &e.confusion, 10, t::TRUE_AXIS.get(lang), t::PRED_AXIS.get(lang))
                        } />
                    }
                })}
            </div>
        }
    };
    let runs_table = [runs[0], runs[1]];
    let runs_q = [runs[0], runs[1]];
    let table = move || {
        let lang = lang.get();
        let confusions =
            runs_table.map(|run| run.with(|r| r.evaluation(Part::Validation).map(|e| e.confusion.clone())));
        let selected = class();
        let rows = (0..10)
            .map(|c| {
                let cell = |confusion: &Option<Vec<u32>>| confusion.as_ref().map(|m| { let (r, p) = recall_precision(m, c); format!("{:.0}% / {:.0}%", r * 100.0, p * 100.0) }).unwrap_or_else(|| "—".into());
                view! { <tr class:selected=c == selected><td>{c}</td><td class="num">{cell(&confusions[0])}</td><td class="num">{cell(&confusions[1])}</td></tr> }
            })
            .collect_view();
        view! {
            <table class="data-table" data-result="per-class">
                <thead><tr><th>{t::DIGIT.get(lang)}</th><th>{t::CE.get(lang)}</th><th>{t::FOCAL.get(lang)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::EXP_TITLE)}</h2>
            <Lead text=move || state.with(|s| fill(t::EXP_INTRO.get(lang.get()), &[&s.keep, &s.class().unwrap_or(3), &s.gamma().unwrap_or(2.0)])) />
            <div class="fields">
                <Field label=t::CLASS name="class" value=read(state, |s| s.class.clone()) on_input=move |v| state.update(|s| s.class = v) error=read(state, |s| s.class().err()) />
                <Field label=t::KEEP name="keep" value=read(state, |s| s.keep.clone()) on_input=move |v| state.update(|s| s.keep = v) error=read(state, |s| s.keep().err()) hint=t::KEEP_HINT />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            <LaneControls job=job configs=configs parts=vec![Part::Train] eval_every=EVAL_EVERY start_label=t::START />
            <PlotCanvas width=900 height=260 label="focal-validation" draw=move |area| {
                let lang = lang.get();
                let series: Vec<Series> = runs_loss.iter().enumerate().map(|(i, r)| Series {
                    label: names[i].get(lang).into(),
                    points: r.with(|l| l.scores.iter().filter(|s| s.part == Part::Validation).map(|s| (s.steps_done as f64, f64::from(s.loss))).collect()),
                    colour: [0, 5][i],
                    markers: true,
                    line: true,
                }).collect();
                let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::CE_AXIS.get(lang).into(), x: 0.0..max_steps(&runs_loss), y: None, percent: false, legend: Legend::UpperRight, hint: t::WAIT_HINT.get(lang).into() };
                curves::draw(area, &series, &axes)
            } />
            <Lead text=tr(t::VAL_HINT) class="hint" />
            <div class="two-col even">{card(0, runs[0])}{card(1, runs[1])}</div>
            <h3>{tr(t::TABLE_TITLE)}</h3>
            {table}
            <Deeper><p class="hint">{tr(t::EXP_HINT)}</p></Deeper>
            <Questions>
                <Question id="focal-loss/2" prompt=Signal::derive(move || state.with(|s| fill(t::Q2.get(lang.get()), &[&s.class, &s.keep])))
                    kind=Kind::Choice(vec![("focal", t::FOCAL), ("ce", t::CE)])
                    answer=Signal::derive(move || {
                        let recall = |r: Lane| r.with(|l| l.phase.ended().then(|| l.evaluation(Part::Validation).map(|e| recall_precision(&e.confusion, class()).0)).flatten());
                        let (ce, focal) = (recall(runs_q[0])?, recall(runs_q[1])?);
                        Some(if focal > ce { "focal" } else { "ce" }.to_string())
                    })
                    hint=t::Q2_HINT explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) pending=t::Q2_PENDING
                    about=Signal::derive(move || state.with(|s| format!("{:?}", s))) />
            </Questions>
        </section>
    }
}

mod t {
    use crate::i18n::Text;
    pub const Q_FIX: Text = Text::new("（先把 γ 和 α 改成能用的数。）", "(First make γ and α usable numbers.)");
    pub const Q1: Text = Text::new(
        "一个容易的样本（p_t = {0}），γ = {1} 时，焦点损失是同一个 α 下交叉熵的几分之几？（填小数）",
        "An easy example (p_t = {0}) with γ = {1}: what share of its cross-entropy (same α) is its focal loss? (A decimal.)",
    );
    pub const Q1_HINT: Text = Text::new("两者只差一个因子 (1 − p_t)^γ。", "They differ by one factor, (1 − p_t)^γ.");
    pub const Q1_WHY: Text = Text::new(
        "(1 − p_t)^γ：容易的样本几乎不再贡献损失，训练的注意力留给难分的样本。把指针移到曲线上看一看。",
        "(1 − p_t)^γ: easy examples barely count any more, so training attends to the hard ones. Move the pointer over the curves to see.",
    );
    pub const Q2: Text = Text::new(
        "数字 {0} 只保留 {1}% 时，哪种损失训练出的网络对它的召回率更高？",
        "With only {1}% of digit {0} kept, which loss trains a network with the higher recall of it?",
    );
    pub const Q2_HINT: Text = Text::new(
        "少见的数字是“难”样本：焦点损失给难样本更大的权重。",
        "The rare digit's examples are the hard ones, and focal loss weighs hard examples more.",
    );
    pub const Q2_WHY: Text = Text::new(
        "看两张混淆矩阵里稀有数字那一行。结果取决于保留的比例和迭代周期数：以量到的为准。",
        "See the rare digit's row in both confusion matrices. The outcome depends on the share kept and the epochs: the measurement decides.",
    );
    pub const Q2_PENDING: Text =
        Text::new("训练两个网络到结束，就能核对。", "Train both networks to the end to check.");
    /// What the lesson's first screen says it shows (at most three short lines).
    pub const KEY_POINTS: [Text; 3] = [
        Text::new("焦点损失在交叉熵前面乘上 (1 − p_t)^γ。", "Focal loss multiplies the cross-entropy by (1 − p_t)^γ."),
        Text::new("容易分对的样本（p_t 接近 1）的损失被压低。", "Easy examples (p_t near 1) are down-weighted."),
        Text::new(
            "它用于类别极不平衡的情形，比如一个很少见的数字。",
            "It is for strongly imbalanced classes, such as a rare digit.",
        ),
    ];
    /// The lesson's summary, at its end.
    pub const RECAP: [Text; 3] = [
        Text::new("γ = 0 时，焦点损失就是交叉熵。", "With γ = 0 focal loss is the cross-entropy."),
        Text::new("γ 越大，越关注难分的样本。", "The larger γ, the more weight on hard examples."),
        Text::new(
            "稀有类上的效果要在这里量：以量到的为准。",
            "Its effect on the rare class is measured here: the measurement decides.",
        ),
    ];
    pub const INTRO: Text = Text::new(
        "焦点损失用来解决单阶段目标检测中正负样本数量极不平衡的问题：在交叉熵前面乘上调制因子 (1 − p_t)^γ，p_t 是模型给正确类别的概率。γ = 0 时就是交叉熵。",
        "Focal loss tackles the extreme imbalance between positive and negative examples in one-stage object detection: cross-entropy is multiplied by a modulating factor (1 − p_t)^γ, where p_t is the probability the model gives the correct class. With γ = 0 it is cross-entropy.",
    );
    pub const CURVES_TITLE: Text =
        Text::new("损失与 p_t 的关系（论文的图 1）", "Loss against p_t (the paper's figure 1)");
    pub const GAMMA: Text = Text::new("γ（曲线和下面的训练）", "γ (curves and the training below)");
    pub const GAMMA_HINT: Text =
        Text::new("上图的曲线，也用于下面的训练", "your curve above, also used by the training below");
    pub const ALPHA: Text = Text::new("α（只用于曲线）", "α (curves only)");
    pub const ALPHA_HINT: Text = Text::new(
        "二分类的平衡系数；十分类训练用 α = 1（共同的 α 只缩放损失）",
        "the binary balancing weight; the ten-class training uses α = 1 (one shared α only rescales the loss)",
    );
    pub const CE_LABEL: Text = Text::new("γ = 0（交叉熵）", "γ = 0 (cross-entropy)");
    pub const BALANCED: Text = Text::new("α = {0}，γ = {1}（α 平衡）", "α = {0}, γ = {1} (α-balanced)");
    pub const PT_AXIS: Text = Text::new("正确类别的概率 p_t", "probability of the correct class p_t");
    pub const LOSS: Text = Text::new("损失", "loss");
    pub const NOTE_EASY: Text = Text::new("① 易分样本", "① easy examples");
    pub const NOTE_HARD: Text = Text::new("② 被错分的样本", "② misclassified examples");
    pub const OBS_EASY: Text = Text::new(
        "当 p_t 趋向于 1，说明该样本是易区分样本，此时调制因子 (1 − p_t)^γ 趋向于 0，它对损失的贡献较小：易分样本的损失比例被降低了。",
        "As p_t tends to 1 the example is easy, and the modulating factor (1 − p_t)^γ tends to 0: its contribution to the loss is small, so easy examples weigh less.",
    );
    pub const OBS_HARD: Text = Text::new(
        "当 p_t 很小，也就是样本被错分了，此时调制因子趋向于 1，损失几乎不受影响。",
        "When p_t is small, the example is misclassified, and the factor tends to 1: its loss is almost unchanged.",
    );
    pub const FACTOR_TITLE: Text = Text::new("调制因子 (1 − p_t)^γ", "The modulating factor (1 − p_t)^γ");
    pub const EXP_TITLE: Text =
        Text::new("实验：一个极不平衡的数字任务", "Experiment: a strongly imbalanced digit task");
    pub const EXP_INTRO: Text = Text::new(
        "从训练集里拿走数字 {1} 的大部分样本，只留下 {0}%（其余数字各约 800 张）。同一个网络、同一个随机种子，分别用交叉熵和焦点损失（γ = {2}，α = 1）训练，然后在均衡的验证集上看这个稀有数字的召回率和精确率。",
        "Take most examples of digit {1} out of the training set, keeping {0}% (the other digits have about 800 each). Train the same network from the same seed with cross-entropy and with focal loss (γ = {2}, α = 1), then look at the rare digit's recall and precision on the balanced validation set.",
    );
    pub const CLASS: Text = Text::new("稀有的数字", "Rare digit");
    pub const KEEP: Text = Text::new("保留 %", "Keep %");
    pub const KEEP_HINT: Text = Text::new("0.1–100", "0.1–100");
    pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
    pub const START: Text = Text::new("▶ 两种损失同时训练", "▶ Train with both losses");
    pub const CE: Text = Text::new("交叉熵", "cross-entropy");
    pub const FOCAL: Text = Text::new("焦点损失", "focal loss");
    pub const MINORITY: Text =
        Text::new("稀有数字 {0}：召回率 {1}%，精确率 {2}%", "Rare digit {0}: recall {1}%, precision {2}%");
    pub const OVERALL: Text = Text::new("整体准确率 {0}%", "Overall accuracy {0}%");
    pub const SHARE: Text = Text::new(
        "训练损失里，易分样本（p_t ≥ 0.5）占 {0}%，难分样本占 {1}%。",
        "Of its training loss, easy examples (p_t ≥ 0.5) make {0}%, hard ones {1}%.",
    );
    pub const STEP_AXIS: Text = Text::new("训练步数", "training step");
    pub const CE_AXIS: Text = Text::new("验证集交叉熵", "validation cross-entropy");
    pub const WAIT_HINT: Text = Text::new(
        "开始训练后，这里会画出两个网络在验证集上的交叉熵。",
        "Start training: both networks' validation cross-entropy appears here.",
    );
    pub const VAL_HINT: Text = Text::new(
        "两个网络用同一种度量比较：验证集上的普通交叉熵。它们各自的训练损失不能放在一起比：焦点损失把易分样本的损失乘了 (1 − p_t)^γ，数值天然就小。",
        "Both networks are compared on one measure: plain cross-entropy on the validation set. Their own training losses cannot be compared: focal loss multiplies easy examples' losses by (1 − p_t)^γ, so its values are smaller by construction.",
    );
    pub const TRUE_AXIS: Text = Text::new("真实", "true");
    pub const PRED_AXIS: Text = Text::new("判断", "predicted");
    pub const TABLE_TITLE: Text =
        Text::new("每个数字的召回率 / 精确率（验证集）", "Recall / precision of every digit (validation)");
    pub const DIGIT: Text = Text::new("数字", "Digit");
    pub const EXP_HINT: Text = Text::new(
        "召回率：真实是这个数字的样本里，被认出来的比例；精确率：被判为这个数字的样本里，判对的比例。焦点损失把大量易分样本的损失压得很小，让难分的（包括稀有类的）样本在总损失里占更大的比重。",
        "Recall: of the examples that really are this digit, the share recognized; precision: of those predicted as this digit, the share right. Focal loss shrinks the loss of the many easy examples, so hard ones, the rare class among them, weigh more in the total.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recall_and_precision_from_a_confusion_matrix() {
        let mut m = vec![0u32; 100];
        m[3 * 10 + 3] = 6;
        m[3 * 10 + 5] = 2; // two threes taken for fives
        m[8 * 10 + 3] = 3; // three eights taken for threes
        let (r, p) = recall_precision(&m, 3);
        assert!((r - 0.75).abs() < 1e-6 && (p - 6.0 / 9.0).abs() < 1e-6);
        let c = configs(&State::default()).unwrap();
        let task = |i: usize| c[i].digits_task().unwrap();
        assert_eq!(task(0).loss, Loss::default());
        assert_eq!(task(1).loss, Loss::Focal { gamma: 2.0, alpha: 1.0 });
        assert_eq!(task(0).imbalance, Some(Imbalance { class: 3, keep: 0.02 }));
    }
}
