//! Case IDs and content hashes, assigned to each example once its owner is known.

use crate::ir::*;
use crate::text::slugify;
use std::collections::HashMap;

/// Stable case IDs and content hashes for the examples of one document, in
/// document order: the second "Hello" example of a section is `sec:hello-2`.
#[derive(Default)]
pub(super) struct CaseNamer {
    /// Keyed by a 64-bit hash of (owner, slug): a test file with 100,000
    /// prompts keeps 100,000 small keys rather than as many string pairs
    /// (two titles collide with odds of about 1 in 10^9 per file that size).
    seen: HashMap<u64, u32>,
}

impl CaseNamer {
    pub(super) fn assign(&mut self, ex: &mut Example) {
        let owner = match &ex.owner {
            Owner::Section(s) | Owner::Clause(s) => s.as_str(),
            Owner::Document => "document",
        };
        let slug = slugify(&ex.title);
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(owner.as_bytes());
        h.update(b"\0");
        h.update(slug.as_bytes());
        let n = self.seen.entry(h.digest()).or_insert(0);
        *n += 1;
        let base = if *n == 1 {
            format!("{owner}:{slug}")
        } else {
            format!("{owner}:{slug}-{n}")
        };
        ex.cases = case_hashes(ex)
            .into_iter()
            .enumerate()
            .map(|(k, (comparison, hash))| Case {
                id: if k == 0 {
                    base.clone()
                } else {
                    format!("{base}/{}", k + 1)
                },
                comparison,
                hash,
            })
            .collect();
    }
}

/// One hash per test point, computed in one pass: the conversation up to the
/// point (earlier comparisons stand as their first GOOD answer, as the prompt
/// will), the point's answers, and the expectations. Titles and `comment=`
/// notes are left out, so only edits that change a test change its hash.
fn case_hashes(ex: &Example) -> Vec<(Option<usize>, String)> {
    use xxhash_rust::xxh3::Xxh3;
    fn message(h: &mut Xxh3, m: &Message, judged: bool) {
        h.update(m.role.as_str().as_bytes());
        h.update(b"\0");
        for (k, v) in m.attributes.iter().filter(|(k, _)| k != "comment") {
            h.update(k.as_bytes());
            h.update(b"=");
            h.update(v.as_bytes());
            h.update(b"\0");
        }
        if judged && let Some(mk) = &m.marker {
            h.update(match mk.judgement {
                Judgement::Good => b"G",
                Judgement::Bad => b"B",
                Judgement::Ok => b"O",
            });
            h.update(mk.section.as_deref().unwrap_or("").as_bytes());
        }
        h.update(b"\x01");
        h.update(m.content.as_bytes());
        h.update(b"\x02");
    }
    fn finish(mut h: Xxh3, ex: &Example) -> String {
        for e in &ex.expectations {
            match &e.check {
                ExpectationKind::Rubric { text } => {
                    h.update(b"rubric\0");
                    h.update(text.as_bytes());
                }
                ExpectationKind::Assertion { kind, argument } => {
                    h.update(format!("{kind:?}\0").as_bytes());
                    h.update(argument.as_bytes());
                }
            }
            h.update(b"\x03");
        }
        // A content hash for noticing edits, not a security boundary.
        format!("{:016x}", h.digest())
    }
    let mut prefix = Xxh3::new();
    let mut out = Vec::new();
    for (i, t) in ex.turns.iter().enumerate() {
        match t {
            Turn::Message(m) => message(&mut prefix, m, false),
            Turn::Comparison(c) => {
                let mut point = prefix.clone();
                point.update(b"comparison\0");
                for a in &c.answers {
                    message(&mut point, a, true);
                }
                out.push((Some(i), finish(point, ex)));
                if let Some(good) = c.first_with(Judgement::Good).or(c.answers.first()) {
                    message(&mut prefix, good, false);
                }
            }
        }
    }
    if out.is_empty() {
        out.push((None, finish(prefix, ex)));
    }
    out
}
