use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use crate::rules::structure::common::{conditions, modals};

declare_rule! {
    /// ## What it does
    /// Flags an unbounded universal (*always*, *never*, *every*, *all*,
    /// *none*, *no one*, *nothing*, *everything*, *under any circumstances*,
    /// *in all cases*) in a sentence that states an obligation (*must*,
    /// *should*, ...) with no condition (*if*, *unless*, *when*, *except*,
    /// ...) to bound it. Deliberate absolutes at MUST strength ("must never",
    /// "must always") and idioms ("at all", "above all", "first of all", "not
    /// all") are not flagged.
    ///
    /// ## Why is this bad?
    /// "The assistant should always ask a clarifying question" is falsified by
    /// the first case where asking is silly. Either the author meant a default
    /// (then say when it yields), or an absolute (then say so at MUST strength
    /// and test the edge cases). A SHOULD-level universal is usually neither.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should always cite a source.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should cite a source when it states a fact the user could not easily check.
    /// ```
    pub static RULE = {
        code: "A601",
        name: "unbounded-universal",
        category: Universals,
        severity: Warning,
        default: false,
        summary: "A universal in an obligation with no condition to bound it",
        kind: RuleKind::Phrase {
            phrases: &[
                "always", "never", "every", "all", "none", "no one", "nothing", "everything", "everyone", "everybody",
                "under any circumstances", "under no circumstances", "in all cases", "in every case", "at all times",
                "without exception",
            ],
            check,
        },
    };
}

/// Idioms in which "all" or "every" is not a universal over cases.
fn idiom(m: &PhraseMatch<'_>) -> bool {
    let prev = m.words_before(1);
    let next = m.words_after(1);
    let p = prev.first().copied().unwrap_or("");
    let n = next.first().copied().unwrap_or("");
    // "all" in "in all cases", "every" in "in every case": the longer phrase reports it.
    if matches!(m.phrase, "all" | "every") && p == "in" && matches!(n, "case" | "cases") {
        return true;
    }
    match m.phrase {
        "all" => {
            matches!(
                p,
                "at" | "above" | "of" | "after" | "not" | "almost" | "nearly" | "once" | "and" | "for"
            ) || matches!(n, "but" | "in" | "too")
        }
        "every" => matches!(n, "bit" | "now" | "so") || p == "not" || p == "almost",
        "never" => n == "mind",
        "nothing" => n == "but" || (n == "else" && p == "if"),
        _ => false,
    }
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if idiom(m) {
        return None;
    }
    let s = m.sentence;
    let words = s.words();
    let ms = modals(&words);
    if ms.is_empty() {
        return None;
    }
    // Bounded by a condition somewhere in the sentence.
    if !conditions(&words).is_empty() {
        return None;
    }
    let text = s.norm.text.as_str();
    if ["only ", "except", "by default", "where ", "as long as", "regardless"]
        .iter()
        .any(|c| text.contains(c))
    {
        return None;
    }
    // "must never", "must always", "must not ... any": a deliberate absolute.
    let before = m.words_before(3);
    if before
        .iter()
        .any(|w| matches!(*w, "must" | "mustn't" | "shall" | "required"))
    {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` with no condition to bound it", m.source()),
            "in every case?",
        )
        .help("say when the rule yields, or make the absolute deliberate (\"must never\") and test its edge cases"),
    )
}
