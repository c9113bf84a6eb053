pub mod check;
pub mod explain;
pub mod init;
pub mod new_clause;
