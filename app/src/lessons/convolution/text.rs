//! The convolution lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "卷积核在图像上滑动，每一格算一次乘积之和。",
        "A kernel slides over the image and adds up its products at each place.",
    ),
    Text::new(
        "步长是每次滑动的距离；步长太大会漏掉行和列。",
        "The stride is how far it slides each time; too large and rows and columns are missed.",
    ),
    Text::new(
        "填充在四周补值，让边缘也被覆盖、输出不缩小。",
        "Padding adds values around the edge, so edges are covered and the output need not shrink.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 4] = [
    Text::new("输出边长 = ⌊(n + 2p − k) / s⌋ + 1。", "Output side = ⌊(n + 2p − k) / s⌋ + 1."),
    Text::new(
        "卷积核隐含了深度：输入有几个通道，核就有几层。",
        "A kernel has depth: as many layers as the input has channels.",
    ),
    Text::new(
        "(3,3,1,2) 表示 3×3 的核、1 个输入通道、2 个输出通道。",
        "(3,3,1,2) means a 3×3 kernel, 1 input channel, 2 output channels.",
    ),
    Text::new(
        "步长为 1 时，p = (k − 1)/2 的填充让输出和输入一样大（same）。",
        "With stride 1, padding p = (k − 1)/2 keeps the output the size of the input (same).",
    ),
];
pub const INTRO: Text = Text::new(
    "卷积最初用于图像处理：一个小小的卷积核（一组权重）在图像上滑动，每到一个位置，就把它覆盖的像素与权重逐个相乘再相加，得到输出的一个格子。步长是卷积核每次滑动的距离；填充是在图像四周补上一圈格子。按“播放”看窗口滑动，把鼠标移到输出格子上看它是怎么算出来的。",
    "Convolution began in image processing: a small kernel (a set of weights) slides over an image; at each position it multiplies the pixels it covers by its weights and adds them up, giving one cell of the output. The stride is how far the kernel moves each time; padding adds a border of cells around the image. Press Play to watch the window slide, and hover an output cell to see how it was computed.",
);
pub const FIX_FIELDS: Text = Text::new("先把标红的输入改成合法的数。", "First fix the fields marked in red.");
pub const LOADING: Text = Text::new("正在载入手写数字…", "Loading handwritten digits…");
pub const NO_FIT: Text = Text::new(
    "卷积核比补齐后的输入还大，放不进去，没有输出。请减小卷积核或增大填充。",
    "The kernel is larger than the padded input: it does not fit and there is no output. Shrink the kernel or pad more.",
);
pub const SOURCE: Text = Text::new("输入", "Input");
pub const SRC_GRID: Text = Text::new("可编辑的小网格", "Editable small grid");
pub const SRC_DIGIT: Text = Text::new("真实的手写数字", "Real handwritten digit");
pub const SIZE: Text = Text::new("网格边长", "Grid side");
pub const CHANNELS: Text = Text::new("输入通道", "Input channels");
pub const DIGIT: Text = Text::new("数字编号", "Digit number");
pub const DIGIT_HINT: Text = Text::new("0–9999", "0–9999");
pub const KSIZE: Text = Text::new("卷积核大小", "Kernel size");
pub const STRIDE: Text = Text::new("步长", "Stride");
pub const PADDING: Text = Text::new("填充", "Padding");
pub const MODE: Text = Text::new("填充方式", "Padding mode");
pub const MODE_ZERO: Text = Text::new("补零", "Zeros");
pub const MODE_ONE: Text = Text::new("补一", "Ones");
pub const MODE_REPLICATE: Text = Text::new("复制边缘（复制填充）", "Copy the edge (replicate)");
pub const BIAS: Text = Text::new("偏置", "Bias");
pub const SPEED: Text = Text::new("速度", "Speed");
pub const SPEED_HINT: Text = Text::new("步/秒", "steps/s");
pub const NOTE_PRESET: Text = Text::new("笔记的例子：7×7，3×3，步长 3", "The note's example: 7×7, 3×3, stride 3");
pub const PAD_ONE: Text = Text::new("填充 1 格", "Pad by 1");
pub const SAME: Text = Text::new("相同填充：输出和输入一样大", "Same padding: output as large as the input");
pub const CLEAR: Text = Text::new("清空网格", "Clear the grid");
pub const GRID_HINT: Text = Text::new(
    "点击输入网格的格子可以改值（0→1→2→0）；用键盘时按 Tab 选中网格，方向键移动，回车改值。",
    "Click a cell of the input grid to change it (0→1→2→0); with the keyboard, Tab to the grid, move with the arrow keys and press Enter.",
);
pub const DIGIT_NOTE: Text = Text::new(
    "灰度数字只有 1 个通道；像素值在 0 到 1 之间。",
    "A greyscale digit has one channel; pixel values lie between 0 and 1.",
);
pub const KERNEL: Text = Text::new("卷积核", "Kernel");
pub const IDENTITY: Text = Text::new("恒等", "Identity");
pub const EDGE: Text = Text::new("边缘", "Edge");
pub const BLUR: Text = Text::new("模糊", "Blur");
pub const SHARPEN: Text = Text::new("锐化", "Sharpen");
pub const CHANNEL_N: Text = Text::new("通道 {0}", "Channel {0}");
pub const KERNEL_BAD: Text =
    Text::new("标红的权重不是 −99 到 99 之间的数。", "The weights marked in red are not numbers between −99 and 99.");
pub const INPUT_CAP: Text = Text::new("输入（填充后 {0}×{0}）", "Input (padded: {0}×{0})");
pub const OUTPUT_CAP: Text = Text::new("输出 {0}×{1}", "Output {0}×{1}");
pub const HOVER_HINT: Text = Text::new(
    "鼠标移到输出格子上（或用 Tab 选中输出网格，用方向键移动），看它的窗口和乘积之和。",
    "Hover an output cell (or Tab to the output grid and move with the arrow keys) to see its window and sum of products.",
);
pub const LEG_WINDOW: Text = Text::new("当前窗口", "current window");
pub const LEG_PADDING: Text = Text::new("填充", "padding");
pub const LEG_LOST: Text = Text::new("从未被覆盖（信息丢失）", "never covered (information lost)");
pub const LEG_POSITIVE: Text = Text::new("正数（越红越大）", "positive (the redder, the larger)");
pub const LEG_NEGATIVE: Text =
    Text::new("负数（越蓝越小；带负号或一道横杠）", "negative (the bluer, the smaller; with a minus sign or a bar)");
pub const CELL: Text = Text::new("输出第 {0} 行第 {1} 列", "Output row {0}, column {1}");
pub const FORMULA: Text = Text::new("输出尺寸", "Output size");
pub const SUMMARY: Text = Text::new(
    "输入 {0}×{0}，卷积核 {1}×{1}，步长 {2}，填充 {3}：输出 {4}×{4}。",
    "Input {0}×{0}, kernel {1}×{1}, stride {2}, padding {3}: output {4}×{4}.",
);
pub const LOST_TITLE: Text = Text::new("信息丢失：", "Information lost:");
pub const LOST: Text = Text::new(
    "{0} 不能被步长 {1} 整除，窗口走不到头：输入的第 {2} 行和第 {2} 列（共 {3} 行 {3} 列）从未被任何窗口覆盖。",
    "{0} is not divisible by the stride {1}, so the windows stop short: row(s) and column(s) {2} of the input ({3} of each) are never covered by any window.",
);
pub const GAPS: Text = Text::new(
    "步长 {0} 比卷积核 {1} 还大，相邻两个窗口之间跳过了 {2} 格：输入的第 {3} 行和第 {3} 列（共 {4} 行 {4} 列）从未被读到。",
    "The stride {0} is larger than the kernel {1}, so {2} cell(s) between neighbouring windows are skipped: row(s) and column(s) {3} of the input ({4} of each) are never read.",
);
pub const GAPS_FIX: Text = Text::new(
    "填充救不了这种丢失：只有让步长不大于卷积核才行。",
    "No padding fixes this: only a stride no larger than the kernel does.",
);
pub const TRY_PAD: Text = Text::new("把填充改成 {0} 就能完全覆盖。", "A padding of {0} covers everything.");
pub const NOTE_PADDING: Text = Text::new(
    "笔记：7×7 的图像用 3×3 的卷积核、步长 3 做卷积，无法完全覆盖，会丢失信息，因此要对原始图像进行填充——可以补零/补一，也可以“相同填充”，根据具体情况选择。",
    "The note: convolving a 7×7 image with a 3×3 kernel at stride 3 cannot cover it completely and loses information, so the image is padded first: with zeros or ones, or with “same” padding, depending on the case.",
);
pub const SAME_NOTE: Text = Text::new(
    "笔记里的“相同填充”有两种读法。通常它指 same 填充：补足够的格子，让步长为 1 时输出和输入一样大，即每边补 p = (k − 1)/2 格（TensorFlow/Keras 的 padding='same'，PyTorch 的 padding='same'）；这说的是补多少格，补的仍然是 0。另一种是把边缘的值复制出去，这叫复制填充（PyTorch 的 padding_mode='replicate'）。本课两种都有：按钮“相同填充”设置 p 和步长，下拉框“复制边缘”决定补进去的值。",
    "The note's “相同填充” (same padding) can be read two ways. Usually it means “same” padding: enough cells that at stride 1 the output is as large as the input, p = (k − 1)/2 on each side (TensorFlow/Keras padding='same', PyTorch padding='same'); it says how much to pad, and the padding is still zeros. The other reading copies the edge outwards, which is replicate padding (PyTorch padding_mode='replicate'). This lesson has both: the “same padding” button sets p and the stride, the “copy the edge” mode decides the values filled in.",
);
pub const CH_TITLE: Text = Text::new(
    "多个通道：笔记中的 (3，3，1，2) 和 (3，3，2，2)",
    "Several channels: the note's (3, 3, 1, 2) and (3, 3, 2, 2)",
);
pub const CH_INTRO: Text = Text::new(
    "笔记用 (高，宽，输入通道，输出通道) 描述一层卷积。卷积核“隐含了深度”：一个卷积核的深度等于输入的通道数，每个输出通道有自己的一个卷积核。下面是一张真实的手写数字先经过 (3，3，1，2)，再经过 (3，3，2，2)。",
    "The note describes a convolution layer as (height, width, input channels, output channels). A kernel has an implied depth: as deep as the input has channels, and each output channel has a kernel of its own. Below, a real handwritten digit goes through (3, 3, 1, 2), then (3, 3, 2, 2).",
);
pub const CH_FIRST: Text = Text::new(
    "第一层 (3，3，1，2)：1 张图、2 个卷积核，得到 2 张特征图（{0} 个参数）",
    "Layer 1, (3, 3, 1, 2): one image, two kernels, two feature maps ({0} parameters)",
);
pub const CH_FIRST_PARAMS: Text =
    Text::new("参数：3 × 3 × 1 × 2 + 2 个偏置 = {0}", "Parameters: 3 × 3 × 1 × 2 + 2 biases = {0}");
pub const CH_SECOND: Text = Text::new(
    "第二层 (3，3，2，2)：2 张图、4 个卷积核，仍然得到 2 张图（{0} 个参数）",
    "Layer 2, (3, 3, 2, 2): two maps, four kernels, still two maps ({0} parameters)",
);
pub const CH_SECOND_PARAMS: Text = Text::new(
    "参数：3 × 3 × 2 × 2 + 2 个偏置 = {0}。每个输出通道 = 输入图 1 ✱ 它的卷积核 + 输入图 2 ✱ 它的卷积核 + 偏置。",
    "Parameters: 3 × 3 × 2 × 2 + 2 biases = {0}. Each output channel = input map 1 ✱ its kernel + input map 2 ✱ its kernel + a bias.",
);
pub const CH_INPUT: Text = Text::new("输入 28×28×1", "input 28×28×1");
pub const CH_KERNEL: Text = Text::new("核 {0}→{1}", "kernel {0}→{1}");
pub const CH_MAP: Text = Text::new("特征图 {0}", "map {0}");
pub const CH_PART: Text = Text::new("图 {0} ✱ 核 {0}→{1}", "map {0} ✱ kernel {0}→{1}");
pub const CH_SUM: Text = Text::new("= 输出 {0}", "= output {0}");
pub const CH_HINT: Text = Text::new(
    "第一层的两个卷积核分别找竖直边缘和水平边缘（红色是正，蓝色是负）。第二层里，输出 1 把两张图模糊后相加，输出 2 相减：两张图乘以四个卷积核，再两两相加，最后依旧得到两张图，正如笔记所说。偏置在这里取 0。",
    "The first layer's kernels find vertical and horizontal edges (red positive, blue negative). In the second, output 1 blurs and adds the two maps, output 2 subtracts them: two maps times four kernels, added in pairs, give two maps again, as the note says. The biases here are 0.",
);

// The grids' names for assistive technology.
pub const GRID_INPUT: Text = Text::new("输入通道", "Input channel");
pub const GRID_OUTPUT: Text = Text::new("输出", "Output");

pub const KERNEL_WEIGHTS: Text = Text::new("卷积核的权重（可以改）", "The kernel's weights (editable)");
pub const Q_FIX: Text = Text::new("（先把上面的设置改成能算的。）", "(First make the settings above valid.)");
pub const Q1: Text = Text::new(
    "输入 {0}×{0}，{1}×{1} 的卷积核，步长 {2}，填充 {3}：输出有多宽？",
    "An input of {0}×{0}, a {1}×{1} kernel, stride {2}, padding {3}: how wide is the output?",
);
pub const Q1_HINT: Text = Text::new(
    "数一数卷积核能放下几个位置：先加上两边的填充，再看每次跳几格。",
    "Count the places the kernel fits: add the padding on both sides, then see how far it jumps each time.",
);
pub const Q1_WHY: Text = Text::new(
    "⌊(n + 2p − k) / s⌋ + 1 = ⌊({0} + 2×{1} − {2}) / {3}⌋ + 1 = {4}。改一改步长或填充，再答一次。",
    "⌊(n + 2p − k) / s⌋ + 1 = ⌊({0} + 2×{1} − {2}) / {3}⌋ + 1 = {4}. Change the stride or the padding and answer again.",
);
pub const Q2: Text = Text::new(
    "输入 {0}×{0}，{1}×{1} 的卷积核，步长 {2}，填充 {3}：有没有输入的行或列从来没被卷积核读到？",
    "An input of {0}×{0}, a {1}×{1} kernel, stride {2}, padding {3}: is some row or column of the input never read by the kernel?",
);
pub const Q2_YES: Text = Text::new("有，会丢信息", "Yes, information is lost");
pub const Q2_NO: Text = Text::new("没有，都读到了", "No, everything is read");
pub const Q2_HINT: Text = Text::new(
    "步长比核大时，两个窗口之间会有空隙；(n + 2p − k) 不能被步长整除时，最后几行读不到。",
    "With a stride larger than the kernel, gaps open between windows; when (n + 2p − k) is not a multiple of the stride, the last rows are never read.",
);
pub const Q2_WHY: Text = Text::new(
    "图上划掉的行和列就是读不到的。笔记的例子（7×7、3×3、步长 3）丢了最后一行和一列，补一圈填充就都读到了。",
    "The crossed-out rows and columns in the figure are the ones never read. The note's example (7×7, 3×3, stride 3) loses the last row and column; one ring of padding covers them.",
);
