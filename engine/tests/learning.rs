//! The training core learns more than digits: a GAN learns a ring of Gaussians, a character
//! LSTM learns real text, and gradient clipping keeps a plain RNN finite where the same run
//! without it diverges. Each test states its seed; the margins are what a student would check.

use std::sync::Arc;

use engine::data::{Assets, SplitSpec};
use engine::nn::Stack;
use engine::tasks::{GanData, GanTask, Samples, TaskReport, TaskSpec, TextTarget, TextTask};
use engine::text::{Doc, Vocab};
use engine::train::{Optimizer, Session, Status, TrainConfig};

/// Twelve Tang poems (public domain), the "short real text" of these tests.
const POEMS: &[&str] = &[
    "床前明月光，疑是地上霜。举头望明月，低头思故乡。",
    "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。",
    "白日依山尽，黄河入海流。欲穷千里目，更上一层楼。",
    "千山鸟飞绝，万径人踪灭。孤舟蓑笠翁，独钓寒江雪。",
    "红豆生南国，春来发几枝。愿君多采撷，此物最相思。",
    "空山不见人，但闻人语响。返景入深林，复照青苔上。",
    "独坐幽篁里，弹琴复长啸。深林人不知，明月来相照。",
    "移舟泊烟渚，日暮客愁新。野旷天低树，江清月近人。",
    "松下问童子，言师采药去。只在此山中，云深不知处。",
    "向晚意不适，驱车登古原。夕阳无限好，只是近黄昏。",
    "北斗七星高，哥舒夜带刀。至今窥牧马，不敢过临洮。",
    "绿蚁新醅酒，红泥小火炉。晚来天欲雪，能饮一杯无。",
];

fn poems() -> Assets {
    Assets { digits: None, poems: Some(Arc::new(POEMS.iter().map(|t| Doc::plain(t)).collect())) }
}

fn char_model(layers: &str, length: usize, train: usize) -> TextTask {
    TextTask {
        body: Stack::parse_layers(layers).unwrap(),
        target: TextTarget::NextChar,
        length,
        split: SplitSpec { train, validation: 0, test: 0, holdout: 0 },
        loss: Default::default(),
        poems: Default::default(),
        vocab: 500,
    }
}

#[test]
fn a_gan_learns_a_ring_of_eight_gaussians() {
    let task = GanTask::plane(GanData::Ring { modes: 8, radius: 1.0, std: 0.05 }, 2, 64);
    let config = TrainConfig {
        task: TaskSpec::Gan(task),
        optimizer: Optimizer::Adam { beta1: 0.5, beta2: 0.999 },
        learning_rate: 1e-3,
        batch_size: 64,
        epochs: 200,
        seed: 3,
        ..TrainConfig::default()
    };
    let mut s = Session::new(config, &Assets::default()).unwrap();
    let distance = |s: &Session| {
        let Some(TaskReport::Gan(Samples::Plane { fake, modes_covered, .. })) = s.report() else { panic!() };
        let mean = fake
            .iter()
            .map(|p| {
                (0..8)
                    .map(|m| {
                        let a = std::f32::consts::TAU * m as f32 / 8.0;
                        ((p[0] - a.cos()).powi(2) + (p[1] - a.sin()).powi(2)).sqrt()
                    })
                    .fold(f32::INFINITY, f32::min)
            })
            .sum::<f32>()
            / fake.len() as f32;
        (mean, modes_covered.unwrap().0)
    };
    let (before, _) = distance(&s);
    let stats = s.train(2000);
    assert_eq!(s.status(), Status::Training);
    assert!(stats.iter().all(|st| st.loss.is_finite()));
    let (after, covered) = distance(&s);
    println!("GAN (seed 3): mean distance to the nearest mode {before:.3} → {after:.3}, {covered}/8 modes covered");
    // The samples start in a blob near the centre, about one radius from every mode; trained,
    // they sit on the ring.
    assert!(before > 0.5, "{before}");
    assert!(after < 0.5 * before, "{before} → {after}");
    assert!(covered >= 3, "{covered} of 8 modes");
    let gan = stats.last().unwrap().gan.unwrap();
    assert!((0.0..=1.0).contains(&gan.d_real) && (0.0..=1.0).contains(&gan.d_fake));
}

#[test]
fn a_character_lstm_learns_real_text() {
    let assets = poems();
    // The task reads the 500 most frequent characters: all of these poems' characters.
    let vocab = Vocab::build(POEMS.iter().copied(), 500).len() as f32;
    let config = TrainConfig {
        task: TaskSpec::Text(char_model("embed:16,lstm:64", 16, 15)),
        optimizer: Optimizer::ADAM,
        learning_rate: 1e-2,
        batch_size: 5,
        epochs: 100,
        seed: 2,
        ..TrainConfig::default()
    };
    let mut s = Session::new(config, &assets).unwrap();
    let stats = s.train(300);
    let first = stats[0].loss;
    let last: f32 = stats[stats.len() - 20..].iter().map(|st| st.loss).sum::<f32>() / 20.0;
    println!("char LSTM (seed 2): loss {first:.3} → {last:.3} (ln vocab = {:.3})", vocab.ln());
    // It starts near ln(vocabulary), a uniform guess, and ends below a third of it.
    assert!((first - vocab.ln()).abs() < 0.5, "{first}");
    assert!(last < first / 3.0, "{first} → {last}");
    let Some(TaskReport::Text(report)) = s.report() else { panic!() };
    let sample = report.sample.unwrap();
    assert_eq!(sample.chars().count(), 24);
}

#[test]
fn clipping_keeps_a_plain_rnn_finite_where_it_otherwise_diverges() {
    let assets = poems();
    // Plain SGD at a learning rate of 1000: unclipped, the first large gradient throws the
    // weights so far that the loss passes 1000 within a few steps. Clipped to norm 0.01, no
    // step moves the weights more than 1000 · 0.01 = 10, and the run learns.
    let run = |clip: Option<f32>| {
        let config = TrainConfig {
            task: TaskSpec::Text(char_model("embed:16,rnn:64", 30, 8)),
            optimizer: Optimizer::Sgd,
            learning_rate: 1000.0,
            batch_size: 4,
            epochs: 1000,
            seed: 1,
            clip,
            ..TrainConfig::default()
        };
        let mut s = Session::new(config, &assets).unwrap();
        let stats = s.train(300);
        (
            s.status(),
            stats.first().map(|st| st.loss).unwrap_or(f32::NAN),
            stats.last().map(|st| st.loss).unwrap_or(f32::NAN),
        )
    };
    let (plain, _, plain_last) = run(None);
    let (clipped, clipped_first, clipped_last) = run(Some(0.01));
    println!(
        "RNN (seed 1, SGD at 1000): unclipped {plain:?} (loss {plain_last}); clipped to 0.01 {clipped:?}, loss {clipped_first:.3} → {clipped_last:.3}"
    );
    assert!(matches!(plain, Status::Diverged { .. }), "{plain:?}");
    assert_eq!(clipped, Status::Training);
    assert!(clipped_last.is_finite() && clipped_last < clipped_first / 2.0, "{clipped_first} → {clipped_last}");
}
