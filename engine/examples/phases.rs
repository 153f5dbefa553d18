//! Where one training step of the benchmark's run goes, natively: see `engine::train::phases`.
//! One JSON line for burn's path and one for the fused convolution blocks.
//!
//! `cargo run --release -p engine --example phases`

use std::sync::Arc;
use std::time::Instant;

use burn::prelude::Device;
use engine::mnist::Mnist;
use engine::train::phases;

fn main() {
    let data = Arc::new(Mnist::from_bytes(include_bytes!("../../assets/mnist-digits.bin")).expect("the digits asset"));
    let start = Instant::now();
    let mut now = || start.elapsed().as_secs_f64() * 1000.0;
    for fused in [false, true] {
        let measured = phases::measure(&data, &Device::flex().autodiff(), fused, &mut now);
        println!("{}", phases::json_line(&measured, fused, "native"));
    }
}
