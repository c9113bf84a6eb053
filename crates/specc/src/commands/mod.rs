pub mod check;
pub mod diff;
pub mod explain;
pub mod init;
pub mod lint;
pub mod new_clause;
pub mod test;
