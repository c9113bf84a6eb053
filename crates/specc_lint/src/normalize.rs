//! From a prose block to normalised sentences (shared with the conflict checker).

pub use specc_syntax::norm::{block_sentences, normalize};
