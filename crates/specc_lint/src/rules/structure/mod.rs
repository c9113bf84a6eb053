//! A7xx: sentence structure.

pub mod overlong_sentence;
