//! 学习率调度 — Learning-rate schedules: step decay, exponential decay and cosine annealing (plus
//! warm-up and warm restarts) with their formulas; a learning rate too large overshoots and one
//! too small crawls; the same model trained with each schedule.

use engine::data::SplitSpec;
use engine::nn::Stack;
use engine::schedule::Schedule;
use engine::tasks::DigitsTask;
use engine::train::{Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::{Deeper, MoreSettings};
use crate::components::field::{Field, InputError};
use crate::components::lanes::{LaneControls, loss_chart, max_steps};
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Lang, Text, fill, percent, tr, use_lang};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::training::job::{latest_validation, use_job};
use crate::url_state::{text_state, use_query_state};

pub fn page() -> AnyView {
    view! { <LrSchedules /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

text_state! {
    /// The note's example: halve the learning rate every 10 epochs.
    struct State {
        lr: "lr" = "0.1" => f64: parse_positive(10.0),
        total: "T" = "30" => f64: parse_float(1.0, 1000.0),
        every: "every" = "10" => f64: parse_float(0.1, 1000.0),
        factor: "factor" = "0.5" => f64: parse_float(0.0, 1.0),
        k: "k" = "0.1" => f64: parse_float(0.0, 10.0),
        floor: "floor" = "0" => f64: parse_float(0.0, 1.0),
        warmup: "warmup" = "3" => f64: parse_float(0.0, 1000.0),
        period: "period" = "10" => f64: parse_float(0.1, 1000.0),
        /// The three learning rates of the parabola picture.
        small: "small" = "0.05" => f64: parse_positive(1.2),
        good: "good" = "0.4" => f64: parse_positive(1.2),
        large: "large" = "0.95" => f64: parse_positive(1.2),
        epochs: "epochs" = "6" => usize: parse_int(1, 50),
    }
}

/// The schedules' names, in the order `schedules` returns them.
const NAMES: [Text; 6] = [t::CONSTANT, t::STEP, t::EXPONENTIAL, t::COSINE, t::WARMUP, t::RESTARTS];

/// The schedules with the state's parameters, or `None` while a field does not read.
fn schedules(st: &State) -> Option<[Schedule; 6]> {
    let (every, factor, k) = (st.every().ok()?, st.factor().ok()?, st.k().ok()?);
    let (floor, warmup, period) = (st.floor().ok()?, st.warmup().ok()?, st.period().ok()?);
    Some([
        Schedule::Constant,
        Schedule::StepDecay { every, factor },
        Schedule::Exponential { k },
        Schedule::Cosine { floor },
        Schedule::WarmupCosine { warmup, floor },
        Schedule::WarmRestarts { period, floor },
    ])
}

/// The comparison runs: the same small network and seed, one schedule each (SGD with momentum).
fn configs(st: &State) -> Option<Vec<TrainConfig>> {
    let lr = st.lr().ok()?;
    let epochs = st.epochs().ok()?;
    let runs = schedules(st)?.into_iter();
    // The training runs last `epochs`, so time-based parameters are scaled to that length.
    let scale = epochs as f64 / st.total().ok()?;
    Some(
        runs.map(|s| TrainConfig {
            optimizer: Optimizer::Momentum { momentum: 0.9 },
            learning_rate: lr,
            batch_size: 64,
            epochs,
            schedule: match s {
                Schedule::StepDecay { every, factor } => Schedule::StepDecay { every: every * scale, factor },
                Schedule::Exponential { k } => Schedule::Exponential { k: k / scale },
                Schedule::WarmupCosine { warmup, floor } => Schedule::WarmupCosine { warmup: warmup * scale, floor },
                Schedule::WarmRestarts { period, floor } => Schedule::WarmRestarts { period: period * scale, floor },
                other => other,
            },
            ..TrainConfig::digits(DigitsTask::new(
                Stack::digits("flatten,dense:128,relu,dense:10").expect("valid"),
                SplitSpec { train: 4000, validation: 1000, test: 0, holdout: 0 },
            ))
        })
        .collect(),
    )
}

/// Gradient descent on f(x) = x² from x = 1: the positions after each step.
fn descent(lr: f64, steps: usize) -> Vec<f64> {
    let mut x = 1.0;
    let mut out = vec![x];
    for _ in 0..steps {
        x -= lr * 2.0 * x;
        out.push(x);
    }
    out
}

#[component]
fn LrSchedules() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let field = move |label: Text,
                      name: &'static str,
                      get: fn(&State) -> String,
                      set: fn(&mut State, String),
                      check: fn(&State) -> Option<InputError>| {
        view! {
            <Field label=label name=name value=Signal::derive(move || state.with(get)) on_input=move |v| state.update(|s| set(s, v)) error=Signal::derive(move || state.with(check)) />
        }
    };
    let total = move || state.with(|s| s.total().unwrap_or(30.0));
    let lr0 = move || state.with(|s| s.lr().unwrap_or(0.1));
    let job = use_job();
    let runs = job.lanes(NAMES.len());
    let finals = latest_validation(&runs);
    let configs = Signal::derive(move || state.with(configs));
    let runs_loss = runs.clone();
    let runs_lr = runs.clone();
    let names = move |lang: Lang| NAMES.map(|n| n.get(lang).to_string());
    view! {
        <section class="panel">
            <h2>{tr(t::CURVES_TITLE)}</h2>
            <div class="fields">
                {field(t::LR0, "lr", |s| s.lr.clone(), |s, v| s.lr = v, |s| s.lr().err())}
                {field(t::TOTAL, "T", |s| s.total.clone(), |s, v| s.total = v, |s| s.total().err())}
                {field(t::EVERY, "every", |s| s.every.clone(), |s, v| s.every = v, |s| s.every().err())}
                {field(t::FACTOR, "factor", |s| s.factor.clone(), |s, v| s.factor = v, |s| s.factor().err())}
            </div>
            <MoreSettings>
                {field(t::K, "k", |s| s.k.clone(), |s, v| s.k = v, |s| s.k().err())}
                {field(t::FLOOR, "floor", |s| s.floor.clone(), |s, v| s.floor = v, |s| s.floor().err())}
                {field(t::WARMUP_N, "warmup", |s| s.warmup.clone(), |s, v| s.warmup = v, |s| s.warmup().err())}
                {field(t::PERIOD, "period", |s| s.period.clone(), |s, v| s.period = v, |s| s.period().err())}
            </MoreSettings>
            <div class="row">
                <button class="btn small" data-action="note-preset" on:click=move |_| state.set(State::default())>{tr(t::NOTE_PRESET)}</button>
            </div>
            <PlotCanvas width=900 height=340 label="schedules" draw=move |area| {
                let lang = lang.get();
                let (t_max, lr) = (total(), lr0());
                let series: Vec<Series> = state.with(schedules).into_iter().flatten().zip(NAMES).enumerate().map(|(i, (s, name))| Series {
                    label: name.get(lang).into(),
                    points: (0..=400).map(|j| { let t = t_max * j as f64 / 400.0; (t, lr * s.factor(t, t_max)) }).collect(),
                    colour: i,
                    markers: false,
                line: true,
                }).collect();
                let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::LR_AXIS.get(lang).into(), x: 0.0..t_max, y: Some(0.0..lr * 1.05), percent: false, legend: Legend::Outside, hint: String::new() };
                curves::draw(area, &series, &axes)
            } />
            <Deeper>
                <p>{tr(t::INTRO)}</p>
                <div class="formula" data-result="formulas">
                    <div>{tr(t::F_STEP)}</div>
                    <div>{tr(t::F_EXP)}</div>
                    <div>{tr(t::F_COS)}</div>
                    <div>{tr(t::F_WARM)}</div>
                    <div>{tr(t::F_RESTART)}</div>
                </div>
                <p class="callout" data-result="cosine-note">{tr(t::COSINE_NOTE)}</p>
            </Deeper>
        </section>
        <section class="panel">
            <h2>{tr(t::SIZE_TITLE)}</h2>
            <Deeper><p>{tr(t::SIZE_INTRO)}</p></Deeper>
            <div class="fields">
                {field(t::SMALL, "small", |s| s.small.clone(), |s, v| s.small = v, |s| s.small().err())}
                {field(t::GOOD, "good", |s| s.good.clone(), |s, v| s.good = v, |s| s.good().err())}
                {field(t::LARGE, "large", |s| s.large.clone(), |s, v| s.large = v, |s| s.large().err())}
            </div>
            <PlotCanvas width=900 height=340 label="parabola" draw=move |area| {
                let lang = lang.get();
                let rates = state.with(|s| [s.small(), s.good(), s.large()].map(Result::ok));
                let mut series = vec![Series { label: "f(x) = x²".into(), points: (0..=100).map(|i| { let x = -1.2 + 2.4 * i as f64 / 100.0; (x, x * x) }).collect(), colour: 4, markers: false, line: true }];
                let names = [t::SMALL, t::GOOD, t::LARGE];
                for (i, lr) in rates.iter().enumerate() {
                    let Some(lr) = lr else { continue };
                    series.push(Series {
                        label: format!("{} α = {lr}", names[i].get(lang)),
                        points: descent(*lr, 12).into_iter().map(|x| (x, x * x)).collect(),
                        colour: [2, 0, 5][i],
                        markers: true,
                    line: true,
                    });
                }
                let axes = Axes { x_label: "x".into(), y_label: "f(x)".into(), x: -1.2..1.2, y: Some(0.0..1.45), percent: false, legend: Legend::UpperRight, hint: String::new() };
                curves::draw(area, &series, &axes)
            } />
            <p class="hint">{tr(t::SIZE_HINT)}</p>
        </section>
        <section class="panel">
            <h2>{tr(t::TRAIN_TITLE)}</h2>
            <Deeper><p>{tr(t::TRAIN_INTRO)}</p></Deeper>
            <div class="fields">
                {field(t::EPOCHS, "epochs", |s| s.epochs.clone(), |s, v| s.epochs = v, |s| s.epochs().err())}
            </div>
            <LaneControls job=job configs=configs start_label=t::START />
            <div class="charts">
                <div class="chart">
                    <h3>{tr(t::LOSS_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="schedule-loss" draw=move |area| {
                        let lang = lang.get();
                        let names = names(lang);
                        let (series, mut axes) = loss_chart(&runs_loss, names.into_iter().zip(0..), lang);
                        axes.legend = Legend::Outside;
                        axes.hint = t::TRAIN_HINT.get(lang).into();
                        curves::draw(area, &series, &axes)
                    } />
                </div>
                <div class="chart">
                    <h3>{tr(t::LR_CHART)}</h3>
                    <PlotCanvas width=560 height=300 label="schedule-lr" draw=move |area| {
                        let lang = lang.get();
                        let names = names(lang);
                        let series: Vec<Series> = runs_lr.iter().zip(names).enumerate().map(|(i, (r, label))| Series {
                            label,
                            points: r.with(|l| l.learning_rates.iter().enumerate().map(|(j, v)| ((j + 1) as f64, f64::from(*v))).collect()),
                            colour: i,
                            markers: false,
                        line: true,
                        }).collect();
                        let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: t::LR_AXIS.get(lang).into(), x: 0.0..max_steps(&runs_lr), y: None, percent: false, legend: Legend::Outside, hint: t::TRAIN_HINT.get(lang).into() };
                        curves::draw(area, &series, &axes)
                    } />
                </div>
            </div>
            <div class="final-scores" data-result="final">
                {move || finals.get().into_iter().zip(names(lang.get())).filter_map(|(f, name)| {
                    let (acc, _) = f?;
                    Some(view! { <span class="chip">{name}": "{percent(acc)}</span> })
                }).collect_view()}
            </div>
        </section>
        <ScheduleQuestions state=state />
    }
}

/// The step decay's rate at an epoch, and whether the largest step size converges on the
/// parabola: both computed on the page from the settings shown.
#[component]
fn ScheduleQuestions(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    // An epoch three quarters of the way through the schedule.
    let asked = move || {
        state.with(|s| {
            let (lr, total, every, factor) = (s.lr().ok()?, s.total().ok()?, s.every().ok()?, s.factor().ok()?);
            let at = (total * 0.75).floor();
            Some((lr, total, every, factor, at, lr * Schedule::StepDecay { every, factor }.factor(at, total)))
        })
    };
    let q1 = Signal::derive(move || match asked() {
        Some((lr, _, every, factor, at, _)) => fill(t::Q1.get(lang.get()), &[&lr, &every, &factor, &at]),
        None => t::Q_FIX.get(lang.get()).to_string(),
    });
    let rate = Signal::derive(move || asked().map(|a| format!("{}", a.5)));
    let large = move || state.with(|s| s.large().ok());
    let q2 = Signal::derive(move || match large() {
        Some(lr) => fill(t::Q2.get(lang.get()), &[&lr]),
        None => t::Q_FIX.get(lang.get()).to_string(),
    });
    let converges = Signal::derive(move || {
        let lr = large()?;
        let last = *descent(lr, 200).last()?;
        Some(if last.abs() < 1e-3 { "yes" } else { "no" }.to_string())
    });
    view! {
        <Questions>
            <Question id="lr-schedules/1" prompt=q1 kind=Kind::Relative { share: 0.01 } answer=rate hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) />
            <Question id="lr-schedules/2" prompt=q2 kind=Kind::Choice(vec![("yes", t::YES), ("no", t::NO)]) answer=converges hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) />
        </Questions>
    }
}

mod t {
    use crate::i18n::Text;
    pub const YES: Text = Text::new("会", "Yes");
    pub const NO: Text = Text::new("不会", "No");
    pub const Q_FIX: Text = Text::new("（先把上面的设置改成能算的。）", "(First make the settings above valid.)");
    pub const Q1: Text = Text::new(
        "固定步长衰减：α₀ = {0}，每 {1} 个迭代周期乘以 {2}。第 {3} 个迭代周期时，学习率是多少？",
        "Step decay: α₀ = {0}, multiplied by {2} every {1} epochs. What is the learning rate at epoch {3}?",
    );
    pub const Q1_HINT: Text = Text::new(
        "数一数到那时已经衰减了几次：⌊t / 间隔⌋。",
        "Count how many decays have happened by then: ⌊t / interval⌋.",
    );
    pub const Q1_WHY: Text = Text::new(
        "α = α₀ × 因子^⌊t / 间隔⌋：图上“固定步长衰减”那条阶梯线。",
        "α = α₀ × factor^⌊t / interval⌋: the staircase line in the chart.",
    );
    pub const Q2: Text = Text::new(
        "在 f(x) = x² 上从 x = 1 出发，学习率 α = {0}：梯度下降会走到最低点吗？",
        "On f(x) = x², starting at x = 1 with learning rate α = {0}: will gradient descent reach the minimum?",
    );
    pub const Q2_HINT: Text = Text::new(
        "每一步 x 变成 (1 − 2α)·x：这个数的绝对值小于 1 吗？",
        "Each step turns x into (1 − 2α)·x: is that factor smaller than 1 in size?",
    );
    pub const Q2_WHY: Text = Text::new(
        "|1 − 2α| < 1，即 0 < α < 1 时收敛；α 接近 1 时来回振荡，大于 1 时发散。拖动“太大”的学习率试试。",
        "It converges when |1 − 2α| < 1, that is 0 < α < 1; near 1 it swings back and forth, above 1 it diverges. Drag the large rate and see.",
    );
    /// What the lesson's first screen says it shows (at most three short lines).
    pub const KEY_POINTS: [Text; 3] = [
        Text::new(
            "学习率太大到不了最低点，太小又学得太慢。",
            "Too large a learning rate misses the minimum; too small learns too slowly.",
        ),
        Text::new(
            "调度让学习率随训练逐渐变小：固定步长衰减、指数衰减、余弦退火。",
            "A schedule lowers it as training goes: step decay, exponential decay, cosine annealing.",
        ),
        Text::new("预热和热重启是两种常见的变化。", "Warm-up and warm restarts are two common variations."),
    ];
    /// The lesson's summary, at its end.
    pub const RECAP: [Text; 3] = [
        Text::new("笔记的例子：每 10 个迭代周期减半。", "The note's example: halve every 10 epochs."),
        Text::new(
            "余弦退火在中段下降最快，开头和结尾都平缓。",
            "Cosine annealing falls fastest in the middle and is flat at both ends.",
        ),
        Text::new(
            "比较调度要用同样的网络、种子和初始学习率。",
            "Compare schedules with the same network, seed and initial learning rate.",
        ),
    ];
    pub const INTRO: Text = Text::new(
        "学习率太大会达不到最低点，太小则会太慢，效率不高。学习率调度让学习率随训练进程变化：一开始大步前进，后来小步微调。",
        "A learning rate too large never settles at the lowest point; one too small is slow and wasteful. A schedule changes the learning rate as training goes on: big steps at first, small adjustments later.",
    );
    pub const CURVES_TITLE: Text = Text::new("常见的学习率调度", "Common schedules");
    pub const LR0: Text = Text::new("初始学习率 α₀", "Initial learning rate α₀");
    pub const TOTAL: Text = Text::new("总迭代周期数 T", "Total epochs T");
    pub const EVERY: Text = Text::new("每隔几个迭代周期衰减", "Decay every (epochs)");
    pub const FACTOR: Text = Text::new("衰减因子", "Decay factor");
    pub const K: Text = Text::new("指数衰减率 k", "Exponential rate k");
    pub const FLOOR: Text = Text::new("余弦下限（α₀ 的比例）", "Cosine floor (share of α₀)");
    pub const WARMUP_N: Text = Text::new("预热迭代周期数", "Warm-up epochs");
    pub const PERIOD: Text = Text::new("重启间隔（迭代周期）", "Restart period (epochs)");
    pub const NOTE_PRESET: Text =
        Text::new("笔记的例子：每 10 个迭代周期减半", "The note's example: halve every 10 epochs");
    pub const CONSTANT: Text = Text::new("固定", "constant");
    pub const STEP: Text = Text::new("固定步长衰减", "step decay");
    pub const EXPONENTIAL: Text = Text::new("指数衰减", "exponential decay");
    pub const COSINE: Text = Text::new("余弦退火", "cosine annealing");
    pub const WARMUP: Text = Text::new("预热 + 余弦", "warm-up + cosine");
    pub const RESTARTS: Text = Text::new("热重启", "warm restarts");
    pub const EPOCH_AXIS: Text = Text::new("迭代周期 t", "epoch t");
    pub const LR_AXIS: Text = Text::new("学习率 α", "learning rate α");
    pub const F_STEP: Text =
        Text::new("固定步长衰减：α = α₀ · 衰减因子^⌊t / 间隔⌋", "step decay: α = α₀ · factor^⌊t / every⌋");
    pub const F_EXP: Text = Text::new("指数衰减：α = α₀ · e^(−k·t)", "exponential decay: α = α₀ · e^(−k·t)");
    pub const F_COS: Text = Text::new(
        "余弦退火：α = α_min + (α₀ − α_min) · (1 + cos(π t / T)) / 2",
        "cosine annealing: α = α_min + (α₀ − α_min) · (1 + cos(π t / T)) / 2",
    );
    pub const F_WARM: Text = Text::new(
        "预热：前几个迭代周期从 0 线性增加到 α₀，之后余弦退火",
        "warm-up: rise linearly from 0 to α₀, then cosine annealing",
    );
    pub const F_RESTART: Text = Text::new(
        "热重启：每个重启间隔重新从 α₀ 开始余弦退火",
        "warm restarts: cosine annealing begins again from α₀ every period",
    );
    pub const COSINE_NOTE: Text = Text::new(
        "笔记说余弦退火“让学习率先逐渐减小，再在训练结束时迅速减小到非常低的值”。看上图的曲线：其实它在训练中段下降最快，开头和结尾都很平缓——斜率 −(α₀ − α_min)·π/(2T)·sin(πt/T) 在 t = T/2 时最陡，在 t = 0 和 t = T 时为 0。笔记的描述更像热重启中每一段的样子：一段结束时学习率已降得很低，随后又跳回 α₀。",
        "The note says cosine annealing “first decreases gradually, then drops quickly to a very low value at the end of training”. Look at the curve above: it actually falls fastest mid-run and is flat at both ends, since its slope −(α₀ − α_min)·π/(2T)·sin(πt/T) is steepest at t = T/2 and zero at t = 0 and t = T. The note's description fits warm restarts better: at the end of each period the rate is already very low, then it jumps back to α₀.",
    );
    pub const SIZE_TITLE: Text =
        Text::new("学习率太大、太小会怎样", "What a learning rate too large or too small does");
    pub const SIZE_INTRO: Text = Text::new(
        "在 f(x) = x² 上从 x = 1 出发做 12 步梯度下降：x ← x − α · 2x。",
        "Twelve steps of gradient descent on f(x) = x² from x = 1: x ← x − α · 2x.",
    );
    pub const SMALL: Text = Text::new("太小", "too small");
    pub const GOOD: Text = Text::new("合适", "about right");
    pub const LARGE: Text = Text::new("太大", "too large");
    pub const SIZE_HINT: Text = Text::new(
        "太小：12 步后还在半山腰。太大：每一步都跨过谷底，来回震荡；α 超过 1 就会越跳越高、发散。",
        "Too small: after 12 steps it is still half-way down. Too large: every step jumps over the valley and oscillates; above α = 1 the jumps grow and it diverges.",
    );
    pub const TRAIN_TITLE: Text = Text::new("用每种调度训练同一个网络", "The same network trained with each schedule");
    pub const TRAIN_INTRO: Text = Text::new(
        "同一个全连接网络、同一个随机种子、同样的初始学习率（SGD + 动量 0.9），只改变调度方式。上面的参数按迭代周期数等比例缩放。",
        "The same dense network, seed and initial learning rate (SGD with momentum 0.9); only the schedule changes. The parameters above are scaled to the number of training epochs.",
    );
    pub const EPOCHS: Text = Text::new("迭代周期数", "Training epochs");
    pub const START: Text = Text::new("▶ 训练六个网络", "▶ Train six networks");
    pub const TRAIN_HINT: Text =
        Text::new("开始训练后，这里会画出六种调度的曲线。", "Start training: the six schedules' curves appear here.");
    pub const LOSS_CHART: Text = Text::new("训练损失", "Training loss");
    pub const LR_CHART: Text = Text::new("实际使用的学习率", "The learning rate used");
    pub const STEP_AXIS: Text = Text::new("步数", "step");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parabola_shows_crawling_and_overshooting() {
        let crawl = descent(0.05, 12);
        assert!(crawl[12] > 0.2 && crawl.iter().all(|x| *x > 0.0));
        let zigzag = descent(0.95, 12);
        assert!(zigzag[1] < 0.0 && zigzag[2] > 0.0, "overshoots to the other side");
        assert!(descent(1.1, 12)[12].abs() > 1.0, "diverges");
        let runs = configs(&State::default()).unwrap();
        assert_eq!(runs.len(), 6);
        assert_eq!(runs[5].schedule, Schedule::WarmRestarts { period: 2.0, floor: 0.0 }, "the restarts train too");
        assert_eq!(runs[1].schedule, Schedule::StepDecay { every: 2.0, factor: 0.5 }, "10 of 30 epochs is 2 of 6");
    }
}
