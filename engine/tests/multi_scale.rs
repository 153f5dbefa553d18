//! Multi-scale features: spatial pyramid pooling gives a vector whose length depends only on the
//! channels and the levels, with the values a hand computation gives; a network with it reads
//! digits of any size and, trained on mixed sizes, scores at each; the note's plain CNN reads
//! one size only, and says where it breaks.

use std::sync::Arc;

use burn::prelude::*;
use engine::backend::Backend;
use engine::data::{Assets, SplitSpec};
use engine::mnist::Mnist;
use engine::nn::{Mismatch, Net, Shape, Stack, Value};
use engine::tasks::{Answer, DigitsTask, Query, ScaleScore};
use engine::train::{Session, TrainConfig};

const ASSET: &[u8] = include_bytes!("../../assets/mnist-digits.bin");

fn image(side: usize) -> Shape {
    Shape::Volume { height: side, width: side, channels: 1 }
}

#[test]
fn pyramid_pooling_matches_a_hand_computation() {
    let device = Backend::Flex.inference_device().unwrap();
    let stack = Stack { input: image(4), layers: Stack::parse_layers("spp:1:2:4").unwrap() };
    let net = Net::seeded(&stack, 1, &device).unwrap();
    // The map 0, 1, …, 15 row by row.
    let x =
        Tensor::<4>::from_data(TensorData::new((0..16).map(|v| v as f32).collect::<Vec<f32>>(), [1, 1, 4, 4]), &device);
    let v: Vec<f32> = net.infer(Value::Image(x)).into_rows().try_into_vec_as().unwrap();
    let mut hand = vec![15.0, 5.0, 7.0, 13.0, 15.0];
    hand.extend((0..16).map(|v| v as f32));
    assert_eq!(v, hand, "1×1: the maximum; 2×2: each quarter's; 4×4: every cell");
    // Length: channels × (1 + 4 + 16), whatever the map's size.
    for side in [6, 13, 28] {
        let s =
            Stack { input: Shape::Volume { height: side, width: side, channels: 50 }, layers: stack.layers.clone() };
        assert_eq!(s.output().unwrap(), Shape::Flat(50 * 21));
    }
}

#[test]
fn the_plain_cnn_reads_one_size_and_the_pyramid_network_any() {
    let plain = Stack::note_cnn();
    assert_eq!(plain.mismatch(image(28)), None);
    // 36×36 → 34 → 17 → 15 → 7: flatten gives 50·7·7 = 2450 values, the dense layer was built for 50·5·5.
    assert_eq!(
        plain.mismatch(image(36)),
        Some(Mismatch { layer: 7, expected: Shape::Flat(1250), got: Some(Shape::Flat(2450)) })
    );
    let pyramid = Stack::digits("conv:25:3,relu,pool:2,conv:50:3,relu,spp:1:2:4,dense:10").unwrap();
    for side in [20, 28, 36, 40] {
        assert_eq!(pyramid.mismatch(image(side)), None, "{side}");
    }
}

#[test]
fn a_pyramid_network_trained_on_mixed_sizes_scores_at_each() {
    let assets = Assets::digits(Arc::new(Mnist::from_bytes(ASSET).unwrap()));
    let split = SplitSpec { train: 2000, validation: 0, test: 1000, holdout: 0 };
    let pyramid = Stack::digits("conv:25:3,relu,pool:2,conv:50:3,relu,spp:1:2:4,dense:10").unwrap();
    let task = DigitsTask { scales: vec![20, 28, 36], ..DigitsTask::new(pyramid, split) };
    let mut s = Session::new(TrainConfig { epochs: 2, ..TrainConfig::digits(task) }, &assets).unwrap();
    s.train(usize::MAX);
    let sizes = vec![20, 28, 36];
    let Ok(Answer::Scales(scores)) = s.query(&Query::Scales { sizes: sizes.clone(), back_to: None }) else { panic!() };
    println!("pyramid network, 2 epochs on 2,000 digits at 20/28/36: {scores:?}");
    assert!(scores.iter().all(|s| s.accuracy.unwrap() > 0.8), "{scores:?}");
    let plain = DigitsTask::new(Stack::note_cnn(), split);
    let s = Session::new(TrainConfig { epochs: 1, ..TrainConfig::digits(plain) }, &assets).unwrap();
    let Ok(Answer::Scales(scores)) = s.query(&Query::Scales { sizes: sizes.clone(), back_to: None }) else { panic!() };
    assert_eq!(scores[2], ScaleScore { size: 36, accuracy: None }, "the plain CNN cannot read 36×36");
    assert!(scores[1].accuracy.is_some());
    let Ok(Answer::Scales(resized)) = s.query(&Query::Scales { sizes, back_to: Some(28) }) else { panic!() };
    assert!(resized.iter().all(|s| s.accuracy.is_some()), "resized back to 28×28 it reads them all");
    let bad = DigitsTask { scales: vec![36], ..DigitsTask::new(Stack::note_cnn(), split) };
    assert!(Session::new(TrainConfig::digits(bad), &assets).is_err(), "training the plain CNN at 36×36 is refused");
}
