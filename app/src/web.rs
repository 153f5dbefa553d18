//! Thin, fallible wrappers over the browser APIs the app uses. Every failure is swallowed into
//! `None` or a typed error: a missing API must degrade a feature, never crash the page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::data::LoadError;

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn storage_get(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok()?
}

pub fn storage_set(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// The page's full address, for the copy-link button.
pub fn current_href() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// Copies `text` to the clipboard; resolves to whether it worked.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}

/// Fetches a file from this site as bytes, from the page or from a worker.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, LoadError> {
    let request = match web_sys::window() {
        Some(window) => window.fetch_with_str(url),
        None => js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().fetch_with_str(url),
    };
    let response = JsFuture::from(request).await.map_err(|e| LoadError::Network(format!("{e:?}")))?;
    let response: web_sys::Response =
        response.dyn_into().map_err(|e| LoadError::Network(format!("not a response: {e:?}")))?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| LoadError::Body(format!("{e:?}")))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| LoadError::Body(format!("{e:?}")))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Saves `url` (a `data:` or `blob:` address) as a file named `name`.
pub fn download(url: &str, name: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Some(())
}

/// Saves `bytes` as a file named `name`, through a blob address freed a minute later.
pub fn download_bytes(bytes: &[u8], mime: &str, name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    download(&url, name)?;
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000).ok()?;
    Some(())
}

/// The name and bytes of the first file chosen in `input`.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<(String, Vec<u8>), String> {
    let file = input.files().and_then(|files| files.get(0)).ok_or("no file chosen")?;
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}
