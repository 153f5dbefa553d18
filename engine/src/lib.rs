//! The dlnotes engine: the arithmetic, datasets, models and training loops behind every lesson.
//!
//! **Invariant: the engine never touches the DOM, the clock or the network.** Everything random
//! takes a seed, so a lesson replays exactly and every result here is tested natively.

pub mod augment;
pub mod backend;
pub mod conv;
pub mod data;
pub mod loss;
pub mod mnist;
pub mod nn;
pub mod norm;
pub mod pool;
pub mod race;
pub mod regression;
pub mod rng;
pub mod schedule;
pub mod search;
pub mod selection;
pub mod tasks;
pub mod text;
pub mod train;
