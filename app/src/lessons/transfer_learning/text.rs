//! The transfer-learning lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "把在源任务上学到的模型用到相似的新任务上。",
        "Reuse a model learned on a source task for a similar new one.",
    ),
    Text::new("目标任务的标签越少，迁移越有用。", "The fewer labels the target task has, the more transfer helps."),
    Text::new(
        "可以选择冻结哪些层、换掉哪些层、用多大的学习率。",
        "Choose which layers to freeze, which to replace, and the learning rate.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new("冻结的层不用算梯度，训练更快。", "Frozen layers need no gradients, so training is faster."),
    Text::new("标签多了，从头训练可能追上迁移。", "With more labels, training from scratch may catch up."),
    Text::new(
        "笔记的三种迁移：基于实例、基于特征、基于模型（参数）。",
        "The note's three kinds: instance-based, feature-based, model (parameter)-based.",
    ),
];

pub const INTRO: Text = Text::new(
    "笔记：迁移学习是把从一个问题中学到的特征，用到新的、相似的问题上。它的例子是：学会识别浣熊的模型，其特征对识别狸猫的模型很有用。这里用真实的手写数字做同样的事：源任务是识别数字 0–4，目标任务只有很少的标签——识别数字 5–9，或者换了“领域”的 0–4（黑白颠倒，或者都转了 30°）。",
    "The note: transfer learning takes the features learned on one problem and uses them for a new, similar one. Its example: the features of a model that has learned to recognise raccoons can be very useful for a model meant to recognise 狸猫 (raccoon dogs, or leopard cats). Here the same is done with real handwritten digits: the source task is telling digits 0–4 apart; the target task has only a few labels: digits 5–9, or digits 0–4 in another \"domain\" (inverted, or all turned by 30°).",
);
pub const STEPS_TITLE: Text = Text::new("笔记的微调六步", "The note's six fine-tuning steps");
pub const STEP1: Text = Text::new("① 选择预训练模型", "① Choose a pretrained model");
pub const STEP1_TEXT: Text = Text::new(
    "源模型：笔记里的 CNN（最后一层 5 个输出），在 0–4 的真实数字上训练 {0} 个迭代周期。它不是下载来的文件，而是按下开始后就在这个页面的训练线程里先训练出来（只要几秒），所以你能看到它从哪里来、有多好。",
    "The source model: the note's CNN (5 outputs at the end), trained for {0} epoch(s) on real digits 0–4. It is not a downloaded file: it trains first, in this page's training thread, when you press start (a few seconds), so you can see where it comes from and how good it is.",
);
pub const TARGET: Text = Text::new("目标任务", "Target task");
pub const UPPER: Text = Text::new("数字 5–9", "Digits 5–9");
pub const INVERTED: Text = Text::new("0–4，黑白颠倒", "0–4, inverted");
pub const TURNED: Text = Text::new("0–4，转 30°", "0–4, turned 30°");
pub const STEP2: Text = Text::new("② 冻结部分层", "② Freeze some layers");
pub const STEP3: Text = Text::new("③ 调整最后几层", "③ Replace the last layers");
pub const STEP4: Text = Text::new("④ 调整学习率", "④ Adjust the learning rate");
pub const STEP5: Text = Text::new("⑤ 训练", "⑤ Train");
pub const STEP6: Text = Text::new("⑥ 评估和调优", "⑥ Evaluate and tune");
pub const FREEZE: Text = Text::new("冻结到第几层", "Freeze up to");
pub const FREEZE_NONE: Text = Text::new("不冻结", "nothing");
pub const FREEZE_FIRST: Text = Text::new("第一个卷积块", "the first conv block");
pub const FREEZE_BODY: Text = Text::new("整个特征提取部分", "the whole feature extractor");
pub const KEEP: Text = Text::new("换掉", "Replace");
pub const KEEP_HEAD: Text = Text::new("只换最后的全连接层", "only the last dense layer");
pub const KEEP_BLOCK: Text = Text::new("第二个卷积块和全连接层", "the second conv block and the dense layer");
pub const LR: Text = Text::new("学习率", "Learning rate");
pub const STEPS: Text = Text::new("每次训练的步数", "Steps per run");
pub const STEPS_HINT: Text = Text::new(
    "所有方式、所有标签数都训练同样多的步，比较才公平。",
    "Every strategy at every label count trains the same number of steps, so that the comparison is fair.",
);
pub const DIAGRAM: Text = Text::new(
    "你的网络：哪一层来自源模型、哪一层冻结、哪一层新画",
    "Your network: which layers come from the source, which are frozen, which are drawn fresh",
);
pub const FROM_SOURCE: Text = Text::new("源模型", "source");
pub const FROZEN: Text = Text::new("冻结", "frozen");
pub const FRESH: Text = Text::new("新初始化", "drawn fresh");
pub const CHANGE: Text = Text::new(
    "训练后相对源模型的变化 ‖w − w₀‖ / ‖w₀‖（以 100 个标签/类那次为准）",
    "Change from the source after training, ‖w − w₀‖ / ‖w₀‖ (the run with 100 labels a class)",
);
pub const START: Text =
    Text::new("▶ 训练源模型，再比较各种迁移方式", "▶ Train the source, then compare the ways to transfer");
pub const STAGE_SOURCE: Text =
    Text::new("第 1 步：源模型在数字 0–4 上训练…", "Step 1: the source model trains on digits 0–4…");
pub const STAGE_SWEEP: Text = Text::new("第 2 步：{0} 次训练并排进行", "Step 2: {0} runs train side by side");
pub const SOURCE_DONE: Text =
    Text::new("源模型在没见过的 0–4 数字上：{0}", "The source model on unseen digits 0–4: {0}");
pub const SCRATCH: Text = Text::new("从头训练", "from scratch");
pub const FROZEN_HEAD: Text = Text::new("冻结特征 + 新的分类头", "frozen + new head");
pub const LAST_LAYERS: Text = Text::new("微调最后几层", "tune the last layers");
pub const ALL_LOWER: Text = Text::new("全部微调（lr ÷ 10）", "tune all (lr ÷ 10)");
pub const YOURS: Text = Text::new("你的设置 ①–④", "your settings ①–④");
pub const CHART: Text = Text::new("目标任务的测试准确率与每类标签数", "Target test accuracy against labels per class");
pub const LABELS_AXIS: Text = Text::new("每类标签数", "labels per class");
pub const ACCURACY_AXIS: Text = Text::new("测试准确率", "test accuracy");
pub const WAITING: Text = Text::new(
    "所有训练结束后，每次训练在目标任务的测试数字上打一次分。",
    "Once every run has finished, each is scored once on the target's test digits.",
);
pub const TABLE_TITLE: Text = Text::new("每种做法的测试准确率和用时", "Test accuracy and time of each strategy");
pub const TABLE_STRATEGY: Text = Text::new("方式", "Strategy");
pub const TABLE_LABELS: Text = Text::new("{0} 个/类", "{0} a class");
pub const TIME: Text = Text::new("训练用时（秒，三次合计）", "Training time (s, three runs)");
pub const WHY_TITLE: Text = Text::new("为什么要迁移？用上面量到的数说", "Why transfer? In the numbers measured above");
pub const WHY: Text = Text::new(
    "笔记列了四个理由。数据不足：每类只有 {0} 个标签时，从头训练 {1}，最好的迁移方式（{2}）{3}。训练成本和开发速度：冻结特征的三次训练共用 {4} 秒，从头训练的三次共用 {5} 秒（冻结的层不用算梯度）。提高性能：每类 {6} 个标签时，从头 {7}，最好的迁移 {8}。迁移不是总有好处：比较表里每一列，标签一多，冻结的特征可能反而不如从头训练；换一个目标任务再试试。",
    "The note lists four reasons. Too little data: with {0} labels a class, from scratch reaches {1}, the best transfer ({2}) {3}. Cost and speed of development: the three frozen-features runs trained in {4} s together, the three from scratch in {5} s (frozen layers need no gradients). Better performance: with {6} labels a class, from scratch {7}, the best transfer {8}. Transfer does not always help: compare each column of the table; with more labels, frozen features can fall behind training from scratch. Try another target.",
);
pub const KINDS_TITLE: Text = Text::new("笔记的三种迁移", "The note's three kinds of transfer");
pub const KIND_INSTANCE: Text = Text::new(
    "基于实例：扩充目标域的训练实例。笔记列了三种：从源域里挑一部分实例直接补进目标域的训练集；把源域实例和目标域实例混合，生成新的训练数据（例如 mixup 式的插值）；用源域上训练好的模型给目标域的数据打伪标签。下面演示的是第三种，前两种这一页没有演示。",
    "Instance-based: add training instances to the target domain. The note lists three ways: pick some source instances and add them to the target's training set as they are; mix source and target instances into new training data (mixup-style interpolation, say); or let the model trained on the source label target data (pseudo-labels). The demonstration below is the third; this page does not show the other two.",
);
pub const KIND_FEATURE: Text = Text::new(
    "基于特征：学一种新的特征表示，让源域和目标域的数据在这个表示里分布得更接近，从而减小两个域的差距（例如 TCA；用 MMD 作损失的 DAN；对齐特征协方差的 CORAL；对抗训练的 DANN）。这一页没有演示它。上面的“冻结特征 + 新的分类头”名字里虽然有“特征”，按 Pan 与 Yang（2010）的分法却属于下一类：它复用源模型的参数，并没有去缩小两个域的差距。",
    "Feature-based: learn a new representation in which source and target data are distributed more alike, narrowing the gap between the domains (TCA; DAN, with an MMD loss; CORAL, which aligns the features' covariances; DANN, trained adversarially). This page does not show it. \"Frozen features + new head\" above has \"features\" in its name but, in Pan & Yang's (2010) terms, belongs to the next kind: it reuses the source model's parameters and does nothing to narrow the gap between the domains.",
);
pub const KIND_MODEL: Text = Text::new(
    "基于模型（参数）：找源模型和目标模型共同的参数或先验。上面的四种迁移方式都是这一类：目标模型从源模型的参数出发（共享的参数），冻结一部分不动（冻结特征 + 新的分类头），或者再用少量目标数据调整（微调）。",
    "Model-based (parameter-based): find parameters or priors that source and target models share. All four transfer strategies above are of this kind: the target model starts from the source's parameters (shared), keeps some of them fixed (frozen features + new head) or adjusts them with a little target data (fine-tuning).",
);
pub const PSEUDO_TITLE: Text =
    Text::new("基于实例：用源模型打伪标签", "Instance-based: pseudo-labels from the source model");
pub const PSEUDO_INTRO: Text = Text::new(
    "目标：转了 {2}° 的数字 0–4，每类只有 {0} 个标签；另有一批没有标签的数字：从 {1} 张留出的数字里取 0–4，源模型和这一页的任何训练都没用过它们（所以它们像真正的新数据，而不是源模型背过的图）。源模型（没见过转过的数字）给这些数字打标签，把握不低于阈值的加入训练，标签用源模型给的。两次从头训练并排比较：只用有标签的，和加上伪标签的。",
    "The target: digits 0–4 turned by {2}°, only {0} labels a class; and unlabelled digits besides: the 0–4 among {1} held-out digits, which neither the source nor any run on this page trains on (so they are like really new data, not pictures the source has learned). The source model (which never saw turned digits) labels them; those it is at least as sure of as the threshold join training, with its label. Two runs from scratch side by side: the labelled digits only, and with the pseudo-labelled ones.",
);
pub const THRESHOLD: Text = Text::new("把握阈值", "Confidence threshold");
pub const PER_CLASS: Text = Text::new("每类标签数", "Labels per class");
pub const START_PSEUDO: Text = Text::new("▶ 训练源模型，再打伪标签", "▶ Train the source, then pseudo-label");
pub const JOINED: Text = Text::new(
    "{0} 张无标签数字中，{1} 张的把握 ≥ {2}，加入了训练；它们的伪标签有 {3} 是对的。",
    "Of {0} unlabelled digits, {1} had confidence ≥ {2} and joined training; {3} of their pseudo-labels were right.",
);
pub const PSEUDO_RESULT: Text = Text::new(
    "测试准确率：只用有标签的 {0}，加上伪标签 {1}。",
    "Test accuracy: labelled only {0}, with pseudo-labels {1}.",
);
pub const PSEUDO_WAITING: Text = Text::new(
    "两次训练都结束后，这里给出测试准确率。",
    "Once both runs have finished, their test accuracy appears here.",
);
pub const LAYER: Text = Text::new("层", "Layer");

pub const YES: Text = Text::new("会", "Yes");
pub const NO: Text = Text::new("不会", "No");
pub const Q_PENDING: Text = Text::new(
    "训练源模型和所有迁移方式，打完分就能核对。",
    "Train the source and every strategy; once they are scored, this is checked.",
);
pub const Q1: Text = Text::new(
    "每类只有 {0} 个标签时，最好的迁移方式会比从头训练更准吗？",
    "With only {0} labels a class, will the best way to transfer beat training from scratch?",
);
pub const Q1_HINT: Text = Text::new(
    "几十张图从头学卷积核，还是用学会了 0–4 的卷积核？",
    "Learn kernels from scratch on a few dozen images, or use kernels that learned 0–4?",
);
pub const Q1_WHY: Text = Text::new(
    "标签越少，从头训练越难，源模型学到的特征越有用。换一个目标任务（黑白颠倒、转 30°）再试。",
    "The fewer the labels, the harder it is to train from scratch and the more the source's features help. Try another target (inverted, turned).",
);
pub const Q2: Text = Text::new(
    "每类有 {0} 个标签时，“冻结特征 + 新的分类头”还会比从头训练更准吗？",
    "With {0} labels a class, will \"frozen features + new head\" still beat training from scratch?",
);
pub const Q2_HINT: Text = Text::new(
    "冻结的层不能再适应新任务；标签多了，从头训练的网络能学到更合适的特征。",
    "Frozen layers cannot adapt to the new task; with more labels, a network trained from scratch can learn better-suited features.",
);
pub const Q2_WHY: Text = Text::new(
    "看表里最右边一列。迁移不是总有好处：目标和源越不像，冻结的特征越吃亏。",
    "See the table's last column. Transfer does not always help: the less the target is like the source, the more frozen features lose.",
);
