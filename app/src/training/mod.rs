//! Training off the main thread. The page talks to a Web Worker through a typed protocol
//! (`protocol`): the worker (`worker`, wasm only) hosts a `runner::Runner`, a pure state machine
//! over the engine's training session that is tested natively; the page holds a `client::Trainer`
//! and follows a run through the signals of `run::Run`.

#[cfg(target_arch = "wasm32")]
pub mod client;
pub mod protocol;
pub mod run;
pub mod runner;
#[cfg(target_arch = "wasm32")]
pub mod worker;
