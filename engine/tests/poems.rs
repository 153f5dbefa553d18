//! The shipped poems and every sequence task on them: the file reads and checks, each task
//! trains briefly and beats the input-blind baseline a student would compare it with. (The
//! longer measurements behind the lessons' tables are probes: `examples/probes.rs`.)

mod common;

use common::{POEMS as ASSET, poems as assets, text_session as session, text_task as task};
use engine::data::{Assets, Part, SplitSpec};
use engine::nn::Stack;
use engine::tasks::{Answer, Poems, Query, RECALL_KEYS, TaskReport, TaskSpec, TextTarget};
use engine::text::{Tone, read_poems};
use engine::train::{Optimizer, Session, TrainConfig, f1_scores};

fn baseline(s: &Session) -> engine::tasks::Baseline {
    let Some(TaskReport::Text(r)) = s.report() else { panic!("a text task reports") };
    r.baseline
}

const SMALL: SplitSpec = SplitSpec { train: 2000, validation: 400, test: 0, holdout: 0 };

#[test]
fn the_shipped_poems_are_simplified_with_aligned_tones() {
    let docs = read_poems(ASSET).unwrap();
    let shi = docs.iter().filter(|d| d.form == 0).count();
    assert_eq!((shi, docs.len() - shi), (8000, 4000));
    let quatrains = docs.iter().filter(|d| Poems::Quatrains.keeps(d)).count();
    assert!(quatrains > 3500, "{quatrains} five-character quatrains");
    for d in docs.iter().filter(|d| d.form == 0) {
        assert_eq!(d.tones.len(), d.text.chars().count(), "{}", d.title);
        for (c, t) in d.text.chars().zip(&d.tones) {
            assert_eq!(matches!(c, '，' | '。'), *t == Tone::None, "{} in {}", c, d.text);
        }
    }
    // OpenCC's t2s turned the Tang poems' traditional characters into simplified ones.
    let text: String = docs.iter().map(|d| d.text.as_str()).collect();
    for traditional in ['風', '來', '東', '時', '無', '門'] {
        assert!(!text.contains(traditional), "{traditional} is traditional");
    }
    assert!(text.contains('风') && text.contains('来'));
}

#[test]
fn the_form_classifier_beats_the_majority_class() {
    let spec = task(TextTarget::Form, Poems::All, "embed:16,rnn:32,last", 32, SMALL, 1500);
    // The lesson's learning rate: at 1e-2 this RNN is on the edge of diverging, and whether it
    // learns depended on the machine (64.5%, below the majority class, on one; it passed on others).
    let mut s = session(spec, 5e-3, 32, 1);
    let base = baseline(&s);
    s.train(400);
    let e = s.evaluate(Part::Validation);
    println!(
        "shi or ci: validation {:.1}% against the majority class {:.1}%",
        e.accuracy * 100.0,
        base.accuracy * 100.0
    );
    assert!(e.accuracy > base.accuracy + 0.1, "{} vs {}", e.accuracy, base.accuracy);
    // Reading a line step by step: one hidden state and one verdict per character.
    let Ok(Answer::Read(r)) = s.query(&Query::Read { text: "床前明月光，疑是地上霜。".into() }) else {
        panic!()
    };
    assert_eq!((r.chars.len(), r.cells.len(), r.outputs.len()), (12, 12, 12));
    assert_eq!(r.cells[0].h.len(), 32);
    assert!(r.outputs.iter().all(|p| (p.iter().sum::<f32>() - 1.0).abs() < 1e-4));
    // The marks only ci use are read as the marks both use: no verdict can rest on them.
    let read = |text: &str| {
        let Ok(Answer::Read(r)) = s.query(&Query::Read { text: text.into() }) else { panic!() };
        r
    };
    let (asked, told) = (read("白日依山尽？黄河入海流！"), read("白日依山尽。黄河入海流。"));
    assert_eq!(asked.chars.iter().collect::<String>(), "白日依山尽。黄河入海流。");
    assert_eq!(asked.outputs, told.outputs);
}

#[test]
fn the_punctuation_of_ci_would_give_the_form_away_and_is_shared_for_the_form_task() {
    // In the shipped poems the shi use only "，。", while many ci end with "、？！".
    let docs = read_poems(ASSET).unwrap();
    let tail = |d: &engine::text::Doc| d.text.chars().rev().take(32).collect::<String>();
    let marked = |t: &str| t.contains(['、', '？', '！']);
    let shi = docs.iter().filter(|d| d.form == 0).filter(|d| marked(&tail(d))).count();
    let ci: Vec<_> = docs.iter().filter(|d| d.form == 1).collect();
    let ci_marked = ci.iter().filter(|d| marked(&tail(d))).count();
    println!(
        "ci with 、？！ in their last 32 characters: {ci_marked} of {} ({:.1}%); shi: {shi}",
        ci.len(),
        ci_marked as f32 / ci.len() as f32 * 100.0
    );
    assert_eq!(shi, 0);
    assert!(ci_marked * 5 > ci.len(), "{ci_marked} of {}", ci.len());
    assert!(docs.iter().all(|d| !marked(&engine::text::shared_punctuation(&d.text))));
    let quatrains = docs.iter().filter(|d| Poems::Quatrains.keeps(d)).count();
    println!("five-character quatrains by Poems::Quatrains: {quatrains}");
}

#[test]
fn the_tone_tagger_beats_the_majority_tone() {
    let spec = task(TextTarget::Tones, Poems::Shi, "embed:32,lstm:32", 24, SMALL, 1500);
    let mut s = session(spec, 1e-2, 32, 1);
    let base = baseline(&s);
    s.train(150);
    let e = s.evaluate(Part::Validation);
    println!("平仄: validation {:.1}% against the majority tone {:.1}%", e.accuracy * 100.0, base.accuracy * 100.0);
    assert!(e.accuracy > base.accuracy + 0.05, "{} vs {}", e.accuracy, base.accuracy);
    let Ok(Answer::Read(r)) = s.query(&Query::Read { text: "白日依山尽".into() }) else { panic!() };
    assert_eq!(r.cells[0].forget.len(), 32, "an LSTM shows its gates");
    assert_eq!(r.outputs[0].len(), 2);
}

#[test]
fn a_character_lstm_beats_the_unigram_model_on_held_out_quatrains() {
    let split = SplitSpec { train: 2400, validation: 300, test: 0, holdout: 0 };
    let spec = task(TextTarget::NextChar, Poems::Quatrains, "embed:32,lstm:64", 24, split, 1500);
    let mut s = session(spec, 1e-2, 32, 1);
    let base = baseline(&s);
    s.train(200);
    let e = s.evaluate(Part::Validation);
    println!("char LSTM: validation cross-entropy {:.3} against the unigram model {:.3}", e.loss, base.loss);
    assert!(e.loss < base.loss - 0.1, "{} vs {}", e.loss, base.loss);
    let Ok(Answer::Written(w)) = s.query(&Query::Write { prompt: "春".into(), length: 23, temperature: 0.8, seed: 4 })
    else {
        panic!()
    };
    assert_eq!(w.chars().count(), 23);
    // Along W_hh: without the recurrence (s = 0) the trained network predicts worse.
    let Ok(Answer::AlongRecurrence(along)) = s.query(&Query::AlongRecurrence { scales: vec![0.0, 1.0, 2.0] }) else {
        panic!()
    };
    let points = along.points;
    assert_eq!(points.len(), 3);
    assert!(along.sigma.is_finite() && along.sigma > 0.0, "{}", along.sigma);
    assert!(points[1].1 < points[0].1, "{points:?}");
}

#[test]
fn the_title_writer_reads_a_poem_and_writes_after_the_mark() {
    let spec = task(TextTarget::Title, Poems::FiveCharacter, "embed:32,lstm:64", 56, SMALL, 1500);
    let mut s = session(spec, 1e-2, 32, 1);
    let base = baseline(&s);
    s.train(120);
    let e = s.evaluate(Part::Validation);
    println!(
        "titles: validation {:.1}% of title characters, unigram {:.1}%",
        e.accuracy * 100.0,
        base.accuracy * 100.0
    );
    assert!(e.loss < base.loss, "{} vs {}", e.loss, base.loss);
    let Some(TaskReport::Text(r)) = s.report() else { panic!() };
    assert_eq!(r.titles.len(), 3);
    assert!(r.titles.iter().all(|t| t.written.chars().count() <= 7 && !t.title.is_empty()));
}

#[test]
fn the_recall_task_is_chance_for_an_untrained_model_and_learned_at_a_short_distance() {
    let split = SplitSpec { train: 3000, validation: 500, test: 0, holdout: 0 };
    let spec = task(TextTarget::Recall { distance: 5 }, Poems::All, "embed:16,lstm:32,last", 6, split, 1500);
    let mut s = session(spec, 1e-2, 32, 1);
    let before = s.evaluate(Part::Validation).accuracy;
    s.train(300);
    let after = s.evaluate(Part::Validation).accuracy;
    println!("recall after 5 characters (LSTM): {:.1}% → {:.1}%", before * 100.0, after * 100.0);
    assert!(before < 0.25 && after > 0.9, "{before} → {after}");
    let Ok(Answer::Read(r)) = s.query(&Query::Read { text: "秋风吹不尽".into() }) else { panic!() };
    assert_eq!(r.outputs.last().unwrap().len(), RECALL_KEYS.len());
}

fn skipgram_session(steps: usize) -> (Session, engine::tasks::EmbeddingReport) {
    let config = TrainConfig {
        task: TaskSpec::Skipgram(engine::tasks::SkipgramTask::default()),
        optimizer: Optimizer::ADAM,
        learning_rate: 1e-2,
        batch_size: 256,
        epochs: 1000,
        seed: 1,
        ..TrainConfig::default()
    };
    let mut s = Session::new(config, &assets()).unwrap();
    s.train(steps);
    let Some(TaskReport::Embedding(r)) = s.report() else { panic!("the skip-gram task reports its pairs") };
    (s, r)
}

#[test]
fn skipgram_vectors_bring_related_characters_together() {
    let steps: usize = std::env::var("SKIPGRAM_STEPS").ok().and_then(|v| v.parse().ok()).unwrap_or(1500);
    let (s, r) = skipgram_session(steps);
    let e = s.evaluate(Part::Validation);
    let mean = r.pairs.iter().map(|p| p.cosine).sum::<f32>() / r.pairs.len() as f32;
    let pairs: Vec<String> = r.pairs.iter().map(|p| format!("{}{} {:.2}", p.a, p.b, p.cosine)).collect();
    println!(
        "skip-gram, {steps} steps: {}; mean {mean:.2}, random pairs {:.2}; held-out neighbour first among 6: {:.1}%",
        pairs.join(", "),
        r.random,
        e.accuracy * 100.0
    );
    assert_eq!(r.pairs.len(), 10);
    assert!(mean > r.random + 0.15, "{mean} vs {}", r.random);
    assert!(e.accuracy > 0.25, "chance is 1/6: {}", e.accuracy);
    let Ok(Answer::Neighbours(n)) = s.query(&Query::Neighbours { character: '山', count: 8 }) else { panic!() };
    assert_eq!(n.len(), 8);
    assert!(n.windows(2).all(|w| w[0].cosine >= w[1].cosine));
    let Ok(Answer::Map(m)) = s.query(&Query::Map { count: 60, include: "山峰岭".into() }) else { panic!() };
    assert!((60..=62).contains(&m.len()), "{}", m.len());
    assert!(m.iter().any(|p| p.c == '岭'));
}

fn slot_tagger(layers: &str, steps: usize) -> Session {
    let config = TrainConfig {
        task: TaskSpec::Slots(engine::tasks::SlotTask { body: Stack::parse_layers(layers).unwrap(), train: 2000 }),
        optimizer: Optimizer::ADAM,
        learning_rate: 1e-2,
        batch_size: 32,
        epochs: 1000,
        seed: 1,
        ..TrainConfig::default()
    };
    let mut s = Session::new(config, &Assets::default()).unwrap();
    s.train(steps);
    s
}

#[test]
fn context_tags_unseen_place_names_where_a_lookup_cannot() {
    let lookup = slot_tagger("embed:32,dense:32,relu", 300);
    let cnn = slot_tagger("embed:32,conv1d:64:3:1,relu,conv1d:64:3:1,relu", 300);
    let scores = |s: &Session, part: Part| f1_scores(&s.evaluate(part).confusion, 3);
    let (l, c) = (scores(&lookup, Part::Test), scores(&cnn, Part::Test));
    println!(
        "slots, unseen names in unseen templates, F1 other/place/time: lookup {:.2}/{:.2}/{:.2}, CNN {:.2}/{:.2}/{:.2}",
        l[0], l[1], l[2], c[0], c[1], c[2]
    );
    let (lv, cv) = (scores(&lookup, Part::Validation), scores(&cnn, Part::Validation));
    println!("slots, unseen names in training templates, F1 place: lookup {:.2}, CNN {:.2}", lv[1], cv[1]);
    assert!(c[1] > l[1] + 0.3, "place F1 {} vs {}", c[1], l[1]);
    let Ok(Answer::Tagged(t)) = cnn.query(&Query::Tag { text: "book a flight to Oslo tomorrow".into() }) else {
        panic!()
    };
    assert_eq!(t.tokens.len(), 6);
    assert_eq!(t.known, [true, true, true, true, true, true]);
    let place = t.probabilities[4][1];
    assert!(place > 0.5, "oslo is a place: {place}");
}
