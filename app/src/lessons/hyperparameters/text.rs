//! The hyperparameter lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "超参数不能从训练数据里学，要靠试验来定。",
        "Hyperparameters cannot be learned from the training data: they are found by experiment.",
    ),
    Text::new("每次只改一个，看它怎样影响验证准确率。", "Change one at a time and watch the validation accuracy."),
    Text::new("五种搜索方法用同样的预算并排比较。", "Five search methods compete side by side on the same budget."),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 4] = [
    Text::new("按验证集挑选，测试集最后只揭晓一次。", "Choose by validation; open the test set once, at the end."),
    Text::new(
        "随机搜索常比网格好：每个维度都试到更多不同的值。",
        "Random search often beats a grid: each dimension sees more distinct values.",
    ),
    Text::new("学习率的好坏取决于用哪个优化器。", "Whether a learning rate is good depends on the optimizer."),
    Text::new(
        "Hyperband 用提前停止把预算花在有希望的配置上。",
        "Hyperband spends its budget on promising configurations by stopping others early.",
    ),
];

pub const INTRO: Text = Text::new(
    "笔记 2.9：超参数不能从训练数据里学出来，要在训练前或训练中通过试验来定。这里的目标是一个具体的数：一个小的全连接网络在 {0} 张真实数字上训练后，在 {1} 张验证数字上的准确率。测试数字封存起来，直到最后揭晓一次选中模型的成绩，就像数据划分一课那样。每次试验都用 Adam（β₁ = 0.9，β₂ = 0.999）训练：学习率的好坏只对某一个优化器才有意义，换成普通 SGD，合适的学习率会大得多。",
    "Note 2.9: hyperparameters cannot be learned from the training data; they are set before or during training, by experiment. Here the objective is one concrete number: the accuracy of a small fully connected network, trained on {0} real digits, on {1} validation digits. The test digits stay sealed until the chosen model's score is revealed once at the end, as in the split lesson. Every trial trains with Adam (β₁ = 0.9, β₂ = 0.999): a learning rate is good or bad only for a given optimizer, and with plain SGD the right one would be much larger.",
);
// The seven hyperparameters.
pub const LR: Text = Text::new("学习率", "Learning rate");
pub const BATCH: Text = Text::new("批量大小", "Batch size");
pub const ACTIVATION: Text = Text::new("激活函数", "Activation");
pub const DEPTH: Text = Text::new("隐藏层数", "Hidden layers");
pub const WIDTH: Text = Text::new("每层宽度", "Width");
pub const INIT: Text = Text::new("初始化尺度", "Initialisation scale");
pub const DROPOUT: Text = Text::new("dropout 比例", "Dropout rate");
pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
pub const DEMO_TITLE: Text = Text::new("七个超参数，各自的影响", "The seven hyperparameters, one at a time");
pub const DEMO_INTRO: Text = Text::new(
    "选一个超参数，其他的固定在默认值（学习率 {1}、批量大小 {2}、ReLU、{3} 个隐藏层、宽 {4}、初始化尺度 {5} 即 PyTorch 默认、不用 dropout、1 个迭代周期），把它取 {0} 个值，各训练一次。学习率、批量大小、宽度和初始化尺度取值和作图都在对数刻度上。",
    "Pick a hyperparameter; the others stay at their defaults (learning rate {1}, batch size {2}, ReLU, {3} hidden layer, width {4}, initialisation scale {5} (PyTorch's default), no dropout, 1 epoch), and it takes {0} values, each trained once. Learning rate, batch size, width and initialisation scale are chosen and drawn on log scales.",
);
pub const WHICH: Text = Text::new("超参数", "Hyperparameter");
pub const START_DEMO: Text = Text::new("▶ 逐个取值训练", "▶ Train each value");
pub const VAL_AXIS: Text = Text::new("验证准确率", "validation accuracy");
pub const DEMO_WAITING: Text =
    Text::new("按 ▶ 后，每个取值训练完就画一个点。", "Press ▶: each value is drawn as its run finishes.");
pub const NOTES: [Text; 8] = [
    Text::new(
        "太小学得慢，太大会发散（发散的试验记为 0）。这是 Adam 的学习率：换一个优化器，这条曲线会整体左右移动。",
        "Too small learns slowly, too large diverges (a diverged trial counts as 0). These are Adam's learning rates: with another optimizer the whole curve moves left or right.",
    ),
    Text::new(
        "笔记说一般在 [16, 128] 之间，并说 CNN 对批量大小很敏感。这里量的是一个小的全连接网络，不是 CNN：它能说明批量大小怎样影响结果，却说明不了 CNN 是否更敏感。同样的迭代周期数，批量越大，更新次数越少。",
        "The note says [16, 128], and that CNNs are very sensitive to the batch size. What is measured here is a small fully connected network, not a CNN: it shows how the batch size matters, not whether CNNs are more sensitive. For the same epochs, larger batches mean fewer updates.",
    ),
    Text::new(
        "0 = ReLU，1 = tanh，2 = sigmoid。笔记说 rectifier（ReLU）在 CNN 里通常更好；这里试的是全连接网络，不是 CNN，只能作参考。",
        "0 = ReLU, 1 = tanh, 2 = sigmoid. The note says rectifiers usually do better in CNNs; what is tried here is a fully connected network, not a CNN, so take it only as a hint.",
    ),
    Text::new(
        "隐藏层数 1、2、3。笔记说加深到测试错误率不再下降为止；按数据划分一课的规矩，该看的是验证集。",
        "1, 2 or 3 hidden layers. The note says to go deeper until the test error stops falling; by the split lesson's rule, it is the validation set to watch.",
    ),
    Text::new(
        "每个隐藏层的单元数。笔记说单元太多时“只要采取合适的正则化方式，就不会产生不良影响”：准确率上大致如此，但计算量和内存随宽度一起增长，而“合适的”正则化强度本身也得调，又多了一个超参数。",
        "Units in each hidden layer. The note says that too many units \"do no harm with a suitable regularisation\": roughly so for accuracy, but the cost in computation and memory grows with the width, and the \"suitable\" strength of the regularisation must itself be tuned: one more hyperparameter.",
    ),
    Text::new(
        "“均匀分布”那条线：权重在 ±尺度/√fan_in 内均匀取值（PyTorch 的默认是尺度 1）；尺度太小，信号和梯度都接近 0（笔记说的“零梯度网络”）。笔记还说均匀分布效果较好，所以另一条线用 He 正态分布 N(0, (尺度·√(2/fan_in))²) 来比：同样的尺度下，它的标准差是均匀分布的 √6 ≈ 2.4 倍。比一比两条线：起作用的主要是分布的形状，还是权重的大小？",
        "The uniform line: weights uniform in ±scale/√fan_in (PyTorch's default is scale 1); too small a scale and signals and gradients are near 0 (the note's \"zero-gradient network\"). The note also says uniform distributions work better, so the other line draws He normal weights N(0, (scale·√(2/fan_in))²) to compare: at the same scale their standard deviation is √6 ≈ 2.4 times the uniform one's. Compare the lines: is it the shape of the distribution that matters, or the size of the weights?",
    ),
    Text::new(
        "训练时随机丢掉的单元比例（笔记的默认值 0.5）。",
        "The share of units dropped in training (the note's default is 0.5).",
    ),
    Text::new(
        "训练集过几遍；每个点是一次从头开始、训练这么多迭代周期的试验。笔记说“测试错误率和训练错误率相差较小时，迭代次数就合适了”，这里要温和地改两处：该比的是验证集，按测试集挑迭代周期，测试集就不再是“高考”了；而且两者相差小也可能是欠拟合（训练误差本身就高）。通常的做法是看验证误差，它不再下降时就停（提前停止）。",
        "Passes over the training set; each point is a fresh run of that many epochs. The note says the number of epochs is right \"when the test error and the training error differ little\"; two gentle corrections: it is the validation set to compare with, since choosing epochs by the test set makes it no longer the final exam; and a small gap can also mean under-fitting (a high training error). The usual way is to watch the validation error and stop when it stops falling (early stopping).",
    ),
];
// Search.
pub const SEARCH_TITLE: Text =
    Text::new("五种搜索方法，同样的空间，同样的预算", "Five search methods, the same space, the same budget");
pub const SEARCH_INTRO: Text = Text::new(
    "搜索空间是上面除迭代周期以外的超参数（{1}），初始化都用均匀分布。每种方法的预算都是 {0} 个迭代周期：网格、随机、贝叶斯和进化每次试验训练 1 个迭代周期；Hyperband 自己决定给每个试验几个迭代周期，而且只运行完整的 bracket（见下）。种子相同，试验就相同。",
    "The search space is the hyperparameters above other than the epochs ({1}), all initialised uniformly. Every method's budget is {0} training epochs: grid, random, Bayesian and evolution train each trial for 1 epoch; Hyperband decides how many epochs each trial gets, and runs whole brackets only (below). The same seed gives the same trials.",
);
pub const HB_PLANNED: Text = Text::new(
    "按这个预算，Hyperband 会用掉 {0} 个迭代周期：它只开始放得下的完整 bracket，剩下的 {1} 个不够再跑一个。",
    "With this budget Hyperband will spend {0} epochs: it starts only whole brackets that fit, and the {1} left do not hold another.",
);
pub const BUDGET: Text = Text::new("每种方法的预算（迭代周期）", "Budget per method (epochs)");
pub const SEED: Text = Text::new("种子", "Seed");
pub const START_SEARCH: Text = Text::new("▶ 五种方法并排搜索", "▶ Run the five searches side by side");
pub const GRID: Text = Text::new("网格搜索", "grid search");
pub const RANDOM: Text = Text::new("随机搜索", "random search");
pub const BAYESIAN: Text = Text::new("贝叶斯优化", "Bayesian");
pub const EVOLUTION: Text = Text::new("进化算法", "evolution");
pub const HYPERBAND: Text = Text::new("Hyperband", "Hyperband");
pub const MANUAL: Text = Text::new("手动", "manual");
pub const METHODS_NOTE: [Text; 5] = [
    Text::new(
        "网格：学习率和宽度各取 {0} 个值，其余固定在默认值。",
        "Grid: {0} values each of learning rate and width, the rest at their defaults.",
    ),
    Text::new(
        "随机（Bergstra 与 Bengio，2012）：每个坐标独立均匀抽取；同样多的试验，每个维度都看到更多不同的取值，重要的维度因此覆盖得更好。",
        "Random (Bergstra & Bengio, 2012): every coordinate drawn independently; with as many trials, each dimension sees more distinct values, so the ones that matter are covered better.",
    ),
    Text::new(
        "贝叶斯优化：先随机试 {0} 次，然后用高斯过程拟合已有的分数，下一次试在期望改进最大的地方。这里的做法是简化的：平方指数核的长度尺度固定为 {1}（单位立方体里），下一次试验从 {2} 个随机候选点里挑期望改进最大的；Snoek 等（2012）用 Matérn 5/2 核，并把核的超参数积分掉。",
        "Bayesian optimisation: {0} random trials first, then a Gaussian process fitted to the scores so far, and the next trial where the expected improvement is largest. Simplified here: a squared-exponential kernel whose length scale is fixed at {1} (in the unit cube), and the next trial is the best of {2} random candidates by expected improvement; Snoek et al. (2012) use a Matérn 5/2 kernel and integrate its hyperparameters out.",
    ),
    Text::new(
        "进化：第一代 {0} 个都要训练；之后好的一半留下（保留它们的分数，不再重新训练），每个再生一个加了高斯噪声的孩子，所以每一代只训练 {1} 个新试验。",
        "Evolution: the first generation of {0} is all trained; then the better half survives (keeping its scores, not trained again) and each survivor has one child with Gaussian noise added, so each later generation trains only {1} new trials.",
    ),
    Text::new(
        "Hyperband（Li 等，2018）：很多配置先各训练很少的迭代周期，每轮只留最好的 1/η，迭代周期乘以 η（逐次减半）；几个 bracket 在“试很多配置、每个训练很少”和“试很少配置、每个训练很久”之间取不同的折中。笔记把它叫“超参数调度”，这个说法不太准确：它是一种带提前停止的搜索方法，不是在训练中调整超参数的“调度”。",
        "Hyperband (Li et al., 2018): many configurations first get few epochs each; each round keeps only the best 1/η and multiplies the epochs by η (successive halving); its brackets strike different balances between many configurations trained briefly and few trained long. The note calls it \"超参数调度\" (hyperparameter scheduling); that is not quite right: it is a search with early stopping, not a schedule that changes hyperparameters during training.",
    ),
];
pub const BEST_CHART: Text =
    Text::new("至今最好的验证准确率与已用的迭代周期", "Best validation accuracy so far against epochs spent");
pub const SPENT_AXIS: Text = Text::new("已用的迭代周期", "training epochs spent");
pub const SLICE_CHART: Text =
    Text::new("二维切片：每次试验的学习率和宽度", "A 2-D slice: each trial's learning rate and width");
pub const LR_AXIS: Text = Text::new("学习率（log₁₀）", "learning rate (log₁₀)");
pub const WIDTH_AXIS: Text = Text::new("宽度（log₁₀）", "width (log₁₀)");
pub const SEARCH_WAITING: Text =
    Text::new("按 ▶ 后，每个试验结束就画一个点。", "Press ▶: each trial is drawn as it finishes.");
pub const TABLE_METHOD: Text = Text::new("方法", "Method");
pub const TABLE_TRIALS: Text = Text::new("试验数", "Trials");
pub const TABLE_BEST: Text = Text::new("最好的验证准确率", "Best validation accuracy");
pub const GP_TITLE: Text =
    Text::new("贝叶斯优化的代理模型，沿学习率这一维", "Bayesian optimisation's surrogate along the learning rate");
pub const GP_INTRO: Text = Text::new(
    "其他坐标固定在目前最好的试验处。实线是高斯过程的均值，阴影是 ±2 个标准差，点是已有的试验（投影到这一维），下面是期望改进：它在均值高的地方大，在不确定的地方也大。",
    "The other coordinates are held at the best trial so far. The line is the Gaussian process's mean, the band ±2 standard deviations, the dots the trials so far (projected onto this dimension); below, the expected improvement: large where the mean is high, and where it is uncertain.",
);
pub const GP_MEAN: Text = Text::new("均值 ± 2σ", "mean ± 2σ");
pub const EI: Text = Text::new("期望改进（放大）", "expected improvement (scaled)");
pub const HB_TITLE: Text = Text::new("Hyperband 的逐次减半", "Hyperband's successive halving");
pub const HB_INTRO: Text = Text::new(
    "论文的算法 1 有两个参数：一个配置最多训练 R 个迭代周期（这里 R = {0}），每轮只留 1/η（这里 η = {1}）。它先算出 s_max = ⌊log_η R⌋ = {2}，于是有 {3} 个 bracket；bracket s 从 n 个随机配置、每个 r = R·η^(−s) 个迭代周期开始，做逐次减半，直到剩下的配置训练满 R 个迭代周期。下表就是论文表 1 在 R = {0}、η = {1} 时的样子：每格是“配置数 × 迭代周期数”。外层循环按顺序跑这些 bracket，跑完一遍再从头来（换新的随机配置），只要预算还够一个完整的 bracket；不够的就不开始，因为跑一半的 bracket 里的配置没法互相比较。",
    "The paper's Algorithm 1 takes two settings: at most R epochs for a configuration (here R = {0}), and keep 1/η each round (here η = {1}). It computes s_max = ⌊log_η R⌋ = {2}, so there are {3} brackets; bracket s starts n random configurations at r = R·η^(−s) epochs each and halves successively until the survivors have trained for R epochs. The table is the paper's Table 1 for R = {0}, η = {1}: each cell is \"configurations × epochs\". The outer loop runs the brackets in order, then again from the first with new random configurations, as long as the budget holds a whole bracket; one that does not fit is not started, since the configurations of a half-run bracket could not be compared.",
);
pub const HB_BRACKET: Text = Text::new("bracket s = {0}", "bracket s = {0}");
pub const HB_ROUND: Text = Text::new("第 {0} 轮", "round {0}");
pub const HB_COST: Text = Text::new("共用迭代周期", "epochs in all");
pub const HB_RUNS: Text = Text::new("这次运行了几遍", "times run this time");
pub const HB_CHART: Text = Text::new(
    "每条线是一个配置：横轴是它被训练的迭代周期数，纵轴是分数。线在哪一轮断掉，它就在那一轮被停掉。这里留下的配置在下一轮从头重新训练更多迭代周期（论文也允许接着训练，那样更省）。注意：Hyperband 最后留下的配置训练了 {0} 个迭代周期，别的方法每个试验只训练 1 个：它的“最好”有一部分来自训练得更久。",
    "Each line is one configuration: across, the epochs it was trained for; up, its score. Where a line ends, it was stopped in that round. Here the kept configurations are trained again from scratch for more epochs in the next round (the paper also allows resuming them, which spends less). Note: Hyperband's finalists train {0} epochs while every other method's trials train 1: part of its \"best\" is more training.",
);
pub const UNIFORM: Text = Text::new("均匀分布", "uniform");
pub const HE_NORMAL: Text = Text::new("He 正态分布", "He normal");
pub const SPACE: Text = Text::new(
    "学习率 {0}–{1}、批量大小 {2}–{3}、宽度 {4}–{5} 和初始化尺度 {6}–{7} 在对数刻度上取值；激活函数 3 种、隐藏层 1–3 层、dropout {8}–{9}",
    "learning rate {0}–{1}, batch size {2}–{3}, width {4}–{5} and initialisation scale {6}–{7} on log scales; 3 activations, 1–3 hidden layers, dropout {8}–{9}",
);
pub const EVO_TITLE: Text = Text::new("进化算法，一代一代", "Evolution, generation by generation");
pub const GENERATION_AXIS: Text = Text::new("代", "generation");
pub const REVEAL: Text = Text::new("揭晓选中模型的测试成绩（只能一次）", "Reveal the chosen model's test score (once)");
pub const CHOSEN: Text = Text::new(
    "选中的是全部方法里验证准确率最高的试验（{0}，{1}）。它在封存的 {2} 张测试数字上：{3}。",
    "The chosen model is the trial with the best validation accuracy of all methods ({0}, {1}). On the {2} sealed test digits: {3}.",
);
pub const SEALED: Text = Text::new("测试数字封存中", "test digits sealed");
pub const TRY: Text = Text::new("▶ 试这一组（1 个迭代周期）", "▶ Try these settings (1 epoch)");
pub const RELU: Text = Text::new("ReLU", "ReLU");
pub const TANH: Text = Text::new("tanh", "tanh");
pub const SIGMOID: Text = Text::new("sigmoid", "sigmoid");
pub const MANUAL_TITLE: Text = Text::new("手动调参", "Manual tuning");
pub const MANUAL_INTRO: Text = Text::new(
    "先自己来：设好每个超参数，试一次（训练 1 个迭代周期，在验证数字上打分）。每次试的结果都记下来，并出现在下面的图和表里，和五种自动方法放在一起比。",
    "First by hand: set each hyperparameter and try it (one epoch of training, scored on the validation digits). Every try is kept and appears in the charts and the table below, beside the five automatic methods.",
);

pub const TIE: Text = Text::new("一样好", "A tie");
pub const Q_PENDING: Text =
    Text::new("运行五种搜索，全部结束就能核对。", "Run the five searches; once all have finished, this is checked.");
pub const Q1: Text = Text::new(
    "同样花 {0} 个迭代周期，随机搜索找到的最好验证准确率会比网格搜索高吗？",
    "With the same {0} epochs, will random search find a better validation accuracy than grid search?",
);
pub const Q1_HINT: Text = Text::new(
    "网格只动学习率和宽度两个维度；随机搜索每个维度都试不同的值。",
    "The grid moves only two dimensions, learning rate and width; random search tries new values in every dimension.",
);
pub const Q1_WHY: Text = Text::new(
    "看表里“最好的验证准确率”一列。预算小时运气影响很大：换一个种子再试一次。",
    "See the table's best validation column. With a small budget luck matters a lot: try another seed.",
);
pub const Q2: Text = Text::new(
    "选中的模型在封存的测试数字上，成绩会比它的验证成绩低吗？",
    "Will the chosen model score lower on the sealed test digits than on validation?",
);
pub const LOWER: Text = Text::new("会更低", "Lower");
pub const NOT_LOWER: Text = Text::new("不会更低", "Not lower");
pub const Q2_HINT: Text = Text::new(
    "它是从所有试验里按验证成绩挑出来的最高者。",
    "It was picked as the highest validation score of all the trials.",
);
pub const Q2_WHY: Text = Text::new(
    "挑最大值时把验证集上的运气也挑进来了（数据划分一课量过）；测试集没参与挑选，所以它的成绩没有这个偏差。",
    "Picking the maximum picks the luck on the validation set too (the split lesson measured it); the test set took no part in the choice, so its score has no such bias.",
);
pub const Q2_PENDING: Text =
    Text::new("搜索结束后揭晓测试成绩，就能核对。", "Once the searches end, reveal the test score to check.");

// The lesson's steps (tabs).
pub const STEP_DEMOS: Text = Text::new("一次一个", "One at a time");
pub const STEP_MANUAL: Text = Text::new("手动调参", "By hand");
pub const STEP_SEARCHES: Text = Text::new("五种搜索", "Five searches");
