//! The optimizers lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "SGD 沿负梯度走一步；动量把过去的梯度累积起来，减少振荡。",
        "SGD steps along the negative gradient; momentum accumulates past gradients and damps oscillation.",
    ),
    Text::new(
        "RMSprop 和 Adam 按梯度平方的滑动平均调整每个参数的步长。",
        "RMSprop and Adam scale each parameter's step by a running average of squared gradients.",
    ),
    Text::new(
        "先在二维曲面上看它们赛跑，再在真实数字上比。",
        "Watch them race on 2-D surfaces, then compare them on real digits.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 4] = [
    Text::new("动量系数 η 常取 0.9。", "The momentum η is usually 0.9."),
    Text::new(
        "Adam 的默认学习率是 0.001，β₁ = 0.9，β₂ = 0.999。",
        "Adam's defaults: learning rate 0.001, β₁ = 0.9, β₂ = 0.999.",
    ),
    Text::new(
        "小批量的梯度噪声大，但每个迭代周期走的步数多。",
        "Small batches give noisy gradients but more steps per epoch.",
    ),
    Text::new("没有哪个优化器在所有问题上都最好。", "No optimizer is best on every problem."),
];
pub const INTRO: Text = Text::new(
    "优化器决定每一步怎样根据梯度更新参数。下面让几种优化器从同一点出发，在二维的损失曲面上赛跑：每一步对两个坐标做的更新，和其他课训练网络时 burn 的同名优化器所做的完全一样（公式和默认值与 PyTorch 相同），梯度是曲面的精确梯度；引擎的测试逐步核对两者。",
    "An optimizer decides how each step turns the gradient into a parameter update. Below, several optimizers race from the same point on 2-D loss surfaces: every step makes exactly the update to the two coordinates that burn's optimizer of the same name makes when the other lessons train a network (PyTorch's formulas and defaults), with the surface's exact gradient; the engine's tests check the two agree step by step.",
);
pub const SGD_TEXT: Text = Text::new(
    "SGD：θ ← θ − α·g。学习率 α 太大会不稳定，太小收敛慢。批量大小 ΔT 决定 g 是多少个样本的平均：小批量每一步更快，但梯度噪声更大，训练可能更不稳定（见本页最后的实验）。",
    "SGD: θ ← θ − α·g. Too large a learning rate α is unstable, too small is slow. The batch size ΔT decides how many examples g averages: small batches make each step quicker but the gradient noisier, and training may be less stable (see the last experiment on this page).",
);
pub const MOM_TEXT: Text = Text::new(
    "SGD + 动量（SGDM）：v ← η·v + g，θ ← θ − α·v。利用之前梯度的累积信息加速收敛、减少震荡，η 通常取 0.9（与 PyTorch 相同，没有阻尼）。",
    "SGD with momentum (SGDM): v ← η·v + g, θ ← θ − α·v. Accumulated past gradients speed convergence and damp oscillation; η is usually 0.9 (as in PyTorch, no dampening).",
);
pub const NES_TEXT: Text = Text::new(
    "Nesterov 动量：v ← η·v + g，θ ← θ − α·(g + η·v)，相当于在“往前走一步之后”的位置看梯度（PyTorch 的写法）。",
    "Nesterov momentum: v ← η·v + g, θ ← θ − α·(g + η·v), as if the gradient were taken one step ahead along the velocity (PyTorch's form).",
);
pub const RMS_TEXT: Text = Text::new(
    "RMSprop：s ← ρ·s + (1 − ρ)·g²，θ ← θ − α·g / (√s + ε)，ε = 10⁻⁸。对梯度平方做指数加权平均，自适应地调整每个参数的学习率；ρ 通常在 0.9 到 0.99 之间，学习率常用较小的值，如 0.001。笔记提醒：它的效果很依赖衰减因子等超参数，不保证在所有问题上都最优。",
    "RMSprop: s ← ρ·s + (1 − ρ)·g², θ ← θ − α·g / (√s + ε), ε = 10⁻⁸. An exponential average of squared gradients adapts each parameter's rate; ρ is usually between 0.9 and 0.99, and the learning rate small, such as 0.001. The note warns that it depends a lot on hyperparameters such as the decay and is not the best on every problem.",
);
pub const ADAM_TEXT: Text = Text::new(
    "Adam：m ← β1·m + (1 − β1)·g，v ← β2·v + (1 − β2)·g²；偏差修正 m̂ = m / (1 − β1ᵗ)，v̂ = v / (1 − β2ᵗ)；θ ← θ − α·m̂ / (√v̂ + ε)。默认 β1 = 0.9、β2 = 0.999、学习率 0.001、ε = 10⁻⁸（与 PyTorch 相同）。",
    "Adam: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²; bias correction m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ); θ ← θ − α·m̂ / (√v̂ + ε). Defaults β1 = 0.9, β2 = 0.999, learning rate 0.001, ε = 10⁻⁸ (as in PyTorch).",
);
pub const ADA_TEXT: Text = Text::new(
    "AdaGrad：G ← G + g²，θ ← θ − α·g / (√G + ε)，ε = 10⁻¹⁰。梯度平方一直累加，所以每个参数的步长只会越来越小。",
    "AdaGrad: G ← G + g², θ ← θ − α·g / (√G + ε), ε = 10⁻¹⁰. The squared gradients keep adding up, so each parameter's steps only ever shrink.",
);
pub const SYMBOLS: Text = Text::new(
    "符号和笔记一致：α 是学习率，η 是动量系数，g 是梯度，θ 是参数。所有运算都逐个参数进行。",
    "Symbols as in the note: α is the learning rate, η the momentum, g the gradient, θ the parameters. Every operation is per parameter.",
);
pub const RACE_TITLE: Text = Text::new("在损失曲面上赛跑", "A race on a loss surface");
pub const SURFACE: Text = Text::new("曲面", "Surface");
pub const BOWL: Text =
    Text::new("病态的碗（一个方向陡，一个方向缓）", "Ill-conditioned bowl (steep one way, shallow the other)");
pub const ROSENBROCK: Text = Text::new("Rosenbrock 香蕉谷", "Rosenbrock's banana valley");
pub const SADDLE: Text = Text::new("鞍点", "Saddle point");
pub const HIMMELBLAU: Text = Text::new("多个极小值（Himmelblau）", "Several minima (Himmelblau)");
pub const X0: Text = Text::new("起点 x", "Start x");
pub const Y0: Text = Text::new("起点 y", "Start y");
pub const SPEED: Text = Text::new("速度", "Speed");
pub const SPEED_HINT: Text = Text::new("每帧步数", "steps per frame");
pub const LR: Text = Text::new("学习率 α", "Learning rate α");
pub const ETA: Text = Text::new("动量 η", "Momentum η");
pub const ETA_HINT: Text = Text::new("通常 0.9", "usually 0.9");
pub const NETA: Text = Text::new("Nesterov 动量", "Nesterov momentum");
pub const RHO: Text = Text::new("RMSprop 衰减率 ρ", "RMSprop decay ρ");
pub const RHO_HINT: Text = Text::new("0.9–0.99", "0.9–0.99");
pub const B1: Text = Text::new("Adam β1", "Adam β1");
pub const B2: Text = Text::new("Adam β2", "Adam β2");
pub const PLAY: Text = Text::new("▶ 开始", "▶ Run");
pub const PAUSE: Text = Text::new("Ⅱ 暂停", "Ⅱ Pause");
pub const STEP: Text = Text::new("+1 单步", "+1 Step");
pub const RESET: Text = Text::new("↺ 回到起点", "↺ Back to the start");
pub const STEPS: Text = Text::new("第 {0} 步", "step {0}");
pub const FIX: Text = Text::new("先把标红的输入改成合法的数。", "First fix the fields marked in red.");
pub const OPTIMIZER: Text = Text::new("优化器", "Optimizer");
pub const LOSS: Text = Text::new("f(x, y) 的当前值", "f(x, y) now");
pub const ESCAPED: Text = Text::new("飞出去了（发散）", "flew off (diverged)");
pub const DRAG_HINT: Text = Text::new(
    "在图上按下并拖动可以移动起点。白色叉是极小值。",
    "Press and drag on the map to move the start. White crosses mark the minima.",
);
pub const DIGITS_TITLE: Text = Text::new("同样的比赛，在真实的网络上", "The same race on a real network");
pub const DIGITS_INTRO: Text = Text::new(
    "同一个全连接网络、同样的初始权重，用六种优化器各训练一个迭代周期（4000 张手写数字），每种用它常见的学习率。SGD 用 0.05，动量和 Nesterov 用 0.005：有动量时，梯度方向稳定后每一步的有效步长约为 α/(1 − η) = 0.005/(1 − 0.9) = 0.05，和 SGD 一样，这样比较才公平。",
    "The same dense network, from the same initial weights, trained for one epoch (4,000 handwritten digits) by each of the six optimizers at its usual learning rate. SGD runs at 0.05, momentum and Nesterov at 0.005: once the gradient keeps its direction, a momentum step is about α/(1 − η) = 0.005/(1 − 0.9) = 0.05 long, the same as SGD's, so the comparison is fair.",
);
pub const DIGITS_START: Text = Text::new("▶ 六个优化器同时训练", "▶ Train with all six");
pub const BATCH_TITLE: Text =
    Text::new("批量大小：梯度的噪声与训练速度", "Batch size: gradient noise and training speed");
pub const BATCH_INTRO: Text = Text::new(
    "同一个网络、同一个初始权重，用普通 SGD（学习率 {0}）各训练一个迭代周期，只有批量大小不同。横轴是看过的样本数，所以三条曲线看的是同样多的数据。",
    "The same network from the same initial weights, one epoch of plain SGD (learning rate {0}) each, only the batch size differs. The x axis counts the examples seen, so the three curves have seen the same data.",
);
pub const BATCH_START: Text = Text::new("▶ 三种批量同时训练", "▶ Train the three batch sizes");
pub const BATCH_LANE: Text = Text::new("批量 {0}", "batch {0}");
pub const EXAMPLES_AXIS: Text = Text::new("看过的样本数", "examples seen");
pub const LOSS_AXIS: Text = Text::new("训练损失", "training loss");
pub const BATCH_HINT: Text = Text::new(
    "开始训练后，这里会画出三种批量大小的训练损失。",
    "Start training: the training loss of the three batch sizes appears here.",
);
pub const BATCH_RESULT: Text =
    Text::new("批量 {0}：{1} 步，验证准确率 {2}%", "batch {0}: {1} steps, validation accuracy {2}%");
pub const BATCH_AFTER: Text = Text::new(
    "小批量的曲线抖得厉害（每一步的梯度只来自几个样本，噪声大），但一个迭代周期里走了更多步，学得更快；大批量的梯度更准、曲线更平滑，可一个迭代周期只走了很少几步。所以加大批量时通常也要加大学习率。在 GPU 上大批量每一步几乎一样快，这正是实际中常用较大批量的原因；这里在一个 CPU 核上，每一步的时间大致与批量成正比。",
    "The small batch's curve jitters (each step's gradient comes from a few examples, so it is noisy) but it takes many more steps per epoch and learns faster; the large batch's gradient is more accurate and its curve smoother, but it takes only a few steps per epoch. That is why a larger batch usually goes with a larger learning rate. On a GPU a large batch costs about as much per step as a small one, which is why large batches are common in practice; here, on one CPU core, a step takes time roughly in proportion to its batch.",
);

pub const RACERS_SETTINGS: Text =
    Text::new("选哪些优化器，各自的学习率", "Which optimizers race, and their learning rates");
pub const Q1: Text = Text::new(
    "从 ({0}, {1}) 出发、按现在的学习率跑 {2} 步后，哪个优化器的损失最低？（只算正在比赛的）",
    "Starting at ({0}, {1}) with the learning rates as set, which optimizer has the lowest loss after {2} steps? (Only those racing.)",
);
pub const Q1_HINT: Text = Text::new(
    "狭长的山谷里，SGD 会来回振荡；动量能冲过去；自适应的方法按各个方向的梯度大小调整步长。",
    "In a long narrow valley SGD zigzags; momentum carries through; adaptive methods scale the step by each direction's gradient size.",
);
pub const Q1_WHY: Text = Text::new(
    "引擎用和 burn 一样的更新把比赛跑了一遍。换一个曲面或起点，答案会变：没有哪个优化器处处最好。",
    "The engine ran the race with burn's updates. Another surface or start changes the answer: no optimizer is best everywhere.",
);
pub const Q2: Text = Text::new(
    "普通 SGD、学习率 {0}、训练一个迭代周期：哪个批量大小的验证准确率最高？",
    "Plain SGD at learning rate {0}, one epoch: which batch size reaches the highest validation accuracy?",
);
pub const BATCH_LABELS: [Text; 3] = [Text::new("8", "8"), Text::new("32", "32"), Text::new("128", "128")];
pub const Q2_HINT: Text = Text::new(
    "一个迭代周期里，批量越小，更新的次数越多，但每次的梯度噪声也越大。",
    "In one epoch, smaller batches take more steps, each with a noisier gradient.",
);
pub const Q2_WHY: Text = Text::new(
    "同样的学习率下，批量 8 走的步数是 128 的 16 倍。学习率要随批量一起调：大批量常配更大的学习率。",
    "At the same learning rate, batches of 8 take 16 times as many steps as batches of 128. The learning rate should move with the batch: large batches usually get larger rates.",
);
pub const Q2_PENDING: Text =
    Text::new("训练三个批量大小到结束，就能核对。", "Train the three batch sizes to the end to check.");
