//! What a command answers: JSON for every type, or raw bytes for a file's content (an
//! `ArrayBuffer` in the window rather than a JSON list of numbers).

use std::any::Any;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{ErrorCode, ErrorPayload};

/// A file's content, answered as raw bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(type = "ArrayBuffer")]
pub struct Bytes(pub Vec<u8>);

/// A command's answer as it crosses to the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// A JSON value.
    Json(serde_json::Value),
    /// Raw bytes.
    Bytes(Vec<u8>),
}

impl Reply {
    /// The answer for a command's result: raw bytes for [`Bytes`], JSON for anything else.
    pub fn of<T: Serialize + 'static>(value: T) -> Result<Reply, ErrorPayload> {
        let boxed: Box<dyn Any> = Box::new(value);
        match boxed.downcast::<Bytes>() {
            Ok(bytes) => Ok(Reply::Bytes(bytes.0)),
            Err(other) => match other.downcast::<T>() {
                Ok(value) => serde_json::to_value(&*value).map(Reply::Json).map_err(|e| internal(&e.to_string())),
                Err(_) => Err(internal("the answer changed its type")),
            },
        }
    }
}

/// A failure inside the app itself (never the person's input): what to do is restart.
pub(crate) fn internal(detail: &str) -> ErrorPayload {
    ErrorPayload::new(
        ErrorCode::Storage,
        council_base::text::Text::new(
            format!("アプリの内部でエラーが起きました（{detail}）。アプリを再起動してください。"),
            format!("Something went wrong inside the app ({detail}). Restart the app."),
        ),
    )
}
