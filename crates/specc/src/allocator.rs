//! Settings of the global allocator (mimalloc).

use libmimalloc_sys::{mi_option_set, mi_option_t};

// The position of `mi_option_purge_delay` in `mi_option_e` of mimalloc v3
// (libmimalloc-sys 0.1.49), which its Rust bindings do not name; the test
// below checks it by the option's default.
const PURGE_DELAY: mi_option_t = 15;

/// Hands freed memory back to the OS at once rather than a second later. For
/// long streaming runs (`specc test` over 100,000 cases), where mimalloc's
/// delay kept about 18 MiB of freed pages resident (57 MiB peak instead of
/// 38); short commands keep the faster default.
pub fn return_memory_promptly() {
    // SAFETY: a setter of a process-wide integer option; any value is valid.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use libmimalloc_sys::mi_option_get;

    #[test]
    fn the_option_position_names_the_purge_delay() {
        // Its default in mimalloc v3's options.c is 1000 (ms); no other option has it.
        // SAFETY: a getter.
        assert_eq!(unsafe { mi_option_get(PURGE_DELAY) }, 1000);
    }
}
