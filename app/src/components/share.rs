//! The QR code of the current link, shown in presenter mode so that students open the state on
//! the screen (lesson, step, every setting) on their phones. Encoded by `qrcodegen` (MIT) and
//! drawn as one SVG path, redrawn whenever the address changes.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use qrcodegen::{QrCode, QrCodeEcc};

use crate::i18n::{Text, tr};

/// The dark modules of `text`'s QR code as an SVG path in module units, and the code's side
/// with its quiet zone (four modules each side), or `None` if the text is too long for a code.
pub fn qr_path(text: &str) -> Option<(String, i32)> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some((path, size + 8))
}

#[component]
pub fn ShareQr() -> impl IntoView {
    let location = use_location();
    let presenting = crate::app::presenting();
    // The address as a phone would open it; the location's signals say when it changed.
    let href = move || {
        location.pathname.track();
        location.search.track();
        crate::web::current_href()
    };
    let small = RwSignal::new(false);
    view! {
        <Show when=move || presenting.get()>
            <aside class="share-qr" class:small=move || small.get() data-result="share-qr">
                {move || href().and_then(|h| qr_path(&h).map(|q| (h, q))).map(|(h, (path, side))| view! {
                    <svg viewBox=format!("0 0 {side} {side}") role="img" aria-label=tr(LABEL) data-href=h shape-rendering="crispEdges">
                        <rect width=side height=side fill="#fff" />
                        <path d=path fill="#000" />
                    </svg>
                })}
                <div>
                    <p>{tr(LABEL)}</p>
                    <button class="btn small" data-action="qr-size" on:click=move |_| small.update(|s| *s = !*s)>
                        {move || if small.get() { tr(LARGER)() } else { tr(SMALLER)() }}
                    </button>
                </div>
            </aside>
        </Show>
    }
}

const LABEL: Text = Text::new("扫码在手机上打开同一个状态", "Scan to open this same state on a phone");
const SMALLER: Text = Text::new("缩小", "Smaller");
const LARGER: Text = Text::new("放大", "Larger");

#[cfg(test)]
mod tests {
    use super::qr_path;

    #[test]
    fn a_link_becomes_a_square_code_with_its_quiet_zone() {
        let (path, side) = qr_path("http://127.0.0.1:8080/lessons/gan?step=2&seed=1").expect("short links fit");
        // Version 3 or 4 for a link of this length: 29 or 33 modules, plus 8 of quiet zone.
        assert!((29 + 8..=33 + 8).contains(&side), "{side}");
        // The three finder patterns alone have 3 × 33 dark modules, each one square of the path.
        assert!(path.matches('M').count() > 3 * 33);
        assert!(path.starts_with("M4,4h1v1h-1z"), "the top-left finder's corner is dark");
    }
}
