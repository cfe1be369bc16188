//! The vocabulary every Council Desk crate shares, with no knowledge of the data's tables:
//! text in both of the UI's languages, fiscal years and 和暦, kana folding for search and 五十音
//! order, yen, the clock, and the record-ID newtype.
//!
//! It sits below the store because the store needs it too: its migrations call the kana fold as an
//! SQL function, and its errors name dates in 和暦.

pub mod calendar;
pub mod clock;
pub mod ids;
pub mod kana;
pub mod money;
pub mod net;
pub mod text;

pub use text::Text;

#[doc(hidden)]
pub mod __private {
    //! What the [`id_type!`] macro expands to beside the serde and ts-rs derives.
    pub use rusqlite;
    pub use uuid;
}
