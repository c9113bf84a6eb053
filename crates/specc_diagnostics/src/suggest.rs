//! Did-you-mean: the one similarity measure every "no such ID" message uses.

/// The most similar candidate, if it is similar enough to be a likely typo
/// (Jaro-Winkler at least 0.85; ties go to the alphabetically first).
pub fn closest<'a>(target: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(target, c), c))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let ids = ["protect_privacy", "chain_of_command", "be_kind"];
        assert_eq!(closest("protect_privcy", ids.iter().copied()), Some("protect_privacy"));
        assert_eq!(closest("zzz", ids.iter().copied()), None);
        assert_eq!(closest("be_knd", ids.iter().copied()), Some("be_kind"));
    }
}
