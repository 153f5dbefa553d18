//! The cnn-training lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "笔记的卷积网络在浏览器里真的训练，用真实的手写数字。",
        "The note's CNN really trains in your browser, on real handwritten digits.",
    ),
    Text::new(
        "看损失下降、准确率上升，卷积核和特征图慢慢成形。",
        "Watch the loss fall, the accuracy rise, and the kernels and feature maps take shape.",
    ),
    Text::new(
        "测试集封存到训练结束，只揭晓一次。",
        "The test set stays sealed until training ends, and is opened once.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 4] = [
    Text::new(
        "训练在后台线程里进行，页面不会卡住。",
        "Training runs in a background thread, so the page stays responsive.",
    ),
    Text::new(
        "几个迭代周期就能在没见过的数字上达到很高的准确率。",
        "A few epochs reach a high accuracy on digits the network never saw.",
    ),
    Text::new("学习率太大，损失会爆炸（发散）。", "Too large a learning rate makes the loss explode (diverge)."),
    Text::new("训练好的模型能下载成 PyTorch 读得懂的文件。", "The trained model downloads as a file PyTorch can read."),
];
pub const INTRO: Text = Text::new(
    "现在真正训练笔记中的网络：卷积 3×3×25 → 最大池化 → 卷积 3×3×50 → 最大池化 → 展平 → 全连接 10。训练在你的浏览器里进行（一个后台线程，页面不会卡住），用 8000 张真实手写数字做作业，1000 张做模拟考（验证集），1000 张留作高考（测试集）。按“开始训练”，看损失下降、准确率上升，再看看网络学到了什么。",
    "Now train the note's network for real: conv 3×3×25 → max-pool → conv 3×3×50 → max-pool → flatten → dense 10. Training runs in your browser (in a background thread, so the page stays responsive), on 8,000 real handwritten digits as homework, 1,000 as the mock exam (validation) and 1,000 kept for the final exam (test). Press Train, watch the loss fall and the accuracy rise, then look at what the network learned.",
);
pub const MODEL: Text = Text::new("网络", "Network");
pub const MODEL_NOTE: Text = Text::new("笔记中的 CNN", "The note's CNN");
pub const MODEL_STACK: Text = Text::new("完整架构课里搭的网络", "The stack from the architecture lesson");
pub const MODEL_MLP: Text = Text::new("只有全连接层（对比）", "Dense layers only (for comparison)");
pub const MODEL_BAD: Text = Text::new("这个网络不能用来给数字分类：", "This network cannot classify digits:");
pub const STACK_IS: Text = Text::new("网络：{0}。", "Network: {0}.");
pub const EDIT_STACK: Text = Text::new("在完整架构课中编辑", "Edit it in the architecture lesson");
pub const OPTIMIZER: Text = Text::new("优化器", "Optimizer");
pub const SGD: Text = Text::new("SGD", "SGD");
pub const MOMENTUM: Text = Text::new("SGD + 动量 0.9", "SGD + momentum 0.9");
pub const ADAM: Text = Text::new("Adam（β1 0.9，β2 0.999）", "Adam (β1 0.9, β2 0.999)");
pub const RMSPROP: Text = Text::new("RMSprop（衰减率 0.9）", "RMSprop (decay 0.9)");
pub const LR: Text = Text::new("学习率", "Learning rate");
pub const BATCH: Text = Text::new("批量大小", "Batch size");
pub const EPOCHS: Text = Text::new("迭代周期数（epoch）", "Epochs");
pub const SEED: Text = Text::new("随机种子", "Seed");
pub const NEEDS_RESET: Text = Text::new(
    "网络和随机种子的改动要在“重置”后才生效；学习率、批量大小、优化器和迭代周期数立即生效。",
    "Changes to the network and the seed apply after a reset; learning rate, batch size, optimizer and epochs apply at once.",
);
pub const TRAIN: Text = Text::new("▶ 开始训练", "▶ Train");
pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
pub const RESUME: Text = Text::new("▶ 继续", "▶ Resume");
pub const AGAIN: Text = Text::new("▶ 重新训练", "▶ Train again");
pub const STEP: Text = Text::new("+1 单步", "+1 Step");
pub const RESET: Text = Text::new("↺ 重置", "↺ Reset");
pub const LOADING_WORKER: Text = Text::new("正在准备训练线程和数据…", "Preparing the training thread and the data…");
pub const IDLE: Text = Text::new("准备就绪", "Ready");
pub const RUNNING: Text = Text::new("训练中…", "Training…");
pub const PAUSED: Text = Text::new("已暂停", "Paused");
pub const FINISHED: Text = Text::new("训练完成", "Finished");
pub const DIVERGED: Text = Text::new("发散了：第 {0} 步的损失爆炸了", "Diverged: the loss exploded at step {0}");
pub const DIVERGED_HELP: Text = Text::new(
    "训练发散了：学习率太大，参数一步跨得太远，损失超过了 1000（或变成了 NaN），网络已经被破坏，无法继续。把学习率调小（比如 0.001），再按“重置”或“重新训练”。",
    "The run diverged: the learning rate is too large, each step overshoots, and the loss went above 1000 (or became NaN); the network is ruined and cannot continue. Lower the learning rate (say to 0.001), then press Reset or Train again.",
);
pub const HELDOUT: Text = Text::new("验证集准确率（没见过的数字）", "Held-out accuracy (validation)");
pub const TEST_ACC: Text = Text::new("测试集准确率（高考）", "Test accuracy (final exam)");
pub const SEALED_MARK: Text = Text::new("封存中", "sealed");
pub const SEALED: Text = Text::new("测试集成绩还封着", "The test score is still sealed");
pub const REVEAL: Text = Text::new("训练完成后揭晓（只能一次）", "Reveal after training (once)");
pub const REVEALED_AT: Text = Text::new("第 {0} 步时揭晓", "revealed at step {0}");
pub const OPTIMIZER_LINK: Text =
    Text::new("SGD、动量、Adam 和 RMSprop 有什么不同？", "How do SGD, momentum, Adam and RMSprop differ?");
pub const OPTIMIZER_LESSON: Text = Text::new("见“优化器”一课", "See the optimizers lesson");
pub const LOSS_HINT: Text = Text::new(
    "按“开始训练”后，这里画出每一步的训练损失和每 {0} 步的验证损失。",
    "Press Train: the training loss of every step and the validation loss every {0} steps appear here.",
);
pub const ACC_HINT: Text = Text::new(
    "按“开始训练”后，这里画出训练准确率和验证准确率。测试集留到最后揭晓。",
    "Press Train: training and validation accuracy appear here. The test set is kept for the end.",
);
pub const PROGRESS: Text = Text::new("步数", "Steps");
pub const EPOCH_N: Text = Text::new("已完成 {0} 个迭代周期", "{0} epoch(s) done");
pub const SPEED: Text = Text::new("样本/秒", "Examples/s");
pub const MS_STEP: Text = Text::new("每步 {0} 毫秒", "{0} ms per step");
pub const TIME: Text = Text::new("训练用时", "Training time");
pub const REMAINING: Text = Text::new("还需约 {0} 秒", "about {0} s left");
pub const PARAMS: Text = Text::new("参数个数", "Parameters");
pub const LOSS_CHART: Text = Text::new("损失", "Loss");
pub const ACC_CHART: Text = Text::new("准确率", "Accuracy");
pub const TRAIN_LOSS: Text = Text::new("训练损失", "training loss");
pub const VAL_LOSS: Text = Text::new("验证损失", "validation loss");
pub const TRAIN_ACC: Text = Text::new("训练准确率", "training accuracy");
pub const VAL_ACC: Text = Text::new("验证准确率", "validation accuracy");
pub const STEP_AXIS: Text = Text::new("步数", "step");
pub const LOSS_AXIS: Text = Text::new("交叉熵损失", "cross-entropy loss");
pub const ACC_AXIS: Text = Text::new("准确率", "accuracy");
pub const LEARNED: Text = Text::new("网络学到了什么", "What the network learned");
pub const KERNELS: Text = Text::new("第一层的卷积核", "First-layer kernels");
pub const KERNELS_HINT: Text = Text::new(
    "红色是正权重，蓝色（带一道横杠）是负权重。训练前它们是随机的，训练后很多变成了边缘和笔画检测器。",
    "Red weights are positive, blue ones (marked with a bar) negative. They start random; after training many detect edges and strokes.",
);
pub const NO_CONV: Text = Text::new("这个网络没有卷积层。", "This network has no convolution.");
pub const MAPS: Text = Text::new("一张数字的特征图", "Feature maps of one digit");
pub const DIGIT: Text = Text::new("数字编号", "Digit number");
pub const CONFUSION: Text = Text::new("混淆矩阵（验证集）", "Confusion matrix (validation)");
pub const CONFUSION_HINT: Text = Text::new(
    "每一行是真实数字，每一列是网络的判断；对角线以外的都是错误。",
    "Each row is the true digit, each column the network's answer; everything off the diagonal is a mistake.",
);
pub const TRUE_AXIS: Text = Text::new("真实", "true");
pub const PRED_AXIS: Text = Text::new("判断", "predicted");
pub const MISTAKES: Text = Text::new("判错的数字", "Misclassified digits");
pub const MISTAKE: Text = Text::new("{0}→{1}", "{0}→{1}");
pub const NO_EVAL: Text = Text::new(
    "训练开始后，这里会出现验证集里判错的数字。",
    "Once training starts, misclassified validation digits appear here.",
);
pub const PAD: Text = Text::new("自己写一个数字", "Draw a digit yourself");
pub const PAD_HINT: Text = Text::new(
    "在左边的方框里写一个 0–9 的数字，网络的判断会随着你的笔画变化。",
    "Draw a digit 0–9 in the box; the network's answer follows your pen.",
);
pub const PAD_TRAIN_FIRST: Text = Text::new(
    "先训练一会儿，再来写数字（未训练的网络只会乱猜）。",
    "Train for a while first (an untrained network only guesses).",
);
pub const TAKE_HOME: Text = Text::new("把模型带走", "Take the model home");
pub const TAKE_HOME_INTRO: Text = Text::new(
    "下载的文件存着网络的每一个参数，能载回这一课接着训练，也能载入 PyTorch。它是 safetensors 格式，名字和排列都和 PyTorch 的 nn.Sequential 一样（全连接层的权重是 [输出, 输入]）。文件里没有优化器的记忆（动量、Adam 的两个平均），所以载入后再训练时优化器从头开始。",
    "The download holds every parameter of the network: load it back into this lesson to go on training, or into PyTorch. It is a safetensors file, named and laid out as in PyTorch's nn.Sequential (a dense layer's weight is [out, in]). The optimizer's memory (momentum, Adam's two averages) is not in the file, so training after a load starts the optimizer afresh.",
);
pub const DOWNLOAD_MODEL: Text = Text::new("⤓ 下载模型（.safetensors）", "⤓ Download the model (.safetensors)");
pub const LOAD_MODEL: Text = Text::new("⤒ 载入模型文件…", "⤒ Load a model file…");
pub const LOADED: Text = Text::new(
    "已载入“{0}”：网络换成了文件里的参数，上面的验证集准确率是它的成绩。按“开始训练”可以接着训练。",
    "Loaded “{0}”: the network now holds the file's parameters, and the validation accuracy above is its score. Press Train to go on training it.",
);
pub const FILE_UNREAD: Text = Text::new("读不了这个文件（{0}）。", "This file could not be read ({0}).");
pub const FIX_FIELDS: Text =
    Text::new("先改好上面标红的设置，再载入模型。", "Fix the settings marked above first, then load the model.");
pub const ANSWERS: Text = Text::new("页面的答案", "The page's answers");
pub const ANSWERS_HINT: Text = Text::new(
    "网络现在对数字文件中 {0} 张数字（第 0、{1}、…、{2} 张）的判断。把模型载入 PyTorch 后，下面的代码应当打印出同样的 {0} 个数字。划掉的小字是真实标签。",
    "What the network now says for {0} digits of the digits file (numbers 0, {1}, …, {2}). Loaded into PyTorch, the code below should print the same {0} answers. A struck-through small number is the true label.",
);
pub const ANSWERS_RIGHT: Text = Text::new("{0} / {1} 答对", "{0} of {1} right");
pub const ANSWER_TITLE: Text =
    Text::new("第 {0} 张：标签 {1}，网络说 {2}", "Digit {0}: label {1}, the network says {2}");
pub const IN_PYTORCH: Text = Text::new("在 PyTorch 里", "In PyTorch");
pub const EVAL_COMMENT: Text =
    Text::new("关掉 dropout；批归一化改用训练时累计的统计量", "dropout off; batch norm uses its running statistics");
pub const IN_PYTORCH_HINT: Text = Text::new(
    "需要 torch、safetensors 和 numpy。代码随上面选的网络而变。数字文件也可以下载：",
    "Needs torch, safetensors and numpy. The code follows the network chosen above. The digits file can be downloaded too:",
);

pub const Q1: Text = Text::new(
    "按现在的设置训练完，没见过的数字上的准确率会达到 {0} 吗？",
    "Trained with the settings as they are, will the accuracy on unseen digits reach {0}?",
);
pub const Q1_YES: Text = Text::new("会", "Yes");
pub const Q1_NO: Text = Text::new("不会", "No");
pub const Q1_HINT: Text = Text::new(
    "笔记的网络用 Adam、学习率 0.001，几个迭代周期就很准；学习率太大或太小、迭代周期太少都会拖后腿。",
    "The note's network with Adam at 0.001 is accurate within a few epochs; too large or too small a learning rate, or too few epochs, hold it back.",
);
pub const Q1_WHY: Text = Text::new(
    "上面的曲线就是答案的来历。改一个设置（学习率、优化器、迭代周期数），先猜，再训练一次。",
    "The curves above are where the answer comes from. Change one setting (learning rate, optimizer, epochs), guess, and train again.",
);
pub const Q1_PENDING: Text = Text::new("按 ▶ 训练到结束，就能核对。", "Press ▶ and train to the end to check.");
pub const Q2: Text = Text::new("这个网络一共有多少个要训练的参数？", "How many parameters does this network train?");
pub const Q2_HINT: Text = Text::new(
    "笔记的网络：(3×3×1 + 1)×25 + (3×3×25 + 1)×50 + 全连接层 (展平长度 + 1)×10。",
    "The note's network: (3×3×1 + 1)×25 + (3×3×25 + 1)×50 + the dense layer's (flattened length + 1)×10.",
);
pub const Q2_WHY: Text = Text::new(
    "“参数个数”一栏在训练前就由网络的结构定下了；换一个模型，再答一次。",
    "The parameter count is fixed by the network's structure before any training; choose another model and answer again.",
);
