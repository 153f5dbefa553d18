//! The rnn lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "RNN 每一步把输入和上一步的状态送进同一个单元。",
        "At each step an RNN feeds the input and the previous state into the same cell.",
    ),
    Text::new(
        "四种结构：一对多、多对一、多对多（对齐的，或输出较短的）。",
        "Four shapes: one-to-many, many-to-one, many-to-many (aligned, or with a shorter output).",
    ),
    Text::new("用普通 SGD 训练可能不收敛，梯度裁剪能帮忙。", "Plain SGD may not converge; gradient clipping helps."),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new("所有时间步共用同一组权重。", "Every time step shares one set of weights."),
    Text::new(
        "梯度往回传要连乘 diag(1 − h²)·W_hh：可能消失，也可能爆炸。",
        "The gradient travelling back is multiplied by diag(1 − h²)·W_hh at each step: it may vanish or explode.",
    ),
    Text::new("裁剪只缩短梯度，不改变它的方向。", "Clipping only shortens the gradient, never turns it."),
];

pub const INTRO: Text = Text::new(
    "循环神经网络（RNN）逐个读入序列：每一步把这一步的输入 x_t 和上一步的内部状态 h_(t−1) 一起送进同一个单元，算出新的状态 h_t，再从 h_t 产生这一步的输出。所有时间步共用同一组权重 W_ih、W_hh：训练调整的就是这一组。",
    "A recurrent network (RNN) reads a sequence one item at a time: at each step the input x_t and the previous internal state h_(t−1) go into the same cell, which computes the new state h_t, and the step's output is read from h_t. Every time step shares one set of weights W_ih, W_hh: training adjusts that one set.",
);
pub const INTRO_HINT: Text = Text::new(
    "和 PyTorch 的 nn.RNN 一样：tanh 激活，两个偏置 b_ih、b_hh（只有它们的和起作用，但参数个数与 PyTorch 一致），权重初始值在 ±1/√隐藏单元数 内均匀抽取。这里的字先经过一层可学习的嵌入（每个字一个 32 维向量）。",
    "As PyTorch's nn.RNN computes it: tanh activation, two biases b_ih and b_hh (only their sum matters, but the parameter count then matches PyTorch), weights drawn uniformly within ±1/√hidden. Characters first pass a learned embedding (a 32-number vector per character).",
);
pub const PREVIOUS: Text =
    Text::new("嵌入在上一课「文字该如何输入」里讲过。", "The previous lesson, text input, explains embeddings.");
pub const NAME_NOTE: Text = Text::new(
    "关于名字：笔记说把隐藏层的输出作为下一次的输入，“类似于递归”。这个描述没错，但中文名字容易混：RNN 里的 R 是 recurrent，译作“循环”（循环神经网络）；“递归神经网络”通常指另一种网络（recursive neural network），它沿着一棵树（比如句子的语法树）把子节点的向量递归地组合起来。",
    "About the name: the note says the hidden layer's output becomes the next step's input, \"like recursion\". True enough, but in Chinese the names are easy to mix up: the R of RNN is recurrent, 循环 (循环神经网络); 递归神经网络 usually means another network, the recursive neural network, which combines the vectors of a tree's children (a sentence's parse tree, say) recursively.",
);

pub const SHAPES_TITLE: Text = Text::new("四种结构，四个真实任务", "Four shapes, four real tasks");
pub const SHAPES_INTRO: Text = Text::new(
    "笔记里的图（来自 Karpathy）还有一对一：那就是第 1 章的 CNN，没有循环。下面四个网络结构相同（嵌入 + 一层 RNN + 全连接输出），只是读什么、在哪一步输出不同，都用真实的唐诗宋词训练，在没见过的诗上打分，并和“不看输入”的基线比较。",
    "The note's picture (from Karpathy) also has one-to-one: that is chapter 1's CNN, with no recurrence. The four networks below have the same parts (embedding + one RNN layer + a dense output); they differ in what they read and at which steps they answer. Each trains on real Tang and Song poems, is scored on poems it never saw, and is compared with a baseline that ignores its input.",
);
pub const LINE: Text = Text::new("网络读的句子", "Line the networks read");
pub const START_CHAR: Text = Text::new("一对多的起始字", "Start of one-to-many");
pub const HIDDEN: Text = Text::new("隐藏单元数", "Hidden units");
pub const STEPS: Text = Text::new("每个网络的训练步数", "Training steps per network");
pub const START_SHAPES: Text = Text::new("▶ 训练四个网络", "▶ Train the four networks");
pub const UNROLLED_TITLE: Text =
    Text::new("展开的 RNN：同一个单元，每个字一步", "The RNN unrolled: one cell, one step per character");
pub const UNROLLED_WAITING: Text = Text::new(
    "开始训练后，这里会画出平仄标注网络（多对多）读你这句话的每一步：一开始是随机权重，边训练边更新。",
    "Start training: the tone tagger (many-to-many) is drawn here reading your line step by step, with random weights at first and updated as it trains.",
);
pub const UNROLLED_LABEL: Text = Text::new(
    "RNN 按时间展开，每一步的隐藏状态和输出",
    "The RNN unrolled in time, with each step's hidden state and output",
);
pub const UNROLLED_HINT: Text = Text::new(
    "每一列是一个时间步，方框都是同一个 RNN 单元（同一组权重）。下面是读入的字，横向箭头把 h_t 传给下一步，色条是 h_t 的前 8 个单元（蓝负红正，−1 到 1；明显为负的单元另有一道白横线），最上面是这一步的输出：平或仄及其概率。标点没有平仄，不计分。点一列（或用 Tab 选中后按回车）看那一步的数值。",
    "Each column is one time step, and every box is the same RNN cell (the same weights). At the bottom is the character read, the arrow carries h_t to the next step, the strip shows h_t's first 8 units (blue negative, red positive, −1 to 1; a clearly negative unit also carries a white bar), and on top the step's output: level (平) or oblique (仄) tone with its probability. Punctuation has no tone and is not scored. Click a column (or Tab to it and press Enter) for that step's numbers.",
);
pub const STEP_TITLE: Text = Text::new("第 {0} 步：读入「{1}」", "Step {0}: reads “{1}”");
pub const STEP_DETAIL: Text = Text::new(
    "第 {0} 步读入「{1}」后，h_{0} 的前 8 个值：{2}（共 {3} 个）。",
    "After step {0} reads “{1}”, the first 8 values of h_{0}: {2} (of {3}).",
);
pub const ONE_TO_MANY: Text = Text::new("一对多：给一个字，写一首诗", "One-to-many: one character in, a poem out");
pub const ONE_TO_MANY_TASK: Text = Text::new(
    "在五言绝句上学“下一个字”，写的时候把自己写出的字再读回去（笔记的“看图写话”：一个输入，一串输出）。分数：没见过的绝句上每个字的交叉熵（越低越好），基线是只按字频猜的一元模型。",
    "Learns the next character on five-character quatrains, and writes by reading back what it wrote (the note's image captioning: one input, a sequence out). Score: cross-entropy per character on unseen quatrains (lower is better); the baseline guesses by character frequency alone (a unigram model).",
);
pub const MANY_TO_ONE: Text = Text::new("多对一：是诗还是词？", "Many-to-one: shi or ci?");
pub const MANY_TO_ONE_TASK: Text = Text::new(
    "读完一首诗的最后 32 个字，只在最后一步给一个答案：唐诗还是宋词（笔记的“情感分类”）。基线总是猜训练集里更多的那一类。标点先统一成两者都用的“，”和“。”：词里常有“、？！”，诗里从来没有，不统一的话，网络光看标点就能猜对不少，学不到诗和词本身的差别。",
    "Reads a poem's last 32 characters and answers once, at the last step: Tang shi or Song ci (the note's sentiment classification). The baseline always guesses the class more common in training. The punctuation is first reduced to the “，” and “。” both use: ci often have “、？！”, shi never do, and left as they are the marks alone would give many answers away, so the network would not need to learn how shi and ci differ.",
);
pub const ALIGNED: Text = Text::new("多对多（对齐）：逐字标平仄", "Many-to-many, aligned: tag each tone");
pub const ALIGNED_TASK: Text = Text::new(
    "每读一个字就输出这个字的平仄（标签来自 chinese-poetry 的格律标注，可平可仄的字不计分）。基线总是猜更多的那个声调。",
    "Outputs each character's tone as it reads it (labels from chinese-poetry's metrical patterns; characters free to take either tone are not scored). The baseline always guesses the more common tone.",
);
pub const SHORTER: Text =
    Text::new("多对多（输出较短）：读诗，写题目", "Many-to-many, shorter output: read a poem, write its title");
pub const SHORTER_TASK: Text = Text::new(
    "先读完整首五言诗，再在“题”字之后一个字一个字写出题目（笔记的“看视频写话”：输入长，输出短）。这里读和写用同一个 RNN；编码器和解码器分开的版本原理相同。分数：题目里猜对的字的比例（每个字都已知前面的正确题目字），基线是题目字的字频。题目结尾的“。”也算一个要猜的字：它是基线最常猜中的字，网络也很快学会，所以两边的分数都被它抬高了一些。",
    "Reads a whole five-character poem, then writes its title character by character after a “题” mark (the note's video captioning: a long input, a short output). One RNN reads and writes here; a separate encoder and decoder work the same way. Score: the share of title characters guessed right (each given the true title so far); the baseline is the title characters' frequency. The “。” that ends each title counts as a character to guess: it is what the baseline gets right most often, and the network learns it quickly too, so it raises both scores somewhat.",
);
pub const SCORE: Text =
    Text::new("第 {2} 步，没见过的诗上：{0}（基线 {1}）", "At step {2}, on unseen poems: {0} (baseline {1})");
pub const SHI: Text = Text::new("诗", "shi");
pub const CI: Text = Text::new("词", "ci");
pub const VERDICT: Text = Text::new("你这句话：{0}（{1} 把握）", "Your line: {0} ({1} sure)");
pub const READ_AS: Text = Text::new(
    "网络读到的（标点已统一成“，”和“。”）：{0}",
    "What the network read (punctuation reduced to “，” and “。”): {0}",
);
pub const TRAIL: Text =
    Text::new("每读一个字后判为“词”的概率（%）：{0}", "Probability of “ci” after each character (%): {0}");
pub const POEM: Text = Text::new("诗（没见过的）", "Poem (unseen)");
pub const WRITTEN_TITLE: Text = Text::new("网络写的题目", "Title written");
pub const TRUE_TITLE: Text = Text::new("原题", "True title");
pub const SHAPES_HINT: Text = Text::new(
    "四条训练损失的数值不能互相比较：它们的类别数不同（一对多和写题目要在 1500 多个字里选，另外两个只在 2 个类里选）。该比的是每张卡片里网络和它自己的基线。",
    "The four training losses cannot be compared with each other: they choose among different numbers of classes (one-to-many and the titles among 1,500-odd characters, the other two between 2). Compare each network with its own baseline, in its card.",
);

pub const CLIP_TITLE: Text =
    Text::new("RNN 训练不一定收敛：梯度裁剪", "RNN training may not converge: gradient clipping");
pub const CLIP_INTRO: Text = Text::new(
    "一对多的任务（写绝句），这里的网络固定用 {3} 个隐藏单元（不随上面的隐藏单元数变化），用普通 SGD、学习率 {0} 训练 {2} 步：一个不做处理，另一个每一步先把梯度的全局范数裁到不超过 {1}（方向不变，只缩短长度），再更新。",
    "The one-to-many task (writing quatrains), here always with {3} hidden units (whatever the hidden units above), trained {2} steps with plain SGD at learning rate {0}: one as it is, the other with the gradient's global norm clipped to at most {1} before each update (same direction, only shorter).",
);
pub const LR: Text = Text::new("学习率（SGD）", "Learning rate (SGD)");
pub const CLIP: Text = Text::new("裁剪阈值", "Clip at norm");
pub const CLIP_HINT: Text = Text::new("g ← g · min(1, 阈值 / ‖g‖)", "g ← g · min(1, threshold / ‖g‖)");
pub const START_CLIP: Text = Text::new("▶ 两种做法同时训练", "▶ Train both ways");
pub const UNCLIPPED: Text = Text::new("不裁剪", "no clipping");
pub const CLIPPED: Text = Text::new("裁剪梯度", "clipped gradient");
pub const DIVERGED_AT: Text = Text::new(
    "{0}：在第 {1} 步发散（损失变成了无穷大或非数）",
    "{0}: diverged at step {1} (the loss became infinite or not a number)",
);
pub const DIVERGED_ABOVE: Text = Text::new(
    "{0}：在第 {1} 步发散（损失达到 {2}，超过了 {3}：训练到这里就停下，因为权重已经毁了）",
    "{0}: diverged at step {1} (the loss reached {2}, above {3}: training stops there, as the weights are ruined)",
);
pub const LOSS_NOW: Text = Text::new("{0}：最近 20 步的平均损失 {1}", "{0}: mean loss of the last 20 steps {1}");
pub const LOSS_CHART: Text = Text::new("训练损失（每一步）", "Training loss (every step)");
pub const NORM_CHART: Text = Text::new("梯度的全局范数（裁剪前）", "The gradient's global norm (before clipping)");
pub const TIME_CHART: Text = Text::new(
    "最近一次记录时，损失对每一步隐藏状态 h_t 的梯度大小",
    "At the latest record, the size of the loss's gradient with respect to each step's state h_t",
);
pub const STEP_AXIS: Text = Text::new("训练步数", "training step");
pub const LOSS_AXIS: Text = Text::new("损失（超过 50 画在 50）", "loss (above 50 drawn at 50)");
pub const NORM_AXIS: Text = Text::new("log₁₀ ‖g‖", "log₁₀ ‖g‖");
pub const TIME_AXIS: Text = Text::new("时间步 t", "time step t");
pub const TIME_GRAD_AXIS: Text = Text::new("log₁₀ ‖∂L/∂h_t‖", "log₁₀ ‖∂L/∂h_t‖");
pub const WHY: Text = Text::new(
    "为什么会这样：梯度从第 t 步传回第 t−k 步，要乘 k 个矩阵 diag(1 − h²)·W_hh（1 − h² 是 tanh 的导数，不超过 1）。所以这个乘积的大小不超过 σ_max 的 k 次方，σ_max 是 W_hh 的最大奇异值。Pascanu、Mikolov 与 Bengio（2013，§2.1）由此得出：σ_max < 1 足以让梯度随 k 指数衰减（梯度消失，远处的字学不到）；σ_max > 1 是梯度爆炸的必要条件，但不是充分条件：饱和的 tanh 单元（1 − h² 接近 0）仍可能让乘积变小。真的爆炸的那一步，普通 SGD 会把权重扔出很远，损失一下子跳高；裁剪只限制一步走多远，方向不变。",
    "Why: the gradient flowing from step t back to step t−k is multiplied by k matrices diag(1 − h²)·W_hh (1 − h² is tanh's derivative, at most 1). So its size is at most σ_max to the power k, where σ_max is W_hh's largest singular value. Pascanu, Mikolov & Bengio (2013, §2.1) conclude: σ_max < 1 is enough for the gradient to shrink exponentially with k (vanishing gradients: distant characters teach nothing); σ_max > 1 is necessary for exploding gradients but not sufficient: saturated tanh units (1 − h² near 0) can still shrink the product. On a step that does explode, plain SGD throws the weights far away and the loss jumps; clipping only limits how far one step goes, not its direction.",
);
pub const CLIFF: Text = Text::new(
    "Pascanu 等（2013）把这画成损失曲面上的“悬崖”：沿某个方向损失几乎是平的，然后突然变得极陡，在悬崖上算出的梯度会把参数弹飞。上面那条曲线就是沿一个方向（W_hh 的缩放）量出的真实曲面：有平地，也有陡坡；他们论文里一个单元的 RNN，悬崖比这还要陡。笔记的警告“RNN 训练的模型不一定会收敛”说的就是这个；下一课的 LSTM 用加法更新记忆，缓解的是梯度消失。",
    "Pascanu et al. (2013) draw this as a cliff in the loss surface: almost flat in one direction, then suddenly very steep, and a gradient taken on the cliff throws the parameters away. The curve above is the real surface along one direction (scaling W_hh): it has flat ground and steep slopes; in their paper's one-unit RNN the cliffs are steeper still. That is the note's warning that RNN training may not converge; the next lesson's LSTM updates its memory by addition, which eases the vanishing side.",
);
pub const SURFACE_CHART: Text =
    Text::new("沿一个方向看损失曲面：把 W_hh 乘以 s", "The loss surface along one direction: W_hh multiplied by s");
pub const SURFACE_HINT: Text = Text::new(
    "横轴 s = 1 是网络现在的样子，s = 0 是去掉循环，s = 2 是循环权重加倍；纵轴是 64 段没训练过的绝句上的损失，每训练 50 步重新量一次。曲线平的地方，W_hh 小小的变化不改变损失，这个方向上的梯度很小；陡的地方梯度很大，同样的学习率会让普通 SGD 一步走得很远。比一比两次训练：各自的损失有多依赖循环？",
    "s = 1 is the network as it is now, s = 0 removes the recurrence, s = 2 doubles the recurrent weights; the loss is on 64 unseen stretches of quatrains, measured again every 50 training steps. Where the curve is flat, a small change of W_hh does not change the loss and the gradient along it is small; where it is steep, the gradient is large and plain SGD at the same learning rate takes a long step. Compare the two runs: how much does each one's loss depend on its recurrence?",
);
pub const SIGMA: Text = Text::new(
    "{0}：W_hh 现在的最大奇异值 σ_max = {1}。把 W_hh 乘以 s = 1/σ_max ≈ {2} 时，它正好是 1：s 比这小，梯度随距离一定会消失；比这大，可能爆炸，也可能因为 tanh 饱和而不爆炸。",
    "{0}: W_hh's largest singular value now is σ_max = {1}. Multiplied by s = 1/σ_max ≈ {2} it is exactly 1: with s below that, the gradient must vanish with distance; above it, it may explode, or not, if tanh saturates.",
);
pub const SCALE_AXIS: Text = Text::new("W_hh 的倍数 s", "scale s of W_hh");
pub const SURFACE_AXIS: Text = Text::new("没训练过的段落上的损失", "loss on unseen stretches");

pub const YES: Text = Text::new("会", "Yes");
pub const NO: Text = Text::new("不会", "No");
pub const Q_PENDING: Text = Text::new("训练到结束，就能核对。", "Train to the end to check.");
pub const Q1: Text = Text::new(
    "标点统一之后，只读最后 32 个字的“是诗还是词”网络，还能比总猜多数类的基线更准吗？",
    "With the punctuation made alike, will the shi-or-ci network, reading only the last 32 characters, still beat the baseline that always guesses the larger class?",
);
pub const Q1_HINT: Text = Text::new(
    "诗的每句是 5 个或 7 个字，词的句子长短不一：网络能从哪里看出这一点？",
    "A shi's lines have 5 or 7 characters; a ci's lines vary: where could the network see that?",
);
pub const Q1_WHY: Text = Text::new(
    "标点的位置还在：句子的长短就是诗和词的结构差别，网络从这里学。",
    "The punctuation's positions are still there: line lengths are the structural difference between shi and ci, and the network learns from them.",
);
pub const Q2: Text = Text::new(
    "普通 SGD、学习率 {0}、不做裁剪：这个 RNN 会在 {1} 步之内发散吗？",
    "Plain SGD at learning rate {0}, no clipping: will this RNN diverge within {1} steps?",
);
pub const Q2_HINT: Text = Text::new(
    "学习率越大，遇到梯度很大的那一步时走得越远。",
    "The larger the learning rate, the further a step with a huge gradient goes.",
);
pub const Q2_WHY: Text = Text::new(
    "看损失曲线和梯度范数：爆炸的那一步把权重扔得很远。右边裁剪过的那次，同样的学习率也能走完。改学习率再试。",
    "See the loss and the gradient norm: the step that explodes throws the weights far away. The clipped run, at the same rate, gets through. Change the rate and try again.",
);

// The lesson's steps (tabs).
pub const STEP_SHAPES: Text = Text::new("四种结构", "Four shapes");
pub const STEP_CLIPPING: Text = Text::new("梯度裁剪", "Gradient clipping");
