//! The pooling lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "最大池化取每个窗口里的最大值，没有要训练的参数。",
        "Max pooling takes the largest value in each window and has no parameters to train.",
    ),
    Text::new(
        "它让特征图变小，后面的层看到的感受野变大。",
        "It shrinks the feature map, so later layers see larger receptive fields.",
    ),
    Text::new(
        "最大值记下“哪里被强烈激发”，平均值把它摊平。",
        "The maximum keeps \"strongly excited somewhere here\"; the average smears it out.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new("池化不改变通道数。", "Pooling does not change the number of channels."),
    Text::new(
        "窗口 2、步长 2 让高和宽减半，奇数时丢掉最后一行或一列。",
        "A window of 2 with stride 2 halves the height and width, dropping the last row or column when odd.",
    ),
    Text::new(
        "卷积和池化一层层叠起来，感受野越来越大。",
        "Stacked convolutions and poolings see ever larger receptive fields.",
    ),
];
pub const INTRO: Text = Text::new(
    "池化层把一个小窗口里的数值归并成一个：最大池化取最大值，平均池化取平均值。它没有需要训练的参数，却能缩小特征图、扩大感受野。下面左边是一张真实手写数字经过 3×3 卷积和 ReLU 得到的特征图。",
    "A pooling layer merges the values under a small window into one: max pooling keeps the largest, average pooling the mean. It has no parameters to train, yet it shrinks feature maps and widens the receptive field. On the left is a feature map of a real handwritten digit, after a 3×3 convolution and a ReLU.",
);
pub const DIGIT: Text = Text::new("数字编号", "Digit number");
pub const DIGIT_HINT: Text = Text::new("0–9999", "0–9999");
pub const SIZE: Text = Text::new("池化窗口", "Pooling window");
pub const STRIDE: Text = Text::new("步长", "Stride");
pub const SPEED: Text = Text::new("速度", "Speed");
pub const SPEED_HINT: Text = Text::new("步/秒", "steps/s");
pub const FEATURE: Text = Text::new("特征图所用卷积核：", "Kernel that makes the feature map:");
pub const FIX_FIELDS: Text = Text::new("先把标红的输入改成合法的数。", "First fix the fields marked in red.");
pub const NO_FIT: Text = Text::new("池化窗口比特征图还大。", "The pooling window is larger than the feature map.");
pub const MAP_CAP: Text = Text::new("特征图 {0}×{0}（3×3 卷积 + ReLU）", "Feature map {0}×{0} (3×3 conv + ReLU)");
pub const MAX_CAP: Text = Text::new("最大池化", "Max pooling");
pub const AVG_CAP: Text = Text::new("平均池化", "Average pooling");
pub const FOCUS: Text =
    Text::new("第 {0} 行第 {1} 列：最大值 {2}，平均值 {3}", "Row {0}, column {1}: max {2}, average {3}");
pub const LEG_WINDOW: Text = Text::new("池化窗口", "pooling window");
pub const LEG_PICKED: Text = Text::new("最大池化选中的格子", "cell max pooling picks");
pub const PARAMS_TITLE: Text = Text::new("池化层的参数个数", "Parameters of a pooling layer");
pub const PARAMS: Text = Text::new(
    "最大池化层不存在需要训练的参数：它只比较大小，不做加权。作为对比，笔记中第一个卷积层（3×3，1 个输入通道，25 个卷积核）有 {0} 个参数。",
    "A max-pooling layer has no parameters to train: it only compares values and weighs nothing. For comparison, the note's first convolution layer (3×3, one input channel, 25 filters) has {0}.",
);
pub const WHY_MAX_TITLE: Text =
    Text::new("为什么检测和识别常用最大池化", "Why detection and recognition usually pool with the maximum");
pub const WHY_MAX: Text = Text::new(
    "特征图表示这组卷积核在图像任意区域的受激程度。做检测、识别之类的任务时，最大池化最直观：不管特征出现在窗口的哪个位置，都用一个显著的最大值来激活它；平均池化则会被窗口里的其余背景冲淡。对比上面两张输出图：最大池化的笔画更清晰。但这不是普遍规律：笔记说的是检测、识别这类“有没有”的任务；需要保留整体强度的地方，平均池化更合适，很多现代网络在最后用全局平均池化把每张特征图变成一个数。",
    "A feature map says how strongly the kernels respond in each region of the image. For detection and recognition, max pooling is the most direct: wherever the feature appears inside the window, one strong maximum reports it, while averaging dilutes it with the background around it. Compare the two outputs above: the strokes survive max pooling more clearly. This is not a universal rule: the note speaks of tasks that ask “is it there?”; where the overall strength matters, averaging suits better, and many modern networks end with global average pooling, one number per feature map.",
);
pub const IDENTITY: Text = Text::new("恒等", "identity");
pub const EDGE: Text = Text::new("边缘", "edge");
pub const BLUR: Text = Text::new("模糊", "blur");
pub const SHARPEN: Text = Text::new("锐化", "sharpen");
pub const RF_TITLE: Text = Text::new("感受野逐层变大", "The receptive field grows layer by layer");
pub const RF_INTRO: Text = Text::new(
    "感受野是输出的一个格子在输入图像上“看得到”的区域。沿着笔记中的网络（卷积 3×3 → 池化 2×2 → 卷积 3×3 → 池化 2×2）一层层往下，每个格子看到的区域从 3×3 长到 10×10：每个 2×2 池化让相邻格子在输入上的间距（跳距）翻倍，后面的卷积每移动一格，在输入上就跨得更远。",
    "The receptive field is the part of the input image that one output cell can “see”. Down the note's network (conv 3×3 → pool 2×2 → conv 3×3 → pool 2×2) it grows from 3×3 to 10×10: each 2×2 pool doubles the jump, the spacing of neighbouring cells on the input, so each later convolution reaches further with every cell it moves.",
);
pub const RF_INPUT: Text =
    Text::new("输入 28×28：每层所选格子的感受野", "Input 28×28: receptive field of the chosen cell at each layer");
pub const RF_LAYER: Text = Text::new("{0} 的输出，选中第 {1} 行第 {2} 列", "Output of {0}, row {1}, column {2} chosen");
pub const RF_CLICK: Text = Text::new(
    "点击一个格子（或用 Tab 选中网格，方向键移动，回车），看它在输入上的感受野。",
    "Click a cell (or Tab to the grid, move with the arrow keys, press Enter) to see its receptive field on the input.",
);
pub const COL_LAYER: Text = Text::new("层", "Layer");
pub const COL_OUT: Text = Text::new("输出尺寸", "Output size");
pub const COL_RF: Text = Text::new("感受野", "Receptive field");
pub const COL_JUMP: Text =
    Text::new("跳距：相邻格子在输入上的间距", "Jump: spacing of neighbouring cells on the input");
pub const RF_AXIS: Text = Text::new("感受野边长（像素）", "receptive field side (pixels)");

// The grids' names for assistive technology.
pub const GRID_DIGIT: Text = Text::new("输入的数字", "Input digit");
pub const GRID_MAP: Text = Text::new("特征图", "Feature map");
pub const GRID_LAYER: Text = Text::new("所选层的特征图", "Feature map of the chosen layer");

pub const Q_FIX: Text = Text::new("（先把上面的设置改成能算的。）", "(First make the settings above valid.)");
pub const Q1: Text = Text::new(
    "{0}×{0} 的特征图，用 {1}×{1} 的窗口、步长 {2} 做最大池化：输出有多宽？",
    "A {0}×{0} feature map, max-pooled with a {1}×{1} window and stride {2}: how wide is the output?",
);
pub const Q1_HINT: Text = Text::new(
    "和卷积一样数窗口的位置：⌊(n − k) / s⌋ + 1。",
    "Count the window's places as for a convolution: ⌊(n − k) / s⌋ + 1.",
);
pub const Q1_WHY: Text = Text::new(
    "池化的窗口和卷积核一样滑动，只是不做乘法，取最大值；放不下一个完整窗口的最后几行被丢掉。",
    "A pooling window slides as a kernel does, taking the maximum instead of products; the last rows that do not fill a whole window are dropped.",
);
pub const Q2: Text = Text::new(
    "笔记的网络里，{0} 输出的一格，在 28×28 的输入上能看到多宽的一块（感受野）？",
    "In the note's network, how wide a patch of the 28×28 input does one cell of {0} see (its receptive field)?",
);
pub const Q2_HINT: Text = Text::new(
    "每一层把上一层的感受野放大：加上 (k − 1) × 之前所有步长的乘积。",
    "Each layer widens the previous field by (k − 1) × the product of all earlier strides.",
);
pub const Q2_WHY: Text = Text::new(
    "感受野逐层变大：池化不但没有参数，还让后面的卷积一次看到更大的一块。点表里的其他层，再答一次。",
    "The field grows layer by layer: pooling has no parameters and still lets later convolutions see larger patches. Choose another layer in the table and answer again.",
);
