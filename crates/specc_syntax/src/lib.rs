//! The Model Spec dialect parsed into specc's intermediate representation.
//!
//! [`parse`] never fails and never panics: it returns a [`Document`] with byte
//! spans into the text it was given, plus the [`Diagnostic`]s of what it could not
//! read. It does no IO; `specc_project` reads files and calls it once per file.

pub mod adopt;
pub mod conversation;
mod ir;
pub mod norm;
pub mod normative;
mod parse;
mod sentence;
pub mod text;

pub use ir::*;
pub use parse::{parse, parse_streaming, parse_streaming_in_chunks};
