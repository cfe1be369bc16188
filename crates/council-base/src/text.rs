//! Text shown to people in both of the UI's languages. Errors and other messages produced by the core
//! carry both, so the UI shows the one the user chose without ever matching on message text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A message in Japanese (the default) and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Text {
    /// Japanese, shown by default.
    pub ja: String,
    /// English, shown when the user switched the UI to English.
    pub en: String,
}

impl Text {
    /// A message from its Japanese and English wording.
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Self { ja: ja.into(), en: en.into() }
    }
}

impl std::fmt::Display for Text {
    /// Both languages on one line, as the command-line tool prints them.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.ja, self.en)
    }
}
