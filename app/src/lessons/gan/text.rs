//! The GAN lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new(
        "生成器 G 把噪声变成样本，判别器 D 分辨真假。",
        "The generator G turns noise into samples; the discriminator D tells real from fake.",
    ),
    Text::new(
        "两者轮流训练：D 学着分辨，G 学着骗过 D。",
        "They train in turn: D learns to tell them apart, G learns to fool D.",
    ),
    Text::new(
        "先在平面上看清楚，再生成真实的手写数字。",
        "First see it clearly in the plane, then generate real handwritten digits.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 4] = [
    Text::new(
        "G 最小化非饱和损失 −log D(G(z))，训练初期梯度更大。",
        "G minimises the non-saturating loss −log D(G(z)), with stronger gradients early on.",
    ),
    Text::new("均衡时 D 处处输出 1/2。", "At equilibrium D outputs 1/2 everywhere."),
    Text::new("模式崩溃：G 只覆盖了分布的一部分。", "Mode collapse: G covers only part of the distribution."),
    Text::new(
        "条件 GAN 生成的数字自带标签，才能直接当训练数据。",
        "A conditional GAN's digits come with labels, so they can be training data.",
    ),
];

pub const INTRO: Text = Text::new(
    "笔记把 GAN 列为“无监督的样本数据增强”：让模型学会数据的分布，再随机生成与训练集分布一致的样本。生成器 G 把随机噪声 z 变成样本 G(z)；判别器 D 判断一个样本是真实的，还是 G 生成的。两者轮流训练：D 学着把真样本判为 1、把 G(z) 判为 0；G 学着让 D 把 G(z) 判为 1。原论文（Goodfellow 等，2014）把它写成一个极小极大博弈：min_G max_D E[log D(x)] + E[log(1 − D(G(z)))]。这里和论文建议的实际做法一样，G 最小化 −log D(G(z))（非饱和损失），训练初期梯度更大。若 G 完美地学会了数据分布，最优的 D 处处输出 1/2：此时 D 的损失是 2 ln 2 ≈ 1.386，G 的损失是 ln 2 ≈ 0.693。",
    "The note lists GANs as \"unsupervised data augmentation\": a model learns the data's distribution, then draws new samples that follow it. The generator G turns random noise z into a sample G(z); the discriminator D tells whether a sample is real or made by G. They train in turn: D learns to call real samples 1 and G(z) 0; G learns to make D call G(z) 1. The original paper (Goodfellow et al., 2014) writes this as a minimax game: min_G max_D E[log D(x)] + E[log(1 − D(G(z)))]. Here, as the paper recommends in practice, G minimises −log D(G(z)) (the non-saturating loss), which gives stronger gradients early on. If G learned the data's distribution perfectly, the best D would output 1/2 everywhere: D's loss would be 2 ln 2 ≈ 1.386 and G's ln 2 ≈ 0.693.",
);

// The plane.
pub const PLANE_TITLE: Text = Text::new("先在平面上看：二维 GAN", "First in the plane: a 2-D GAN");
pub const PLANE_INTRO: Text = Text::new(
    "真实数据是平面上的点，G 和 D 都是两层隐藏层的小全连接网络；从 DCGAN 借了两个设置：D 用 LeakyReLU（斜率 0.2），两者都用 Adam 且 β₁ = 0.5（见下面的“DCGAN 是什么”）。背景是 D 对平面上每一处的判断 D(x)：蓝色处 D 认为“像真的”，红色处认为“像假的”。蓝点是真实样本，红点是 G 用固定的噪声生成的样本，每个红点上的短线是 G 的损失 −log D(G(z)) 对这个点的负梯度：这个点在数据空间里被推向哪里。G 的参数只能顺着这个方向走到 G 的雅可比矩阵允许的程度（参数改一点，所有样本一起动），所以样本并不总是按短线走。",
    "The real data are points in the plane; G and D are small fully connected networks with two hidden layers; two settings are borrowed from DCGAN: LeakyReLU (slope 0.2) in D, and Adam with β₁ = 0.5 for both (see \"What DCGAN is\" below). The background is D's verdict D(x) at every place in the plane: where it is blue, D thinks \"real\"; where it is red, \"generated\". Blue dots are real samples, red dots are G's samples from fixed noise, and the short line on each red dot is the negative gradient of G's loss −log D(G(z)) at that point: where the sample is pushed in data space. G's parameters can follow it only as far as G's Jacobian allows (a change of parameters moves every sample at once), so samples do not always move along their lines.",
);
pub const DATA: Text = Text::new("真实数据", "Real data");
pub const RING: Text = Text::new("高斯环", "Ring of Gaussians");
pub const MOONS: Text = Text::new("双月", "Two moons");
pub const SPIRAL: Text = Text::new("螺旋", "Spiral");
pub const DRAWN: Text = Text::new("自己画的点", "Points you draw");
pub const MODES: Text = Text::new("环上的簇数", "Clusters on the ring");
pub const G_LR: Text = Text::new("G 的学习率", "G's learning rate");
pub const D_LR: Text = Text::new("D 的学习率", "D's learning rate");
pub const K: Text = Text::new("每步 G 之前 D 的步数 k", "D steps per G step, k");
pub const K_HINT: Text =
    Text::new("原论文的算法 1 用 k 表示，并取 k = 1。", "Algorithm 1 of the paper calls it k and uses k = 1.");
pub const Z: Text = Text::new("噪声 z 的维数", "Size of the noise z");
pub const WIDTH: Text = Text::new("隐藏层宽度", "Hidden width");
pub const SEED: Text = Text::new("随机种子", "Seed");
pub const STEPS: Text = Text::new("G 的训练步数", "G steps");
pub const START_PLANE: Text = Text::new("▶ 训练二维 GAN", "▶ Train the 2-D GAN");
pub const DRAW_HINT: Text = Text::new(
    "在下面的方框里点击或拖动来画真实数据（至少 {0} 个点，最多 {1} 个）；也可以按 Tab 选中方框，用方向键和空格来画。",
    "Click or drag in the square below to draw the real data (at least {0} points, at most {1}); or Tab to the square and draw with the arrow keys and Space.",
);
pub const PLANE_KEYS: Text = Text::new(
    "画真实数据的方框：用键盘时，方向键移动笔（按住 Shift 走得更远），空格或回车在笔下放一个点，Delete 或退格撤回最后一个点。",
    "Square for drawing the real data: with the keyboard, the arrow keys move the pen (further with Shift), Space or Enter puts a point under it, Delete or Backspace takes the last point back.",
);
pub const DRAWN_COUNT: Text = Text::new("已画 {0} 个点", "{0} points drawn");
pub const TOO_FEW: Text = Text::new("至少要画 {0} 个点才能训练。", "Draw at least {0} points to train.");
pub const SKIPPED: Text =
    Text::new("地址里有 {0} 个点读不懂，已跳过。", "{0} points in the address could not be read and were skipped.");
pub const CLEAR: Text = Text::new("清空", "Clear");
pub const PLANE_WAITING: Text =
    Text::new("按 ▶ 开始训练，这里会画出样本和 D 的判断。", "Press ▶: the samples and D's verdict will appear here.");
pub const LEGEND_REAL: Text = Text::new("● 真实样本", "● real samples");
pub const LEGEND_FAKE: Text = Text::new("▲ G(z)，短线：G 的梯度推向", "▲ G(z), line: where G's gradient pushes it");
pub const LEGEND_SURFACE: Text = Text::new(
    "背景：D(x)，蓝 = 判为真，红 = 判为假（D(x) < {0} 处另加斜线）",
    "background: D(x), blue = judged real, red = judged generated (hatched where D(x) < {0})",
);
pub const NOW: Text = Text::new(
    "第 {0} 步：D(x) 在真实样本上平均 {1}，D(G(z)) 平均 {2}；D 的损失 {3}，G 的损失 {4}。",
    "Step {0}: D(x) averages {1} on real samples and D(G(z)) {2}; D's loss is {3}, G's {4}.",
);
pub const COVERED: Text =
    Text::new("G 的样本覆盖了 {0} 个簇中的 {1} 个。", "G's samples cover {1} of the {0} clusters.");
pub const COLLAPSE: Text = Text::new(
    "模式崩溃（mode collapse）：G 只覆盖了 {0} 个簇中的 {1} 个。它找到了几处能骗过 D 的地方就停在那里，而不是学会整个分布。换一个种子、降低 G 的学习率或增大 k 试试。",
    "Mode collapse: G covers only {1} of the {0} clusters. It found a few places that fool D and stays there instead of learning the whole distribution. Try another seed, a lower learning rate for G or a larger k.",
);
pub const COVER_RULE: Text = Text::new(
    "（一个簇算被覆盖：G 的样本中至少 2% 落在它中心三个标准差以内。）",
    "(A cluster counts as covered when at least 2% of G's samples lie within three standard deviations of its centre.)",
);
pub const LOSS_CHART: Text = Text::new("两者的损失", "Both losses");
pub const D_CHART: Text = Text::new("D 的输出", "D's outputs");
pub const D_LOSS: Text = Text::new("D 的损失", "D's loss");
pub const G_LOSS: Text = Text::new("G 的损失", "G's loss");
pub const D_REAL: Text = Text::new("D(x)，真实样本", "D(x), real samples");
pub const D_FAKE: Text = Text::new("D(G(z))，生成样本", "D(G(z)), generated");
pub const EQUILIBRIUM: Text = Text::new("均衡：2ln2、ln2", "balance: 2ln2, ln2");
pub const HALF: Text = Text::new("均衡：1/2", "balance: 1/2");
pub const LOSS_AXIS: Text = Text::new("损失（平滑）", "loss (smoothed)");
pub const PROB_AXIS: Text = Text::new("D 的输出（平滑）", "D's output (smoothed)");
pub const PLANE_NOTE: Text = Text::new(
    "GAN 的损失不像分类那样一路下降：两个网络互相追赶，曲线会振荡。离均衡线近并不代表学好了（D 也可能只是太弱），要看样本是否覆盖了整个分布。",
    "A GAN's losses do not fall steadily as a classifier's do: the two networks chase each other and the curves oscillate. Being near the equilibrium lines does not mean G has learned (D may just be weak): look at whether the samples cover the whole distribution.",
);

// Digits.
pub const DIGITS_TITLE: Text = Text::new("再到真实的手写数字", "Then real handwritten digits");
pub const DIGITS_INTRO: Text = Text::new(
    "G 把噪声 z 变成 28×28 的图像（最后一层 tanh，真实数字也缩放到 [−1, 1]），D 读 784 个像素；两者都是两个隐藏层、每层 {0} 个单元的全连接网络，Adam（β₁ = 0.5），小批量 {1} 张，在 {2} 张真实数字上训练（另留 {3} 张给 D 打分，不参加训练）。下面的 20 张图始终来自同一组固定的噪声，所以能看到同一个 z 生成的东西怎样慢慢变成数字。",
    "G turns the noise z into a 28×28 image (tanh at the end; the real digits are scaled to [−1, 1] too), D reads the 784 pixels; both are fully connected with two hidden layers of {0} units, Adam (β₁ = 0.5), batches of {1}, on {2} real digits ({3} more are held out to score D, never trained on). The 20 images below always come from the same fixed noise vectors, so you can watch what one z draws slowly turn into a digit.",
);
pub const RATE: Text = Text::new("学习率（G 和 D）", "Learning rate (G and D)");
pub const RATE_HINT: Text = Text::new(
    "DCGAN 论文用 0.0002，那是卷积网络、训练很多个迭代周期的设置；这里的小全连接网络用更大的学习率，几分钟内就能画出数字。两个都试试。",
    "The DCGAN paper uses 0.0002, for convolutional networks trained for many epochs; this small fully connected pair learns digits within minutes at a larger rate. Try both.",
);
pub const CONDITIONAL: Text =
    Text::new("条件 GAN（cGAN：G 和 D 都读入类别）", "Conditional GAN (cGAN: G and D both read the class)");
pub const DCGAN_TITLE: Text = Text::new("DCGAN 是什么", "What DCGAN is");
pub const DCGAN: Text = Text::new(
    "笔记提到 DCGAN（Radford、Metz 与 Chintala，2016）。它不是另一种博弈，而是一套让 GAN 用卷积网络稳定训练的结构和设置：G 和 D 都是全卷积的，不用池化：D 用步长为 2 的卷积缩小图像，G 用步长为 2 的转置卷积（分数步长卷积）把噪声一步步放大成图像；两边都用批量归一化（G 的输出层和 D 的输入层除外）；G 的隐藏层用 ReLU、输出用 tanh，D 用 LeakyReLU（斜率 0.2）；Adam，学习率 0.0002，β₁ = 0.5。这一页的 G 和 D 都是全连接网络，只借了其中几个设置（D 的 LeakyReLU、G 输出的 tanh、Adam 的 β₁ = 0.5），学习率默认比 0.0002 大（见上面的提示），所以它们不是 DCGAN：全连接的小网络在浏览器里训练得快得多，几分钟内就能画出数字。",
    "The note mentions DCGAN (Radford, Metz & Chintala, 2016). It is not another game but a set of architecture rules and settings that let a GAN train stably with convolutional networks: G and D are all-convolutional, without pooling: D shrinks the image with stride-2 convolutions, G enlarges the noise step by step into an image with stride-2 transposed (fractionally strided) convolutions; both use batch normalisation (except G's output layer and D's input layer); ReLU in G's hidden layers and tanh at its output, LeakyReLU (slope 0.2) in D; Adam at learning rate 0.0002 with β₁ = 0.5. This page's G and D are fully connected and borrow only some of those settings (LeakyReLU in D, tanh at G's output, Adam's β₁ = 0.5), with a larger learning rate than 0.0002 by default (see the hint above), so they are not a DCGAN: small fully connected networks train much faster in a browser and draw digits within minutes.",
);
pub const CONDITIONAL_HINT: Text = Text::new(
    "条件 GAN（cGAN，Mirza 与 Osindero，2014）：G 的输入是噪声后接类别的独热向量，D 的输入是图像后接它声称的类别。这样生成的数字自带标签，才能直接当作分类器的训练数据。两行中第 k 列都要求画数字 k。",
    "A conditional GAN (Mirza & Osindero, 2014): G reads the noise followed by the class as a one-hot vector; D reads the image followed by the class it claims. The generated digits then come with labels, which is what a classifier's training data need. In both rows, column k asks for digit k.",
);
pub const NOTE_SLIP: Text = Text::new(
    "关于笔记的一点补充：笔记说 GAN 是“无监督”的增强，生成“与训练集分布一致的图片”。普通的 GAN 确实不需要标签，但它生成的图片也没有标签，不能直接用来训练分类器；要当作有标签的数据，需要条件 GAN，或者再用一个分类器给它们打上伪标签。",
    "A note on the note: it calls GANs \"unsupervised\" augmentation that makes \"images consistent with the training distribution\". A plain GAN indeed needs no labels, but the images it makes have none either, so they cannot train a classifier as they are; to use them as labelled data you need a conditional GAN, or a classifier to pseudo-label them.",
);
pub const NOISE: Text = Text::new("噪声 z 的维数", "Size of the noise z");
pub const DIGIT_STEPS: Text = Text::new("G 的训练步数", "G steps");
pub const START_DIGITS: Text = Text::new("▶ 先训练评委，再训练 GAN", "▶ Train the judge, then the GAN");
pub const JUDGE_INTRO: Text = Text::new(
    "“生成的数字能认出来了吗？”需要一个不会变的裁判：先用真实数字训练一个小分类器（评委：784 → 128 → 10 的全连接网络，{0} 个迭代周期），GAN 训练期间它不再改变，每隔一段时间给 G 的 {1} 个固定噪声样本打分。这借用了 Inception Score（Salimans 等，2016）的一半想法：分类器越有把握，样本越像某个类别。另一半是多样性：好的生成器应当各种类别都画，不能只画一种。一个崩溃到只会画“1”的 G，评委也会很有把握，所以下面也数评委读出了几种数字，并用这个评委算出 Inception Score（1 到 10，两半都好才高）。这些都只是代理指标：分类器也可能对不像数字的图很有把握，所以也要看图。",
    "\"Are the generated digits recognisable yet?\" needs a judge that does not change: first a small classifier is trained on real digits (the judge: a fully connected 784 → 128 → 10 network, {0} epochs); it stays fixed while the GAN trains and scores G's {1} fixed-noise samples every so often. This borrows half of the idea behind the Inception Score (Salimans et al., 2016): the surer a classifier is, the more a sample looks like one class. The other half is diversity: a good generator draws every class, not just one. A G collapsed onto drawing only 1s also makes the judge sure, so below the digits the judge reads are counted too, and the Inception Score is computed with this judge (from 1 to 10, high only when both halves are good). All of these are proxies (a classifier can be sure about images that look nothing like digits), so look at the pictures too.",
);
pub const STAGE_JUDGE: Text = Text::new("第 1 步：训练评委…", "Step 1: training the judge…");
pub const STAGE_GAN: Text = Text::new("第 2 步：训练 GAN", "Step 2: training the GAN");
pub const JUDGE_DONE: Text =
    Text::new("评委在没见过的数字上的准确率：{0}", "The judge's accuracy on digits it never saw: {0}");
pub const REAL_CAPTION: Text = Text::new("真实 · {0}", "real · {0}");
pub const SAMPLES: Text = Text::new(
    "G(z)：固定的 20 个噪声，图下是评委读出的数字和它的把握",
    "G(z) for 20 fixed noise vectors; under each, the digit the judge reads and how sure it is",
);
pub const SAMPLES_WAITING: Text =
    Text::new("开始后，G 生成的数字会出现在这里。", "Once started, G's digits appear here.");
pub const JUDGE_CHART: Text = Text::new("评委的打分", "The judge's scores");
pub const AGREEMENT: Text = Text::new("读出的就是要求的数字", "reads the digit asked for");
pub const SURE_SHARE: Text = Text::new("把握 ≥ {0}", "sure ≥ {0}");
pub const CONFIDENCE: Text = Text::new("平均把握", "mean confidence");
pub const SHARE_AXIS: Text = Text::new("占样本的比例", "share of samples");
pub const STEP_AXIS: Text = Text::new("G 的训练步数", "G steps");
pub const RECOGNISED: Text = Text::new(
    "第 {0} 步（训练约 {1} 秒）时，评委第一次对至少 {2} 的样本有 ≥ {3} 的把握。",
    "At step {0} (about {1} s of training) the judge was first at least {3} sure about {2} of the samples.",
);
pub const RECOGNISED_COND: Text = Text::new(
    "第 {0} 步（训练约 {1} 秒）时，评委第一次在至少 {2} 的样本上读出了要求的数字（瞎猜只有 10%）。",
    "At step {0} (about {1} s of training) the judge first read the digit that was asked for in at least {2} of the samples (guessing gives 10%).",
);
pub const NOT_YET: Text = Text::new(
    "评委对至少 {0} 的样本有 ≥ {1} 把握时，这里会写下用了多少步、多少秒。",
    "When the judge is at least {1} sure about {0} of the samples, the steps and seconds it took are written here.",
);
pub const NOT_YET_COND: Text = Text::new(
    "评委在至少 {0} 的样本上读出要求的数字时，这里会写下用了多少步、多少秒。",
    "When the judge reads the digit asked for in at least {0} of the samples, the steps and seconds it took are written here.",
);
pub const DIVERSITY: Text = Text::new(
    "多样性：评委在 {0} 个样本里读出了 {1} 种数字（至少占 2% 才算；共 10 种）；用这个评委算的 Inception Score 是 {2}（只画一种数字时是 1，10 种都画得又清楚又均匀时接近 10）。",
    "Diversity: in {0} samples the judge reads {1} different digits (counting those in at least 2% of them; there are 10); the Inception Score with this judge is {2} (1 if only one digit is drawn, near 10 when all ten are drawn clearly and equally often).",
);
pub const SPEED: Text = Text::new(
    "速度：每秒 {0} 步 G（每步含 {1} 步 D，小批量 {2} 张）",
    "Speed: {0} G steps per second (each with {1} D step, batches of {2})",
);
pub const INTERP_TITLE: Text = Text::new("在两个 z 之间插值", "Interpolating between two z");
pub const INTERP_INTRO: Text = Text::new(
    "取上面第 {0} 张和第 {1} 张图的输入（噪声和类别），沿直线走 {2} 步，每一步都让 G 画一张。学到了平滑分布的 G 会让数字一点点变形，而不是突然跳变。",
    "Take the inputs (noise and class) of images {0} and {1} above and walk the straight line between them in {2} steps, letting G draw at each. A G that has learned a smooth distribution morphs one digit into the other gradually instead of jumping.",
);
pub const FROM: Text = Text::new("从第几张", "From image");
pub const TO: Text = Text::new("到第几张", "To image");
pub const INTERP_WAITING: Text =
    Text::new("GAN 开始训练后，这里显示插值。", "The interpolation appears once the GAN trains.");

// Generated digits as training data.
pub const EXP_TITLE: Text = Text::new(
    "回到笔记的问题：生成的数字能当训练数据吗？",
    "Back to the note's point: can generated digits be training data?",
);
pub const EXP_INTRO: Text = Text::new(
    "公平的比较：GAN 只能看到分类器手里同样的 {0} 张有标签的数字（有条件的 GAN，设置同上），训练 {1} 步后，用它按类别轮流画 {2} 张数字，标签就是要求它画的类别。然后笔记里的 CNN 并排训练三次，训练步数都相同（相当于在真实数字上 {3} 个迭代周期，所以多出来的数字并不意味着多训练）：只用这 {0} 张真实数字；这 {0} 张加上有监督的增强（数据增强一课默认的旋转、平移、缩放和弹性变形）；这 {0} 张加上 {2} 张生成的数字。三者都在同样的 500 张验证数字和 1,000 张测试数字上打分，这些数字 GAN 和分类器都没见过。",
    "A fair comparison: the GAN sees only the same {0} labelled digits the classifier has (a conditional GAN, set up as above); after {1} steps it draws {2} digits, the classes in turn, each labelled with the class it was asked for. Then the note's CNN trains three times side by side, the same number of steps each ({3} epochs' worth over the real digits, so the extra digits do not mean extra training): on the {0} real digits alone; on them with supervised augmentation (the augmentation lesson's default rotations, shifts, scaling and elastic deformation); and on them plus the {2} generated digits. All three are scored on the same 500 validation and 1,000 test digits, which neither the GAN nor the classifiers ever saw.",
);
pub const LABELLED: Text = Text::new("有标签的真实数字", "Labelled real digits");
pub const GENERATED: Text = Text::new("生成的数字", "Generated digits");
pub const GAN_STEPS: Text = Text::new("GAN 的训练步数", "GAN steps");
pub const EPOCHS: Text = Text::new("分类器的训练量（迭代周期）", "Classifier training (epochs)");
pub const START_EXP: Text = Text::new("▶ 先训练 GAN，再训练三个分类器", "▶ Train the GAN, then the three classifiers");
pub const STAGE_FEW: Text = Text::new("第 1 步：GAN 在 {0} 张数字上训练…", "Step 1: the GAN trains on {0} digits…");
pub const STAGE_CLASSIFIERS: Text =
    Text::new("第 2 步：三个分类器并排训练", "Step 2: three classifiers train side by side");
pub const FEW_SAMPLES: Text = Text::new(
    "GAN 只看过这些真实数字后画出的样子（第 k 列要求数字 k）",
    "What the GAN draws having seen only these real digits (column k asks for digit k)",
);
pub const PLAIN: Text = Text::new("只用真实数字", "real digits only");
pub const SUPERVISED: Text = Text::new("+ 有监督增强", "+ supervised augmentation");
pub const WITH_GENERATED: Text = Text::new("+ 生成的数字", "+ generated digits");
pub const VAL_CHART: Text = Text::new("验证准确率", "Validation accuracy");
pub const EPOCH_AXIS: Text =
    Text::new("训练步数（折合真实数字的迭代周期）", "training steps (in passes over the real digits)");
pub const TEST_HEAD: Text = Text::new("测试准确率（1,000 张没见过的数字）", "Test accuracy (1,000 unseen digits)");
pub const EXAMPLES: Text = Text::new("训练样本", "Training examples");
pub const RUN: Text = Text::new("训练方式", "Trained on");
pub const TEST_WAITING: Text = Text::new(
    "三个分类器都训练完后，在测试数字上各打一次分。",
    "Once all three classifiers have finished, each is scored once on the test digits.",
);
pub const EXP_VERDICT: Text = Text::new(
    "和只用真实数字相比：有监督增强 {0} 个百分点，加入生成的数字 {1} 个百分点（1,000 张测试数字，一张约 0.1 个百分点）。",
    "Against real digits only: supervised augmentation {0} points, generated digits {1} points (1,000 test digits, so one digit is 0.1 points).",
);
pub const BATCHES: Text = Text::new(
    "GAN 的小批量是 {0} 张；分类器和其他课一样，小批量 32 张，Adam，学习率 0.001。",
    "The GAN uses batches of {0}; the classifiers, as in the other lessons, batches of 32 with Adam at 0.001.",
);

pub const YES: Text = Text::new("会", "Yes");
pub const NO: Text = Text::new("不会", "No");
pub const Q1: Text = Text::new(
    "按现在的设置训练完，G 的样本能覆盖环上全部 {0} 个簇吗？",
    "Trained with the settings as they are, will G's samples cover all {0} clusters of the ring?",
);
pub const Q1_RING: Text = Text::new(
    "（这个问题问的是高斯环：先选“高斯环”。）",
    "(This question is about the ring of Gaussians: choose it first.)",
);
pub const Q1_HINT: Text = Text::new(
    "簇越多越难；G 学得太快、D 太弱时，G 容易停在几个簇上（模式崩溃）。",
    "The more clusters, the harder; with G learning fast and D weak, G tends to settle on a few (mode collapse).",
);
pub const Q1_WHY: Text = Text::new(
    "看平面上红点落在哪些簇上。换一个种子、降低 G 的学习率或增大 k，再猜一次。",
    "See which clusters the red points sit on. Try another seed, a lower learning rate for G or a larger k, and guess again.",
);
pub const Q1_PENDING: Text = Text::new("训练二维 GAN 到结束，就能核对。", "Train the 2-D GAN to the end to check.");
pub const Q2: Text = Text::new(
    "没有条件的 GAN 训练完后，评委能在 G 的样本里读出全部 10 种数字吗？",
    "Once the unconditional GAN has trained, will the judge read all 10 digits among G's samples?",
);
pub const Q2_COND: Text = Text::new(
    "条件 GAN 训练完后，评委能在 G 的样本里读出全部 10 种数字吗？",
    "Once the conditional GAN has trained, will the judge read all 10 digits among G's samples?",
);
pub const Q2_HINT: Text = Text::new(
    "条件 GAN 每一列都被要求画一种数字；没有条件的 GAN 没人要求它画全。",
    "A conditional GAN is asked for each digit in turn; nobody asks an unconditional one to draw them all.",
);
pub const Q2_WHY: Text = Text::new(
    "“多样性”一行数的就是评委读出的数字种类。评委有把握不等于画全了：Inception Score 两样都看。",
    "The diversity line counts the digits the judge reads. A sure judge does not mean every digit is drawn: the Inception Score looks at both.",
);
pub const Q2_PENDING: Text =
    Text::new("先训练评委，再训练 GAN 到结束，就能核对。", "Train the judge, then the GAN to the end, to check.");

// The lesson's steps (tabs).
pub const STEP_PLANE: Text = Text::new("二维平面", "In the plane");
pub const STEP_DIGITS: Text = Text::new("生成数字", "Digits");
pub const STEP_EXPERIMENT: Text = Text::new("生成的数据有用吗", "Is generated data useful?");
