//! Thin, fallible wrappers over the browser APIs the app uses. Every failure is swallowed into
//! `None` or `Err(String)`: a missing API must degrade a feature, never crash the page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let request = match web_sys::window() {
        Some(window) => window.fetch_with_str(url),
        None => js_sys::global().unchecked_into::<web_sys::WorkerGlobalScope>().fetch_with_str(url),
    };
    let response = JsFuture::from(request).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| format!("{e:?}"))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
