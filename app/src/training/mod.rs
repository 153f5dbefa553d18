//! Training off the main thread. The page talks to a Web Worker through a typed protocol
//! (`protocol`): the worker (`worker`, wasm only) hosts a `runner::Runner`, a pure state machine
//! over the engine's sessions that is tested natively; the page holds a `client::Trainer` and
//! follows its job through `job::JobState`, which only the worker's reports write; `chain` runs
//! a job in two parts (a first run kept as a model, then a job that uses it).

pub mod chain;
#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod job;
pub mod protocol;
pub mod runner;
pub mod search;
#[cfg(target_arch = "wasm32")]
pub mod worker;
