//! What can go wrong in the store, in terms the web edge can turn into a localised answer.

use serde::Serialize;
use utoipa::ToSchema;

/// A problem with one field of a submitted record. `code` is a Fluent message key, so
/// the page and the API can both say it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field's name as submitted (`name`, `website`, `parent_id`…).
    pub field: String,
    /// The Fluent key of the message (`err-required`, `err-too-long`…).
    pub code: String,
    /// A number the message mentions, such as a maximum length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

impl FieldError {
    pub fn new(field: &str, code: &str) -> Self {
        FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            limit: None,
        }
    }

    pub fn with_limit(mut self, limit: i64) -> Self {
        self.limit = Some(limit);
        self
    }
}

/// Everything a store call can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist (or no longer does).
    #[error("not found")]
    NotFound,
    /// The input is well-formed but clashes with what is stored: a duplicate, an edit based
    /// on an old version, a record still referred to. The code is a Fluent key.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// The input itself is wrong; nothing was written.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The database failed. Logged with its detail at the edge, never shown.
    #[error("database: {0}")]
    Backend(#[from] sqlx::Error),
    /// The database held something this code cannot read (a bad stored code).
    #[error("corrupt data: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// The database had no connection free within the pool's wait: a load peak, not a
    /// fault; nothing was done and the same request can be sent again.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Backend(sqlx::Error::PoolTimedOut))
    }

    /// The database could not write: its disk is full or failing (SQLite's `FULL` and
    /// `IOERR` families, PostgreSQL's disk full and I/O error). The transaction was rolled
    /// back, so nothing of the request was kept; it can be sent again once there is room.
    pub fn is_unwritable(&self) -> bool {
        let StoreError::Backend(sqlx::Error::Database(db)) = self else {
            return false;
        };
        let Some(code) = db.code() else {
            return false;
        };
        match code.parse::<i64>() {
            // SQLite: the primary result code is the low byte of the extended one.
            Ok(sqlite) => matches!(sqlite & 0xff, 10 | 13),
            // PostgreSQL's SQLSTATE: disk_full, io_error.
            Err(_) => matches!(code.as_ref(), "53100" | "58030"),
        }
    }

    /// A single-field validation error.
    pub fn invalid(field: &str, code: &str) -> Self {
        StoreError::Invalid(vec![FieldError::new(field, code)])
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

#[cfg(test)]
mod busy_tests {
    use super::*;

    #[test]
    fn only_a_pool_timeout_is_busy() {
        assert!(StoreError::Backend(sqlx::Error::PoolTimedOut).is_busy());
        assert!(!StoreError::Backend(sqlx::Error::RowNotFound).is_busy());
        assert!(!StoreError::NotFound.is_busy());
    }
}
