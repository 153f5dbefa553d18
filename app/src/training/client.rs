//! The page's side of the training worker: spawns it, queues commands until it is ready, hands
//! every report to the lesson, and terminates it (freeing its memory) when dropped.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, MessageEvent, Worker};

use super::protocol::{FromWorker, Report, ToWorker, WorkerError, decode, encode};

/// The worker bundle's loader, written by trunk next to `index.html`.
const WORKER_URL: &str = "/worker_loader.js";

/// A handle on the training worker. Dropping it terminates the worker.
pub struct Trainer {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    queue: Rc<RefCell<Vec<ToWorker>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Trainer {
    /// Starts a worker. `on_message` receives every report; `on_failure` is told if the worker
    /// dies or sends something the page cannot read.
    pub fn spawn(
        on_message: impl Fn(FromWorker) + 'static,
        on_failure: impl Fn(WorkerError) + 'static,
    ) -> Result<Trainer, WorkerError> {
        let worker = Worker::new(WORKER_URL).map_err(|e| WorkerError::Crashed(format!("{e:?}")))?;
        let on_failure = Rc::new(on_failure);
        let ready = Rc::new(Cell::new(false));
        let queue: Rc<RefCell<Vec<ToWorker>>> = Rc::default();
        let on_message = {
            let (ready, queue, worker, on_failure) = (ready.clone(), queue.clone(), worker.clone(), on_failure.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
                let text = ev.data().as_string().unwrap_or_default();
                let message = match decode::<FromWorker>(&text) {
                    Ok(m) => m,
                    Err(e) => return on_failure(WorkerError::Unreadable(e)),
                };
                if matches!(message.body, Report::Ready { .. }) {
                    ready.set(true);
                    for command in queue.borrow_mut().drain(..) {
                        let _ = worker.post_message(&JsValue::from_str(&encode(&command)));
                    }
                }
                on_message(message);
            })
        };
        let on_error =
            Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| on_failure(WorkerError::Crashed(ev.message())));
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Trainer { worker, ready, queue, _on_message: on_message, _on_error: on_error })
    }

    /// Sends a command now, or as soon as the worker is ready.
    pub fn send(&self, command: ToWorker) {
        if self.ready.get() {
            let _ = self.worker.post_message(&JsValue::from_str(&encode(&command)));
        } else {
            self.queue.borrow_mut().push(command);
        }
    }
}

impl Drop for Trainer {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
