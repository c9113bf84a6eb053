//! A4xx: open-ended lists and incompletes.

pub mod etc_after_such_as;
