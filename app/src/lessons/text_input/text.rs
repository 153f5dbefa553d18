//! The text-input lesson's words, in both languages.

use crate::i18n::Text;

/// What the lesson's first screen says it shows (at most three short lines).
pub const KEY_POINTS: [Text; 3] = [
    Text::new("文字要先变成一串数，网络才能读。", "Text must first become numbers before a network can read it."),
    Text::new(
        "独热编码和词哈希不懂意思；学出来的向量让意思相近的字靠近。",
        "One-hot codes and word hashing know no meaning; learned vectors bring related characters close.",
    ),
    Text::new(
        "CNN 看上下文，给每个词标上地点、时间或其他。",
        "A CNN reads the context to tag each word as place, time or other.",
    ),
];
/// The lesson's summary, at its end.
pub const RECAP: [Text; 3] = [
    Text::new("任意两个不同的独热向量，余弦都是 0。", "Any two different one-hot vectors have cosine 0."),
    Text::new(
        "skip-gram 用负采样学字向量：邻居判“是”，随机字判“否”。",
        "Skip-gram learns character vectors with negative sampling: yes for neighbours, no for random characters.",
    ),
    Text::new("看上下文的网络能处理没见过的词。", "A network that reads context copes with words it never saw."),
];

pub const INTRO: Text = Text::new(
    "图像本来就是一格格数字，文字却不是：网络要先把每个字（或词）变成一串数。笔记先讲了两种不用学习的编码，它们“没有涉及语义相关性”；再讲用一个“浅层”神经网络和较大的字典学出带语义的向量；最后用 CNN 做一个语义分类：地点、时间、其他。下面每一步都在浏览器里真的算、真的训练。",
    "An image is already a grid of numbers; text is not: each character (or word) must first become a list of numbers. The note first shows two codes that need no learning and carry no semantic relatedness; then vectors learned by a shallow network from a large body of text; then a CNN that sorts words into place, time and other. Each step below is really computed and trained in the browser.",
);

pub const CODES_TITLE: Text = Text::new("独热编码与词哈希", "One-hot codes and word hashing");
pub const ONE_HOT: Text = Text::new(
    "独热编码（one-hot）：字典有多少个词，向量就有多长，每个词只在自己的位置上是 1。",
    "One-hot: the vector is as long as the dictionary, and each word has a 1 at its own position only.",
);
pub const ONE_HOT_COSINE: Text = Text::new(
    "任意两个不同的词，独热向量的点积都是 0，余弦相似度也都是 0：在这种编码里，“猫”和“狗”与“猫”和“大象”一样远。字典一大（下面的古诗有几千个常用字），向量也跟着变长。",
    "Any two different words have one-hot vectors whose dot product is 0, so their cosine similarity is 0: in this code “cat” is exactly as far from “dog” as from “elephant”. And the vector grows with the dictionary (the poems below use thousands of common characters).",
);
pub const HASH_TITLE: Text = Text::new("词哈希：字母三元组", "Word hashing: letter trigrams");
pub const HASH: Text = Text::new(
    "词哈希（Huang 等 2013 年的 DSSM）把一个英文词两头加上 #，切成所有连续三个字母，再数每个三元组出现几次：向量的长度是三元组的种类数（英文约 3 万），不随字典变大；拼写相近的词共享三元组，所以打错一个字母也还接近。",
    "Word hashing (Huang et al.'s DSSM, 2013) puts # at both ends of an English word, cuts it into every run of three letters and counts each trigram: the vector's length is the number of possible trigrams (about 30,000 for English) however large the dictionary; words spelled alike share trigrams, so a typo stays close.",
);
pub const WORD_1: Text = Text::new("词 1", "Word 1");
pub const WORD_2: Text = Text::new("词 2", "Word 2");
pub const HASH_RESULT: Text = Text::new(
    "三元组向量的余弦相似度：{0}。独热编码下是 {1}。",
    "Cosine similarity of the trigram vectors: {0}. With one-hot codes: {1}.",
);
pub const HASH_HINT: Text = Text::new(
    "但三元组只看拼写，不懂意思：beijing 和 peking 是同一座城市，却只共享词尾的 ing 和 ng# 两个三元组（余弦 {0}），而拼写相近、意思无关的词反倒可能更近。汉字没有字母，这种哈希对中文帮助不大。",
    "But trigrams see spelling, not meaning: beijing and peking name the same city yet share only the ending's ing and ng# (cosine {0}), while words spelled alike with unrelated meanings can be closer. Chinese characters have no letters, so this hashing does little for Chinese.",
);

pub const VECTORS_TITLE: Text =
    Text::new("用“浅层”神经网络学出字向量（skip-gram）", "Character vectors learned by a shallow network (skip-gram)");
pub const VECTORS_INTRO: Text = Text::new(
    "笔记说“可以通过一个浅层神经网络，并利用较大的字典来补充语义相关性，虽然不一定准确”。这里就是这样一个网络：word2vec 的 skip-gram，带负采样（negative sampling，Mikolov 等，2013），逐字训练。每个字有两个向量：作为中心字的 v 和作为上下文的 u。每遇到一个字和它前后几个字以内真正出现的一个字，就做 1 + {0} 个相互独立的“是不是邻居”的二分类（逻辑回归）：真正的邻居要判“是”，另外 {0} 个按频率^0.75 随机抽来的字（负样本）要判“否”。意思相近的字常有相似的邻居，向量就被推到一起。{1} 首诗不参加训练，用来打分。",
    "The note says semantic relatedness can be added “by a shallow neural network and a large dictionary, though not always accurately”. Here is such a network: word2vec's skip-gram with negative sampling (Mikolov et al., 2013), trained character by character. Each character has two vectors, v as the centre and u as context. For each character and one that really appears within a few places of it, it makes 1 + {0} independent yes-or-no decisions (logistic regressions), \"is this a neighbour?\": yes for the true neighbour, no for each of {0} characters drawn at random by frequency^0.75 (the negative samples). Characters of similar meaning have similar neighbours, so their vectors are pushed together. {1} poems are kept out of training to score it.",
);
pub const DIM: Text = Text::new("向量维数", "Vector size");
pub const WINDOW: Text = Text::new("窗口（前后几个字）", "Window (characters each side)");
pub const STEPS: Text = Text::new("训练步数", "Training steps");
pub const START_VECTORS: Text = Text::new("▶ 学习字向量", "▶ Learn character vectors");
pub const HELD_OUT: Text = Text::new(
    "第 {1} 步，没训练过的诗上：真正的邻居得分高过全部 {2} 个随机字的比例 {0}（瞎猜 1/{3}）。训练时这是 {3} 个独立的是非判断；打分时把它们排成一次 {3} 选 1，好看出学到了多少。",
    "Step {1}, on poems never trained on: the true neighbour scores above all {2} random characters {0} of the time (guessing: 1/{3}). In training these are {3} separate yes-or-no decisions; for the score they are ranked as one choice among {3}, to show how much was learned.",
);
pub const PAIR: Text = Text::new("字对", "Pair");
pub const ONE_HOT_COL: Text = Text::new("独热余弦", "one-hot cosine");
pub const LEARNED_COL: Text = Text::new("学到的向量余弦", "learned cosine");
pub const PAIRS_SUMMARY: Text = Text::new(
    "这十对的平均余弦 {0}；随机抽 500 对常用字的平均是 {1}（向量共享一个和字频有关的方向，所以不是 0）。",
    "The ten pairs' mean cosine is {0}; 500 random pairs of common characters average {1} (the vectors share a direction tied to frequency, so this is not 0).",
);
pub const CHAR: Text = Text::new("看这个字的近邻", "Neighbours of");
pub const NEIGHBOURS_OF: Text =
    Text::new("和「{0}」的向量最接近的字（余弦）：", "Characters whose vectors are closest to “{0}” (cosine):");
pub const MAP_TITLE: Text = Text::new("常用字的二维地图", "A 2-D map of common characters");
pub const MAP_HINT: Text = Text::new(
    "把向量投影到它们变化最大的两个方向（主成分分析）上画出来；几组字用颜色标出：山峰岭、春夏秋冬、花草叶、日月星、江河湖海。训练时看它们怎样聚拢。只用两个方向会丢掉很多信息，所以地图上近的不一定真近，以上面的余弦为准。",
    "The vectors projected on their two directions of greatest spread (principal component analysis); a few groups in colour: 山峰岭 (mountains), 春夏秋冬 (seasons), 花草叶 (plants), 日月星 (sky), 江河湖海 (waters). Watch them gather as it trains. Two directions lose much, so closeness on the map is only a hint; the cosines above are the measure.",
);
pub const PC1: Text = Text::new("第一主成分", "first principal component");
pub const PC2: Text = Text::new("第二主成分", "second principal component");

pub const TAGGER_TITLE: Text =
    Text::new("用 CNN 做语义分类：地点、时间、其他", "A CNN that tags place, time and other");
pub const TAGGER_INTRO: Text = Text::new(
    "笔记的例子：订票的句子里，哪些词是地点、哪些是时间。数据由中英文句式填入真实的城市名和日期生成（中文一字一个记号，英文一词一个）；训练用 25 个中文城市和 25 个英文城市，另外各 5 个（如乌鲁木齐、海口、nairobi、lima）从不出现在训练里。两种网络都先把记号嵌入成 32 维向量：“查表”网络每个记号单独判断；CNN 用两层宽度为 3 的一维卷积，同时看它左右的记号。训练时 10% 的记号随机换成“未知”，让网络学会面对没见过的词。",
    "The note's example: in a booking request, which words are places and which are times. The sentences come from Chinese and English patterns filled with real city names and dates (one token per Chinese character, one per English word); training uses 25 Chinese and 25 English cities, and 5 more of each (such as 乌鲁木齐, 海口, nairobi, lima) never appear in training. Both networks first embed each token in 32 numbers: the lookup network judges each token on its own; the CNN reads it with its neighbours through two 1-D convolutions of width 3. In training, 10% of tokens are replaced by “unknown”, so that the networks learn what to do with a word they have never seen.",
);
pub const TAG_STEPS: Text = Text::new("训练步数", "Training steps");
pub const START_TAGGERS: Text = Text::new("▶ 训练两个标注网络", "▶ Train both taggers");
pub const LOOKUP: Text = Text::new("查表（不看上下文）", "lookup (no context)");
pub const CNN: Text = Text::new("CNN（看左右各 2 个记号）", "CNN (2 tokens each side)");
pub const OTHER: Text = Text::new("其他", "other");
pub const PLACE: Text = Text::new("地点", "place");
pub const TIME: Text = Text::new("时间", "time");
pub const F1_VALIDATION: Text =
    Text::new("没见过的城市名，见过的句式（400 句）", "Unseen city names in seen patterns (400 sentences)");
pub const F1_TEST: Text = Text::new(
    "没见过的城市名，也没见过的句式（400 句，训练结束后打分）",
    "Unseen city names in unseen patterns (400 sentences, scored when training ends)",
);
pub const SENTENCE: Text = Text::new("你的句子（中文或英文）", "Your sentence (Chinese or English)");
pub const TAGGED_HINT: Text = Text::new(
    "橙色是地点，蓝色是时间；虚线下划线的记号在训练里从没出现过（网络把它当“未知”读）。",
    "Orange is a place, blue a time; tokens underlined with dots never appeared in training (the network reads them as “unknown”).",
);
pub const TAGGER_WHY: Text = Text::new(
    "F1 是精确率和召回率的调和平均。英文里一个词是一个记号：没见过的城市名（nairobi）整个是“未知”，而训练里“未知”大多是普通词，查表网络多半标成“其他”。中文一个字是一个记号，没见过的城市名的字却大多见过：海口的“海”在上海里，南宁的“南”在南京里。查表网络只能按这个字在训练里通常是什么来判断：“海”“南”多半是地点的一部分，“口”“宁”就未必；所以它对中文新城市名有时对、有时错，而不是一律判错（在下面自己的句子里试试，字下面没有虚线就说明它见过这个字）。CNN 还看得到“到 ___ 的机票”“flight to ___”这样的上下文，能猜出中间是地点。句式也没见过时（“飞___”“回___”），CNN 也会变差：它学到的是见过的上下文。",
    "F1 is the harmonic mean of precision and recall. In English a word is one token: an unseen city name (nairobi) is one “unknown”, which in training was mostly an ordinary word, so the lookup network mostly says “other”. In Chinese a character is one token, and most characters of an unseen city name were seen: the 海 of 海口 is in 上海, the 南 of 南宁 in 南京. The lookup network can only judge such a character by what it usually was in training: 海 and 南 mostly part of a place, 口 and 宁 not necessarily; so on new Chinese city names it is sometimes right and sometimes wrong, not always wrong (try your own sentence below: a character without a dotted underline was seen in training). The CNN also sees contexts such as “到 ___ 的机票” or “flight to ___” and guesses a place in between. When the pattern is unseen too (“飞___”, “回___”), the CNN also does worse: what it learned are the contexts it saw.",
);
pub const COLON: Text = Text::new("：", ": ");

pub const Q1: Text = Text::new(
    "“{0}”和“{1}”的字母三元组向量，余弦相似度是多少？（0 到 1）",
    "What is the cosine similarity of the letter-trigram vectors of “{0}” and “{1}”? (0 to 1)",
);
pub const Q1_HINT: Text = Text::new(
    "两头加上 #，数共有的三元组；余弦 = 共有的个数 / √(各自的个数相乘)（每个三元组只出现一次时）。",
    "Put # at both ends and count the shared trigrams; cosine = shared / √(product of each word's count) (when every trigram occurs once).",
);
pub const Q1_WHY: Text = Text::new(
    "上面列出了两个词的全部三元组。换两个拼写相近、意思不同的词，再猜一次。",
    "Both words' trigrams are listed above. Try two words spelled alike with different meanings, and guess again.",
);
pub const Q2: Text = Text::new(
    "在没见过的城市名上，哪个网络标“地点”的 F1 更高？",
    "On city names never seen in training, which network scores the higher F1 for “place”?",
);
pub const Q2_HINT: Text =
    Text::new("没见过的词，只能从它的上下文猜。", "A word never seen can only be guessed from its context.");
pub const Q2_WHY: Text = Text::new(
    "看 F1 表的“地点”一行：看上下文的 CNN 能猜出“到 ___ 的机票”里是地点。",
    "See the place row of the F1 table: the CNN, reading the context, guesses a place in “flight to ___”.",
);
pub const Q2_PENDING: Text = Text::new("训练两个标注网络到结束，就能核对。", "Train both taggers to the end to check.");

// The lesson's steps (tabs).
pub const STEP_CODES: Text = Text::new("编码", "Codes");
pub const STEP_VECTORS: Text = Text::new("字向量", "Character vectors");
pub const STEP_TAGGER: Text = Text::new("语义分类", "Tagging");
