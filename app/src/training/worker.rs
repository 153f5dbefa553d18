//! The Web Worker's glue: loads the digits and the poems, turns messages into [`Runner`] commands, and trains
//! in slices of about 30 ms, yielding between slices so that pause, step and new settings are
//! handled at once. Progress therefore reaches the page about 30 times a second at most.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use engine::data::Assets;
use engine::mnist::Mnist;
use engine::text::read_poems;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

use super::protocol::{FromWorker, Report, RunId, ToWorker, WorkerError, decode, encode};
use super::runner::Runner;

/// How long one slice of training may run before the worker listens again.
const SLICE_MS: f64 = 30.0;

#[derive(Default)]
struct State {
    /// Present once the digits are loaded. The page holds its commands back until it hears
    /// `Ready` (see `client::Trainer`), so none arrive before.
    runner: Option<Runner>,
    driving: bool,
}

type Shared = Rc<RefCell<State>>;

/// Installs the message handler and starts loading the digits.
pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let state: Shared = Rc::default();
    let on_message = {
        let (state, scope) = (state.clone(), scope.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(text) = ev.data().as_string() else { return };
            match decode::<ToWorker>(&text) {
                Ok(command) => on_command(&state, &scope, command),
                Err(e) => post(&scope, &error(WorkerError::Unreadable(e))),
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    spawn_local(async move {
        // The digits are required; without the poems (missing or damaged) the worker still
        // trains digits, and a text job says the poems are missing.
        let digits = crate::web::fetch_bytes(crate::data::DIGITS_URL).await;
        let poems = crate::web::fetch_bytes(crate::data::POEMS_URL).await;
        let loaded = digits.and_then(|bytes| Mnist::from_bytes(&bytes).map_err(crate::data::LoadError::Digits));
        let poems = poems.ok().and_then(|bytes| read_poems(&bytes).ok()).map(Arc::new);
        match loaded {
            Ok(data) => {
                let runner = Runner::new(Assets { digits: Some(Arc::new(data)), poems });
                post(&scope, &runner.ready());
                state.borrow_mut().runner = Some(runner);
            }
            Err(e) => post(&scope, &error(WorkerError::Load(e))),
        }
    });
}

fn error(e: WorkerError) -> FromWorker {
    FromWorker { run: RunId::default(), lane: 0, body: Report::Error(e) }
}

fn post(scope: &DedicatedWorkerGlobalScope, message: &FromWorker) {
    let _ = scope.post_message(&JsValue::from_str(&encode(message)));
}

fn on_command(state: &Shared, scope: &DedicatedWorkerGlobalScope, command: ToWorker) {
    let Some(replies) = state.borrow_mut().runner.as_mut().map(|runner| runner.handle(command)) else { return };
    replies.iter().for_each(|m| post(scope, m));
    drive(state, scope);
}

/// Starts the training loop unless it is already running or there is nothing to do.
fn drive(state: &Shared, scope: &DedicatedWorkerGlobalScope) {
    {
        let mut st = state.borrow_mut();
        if st.driving || !st.runner.as_ref().is_some_and(Runner::busy) {
            return;
        }
        st.driving = true;
    }
    let (state, scope) = (state.clone(), scope.clone());
    spawn_local(async move {
        let yielder = Yielder::new();
        let performance = scope.performance();
        let mut now = move || performance.as_ref().map_or_else(js_sys::Date::now, |p| p.now());
        loop {
            let messages = {
                let mut st = state.borrow_mut();
                match st.runner.as_mut() {
                    Some(runner) if runner.busy() => runner.work(&mut now, SLICE_MS),
                    _ => break,
                }
            };
            messages.iter().for_each(|m| post(&scope, m));
            yielder.yield_now().await;
        }
        state.borrow_mut().driving = false;
    });
}

/// Yields to the worker's event loop without the 4 ms clamp of `setTimeout`: a message posted
/// to ourselves through a `MessageChannel` runs after any pending commands.
struct Yielder {
    channel: MessageChannel,
    resolve: Rc<RefCell<Option<js_sys::Function>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
}

impl Yielder {
    fn new() -> Self {
        let channel = MessageChannel::new().expect("workers have MessageChannel");
        let resolve: Rc<RefCell<Option<js_sys::Function>>> = Rc::default();
        let on_message = {
            let resolve = resolve.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |_| {
                if let Some(f) = resolve.borrow_mut().take() {
                    let _ = f.call0(&JsValue::NULL);
                }
            })
        };
        channel.port2().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Self { channel, resolve, _on_message: on_message }
    }

    async fn yield_now(&self) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            *self.resolve.borrow_mut() = Some(resolve);
        });
        let _ = self.channel.port1().post_message(&JsValue::NULL);
        let _ = JsFuture::from(promise).await;
    }
}
