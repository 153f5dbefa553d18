//! The lstm lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "LSTM 单元有 4 个输入、1 个输出，里面有一个记忆 c。",
        "An LSTM cell has 4 inputs, 1 output and a memory c inside.",
    ),
    Text::new(
        "遗忘门、输入门、输出门决定记忆留多少、写多少、输出多少。",
        "Forget, input and output gates decide how much memory stays, is written and is output.",
    ),
    Text::new("记忆是加上去的，所以梯度能传得更远。", "Memory is added to, so the gradient can travel further back."),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new("门的值在 0 到 1 之间，乘在信号上。", "Gates lie between 0 and 1 and multiply the signals."),
    Text::new("写诗时，温度越高越随机。", "When writing, a higher temperature means more randomness."),
    Text::new(
        "RNN 和 LSTM 各能记多远，以量到的表为准。",
        "How far back an RNN and an LSTM recall is what the measured table says.",
    ),
];

pub const INTRO: Text = Text::new(
    "笔记说 LSTM 单元可以看作一个小型的神经元：有 4 个输入、1 个输出，里面有一个记忆单元 c，是一个时序电路。4 个输入是候选值 g 和三个门的控制信号；门的值在 0 到 1 之间，乘到信号上决定让多少通过。遗忘门 f 决定上一步的记忆留下多少，输入门 i 决定新的候选值写进去多少，输出门 o 决定记忆输出多少。",
    "The note calls the LSTM cell a small neuron with 4 inputs and 1 output and a memory cell c inside: a sequential circuit. The 4 inputs are the candidate g and the control signals of three gates; a gate's value lies between 0 and 1 and, multiplied onto a signal, decides how much of it passes. The forget gate f decides how much of the previous memory stays, the input gate i how much of the new candidate is written, and the output gate o how much of the memory is output.",
);
pub const INTRO_HINT: Text = Text::new(
    "这是 PyTorch 的 nn.LSTM 的算法（四块权重的顺序也是 PyTorch 的 i、f、g、o；⊙ 是逐元素相乘）。笔记的图里输出前的激活函数写作 h(·)，PyTorch 用的是 tanh。关键在 c_t 那一行：记忆是“加”上去的，不是像 RNN 那样每一步都乘一次 W_hh，所以当 f 接近 1 时，梯度可以沿着 c 一步步传回很远。LSTM 由 Hochreiter 与 Schmidhuber（1997）提出，那时还没有遗忘门：遗忘门是 Gers、Schmidhuber 与 Cummins（2000）加上的，今天说的 LSTM（包括 PyTorch 的）都带着它。",
    "This is how PyTorch's nn.LSTM computes (its four weight blocks in PyTorch's order i, f, g, o; ⊙ multiplies element by element). The note's figure writes the activation before the output as h(·); PyTorch uses tanh. The key is the c_t line: memory is added to, not multiplied by W_hh at every step as in an RNN, so while f is near 1 the gradient can travel back along c for many steps. Hochreiter & Schmidhuber (1997) introduced the LSTM without a forget gate: Gers, Schmidhuber & Cummins (2000) added it, and the LSTM of today (PyTorch's included) has it.",
);
pub const INPUT_GATE: Text = Text::new("输入门", "input gate");
pub const FORGET_GATE: Text = Text::new("遗忘门", "forget gate");
pub const CANDIDATE: Text = Text::new("候选值", "candidate");
pub const OUTPUT_GATE: Text = Text::new("输出门", "output gate");
pub const MEMORY: Text = Text::new("记忆", "memory");
pub const HIDDEN_OUT: Text = Text::new("输出", "output");

pub const WRITER_TITLE: Text = Text::new("一个会写五言绝句的 LSTM", "An LSTM that writes five-character quatrains");
pub const WRITER_INTRO: Text = Text::new(
    "五言绝句连标点正好 {0} 个字，所以每首诗就是一段。取 {1} 段训练：每读一个字，就预测下一个字（嵌入 {2} 维 → 一层 LSTM → 全连接到 {3} 个常用字）。另外 {4} 段从不训练，用来打分：每个字的交叉熵，越低越好；基线是只按字频猜的一元模型。写诗时和训练时每一段的开头一样，从零状态读入你给的第一个字，每一步按网络给出的概率抽一个字，再把它读回去。",
    "A five-character quatrain is exactly {0} characters with its punctuation, so each poem is one stretch. {1} stretches are trained on: after each character the network predicts the next ({2}-number embedding → one LSTM layer → dense to the {3} most common characters). Another {4} stretches are never trained on and score it: cross-entropy per character, lower is better; the baseline is the unigram model that guesses by character frequency alone. To write, it starts as every training stretch does: from a zero state it reads your first character, then draws each next character from the network's probabilities and reads it back.",
);
pub const CORPUS: Text = Text::new(
    "训练线程读到的语料：{0} 首五言绝句，{1} 段。",
    "The corpus the training thread read: {0} five-character quatrains, {1} stretches.",
);
pub const HIDDEN: Text = Text::new("LSTM 单元数", "LSTM units");
pub const STEPS: Text = Text::new("训练步数", "Training steps");
pub const START_WRITER: Text = Text::new("▶ 训练写诗的 LSTM", "▶ Train the poem-writing LSTM");
pub const START_CHAR: Text = Text::new("第一个字", "First character");
pub const TEMPERATURE: Text = Text::new("温度", "Temperature");
pub const TEMPERATURE_HINT: Text = Text::new(
    "按 softmax(z / 温度) 抽字：小于 1 更保守，大于 1 更随机",
    "draws from softmax(z / temperature): below 1 more conservative, above 1 more random",
);
pub const SEED: Text = Text::new("随机种子", "Seed");
pub const POEM_WAITING: Text = Text::new("训练开始后，它写的诗出现在这里。", "Start training: its poem appears here.");
pub const FORM_KEPT: Text =
    Text::new("格式对了：四句，每句五个字。", "The form is right: four lines of five characters.");
pub const FORM_BROKEN: Text = Text::new(
    "格式还不对：还没学会每五个字一个标点、四句成诗。",
    "The form is not right yet: it has not learned a punctuation mark every five characters and four lines to a poem.",
);
pub const WRITER_SCORE: Text = Text::new(
    "第 {0} 步（训练了约 {1} 秒）：没见过的绝句上每个字的交叉熵 {2}，一元模型 {3}。相当于每个字在约 {4} 个字里犹豫，一元模型是 {5} 个。",
    "Step {0} (about {1} s of training): cross-entropy per character on unseen quatrains {2}, unigram model {3}. That is like hesitating between about {4} characters each time; the unigram model hesitates between {5}.",
);
pub const SPEED: Text = Text::new("训练速度：每秒约 {0} 个字", "Training speed: about {0} characters per second");
pub const LSTM_CURVE: Text = Text::new("LSTM（没见过的绝句）", "LSTM (unseen quatrains)");
pub const UNIGRAM: Text = Text::new("一元模型", "unigram model");
pub const STEP_AXIS: Text = Text::new("训练步数", "training step");
pub const CE_AXIS: Text = Text::new("每个字的交叉熵", "cross-entropy per character");

pub const GATES_TITLE: Text = Text::new("一步一步看门和记忆", "Gates and memory, step by step");
pub const POEM: Text = Text::new("读这首诗", "Poem to read");
pub const GATES_WAITING: Text = Text::new(
    "训练开始后，这里画出每一步的门和记忆。",
    "Start training: the gates and memory of every step are drawn here.",
);
pub const GATES_HINT: Text = Text::new(
    "每张图一行是一个单元，一列是一个字。门（f、i、o）白色是 0（关），黑色是 1（开）；候选值、记忆和输出蓝负红正（明显为负的格子带一道横杠）。点任意一格（或用 Tab 选中一张图，方向键移动，回车），看那个单元在那一步的算式。",
    "In each map a row is a unit and a column a character. Gates (f, i, o): white is 0 (closed), black is 1 (open); candidate, memory and output: blue negative (clearly negative cells marked with a bar), red positive. Click any cell (or Tab to a map, move with the arrow keys, press Enter) for that unit's arithmetic at that step.",
);
pub const WORKED: Text = Text::new(
    "第 {0} 步读入「{1}」，单元 {2}：c = f·c_(t−1) + i·g = {3} × {4} + {5} × {6} = {7}；h = o·tanh(c) = {8} × tanh({7}) = {9}。",
    "Step {0} reads “{1}”, unit {2}: c = f·c_(t−1) + i·g = {3} × {4} + {5} × {6} = {7}; h = o·tanh(c) = {8} × tanh({7}) = {9}.",
);

pub const RECALL_TITLE: Text =
    Text::new("长距离记忆：RNN 和 LSTM 各能记多远？", "Long-range memory: how far back can an RNN and an LSTM recall?");
pub const RECALL_INTRO: Text = Text::new(
    "任务：先读一个字（{0} 之一），再读 N 个真实诗句里的字（其中不含这十个字），读完后说出第一个字是什么。瞎猜是 10%。同样 32 个单元、同样的步数和学习率，普通 RNN 和 LSTM 在每个距离 N 上各训练一个，分数来自没训练过的 500 个序列。",
    "The task: read one character (one of {0}), then N characters of real poems (none of those ten), and at the end name the first one. Guessing gives 10%. The same 32 units, the same steps and learning rate: a plain RNN and an LSTM are trained at each distance N, scored on 500 sequences never trained on.",
);
pub const GAPS: Text = Text::new("距离 N（最多 4 个）", "Distances N (up to 4)");
pub const GAPS_HINT: Text = Text::new("1–100，用逗号隔开", "1–100, separated by commas");
pub const RECALL_STEPS: Text = Text::new("每个网络的训练步数", "Training steps per network");
pub const START_RECALL: Text = Text::new("▶ 训练 RNN 和 LSTM", "▶ Train the RNNs and LSTMs");
pub const GAP: Text = Text::new("N", "N");
pub const RNN: Text = Text::new("普通 RNN", "plain RNN");
pub const LSTM: Text = Text::new("LSTM", "LSTM");
pub const AT_STEP: Text = Text::new("{0}（第 {1} 步）", "{0} (step {1})");
pub const GAP_AXIS: Text = Text::new("距离 N", "distance N");
pub const HELD_OUT: Text = Text::new("没训练过的序列上的准确率", "accuracy on unseen sequences");
pub const RECALL_WHY: Text = Text::new(
    "为什么会有差别：要答对，第一个字的信息得在状态里保存 N 步，训练时的梯度也得从最后一步传回第一步。普通 RNN 的梯度每往回一步要乘一次 diag(1 − h²)·W_hh：上一课说过，W_hh 的最大奇异值小于 1 就足以让它随 N 指数变小，大于 1 时它也不一定变大（饱和的 tanh 会让它变小），所以距离越远越难学。LSTM 的记忆 c 是加上去的：遗忘门接近 1 时，c 几乎原样传下去，梯度也一样。这只是倾向，不是定律：距离短时两者可能都记得住，LSTM 在很远的距离上、同样的步数里也可能还没学会。以表里量到的为准，改一改距离和步数再量。",
    "Why they can differ: to answer, the first character must be kept in the state for N steps, and in training the gradient must travel from the last step back to the first. A plain RNN's gradient is multiplied by diag(1 − h²)·W_hh for every step back: as the previous lesson said, W_hh's largest singular value below 1 is enough for it to shrink exponentially with N, and above 1 it need not grow (saturated tanh units shrink it), so the further, the harder to learn. An LSTM's memory c is added to: while the forget gate is near 1, c passes along almost unchanged, and the gradient with it. This is a tendency, not a law: at short distances both may recall, and at a long distance the LSTM too may not have learned within the same steps. The table's measurements are what counts; change the distances and steps and measure again.",
);
pub const RECALL_VERDICT: Text = Text::new(
    "这一次的测量（“记住”指准确率至少 {0}，瞎猜是 10%）：两者都记住的距离 {1}；只有 LSTM 记住的 {2}；只有 RNN 记住的 {3}；都没记住的 {4}。",
    "This run's measurements (“recalls” means at least {0} accuracy; guessing gives 10%): both recall at {1}; only the LSTM at {2}; only the RNN at {3}; neither at {4}.",
);
pub const NONE: Text = Text::new("无", "none");

pub const TIE: Text = Text::new("差不多（相差不到 2 个百分点）", "About the same (within 2 points)");
pub const YES: Text = Text::new("会", "Yes");
pub const NO: Text = Text::new("不会", "No");
pub const Q1: Text = Text::new(
    "{0} 个单元、训练 {1} 步后，LSTM 在没见过的绝句上每个字的交叉熵会比一元模型低 0.5 以上吗？",
    "With {0} units and {1} training steps, will the LSTM's cross-entropy per character on unseen quatrains be more than 0.5 below the unigram model's?",
);
pub const Q1_HINT: Text = Text::new(
    "一元模型只知道字频。LSTM 还知道前面写了什么：五个字一个标点，押韵，常见的搭配。",
    "The unigram model knows only character frequencies. The LSTM also knows what came before: a mark every five characters, rhymes, common pairings.",
);
pub const Q1_WHY: Text = Text::new(
    "交叉熵低 0.5，相当于每个字要犹豫的候选少了约 40%（e^−0.5 ≈ 0.61）。多训练一些步，再猜一次。",
    "0.5 lower cross-entropy means about 40% fewer candidates to hesitate between at each character (e^−0.5 ≈ 0.61). Train more steps and guess again.",
);
pub const Q1_PENDING: Text =
    Text::new("训练写诗的 LSTM 到结束，就能核对。", "Train the poem-writing LSTM to the end to check.");
pub const Q2: Text = Text::new(
    "隔 {0} 个字回忆第一个字：同样的单元数和训练步数，谁记得更准？",
    "Recalling the first character across {0} characters, with the same units and steps: which recalls better?",
);
pub const Q2_HINT: Text = Text::new(
    "RNN 的梯度每往回一步都要乘一次 W_hh；LSTM 的记忆是加上去的。但距离很远时，两者在同样的步数里都可能学不会。",
    "An RNN's gradient is multiplied by W_hh for every step back; an LSTM's memory is added to. At long distances, both may fail to learn within the same steps.",
);
pub const Q2_WHY: Text = Text::new(
    "看表里最后一行。增加训练步数，或者改距离，再猜一次。",
    "See the table's last row. Add training steps, or change the distance, and guess again.",
);
pub const Q2_PENDING: Text =
    Text::new("训练全部 RNN 和 LSTM 到结束，就能核对。", "Train all the RNNs and LSTMs to the end to check.");
