//! What the page calls the engine's things: the names of layer kinds and their arguments, and
//! every error the engine or the worker can report, in both languages. The engine speaks in
//! typed values; only this file turns them into words.

use engine::mnist::MnistError;
use engine::nn::torch::TorchError;
use engine::nn::{ArgError, Form, GeometryErrorKind, ShapeError, StackError};
use engine::tasks::QueryError;
use engine::train::ConfigError;

use crate::data::LoadError;
use crate::i18n::{Lang, Text, fill};
use crate::training::protocol::WorkerError;

/// The name of a layer kind, from its token.
pub fn kind_name(token: &str) -> Text {
    match token {
        "conv" => Text::new("卷积", "conv"),
        "pool" => Text::new("最大池化", "max-pool"),
        "avgpool" => Text::new("平均池化", "avg-pool"),
        "adapt" => Text::new("自适应平均池化", "adaptive avg-pool"),
        "spp" => Text::new("空间金字塔池化", "pyramid pooling"),
        "flatten" => Text::new("展平", "flatten"),
        "dense" => Text::new("全连接", "dense"),
        "dropout" => Text::new("Dropout（随机失活）", "dropout"),
        "batchnorm" => Text::new("批量归一化", "batch norm"),
        "relu" => Text::new("ReLU", "ReLU"),
        "tanh" => Text::new("tanh", "tanh"),
        "sigmoid" => Text::new("sigmoid", "sigmoid"),
        "leaky" => Text::new("Leaky ReLU", "leaky ReLU"),
        "unflatten" => Text::new("还原成图像", "unflatten"),
        "embed" => Text::new("词嵌入", "embedding"),
        "conv1d" => Text::new("一维卷积", "1-D conv"),
        "rnn" => Text::new("RNN", "RNN"),
        "lstm" => Text::new("LSTM", "LSTM"),
        "last" => Text::new("取最后一步", "last step"),
        "[" => Text::new("并行分支", "branches"),
        _ => Text::new("？", "?"),
    }
}

/// The label of a layer argument, from its key.
pub fn arg_label(key: &str) -> Text {
    match key {
        "filters" => Text::new("个数", "filters"),
        "kernel" => Text::new("核", "kernel"),
        "stride" => Text::new("步长", "stride"),
        "padding" => Text::new("填充", "pad"),
        "window" => Text::new("窗口", "window"),
        "units" => Text::new("单元", "units"),
        "p" => Text::new("丢弃率", "rate"),
        "slope" => Text::new("负斜率", "slope"),
        "height" => Text::new("高", "height"),
        "width" => Text::new("宽", "width"),
        "level" => Text::new("网格", "grid"),
        "channels" => Text::new("通道", "channels"),
        "dim" => Text::new("维数", "dim"),
        "hidden" => Text::new("隐藏单元", "hidden"),
        "std" => Text::new("初始标准差", "initial std"),
        _ => Text::new("？", "?"),
    }
}

fn form_name(form: Form) -> Text {
    match form {
        Form::Image => Text::new("图像", "an image"),
        Form::Flat => Text::new("一列数（向量）", "a flat vector"),
        Form::Sequence => Text::new("向量序列", "a sequence of vectors"),
        Form::Tokens => Text::new("整数记号序列", "a sequence of tokens"),
    }
}

/// Why a layer cannot be applied, in words.
pub fn shape_error(lang: Lang, e: &ShapeError) -> String {
    match e {
        ShapeError::Syntax(token) => fill(t::SYNTAX.get(lang), &[token]),
        ShapeError::Arg { index, error } => fill(t::ARG.get(lang), &[&(index + 1), &arg_error(lang, *error)]),
        ShapeError::Geometry(g) => geometry(lang, *g),
        ShapeError::Needs { needs, got } => {
            let names: Vec<&str> = needs.iter().map(|f| form_name(*f).get(lang)).collect();
            let or = if lang == Lang::Zh { "或" } else { " or " };
            let mut message = fill(t::NEEDS.get(lang), &[&names.join(or), &form_name(*got).get(lang)]);
            // The two mistakes students make most, with their fix.
            if *got == Form::Image && needs.contains(&Form::Flat) {
                message.push_str(t::ADD_FLATTEN.get(lang));
            } else if *got == Form::Flat && needs.contains(&Form::Image) {
                message.push_str(t::ALREADY_FLAT.get(lang));
            }
            message
        }
        ShapeError::Mismatch => t::MISMATCH.get(lang).into(),
        ShapeError::Branch { branch, layer, error } => {
            fill(t::BRANCH.get(lang), &[&(branch + 1), &(layer + 1), &shape_error(lang, error)])
        }
        ShapeError::Reshape { from, to } => fill(t::RESHAPE.get(lang), &[from, to]),
    }
}

fn arg_error(lang: Lang, e: ArgError) -> String {
    match e {
        ArgError::NotANumber => t::NOT_A_NUMBER.get(lang).into(),
        ArgError::TooSmall(min) => fill(t::TOO_SMALL.get(lang), &[&min]),
        ArgError::TooLarge(max) => fill(t::TOO_BIG.get(lang), &[&max]),
    }
}

fn geometry(lang: Lang, g: GeometryErrorKind) -> String {
    match g {
        GeometryErrorKind::KernelTooLarge { kernel, padded } => fill(t::TOO_LARGE.get(lang), &[&kernel, &padded]),
        GeometryErrorKind::EmptyInput => t::EMPTY_INPUT.get(lang).into(),
        GeometryErrorKind::EmptyKernel => t::EMPTY_KERNEL.get(lang).into(),
        GeometryErrorKind::ZeroStride => t::ZERO_STRIDE.get(lang).into(),
    }
}

/// Why a stack breaks, naming the layer.
pub fn stack_error(lang: Lang, e: &StackError) -> String {
    fill(t::AT_LAYER.get(lang), &[&(e.layer + 1), &shape_error(lang, &e.kind)])
}

/// Why a run cannot start, in words.
pub fn config_error(lang: Lang, e: &ConfigError) -> String {
    match e {
        ConfigError::Stack(s) => stack_error(lang, s),
        ConfigError::Input { expected, got } => fill(t::INPUT.get(lang), &[got, expected]),
        ConfigError::Output { expected, got } => fill(t::OUTPUT.get(lang), &[expected, got]),
        ConfigError::Split(engine::data::SplitError::TooMany { asked, available }) => {
            fill(t::SPLIT_MANY.get(lang), &[asked, available])
        }
        ConfigError::Split(engine::data::SplitError::NoTraining) => t::SPLIT_EMPTY.get(lang).into(),
        ConfigError::BatchSize(b) => fill(t::BATCH.get(lang), &[b]),
        ConfigError::LearningRate(lr) => fill(t::LR.get(lang), &[lr]),
        ConfigError::Epochs(e) => fill(t::EPOCHS.get(lang), &[e, &engine::train::MAX_EPOCHS]),
        ConfigError::Clip(c) => fill(t::CLIP.get(lang), &[c]),
        ConfigError::BackendMissing(b) => fill(t::BACKEND.get(lang), &[&b.key()]),
        ConfigError::DataMissing(_) => t::DATA.get(lang).into(),
        ConfigError::NoModel(name) => fill(t::NO_MODEL.get(lang), &[name]),
        ConfigError::Setting { name, value } => {
            let name = setting_name(name).map_or_else(|| name.clone(), |n| n.get(lang).to_string());
            fill(t::SETTING.get(lang), &[&name, value])
        }
    }
}

/// Why a question about the model cannot be answered.
pub fn query_error(lang: Lang, e: &QueryError) -> String {
    match e {
        QueryError::Unsupported => t::UNSUPPORTED.get(lang).into(),
        QueryError::InputLength { expected, got } => fill(t::LENGTH.get(lang), &[expected, got]),
        QueryError::NoExample(i) => fill(t::NO_EXAMPLE.get(lang), &[i]),
        QueryError::NoConvolution => t::NO_CONV.get(lang).into(),
        QueryError::Unknown(what) => fill(t::UNKNOWN_TOKEN.get(lang), &[what]),
        QueryError::Model(m) => model_error(lang, m),
    }
}

/// Why a network cannot be written for PyTorch, or a model file cannot be loaded.
pub fn model_error(lang: Lang, e: &TorchError) -> String {
    match e {
        TorchError::Unsupported { layer, token } => {
            fill(t::TORCH_UNSUPPORTED.get(lang), &[&(layer + 1), &kind_name(token).get(lang)])
        }
        TorchError::NotSafetensors(_) => t::NOT_SAFETENSORS.get(lang).into(),
        TorchError::Missing(name) => fill(t::TORCH_MISSING.get(lang), &[name]),
        TorchError::Unexpected(name) => fill(t::TORCH_UNEXPECTED.get(lang), &[name]),
        TorchError::Shape { name, expected, found } => {
            let dims = |d: &[usize]| d.iter().map(ToString::to_string).collect::<Vec<_>>().join("×");
            fill(t::TORCH_SHAPE.get(lang), &[name, &dims(found), &dims(expected)])
        }
        TorchError::DType { name, found } => fill(t::TORCH_DTYPE.get(lang), &[name, found]),
        TorchError::Stack(e) => fill(t::TORCH_STACK.get(lang), &[&stack_error(lang, e)]),
        TorchError::Input(input) => fill(t::TORCH_INPUT.get(lang), &[input]),
        TorchError::NoNetwork => t::TORCH_NO_NETWORK.get(lang).into(),
    }
}

/// What went wrong in the worker, in words.
pub fn worker_error(lang: Lang, e: &WorkerError) -> String {
    match e {
        WorkerError::Config(c) => config_error(lang, c),
        WorkerError::Query(q) => query_error(lang, q),
        WorkerError::NoRun => t::NO_RUN.get(lang).into(),
        WorkerError::NothingKept => t::NOTHING_KEPT.get(lang).into(),
        WorkerError::Load(e) => fill(t::LOAD.get(lang), &[&load_error(lang, e)]),
        WorkerError::Unreadable(_) => t::UNREADABLE.get(lang).into(),
        WorkerError::Crashed(_) => t::CRASHED.get(lang).into(),
        WorkerError::Model(m) => model_error(lang, m),
    }
}

/// The browser's or the decoder's own words about a worker's failure, if it said any: shown
/// folded away beside the translated sentence.
pub fn worker_detail(e: &WorkerError) -> Option<&str> {
    match e {
        WorkerError::Load(e) => load_detail(e),
        WorkerError::Unreadable(detail) | WorkerError::Crashed(detail) => Some(detail),
        _ => None,
    }
}

/// Why a data file could not be loaded, in words.
pub fn load_error(lang: Lang, e: &LoadError) -> String {
    match e {
        LoadError::Network(_) => t::NETWORK.get(lang).into(),
        LoadError::Status(404) => t::NOT_FOUND.get(lang).into(),
        LoadError::Status(code) => fill(t::STATUS.get(lang), &[code]),
        LoadError::Body(_) => t::BODY.get(lang).into(),
        LoadError::Digits(e) => match e {
            MnistError::TooShort | MnistError::WrongLength { .. } => t::DIGITS_SHORT.get(lang).into(),
            MnistError::BadMagic => t::DIGITS_MAGIC.get(lang).into(),
            MnistError::BadGeometry { rows, cols } => fill(t::DIGITS_GEOMETRY.get(lang), &[rows, cols]),
            MnistError::Corrupt(_) => t::DIGITS_CORRUPT.get(lang).into(),
            MnistError::BadLabel { index, label } => fill(t::DIGITS_LABEL.get(lang), &[index, label]),
        },
    }
}

/// The browser's own words about a failed load, if it said any.
pub fn load_detail(e: &LoadError) -> Option<&str> {
    match e {
        LoadError::Network(detail) | LoadError::Body(detail) => Some(detail),
        LoadError::Digits(MnistError::Corrupt(detail)) => Some(detail),
        _ => None,
    }
}

/// The name of a setting the engine refused (its key in `ConfigError::Setting`).
pub fn setting_name(key: &str) -> Option<Text> {
    Some(match key {
        "classes" => Text::new("类别", "classes"),
        "conditional" => Text::new("条件 GAN", "conditional GAN"),
        "d_steps" => Text::new("每步 G 之前 D 的步数 k", "D steps per G step, k"),
        "distance" => Text::new("距离 N", "distance N"),
        "generated" => Text::new("生成的数字", "generated digits"),
        "length" => Text::new("序列长度", "sequence length"),
        "noise" => Text::new("噪声 z 的维数", "size of the noise z"),
        "points" => Text::new("真实样本的个数", "number of real points"),
        "pseudo" => Text::new("伪标签", "pseudo-labels"),
        "scale" => Text::new("缩放", "scale"),
        "threshold" => Text::new("把握阈值", "confidence threshold"),
        "train" => Text::new("训练样本数", "training examples"),
        "vocab" => Text::new("字表大小", "vocabulary size"),
        "dim" => Text::new("向量维数", "vector size"),
        "window" => Text::new("窗口", "window"),
        "negatives" => Text::new("负样本数", "negative samples"),
        _ => return None,
    })
}

mod t {
    use crate::i18n::Text;
    pub const SYNTAX: Text = Text::new("看不懂“{0}”。", "Cannot read “{0}”.");
    pub const ARG: Text = Text::new("第 {0} 个设置：{1}", "setting {0}: {1}");
    pub const NOT_A_NUMBER: Text = Text::new("不是一个合适的数", "not a suitable number");
    pub const TOO_SMALL: Text = Text::new("不能小于 {0}", "must be at least {0}");
    pub const TOO_BIG: Text = Text::new("不能大于 {0}", "must be at most {0}");
    pub const NEEDS: Text = Text::new("这一层需要{0}，但得到的是{1}。", "This layer needs {0}, but gets {1}.");
    pub const ADD_FLATTEN: Text = Text::new("先加一个展平层。", " Add a flatten layer first.");
    pub const ALREADY_FLAT: Text = Text::new(
        "数据已经展平了，之后不能再做卷积或池化。",
        " The data is already flat: no convolution or pooling after that.",
    );
    pub const MISMATCH: Text = Text::new(
        "各分支的输出形状不同（种类或高、宽不一样），无法并排拼接。",
        "The branches' outputs differ (in kind, or in height and width) and cannot be joined side by side.",
    );
    pub const BRANCH: Text = Text::new("分支 {0} 的第 {1} 层：{2}", "branch {0}, layer {1}: {2}");
    pub const RESHAPE: Text =
        Text::new("{0} 个数无法排成 {1} 个数的图像。", "{0} values cannot be arranged into an image of {1}.");
    pub const TOO_LARGE: Text =
        Text::new("窗口 {0} 比（填充后的）输入 {1} 还大。", "The window {0} is larger than the (padded) input {1}.");
    pub const EMPTY_INPUT: Text = Text::new("输入是空的。", "The input is empty.");
    pub const EMPTY_KERNEL: Text = Text::new("窗口大小不能是 0。", "The window cannot be empty.");
    pub const ZERO_STRIDE: Text = Text::new("步长不能是 0。", "The stride cannot be 0.");
    pub const AT_LAYER: Text = Text::new("第 {0} 层：{1}", "Layer {0}: {1}");
    pub const INPUT: Text =
        Text::new("网络的输入是 {0}，但数据是 {1}。", "The network reads {0}, but the data are {1}.");
    pub const OUTPUT: Text = Text::new(
        "网络最后必须输出 {0}（每个类别一个分数），现在输出的是 {1}。",
        "The network must end with {0} (one score per class), not {1}.",
    );
    pub const SPLIT_MANY: Text =
        Text::new("划分需要 {0} 个样本，只有 {1} 个。", "The split asks for {0} examples; there are {1}.");
    pub const SPLIT_EMPTY: Text = Text::new("训练集是空的。", "The training set is empty.");
    pub const BATCH: Text =
        Text::new("批量大小 {0} 不在 1 到 1024 之间。", "Batch size {0} is not between 1 and 1024.");
    pub const LR: Text = Text::new("学习率 {0} 不是正数。", "Learning rate {0} is not a positive number.");
    pub const EPOCHS: Text = Text::new("迭代周期数 {0} 不在 1 到 {1} 之间。", "{0} epochs is not between 1 and {1}.");
    pub const CLIP: Text = Text::new("裁剪阈值 {0} 不是正数。", "The clipping norm {0} is not a positive number.");
    pub const BACKEND: Text = Text::new("这个版本没有 {0} 后端。", "This build has no {0} backend.");
    pub const DATA: Text = Text::new("训练线程还没有载入这些数据。", "The training thread has not loaded these data.");
    pub const NO_MODEL: Text = Text::new("还没有保存名为“{0}”的模型。", "No model is kept as “{0}” yet.");
    pub const SETTING: Text = Text::new("设置 {0} = {1} 超出了范围。", "Setting {0} = {1} is out of range.");
    pub const UNSUPPORTED: Text = Text::new("这个模型回答不了这个问题。", "This model cannot answer that question.");
    pub const LENGTH: Text =
        Text::new("输入应有 {0} 个数，而不是 {1} 个。", "The input should have {0} values, not {1}.");
    pub const NO_EXAMPLE: Text = Text::new("没有编号为 {0} 的样本。", "There is no example number {0}.");
    pub const UNKNOWN_TOKEN: Text = Text::new(
        "「{0}」不在常用字表里，没有学到向量：换一个字试试。",
        "“{0}” is not among the common characters and has no learned vector: try another.",
    );
    pub const NO_CONV: Text = Text::new("这个网络没有卷积层。", "This network has no convolution.");
    pub const NO_RUN: Text = Text::new("还没有开始训练：先开始一次训练。", "There is no run: start one first.");
    pub const NOTHING_KEPT: Text = Text::new(
        "还没有保存任何模型（至少要训练完一个迭代周期）。",
        "No model has been kept yet (at least one epoch must finish).",
    );
    pub const LOAD: Text = Text::new("训练线程无法载入数据：{0}", "The training thread could not load its data: {0}");
    pub const UNREADABLE: Text = Text::new(
        "页面和训练线程之间的一条消息读不懂（页面和训练线程的版本可能不一致）。",
        "A message between the page and the training thread could not be read (the page and the training thread may be of different versions).",
    );
    pub const CRASHED: Text = Text::new(
        "训练线程停止了：它出错退出，或者内存不够了。",
        "The training thread stopped: it failed, or ran out of memory.",
    );
    pub const NETWORK: Text = Text::new(
        "请求没有得到回答：可能断网了，或者被浏览器拦下了。",
        "The request got no answer: the network may be down, or the browser blocked it.",
    );
    pub const NOT_FOUND: Text =
        Text::new("网站上找不到这个文件（HTTP 404）。", "The site does not have this file (HTTP 404).");
    pub const STATUS: Text = Text::new("网站回答了错误 HTTP {0}。", "The site answered with error HTTP {0}.");
    pub const BODY: Text = Text::new("文件没有传完整。", "The file did not arrive whole.");
    pub const DIGITS_SHORT: Text = Text::new(
        "手写数字文件不完整（比它的文件头说的短）。",
        "The digits file is incomplete (shorter than its header says).",
    );
    pub const DIGITS_MAGIC: Text = Text::new("这不是 dlnotes 的手写数字文件。", "This is not a dlnotes digits file.");
    pub const DIGITS_GEOMETRY: Text = Text::new(
        "文件里的数字是 {0}×{1} 像素，应该是 28×28。",
        "The file's digits are {0}×{1} pixels; they should be 28×28.",
    );
    pub const DIGITS_CORRUPT: Text =
        Text::new("手写数字文件损坏了，解压不出来。", "The digits file is damaged and cannot be decompressed.");
    pub const DIGITS_LABEL: Text =
        Text::new("文件里第 {0} 个数字的标签是 {1}，不是 0–9。", "Digit {0} of the file has the label {1}, not 0–9.");
    pub const TORCH_UNSUPPORTED: Text = Text::new(
        "第 {0} 层（{1}）在 PyTorch 的 nn.Sequential 里没有对应的单个模块，这个网络不能导出。",
        "Layer {0} ({1}) has no single module in PyTorch's nn.Sequential, so this network cannot be exported.",
    );
    pub const NOT_SAFETENSORS: Text = Text::new(
        "这不是一个能读的 safetensors 文件：文件头读不出来，或者文件不完整。",
        "This is not a readable safetensors file: its header cannot be read, or the file is incomplete.",
    );
    pub const TORCH_MISSING: Text =
        Text::new("文件里没有参数 {0}：它存的是另一个网络。", "The file has no tensor {0}: it holds another network.");
    pub const TORCH_UNEXPECTED: Text = Text::new(
        "文件里多了参数 {0}，这个网络没有它：它存的是另一个网络。",
        "The file has a tensor {0} that this network lacks: it holds another network.",
    );
    pub const TORCH_SHAPE: Text = Text::new(
        "文件里的 {0} 是 {1}，这个网络需要 {2}：它存的是另一个网络。",
        "The file's {0} is {1}; this network needs {2}: it holds another network.",
    );
    pub const TORCH_DTYPE: Text = Text::new(
        "文件里的 {0} 是 {1}，这里只读 32 位浮点数（F32）。",
        "The file's {0} is {1}; only 32-bit floats (F32) are read here.",
    );
    pub const TORCH_STACK: Text =
        Text::new("文件里描述的网络搭不起来：{0}", "The network the file describes cannot be built: {0}");
    pub const TORCH_INPUT: Text = Text::new(
        "文件里的网络读的是 {0} 的输入，不是 28×28 的手写数字。",
        "The file's network reads inputs of {0}, not 28×28 handwritten digits.",
    );
    pub const TORCH_NO_NETWORK: Text = Text::new(
        "文件里没有说它存的是哪个网络，这里也没有可以装它的网络。",
        "The file does not say which network it holds, and there is no network here to load it into.",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::nn::KINDS;

    #[test]
    fn every_layer_kind_and_argument_has_a_name() {
        for kind in KINDS {
            assert_ne!(kind_name(kind.token).en, "?", "{} has no name", kind.token);
            for arg in kind.args {
                assert_ne!(arg_label(arg.key).en, "?", "{}'s {} has no label", kind.token, arg.key);
            }
        }
    }

    /// Latin words a Chinese sentence may carry: names of formats, libraries and symbols.
    const TECHNICAL: &[&str] =
        &["HTTP", "dlnotes", "safetensors", "PyTorch", "nn", "Sequential", "F32", "GAN", "D", "G", "k", "N", "z"];

    /// The Latin words of `text` that are not technical names.
    fn english(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty() && !TECHNICAL.contains(w))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn no_english_reaches_a_chinese_sentence() {
        let stack = engine::nn::Stack::digits("conv:8:3,dense:10").unwrap().infer().unwrap_err();
        let errors = [
            WorkerError::Load(LoadError::Network("TypeError: Failed to fetch".into())),
            WorkerError::Load(LoadError::Status(404)),
            WorkerError::Load(LoadError::Status(500)),
            WorkerError::Load(LoadError::Body("AbortError".into())),
            WorkerError::Load(LoadError::Digits(MnistError::Corrupt("deflate error".into()))),
            WorkerError::Load(LoadError::Digits(MnistError::BadMagic)),
            WorkerError::Load(LoadError::Digits(MnistError::TooShort)),
            WorkerError::Load(LoadError::Digits(MnistError::BadLabel { index: 3, label: 12 })),
            WorkerError::Unreadable("expected value at line 1 column 1".into()),
            WorkerError::Crashed("Uncaught Error: simulated crash".into()),
            WorkerError::Model(TorchError::NotSafetensors("HeaderTooLarge".into())),
            WorkerError::Model(TorchError::Stack(stack)),
            WorkerError::Model(TorchError::Input("3×32×32".into())),
            WorkerError::Model(TorchError::NoNetwork),
            WorkerError::Config(ConfigError::Setting { name: "pseudo".into(), value: 7.0 }),
        ];
        for e in &errors {
            let zh = worker_error(Lang::Zh, e);
            assert_eq!(english(&zh), Vec::<String>::new(), "{zh}");
            assert!(!worker_error(Lang::En, e).is_empty());
        }
        // The browser's own words stay available, folded away.
        assert_eq!(worker_detail(&errors[9]), Some("Uncaught Error: simulated crash"));
        assert_eq!(worker_detail(&errors[1]), None);
        for key in [
            "classes",
            "conditional",
            "d_steps",
            "distance",
            "generated",
            "length",
            "noise",
            "points",
            "pseudo",
            "scale",
            "threshold",
            "train",
            "vocab",
            "dim",
            "window",
            "negatives",
        ] {
            assert!(setting_name(key).is_some(), "{key} has no name");
        }
    }

    #[test]
    fn engine_errors_read_in_both_languages() {
        let e = engine::nn::Stack::digits("conv:8:3,dense:10").unwrap().infer().unwrap_err();
        assert_eq!(
            stack_error(Lang::En, &e),
            "Layer 2: This layer needs a flat vector or a sequence of vectors, but gets an image. Add a flatten layer first."
        );
        assert_eq!(
            stack_error(Lang::Zh, &e),
            "第 2 层：这一层需要一列数（向量）或向量序列，但得到的是图像。先加一个展平层。"
        );
        let out = ConfigError::Output { expected: engine::nn::Shape::Flat(10), got: engine::nn::Shape::Flat(5) };
        assert!(config_error(Lang::Zh, &out).contains("现在输出的是 5"));
        assert!(!worker_error(Lang::Zh, &WorkerError::Config(out)).is_ascii());
    }
}
