//! Settings of the global allocator (mimalloc).

use libmimalloc_sys::{mi_option_set, mi_option_t};

// The positions of `mi_option_purge_delay` and `mi_option_allow_thp` in
// `mi_option_e` of mimalloc v3 (libmimalloc-sys 0.1.49), which its Rust
// bindings do not name; the tests below check them by the options' defaults.
const PURGE_DELAY: mi_option_t = 15;
const ALLOW_THP: mi_option_t = 43;

/// Hands freed memory back to the OS at once rather than a second later. For
/// long streaming runs (`specc test` over 100,000 cases), where mimalloc's
/// delay kept about 18 MiB of freed pages resident (57 MiB peak instead of
/// 38); short commands keep the faster default.
pub fn return_memory_promptly() {
    // SAFETY: a setter of a process-wide integer option; any value is valid.
    unsafe { mi_option_set(PURGE_DELAY, 0) }
}

/// No transparent huge pages for this process. mimalloc asks the kernel for
/// them on its arenas (THP in `madvise` mode, Debian's default), and then a
/// 2 MiB page is resident as soon as one byte of it is touched: a 100,000-case
/// `specc test --batch` peaked at 52-58 MiB, 32 MiB of it huge pages, and at
/// 37-39 MiB without (docs/PERFORMANCE.md). mimalloc reads its own option
/// before `main`, so the process-wide switch is set here too; it applies to
/// the arenas already mapped.
pub fn no_transparent_huge_pages() {
    // SAFETY: a setter of a process-wide integer option; any value is valid.
    unsafe { mi_option_set(ALLOW_THP, 0) }
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with integer arguments only; on failure (an old kernel) nothing changes.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
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

    #[test]
    fn the_option_position_names_allow_thp_and_the_switch_takes() {
        // allow_thp defaults to 1 (on Linux); the options after it to 0 and 2 GiB.
        // SAFETY: getters.
        unsafe {
            assert_eq!(mi_option_get(ALLOW_THP), 1);
            assert_eq!(mi_option_get(ALLOW_THP + 1), 0);
            assert_eq!(mi_option_get(ALLOW_THP + 2), 2 * 1024 * 1024);
        }
        no_transparent_huge_pages();
        // SAFETY: getters.
        assert_eq!(unsafe { mi_option_get(ALLOW_THP) }, 0);
        #[cfg(target_os = "linux")]
        // SAFETY: prctl with integer arguments only.
        assert_eq!(unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) }, 1);
    }
}
