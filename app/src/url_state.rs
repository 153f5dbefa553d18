//! Lesson controls that live in the query string, so a copied link reproduces exactly what the
//! instructor shows. Each lesson's state is a plain struct with `Default` whose fields are what
//! the user can change; it says how to read and write itself as query parameters.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

/// The query parameters of the current address (already decoded), with forgiving typed getters:
/// a missing or unreadable value falls back to the default, so a hand-edited link never breaks a
/// lesson.
#[derive(Clone)]
pub struct Query(Vec<(String, String)>);

impl Query {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self(pairs.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    /// The query of the address now shown (not tracked).
    pub fn of_address() -> Self {
        use_query_map().with_untracked(|map| Self::from_pairs(map.into_iter().map(|(k, v)| (k.as_ref(), v))))
    }

    fn get_str(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The raw text of `key`, or `default`.
    pub fn text(&self, key: &str, default: &str) -> String {
        self.get_str(key).unwrap_or(default).to_string()
    }

    /// `key` parsed as `T`, or `default` when missing or unreadable.
    pub fn parse<T: std::str::FromStr>(&self, key: &str, default: T) -> T {
        self.get_str(key).and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    /// `key` read by `from_key`, or `default`.
    pub fn choice<T>(&self, key: &str, from_key: impl Fn(&str) -> Option<T>, default: T) -> T {
        self.get_str(key).and_then(from_key).unwrap_or(default)
    }

    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get_str(key), Some("1" | "true"))
    }
}

/// The keys the lesson's states read, collected as each state is created (the lesson frame
/// provides it), so that the frame can name the keys of a link that nothing reads.
#[derive(Clone, Copy)]
pub struct KnownKeys(RwSignal<Vec<&'static str>>);

impl KnownKeys {
    pub fn provide() -> Self {
        let keys = Self(RwSignal::new(Vec::new()));
        provide_context(keys);
        keys
    }

    /// The keys of `link` that no state of the lesson reads, each once, in the link's order
    /// (tracked: states created later add their keys).
    pub fn unknown(&self, link: &Query) -> Vec<String> {
        self.0.with(|known| unknown_keys(link, known))
    }
}

fn unknown_keys(link: &Query, known: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (key, _) in &link.0 {
        if !known.contains(&key.as_str()) && !out.contains(key) {
            out.push(key.clone());
        }
    }
    out
}

/// The query of the address a lesson was opened with (provided by [`use_query_state`]).
#[derive(Clone)]
pub struct LinkQuery(Query);

impl LinkQuery {
    /// The value the link gave `key`, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get_str(key)
    }
}

/// A lesson's user-changeable state, as query parameters.
pub trait QueryState: Clone + PartialEq + Send + Sync + 'static {
    /// Reads the state; anything missing or unreadable takes its default.
    fn from_query(query: &Query) -> Self;
    /// Writes every field, in a fixed order.
    fn to_query(&self) -> Vec<(&'static str, String)>;
    /// The range of each number, by key: what its slider spans.
    fn ranges() -> Vec<(&'static str, crate::components::slider::Range)> {
        Vec::new()
    }
}

/// Reads a state from `query`, writes it back and reads it again: the state a mangled link gives
/// must be the state its rewritten link gives (nothing the page shows is lost on the way), and
/// reading must not panic. Returns the state's keys; used by the fuzzing test over every lesson.
#[cfg(test)]
pub fn survives<S: QueryState + std::fmt::Debug>(query: &Query) -> Result<Vec<&'static str>, String> {
    let state = S::from_query(query);
    let pairs = state.to_query();
    let again = S::from_query(&Query::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str()))));
    if again != state {
        return Err(format!("{state:?} became {again:?}"));
    }
    Ok(pairs.iter().map(|(k, _)| *k).collect())
}

/// Declares a lesson state made only of typed text, the common case: each field with its query
/// key, its default (anything that converts into a `String`) and, for numbers, how it is read:
/// a type and a parser from `components::field` with its range. From that one table come the
/// struct, `Default`, `QueryState`, and for each number a method of the field's name that reads
/// it (`state.epochs()` is `Ok(15)` or why the typed text is not a number of epochs), so a key
/// or a range is written once. The struct is visible to the lesson registry (`pub(super)`), whose
/// tests read every lesson's state from mangled links.
///
/// ```text
/// text_state! {
///     struct State {
///         model: "model" = "note",
///         epochs: "epochs" = "15" => usize: parse_int(1, 50),
///         lr: "lr" = "0.001" => f64: parse_positive(10.0),
///     }
/// }
/// ```
macro_rules! text_state {
    ($(#[$meta:meta])* struct $name:ident {
        $($(#[$doc:meta])* $field:ident : $key:literal = $default:expr $(=> $ty:ty : $parse:ident($($arg:expr),*))?),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub(super) struct $name {
            $($(#[$doc])* $field: String,)*
        }

        impl Default for $name {
            fn default() -> Self {
                Self { $($field: ($default).into(),)* }
            }
        }

        impl $crate::url_state::QueryState for $name {
            fn from_query(q: &$crate::url_state::Query) -> Self {
                let d = Self::default();
                Self { $($field: q.text($key, &d.$field),)* }
            }

            fn to_query(&self) -> Vec<(&'static str, String)> {
                vec![$(($key, self.$field.clone()),)*]
            }

            fn ranges() -> Vec<(&'static str, $crate::components::slider::Range)> {
                vec![$($(($key, $crate::components::slider::ranges::$parse($($arg),*)),)?)*]
            }
        }

        #[allow(dead_code)]
        impl $name {
            $($(
                /// The field read as a number in its range, or why the typed text is not one.
                fn $field(&self) -> Result<$ty, $crate::components::field::InputError> {
                    $crate::components::field::$parse(&self.$field, $($arg),*).map(|v| v as $ty)
                }
            )?)*
        }
    };
}
pub(crate) use text_state;

/// A signal of one thing read from a lesson's state (or anything derived from it): a field's
/// text, its error. `read(state, |s| s.lr.clone())`.
pub fn read<W, T>(source: W, f: fn(&W::Value) -> T) -> Signal<T>
where
    W: With + Copy + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    Signal::derive(move || source.with(f))
}

/// The lesson's state, restored from the address when the lesson opens and written back to it
/// (replacing the history entry, without scrolling) whenever it changes.
pub fn use_query_state<S: QueryState>() -> RwSignal<S> {
    let query = Query::of_address();
    let initial = S::from_query(&query);
    if let Some(KnownKeys(known)) = use_context::<KnownKeys>() {
        known.update(|k| k.extend(initial.to_query().iter().map(|(key, _)| *key)));
    }
    if let Some(ranges) = use_context::<crate::components::slider::Ranges>() {
        ranges.extend(S::ranges());
    }
    // The address as it came, so that a control can say which of its values it could not use.
    provide_context(LinkQuery(query));
    let state = RwSignal::new(initial);
    let navigate = use_navigate();
    let location = use_location();
    let path = location.pathname.get_untracked();
    Effect::new(move |_| {
        let query = state.with(|s| encode(&s.to_query()));
        // Only write while this lesson is still the page being shown, and only real changes.
        let here = location.pathname.get_untracked() == path;
        if here && location.search.get_untracked() != query {
            navigate(
                &format!("{path}?{query}"),
                NavigateOptions { replace: true, scroll: false, ..Default::default() },
            );
        }
    });
    state
}

/// Encodes pairs as a query string (without the leading `?`). Letters, digits and `-_.~,:` stay
/// as they are so that links remain readable; everything else is percent-encoded as UTF-8.
pub fn encode(pairs: &[(&str, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={}", encode_value(v))).collect::<Vec<_>>().join("&")
}

fn encode_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b':' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_no_state_reads_are_named_once() {
        let link = Query::from_pairs([("s", "3"), ("bogus", "1"), ("k", "x"), ("bogus", "2"), ("", "")]);
        assert_eq!(unknown_keys(&link, &["s", "k"]), ["bogus", ""]);
        assert!(unknown_keys(&link, &["s", "k", "bogus", ""]).is_empty());
    }

    #[test]
    fn values_are_readable_and_safely_encoded() {
        let pairs =
            [("layers", "conv:25:3,pool:2".to_string()), ("k", "0.5 -1".to_string()), ("t", "步&=".to_string())];
        assert_eq!(encode(&pairs), "layers=conv:25:3,pool:2&k=0.5%20-1&t=%E6%AD%A5%26%3D");
        let q = Query::from_pairs([("h", "32"), ("bad", "x"), ("on", "1")]);
        assert_eq!(q.parse("h", 0usize), 32);
        assert_eq!(q.parse("bad", 7usize), 7);
        assert_eq!(q.text("missing", "d"), "d");
        assert!(q.flag("on") && !q.flag("h"));
    }
}
