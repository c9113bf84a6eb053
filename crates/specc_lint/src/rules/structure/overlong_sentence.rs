use crate::context::SentenceContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};

/// Sentences longer than this many words are flagged.
const MAX_WORDS: usize = 60;

declare_rule! {
    /// ## What it does
    /// Flags a normative sentence of more than 60 words.
    ///
    /// ## Why is this bad?
    /// A long sentence usually carries several obligations and conditions at
    /// once; readers, graders and models lose track of which condition governs
    /// which obligation, and a test can only pass or fail the whole sentence.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant should ask a clarifying question when the request is ambiguous and the cost of a wrong guess is high, unless the user has asked it not to, in which case it should state its assumption and proceed, noting alternatives the user might have meant, and it should never ask more than one question at a time or ask again about a point the user has already settled earlier in the conversation.
    /// ```
    ///
    /// ## Use instead
    /// Split it into one sentence per obligation, each with its own condition.
    pub static RULE = {
        code: "A701",
        name: "overlong-sentence",
        category: Structure,
        severity: Warning,
        default: true,
        summary: "A normative sentence is too long to test as one rule",
        kind: RuleKind::Sentence(check),
    };
}

fn check(s: &SentenceContext<'_>, out: &mut Vec<Finding>) {
    let n = s.words().len();
    if n > MAX_WORDS {
        out.push(
            Finding::new(s.span, format!("sentence of {n} words (more than {MAX_WORDS})"))
                .label("one sentence")
                .help("split it into one sentence per obligation, each with its own condition"),
        );
    }
}
