use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;

declare_rule! {
    /// ## What it does
    /// Flags references by position: "above", "below", "the previous
    /// section", "the following section", "aforementioned", "the former", "the
    /// latter". "above" and "below" count only as positions ("see above", "the
    /// examples above", "as described below"), not as comparisons ("above the
    /// limit", "above all"); "the following:" before a list is fine.
    ///
    /// ## Why is this bad?
    /// Specs are reordered, split into modules and compiled into prompts that
    /// keep only some sections. "As described above" then points at nothing, or
    /// at something else, and "the latter" makes the reader re-parse the previous
    /// sentence to find out which of two things is meant.
    ///
    /// ## Example
    /// ```markdown
    /// As explained in the previous section, the assistant should refuse.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// As explained in [?](#avoid_info_hazards), the assistant should refuse.
    /// ```
    pub static RULE = {
        code: "A502",
        name: "positional-reference",
        category: Reference,
        severity: Warning,
        default: true,
        summary: "A reference by position breaks when the text moves",
        kind: RuleKind::Phrase {
            phrases: &[
                "above", "below", "aforementioned", "aforesaid", "the former", "the latter", "the previous section",
                "the previous sections", "the preceding section", "the preceding sections", "the previous paragraph",
                "the preceding paragraph", "the previous example", "the previous examples", "the preceding example",
                "the preceding examples", "the following section", "the following sections", "the next section",
                "the next sections", "the following paragraph", "the next paragraph", "the last section",
                "as mentioned earlier", "as noted earlier", "as discussed earlier", "as described earlier",
                "as stated earlier", "as mentioned previously", "as noted previously", "as discussed previously",
                "as described previously", "as stated previously", "discussed later", "described later",
                "explained later",
            ],
            check,
        },
    };
}

/// Words after which "above" or "below" points at a place in the text.
const POINTING: &[&str] = &[
    "see",
    "the",
    "described",
    "mentioned",
    "listed",
    "outlined",
    "noted",
    "stated",
    "discussed",
    "shown",
    "given",
    "defined",
    "explained",
    "detailed",
    "specified",
    "presented",
    "cited",
    "quoted",
    "introduced",
    "illustrated",
    "provided",
    "set",
    "laid",
    "examples",
    "example",
    "section",
    "sections",
    "principles",
    "guidelines",
    "rules",
    "cases",
    "list",
    "table",
    "paragraph",
    "points",
    "criteria",
    "factors",
];

/// Words after "the former" that show it points back at one of two things.
const FORMER_NEXT: &[&str] = &[
    "is", "are", "was", "were", "may", "might", "can", "could", "should", "must", "will", "would", "has", "have",
    "does", "do", "seems", "applies", "apply", "refers", "includes", "case", "cases", "option", "options", "one",
    "kind", "type", "group", "approach", "reading",
];

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    if matches!(m.phrase, "above" | "below") {
        let after = m.after();
        let ends = after.is_empty() || after.starts_with(['.', ',', ';', ':', ')']);
        let prev = m.words_before(1);
        let pointing = prev.first().is_some_and(|w| POINTING.contains(w));
        // "above all", "above and beyond", "below 18": comparisons, not places.
        let comparison = !ends
            && m.words_after(1).first().is_some_and(|w| {
                ["all", "and", "average", "the", "a", "an", "any", "that", "this", "zero"].contains(w)
                    || w.chars().all(|c| c.is_ascii_digit())
            });
        if comparison || !(ends || pointing) {
            return None;
        }
    }
    if m.phrase == "the former" {
        // "the former president" is the adjective; "the former is", "the former case" point back.
        let after = m.after();
        let next = m.words_after(1);
        let points = after.is_empty()
            || after.starts_with(['.', ',', ';', ':', ')'])
            || next.first().is_some_and(|w| FORMER_NEXT.contains(w));
        if !points {
            return None;
        }
    }
    Some(
        phrase_finding(
            m,
            format!("`{}` refers to a place in the text, not to what is there", m.source()),
            "which one?",
        )
        .help("name what is meant, or link the section with [?](#id)"),
    )
}
