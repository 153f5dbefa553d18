//! Take the model home: the trained network as a safetensors file with PyTorch's names and
//! layouts, loaded back into this lesson later, and the PyTorch that rebuilds it, with the
//! page's own answers on a hundred digits to check the port against.

use engine::nn::torch::{TorchError, check_file, file_stack, pytorch_code};
use engine::nn::{DIGIT, Stack};
use engine::tasks::Query;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{State, choose_stack, t, task};
use crate::components::disclosure::{Folded, Lead};
use crate::data::use_digits;
use crate::i18n::{Lang, Text, fill, tr, use_lang};
use crate::training::job::{Job, Lane};
use crate::training::protocol::Command;
use crate::vocabulary::model_error;
use crate::web::{download_bytes, read_chosen_file};

/// The downloaded file's name (the PyTorch code loads it by this name).
const FILE: &str = "dlnotes-model.safetensors";
/// The page answers for every `EVERY`-th digit of the digits file, `ANSWERS` of them.
const EVERY: usize = 100;
const ANSWERS: usize = 100;

/// The digits the page answers for: 0, 100, 200, …
fn answered() -> Vec<usize> {
    (0..ANSWERS).map(|i| i * EVERY).collect()
}

/// The stack a model file holds (its own description, or else the lesson's current network),
/// checked here on the page against the tensors that stack's network has (the same check the
/// worker's loading makes, without building the network), so that a file that does not fit is
/// explained next to its control before anything reaches the worker.
fn file_model(bytes: &[u8], current: Option<Stack>) -> Result<Stack, TorchError> {
    let stack = match file_stack(bytes)? {
        Some(stack) => stack,
        None => current.ok_or(TorchError::NoNetwork)?,
    };
    if stack.input != DIGIT {
        return Err(TorchError::Input(stack.input.to_string()));
    }
    check_file(bytes, &stack)?;
    Ok(stack)
}

/// What went wrong with the last file chosen.
#[derive(Clone)]
enum Problem {
    File(TorchError),
    Read(String),
    Fields,
}

impl Problem {
    fn words(&self, lang: Lang) -> String {
        match self {
            Problem::File(e) => model_error(lang, e),
            Problem::Read(why) => fill(t::FILE_UNREAD.get(lang), &[why]),
            Problem::Fields => t::FIX_FIELDS.get(lang).into(),
        }
    }
}

/// Download, load, the page's answers on a hundred digits and the PyTorch code.
#[component]
pub(super) fn ModelFile(state: RwSignal<State>, run: Lane, job: Job, start: Callback<bool>) -> impl IntoView {
    let lang = use_lang();
    let digits = use_digits();
    let stack = Memo::new(move |_| state.with(|s| task(s).ok().map(|t| t.stack)));
    let code = Memo::new(move |_| {
        let comment = t::EVAL_COMMENT.get(lang.get());
        stack.with(|s| s.as_ref().map(|s| pytorch_code(s, FILE, comment)))
    });
    let can_export = move || code.with(|c| matches!(c, Some(Ok(_))));
    // The page's answers follow the model: asked again whenever it has been scored.
    let scored = run.memo(|r| r.scores.len());
    Effect::new(move |_| {
        if scored.get() > 0 {
            job.send(Command::Query(Query::Classify { indices: answered() }));
        }
    });
    // A file is saved only when the student asked for one.
    let requested = StoredValue::new(false);
    let file = run.memo(|r| r.model_file.clone());
    Effect::new(move |_| {
        if let Some((_, bytes)) = file.get()
            && requested.get_value()
        {
            requested.set_value(false);
            download_bytes(&bytes, "application/octet-stream", FILE);
        }
    });
    let save = move |_| {
        requested.set_value(true);
        job.send(Command::Query(Query::ModelFile));
    };
    let problem = RwSignal::new(None::<Problem>);
    let loaded_name = RwSignal::new(None::<String>);
    let load = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        leptos::task::spawn_local(async move {
            let read = read_chosen_file(&input).await;
            // The same file can be chosen again.
            input.set_value("");
            let (name, bytes) = match read {
                Ok(file) => file,
                Err(why) => return problem.set(Some(Problem::Read(why))),
            };
            let stack = match file_model(&bytes, stack.get_untracked()) {
                Ok(stack) => stack,
                Err(e) => return problem.set(Some(Problem::File(e))),
            };
            state.update(|s| choose_stack(s, &stack));
            if state.with_untracked(super::config).is_none() {
                return problem.set(Some(Problem::Fields));
            }
            problem.set(None);
            loaded_name.set(Some(name));
            start.run(false);
            job.send(Command::Load(bytes));
        });
    };
    // Memos: the reports arrive many times a second, the answers only after each score.
    let classes = run.memo(|r| r.classes.clone());
    let loaded = run.memo(|r| r.loaded);
    let has_model = run.memo(|r| r.total_steps > 0);
    let has_model = move || has_model.get() && !job.fatal();
    let answers = move || {
        let classes = classes.get()?;
        let Some(Ok(set)) = digits.get() else { return None };
        let rows: Vec<(usize, u8, usize)> =
            answered().into_iter().zip(classes).map(|(i, c)| (i, set.label(i), c)).collect();
        Some(rows)
    };
    view! {
        <section class="panel model-file">
            <h2>{tr(t::TAKE_HOME)}</h2>
            <Lead text=tr(t::TAKE_HOME_INTRO) />
            <div class="row">
                <button class="btn" data-action="download-model" disabled=move || !(has_model() && can_export()) on:click=save>{tr(t::DOWNLOAD_MODEL)}</button>
                <label class="btn file-button">
                    {tr(t::LOAD_MODEL)}
                    <input type="file" accept=".safetensors" data-action="load-model" disabled=move || job.fatal() on:change=load />
                </label>
            </div>
            {move || code.with(|c| match c {
                Some(Err(e)) => Some(view! { <p class="hint warning-text" data-result="not-exportable">{model_error(lang.get(), e)}</p> }),
                _ => None,
            })}
            {move || problem.get().map(|p| view! { <p class="error-box" role="alert" data-result="model-file-error">{p.words(lang.get())}</p> })}
            {move || (loaded.get() && problem.with(Option::is_none)).then(|| {
                let name = loaded_name.get().unwrap_or_default();
                view! { <p class="hint" data-result="loaded">{move || fill(t::LOADED.get(lang.get()), &[&name])}</p> }
            })}
            <Folded title=t::ANSWERS>
            <Lead class="hint" text=move || fill(t::ANSWERS_HINT.get(lang.get()), &[&ANSWERS, &EVERY, &((ANSWERS - 1) * EVERY)]) />
            {move || match answers() {
                None => view! { <p class="hint">{tr(t::NO_EVAL)}</p> }.into_any(),
                Some(rows) => {
                    let right = rows.iter().filter(|(_, label, class)| usize::from(*label) == *class).count();
                    let classes = rows.iter().map(|(_, _, c)| c.to_string()).collect::<Vec<_>>().join(" ");
                    view! {
                        <p data-result="answers-right">{move || fill(t::ANSWERS_RIGHT.get(lang.get()), &[&right, &ANSWERS])}</p>
                        <ol class="answers" data-result="answers" data-classes=classes>
                            {rows.into_iter().map(|(index, label, class)| {
                                let wrong = usize::from(label) != class;
                                let title = move || fill(t::ANSWER_TITLE.get(lang.get()), &[&index, &label, &class]);
                                view! {
                                    <li class:wrong=wrong title=title>
                                        {class}
                                        {wrong.then(|| view! { <s class="true-label">{label}</s> })}
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
            </Folded>
            <Folded title=t::IN_PYTORCH>
            <p class="hint">{tr(t::IN_PYTORCH_HINT)}" "<a href="/assets/mnist-digits.bin" download="mnist-digits.bin">"mnist-digits.bin"</a></p>
            {move || code.with(|c| c.as_ref().and_then(|c| c.as_ref().ok()).map(|code| {
                let check = fill(CHECK.get(lang.get()), &[&EVERY]);
                view! { <pre class="code" data-result="pytorch-code"><code>{format!("{code}\n{check}")}</code></pre> }
            }))}
            </Folded>
        </section>
    }
}

/// The Python that reads the digits file and prints the network's answers for the digits the
/// page answers for (`{0}`: every how many), with its comments in the page's language.
const CHECK: Text = Text::new(
    r#"# 本页训练用的数字（mnist-digits.bin）：16 字节的文件头，然后是标签和像素
import zlib
import numpy as np
raw = open("mnist-digits.bin", "rb").read()
count = int.from_bytes(raw[8:12], "little")
data = np.frombuffer(zlib.decompress(raw[16:]), dtype=np.uint8)
labels, images = data[:count], data[count:].reshape(count, 1, 28, 28)
x = torch.tensor(images[::{0}] / 255, dtype=torch.float32)  # 灰度缩放到 [0, 1]，和本页一样
with torch.no_grad():
    print(net(x).argmax(1).tolist())  # 应与上面本页的回答相同
"#,
    r#"# The digits this page trains on (mnist-digits.bin): a 16-byte header, then labels and pixels
import zlib
import numpy as np
raw = open("mnist-digits.bin", "rb").read()
count = int.from_bytes(raw[8:12], "little")
data = np.frombuffer(zlib.decompress(raw[16:]), dtype=np.uint8)
labels, images = data[:count], data[count:].reshape(count, 1, 28, 28)
x = torch.tensor(images[::{0}] / 255, dtype=torch.float32)  # grey levels scaled to [0, 1], as here
with torch.no_grad():
    print(net(x).argmax(1).tolist())  # the page's answers above
"#,
);

#[cfg(test)]
mod tests {
    use engine::backend::Backend;
    use engine::nn::Net;

    use super::super::MLP;
    use super::*;

    #[test]
    fn a_file_is_checked_against_the_network_it_describes() {
        let device = Backend::Flex.inference_device().unwrap();
        let cnn = Net::seeded(&Stack::note_cnn(), 3, &device).unwrap().to_safetensors().unwrap();
        assert_eq!(file_model(&cnn, None), Ok(Stack::note_cnn()));
        let mlp_stack = Stack::digits(MLP).unwrap();
        let mlp = Net::seeded(&mlp_stack, 3, &device).unwrap().to_safetensors().unwrap();
        assert_eq!(file_model(&mlp, Some(Stack::note_cnn())), Ok(mlp_stack), "the file's own network wins");
        assert!(matches!(file_model(b"nothing", None), Err(TorchError::NotSafetensors(_))));
    }

    #[test]
    fn the_answered_digits_fit_the_digits_file_and_the_python() {
        let answered = answered();
        assert_eq!(answered.len(), ANSWERS);
        assert!(answered.iter().all(|&i| i < 10_000));
        for lang in [Lang::Zh, Lang::En] {
            assert!(fill(CHECK.get(lang), &[&EVERY]).contains("images[::100]"));
        }
    }
}
