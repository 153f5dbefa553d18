//! The architecture lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "卷积 → 池化 → 卷积 → 池化 → 展平 → 全连接：笔记的完整网络。",
        "Convolution → pooling → convolution → pooling → flatten → dense: the note's whole network.",
    ),
    Text::new(
        "每一层的输出形状和参数个数都能算出来。",
        "Every layer's output shape and parameter count can be worked out.",
    ),
    Text::new("改一层，后面所有层的形状都跟着变。", "Change one layer and every later shape changes with it."),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new(
        "笔记的例子用 (3,3,1,25) 和 (3,3,25,50) 两个卷积层。",
        "The note's example has two convolutions, (3,3,1,25) and (3,3,25,50).",
    ),
    Text::new("11×11 池化成 5×5 时丢掉了最后一行和一列。", "Pooling 11×11 down to 5×5 drops the last row and column."),
    Text::new(
        "参数主要在第二个卷积层和全连接层里。",
        "Most parameters sit in the second convolution and the dense layer.",
    ),
];
pub const INTRO: Text = Text::new(
    "卷积层只与图像的局部发生关联，而不像全连接层那样与每一个点都发生关联。一个完整的卷积神经网络把这些层叠起来：卷积层提取特征，最大池化层缩小尺寸，展平之后由全连接层给出分类。改动下面的层，看每一层的输出形状和参数个数怎样变化。",
    "A convolution layer connects only to a local patch of the image, not to every pixel as a dense layer does. A complete CNN stacks such layers: convolutions extract features, max pooling shrinks them, and after flattening a dense layer classifies. Edit the layers below and watch each layer's output shape and parameter count change.",
);
pub const FLOW: Text = Text::new(
    "卷积层 → 最大池化层 → 卷积层 → 最大池化层 → 数据展平 → 全连接",
    "conv → max-pool → conv → max-pool → flatten → dense",
);
pub const IN_H: Text = Text::new("输入高", "Input height");
pub const IN_W: Text = Text::new("输入宽", "Input width");
pub const IN_C: Text = Text::new("输入通道", "Input channels");
pub const PRESETS: Text = Text::new("预设：", "Presets:");
pub const PRESET_NOTE: Text = Text::new("笔记中的例子", "The note's example");
pub const PRESET_MLP: Text = Text::new("只用全连接层", "Dense layers only");
pub const PRESET_PADDED: Text = Text::new("带填充的更深网络", "A deeper padded CNN");
pub const LAYERS: Text = Text::new("逐层计算", "Layer by layer");
pub const COL_LAYER: Text = Text::new("层", "Layer");
pub const COL_ARGS: Text = Text::new("设置", "Settings");
pub const COL_OUT: Text = Text::new("输出形状", "Output shape");
pub const COL_PARAMS: Text = Text::new("参数", "Parameters");
pub const COL_HOW: Text = Text::new("怎么算", "Working");
pub const ADD: Text = Text::new("添加：", "Add:");
pub const BRANCHES: Text = Text::new("分支（用 | 分开）", "branches (split by |)");
pub const SPP_F: Text =
    Text::new("没有参数；长度 {0}，与图像大小无关", "no parameters; length {0}, whatever the image size");
pub const PARAMS_OF: Text = Text::new("{0} 个参数", "{0} parameters");
pub const BN_F: Text = Text::new("每个通道一个 γ 和一个 β：2·{0} = {1}", "one γ and one β per channel: 2·{0} = {1}");
pub const NO_PARAMS: Text = Text::new("没有参数", "no parameters");
pub const DROPPED: Text =
    Text::new("；{0}→{1}，丢弃最后 {2} 行 {2} 列", "; {0}→{1}, the last {2} row(s) and column(s) dropped");
pub const FLATTEN_F: Text = Text::new("{0} 个数排成一列，没有参数", "{0} numbers in one column, no parameters");
pub const TOTAL: Text = Text::new("参数总数：{0}", "Total parameters: {0}");
pub const FINAL: Text = Text::new("，最终输出 {0}", ", final output {0}");
pub const INCOMPLETE: Text =
    Text::new("（网络在标红的层断开了，总数只算到那里）", "(the stack breaks at the red layer; the total stops there)");
pub const BAD_INPUT: Text = Text::new("输入尺寸必须是正整数。", "The input size must be positive whole numbers.");
pub const INPUT: Text = Text::new("输入", "input");
pub const N_PARAMS: Text = Text::new("{0} 个参数", "{0} params");
pub const DIAGRAM: Text = Text::new("网络示意图", "Diagram");
pub const TRAIN_THIS: Text = Text::new("在浏览器里训练这个网络 →", "Train this network in the browser →");
pub const RELU_NOTE: Text = Text::new(
    "笔记的流程图没有画激活函数，但每个卷积层和除最后一层外的全连接层后面都应跟一个（这里是 ReLU），否则多层叠起来仍然只是一个线性变换。激活函数没有参数；图中把它画在前一层的方块里。",
    "The note's flow leaves out the activations, but every convolution and every dense layer but the last should be followed by one (ReLU here), or the stacked layers are still one linear map. Activations have no parameters; the diagram draws each inside the block of the layer before it.",
);
pub const LATER: Text = Text::new("后面几课会讲到的层：", "Layers explained in later lessons:");
pub const NOTE_PARAMS: Text = Text::new(
    "笔记写的“参数个数：3×3×输入通道数”是一个卷积核的权重个数。整层还要再乘以卷积核个数，并给每个卷积核加一个偏置：第一层是 3·3·1·25 + 25 = 250，第二层是 3·3·25·50 + 50 = 11300，和下表一致。",
    "The note's “parameters: 3×3×input channels” counts the weights of one kernel. The whole layer multiplies that by the number of kernels and adds one bias per kernel: 3·3·1·25 + 25 = 250 for the first layer, 3·3·25·50 + 50 = 11,300 for the second, as the table below shows.",
);

pub const Q_FIX: Text = Text::new("（先让每一层都搭得起来。）", "(First make every layer build.)");
pub const Q1: Text = Text::new(
    "先别看表里的参数列：上面这个网络一共有多少个要训练的参数？",
    "Without looking at the table's parameter column: how many parameters does the network above train in all?",
);
pub const Q1_HINT: Text = Text::new(
    "卷积层：(k×k×输入通道 + 1) × 卷积核个数；全连接层：(输入长度 + 1) × 单元数；池化、展平和激活没有参数。",
    "Convolution: (k×k×input channels + 1) × kernels; dense: (input length + 1) × units; pooling, flatten and activations have none.",
);
pub const Q1_WHY: Text = Text::new(
    "表里每一行的“参数”列就是每一层的算式，加起来就是总数。改一层（比如卷积核个数），再答一次。",
    "The table's parameter column works each layer out; their sum is the total. Change a layer (its kernels, say) and answer again.",
);
pub const Q2: Text =
    Text::new("哪一层（# 列的编号）的参数最多？", "Which layer (its number in the # column) has the most parameters?");
pub const Q2_HINT: Text = Text::new(
    "全连接层的参数和它的输入长度成正比：展平之前的特征图有多大？",
    "A dense layer's parameters grow with its input's length: how large is the feature map before it is flattened?",
);
pub const Q2_WHY: Text = Text::new(
    "卷积核的权重在每个位置共用，全连接层却给每个输入一个权重：展平后的向量一长，参数就多。",
    "A kernel's weights are shared across positions, while a dense layer has a weight for every input: a long flattened vector means many parameters.",
);
