//! The split lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "训练集是作业，验证集是模拟考，测试集是高考。",
        "The training set is homework, the validation set a mock exam, the test set the final exam.",
    ),
    Text::new(
        "按验证集挑模型和迭代周期，测试集只在最后揭晓一次。",
        "Choose models and epochs by validation; open the test set once, at the end.",
    ),
    Text::new(
        "按测试集挑出的成绩偏高：下面量给你看。",
        "A score chosen by the test set is optimistic: measured below.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 4] = [
    Text::new(
        "训练准确率一直升高，验证准确率会停下甚至下降：这就是过拟合。",
        "Training accuracy keeps rising while validation accuracy stalls or falls: that is over-fitting.",
    ),
    Text::new("保留验证集上最好的那个迭代周期的模型。", "Keep the model of the epoch that did best on validation."),
    Text::new(
        "测试集一旦用来挑选，就不再能估计真实水平。",
        "Once the test set is used to choose, it no longer estimates the true score.",
    ),
    Text::new(
        "从没用过的新考卷显示了按测试集挑选的偏差。",
        "A fresh exam, never used, shows how biased choosing by the test set is.",
    ),
];
pub const INTRO: Text = Text::new(
    "训练完的模型直接去跑测试集并选取得分最高的，其实是不对的：这相当于知道题目去高考，为了结果而训练模型，没有泛化性和可复现性，也不符合科研“求是”的精神。因此把数据集划分成三份：",
    "Running every trained model on the test set and keeping the best scorer is wrong: it is like seeing the questions before the final exam. The model is tuned for the result, with no guarantee that it generalizes or that anyone can reproduce it. So the data is split in three:",
);
pub const TRAIN_NAME: Text = Text::new("训练集（作业）", "Training set (homework)");
pub const TRAIN_ROLE: Text = Text::new("用来调整网络的权重。", "adjusts the network's weights.");
pub const VAL_NAME: Text = Text::new("验证集（模拟考）", "Validation set (mock exam)");
pub const VAL_ROLE: Text =
    Text::new("用来挑选模型：选验证集得分最高的那一个。", "chooses the model: keep the one that scores best on it.");
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
pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
pub const OVER: Text = Text::new("三份加起来是 {0}%，超过了 100%。", "The three parts add up to {0}%, more than 100%.");
pub const PART_ONE: Text = Text::new("一、作业 → 模拟考 → 高考", "1. Homework → mock exam → final exam");
pub const PART_ONE_INTRO: Text = Text::new(
    "训练一个小网络，每个迭代周期结束后用训练集和验证集打分。训练准确率会一直升高，验证准确率却会停下来甚至下降：这就是过拟合。我们保留验证集得分最高的那个迭代周期的模型。测试集的成绩一直封存着，最后只揭晓一次。默认的训练集故意很小（比验证集还小），这样几个迭代周期之内就能看到过拟合；实际项目里训练集通常是最大的一份。",
    "Train a small network and score it on the training and validation sets after every epoch. Training accuracy keeps rising while validation accuracy stalls or falls: that is over-fitting. The model of the epoch with the best validation score is kept. The test score stays sealed and is revealed once, at the end. The default training set is deliberately small (smaller than the validation set) so that over-fitting shows within a few epochs; in real projects the training set is usually the largest part.",
);
pub const TRAIN: Text = Text::new("▶ 开始训练", "▶ Train");
pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
pub const RESUME: Text = Text::new("▶ 继续", "▶ Resume");
pub const LOADING: Text = Text::new("正在准备训练线程和数据…", "Preparing the training thread and the data…");
pub const RUNNING: Text = Text::new("训练中…已完成 {0} 个迭代周期", "Training… {0} epoch(s) done");
pub const PAUSED: Text = Text::new("已暂停", "Paused");
pub const PREVIEW: Text = Text::new("第 0 个迭代周期：还没训练的网络", "Epoch 0: the untrained network");
pub const DONE: Text = Text::new("训练完成", "Finished");
pub const DIVERGED: Text = Text::new("第 {0} 步发散了", "Diverged at step {0}");
pub const TRAIN_ACC: Text = Text::new("训练集（作业）", "training (homework)");
pub const VAL_ACC: Text = Text::new("验证集（模拟考）", "validation (mock exam)");
pub const EPOCH_AXIS: Text = Text::new("迭代周期", "epoch");
pub const ACC_AXIS: Text = Text::new("准确率", "accuracy");
pub const BEST: Text = Text::new("保留的模型", "The kept model");
pub const BEST_IS: Text = Text::new(
    "第 {0} 个迭代周期：验证集准确率 {1}%，是目前最高的。",
    "Epoch {0}: validation accuracy {1}%, the best so far.",
);
pub const BEST_NONE: Text = Text::new(
    "训练一个迭代周期之后，这里显示验证集得分最高的那个迭代周期。",
    "After an epoch, the epoch with the best validation score shows here.",
);
pub const SEALED_MARK: Text = Text::new("封存中", "sealed");
pub const SEALED: Text = Text::new("测试集成绩（封存中）", "Test score (sealed)");
pub const REVEAL: Text = Text::new("揭晓测试集成绩（只能一次）", "Reveal the test score (once)");
pub const REVEALED: Text = Text::new(
    "第 {0} 个迭代周期保留的模型在 {1} 张测试数字上的准确率。",
    "Accuracy of the model kept at epoch {0} on {1} test digits.",
);
pub const ONCE: Text = Text::new(
    "测试集已经用过了。如果现在根据这个分数回头再调整网络，测试集就变成了第二个验证集，它的分数也就不再可信。",
    "The test set has now been used. If you go back and tune the network by this score, the test set becomes a second validation set and its score can no longer be trusted.",
);
pub const PART_TWO: Text = Text::new("二、为什么不能按测试集挑模型", "2. Why choosing by test score is cheating");
pub const PART_TWO_INTRO: Text = Text::new(
    "从 32 个候选模型里按测试集（作弊）和按验证集（正确）各挑一个，再用新考卷看它们的真实水平。候选来自 8 次训练（4 种学习率 × 2 个随机种子，每次 4 个迭代周期）：8 次 × 4 个迭代周期 = 32 个，每个都在验证集、测试集和一份从没用过的新考卷上打分。",
    "Of 32 candidate models, pick one by test score (cheating) and one by validation score (the right way), then see on a fresh holdout how good each really is. The candidates come from 8 runs (4 learning rates × 2 seeds, 4 epochs each): 8 runs × 4 epochs = 32, each scored on the validation set, the test set and a fresh holdout never used for anything.",
);
pub const RUN_STUDY: Text = Text::new("▶ 运行实验", "▶ Run the experiment");
pub const STUDY_PROGRESS: Text = Text::new("已打分的候选：{0} / {1}", "Candidates scored: {0} / {1}");
pub const BY_TEST: Text = Text::new("按测试集挑（作弊）", "Picked by test score (cheating)");
pub const BY_VAL: Text = Text::new("按验证集挑（正确做法）", "Picked by validation score (the right way)");
pub const CANDIDATE: Text =
    Text::new("候选 {0}，第 {1} 个迭代周期，学习率 {2}", "Candidate {0}, epoch {1}, learning rate {2}");
pub const BY_TEST_IS: Text =
    Text::new("声称的测试集成绩 {0}；在新考卷上是 {1}：{2}", "Claimed test score {0}; on the fresh holdout {1}: {2}");
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

pub const Q1: Text = Text::new(
    "第 1 部分：训练结束时，验证准确率最高的会是最后一个迭代周期吗？",
    "Part one: when training ends, will the last epoch be the best on validation?",
);
pub const Q1_YES: Text = Text::new("会，越训练越好", "Yes, more training is better");
pub const Q1_NO: Text = Text::new("不会，更早的更好", "No, an earlier one is better");
pub const Q1_HINT: Text = Text::new(
    "训练集很小，训练准确率会很快接近 100%。验证准确率会一直跟着升吗？",
    "The training set is small, so training accuracy soon nears 100%. Does validation accuracy keep rising with it?",
);
pub const Q1_WHY: Text = Text::new(
    "看第 1 部分的曲线：训练准确率一直升，验证准确率在哪里停下，最好的迭代周期就在哪里。过拟合时，多训练反而更差。",
    "Look at part one's curves: training accuracy keeps rising; where validation accuracy stalls is the best epoch. When a network over-fits, more training does worse.",
);
pub const Q1_PENDING: Text =
    Text::new("训练第 1 部分，到训练完成就能核对。", "Train part one; once it finishes, this is checked.");
pub const Q2: Text = Text::new(
    "第 2 部分：按测试集挑出的那个模型，在从没用过的新考卷上，成绩会比它的测试成绩低吗？",
    "Part two: the model picked by its test score: on the fresh exam never used, will it score lower than its test score?",
);
pub const Q2_LOWER: Text = Text::new("会更低", "Lower");
pub const Q2_NOT_LOWER: Text = Text::new("不会更低", "Not lower");
pub const Q2_HINT: Text = Text::new(
    "32 个候选里挑测试成绩最高的：它高，一部分是因为它真好，一部分是因为它在这份考卷上运气好。",
    "Of 32 candidates, the highest test score wins: partly because the model is good, partly because it was lucky on this exam.",
);
pub const Q2_WHY: Text = Text::new(
    "挑最大值会把运气也挑进来：新考卷上运气不再站在它一边。按验证集挑、再用测试集打分，测试成绩才是没有偏差的估计。",
    "Taking the maximum picks luck too, and on a fresh exam the luck is gone. Choosing by validation and then scoring on the test set keeps the test score unbiased.",
);
pub const Q2_PENDING: Text = Text::new(
    "运行第 2 部分，32 个候选都打完分就能核对。",
    "Run part two; once all 32 candidates are scored, this is checked.",
);
