//! How much the binary says on stderr besides its findings and errors:
//! `-q/--quiet` keeps only errors and the result, `-v/--verbose` adds a line
//! per model request. One process-wide level, set once by the binary and
//! read by every crate through [`note!`](crate::note) and [`verbose`].

use std::sync::atomic::{AtomicI8, Ordering};

static LEVEL: AtomicI8 = AtomicI8::new(0);

/// Quiet below 0, normal at 0, verbose above.
pub fn set_verbosity(level: i8) {
    LEVEL.store(level, Ordering::Relaxed);
}

/// `-q`: progress and notes are not printed.
pub fn quiet() -> bool {
    LEVEL.load(Ordering::Relaxed) < 0
}

/// `-v`: request-level logs are printed.
pub fn verbose() -> bool {
    LEVEL.load(Ordering::Relaxed) > 0
}

/// A note on stderr (what is being done, where a result was written),
/// unless `-q`. Errors and warnings use `eprintln!`: they are always shown.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {
        if !$crate::quiet() {
            eprintln!($($arg)*);
        }
    };
}

/// A request-level log line on stderr, with `-v` only.
#[macro_export]
macro_rules! trace {
    ($($arg:tt)*) => {
        if $crate::verbose() {
            eprintln!($($arg)*);
        }
    };
}
