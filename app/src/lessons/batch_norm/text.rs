//! The batch-norm lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "批量归一化把每个特征按小批量变成均值 0、方差 1，再乘 γ、加 β。",
        "Batch normalization makes each feature mean 0 and variance 1 over the mini-batch, then scales by γ and shifts by β.",
    ),
    Text::new("它放在全连接层和激活函数之间。", "It sits between a dense layer and its activation."),
    Text::new("有了它，深层网络更容易训练。", "With it, deep networks train more easily."),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new(
        "训练时用这一批的均值和方差，推理时用滑动平均。",
        "Training uses the batch's mean and variance; inference uses running averages.",
    ),
    Text::new(
        "同一个样本在不同的批里得到不同的 x̂：有一点正则化的作用。",
        "One example gets a different x̂ in different batches: a mild regularizer.",
    ),
    Text::new(
        "sigmoid 的导数最大 0.25，连乘 n 层会很小：梯度消失。",
        "Sigmoid's slope is at most 0.25; multiplied over n layers it vanishes.",
    ),
];

pub const INTRO: Text = Text::new(
    "训练深度网络的困难在于：前面层的参数一变，后面每一层输入的分布也跟着变，这叫内部协变量偏移（Internal Covariate Shift）。网络因此需要较低的学习率和谨慎的初始化。批量归一化（BN）作为网络的一层，先把每个特征在小批量里归一化到均值 0、方差 1，再用两个可学习的参数 γ 和 β 缩放和平移。",
    "Deep networks are hard to train because whenever earlier layers change their parameters, the distribution of every later layer's inputs changes too: the internal covariate shift. The network then needs small learning rates and careful initialization. Batch normalization (BN), a layer of its own, normalizes each feature over the mini-batch to mean 0 and variance 1, then scales and shifts it with two learned parameters, γ and β.",
);
pub const WHERE: Text = Text::new(
    "全连接层 → 批量归一化 → 激活函数：BN 加在每个全连接层和激活函数之间。",
    "dense layer → batch norm → activation: BN goes between every dense layer and its activation.",
);
pub const ARITH_TITLE: Text = Text::new("小批量上的计算，一步一步", "The mini-batch arithmetic, step by step");
pub const BATCH: Text = Text::new("一个小批量：4 个样本 × 3 个特征", "A mini-batch: 4 examples × 3 features");
pub const BAD_NUMBERS: Text = Text::new("标红的格子不是数。", "The cells marked in red are not numbers.");
pub const INFER_MODE: Text = Text::new("推理模式（用滑动平均的统计量）", "Inference mode (running statistics)");
pub const RUNNING_MEAN: Text = Text::new("滑动均值", "running mean");
pub const RUNNING_VAR: Text = Text::new("滑动方差", "running variance");
pub const INFER_NOTE: Text = Text::new(
    "推理时一次可能只有一个样本，不能用这批数据自己的均值和方差：BN 用训练中积累的滑动平均。这里只看过这一批（从均值 0、方差 1 开始），所以结果和训练模式很不一样；训练足够多批以后两者会接近。",
    "At inference there may be a single example, so BN cannot use the batch's own mean and variance: it uses running averages gathered while training. Here it has seen only this one batch (starting from mean 0, variance 1), so the result differs a lot from training mode; after many batches the two come close.",
);
pub const ARITH_HINT: Text = Text::new(
    "ε = {0}，滑动平均的动量 = {1}，每个特征（每一列）单独归一化。训练时用这一批的有偏方差（除以 m）；滑动方差和 PyTorch 一样记录无偏方差，即乘以 m/(m − 1) = {2}/{3}。下面的实验用 burn 的 BatchNorm，它的滑动方差记录有偏方差：每批 64 个样本时两者只差 64/63，训练本身不受影响。",
    "ε = {0}, running-average momentum = {1}; each feature (column) is normalized on its own. Training uses this batch's biased variance (divided by m); the running variance stores the unbiased one, as PyTorch does: times m/(m − 1) = {2}/{3}. The experiment below uses burn's BatchNorm, whose running variance stores the biased one: with 64 examples a batch the two differ by 64/63, and training itself is not affected.",
);
pub const EXP_TITLE: Text =
    Text::new("实验：同一个深度网络，有 BN 和没有 BN", "Experiment: the same deep network with and without BN");
pub const EXP_INTRO: Text = Text::new(
    "一个 {0} 个隐藏层的全连接网络（每层 64 个单元），用普通 SGD 训练两次，随机种子、数据和学习率都相同：一次不加 BN，一次在每个隐藏层的激活函数前加 BN。比较两条损失曲线和下面每一层的梯度大小。然后试试：把学习率调到 0.5 或 1；把隐藏层数减到 2；把激活函数换成笔记讨论的 sigmoid。",
    "A dense network with {0} hidden layers (64 units each) trained twice with plain SGD, with the same seed, data and learning rate: once without BN, once with BN before every hidden layer's activation. Compare the two loss curves and each layer's gradient size below. Then try: a learning rate of 0.5 or 1; only 2 hidden layers; the sigmoid activation the note argues about.",
);
pub const LR: Text = Text::new("学习率 α", "Learning rate α");
pub const MEDIAN: Text = Text::new("中位数", "median");
pub const LR_HINT: Text = Text::new("试试 0.5", "try 0.5");
pub const DEPTH: Text = Text::new("隐藏层数", "Hidden layers");
pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
pub const START: Text = Text::new("▶ 训练两个网络", "▶ Train both networks");
pub const WITHOUT: Text = Text::new("没有 BN", "without BN");
pub const WITH: Text = Text::new("有 BN", "with BN");
pub const DIVERGED: Text = Text::new("第 {0} 步发散", "diverged at step {0}");
pub const VAL_IS: Text = Text::new("验证准确率 {0}%", "validation accuracy {0}%");
pub const LOSS_CHART: Text = Text::new("训练损失", "Training loss");
pub const ACC_CHART: Text = Text::new("验证准确率", "Validation accuracy");
pub const STEP_AXIS: Text = Text::new("步数", "step");
pub const EPOCH_AXIS: Text = Text::new("迭代周期", "epoch");
pub const VAL_ACC: Text = Text::new("验证准确率", "validation accuracy");
pub const SHIFT_TITLE: Text =
    Text::new("一层的输入分布怎样随训练漂移", "How one layer's input distribution drifts during training");
pub const LAYER: Text = Text::new("第几层：", "Layer:");
pub const VALUES_OF: Text = Text::new("第 {0} 层激活前的值", "layer {0} before activation");
pub const SHIFT_HINT: Text = Text::new(
    "每条线是该层所有单元的值的一个分位数（5%、25%、中位数、75%、95%），每 5 步记录一次。没有 BN 时，分布的位置和宽度随训练不断漂移；有 BN 时，它一直稳定在 0 附近。",
    "Each line is a percentile (5%, 25%, median, 75%, 95%) of the layer's values, recorded every 5 steps. Without BN the distribution keeps moving and stretching as training goes on; with BN it stays centred near 0.",
);
pub const GRAD_TITLE: Text =
    Text::new("每一层权重的梯度大小（最近一次记录）", "Gradient size of each layer's weights (latest record)");
pub const GRAD_AXIS: Text = Text::new("log₁₀ 平均 |梯度|", "log₁₀ mean |gradient|");
pub const GRAD_HINT: Text = Text::new(
    "“−1 … −{0}”是没有 BN 的网络的第 1 到第 {0} 层，“+1 … +{0}”是有 BN 的。纵轴是对数：低一格，梯度小十倍。链式法则把每层的因子连乘起来：层数越多，越容易一路变小（梯度消失）或一路变大（梯度爆炸）。",
    "“−1 … −{0}” are layers 1 to {0} without BN, “+1 … +{0}” with BN. The axis is logarithmic: one step down is ten times smaller. The chain rule multiplies the layers' factors together: the more layers, the easier it is for gradients to shrink all the way (vanishing) or grow all the way (exploding).",
);
pub const ACTIVATION: Text = Text::new("隐藏层激活函数", "Hidden activation");
pub const RELU: Text = Text::new("ReLU", "ReLU");
pub const SIGMOID: Text = Text::new("sigmoid（笔记的例子）", "sigmoid (the note's example)");
pub const CAUSE_RELU: Text = Text::new(
    "梯度为什么这么小？这里用 ReLU 和 PyTorch 的默认初始化（权重在 ±1/√fan_in 内均匀分布，方差 1/(3·fan_in)）：每经过一层，信号的方差约乘以 fan_in × 1/(3·fan_in) × ½ = 1/6，到后面几层，值已经很小。一层权重的梯度等于这一层的输入乘以从上面传回来的梯度，所以每一层的梯度都很小：看下面的柱子，没有 BN 的每一层都远低于有 BN 的，虽然第 1 层不一定比最后一层小很多。所以这里的原因是初始化的尺度，而不是笔记说的 sigmoid 斜率（ReLU 的斜率是 0 或 1）；笔记说的“越靠前越小”，换成 sigmoid 就能看到。BN 把每层激活前的值重新缩放到方差 1，抵消了这个尺度。",
    "Why are the gradients so small? Here with ReLU and PyTorch's default initialization (weights uniform in ±1/√fan_in, variance 1/(3·fan_in)), each layer multiplies the signal's variance by about fan_in × 1/(3·fan_in) × ½ = 1/6, so by the later layers the values are tiny. A layer's weight gradient is its input times the gradient coming back from above, so every layer's gradient is small: in the bars below, every layer without BN sits far below the layers with BN, even though layer 1 need not be much smaller than the last. So the cause here is the initialization's scale, not the sigmoid slope of the note's argument (ReLU's slope is 0 or 1); the note's “the earlier the layer, the smaller” shows with sigmoid. BN rescales each layer's pre-activations to variance 1, which cancels that scale.",
);
pub const CAUSE_SIGMOID: Text = Text::new(
    "梯度为什么会消失？这里是笔记的论证：sigmoid 的斜率最大只有 0.25（在输入为 0 处），梯度每往回传一层，就要乘以一个不超过 0.25 的斜率，再乘以这一层的权重（默认初始化下权重很小）。BN 改变不了 sigmoid 的最大斜率，但它把每层激活前的值拉回 0 附近（斜率最大的地方），并除以这批值的标准差，抵消了权重的尺度。",
    "Why does the gradient vanish? Here is the note's argument: a sigmoid's slope is at most 0.25 (at input 0), so each layer the gradient flows back through multiplies it by a slope of at most 0.25, and by that layer's weights (small under the default initialization). BN cannot change the sigmoid's largest slope, but it brings each layer's pre-activations back near 0, where the slope is largest, and divides them by the batch's standard deviation, which cancels the weights' scale.",
);
pub const GRAD_WAITING: Text = Text::new(
    "训练后，这里显示每一层权重的梯度大小。",
    "After training, each layer's weight-gradient size appears here.",
);
pub const DECADES: Text =
    Text::new("{0}：第 1 层的梯度是第 {1} 层的 10^{2} 倍", "{0}: layer 1's gradient is 10^{2} × layer {1}'s");
pub const NOTE_TITLE: Text = Text::new("笔记的算术：连乘 n 次", "The note's arithmetic: a product over n layers");
pub const NOTE_CAVEAT: Text = Text::new(
    "笔记用这两个乘积说明连乘的威力：{0} 层以后，因子 0.25 让梯度小了好几个数量级，因子 25 让它大了好几个数量级。第二个例子有一处不严谨：权重为 100 时 sigmoid 的输入很大，它的斜率接近 0 而不是 0.25，结果反而是饱和造成的梯度消失。实际中的梯度爆炸多来自过大的权重尺度配合 ReLU 这类不饱和的激活函数。BN 对权重的尺度不敏感：把一层的权重乘以 100，BN 之后的输出不变，这一层权重的梯度反而除以 100，这正是笔记所说“使用 BN 层后权值的更新也不会很大”。",
    "The note uses these two products to show the power of a product: after {0} layers, a factor of 0.25 has made the gradient several orders of magnitude smaller, and a factor of 25 several orders larger. The second example has one slip: with weights of 100 a sigmoid's inputs are large and its slope is near 0, not 0.25, so the result would be vanishing by saturation instead. In practice exploding gradients come from too large a weight scale with a non-saturating activation such as ReLU. BN does not care about the weights' scale: multiply a layer's weights by 100 and the output after BN is unchanged, while that layer's weight gradient is divided by 100; this is the note's “with BN the weight updates do not get large either”.",
);
pub const NOISE_TITLE: Text = Text::new("同一个样本，不同的小批量", "The same example in different mini-batches");
pub const NOISE_INTRO: Text = Text::new(
    "笔记说 BN 能在一定程度上防止过拟合：经过 BN 后，一个样本的输出不只取决于它自己，也取决于同一批里的其他样本。下表把上面那批的第 1 个样本 x₁ 放进几个不同的小批量（其余样本按上面那批每个特征的均值和标准差随机抽取），看它的 x̂ 怎样变。",
    "The note says BN guards against over-fitting to some degree: after BN an example's output depends not only on itself but on the other examples of its batch. The table puts the first example x₁ of the batch above into several different mini-batches (the other examples drawn at random with each feature's mean and standard deviation in the batch above) and shows how its x̂ changes.",
);
pub const REDRAW: Text = Text::new("↻ 重新抽取", "↻ Draw again");
pub const FEATURE: Text = Text::new("特征 {0}", "feature {0}");
pub const OWN_BATCH: Text = Text::new("上面那批", "the batch above");
pub const OTHER_BATCH: Text = Text::new("随机批 {0}", "random batch {0}");
pub const SPREAD: Text =
    Text::new("小批量 {0} 个样本：x̂₁ 在 {1} 批里的标准差 {2}", "batches of {0}: std of x̂₁ over {1} batches {2}");
pub const NOISE_HINT: Text = Text::new(
    "x₁ 本身没有变，它的 x̂ 却随同批的样本而变。训练时每个迭代周期重新随机分批，相当于给每个样本加了一点噪声，网络不能依赖某个样本的确切数值，这有轻微的正则化作用（通常比 Dropout 弱）。批越大，噪声越小；推理时用滑动统计量，噪声消失。",
    "x₁ itself has not changed, yet its x̂ moves with its companions. Training reshuffles the batches every epoch, which adds a little noise to every example: the network cannot rely on any example's exact values, a mild regularizing effect (usually weaker than dropout). The larger the batch, the smaller the noise; at inference the running statistics remove it.",
);

pub const YES: Text = Text::new("会", "Yes");
pub const NO: Text = Text::new("不会", "No");
pub const Q1: Text = Text::new(
    "先算一算：上面这个小批量里，特征 1（第一列）的均值 μ₁ 是多少？",
    "Work it out first: what is the mean μ₁ of feature 1 (the first column) of the mini-batch above?",
);
pub const Q1_HINT: Text =
    Text::new("把第一列的数加起来，再除以行数 m。", "Add up the first column and divide by the number of rows m.");
pub const Q1_WHY: Text = Text::new(
    "μ = (1/m) Σ x：表里的第一步。改一个数，再算一次。",
    "μ = (1/m) Σ x: the table's first step. Change a value and work it out again.",
);
pub const Q2: Text = Text::new(
    "{0} 个隐藏层、{1} 激活、训练 {2} 个迭代周期：加了批量归一化的网络，验证准确率会更高吗？",
    "{0} hidden layers, {1} activations, {2} epochs: will the network with batch normalization reach a higher validation accuracy?",
);
pub const Q2_HINT: Text = Text::new(
    "层数越多、用 sigmoid 时，梯度越容易在往回传时变得很小。",
    "The deeper the network, and with sigmoid, the more easily the gradient shrinks on its way back.",
);
pub const Q2_WHY: Text = Text::new(
    "看梯度那张图：没有 BN 时，前面的层几乎收不到梯度。换成 ReLU 或减少层数，差别会变小。",
    "See the gradient chart: without BN the early layers get almost no gradient. With ReLU or fewer layers the difference shrinks.",
);
pub const Q2_PENDING: Text = Text::new("训练两个网络到结束，就能核对。", "Train both networks to the end to check.");

// The lesson's steps (tabs).
pub const STEP_ARITHMETIC: Text = Text::new("算一遍", "The arithmetic");
pub const STEP_NOISE: Text = Text::new("批次的噪声", "Batch noise");
pub const STEP_EXPERIMENT: Text = Text::new("深度网络实验", "Deep-network experiment");
pub const LINES_LABEL: Text = Text::new(
    "每个特征的四个样本：上面是原始值，下面是归一化之后，都落在同一个尺度上",
    "Each feature's four examples: raw values above, normalized below, all on one scale",
);
