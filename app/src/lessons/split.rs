//! 数据集该怎么运用 — Training, validation and test sets, as the note's homework, mock exam and
//! final exam: train over epochs, keep the epoch with the best validation score, reveal the
//! sealed test score once; then measure, on a holdout nobody used, how optimistic a test score
//! becomes when it is used to choose.

use engine::data::{Part, SplitSpec};
use engine::nn::Stack;
use engine::selection::{self, CandidateScore, pick};
use engine::tasks::DigitsTask;
use engine::train::{Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::field::{Field, InputError};
use crate::components::lanes::score_series;
use crate::components::lanes::{JobError, JobProgress};
use crate::components::plot::PlotCanvas;
use crate::i18n::{Lang, fill, tr, use_lang};
use crate::plots::curves::{self, Axes};
use crate::plots::scatter::{self, Marked};
use crate::training::job::{Job, Phase, use_job};
use crate::training::protocol::{Command, Job as JobSpec};
use crate::url_state::{read, text_state, use_query_state};

pub fn page() -> AnyView {
    view! { <SplitLesson /> }.into_any()
}

/// Digits set aside for the holdout before anything else is split.
const HOLDOUT: usize = 1000;
/// Digits left for training, validation and test.
const POOL: usize = 9000;

text_state! {
    /// A small training set over-fits within a few epochs, and a small test set is noisy enough
    /// for choosing by it to be visibly optimistic.
    struct State {
        /// Percentages of the 9,000 digits.
        train: "train" = "10" => usize: parse_int(1, 98),
        validation: "val" = "20" => usize: parse_int(1, 98),
        test: "test" = "5" => usize: parse_int(1, 98),
        epochs: "epochs" = "15" => usize: parse_int(1, 50),
    }
}

/// The split, or why the percentages do not make one.
fn spec(st: &State) -> Result<SplitSpec, SplitProblem> {
    let pct = |v: Result<usize, InputError>| v.map_err(SplitProblem::Field);
    let (tr, va, te) = (pct(st.train())?, pct(st.validation())?, pct(st.test())?);
    if tr + va + te > 100 {
        return Err(SplitProblem::Over(tr + va + te));
    }
    Ok(SplitSpec { train: POOL * tr / 100, validation: POOL * va / 100, test: POOL * te / 100, holdout: HOLDOUT })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum SplitProblem {
    Field(InputError),
    Over(usize),
}

/// A small network that trains in seconds and over-fits a small training set.
fn base(st: &State) -> Option<TrainConfig> {
    let stack = Stack::digits("flatten,dense:128,relu,dense:10").expect("a valid stack");
    Some(TrainConfig {
        optimizer: Optimizer::ADAM,
        learning_rate: 1e-3,
        batch_size: 32,
        epochs: st.epochs().ok()?,
        seed: 1,
        ..TrainConfig::digits(DigitsTask::new(stack, spec(st).ok()?))
    })
}

/// The study's candidates: four learning rates, two seeds, four epochs each.
fn study_candidates(st: &State) -> Option<Vec<TrainConfig>> {
    let base = TrainConfig { epochs: 4, ..base(st)? };
    Some(selection::candidates(&base, &[5e-4, 1e-3, 2e-3, 4e-3], &[1, 2]))
}

#[component]
fn SplitLesson() -> impl IntoView {
    let state = use_query_state::<State>();
    let lang = use_lang();
    let over = move || match state.with(spec) {
        Err(SplitProblem::Over(sum)) => Some(fill(t::OVER.get(lang.get()), &[&sum])),
        _ => None,
    };
    view! {
        <section class="lesson-intro">
            <p>{tr(t::INTRO)}</p>
            <ol class="exam-list">
                <li><strong>{tr(t::TRAIN_NAME)}</strong>" — "{tr(t::TRAIN_ROLE)}</li>
                <li><strong>{tr(t::VAL_NAME)}</strong>" — "{tr(t::VAL_ROLE)}</li>
                <li><strong>{tr(t::TEST_NAME)}</strong>" — "{tr(t::TEST_ROLE)}</li>
            </ol>
        </section>
        <section class="panel controls">
            <h2>{tr(t::SPLIT_TITLE)}</h2>
            <div class="fields">
                <Field label=t::TRAIN_PCT name="train" value=read(state, |s| s.train.clone()) on_input=move |v| state.update(|s| s.train = v) error=read(state, |s| s.train().err()) hint=t::PCT_HINT />
                <Field label=t::VAL_PCT name="val" value=read(state, |s| s.validation.clone()) on_input=move |v| state.update(|s| s.validation = v) error=read(state, |s| s.validation().err()) hint=t::PCT_HINT />
                <Field label=t::TEST_PCT name="test" value=read(state, |s| s.test.clone()) on_input=move |v| state.update(|s| s.test = v) error=read(state, |s| s.test().err()) hint=t::PCT_HINT />
                <Field label=t::EPOCHS name="epochs" value=read(state, |s| s.epochs.clone()) on_input=move |v| state.update(|s| s.epochs = v) error=read(state, |s| s.epochs().err()) />
            </div>
            {move || over().map(|m| view! { <p class="error-box" role="alert" data-result="split-error">{m}</p> })}
            <SplitBar state=state />
        </section>
        <Homework state=state />
        <Cheating state=state />
    }
}

/// The 10,000 digits as one bar: training, validation, test, unused, holdout.
#[component]
fn SplitBar(state: RwSignal<State>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let s = state.with(spec).ok()?;
        let lang = lang.get();
        let unused = POOL - s.train - s.validation - s.test;
        let part = |n: usize, class: &'static str, name: &'static str| {
            (n > 0).then(|| {
                view! { <div class=format!("split-part {class}") style:flex-grow=n.to_string() title=format!("{name} {n}")><span>{format!("{name} {n}")}</span></div> }
            })
        };
        Some(view! {
            <div class="split-bar" data-result="split-bar">
                {part(s.train, "sp-train", t::TRAIN_NAME.get(lang))}
                {part(s.validation, "sp-val", t::VAL_NAME.get(lang))}
                {part(s.test, "sp-test", t::TEST_NAME.get(lang))}
                {part(unused, "sp-unused", t::UNUSED.get(lang))}
                {part(HOLDOUT, "sp-holdout", t::HOLDOUT_NAME.get(lang))}
            </div>
        })
    }
}

/// Part one: train, choose by validation, reveal the test score once.
#[component]
fn Homework(state: RwSignal<State>) -> impl IntoView {
    let job = use_job();
    let run = job.lane(0);
    let lang = use_lang();
    let start = move |_| {
        let Some(config) = state.with_untracked(base) else { return };
        job.start(JobSpec::Train {
            configs: vec![config],
            play: true,
            eval_every: 0,
            parts: vec![Part::Train],
            keep_best: true,
        });
    };
    let pause = move |_| job.send(if run.phase_untracked() == Phase::Running { Command::Pause } else { Command::Play });
    let reveal = move |_| job.send(Command::EvaluateBest(Part::Test));
    let best = move || {
        run.with(|r| {
            r.scores.iter().filter(|s| s.part == Part::Validation).fold(None::<(usize, f32)>, |b, s| match b {
                Some((_, a)) if a >= s.accuracy => b,
                _ => Some((s.epoch, s.accuracy)),
            })
        })
    };
    let epochs = move || state.with(|s| s.epochs().unwrap_or(1)) as f64;
    let can_reveal = move || best().is_some() && run.phase() != Phase::Running;
    view! {
        <section class="panel">
            <h2>{tr(t::PART_ONE)}</h2>
            <p>{tr(t::PART_ONE_INTRO)}</p>
            <div class="row">
                <button class="btn primary" data-action="train" disabled=move || state.with(base).is_none() on:click=start>{tr(t::TRAIN)}</button>
                <button class="btn" data-action="pause" disabled=move || !matches!(run.phase(), Phase::Running | Phase::Paused) on:click=pause>
                    {move || if run.phase() == Phase::Running { tr(t::PAUSE)() } else { tr(t::RESUME)() }}
                </button>
                <span class="status" data-result="status">{move || status(lang.get(), job)}</span>
            </div>
            <JobProgress job=job />
            <JobError job=job />
            <PlotCanvas width=720 height=300 label="split-curves" draw=move |area| {
                let lang = lang.get();
                let series = vec![
                    score_series(&run, Part::Train, t::TRAIN_ACC.get(lang).into(), 0, false),
                    score_series(&run, Part::Validation, t::VAL_ACC.get(lang).into(), 1, false),
                ];
                let axes = Axes { x_label: t::EPOCH_AXIS.get(lang).into(), y_label: t::ACC_AXIS.get(lang).into(), x: 0.0..epochs(), y: None, percent: true, legend_low: true };
                curves::draw(area, &series, &axes)
            } />
            <div class="two-col">
                <div class="result-card" data-result="best">
                    <h3>{tr(t::BEST)}</h3>
                    {move || match best() {
                        Some((epoch, acc)) => fill(t::BEST_IS.get(lang.get()), &[&epoch, &format!("{:.1}", acc * 100.0)]),
                        None => t::BEST_NONE.get(lang.get()).into(),
                    }}
                </div>
                <div class="result-card sealed" data-result="sealed">
                    <h3>{tr(t::SEALED)}</h3>
                    {move || match run.with(|r| r.best.clone()) {
                        Some((epoch, e)) => view! {
                            <p class="big-answer" data-result="test-score">{format!("{:.1}%", e.accuracy * 100.0)}</p>
                            <p>{fill(t::REVEALED.get(lang.get()), &[&epoch, &e.count])}</p>
                            <p class="hint">{tr(t::ONCE)}</p>
                        }.into_any(),
                        None => view! {
                            <p class="big-answer">"🔒"</p>
                            <button class="btn" data-action="reveal" disabled=move || !can_reveal() on:click=reveal>{tr(t::REVEAL)}</button>
                        }.into_any(),
                    }}
                </div>
            </div>
        </section>
    }
}

fn status(lang: Lang, job: Job) -> String {
    let run = job.lane(0);
    match run.phase() {
        Phase::Idle if !job.ready() => t::LOADING.get(lang).into(),
        Phase::Idle => String::new(),
        Phase::Running => fill(t::RUNNING.get(lang), &[&run.with(|r| r.epoch)]),
        Phase::Paused => t::PAUSED.get(lang).into(),
        Phase::Finished => t::DONE.get(lang).into(),
        Phase::Diverged(step) => fill(t::DIVERGED.get(lang), &[&step]),
    }
}

/// Part two: many candidates, chosen by test score or by validation score, judged on a holdout.
#[component]
fn Cheating(state: RwSignal<State>) -> impl IntoView {
    let job = use_job();
    let run = job.lane(0);
    let lang = use_lang();
    let start = move |_| {
        let Some(candidates) = state.with_untracked(study_candidates) else { return };
        job.start(JobSpec::Study { candidates, play: true });
    };
    let picks = move || {
        run.with(|r| {
            Some((pick(&r.candidates, Part::Test)?, pick(&r.candidates, Part::Validation)?, r.candidates.len()))
        })
    };
    let card = move |p: CandidateScore, by_test: bool| {
        let lang = lang.get();
        let title = if by_test { t::BY_TEST } else { t::BY_VAL };
        let body = if by_test {
            fill(t::BY_TEST_IS.get(lang), &[&pct(p.test), &pct(p.holdout), &gap(lang, p.test - p.holdout)])
        } else {
            fill(t::BY_VAL_IS.get(lang), &[&pct(p.validation), &pct(p.test), &pct(p.holdout)])
        };
        view! {
            <div class="result-card" data-result=if by_test { "by-test" } else { "by-val" }>
                <h3>{title.get(lang)}</h3>
                <p>{fill(t::CANDIDATE.get(lang), &[&(p.run + 1), &p.epoch, &p.learning_rate])}</p>
                <p>{body}</p>
            </div>
        }
    };
    view! {
        <section class="panel">
            <h2>{tr(t::PART_TWO)}</h2>
            <p>{tr(t::PART_TWO_INTRO)}</p>
            <div class="row">
                <button class="btn primary" data-action="study" disabled=move || state.with(base).is_none() || run.phase() == Phase::Running on:click=start>{tr(t::RUN_STUDY)}</button>
                <span class="status" data-result="study-status">{move || fill(t::STUDY_PROGRESS.get(lang.get()), &[&run.with(|r| r.candidates.len()), &32])}</span>
            </div>
            <JobProgress job=job />
            <JobError job=job />
            {move || picks().map(|(by_test, by_val, n)| {
                let optimism = (by_test.test - by_test.holdout) * 100.0;
                view! {
                    <div class="two-col">
                        {card(by_test, true)}
                        {card(by_val, false)}
                    </div>
                    <p class="callout" data-result="optimism">{move || {
                        let lang = lang.get();
                        let template = if optimism >= 0.0 { t::OPTIMISM } else { t::PESSIMISM };
                        fill(template.get(lang), &[&n, &format!("{:.1}", optimism.abs())])
                    }}</p>
                }
            })}
            <PlotCanvas width=520 height=420 label="selection-scatter" draw=move |area| {
                let lang = lang.get();
                let points: Vec<(f64, f64)> = run.with(|r| r.candidates.iter().map(|s| (f64::from(s.test), f64::from(s.holdout))).collect());
                let mut marked = vec![];
                if let Some((bt, bv, _)) = picks() {
                    marked.push(Marked { at: (f64::from(bt.test), f64::from(bt.holdout)), label: t::MARK_TEST.get(lang).into(), colour: 5, offset: (10, 8) });
                    marked.push(Marked { at: (f64::from(bv.test), f64::from(bv.holdout)), label: t::MARK_VAL.get(lang).into(), colour: 2, offset: (-110, -24) });
                }
                let lo = points.iter().map(|p| p.0.min(p.1)).fold(1.0f64, f64::min);
                let range = ((lo - 0.02).clamp(0.0, 0.9))..1.0;
                scatter::draw(area, &points, &marked, range, (t::TEST_AXIS.get(lang), t::HOLDOUT_AXIS.get(lang)))
            } />
            <p class="hint">{tr(t::SCATTER_HINT)}</p>
        </section>
    }
}

fn pct(v: f32) -> String {
    format!("{:.1}%", v * 100.0)
}

/// How far a claimed score lies from the real one, in words that read right either way.
fn gap(lang: Lang, claimed_minus_real: f32) -> String {
    let points = format!("{:.1}", (claimed_minus_real * 100.0).abs());
    match claimed_minus_real {
        d if d > 0.0 => fill(t::OVERSTATED.get(lang), &[&points]),
        d if d < 0.0 => fill(t::UNDERSTATED.get(lang), &[&points]),
        _ => t::EXACT.get(lang).into(),
    }
}

mod t {
    use crate::i18n::Text;
    pub const INTRO: Text = Text::new(
        "训练完的模型直接去跑测试集并选取得分最高的，其实是不对的：这相当于知道题目去高考，为了结果而训练模型，没有泛化性和可复现性，也不符合科研“求是”的精神。因此把数据集划分成三份：",
        "Running every trained model on the test set and keeping the best scorer is wrong: it is like seeing the questions before the final exam. The model is tuned for the result, with no guarantee that it generalizes or that anyone can reproduce it. So the data is split in three:",
    );
    pub const TRAIN_NAME: Text = Text::new("训练集（作业）", "Training set (homework)");
    pub const TRAIN_ROLE: Text = Text::new("用来调整网络的权重。", "adjusts the network's weights.");
    pub const VAL_NAME: Text = Text::new("验证集（模拟考）", "Validation set (mock exam)");
    pub const VAL_ROLE: Text = Text::new(
        "用来挑选模型：选验证集得分最高的那一个。",
        "chooses the model: keep the one that scores best on it.",
    );
    pub const TEST_NAME: Text = Text::new("测试集（高考）", "Test set (final exam)");
    pub const TEST_ROLE: Text = Text::new(
        "只在最后用一次，报告选中的模型有多好。",
        "used once, at the end, to report how good the chosen model is.",
    );
    pub const UNUSED: Text = Text::new("未使用", "unused");
    pub const HOLDOUT_NAME: Text = Text::new("新考卷（谁也没用过）", "fresh holdout (never used)");
    pub const SPLIT_TITLE: Text = Text::new("划分 9000 张手写数字", "Split 9,000 handwritten digits");
    pub const TRAIN_PCT: Text = Text::new("训练集 %", "Training %");
    pub const VAL_PCT: Text = Text::new("验证集 %", "Validation %");
    pub const TEST_PCT: Text = Text::new("测试集 %", "Test %");
    pub const PCT_HINT: Text = Text::new("占 9000 张", "of 9,000");
    pub const EPOCHS: Text = Text::new("训练轮数", "Epochs");
    pub const OVER: Text =
        Text::new("三份加起来是 {0}%，超过了 100%。", "The three parts add up to {0}%, more than 100%.");
    pub const PART_ONE: Text = Text::new("一、作业 → 模拟考 → 高考", "1. Homework → mock exam → final exam");
    pub const PART_ONE_INTRO: Text = Text::new(
        "训练一个小网络，每一轮结束后用训练集和验证集打分。训练准确率会一直升高，验证准确率却会停下来甚至下降：这就是过拟合。我们保留验证集得分最高的那一轮的模型。测试集的成绩一直封存着，最后只揭晓一次。",
        "Train a small network and score it on the training and validation sets after every epoch. Training accuracy keeps rising while validation accuracy stalls or falls: that is over-fitting. The model of the epoch with the best validation score is kept. The test score stays sealed and is revealed once, at the end.",
    );
    pub const TRAIN: Text = Text::new("▶ 开始训练", "▶ Train");
    pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
    pub const RESUME: Text = Text::new("▶ 继续", "▶ Resume");
    pub const LOADING: Text = Text::new("正在准备训练线程和数据…", "Preparing the training thread and the data…");
    pub const RUNNING: Text = Text::new("训练中…已完成 {0} 轮", "Training… {0} epoch(s) done");
    pub const PAUSED: Text = Text::new("已暂停", "Paused");
    pub const DONE: Text = Text::new("训练完成", "Finished");
    pub const DIVERGED: Text = Text::new("第 {0} 步发散了", "Diverged at step {0}");
    pub const TRAIN_ACC: Text = Text::new("训练集（作业）", "training (homework)");
    pub const VAL_ACC: Text = Text::new("验证集（模拟考）", "validation (mock exam)");
    pub const EPOCH_AXIS: Text = Text::new("轮数", "epoch");
    pub const ACC_AXIS: Text = Text::new("准确率", "accuracy");
    pub const BEST: Text = Text::new("保留的模型", "The kept model");
    pub const BEST_IS: Text = Text::new(
        "第 {0} 轮：验证集准确率 {1}%，是目前最高的。",
        "Epoch {0}: validation accuracy {1}%, the best so far.",
    );
    pub const BEST_NONE: Text = Text::new(
        "训练一轮之后，这里显示验证集得分最高的那一轮。",
        "After an epoch, the epoch with the best validation score shows here.",
    );
    pub const SEALED: Text = Text::new("测试集成绩（封存中）", "Test score (sealed)");
    pub const REVEAL: Text = Text::new("揭晓测试集成绩（只能一次）", "Reveal the test score (once)");
    pub const REVEALED: Text = Text::new(
        "第 {0} 轮保留的模型在 {1} 张测试数字上的准确率。",
        "Accuracy of the model kept at epoch {0} on {1} test digits.",
    );
    pub const ONCE: Text = Text::new(
        "测试集已经用过了。如果现在根据这个分数回头再调整网络，测试集就变成了第二个验证集，它的分数也就不再可信。",
        "The test set has now been used. If you go back and tune the network by this score, the test set becomes a second validation set and its score can no longer be trusted.",
    );
    pub const PART_TWO: Text = Text::new("二、为什么不能按测试集挑模型", "2. Why choosing by test score is cheating");
    pub const PART_TWO_INTRO: Text = Text::new(
        "训练 8 次（4 种学习率 × 2 个随机种子，每次 4 轮），每一轮结束时的模型都在验证集、测试集和一份从没用过的新考卷上打分：8 次 × 4 轮 = 32 个候选模型。然后用两种方法挑一个：按测试集（作弊）和按验证集（正确）。新考卷告诉我们被挑中的模型真实水平如何。",
        "Train 8 runs (4 learning rates × 2 seeds, 4 epochs each) and score the model at the end of every epoch on the validation set, the test set and a fresh holdout that is never used for anything: 8 runs × 4 epochs = 32 candidate models. Then pick one in two ways: by test score (cheating) and by validation score (the right way). The holdout tells how good each pick really is.",
    );
    pub const RUN_STUDY: Text = Text::new("▶ 运行实验", "▶ Run the experiment");
    pub const STUDY_PROGRESS: Text = Text::new("已打分的候选：{0} / {1}", "Candidates scored: {0} / {1}");
    pub const BY_TEST: Text = Text::new("按测试集挑（作弊）", "Picked by test score (cheating)");
    pub const BY_VAL: Text = Text::new("按验证集挑（正确做法）", "Picked by validation score (the right way)");
    pub const CANDIDATE: Text =
        Text::new("候选 {0}，第 {1} 轮，学习率 {2}", "Candidate {0}, epoch {1}, learning rate {2}");
    pub const BY_TEST_IS: Text = Text::new(
        "声称的测试集成绩 {0}；在新考卷上是 {1}：{2}",
        "Claimed test score {0}; on the fresh holdout {1}: {2}",
    );
    pub const OVERSTATED: Text = Text::new("高估了 {0} 个百分点。", "overstated by {0} points.");
    pub const UNDERSTATED: Text = Text::new(
        "这一次反而低估了 {0} 个百分点（测试集小，分数本身有偶然性）。",
        "this time understated by {0} points (a small test set is noisy).",
    );
    pub const EXACT: Text = Text::new("两者正好相等。", "exactly the same.");
    pub const BY_VAL_IS: Text = Text::new(
        "验证集 {0}；报告的测试集成绩 {1}，新考卷 {2}：测试集成绩是诚实的估计。",
        "Validation {0}; reported test score {1}, holdout {2}: the test score is an honest estimate.",
    );
    pub const OPTIMISM: Text = Text::new(
        "在 {0} 个候选里按测试集挑出来的模型，它的测试集成绩比真实水平（新考卷）高了 {1} 个百分点。测试集越小、候选越多，这个乐观偏差就越大。",
        "Among {0} candidates, the one picked by its test score claims {1} points more on the test set than it achieves on the fresh holdout. The smaller the test set and the more candidates, the larger this optimism.",
    );
    pub const PESSIMISM: Text = Text::new(
        "在 {0} 个候选里按测试集挑出来的模型，这一次在新考卷上反而高了 {1} 个百分点：偶然会这样。平均来说，按测试集挑选会高估（换几个随机种子再试试）；测试集越小、候选越多，高估越多。",
        "Among {0} candidates, the one picked by its test score this time scores {1} points more on the fresh holdout than on the test set: that happens by chance. On average, picking by test score overstates (try a few other seeds); the smaller the test set and the more candidates, the more it overstates.",
    );
    pub const MARK_TEST: Text = Text::new("按测试集挑的", "picked by test");
    pub const MARK_VAL: Text = Text::new("按验证集挑的", "picked by validation");
    pub const TEST_AXIS: Text = Text::new("测试集准确率", "test accuracy");
    pub const HOLDOUT_AXIS: Text = Text::new("新考卷准确率", "holdout accuracy");
    pub const SCATTER_HINT: Text = Text::new(
        "每个点是一个候选模型。对角线上测试成绩等于真实水平；按测试集挑的点总在最右边，却往往落在对角线下方。",
        "Each dot is a candidate. On the diagonal the test score equals the real level; the pick by test score is always the rightmost dot, yet it usually falls below the diagonal.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_make_a_split_with_a_fixed_holdout() {
        let s = spec(&State::default()).unwrap();
        assert_eq!((s.train, s.validation, s.test, s.holdout), (900, 1800, 450, 1000));
        let over = State { train: "80".into(), validation: "20".into(), test: "10".into(), ..State::default() };
        assert_eq!(spec(&over), Err(SplitProblem::Over(110)));
        let bad = State { test: "0".into(), ..State::default() };
        assert!(matches!(spec(&bad), Err(SplitProblem::Field(InputError::TooSmall(_)))));
        assert_eq!(study_candidates(&State::default()).unwrap().len(), 8);
    }
}
