use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;
use crate::rules::universals::common::object_of_obligation;

declare_rule! {
    /// ## What it does
    /// Flags a comparative with no baseline that is what an obligation asks
    /// for: "should give shorter answers", "should be more concise", "should
    /// provide longer, more detailed answers", with no *than* (or *as*,
    /// *compared to*, *relative to*) in the sentence. Comparatives elsewhere in
    /// the sentence ("a broader scope would help", "offer safer alternatives"
    /// after another verb) usually have their baseline in context and are not
    /// flagged, nor are fixed terms ("higher-level", "better off").
    ///
    /// ## Why is this bad?
    /// "The assistant should give shorter answers" cannot be tested: shorter
    /// than what? The previous answer, a default, a competitor, the user's
    /// message? Each grader picks its own baseline.
    ///
    /// ## Example
    /// ```markdown
    /// In voice mode the assistant should give shorter answers.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// In voice mode the assistant should give shorter answers than it would in text, usually one to three sentences.
    /// ```
    pub static RULE = {
        code: "A602",
        name: "comparative-without-baseline",
        category: Universals,
        severity: Warning,
        default: true,
        summary: "A comparative with no baseline to compare against",
        kind: RuleKind::Phrase {
            phrases: &[
                "better", "worse", "safer", "shorter", "longer", "simpler", "clearer", "faster", "slower", "easier",
                "harder", "stronger", "weaker", "briefer", "richer", "deeper", "broader", "narrower", "gentler",
                "warmer", "more concise", "more detailed", "more helpful", "more careful", "more cautious",
                "more conservative", "more direct", "more formal", "more casual", "more thorough", "more specific",
                "more accurate", "more useful", "more engaging", "more creative", "more nuanced", "more explicit",
                "more verbose", "more polite", "more empathetic", "more neutral", "more balanced", "more likely",
                "less likely", "less verbose", "less formal", "less detailed", "less cautious", "less restrictive",
                "less helpful", "less direct", "less confident",
            ],
            check,
        },
    };
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    let after = m.after();
    // "higher-level", "longer-term": part of a compound.
    if after.starts_with('-') || m.before().ends_with('-') {
        return None;
    }
    let prev = m.words_before(1);
    let p = prev.first().copied().unwrap_or("");
    let next = m.words_after(1);
    let n = next.first().copied().unwrap_or("");
    // "better off", "had better", "for better or worse", "no longer", "any longer", "the longer ..., the ...".
    if matches!(n, "off" | "or" | "and" | "still")
        || matches!(
            p,
            "had" | "no" | "any" | "the" | "much" | "for" | "or" | "and" | "even" | "get" | "gets" | "getting"
        )
    {
        return None;
    }
    // "better understand": an adverb on a verb, not a rule about the answer.
    if m.phrase == "better" && matches!(p, "to" | "can" | "could" | "will" | "would" | "should" | "might") {
        return None;
    }
    // A baseline anywhere after it, or a comparison before it.
    let text = m.sentence.norm.text.as_str();
    let baseline = [
        " than ",
        " as ",
        "compared to",
        "compared with",
        "relative to",
        "instead of",
        "rather than",
        "over ",
    ];
    if baseline.iter().any(|b| after.contains(b)) || text.contains("than ") {
        return None;
    }
    if !object_of_obligation(m) {
        return None;
    }
    Some(
        phrase_finding(m, format!("`{}` compared to what?", m.source()), "than what?")
            .help("name the baseline (\"shorter than its text answers\") or give a measure"),
    )
}
