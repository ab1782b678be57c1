//! Supply and demand (供需對接): which postings should meet.
//!
//! [`Recommender`] holds every live posting in memory and, for one posting (or one
//! participant's postings), ranks the postings on the other side: needs for an offer,
//! offers for a need. The score adds up what a secretariat officer would look at:
//!
//! - what the two say ([`text`]: BM25 over Baylink's search analysis, so Simplified,
//!   Traditional, Hong Kong and Taiwan terms and English terms meet, normalised so that
//!   a long posting does not win by length);
//! - the fields of the shared taxonomy both carry (which meet even when one side writes
//!   English and the other Chinese);
//! - whether the kinds fit (a technology need and a research offer fit; a training
//!   course does not answer a technology need);
//! - complementary organisations (a university offer and a company need is 產學研);
//! - cross-border value (the alliance prefers Shenzhen–Hong Kong–Macao pairs) and the
//!   target regions each side named;
//! - cooperation modes in common, and freshness.
//!
//! Each [`Recommendation`] keeps its parts, so a page can say why in the reader's words.
//! The weights are fixed from those priorities, not fitted to the evaluation set
//! ([`eval`]), which is also used to measure the two baselines the issue names.

pub mod eval;
pub mod recommend;
pub mod text;

pub use recommend::{Profile, Recommendation, Recommender, Weights};
