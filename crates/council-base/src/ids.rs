//! Stable record IDs that never collide across PCs: UUIDv7 (time-ordered) in one newtype per record
//! kind, so a `HouseholdId` can never be passed where a `MeetingId` is wanted.

/// Declares an ID newtype over a UUIDv7 string.
#[macro_export]
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        // serde and ts-rs name their own crate in the derives: the crate using this macro depends on both.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[serde(transparent)]
        #[ts(type = "string")]
        pub struct $name(pub String);

        impl $name {
            /// A new, globally unique, time-ordered ID.
            pub fn new() -> Self {
                Self($crate::__private::uuid::Uuid::now_v7().to_string())
            }

            /// The ID as stored and shown.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl $crate::__private::rusqlite::ToSql for $name {
            fn to_sql(&self) -> $crate::__private::rusqlite::Result<$crate::__private::rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl $crate::__private::rusqlite::types::FromSql for $name {
            fn column_result(
                value: $crate::__private::rusqlite::types::ValueRef<'_>,
            ) -> $crate::__private::rusqlite::types::FromSqlResult<Self> {
                String::column_result(value).map(Self)
            }
        }
    };
}

id_type!(
    /// The council's own identity, the same on every PC its data moves to.
    CouncilId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_time_ordered() {
        let a = CouncilId::new();
        let b = CouncilId::new();
        assert_ne!(a, b, "two IDs made in a row must differ");
        assert!(a < b, "UUIDv7 IDs made later must sort later, so lists by ID follow creation order");
    }
}
