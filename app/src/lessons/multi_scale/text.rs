//! The multi-scale lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "金字塔池化把任意大小的特征图池化成固定长度的向量。",
        "Pyramid pooling turns a feature map of any size into a vector of fixed length.",
    ),
    Text::new("于是同一个网络能读不同大小的图。", "So one network can read images of different sizes."),
    Text::new(
        "把浅层和深层的特征融合，细节和整体都能看到。",
        "Fusing shallow and deep features sees both details and the whole.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new(
        "向量长度 = 通道数 × 各层网格的格数之和。",
        "The vector's length = channels × the cells of all the grids.",
    ),
    Text::new(
        "普通 CNN 遇到别的大小会出错：全连接层的输入长度不对。",
        "A plain CNN breaks on other sizes: its dense layer gets the wrong length.",
    ),
    Text::new(
        "金字塔卷积用不同大小的核并排提取特征。",
        "Pyramid convolution extracts features with kernels of several sizes side by side.",
    ),
];

pub const INTRO: Text = Text::new(
    "笔记 2.8：在网络的不同层次提取特征再融合，让网络同时看到细节和整体，也能处理大小不同的输入。这里有三件事：空间金字塔池化（He 等，2014）让特征向量的长度不再取决于输入大小；在不同大小的真实数字上比较三种网络；把浅层（细）和深层（粗）的特征拼在一起，以及金字塔卷积（3、5、7 三种卷积核并排）。",
    "Note 2.8: extract features at several depths of the network and fuse them, so that it sees both details and the whole, and can take inputs of different sizes. Three things here: spatial pyramid pooling (He et al., 2014), which makes the feature vector's length independent of the input's size; three networks compared on real digits of different sizes; and the features of an early (fine) layer joined to a late (coarse) one's, and pyramid convolution (kernels of 3, 5 and 7 side by side).",
);
pub const SPP_TITLE: Text = Text::new("空间金字塔池化", "Spatial pyramid pooling");
pub const SPP_INTRO: Text = Text::new(
    "左边是一张真实数字经过边缘卷积核和 ReLU 之后的 {0}×{0} 特征图。金字塔的每一层把它分成 n×n 个格子，每个格子取最大值（PyTorch 的自适应最大池化同样的划分：格子边界向外取整，所以相邻格子可能共用一行）。所有层的结果拼成一个向量。",
    "On the left, the {0}×{0} feature map of a real digit after an edge kernel and ReLU. Each level of the pyramid cuts it into n×n cells and takes each cell's maximum (the same cells as PyTorch's adaptive max pooling: cell edges round outwards, so neighbouring cells may share a row). The levels' results are joined into one vector.",
);
pub const LEVELS: Text = Text::new("金字塔各层的 n（逗号分隔）", "Each level's n (comma-separated)");
pub const LEVELS_ERROR: Text = Text::new(
    "写 1 到 3 个 1–7 之间的整数，用逗号隔开，比如 1,2,4。",
    "Write 1 to 3 whole numbers from 1 to 7, separated by commas, such as 1,2,4.",
);
pub const SHOW: Text = Text::new("画出哪一层的格子", "Show the cells of level");
pub const DIGIT: Text = Text::new("数字编号", "Digit number");
pub const CELLS: Text =
    Text::new("{0}×{0} 层的 {1} 个格子的最大值：{2}", "The maxima of the {1} cells of level {0}×{0}: {2}");
pub const LENGTH: Text = Text::new(
    "向量长 1 × ({0}) = {1}；笔记的网络（50 个通道）是 50 × ({0}) = {2}。输入多大都一样长，所以全连接层能接任何大小的输入。",
    "This map has 1 channel, so the vector is 1 × ({0}) = {1} long. In the note's network (50 channels after the second convolution) it is 50 × ({0}) = {2}: the same whether the input is 20×20 or 40×40, so the dense layer after it takes inputs of any size.",
);
pub const SIZES_TITLE: Text = Text::new("不同大小的数字", "Digits of different sizes");
pub const SIZES_INTRO: Text = Text::new(
    "把测试数字缩放成 {0} 像素见方。笔记的 CNN 只在 28×28 上训练；金字塔网络（把最后的池化和展平换成 spp:{1}）在所有这些大小上混合训练，每一批随机取一个大小。第三条线是同一个普通 CNN，先把输入缩放回 28×28 再读。",
    "The test digits are resized to {0} pixels a side. The note's CNN is trained at 28×28 only; the pyramid network (its last pooling and flatten replaced by spp:{1}) is trained on all these sizes mixed, one size drawn at random for each batch. The third line is the same plain CNN reading its input resized back to 28×28 first.",
);
pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
pub const START_SIZES: Text = Text::new("▶ 训练两个网络", "▶ Train both networks");
pub const PLAIN: Text = Text::new("CNN（直接读）", "CNN (as is)");
pub const RESIZED: Text = Text::new("CNN（缩放回 28）", "CNN (resized to 28)");
pub const PYRAMID: Text = Text::new("金字塔网络", "pyramid network");
pub const SIZE_AXIS: Text = Text::new("数字的边长（像素）", "digit side (pixels)");
pub const ACCURACY_AXIS: Text = Text::new("测试准确率", "test accuracy");
pub const SIZES_WAITING: Text = Text::new(
    "两个网络训练完后，在每种大小上各打一次分。",
    "Once both networks have trained, each is scored at every size.",
);
pub const SHAPE_ERRORS_TITLE: Text =
    Text::new("笔记的 CNN 为什么只读得了 28×28", "Why the note's CNN reads only 28×28");
pub const SHAPE_ERROR: Text = Text::new(
    "笔记的 CNN 读不了 {0}×{0}：第 {1} 层（{2}）是为 {3} 个输入建的，这时却得到 {4} 个。这正是结构一课会报的形状错误。",
    "The note's CNN cannot read {0}×{0}: layer {1} ({2}) was built for {3} inputs and would get {4}. This is the shape error the architecture lesson reports.",
);
pub const FUSION_TITLE: Text = Text::new("多尺度融合与金字塔卷积", "Multi-scale fusion and pyramid convolution");
pub const FUSION_INTRO: Text = Text::new(
    "三个网络在 {0} 张 28×28 数字上并排训练 {1} 个迭代周期，都以金字塔池化结尾：只用深层特征；把第一个卷积块后的浅层特征也池化后拼进来；以及第一层换成 3×3、5×5、7×7 三种卷积核并排（各 8 个，拼成 24 个通道）。左图是每一支上一个格子在输入上能看到的范围（感受野）。",
    "Three networks train side by side on {0} digits of 28×28 for {1} epochs, all ending in pyramid pooling: the late features only; the early features after the first conv block pooled and joined to them; and a first layer of 3×3, 5×5 and 7×7 kernels side by side (8 each, joined into 24 channels). On the left, how much of the input one cell of each branch sees (its receptive field).",
);
pub const LATE: Text = Text::new("只用深层特征", "late features only");
pub const FUSED: Text = Text::new("浅层 + 深层融合", "early + late fused");
pub const PYRAMID_CONV: Text = Text::new("金字塔卷积 3/5/7", "pyramid convolution 3/5/7");
pub const START_FUSION: Text = Text::new("▶ 训练三个网络", "▶ Train the three networks");
pub const TRAIN: Text = Text::new("训练数字", "Training digits");
pub const FIELDS: Text = Text::new(
    "感受野：浅层 {0}×{0}，深层 {1}×{1}，金字塔卷积 3×3、5×5、7×7",
    "Receptive fields: early {0}×{0}, late {1}×{1}, pyramid convolution 3×3, 5×5, 7×7",
);
pub const VAL_CHART: Text = Text::new("验证准确率", "Validation accuracy");
pub const EPOCH_AXIS: Text = Text::new("迭代周期", "epoch");
pub const FUSION_RESULT: Text = Text::new(
    "测试准确率（1,000 张）：只用深层 {0}，融合 {1}，金字塔卷积 {2}。",
    "Test accuracy (1,000 digits): late only {0}, fused {1}, pyramid convolution {2}.",
);
pub const FUSION_WAITING: Text = Text::new(
    "三个网络都训练完后，在测试数字上各打一次分。",
    "Once all three have trained, each is scored once on the test digits.",
);

// The grids' names for assistive technology.
pub const GRID_MAP: Text = Text::new("特征图", "Feature map");
pub const GRID_FIELDS: Text = Text::new("数字上的感受野", "Receptive fields on a digit");

pub const SAME: Text = Text::new("一样长", "The same length");
pub const LONGER: Text = Text::new("更长", "Longer");
pub const Q1: Text = Text::new(
    "金字塔网络读 {0}×{0} 的数字时，金字塔池化给出的向量会比读 {1}×{1} 时更长吗？",
    "When the pyramid network reads a {0}×{0} digit, is the vector its pyramid pooling gives longer than for a {1}×{1} one?",
);
pub const Q1_HINT: Text = Text::new(
    "每一层网格的格数只由层数决定，和特征图多大无关。",
    "Each grid's cell count depends on its level only, not on the feature map's size.",
);
pub const Q1_WHY: Text = Text::new(
    "通道数 × Σ n²：和输入大小无关。所以后面的全连接层总能接上，这正是金字塔池化的用处。",
    "Channels × Σ n², whatever the input's size: the dense layer after it always fits, which is the point of pyramid pooling.",
);
pub const Q2: Text = Text::new(
    "{0}×{0} 的数字：哪种做法认得更准：缩放回 28×28 再交给笔记的 CNN，还是让金字塔网络直接读？",
    "Digits of {0}×{0}: which reads them better: resizing to 28×28 for the note's CNN, or letting the pyramid network read them as they are?",
);
pub const Q2_HINT: Text = Text::new(
    "金字塔网络训练时见过各种大小；笔记的 CNN 只见过 28×28，但缩放会抹掉细节。",
    "The pyramid network trained on all the sizes; the note's CNN saw only 28×28, and resizing blurs details.",
);
pub const Q2_WHY: Text = Text::new(
    "看表里最后一列。两种做法各有代价：以量到的为准。",
    "See the table's last column. Both ways have a cost: the measurement decides.",
);
pub const Q2_PENDING: Text = Text::new(
    "训练两个网络并在各种大小上打完分，就能核对。",
    "Train both networks and score them on every size to check.",
);
