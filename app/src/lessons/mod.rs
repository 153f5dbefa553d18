//! The lesson registry: the one list every page, route, menu and test is built from.
//!
//! A lesson is one file in this folder (or a folder, once it grows) plus one entry in
//! [`LESSONS`].

use leptos::prelude::*;

use crate::i18n::Text;

mod architecture;
mod augmentation;
mod batch_norm;
mod cnn_training;
mod convolution;
mod dropout;
mod focal_loss;
mod gan;
mod hyperparameters;
mod label_smoothing;
mod lr_schedules;
mod lstm;
mod multi_scale;
mod optimizers;
mod parameters;
mod pooling;
mod regularization;
mod rnn;
mod split;
mod text_input;
mod transfer_learning;

/// The parts of the course note, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chapter {
    Dataset,
    Cnn,
    Accuracy,
    Transfer,
    Rnn,
}

impl Chapter {
    pub const ALL: [Chapter; 5] = [Chapter::Dataset, Chapter::Cnn, Chapter::Accuracy, Chapter::Transfer, Chapter::Rnn];

    pub fn title(self) -> Text {
        match self {
            Chapter::Dataset => Text::new("数据集", "Datasets"),
            Chapter::Cnn => Text::new("1 卷积神经网络", "1 Convolutional neural networks"),
            Chapter::Accuracy => Text::new("2 提高CNN准确性", "2 Making CNNs more accurate"),
            Chapter::Transfer => Text::new("3 迁移学习", "3 Transfer learning"),
            Chapter::Rnn => Text::new("4 循环神经网络", "4 Recurrent neural networks"),
        }
    }
}

/// One lesson of the course.
pub struct Lesson {
    /// The lesson's address: `/lessons/<slug>`.
    pub slug: &'static str,
    pub chapter: Chapter,
    pub title: Text,
    /// One sentence for the course map.
    pub blurb: Text,
    /// Renders the lesson.
    pub page: fn() -> AnyView,
    /// Its key points and its summary, which the lesson frame shows first and last.
    pub glance: &'static Glance,
}

/// A lesson at a glance: at most three short key points for its first screen, and three to
/// five bullets to end with. Each lesson keeps its own in its text and registers them here.
pub struct Glance {
    pub key_points: &'static [Text],
    pub summary: &'static [Text],
}

impl Lesson {
    pub fn href(&self) -> String {
        format!("/lessons/{}", self.slug)
    }
}

/// Every lesson of the course, in the note's order.
pub static LESSONS: &[Lesson] = &[
    Lesson {
        slug: "split",
        chapter: Chapter::Dataset,
        title: Text::new(
            "数据集该怎么运用：训练集 / 验证集 / 测试集",
            "Using a dataset: training, validation and test sets",
        ),
        blurb: Text::new(
            "作业、模拟考和高考：为什么不能按测试集挑模型。",
            "Homework, mock exam, final exam: why you must not pick a model by its test score.",
        ),
        page: split::page,
        glance: &split::GLANCE,
    },
    Lesson {
        slug: "convolution",
        chapter: Chapter::Cnn,
        title: Text::new("卷积核、步长与填充", "Kernels, stride and padding"),
        blurb: Text::new(
            "看卷积核在图像上滑动，逐格算出乘积之和。",
            "Watch a kernel slide over an image and add up its products cell by cell.",
        ),
        page: convolution::page,
        glance: &convolution::GLANCE,
    },
    Lesson {
        slug: "parameters",
        chapter: Chapter::Cnn,
        title: Text::new("参数个数计算", "Counting parameters"),
        blurb: Text::new(
            "输出尺寸和参数个数，一步一步算出来。",
            "Output size and parameter count, worked out step by step.",
        ),
        page: parameters::page,
        glance: &parameters::GLANCE,
    },
    Lesson {
        slug: "pooling",
        chapter: Chapter::Cnn,
        title: Text::new("最大池化与感受野", "Max pooling and receptive fields"),
        blurb: Text::new(
            "最大池化与平均池化对比，感受野逐层变大。",
            "Max versus average pooling, and a receptive field that grows layer by layer.",
        ),
        page: pooling::page,
        glance: &pooling::GLANCE,
    },
    Lesson {
        slug: "architecture",
        chapter: Chapter::Cnn,
        title: Text::new("完整架构", "A complete architecture"),
        blurb: Text::new(
            "搭一个网络，逐层看形状和参数。",
            "Stack layers and follow the shape and parameters layer by layer.",
        ),
        page: architecture::page,
        glance: &architecture::GLANCE,
    },
    Lesson {
        slug: "cnn-training",
        chapter: Chapter::Cnn,
        title: Text::new("训练一个卷积神经网络", "Training a CNN"),
        blurb: Text::new(
            "在浏览器里用真实手写数字训练笔记中的网络。",
            "Train the note's network on real handwritten digits, in the browser.",
        ),
        page: cnn_training::page,
        glance: &cnn_training::GLANCE,
    },
    Lesson {
        slug: "dropout",
        chapter: Chapter::Cnn,
        title: Text::new("Dropout（随机失活）", "Dropout"),
        blurb: Text::new(
            "随机关掉神经元，看过拟合怎样减轻。",
            "Switch units off at random and watch over-fitting shrink.",
        ),
        page: dropout::page,
        glance: &dropout::GLANCE,
    },
    Lesson {
        slug: "augmentation",
        chapter: Chapter::Accuracy,
        title: Text::new("数据增强", "Data augmentation"),
        blurb: Text::new(
            "旋转、裁剪、加噪声：让少量数据变多。",
            "Rotate, crop, add noise: make a little data go further.",
        ),
        page: augmentation::page,
        glance: &augmentation::GLANCE,
    },
    Lesson {
        slug: "gan",
        chapter: Chapter::Accuracy,
        title: Text::new("生成对抗网络", "Generative adversarial networks"),
        blurb: Text::new(
            "生成器 G 与判别器 D 的对抗：先在平面上，再在手写数字上。",
            "A generator G against a discriminator D: in the plane, then on handwritten digits.",
        ),
        page: gan::page,
        glance: &gan::GLANCE,
    },
    Lesson {
        slug: "batch-norm",
        chapter: Chapter::Accuracy,
        title: Text::new("批量归一化", "Batch normalization"),
        blurb: Text::new(
            "逐步计算均值、方差、γ 和 β，并对比有无 BN 的训练。",
            "Mean, variance, γ and β step by step, and training with and without BN.",
        ),
        page: batch_norm::page,
        glance: &batch_norm::GLANCE,
    },
    Lesson {
        slug: "regularization",
        chapter: Chapter::Accuracy,
        title: Text::new("L1 / L2 正则化", "L1 / L2 regularization"),
        blurb: Text::new("惩罚项如何让模型不过于复杂。", "How a penalty keeps a model from getting too complex."),
        page: regularization::page,
        glance: &regularization::GLANCE,
    },
    Lesson {
        slug: "lr-schedules",
        chapter: Chapter::Accuracy,
        title: Text::new("学习率调度", "Learning-rate schedules"),
        blurb: Text::new("固定步长衰减、指数衰减与余弦退火。", "Step decay, exponential decay and cosine annealing."),
        page: lr_schedules::page,
        glance: &lr_schedules::GLANCE,
    },
    Lesson {
        slug: "optimizers",
        chapter: Chapter::Accuracy,
        title: Text::new("优化器", "Optimizers"),
        blurb: Text::new("SGD、动量、RMSprop 和 Adam 赛跑。", "SGD, momentum, RMSprop and Adam race each other."),
        page: optimizers::page,
        glance: &optimizers::GLANCE,
    },
    Lesson {
        slug: "label-smoothing",
        chapter: Chapter::Accuracy,
        title: Text::new("标签平滑", "Label smoothing"),
        blurb: Text::new("软标签减少模型的过度自信。", "Soft labels curb over-confidence."),
        page: label_smoothing::page,
        glance: &label_smoothing::GLANCE,
    },
    Lesson {
        slug: "focal-loss",
        chapter: Chapter::Accuracy,
        title: Text::new("焦点损失", "Focal loss"),
        blurb: Text::new(
            "让难分样本主导损失，应对类别不平衡。",
            "Let hard examples dominate the loss to handle class imbalance.",
        ),
        page: focal_loss::page,
        glance: &focal_loss::GLANCE,
    },
    Lesson {
        slug: "multi-scale",
        chapter: Chapter::Accuracy,
        title: Text::new("多尺度特征", "Multi-scale features"),
        blurb: Text::new(
            "金字塔池化读任意大小的数字；浅层与深层特征融合，金字塔卷积。",
            "Pyramid pooling reads digits of any size; early and late features fused; pyramid convolution.",
        ),
        page: multi_scale::page,
        glance: &multi_scale::GLANCE,
    },
    Lesson {
        slug: "hyperparameters",
        chapter: Chapter::Accuracy,
        title: Text::new("超参数优化", "Hyperparameter search"),
        blurb: Text::new(
            "七个超参数各自的影响；网格、随机、贝叶斯、进化与 Hyperband 同台比较。",
            "Each of seven hyperparameters; grid, random, Bayesian, evolution and Hyperband side by side.",
        ),
        page: hyperparameters::page,
        glance: &hyperparameters::GLANCE,
    },
    Lesson {
        slug: "transfer-learning",
        chapter: Chapter::Transfer,
        title: Text::new("迁移学习", "Transfer learning"),
        blurb: Text::new(
            "在 0–4 上学到的特征，用很少的标签认 5–9：冻结、微调与伪标签。",
            "Features learned on 0–4 reused for 5–9 with few labels: freezing, fine-tuning, pseudo-labels.",
        ),
        page: transfer_learning::page,
        glance: &transfer_learning::GLANCE,
    },
    Lesson {
        slug: "text-input",
        chapter: Chapter::Rnn,
        title: Text::new("文字该如何输入", "Feeding text to a network"),
        blurb: Text::new(
            "独热编码、词哈希、在古诗上学出的字向量；CNN 标出句子里的地点和时间。",
            "One-hot codes, word hashing, character vectors learned from poems; a CNN that tags places and times.",
        ),
        page: text_input::page,
        glance: &text_input::GLANCE,
    },
    Lesson {
        slug: "rnn",
        chapter: Chapter::Rnn,
        title: Text::new("RNN 概述与四种结构", "Recurrent networks and their four shapes"),
        blurb: Text::new(
            "同一个单元逐字读诗；一对多、多对一、多对多各训练一个真实任务；梯度裁剪。",
            "One cell reading a poem step by step; one-to-many, many-to-one and many-to-many each trained on a real task; gradient clipping.",
        ),
        page: rnn::page,
        glance: &rnn::GLANCE,
    },
    Lesson {
        slug: "lstm",
        chapter: Chapter::Rnn,
        title: Text::new("LSTM 的门", "The LSTM's gates"),
        blurb: Text::new(
            "一个会写五言绝句的 LSTM，逐步看它的遗忘门、输入门、输出门和记忆；长距离记忆上与 RNN 对比。",
            "An LSTM that writes five-character quatrains, its forget, input and output gates and memory step by step; against an RNN on long-range memory.",
        ),
        page: lstm::page,
        glance: &lstm::GLANCE,
    },
];

/// The lesson at `slug`.
pub fn find(slug: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.slug == slug)
}

/// The lessons before and after `slug`, for ←/→ and the prev/next links.
pub fn neighbours(slug: &str) -> (Option<&'static Lesson>, Option<&'static Lesson>) {
    let Some(i) = LESSONS.iter().position(|l| l.slug == slug) else { return (None, None) };
    (i.checked_sub(1).map(|j| &LESSONS[j]), LESSONS.get(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{Query, survives};

    type Fuzz = fn(&Query) -> Result<Vec<&'static str>, String>;

    /// Every lesson's state reader, by slug.
    const STATES: [(&str, Fuzz); 21] = [
        ("split", survives::<split::State>),
        ("convolution", survives::<convolution::State>),
        ("parameters", survives::<parameters::State>),
        ("pooling", survives::<pooling::State>),
        ("architecture", survives::<architecture::State>),
        ("cnn-training", survives::<cnn_training::State>),
        ("dropout", survives::<dropout::State>),
        ("augmentation", survives::<augmentation::State>),
        ("gan", survives::<gan::State>),
        ("batch-norm", survives::<batch_norm::State>),
        ("regularization", survives::<regularization::State>),
        ("lr-schedules", survives::<lr_schedules::State>),
        ("optimizers", survives::<optimizers::State>),
        ("label-smoothing", survives::<label_smoothing::State>),
        ("focal-loss", survives::<focal_loss::State>),
        ("multi-scale", survives::<multi_scale::State>),
        ("hyperparameters", survives::<hyperparameters::State>),
        ("transfer-learning", survives::<transfer_learning::State>),
        ("text-input", survives::<text_input::State>),
        ("rnn", survives::<rnn::State>),
        ("lstm", survives::<lstm::State>),
    ];

    /// Values a mangled link may carry: wrong types, huge, negative and non-finite numbers,
    /// empty, very long, half-decoded percent-encoding, other scripts.
    fn mangled(rng: &mut engine::rng::Rng, good: &str) -> String {
        let pick = |rng: &mut engine::rng::Rng, options: &[&str]| options[rng.below(options.len())].to_string();
        match rng.below(10) {
            0 => pick(rng, &["", " ", "NaN", "nan", "inf", "-inf", "Infinity", "null", "undefined", "true"]),
            1 => pick(
                rng,
                &["-1", "-0", "0", "1e309", "-1e309", "1e-320", "99999999999999999999", "4294967296", "0x10", "1_000"],
            ),
            2 => pick(rng, &["%", "%E6%", "%zz", "%00", "%F0%9F%98", "a%2", "%25%25", "\u{0}", "%C0%AF", "+"]),
            3 => "9".repeat(1 + rng.below(5000)),
            4 => "春".repeat(1 + rng.below(3000)),
            5 => pick(rng, &["abc", "一二三", "３２", "−5", "٣", "1,2,,3", ":::", "conv:", "[|]", "<script>"]),
            6 => format!("{good}{}", pick(rng, &["x", ".5", "0", "%", ",", " ", "e"])),
            7 => good.chars().rev().collect(),
            8 => format!("-{good}"),
            _ => good.chars().take(rng.below(good.chars().count() + 1)).collect(),
        }
    }

    #[test]
    fn every_lesson_survives_a_thousand_mangled_links() {
        const SEED: u64 = 20_261_202;
        const PER_LESSON: usize = 60;
        let slugs: Vec<&str> = STATES.iter().map(|(s, _)| *s).collect();
        assert_eq!(slugs, LESSONS.iter().map(|l| l.slug).collect::<Vec<_>>(), "one reader per lesson, in order");
        let mut rng = engine::rng::Rng::new(SEED);
        let mut cases = 0;
        for (slug, fuzz) in STATES {
            let keys =
                fuzz(&Query::from_pairs([])).unwrap_or_else(|e| panic!("{slug}: the defaults do not survive: {e}"));
            let defaults: Vec<(&str, String)> = {
                // The default values, to mutate from.
                let q = Query::from_pairs([]);
                keys.iter().map(|k| (*k, q.text(k, ""))).collect()
            };
            for case in 0..PER_LESSON {
                let mut pairs: Vec<(String, String)> = Vec::new();
                for _ in 0..1 + rng.below(6) {
                    let key = match rng.below(8) {
                        0 => "zz-unknown".to_string(),
                        1 => String::new(),
                        _ if keys.is_empty() => "x".to_string(),
                        _ => keys[rng.below(keys.len())].to_string(),
                    };
                    let good = defaults.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone()).unwrap_or_default();
                    // Repeated keys happen: the last one wins, as in the browser.
                    pairs.push((key, mangled(&mut rng, &good)));
                }
                let query = Query::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                if let Err(e) = fuzz(&query) {
                    panic!("{slug}, case {case} (seed {SEED}): {pairs:?}: {e}");
                }
                cases += 1;
            }
        }
        println!("mangled links: {cases} cases over {} lessons, seed {SEED}", STATES.len());
        assert!(cases >= 1000);
    }

    #[test]
    fn every_lesson_of_the_note_is_listed_once_with_an_address_and_both_languages() {
        assert_eq!(LESSONS.len(), 21, "the note has 21 topics");
        let mut slugs: Vec<&str> = LESSONS.iter().map(|l| l.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), LESSONS.len(), "a slug is listed twice");
        for lesson in LESSONS {
            assert!(
                lesson.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not a clean address",
                lesson.slug
            );
            assert!(std::ptr::eq(find(lesson.slug).unwrap(), lesson));
            for text in [lesson.title, lesson.blurb] {
                assert!(!text.zh.is_empty() && !text.en.is_empty(), "{} lacks a translation", lesson.slug);
            }
        }
        // Chapters never interleave, and come in the note's order: the course map groups
        // lessons as the note does.
        let mut order: Vec<Chapter> = LESSONS.iter().map(|l| l.chapter).collect();
        order.dedup();
        assert_eq!(order, Chapter::ALL);
        // Within a chapter, the note's order: kernels before parameters before pooling before
        // the complete architecture, and RNNs before LSTMs.
        let at = |slug: &str| LESSONS.iter().position(|l| l.slug == slug).unwrap();
        assert!(
            at("convolution") < at("parameters")
                && at("parameters") < at("pooling")
                && at("pooling") < at("architecture")
        );
        assert!(at("text-input") < at("rnn") && at("rnn") < at("lstm"));
    }

    #[test]
    fn neighbours_are_the_adjacent_lessons() {
        let ready: Vec<&str> = LESSONS.iter().map(|l| l.slug).collect();
        for (i, slug) in ready.iter().enumerate() {
            let (prev, next) = neighbours(slug);
            assert_eq!(prev.map(|l| l.slug), i.checked_sub(1).map(|j| ready[j]));
            assert_eq!(next.map(|l| l.slug), ready.get(i + 1).copied());
        }
        assert_eq!(neighbours("parameters").0.map(|l| l.slug), Some("convolution"));
        assert!(matches!(neighbours("no-such-lesson"), (None, None)));
    }
}
