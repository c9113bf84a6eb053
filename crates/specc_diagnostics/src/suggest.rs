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

/// Did-you-mean against a fixed set of IDs, asked many times (every
/// dangling reference of a project). Up to [`COMPARE_ALL`] IDs every one is
/// compared, as [`closest`] does; above that, only the few that share the
/// most letter triples with the target are, so a project with thousands of
/// IDs and thousands of dangling references costs time linear in both,
/// not their product.
pub struct Suggester<'a> {
    ids: Vec<&'a str>,
    /// Letter triple → the IDs that contain it.
    grams: std::collections::HashMap<[u8; 3], Vec<u32>>,
    /// Shared-triple counts per ID, reused from one question to the next
    /// (only the entries a question touched are reset).
    counts: std::cell::RefCell<Vec<u32>>,
}

/// Up to this many IDs, every one is compared.
pub const COMPARE_ALL: usize = 512;
/// Above it, this many candidates are compared.
const CANDIDATES: usize = 32;
/// A triple in more IDs than this (`_` `top` in `topic_1` … `topic_9999`)
/// says nothing about which one is meant, and is not counted.
const COMMON: usize = 64;

impl<'a> Suggester<'a> {
    pub fn new(ids: impl IntoIterator<Item = &'a str>) -> Suggester<'a> {
        let mut ids: Vec<&'a str> = ids.into_iter().collect();
        ids.sort_unstable();
        ids.dedup();
        let mut grams: std::collections::HashMap<[u8; 3], Vec<u32>> = std::collections::HashMap::new();
        if ids.len() > COMPARE_ALL {
            for (i, id) in ids.iter().enumerate() {
                for g in triples(id) {
                    let posting = grams.entry(g).or_default();
                    if posting.last() != Some(&(i as u32)) {
                        posting.push(i as u32);
                    }
                }
            }
        }
        let counts = std::cell::RefCell::new(vec![0; if ids.len() > COMPARE_ALL { ids.len() } else { 0 }]);
        Suggester { ids, grams, counts }
    }

    /// [`closest`] among the IDs, or among the likeliest of them.
    pub fn closest(&self, target: &str) -> Option<&'a str> {
        if self.ids.len() <= COMPARE_ALL {
            return closest(target, self.ids.iter().copied());
        }
        let mut counts = self.counts.borrow_mut();
        let mut touched: Vec<u32> = Vec::new();
        let mut grams: Vec<[u8; 3]> = triples(target).collect();
        grams.sort_unstable();
        grams.dedup();
        for g in grams {
            match self.grams.get(&g) {
                Some(posting) if posting.len() <= COMMON => {
                    for &i in posting {
                        if counts[i as usize] == 0 {
                            touched.push(i);
                        }
                        counts[i as usize] += 1;
                    }
                }
                _ => {}
            }
        }
        let mut ranked: Vec<(u32, u32)> = touched.iter().map(|&i| (counts[i as usize], i)).collect();
        for &i in &touched {
            counts[i as usize] = 0;
        }
        drop(counts);
        ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(CANDIDATES);
        closest(target, ranked.iter().map(|(_, i)| self.ids[*i as usize]))
    }
}

/// The letter triples of `s`, lowercased, with the ends padded.
fn triples(s: &str) -> impl Iterator<Item = [u8; 3]> + '_ {
    let bytes: Vec<u8> = std::iter::once(b' ')
        .chain(s.bytes().map(|b| b.to_ascii_lowercase()))
        .chain(std::iter::once(b' '))
        .collect();
    (0..bytes.len().saturating_sub(2)).map(move |i| [bytes[i], bytes[i + 1], bytes[i + 2]])
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

    #[test]
    fn a_large_set_finds_the_same_typos_through_its_index() {
        let ids: Vec<String> = (0..5000).map(|i| format!("topic_{i}")).collect();
        let s = Suggester::new(ids.iter().map(String::as_str));
        assert_eq!(s.closest("tpoic_1234"), Some("topic_1234"));
        assert_eq!(s.closest("topic_4999x"), Some("topic_4999"));
        assert_eq!(s.closest("zzzzzzzz"), None);
        // Small sets compare everything, as `closest` does.
        let small = Suggester::new(["protect_privacy", "be_kind"]);
        assert_eq!(small.closest("protect_privcy"), Some("protect_privacy"));
    }
}
