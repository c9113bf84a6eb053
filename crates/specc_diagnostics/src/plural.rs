//! Counts in messages: the one way every crate writes "1 section" and
//! "2 sections", so no summary says "1 errors".

use std::fmt::Display;

/// `n` followed by `singular` when `n` is 1 and by `plural` otherwise (0
/// included): `plural(1, "section", "sections")` is `"1 section"`. Both forms
/// are given, because English plurals are not always an added "s" ("fix",
/// "fixes"), and a noun may carry its verb ("finding is", "findings are").
pub fn plural<N>(n: N, singular: &str, plural: &str) -> String
where
    N: Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { singular } else { plural };
    format!("{n} {noun}")
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1usize, "section", "sections"), "1 section");
        assert_eq!(plural(0usize, "section", "sections"), "0 sections");
        assert_eq!(plural(2usize, "section", "sections"), "2 sections");
        assert_eq!(plural(11usize, "error", "errors"), "11 errors");
        assert_eq!(plural(1u64, "fix", "fixes"), "1 fix");
        assert_eq!(plural(3u32, "fix", "fixes"), "3 fixes");
        assert_eq!(plural(1i64, "test prompt", "test prompts"), "1 test prompt");
        assert_eq!(plural(1usize, "finding is", "findings are"), "1 finding is");
    }
}
