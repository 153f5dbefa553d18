//! The last line of defence: a panic anywhere shows a visible message with a way back instead of
//! a blank or frozen page. After a panic the app's state cannot be trusted, so the message is
//! plain DOM and the way back is a full reload.

use wasm_bindgen::JsCast;

/// Installs the hook: log to the console as usual, then show the crash screen.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

fn show(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let english = crate::web::storage_get("dlnotes.lang").as_deref() == Some("en");
    let (title, text, reload, home) = if english {
        (
            "Something went wrong",
            "This page hit an internal error. Your settings are kept in the address bar.",
            "Reload this lesson",
            "Back to the course map",
        )
    } else {
        ("出错了", "页面遇到了内部错误。你的设置保存在地址栏里。", "重新加载本课", "回到课程地图")
    };
    let Ok(overlay) = document.create_element("div") else { return };
    overlay.set_id("crash");
    overlay.set_attribute("role", "alertdialog").ok();
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    overlay.set_inner_html(&format!(
        "<div class=\"crash-box\"><h2>{title}</h2><p>{text}</p><pre>{}</pre>\
         <p><a href=\"\">{reload}</a> · <a href=\"/\">{home}</a></p></div>",
        escape(detail)
    ));
    if let Ok(el) = overlay.dyn_into::<web_sys::HtmlElement>() {
        let _ = body.append_child(&el);
    }
}
