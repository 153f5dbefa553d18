//! The parameters lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "一个卷积层的参数 = (k × k × 输入通道 + 1) × 卷积核个数。",
        "A convolution's parameters = (k × k × input channels + 1) × kernels.",
    ),
    Text::new(
        "输出尺寸由输入、核大小、步长和填充决定。",
        "The output size follows from the input, the kernel, the stride and the padding.",
    ),
    Text::new(
        "先自己算笔记的练习，再让页面一步步核对。",
        "Work the note's exercise yourself first, then let the page check it step by step.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new("每个卷积核有一个偏置，这就是公式里的 +1。", "Each kernel has one bias: the +1 in the formula."),
    Text::new(
        "参数个数和输入的高、宽无关，只和核的大小与通道数有关。",
        "The parameter count does not depend on the input's height and width, only on the kernel and the channels.",
    ),
    Text::new(
        "笔记把练习的输出写成 5×5 是笔误：32×32 的输入得到 32×32。",
        "The note writes the exercise's output as 5×5, a slip: a 32×32 input gives 32×32.",
    ),
];
pub const INTRO: Text = Text::new(
    "一个卷积层输出多大、有多少个要训练的参数，只取决于几个数：输入的高、宽和通道数，卷积核的大小和个数，步长和填充。改动下面任何一个数，看结果怎样一步一步算出来。",
    "How large a convolution layer's output is, and how many parameters it trains, depends on a few numbers only: the input's height, width and channels, the kernel's size and count, the stride and the padding. Change any of them and follow the working step by step.",
);
pub const DEPTH: Text = Text::new(
    "卷积核隐含了深度：输入有 C 个通道，每个卷积核就是 k×k×C 的立方体，再加一个偏置。",
    "A kernel has a hidden depth: with C input channels, every kernel is a k×k×C block, plus one bias.",
);
pub const LAYER: Text = Text::new("卷积层", "The convolution layer");
pub const H: Text = Text::new("输入高 H", "Input height H");
pub const W: Text = Text::new("输入宽 W", "Input width W");
pub const C: Text = Text::new("输入通道 C", "Input channels C");
pub const K: Text = Text::new("卷积核大小 k", "Kernel size k");
pub const N: Text = Text::new("卷积核个数 n", "Number of filters n");
pub const S: Text = Text::new("步长 s", "Stride s");
pub const P: Text = Text::new("填充 p", "Padding p");
pub const H_HINT: Text = Text::new("像素", "pixels");
pub const W_HINT: Text = Text::new("像素", "pixels");
pub const C_HINT: Text = Text::new("RGB 为 3", "3 for RGB");
pub const K_HINT: Text = Text::new("k×k", "k×k");
pub const N_HINT: Text = Text::new("= 输出深度", "= output depth");
pub const S_HINT: Text = Text::new("每次滑动的格数", "cells per move");
pub const P_HINT: Text = Text::new("每边", "per side");
pub const PRESET: Text = Text::new("载入笔记中的练习", "Load the note's exercise");
pub const QUIZ: Text = Text::new("先预测，再揭晓", "Predict first, then reveal");
pub const FIX_FIELDS: Text = Text::new("先把标红的输入改成合法的数。", "First fix the fields marked in red.");
pub const TOO_LARGE: Text = Text::new(
    "卷积核是 {0}×{0}，但填充 {2} 之后的输入每边只有 {1} 格：卷积核放不进去，没有输出。请减小卷积核或增大填充。",
    "The kernel is {0}×{0}, but the input padded by {2} is only {1} cells wide: the kernel does not fit and there is no output. Shrink the kernel or pad more.",
);
pub const ROUNDED: Text = Text::new(
    "{0} 不能被步长 {1} 整除，所以向下取整。",
    "{0} is not divisible by the stride {1}, so the result is rounded down.",
);
pub const TAIL: Text = Text::new(
    "窗口走不到头：输入最后 {0} 行（列）没有被任何窗口覆盖，信息丢失。",
    "The windows stop short: the last {0} row(s) or column(s) of the input are never covered, and their information is lost.",
);
pub const FIX: Text = Text::new("把填充改成 {0} 就能完全覆盖。", " A padding of {0} covers everything.");
pub const PADDING_ONLY: Text = Text::new(
    "被舍掉的只是补上的填充格，输入本身每一格都被读到了：没有信息丢失。",
    "Only padding cells are left out: every cell of the input itself is read, and nothing is lost.",
);
pub const GAPS: Text = Text::new(
    "步长 {0} 比卷积核 {1} 还大：相邻窗口之间跳过 {2} 格，输入有 {3} 行（列）从未被读到。填充救不了，只有让步长不大于卷积核。",
    "The stride {0} is larger than the kernel {1}: {2} cell(s) between neighbouring windows are skipped and {3} row(s) or column(s) of the input are never read. No padding fixes that; only a stride no larger than the kernel does.",
);
pub const OUTPUT: Text = Text::new("输出尺寸（高×宽×深度）", "Output size (height × width × depth)");
pub const DEPTH_IS: Text = Text::new(
    "深度 = 卷积核个数 n = {0}：每个卷积核产生一张特征图。",
    "Depth = number of filters n = {0}: each filter makes one feature map.",
);
pub const PARAMS: Text = Text::new("参数个数", "Parameters");
pub const SPLIT: Text = Text::new("其中 {0} 个权重，{1} 个偏置。", "That is {0} weights and {1} biases.");
pub const PREDICT: Text = Text::new("你的预测", "Your prediction");
pub const PREDICT_SIZE: Text = Text::new("输出尺寸（高×宽×深）", "Output size (height×width×depth)");
pub const PREDICT_PARAMS: Text = Text::new("参数个数", "Parameter count");
pub const CHECK: Text = Text::new("检查", "Check");
pub const REVEAL: Text = Text::new("揭晓答案", "Reveal the answer");
pub const BOTH_RIGHT: Text =
    Text::new("全对！点“揭晓答案”看完整的计算过程。", "Both right! Reveal the answer to see the full working.");
pub const TRY_AGAIN: Text = Text::new("还不对，再想想，或者揭晓答案。", "Not yet: think again, or reveal the answer.");
pub const SLIP_TITLE: Text = Text::new("关于笔记里的题解", "About the note's worked answer");
pub const SLIP: Text = Text::new(
    "笔记的题解写的是 (5+2*2-5)/1+1 = 5，这里是个小笔误：公式里第一个数应该是输入尺寸 32，而不是卷积核尺寸 5。正确的是 (32+2×2−5)/1+1 = 32，所以输出是 32×32×10。笔记算出的参数个数 76×10 = 760 是对的。",
    "The note's worked answer reads (5+2*2-5)/1+1 = 5. That is a small slip: the first number in the formula should be the input size 32, not the kernel size 5. The right working is (32+2×2−5)/1+1 = 32, so the output is 32×32×10. The note's parameter count, 76×10 = 760, is right.",
);

pub const Q_FIX: Text = Text::new("（先把上面的设置改成能算的。）", "(First make the settings above valid.)");
pub const Q1: Text = Text::new(
    "输入 {0}×{1}×{2}，{3} 个 {4}×{4} 的卷积核：这一层一共有多少个要训练的参数？",
    "An input of {0}×{1}×{2} and {3} kernels of {4}×{4}: how many parameters does this layer train in all?",
);
pub const Q1_HINT: Text = Text::new(
    "一个卷积核是 k×k×输入通道 的立方体，再加一个偏置；然后乘以卷积核的个数。",
    "One kernel is a k×k×(input channels) block plus one bias; then multiply by the number of kernels.",
);
pub const Q1_WHY: Text = Text::new("({0}×{0}×{1} + 1) × {2} = {3}。", "({0}×{0}×{1} + 1) × {2} = {3}.");
pub const Q2: Text = Text::new(
    "同样的卷积层，输入从 {0}×{1} 换成 {5}×{6}（通道不变）：参数个数会变吗？",
    "The same layer on an input of {5}×{6} instead of {0}×{1} (the same channels): does its parameter count change?",
);
pub const Q2_MORE: Text = Text::new("会变多", "It grows");
pub const Q2_SAME: Text = Text::new("不变", "It stays the same");
pub const Q2_HINT: Text = Text::new(
    "卷积核在图像上滑动时，用的始终是同一组权重吗？",
    "As the kernel slides over the image, are its weights always the same ones?",
);
pub const Q2_WHY: Text = Text::new(
    "卷积核的权重在每个位置共用，所以参数个数只和核的大小、通道数有关；变大的只是输出（和计算量）。",
    "A kernel shares its weights across every position, so the count depends only on its size and the channels; what grows is the output (and the computation).",
);

pub const VOL_INPUT: Text = Text::new("输入", "input");
pub const VOL_KERNELS: Text = Text::new("卷积核（共 {0} 个）", "kernel (one of {0})");
pub const VOL_OUTPUT: Text = Text::new("输出", "output");
pub const VOL_LABEL: Text = Text::new(
    "输入 {0}×{1}×{2}，{3} 个 {4}×{4}×{2} 的卷积核，得到输出",
    "An input of {0}×{1}×{2}, {3} kernels of {4}×{4}×{2}, and the output",
);
