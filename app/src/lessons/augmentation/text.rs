//! The augmentation lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new("把已有的样本变一变，当作新样本来训练。", "Vary the examples you have and train on them as new ones."),
    Text::new(
        "几何变换移动像素，颜色变换改变像素的值。",
        "Geometric transforms move pixels; colour-class transforms change their values.",
    ),
    Text::new("对数字来说，翻转和 180° 旋转会改变标签。", "For digits, flips and 180° turns can change the label."),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 4] = [
    Text::new(
        "训练时每次用到一张图都重新随机变换。",
        "Training draws a fresh random variant each time an image is used.",
    ),
    Text::new("数据越少，增强越有用。", "The less data, the more augmentation helps."),
    Text::new(
        "增强过的网络在写歪、写偏的数字上更稳。",
        "An augmented network copes better with askew and shifted digits.",
    ),
    Text::new(
        "测试时融合多个版本的预测也可能有帮助：以量到的为准。",
        "Fusing predictions over several versions at test time may help too: the measurement decides.",
    ),
];

pub const INTRO: Text = Text::new(
    "数据太少时，可以把已有的样本变一变，当作新的样本来训练，这叫数据增强。笔记把有监督的增强分成两类：几何变换（旋转、翻转、裁剪、变形、缩放等）只是选取图像的一部分或重新排布像素，不改变内容；颜色变换（噪声、模糊、擦除、颜色扰动等）改变像素本身的值。下面先在真实的手写数字上看每一种变换，再用几百张数字训练同一个网络两次，一次不增强、一次增强，量一量它到底有多大用。",
    "When there is too little data, the examples we have can be varied and used as new ones: data augmentation. The note splits supervised augmentation into two classes: geometric transforms (rotation, flips, cropping, deformation, scaling and so on) only pick part of the image or move its pixels, without changing its content; colour-class transforms (noise, blur, erasing, colour jitter and so on) change the pixels' values. First see each transform on a real handwritten digit; then train the same network twice on a few hundred digits, without and with augmentation, and measure what it is worth.",
);
pub const ROTATE: Text = Text::new("旋转", "Rotation");
pub const FLIP: Text = Text::new("水平翻转", "Horizontal flip");
pub const CROP: Text = Text::new("随机裁剪", "Random crop");
pub const ELASTIC: Text = Text::new("弹性变形", "Elastic deformation");
pub const SCALE: Text = Text::new("缩放", "Scaling");
pub const SHIFT: Text = Text::new("平移", "Shift");
pub const NOISE: Text = Text::new("高斯噪声", "Gaussian noise");
pub const BLUR: Text = Text::new("模糊", "Blur");
pub const ERASE: Text = Text::new("随机擦除（擦成背景）", "Random erasing (set to the background)");
pub const CONTRAST: Text = Text::new("亮度与对比度", "Brightness and contrast");
pub const U_DEGREES: Text = Text::new("最大角度 ±（度）", "Largest angle ± (degrees)");
pub const U_PROB: Text = Text::new("翻转的概率", "Probability of a flip");
pub const U_CROP: Text = Text::new("最多裁掉边长的比例", "Largest share of the side cut off");
pub const U_PIXELS: Text = Text::new("最大位移（像素）", "Largest displacement (pixels)");
pub const U_SCALE: Text = Text::new("缩放幅度 ±（比例）", "Zoom range ± (fraction)");
pub const U_STD: Text = Text::new("噪声标准差 σ", "Noise standard deviation σ");
pub const U_SIGMA: Text = Text::new("最大模糊半径 σ（像素）", "Largest blur σ (pixels)");
pub const U_AREA: Text = Text::new("最多擦除的面积比例", "Largest share of the area erased");
pub const U_CONTRAST: Text = Text::new("对比度变化幅度 ±", "Contrast range ±");
pub const GALLERY_TITLE: Text =
    Text::new("一种变换，同一张数字，不同的随机抽取", "One transform, one digit, several random draws");
pub const DIGIT: Text = Text::new("数字编号", "Digit number");
pub const TRANSFORM: Text = Text::new("变换", "Transform");
pub const UP_TO: Text = Text::new("最大 {0}", "at most {0}");
pub const SEED: Text = Text::new("随机抽取", "Random draws");
pub const REDRAW: Text = Text::new("↻ 重新抽取", "↻ Draw again");
pub const ORIGINAL: Text = Text::new("原图", "original");
pub const GEOMETRIC: Text = Text::new(
    "几何变换：像素被移动、选取或重新排布，数字本身的笔画不变。训练时每个迭代周期看到的都是新的一次随机抽取，网络因此学会不在乎这些变化。",
    "A geometric transform: pixels are moved, picked or rearranged, the strokes themselves stay. Training draws a fresh variant every epoch, so the network learns not to care about these changes.",
);
pub const COLOUR_CLASS: Text = Text::new(
    "颜色类变换：像素的值本身被改变（加噪声、模糊、擦掉一块、调亮度和对比度），位置不动。笔记里“在面积大小可选定、位置随机的矩形区域上丢弃像素，产生黑色矩形块，从而产生一些彩色噪声”这句读起来有点绕，说的是随机擦除（Zhong 等，2017）：把一个随机矩形里的像素换成一个固定值（常是 0，也就是黑色），或换成随机值（在彩色图上就是彩色噪点）。这里擦成 0，也就是 MNIST 的背景：这一课把背景画成白纸、笔画画成墨色，所以擦掉的块看起来是白的。笔记颜色类里还有“填充”：这里没有单独演示，它指空出来的像素用什么值填（擦除后，或平移、旋转后露出的边角），这一课一律填 0（背景）。",
    "A colour-class transform: the pixels' values change (noise, blur, a patch erased, brightness and contrast), their positions do not. The note's sentence about \"dropping pixels in a rectangle of chosen size and random position, making black rectangles and so some colour noise\" reads awkwardly; it means random erasing (Zhong et al., 2017): the pixels of a random rectangle are replaced by a fixed value (often 0, that is black) or by random values (colour noise, on a colour image). Here they are set to 0, MNIST's background: this lesson draws the background as white paper and the strokes as ink, so an erased patch looks white. The note's colour class also lists \"fill\": it is not shown on its own here; it is the value given to pixels left empty (after erasing, or the corners a shift or rotation uncovers), and this lesson always fills with 0 (the background).",
);
pub const MIX_TITLE: Text = Text::new("训练时的随机组合", "A random mix, as training draws it");
pub const MIX_HINT: Text = Text::new(
    "下面实验选中的变换依次作用：{0}。训练中每一张图每一次被用到时，都重新抽取一次。",
    "The transforms chosen in the experiment below, applied in turn: {0}. In training every image is drawn afresh each time it is used.",
);
pub const MIX_NONE: Text = Text::new(
    "下面的实验还没有选中任何变换：这些就是原图。",
    "No transform is chosen in the experiment below: these are the original.",
);
pub const LABEL_TITLE: Text = Text::new("几何变换会改变标签吗？", "Can a geometric transform change the label?");
pub const LABEL_INTRO: Text = Text::new(
    "几何变换不改变图像的内容，但对数字来说“内容”包括方向：6 转 180° 就像 9，7 和 2 左右翻转后不再是合法的写法。所以数字上的增强只用小角度旋转，不用翻转；下面的实验可以打开翻转试试它的代价。这些是每一类的第一张真实数字，不是挑选出来的。",
    "Geometric transforms do not change an image's content, but for digits the content includes the direction: a 6 turned by 180° looks like a 9, and a 7 or a 2 mirrored is no longer a way anyone writes it. So augmentation on digits uses small rotations and no flips; turn flips on in the experiment below to see their cost. These are the first real digits of each class, not hand-picked.",
);
pub const A_DIGIT: Text = Text::new("一个 {0}", "a {0}");
pub const TURNED: Text = Text::new("{0} 转 180°", "{0} turned 180°");
pub const MIRRORED: Text = Text::new("{0} 左右翻转", "{0} mirrored");
pub const COLOUR_TITLE: Text = Text::new("颜色扰动和通道顺序", "Colour jitter and channel order");
pub const COLOUR_INTRO: Text = Text::new(
    "手写数字是灰度图，颜色变换对它没有意义；这里把同一张数字染成彩色（橙色的笔画、浅蓝的底），再做笔记说的颜色扰动（每个颜色分量随机增减）和改变颜色通道的顺序。下面实验里的网络读的是灰度数字，所以不用这两种变换。",
    "Handwritten digits are grey, so colour transforms mean nothing on them; here the same digit is tinted (orange strokes on pale blue) and then given the note's colour jitter (each colour component scaled up or down at random) and its channels reordered. The network of the experiment below reads grey digits, so it does not use these two.",
);
pub const JITTER_TITLE: Text = Text::new(
    "颜色扰动：每个通道乘以 1 ± {0} 之间的随机数",
    "Colour jitter: each channel times a random gain in 1 ± {0}",
);
pub const ORDER_TITLE: Text = Text::new("通道顺序的全部 6 种排列", "All 6 orders of the channels");
pub const EXP_TITLE: Text =
    Text::new("实验：少量数据，增强与不增强", "Experiment: little data, with and without augmentation");
pub const EXP_INTRO: Text = Text::new(
    "笔记中的卷积网络，从同一个随机种子出发，在同样几百张数字上训练两次：一次不增强，一次每个训练样本每次被用到时都经过选中的变换。验证集和测试集都不增强。数据越少，过拟合越明显（训练准确率接近 100%，验证准确率跟不上），增强的作用也越大。增强过的网络每个迭代周期看到的都是新的变体，任务更难，学得也更慢：迭代周期太少时，它在原样数字上可能反而不如不增强的网络，把迭代周期数调少试试。",
    "The note's CNN, from the same seed, trained twice on the same few hundred digits: once as they are, once with every training example passed through the chosen transforms each time it is used. Validation and test digits are never augmented. The less data, the stronger the over-fitting (training accuracy near 100% while validation lags behind) and the more augmentation can help. The augmented network sees new variants every epoch, a harder task that it learns more slowly: with too few epochs it may even do worse on digits as they are than the plain one; try fewer epochs.",
);
pub const TRAIN: Text = Text::new("训练数字", "Training digits");
pub const TRAIN_HINT: Text = Text::new("100–2000", "100–2000");
pub const EPOCHS: Text = Text::new("迭代周期数", "Epochs");
pub const TRAIN_WITH: Text = Text::new("第二个网络训练时使用的变换", "Transforms the second network trains with");
pub const NONE_ON: Text =
    Text::new("没有选中任何变换：两个网络会完全一样。", "No transform is chosen: the two networks will be identical.");
pub const START: Text = Text::new("▶ 训练两个网络", "▶ Train both networks");
pub const WITHOUT: Text = Text::new("不增强", "without augmentation");
pub const WITH: Text = Text::new("增强", "with augmentation");
pub const SUMMARY: Text =
    Text::new("{0}：训练 {1}，验证 {2}，差距 {3} 个百分点", "{0}: training {1}, validation {2}, gap {3} points");
pub const TRAIN_CHART: Text = Text::new("训练准确率", "Training accuracy");
pub const VAL_CHART: Text = Text::new("验证准确率", "Validation accuracy");
pub const EPOCH_AXIS: Text = Text::new("迭代周期", "epoch");
pub const TEST_TITLE: Text = Text::new(
    "测试集：原样的和挪动过的数字；一次预测和多视图融合",
    "Test set: digits as they are and moved; one pass and fused views",
);
pub const TEST_INTRO: Text = Text::new(
    "两个网络都训练完后，各自在同样的 1000 张测试数字上打一次分。“挪动过”的测试集是同样的数字，每张随机旋转最多 ±{0}° 并平移最多 {1} 像素，模拟写得歪一点、偏一点的字。笔记说把输入的多个版本的预测融合起来“改进效果非常明显”：“融合”一栏把每张数字本身和上下左右各移 {2} 像素的 {3} 个版本的预测概率取平均，再看对不对。笔记说的是输入的多个裁剪版本；对 28×28 的数字，平移 {2} 像素就等于四周补 {2} 像素后换个位置裁出 28×28，所以这些也是裁剪出来的版本。",
    "Once both networks have finished, each is scored once on the same 1,000 test digits. The “moved” test set is the same digits, each rotated by up to ±{0}° and shifted by up to {1} pixels at random, like digits written a little askew. The note says that fusing the predictions for several versions of the input improves them “very noticeably”: the “fused” columns average the predicted probabilities of {3} versions of each digit (itself, and moved by {2} pixels up, down, left and right) before checking the answer. The note's versions are crops; on a 28×28 digit, a shift by {2} pixels is the same as padding it by {2} pixels and cropping 28×28 at another place, so these are crops too.",
);
pub const CLEAN: Text = Text::new("原样：一次预测", "as is: one pass");
pub const CLEAN_FUSED: Text = Text::new("原样：5 个版本融合", "as is: 5 views fused");
pub const MOVED: Text = Text::new("挪动过：一次预测", "moved: one pass");
pub const MOVED_FUSED: Text = Text::new("挪动过：5 个版本融合", "moved: 5 views fused");
pub const TEST_WAITING: Text = Text::new(
    "两个网络都训练完后，这里显示测试成绩。",
    "The test scores appear here once both networks have finished.",
);
pub const TESTING: Text = Text::new(
    "正在给两个网络打分：每个网络要预测 1000 张数字的 10 个版本…",
    "Scoring both networks: each predicts 10 versions of 1,000 digits…",
);
pub const VERDICT: Text = Text::new(
    "这一次的测量：增强让原样测试数字的准确率变化 {0} 个百分点，挪动过的变化 {1} 个百分点。对增强过的网络，融合 {2} 个版本让原样数字的准确率变化 {3} 个百分点，挪动过的变化 {4} 个百分点（{5} 张测试数字，1 个百分点是 {6} 张）。融合是否“非常明显”，以这里量到的为准。",
    "This run's measurement: augmentation changed accuracy on the test digits as they are by {0} points and on the moved ones by {1} points. For the augmented network, fusing {2} views changed accuracy by {3} points on digits as they are and by {4} points on moved ones ({5} test digits, so one point is {6} digits). Whether fusion is “very noticeable” is what is measured here, not what the note says.",
);

pub const YES: Text = Text::new("会", "Yes");
pub const NO: Text = Text::new("不会", "No");
pub const Q_PENDING: Text = Text::new(
    "训练两个网络，打完测试分就能核对。",
    "Train both networks; once they are scored on the test digits, this is checked.",
);
pub const Q1: Text = Text::new(
    "只有 {0} 张训练数字时，增强能提高网络在“挪动过”（旋转最多 ±{1}°、平移最多 {2} 像素）的测试数字上的准确率吗？",
    "With only {0} training digits, will augmentation raise the accuracy on the moved test digits (rotated up to ±{1}°, shifted up to {2} pixels)?",
);
pub const Q1_HINT: Text = Text::new(
    "增强过的网络训练时就见过歪一点、偏一点的数字。",
    "The augmented network saw slightly turned and shifted digits while training.",
);
pub const Q1_WHY: Text = Text::new(
    "看测试表的“挪动过”两列。数据越少，增强越有用；训练数字多了以后，差别会变小，试试。",
    "See the table's moved columns. The less data, the more augmentation helps; with more training digits the difference shrinks: try it.",
);
pub const Q2: Text = Text::new(
    "对增强过的网络，把 {0} 个平移版本的预测融合起来，在原样的测试数字上会更准吗？",
    "For the augmented network, will fusing its predictions over {0} shifted versions be more accurate on the digits as they are?",
);
pub const Q2_HINT: Text = Text::new(
    "融合就是把几个版本的概率取平均：各个版本的错误如果不一样，平均后会抵消一些。",
    "Fusing averages the versions' probabilities: where the versions err differently, some errors cancel.",
);
pub const Q2_WHY: Text = Text::new(
    "笔记说融合“改进效果非常明显”；这里 1 张数字是 0.1 个百分点，以量到的差别为准。",
    "The note says fusion helps \"very noticeably\"; here one digit is 0.1 points, and the measured difference decides.",
);

// The lesson's steps (tabs).
pub const STEP_GEOMETRY: Text = Text::new("几何变换", "Geometric transforms");
pub const STEP_COLOUR: Text = Text::new("颜色", "Colour");
pub const STEP_EXPERIMENT: Text = Text::new("实验", "Experiment");
