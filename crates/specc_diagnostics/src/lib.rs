//! Diagnostics for specc: what a finding is (code, severity, message, spans, help),
//! the registry of codes with their documentation, and the human (rustc-style) and
//! JSON renderings. Analysis crates produce [`Diagnostic`] values; only the binary
//! decides how to print them. [`plural`] words every count in every crate's messages.

mod codes;
mod diagnostic;
mod plural;
mod render;
mod severity;
mod source;
mod suggest;
mod verbosity;

pub use codes::{CODES, Code, CodeInfo, lookup};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use plural::plural;
pub use render::{HumanRenderer, json_object};
pub use source::{FileId, LineIndex, SourceFile, SourceMap, Span, normalize as normalize_line_ends};
pub use suggest::{Suggester, closest};
pub use verbosity::{quiet, set_verbosity, verbose};
