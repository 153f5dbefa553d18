//! L1 / L2 正则化 — An over-parameterized polynomial fitted to a few noisy points, trained live
//! three times side by side: no penalty, L1 and L2, with a λ control. The fit, training against
//! validation loss, and the coefficients (L1 drives some exactly to zero, L2 shrinks them all).

use engine::regression::{Penalty, Points, PolyFit, noisy_sine, truth};
use leptos::prelude::*;

use crate::components::animation::use_animation;
use crate::components::disclosure::{Deeper, MoreSettings};
use crate::components::field::Field;
use crate::components::plot::PlotCanvas;
use crate::components::question::{Kind, Question, Questions};
use crate::i18n::{Text, fill, tr, use_lang};
use crate::plots::bars::{self, Bar};
use crate::plots::curves::{self, Axes, Legend, Series};
use crate::url_state::{read, text_state, use_query_state};

pub fn page() -> AnyView {
    view! { <Regularization /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

text_state! {
    struct State {
        lambda: "lambda" = "0.01" => f32: parse_float(0.0, 1.0),
        degree: "degree" = "15" => usize: parse_int(1, 30),
        points: "n" = "12" => usize: parse_int(3, 100),
        noise: "noise" = "0.3" => f32: parse_float(0.0, 2.0),
        seed: "seed" = "1" => u64: parse_int(0, 1_000_000),
    }
}

/// Everything the fits need, once every control reads.
#[derive(Debug, Clone, PartialEq)]
struct Setup {
    lambda: f32,
    degree: usize,
    train: Points,
    validation: Points,
}

fn setup(st: &State) -> Option<Setup> {
    let (n, noise, seed) = (st.points().ok()?, st.noise().ok()?, st.seed().ok()?);
    Some(Setup {
        lambda: st.lambda().ok()?,
        degree: st.degree().ok()?,
        train: noisy_sine(n, noise, seed),
        validation: noisy_sine(100, noise, seed + 1000),
    })
}

const PENALTIES: [Penalty; 3] = [Penalty::None, Penalty::L1, Penalty::L2];
/// The fits' learning rate α (plain gradient descent on the whole training set).
const LEARNING_RATE: f64 = 0.5;
/// Gradient steps per animation frame.
const STEPS_PER_FRAME: usize = 10;
/// Stop after this many steps (the fits have long settled).
const MAX_STEPS: usize = 6000;

/// What the charts show of one fit.
#[derive(Debug, Clone, PartialEq, Default)]
struct Snapshot {
    curve: Vec<(f64, f64)>,
    weights: Vec<f32>,
    /// Training and validation MSE over the steps.
    history: Vec<(f64, f64, f64)>,
}

/// Brings `shot` up to date with `fit`: the curve and weights now, one more point of history.
fn record(fit: &PolyFit, shot: &mut Snapshot) {
    let xs: Vec<f32> = (0..=120).map(|i| -1.0 + 2.0 * i as f32 / 120.0).collect();
    let ys = fit.predict(&xs);
    let (train, val) = fit.losses();
    shot.curve = xs.iter().zip(ys).map(|(x, y)| (f64::from(*x), f64::from(y))).collect();
    shot.weights = fit.weights();
    shot.history.push((fit.steps() as f64, f64::from(train), f64::from(val)));
}

#[component]
fn Regularization() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let built = Memo::new(move |_| state.with(setup));
    let fits = StoredValue::new_local(Vec::<PolyFit>::new());
    let snapshots = RwSignal::new(vec![Snapshot::default(); 3]);
    let playing = RwSignal::new(false);
    let steps = RwSignal::new(0usize);
    // Any change of the data, degree or λ starts the three fits again from the same weights.
    let restart = move || {
        let Some(s) = built.get_untracked() else { return };
        let new: Vec<PolyFit> = PENALTIES
            .iter()
            .map(|&p| {
                let lambda = if p == Penalty::None { 0.0 } else { s.lambda };
                PolyFit::new(s.train.clone(), s.validation.clone(), s.degree, p, lambda, LEARNING_RATE, 7)
            })
            .collect();
        snapshots.set(
            new.iter()
                .map(|f| {
                    let mut shot = Snapshot::default();
                    record(f, &mut shot);
                    shot
                })
                .collect(),
        );
        fits.set_value(new);
        steps.set(0);
    };
    Effect::new(move |_| {
        built.track();
        restart();
    });
    let advance = move |n: usize| {
        fits.update_value(|fits| {
            for fit in fits.iter_mut() {
                (0..n).for_each(|_| fit.step());
            }
            snapshots.update(|shots| fits.iter().zip(shots.iter_mut()).for_each(|(f, shot)| record(f, shot)));
            steps.set(fits.first().map_or(0, PolyFit::steps));
        });
        if steps.get_untracked() >= MAX_STEPS {
            playing.set(false);
        }
    };
    use_animation(playing.into(), move || advance(STEPS_PER_FRAME));
    let names = [t::NONE, t::L1, t::L2];
    let panel = move |i: usize, name: Text| {
        view! {
            <div class="fit-panel" data-fit=i>
                <h3>{tr(name)}</h3>
                <PlotCanvas width=380 height=280 label=["fit-none", "fit-l1", "fit-l2"][i] draw=move |area| {
                    let lang = lang.get();
                    let Some(s) = built.get() else { return Ok(()) };
                    let curve = snapshots.with(|v| v[i].curve.clone());
                    let series = vec![
                        Series { label: t::TRUTH.get(lang).into(), points: (0..=100).map(|j| { let x = -1.0 + 2.0 * j as f32 / 100.0; (f64::from(x), f64::from(truth(x))) }).collect(), colour: 4, markers: false, line: true },
                        Series { label: t::FIT.get(lang).into(), points: curve, colour: [5, 0, 2][i], markers: false, line: true },
                        Series { label: t::POINTS.get(lang).into(), points: s.train.x.iter().zip(&s.train.y).map(|(x, y)| (f64::from(*x), f64::from(*y))).collect(), colour: 1, markers: true, line: false },
                    ];
                    let axes = Axes { x_label: "x".into(), y_label: "y".into(), x: -1.0..1.0, y: Some(-2.0..2.0), percent: false, legend: Legend::LowerRight, hint: String::new() };
                    curves::draw(area, &series, &axes)
                } />
                <PlotCanvas width=380 height=200 label=["weights-none", "weights-l1", "weights-l2"][i] draw=move |area| {
                    let lang = lang.get();
                    let w = snapshots.with(|v| v[i].weights.clone());
                    let bars: Vec<Bar> = w.iter().enumerate().map(|(k, v)| Bar { label: format!("{}", k + 1), value: f64::from(*v), colour: if *v == 0.0 { 4 } else { [5, 0, 2][i] } }).collect();
                    bars::draw(area, &bars, t::WEIGHT_AXIS.get(lang), false, "")
                } />
                <p class="fit-stats" data-result=["stats-none", "stats-l1", "stats-l2"][i]>
                    {move || snapshots.with(|v| {
                        let s = &v[i];
                        let zeros = s.weights.iter().filter(|w| **w == 0.0).count();
                        let norm: f32 = s.weights.iter().map(|w| w * w).sum::<f32>().sqrt();
                        let (tr_loss, val) = s.history.last().map_or((0.0, 0.0), |h| (h.1, h.2));
                        fill(t::STATS.get(lang.get()), &[&format!("{tr_loss:.3}"), &format!("{val:.3}"), &zeros, &format!("{norm:.2}")])
                    })}
                </p>
            </div>
        }
    };
    view! {
        <section class="panel controls">
            <div class="fields">
                <Field label=t::LAMBDA name="lambda" value=read(state, |s| s.lambda.clone()) on_input=move |v| state.update(|s| s.lambda = v) error=read(state, |s| s.lambda().err()) />
                <Field label=t::DEGREE name="degree" value=read(state, |s| s.degree.clone()) on_input=move |v| state.update(|s| s.degree = v) error=read(state, |s| s.degree().err()) />
            </div>
            <MoreSettings>
                <Field label=t::POINTS_N name="n" value=read(state, |s| s.points.clone()) on_input=move |v| state.update(|s| s.points = v) error=read(state, |s| s.points().err()) />
                <Field label=t::NOISE name="noise" value=read(state, |s| s.noise.clone()) on_input=move |v| state.update(|s| s.noise = v) error=read(state, |s| s.noise().err()) />
                <Field label=t::SEED name="seed" value=read(state, |s| s.seed.clone()) on_input=move |v| state.update(|s| s.seed = v) error=read(state, |s| s.seed().err()) />
            </MoreSettings>
            <div class="row">
                <button class="btn primary" data-action="play" disabled=move || built.with(Option::is_none) on:click=move |_| {
                    if steps.get_untracked() >= MAX_STEPS { restart(); }
                    playing.update(|p| *p = !*p)
                }>{move || if playing.get() { tr(t::PAUSE)() } else { tr(t::PLAY)() }}</button>
                <button class="btn" data-action="step" on:click=move |_| { playing.set(false); advance(100) }>{tr(t::STEP)}</button>
                <button class="btn" data-action="reset" on:click=move |_| { playing.set(false); restart() }>{tr(t::RESET)}</button>
                <span class="status" data-result="steps">{move || fill(t::STEPS.get(lang.get()), &[&steps.get()])}</span>
            </div>
        </section>
        <section class="panel">
            <div class="fits">{names.into_iter().enumerate().map(|(i, n)| panel(i, n)).collect_view()}</div>
        </section>
        <section class="panel">
            <h2>{tr(t::LOSS_TITLE)}</h2>
            <PlotCanvas width=900 height=300 label="reg-losses" draw=move |area| {
                let lang = lang.get();
                let mut series = vec![];
                snapshots.with(|v| for (i, s) in v.iter().enumerate() {
                    let name = names[i].get(lang);
                    series.push(Series { label: fill(t::TRAIN_OF.get(lang), &[&name]), points: s.history.iter().map(|h| (h.0, h.1)).collect(), colour: [5, 0, 2][i], markers: false, line: true });
                    series.push(Series { label: fill(t::VAL_OF.get(lang), &[&name]), points: s.history.iter().map(|h| (h.0, h.2)).collect(), colour: [3, 4, 1][i], markers: false, line: true });
                });
                let axes = Axes { x_label: t::STEP_AXIS.get(lang).into(), y_label: "MSE".into(), x: 0.0..(steps.get().max(100) as f64), y: Some(0.0..1.0), percent: false, legend: Legend::UpperRight, hint: String::new() };
                curves::draw(area, &series, &axes)
            } />
            <Deeper>
                <p data-result="intro">{move || {
                    let (degree, points) = state.with(|s| (s.degree().unwrap_or(15), s.points().unwrap_or(12)));
                    fill(t::INTRO.get(lang.get()), &[&degree, &points])
                }}</p>
                <p class="callout"><strong>"L1 (Lasso)："</strong>{tr(t::L1_TEXT)}</p>
                <p class="callout"><strong>"L2 (Ridge)："</strong>{tr(t::L2_TEXT)}</p>
                <p class="hint">{move || fill(t::LOSS_HINT.get(lang.get()), &[&LEARNING_RATE])}</p>
                <p class="hint">{tr(t::BASIS)}</p>
            </Deeper>
        </section>
        <RegularizationQuestions state=state built=built />
    }
}

/// The three fits run to their end on the page (plain numbers, a few milliseconds): how many
/// of L1's coefficients end at exactly zero, and which fit ends with the lowest validation loss.
#[component]
fn RegularizationQuestions(state: RwSignal<State>, built: Memo<Option<Setup>>) -> impl IntoView {
    let lang = use_lang();
    let ends = Memo::new(move |_| {
        built.with(|s| {
            let s = s.as_ref()?;
            Some(
                PENALTIES
                    .iter()
                    .map(|&p| {
                        let lambda = if p == Penalty::None { 0.0 } else { s.lambda };
                        let mut fit =
                            PolyFit::new(s.train.clone(), s.validation.clone(), s.degree, p, lambda, LEARNING_RATE, 7);
                        (0..MAX_STEPS).for_each(|_| fit.step());
                        (fit.weights().iter().filter(|w| **w == 0.0).count(), fit.losses().1)
                    })
                    .collect::<Vec<_>>(),
            )
        })
    });
    let zeros = Signal::derive(move || ends.with(|e| e.as_ref().map(|e| e[1].0.to_string())));
    let best = Signal::derive(move || {
        ends.with(|e| {
            let e = e.as_ref()?;
            let i = e.iter().enumerate().min_by(|a, b| a.1.1.total_cmp(&b.1.1))?.0;
            Some(["none", "l1", "l2"][i].to_string())
        })
    });
    let settings = Signal::derive(move || {
        state.with(|s| format!("{} {} {} {} {}", s.lambda, s.degree, s.points, s.noise, s.seed))
    });
    let q1 = Signal::derive(move || {
        built.with(|s| match s {
            Some(s) => fill(t::Q1.get(lang.get()), &[&s.lambda, &MAX_STEPS, &s.degree]),
            None => t::Q_FIX.get(lang.get()).to_string(),
        })
    });
    view! {
        <Questions>
            <Question id="regularization/1" prompt=q1 kind=Kind::Number { tolerance: 0.0 } answer=zeros hint=t::Q1_HINT
                explain=Signal::derive(move || t::Q1_WHY.get(lang.get()).to_string()) about=settings />
            <Question id="regularization/2" prompt=Signal::derive(move || fill(t::Q2.get(lang.get()), &[&MAX_STEPS]))
                kind=Kind::Choice(vec![("none", t::NONE), ("l1", t::L1), ("l2", t::L2)]) answer=best hint=t::Q2_HINT
                explain=Signal::derive(move || t::Q2_WHY.get(lang.get()).to_string()) about=settings />
        </Questions>
    }
}

mod t {
    use crate::i18n::Text;
    pub const Q_FIX: Text = Text::new("（先把上面的设置改成能算的。）", "(First make the settings above valid.)");
    pub const Q1: Text = Text::new(
        "λ = {0} 时，L1 拟合训练 {1} 步后，{2} 个系数里有几个正好是 0？",
        "With λ = {0}, after {1} steps of the L1 fit, how many of its {2} coefficients are exactly 0?",
    );
    pub const Q1_HINT: Text = Text::new(
        "L1 的惩罚对每个系数的推力一样大，小系数被推到 0 后就停在那里；λ 越大，停在 0 的越多。",
        "L1 pushes every coefficient equally hard: small ones reach 0 and stay; the larger λ, the more stay at 0.",
    );
    pub const Q1_WHY: Text = Text::new(
        "页面把 L1 拟合跑到头数了一数（权重图里灰色的条就是 0）。改 λ，再猜一次。",
        "The page ran the L1 fit to its end and counted (the grey bars in its weight chart are the zeros). Change λ and guess again.",
    );
    pub const Q2: Text = Text::new(
        "训练 {0} 步后，哪个拟合在验证点上的误差最小？",
        "After {0} steps, which fit has the lowest error on the validation points?",
    );
    pub const Q2_HINT: Text = Text::new(
        "没有惩罚的高次多项式能穿过每一个训练点，但在点之间会乱摆。",
        "An unpenalized high-degree polynomial can pass through every training point, and swing wildly between them.",
    );
    pub const Q2_WHY: Text = Text::new(
        "看损失图里三条验证曲线的结尾。λ 太大时惩罚过头，带惩罚的拟合也会变差（欠拟合）。",
        "See where the three validation curves end in the loss chart. With too large a λ the penalized fits under-fit too.",
    );
    /// What the lesson's first screen says it shows (at most three short lines).
    pub const KEY_POINTS: [Text; 3] = [
        Text::new(
            "正则化在损失里加一个惩罚，让参数不至于太极端。",
            "Regularization adds a penalty to the loss so the parameters do not get extreme.",
        ),
        Text::new(
            "L1（绝对值之和）把许多权重推到正好 0：稀疏。",
            "L1 (sum of absolute values) pushes many weights to exactly 0: sparse.",
        ),
        Text::new("L2（平方和）让权重都变小，但不为 0。", "L2 (sum of squares) shrinks every weight, but not to 0."),
    ];
    /// The lesson's summary, at its end.
    pub const RECAP: [Text; 3] = [
        Text::new(
            "高次多项式拟合少量带噪声的点会过拟合。",
            "A high-degree polynomial on a few noisy points over-fits.",
        ),
        Text::new("惩罚系数 λ 太大会欠拟合。", "Too large a penalty λ under-fits."),
        Text::new(
            "正则化要降低的是泛化误差，不是训练误差。",
            "Regularization aims at the generalization error, not the training error.",
        ),
    ];
    pub const INTRO: Text = Text::new(
        "正则化是对学习算法的修改，目的是减少泛化误差而不是训练误差：在损失函数里加一个“惩罚”项，让参数不至于变得过于极端。下面用一个 {0} 次多项式去拟合 {1} 个带噪声的点：参数比数据多时，不加惩罚就会去追逐噪声。三个模型同时训练，从同样的初始权重出发。",
        "Regularization changes a learning algorithm to reduce its generalization error rather than its training error: a penalty added to the loss keeps the parameters from becoming extreme. Below, a degree-{0} polynomial is fitted to {1} noisy points: with more parameters than data, without a penalty it chases the noise. Three models train at once, from the same initial weights.",
    );
    pub const L1_TEXT: Text = Text::new(
        "损失加上 λ·Σ|w|。它倾向于产生稀疏的权重：把一些权重直接推到 0，模型更简单、特征更少。",
        "adds λ·Σ|w| to the loss. It favours sparse weights: some are pushed exactly to 0, so the model is simpler and uses fewer features.",
    );
    pub const L2_TEXT: Text = Text::new(
        "损失加上 λ·Σw²。它让所有权重变小，但不会变成 0；它让模型更平滑，避免个别参数过大。",
        "adds λ·Σw² to the loss. It makes every weight smaller but none exactly 0; the model becomes smoother, with no parameter too large.",
    );
    pub const LAMBDA: Text = Text::new("惩罚系数 λ", "Penalty λ");
    pub const DEGREE: Text = Text::new("多项式次数", "Polynomial degree");
    pub const POINTS_N: Text = Text::new("训练点数", "Training points");
    pub const NOISE: Text = Text::new("噪声", "Noise");
    pub const SEED: Text = Text::new("随机种子", "Seed");
    pub const PLAY: Text = Text::new("▶ 训练", "▶ Train");
    pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
    pub const STEP: Text = Text::new("+100 步", "+100 steps");
    pub const RESET: Text = Text::new("↺ 重新开始", "↺ Restart");
    pub const STEPS: Text = Text::new("已训练 {0} 步", "{0} steps trained");
    pub const NONE: Text = Text::new("不加惩罚", "No penalty");
    pub const L1: Text = Text::new("L1 正则化", "L1 regularization");
    pub const L2: Text = Text::new("L2 正则化", "L2 regularization");
    pub const TRUTH: Text = Text::new("真实曲线 sin(πx)", "true curve sin(πx)");
    pub const FIT: Text = Text::new("拟合", "fit");
    pub const POINTS: Text = Text::new("训练点", "training points");
    pub const WEIGHT_AXIS: Text = Text::new("系数", "coefficient");
    pub const STATS: Text = Text::new(
        "训练误差 {0}，验证误差 {1}；{2} 个系数恰好为 0；‖w‖ = {3}",
        "training error {0}, validation error {1}; {2} coefficients exactly 0; ‖w‖ = {3}",
    );
    pub const LOSS_TITLE: Text = Text::new("训练误差与验证误差", "Training and validation error");
    pub const TRAIN_OF: Text = Text::new("{0}：训练", "{0}: training");
    pub const VAL_OF: Text = Text::new("{0}：验证", "{0}: validation");
    pub const STEP_AXIS: Text = Text::new("步数", "step");
    pub const BASIS: Text = Text::new(
        "系数图里的第 k 根柱子不是 xᵏ 的系数，而是第 k 个勒让德多项式 P_k(x) 的系数（P₁ = x，P₂ = (3x² − 1)/2，…）。多项式还是那个多项式，只是换了一组基：在 [−1, 1] 上勒让德多项式互相正交，梯度下降在这组基上收敛得快得多，用 xᵏ 作基时高次项几乎学不动。常数项是偏置，不受惩罚。",
        "Bar k of the coefficient charts is not the coefficient of xᵏ but of the k-th Legendre polynomial P_k(x) (P₁ = x, P₂ = (3x² − 1)/2, …). The polynomial is the same, written in another basis: on [−1, 1] the Legendre polynomials are orthogonal, and gradient descent converges much faster in that basis; with powers of x the high-degree terms hardly learn at all. The constant term is the bias and is not penalized.",
    );
    pub const LOSS_HINT: Text = Text::new(
        "不加惩罚时训练误差降得最低，验证误差却最高：这就是过拟合。三个模型都用普通梯度下降，学习率 α = {0}。L1 用“软阈值”实现：每一步把每个系数向 0 收缩 α·λ，收缩过头就停在 0。",
        "Without a penalty the training error falls lowest but the validation error is highest: over-fitting. All three fits use plain gradient descent at learning rate α = {0}. L1 is applied by soft-thresholding: each step shrinks every coefficient towards 0 by α·λ and stops at 0 if it would cross it.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_setup_reads_and_bad_input_does_not() {
        let s = setup(&State::default()).unwrap();
        assert_eq!((s.degree, s.train.x.len(), s.validation.x.len()), (15, 12, 100));
        assert!(setup(&State { lambda: "-1".into(), ..State::default() }).is_none());
        assert!(setup(&State { points: "x".into(), ..State::default() }).is_none());
    }
}
