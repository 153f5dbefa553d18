//! The committed digits file is the real MNIST subset it claims to be.

use engine::mnist::{CLASSES, Mnist, PIXELS};

const ASSET: &[u8] = include_bytes!("../../assets/mnist-digits.bin");

#[test]
fn the_asset_holds_ten_thousand_real_digits() {
    let set = Mnist::from_bytes(ASSET).expect("the committed asset parses");
    assert_eq!(set.len(), engine::mnist::SHIPPED);
    let mut counts = [0usize; CLASSES];
    set.labels().iter().for_each(|&l| counts[l as usize] += 1);
    assert_eq!(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // Real handwriting: mostly background, some ink, every digit different from the next.
    for i in (0..set.len()).step_by(97) {
        let ink = set.pixels(i).iter().filter(|&&p| p > 128).count();
        assert!((20..450).contains(&ink), "digit {i} has {ink} inked pixels of {PIXELS}");
        assert_ne!(set.pixels(i), set.pixels(i + 1));
    }
    // A one digit has less ink than a zero on average.
    let mean_ink = |class: u8| {
        let idx: Vec<usize> = (0..set.len()).filter(|&i| set.label(i) == class).collect();
        idx.iter().map(|&i| set.pixels(i).iter().map(|&p| p as usize).sum::<usize>()).sum::<usize>() / idx.len()
    };
    assert!(mean_ink(1) * 2 < mean_ink(0));
}
