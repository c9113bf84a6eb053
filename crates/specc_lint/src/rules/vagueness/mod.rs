//! A1xx: vague quantifiers and degree words.

pub mod vague_degree_word;
