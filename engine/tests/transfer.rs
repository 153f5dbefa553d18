//! Transfer learning on real digits: a network trained on digits 0–4 is reused for digits 5–9
//! with few labels; frozen layers stay exactly as they were; pseudo-labelling adds only the
//! digits the source model is sure enough about.

mod common;

use common::{digits as assets, source, target};
use engine::tasks::{Answer, DigitsTask, Domain, Pseudo, Query, Start, Transferred};
use engine::train::{ConfigError, Session, TrainConfig};

fn transferred(s: &Session) -> Transferred {
    let Ok(Answer::Transfer(t)) = s.query(&Query::Transfer) else { panic!() };
    t
}

#[test]
fn frozen_layers_stay_as_they_were_and_the_rest_moves() {
    let assets = assets();
    let kept = source(&assets);
    let run = |freeze: usize| {
        let task = target([5, 6, 7, 8, 9], 20, Start::Kept { name: "source".into(), keep: 7, freeze });
        let mut s =
            Session::with_models(TrainConfig { epochs: 20, ..TrainConfig::digits(task) }, &assets, &kept).unwrap();
        s.train(60);
        transferred(&s)
    };
    let frozen = run(7);
    assert_eq!(frozen.examples, 100, "20 labelled digits of each of five classes");
    assert_eq!(frozen.frozen, [true, true, true, true, true, true, true, false]);
    let changes = frozen.changes.unwrap();
    assert_eq!(changes[0], Some(0.0), "the first convolution is frozen");
    assert_eq!(changes[3], Some(0.0), "the second too");
    assert_eq!(changes[7], None, "the new head has no source to compare with");
    let tuned = run(3).changes.unwrap();
    assert_eq!(tuned[0], Some(0.0));
    assert!(tuned[3].unwrap() > 0.0, "an unfrozen layer moves: {:?}", tuned[3]);
}

#[test]
fn pseudo_labels_join_only_above_the_threshold() {
    let assets = assets();
    let kept = source(&assets);
    // The target: digits 0–4 turned by 30°, five labels a class; the source labels 1,000 more.
    let run = |threshold: f32| {
        let task = DigitsTask {
            domain: Domain::Rotated(30.0),
            pseudo: Some(Pseudo { model: "source".into(), pool: 1000, threshold }),
            ..target([0, 1, 2, 3, 4], 5, Start::Fresh)
        };
        let s = Session::with_models(TrainConfig::digits(task), &assets, &kept).unwrap();
        let t = transferred(&s);
        let p = t.pseudo.unwrap();
        assert_eq!(p.offered, 1000);
        assert_eq!(t.examples, 25 + p.joined);
        p
    };
    let (loose, strict) = (run(0.5), run(0.99));
    let share = |p: engine::tasks::PseudoReport| p.correct as f32 / p.joined.max(1) as f32;
    println!(
        "pseudo-labels on digits turned 30°: threshold 0.5 joins {} ({:.0}% right), 0.99 joins {} ({:.0}% right)",
        loose.joined,
        share(loose) * 100.0,
        strict.joined,
        share(strict) * 100.0
    );
    assert!(strict.joined < loose.joined && strict.joined > 0);
    assert!(share(strict) > share(loose), "surer labels are more often right");
    let beyond = DigitsTask {
        pseudo: Some(Pseudo { model: "source".into(), pool: 10, threshold: 1.01 }),
        ..target([0, 1, 2, 3, 4], 5, Start::Fresh)
    };
    let refused = Session::with_models(TrainConfig::digits(beyond), &assets, &kept).err();
    assert!(matches!(refused, Some(ConfigError::Setting { .. })), "a threshold is a probability");
}
