//! Languages and localized text. Chinese (zh-CN) is the default; English is one click away and
//! remembered in local storage.
//!
//! Every user-visible string is a [`Text`]: a pair of translations checked by the compiler, so
//! a message can never exist in one language only. Lessons keep their catalog of `Text`
//! constants in a `t` module at the bottom of their own file; templates with `{0}`, `{1}`…
//! placeholders are filled by [`fill`].

use leptos::prelude::*;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" | "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, for the switch button.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// One message in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Self { zh, en }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A share in `[0, 1]` written as a percentage with one decimal: `0.9051` → "90.5%".
pub fn percent(share: f32) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Replaces `{0}`, `{1}`, … in `template` with `args`.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = template.to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    out
}

const STORAGE_KEY: &str = "dlnotes.lang";

/// Creates the language signal, restores the remembered choice, and keeps `<html lang>` and
/// storage in step with it. Called once by the app shell.
pub fn provide_lang() -> RwSignal<Lang> {
    let stored = crate::web::storage_get(STORAGE_KEY).and_then(|tag| Lang::from_tag(&tag));
    let lang = RwSignal::new(stored.unwrap_or_default());
    provide_context(lang);
    Effect::new(move |_| {
        let lang = lang.get();
        crate::web::storage_set(STORAGE_KEY, lang.tag());
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
    });
    lang
}

/// The current language.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive closure yielding `text` in the current language, for use inside `view!`.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_numbered_placeholders() {
        assert_eq!(fill("{0} × {1} = {0}{1}", &[&3, &"x"]), "3 × x = 3x");
        assert_eq!(Text::new("步长", "Stride").get(Lang::En), "Stride");
        assert_eq!(Lang::from_tag(Lang::Zh.tag()), Some(Lang::Zh));
        assert_eq!(Lang::En.other(), Lang::Zh);
    }
}
