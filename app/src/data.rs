//! The MNIST digits, fetched once from this site (`/assets/mnist-digits.bin`) and shared by
//! every lesson that shows or trains on real handwriting.

use std::sync::Arc;

use engine::mnist::{Mnist, MnistError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The digits, or why they could not be loaded.
pub type Digits = Result<Arc<Mnist>, LoadError>;

/// Why a data file of the site could not be loaded: a typed value that `vocabulary` words in
/// the page's language. The browser's own words (English, whatever the page's language) are
/// kept as a detail for the curious.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LoadError {
    /// The request got no answer (offline, blocked): what the browser said.
    Network(String),
    /// The site answered with this HTTP status.
    Status(u16),
    /// The answer's body could not be read to the end: what the browser said.
    Body(String),
    /// The bytes are not a valid digits file.
    Digits(MnistError),
}

#[derive(Clone, Copy)]
struct DigitsResource(LocalResource<Digits>);

pub const DIGITS_URL: &str = "/assets/mnist-digits.bin";
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const POEMS_URL: &str = "/assets/poems.bin";

/// Starts loading the digits; called once by the app shell.
pub fn provide_digits() {
    let resource = LocalResource::new(|| async {
        let bytes = crate::web::fetch_bytes(DIGITS_URL).await?;
        Mnist::from_bytes(&bytes).map(Arc::new).map_err(LoadError::Digits)
    });
    provide_context(DigitsResource(resource));
}

/// The digits once loaded: `None` while loading.
pub fn use_digits() -> Signal<Option<Digits>> {
    let DigitsResource(resource) = expect_context();
    Signal::derive(move || resource.get())
}

/// Calls `render` with the digits once they are loaded; says so while loading and explains
/// if the file could not be read.
#[component]
pub fn WithDigits<F, V>(render: F) -> impl IntoView
where
    F: Fn(Arc<Mnist>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let DigitsResource(resource) = expect_context();
    let digits = use_digits();
    let loading = crate::i18n::tr(t::LOADING);
    let failed = crate::i18n::tr(t::FAILED);
    let retry = crate::i18n::tr(t::RETRY);
    let lang = crate::i18n::use_lang();
    move || match digits.get() {
        None => view! { <p class="loading">{loading}</p> }.into_any(),
        // A missing or damaged file (or a dropped connection) can be fetched again.
        Some(Err(e)) => {
            let detail = crate::vocabulary::load_detail(&e).map(str::to_string);
            view! {
                <div class="error-box" role="alert" data-result="digits-error">
                    <p>{failed}" "{move || crate::vocabulary::load_error(lang.get(), &e)}</p>
                    {detail.map(|d| view! { <crate::components::BrowserSaid text=d /> })}
                    <button class="btn" data-action="retry-digits" on:click=move |_| resource.refetch()>{retry}</button>
                </div>
            }
            .into_any()
        }
        Some(Ok(set)) => render(set).into_any(),
    }
}

/// Names the class of digit `index` ("a handwritten 7"), once the digits are loaded.
#[component]
pub fn DigitCaption(#[prop(into)] index: Signal<Option<usize>>) -> impl IntoView {
    let digits = use_digits();
    let lang = crate::i18n::use_lang();
    move || {
        let set = digits.get()?.ok()?;
        let i = index.get()?.min(set.len().checked_sub(1)?);
        Some(
            view! { <span class="hint digit-caption" data-result="digit-label">{crate::i18n::fill(t::LABEL.get(lang.get()), &[&set.label(i)])}</span> },
        )
    }
}

mod t {
    use crate::i18n::Text;
    pub const LABEL: Text = Text::new("这是手写的 {0}", "a handwritten {0}");
    pub const LOADING: Text = Text::new("正在载入手写数字…", "Loading handwritten digits…");
    pub const FAILED: Text = Text::new("无法载入手写数字数据：", "Could not load the handwritten digits:");
    pub const RETRY: Text = Text::new("↻ 重试", "↻ Try again");
}
