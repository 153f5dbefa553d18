//! What a student has done, kept in this browser only (localStorage, never sent anywhere): the
//! lessons visited and the answers to their questions. The course map shows it as progress,
//! with a button that forgets it.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "dlnotes.progress";

/// One answered question: the question as it was asked (its prompt, which the lesson's settings
/// may fill), what the student predicted, and whether it was right once the answer was known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub prompt: String,
    pub predicted: String,
    pub right: Option<bool>,
}

/// Everything kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Progress {
    pub visited: Vec<String>,
    /// By question id (`<lesson slug>/<n>`).
    pub answers: BTreeMap<String, Answer>,
}

impl Progress {
    /// Reads what a browser kept; anything unreadable is forgotten rather than trusted.
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Questions of `slug` answered, and of those, answered right.
    pub fn answered(&self, slug: &str) -> (usize, usize) {
        let prefix = format!("{slug}/");
        let mine = self.answers.iter().filter(|(id, _)| id.starts_with(&prefix));
        mine.fold((0, 0), |(n, right), (_, a)| (n + 1, right + usize::from(a.right == Some(true))))
    }
}

/// The progress signal, provided once by the app shell and written back to storage on change.
#[derive(Clone, Copy)]
pub struct Kept(pub RwSignal<Progress>);

pub fn provide_progress() {
    let stored = crate::web::storage_get(STORAGE_KEY).map(|t| Progress::from_json(&t)).unwrap_or_default();
    let progress = RwSignal::new(stored);
    provide_context(Kept(progress));
    Effect::new(move |_| crate::web::storage_set(STORAGE_KEY, &progress.with(Progress::to_json)));
}

/// The student's progress (a fresh one where the shell provided none, as in native tests).
pub fn use_progress() -> RwSignal<Progress> {
    use_context::<Kept>().map_or_else(|| RwSignal::new(Progress::default()), |k| k.0)
}

/// Notes that `slug` was visited.
pub fn visit(slug: &str) {
    let progress = use_progress();
    if !progress.with_untracked(|p| p.visited.iter().any(|v| v == slug)) {
        progress.update(|p| p.visited.push(slug.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_round_trips_and_damage_is_forgotten() {
        let mut p = Progress { visited: vec!["split".into()], ..Progress::default() };
        p.answers.insert("split/1".into(), Answer { prompt: "?".into(), predicted: "a".into(), right: Some(true) });
        p.answers.insert("split/2".into(), Answer { prompt: "?".into(), predicted: "b".into(), right: Some(false) });
        p.answers.insert("splitter/1".into(), Answer { prompt: "?".into(), predicted: "c".into(), right: None });
        assert_eq!(Progress::from_json(&p.to_json()), p);
        assert_eq!(p.answered("split"), (2, 1));
        assert_eq!(Progress::from_json("{not json"), Progress::default());
    }
}
