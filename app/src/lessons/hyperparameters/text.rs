//! The hyperparameter lesson's words, in both languages.

use crate::i18n::Text;

pub const INTRO: Text = Text::new(
    "笔记 2.9：超参数不能从训练数据里学出来，要在训练前或训练中通过试验来定。这里的目标是一个具体的数：一个小的全连接网络在 {0} 张真实数字上训练后，在 {1} 张验证数字上的准确率。测试数字封存起来，直到最后揭晓一次选中模型的成绩，就像数据划分一课那样。",
    "Note 2.9: hyperparameters cannot be learned from the training data; they are set before or during training, by experiment. Here the objective is one concrete number: the accuracy of a small fully connected network, trained on {0} real digits, on {1} validation digits. The test digits stay sealed until the chosen model's score is revealed once at the end, as in the split lesson.",
);
// The seven hyperparameters.
pub const LR: Text = Text::new("学习率", "Learning rate");
pub const BATCH: Text = Text::new("批次大小", "Batch size");
pub const ACTIVATION: Text = Text::new("激活函数", "Activation");
pub const DEPTH: Text = Text::new("隐藏层数", "Hidden layers");
pub const WIDTH: Text = Text::new("每层宽度", "Width");
pub const INIT: Text = Text::new("初始化尺度", "Initialisation scale");
pub const DROPOUT: Text = Text::new("dropout 比例", "Dropout rate");
pub const EPOCHS: Text = Text::new("迭代次数（周期）", "Epochs");
pub const DEMO_TITLE: Text = Text::new("七个超参数，各自的影响", "The seven hyperparameters, one at a time");
pub const DEMO_INTRO: Text = Text::new(
    "选一个超参数，其他的固定在默认值（学习率 0.01、批次 32、ReLU、1 个隐藏层、宽 64、初始化尺度 1 即 PyTorch 默认、不用 dropout、1 个周期），把它取 {0} 个值，各训练一次。学习率、宽度和初始化尺度画在对数轴上。",
    "Pick a hyperparameter; the others stay at their defaults (learning rate 0.01, batch 32, ReLU, 1 hidden layer, width 64, initialisation scale 1 (PyTorch's default), no dropout, 1 epoch), and it takes {0} values, each trained once. Learning rate, width and initialisation scale are drawn on log axes.",
);
pub const WHICH: Text = Text::new("超参数", "Hyperparameter");
pub const START_DEMO: Text = Text::new("▶ 逐个取值训练", "▶ Train each value");
pub const VAL_AXIS: Text = Text::new("验证准确率", "validation accuracy");
pub const DEMO_WAITING: Text =
    Text::new("按 ▶ 后，每个取值训练完就画一个点。", "Press ▶: each value is drawn as its run finishes.");
pub const NOTES: [Text; 8] = [
    Text::new(
        "太小学得慢，太大会发散（发散的试验记为 0）。",
        "Too small learns slowly, too large diverges (a diverged trial counts as 0).",
    ),
    Text::new(
        "笔记说一般在 [16, 128] 之间；同样的周期数，批次越大，更新次数越少。",
        "The note says [16, 128]; for the same epochs, larger batches mean fewer updates.",
    ),
    Text::new(
        "0 = ReLU，1 = tanh，2 = sigmoid。笔记说 ReLU 在 CNN 里通常更好。",
        "0 = ReLU, 1 = tanh, 2 = sigmoid. The note says rectifiers usually do better in CNNs.",
    ),
    Text::new("隐藏层数 1、2、3。", "1, 2 or 3 hidden layers."),
    Text::new("每个隐藏层的单元数。", "Units in each hidden layer."),
    Text::new(
        "权重在 ±尺度/√fan_in 内均匀取值；尺度太小，信号和梯度都接近 0（笔记说的“零梯度网络”）。",
        "Weights uniform in ±scale/√fan_in; too small a scale and signals and gradients are near 0 (the note's \"zero-gradient network\").",
    ),
    Text::new(
        "训练时随机丢掉的单元比例（笔记的默认值 0.5）。",
        "The share of units dropped in training (the note's default is 0.5).",
    ),
    Text::new(
        "训练集过几遍；每个点是一次从头开始、训练这么多周期的试验。",
        "Passes over the training set; each point is a fresh run of that many epochs.",
    ),
];
// Search.
pub const SEARCH_TITLE: Text =
    Text::new("五种搜索方法，同样的空间，同样的预算", "Five search methods, the same space, the same budget");
pub const SEARCH_INTRO: Text = Text::new(
    "搜索空间是上面除周期以外的六个超参数（学习率 1e-4–1 对数、批次 16–128、激活函数、1–3 层、宽 8–256 对数、初始化尺度 0.01–10 对数、dropout 0–0.8）。每种方法的预算都是 {0} 个训练周期：网格、随机、贝叶斯和进化每次试验训练 1 个周期；Hyperband 自己决定给每个试验几个周期。种子相同，试验就相同。",
    "The search space is the hyperparameters above other than the epochs (learning rate 1e-4–1 on a log scale, batch 16–128, activation, 1–3 layers, width 8–256 log, initialisation scale 0.01–10 log, dropout 0–0.8). Every method's budget is {0} training epochs: grid, random, Bayesian and evolution train each trial for 1 epoch; Hyperband decides how many epochs each trial gets. The same seed gives the same trials.",
);
pub const BUDGET: Text = Text::new("每种方法的预算（周期）", "Budget per method (epochs)");
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
        "贝叶斯优化：先随机试 {0} 次，然后用高斯过程拟合已有的分数，下一次试在期望改进最大的地方。",
        "Bayesian optimisation: {0} random trials first, then a Gaussian process fitted to the scores so far, and the next trial where the expected improvement is largest.",
    ),
    Text::new(
        "进化：每代 {0} 个，好的一半留下，每个再生一个加了高斯噪声的孩子。",
        "Evolution: {0} a generation; the better half survives and each survivor has one child with Gaussian noise added.",
    ),
    Text::new(
        "Hyperband（Li 等，2018）：很多配置先各训练很少的周期，每轮只留最好的 1/η，周期乘以 η（逐次减半）。笔记把它叫“超参数调度”，这个说法不太准确：它是一种带提前停止的搜索方法，不是在训练中调整超参数的“调度”。",
        "Hyperband (Li et al., 2018): many configurations first get few epochs each; each round keeps only the best 1/η and multiplies the epochs by η (successive halving). The note calls it \"超参数调度\" (hyperparameter scheduling); that is not quite right: it is a search with early stopping, not a schedule that changes hyperparameters during training.",
    ),
];
pub const BEST_CHART: Text =
    Text::new("至今最好的验证准确率与已用的周期", "Best validation accuracy so far against epochs spent");
pub const SPENT_AXIS: Text = Text::new("已用的训练周期", "training epochs spent");
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
    "每条线是一个配置：横轴是它被训练的周期数，纵轴是分数。线在哪一轮断掉，它就在那一轮被停掉。这里留下的配置在下一轮从头重新训练更多周期（论文也允许接着训练，那样更省周期）。",
    "Each line is one configuration: across, the epochs it was trained for; up, its score. Where a line ends, it was stopped in that round. Here the kept configurations are trained again from scratch for more epochs in the next round (the paper also allows resuming them, which spends fewer epochs).",
);
pub const EVO_TITLE: Text = Text::new("进化算法，一代一代", "Evolution, generation by generation");
pub const GENERATION_AXIS: Text = Text::new("代", "generation");
pub const REVEAL: Text = Text::new("揭晓选中模型的测试成绩（只能一次）", "Reveal the chosen model's test score (once)");
pub const CHOSEN: Text = Text::new(
    "选中的是全部方法里验证准确率最高的试验（{0}，{1}）。它在封存的 {2} 张测试数字上：{3}。",
    "The chosen model is the trial with the best validation accuracy of all methods ({0}, {1}). On the {2} sealed test digits: {3}.",
);
pub const SEALED: Text = Text::new("测试数字封存中", "test digits sealed");
pub const TRY: Text = Text::new("▶ 试这一组（1 个周期）", "▶ Try these settings (1 epoch)");
pub const RELU: Text = Text::new("ReLU", "ReLU");
pub const TANH: Text = Text::new("tanh", "tanh");
pub const SIGMOID: Text = Text::new("sigmoid", "sigmoid");
pub const MANUAL_TITLE: Text = Text::new("手动调参", "Manual tuning");
pub const MANUAL_INTRO: Text = Text::new(
    "先自己来：设好每个超参数，试一次（训练 1 个周期，在验证数字上打分）。每次试的结果都记下来，并出现在下面的图和表里，和五种自动方法放在一起比。",
    "First by hand: set each hyperparameter and try it (one epoch of training, scored on the validation digits). Every try is kept and appears in the charts and the table below, beside the five automatic methods.",
);
