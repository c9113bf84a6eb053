use crate::context::PhraseMatch;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::helpers::phrase_finding;

declare_rule! {
    /// ## What it does
    /// Flags an obligation in the passive voice that does not name who must act:
    /// "should be provided", "must be avoided", "is to be treated". A passive
    /// followed by "by ..." names its actor and is not flagged.
    ///
    /// ## Why is this bad?
    /// A rule is tested against an actor. "Citations should be used" does not say
    /// whether the assistant must add them, the developer must supply them, or
    /// the user may ask for them, so a grader cannot tell whose failure a missing
    /// citation is.
    ///
    /// ## Example
    /// ```markdown
    /// A disclaimer should be included when the topic is medical.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should include a disclaimer when the topic is medical.
    /// ```
    pub static RULE = {
        code: "A706",
        name: "passive-obligation",
        category: Structure,
        severity: Warning,
        default: false,
        summary: "A passive obligation hides who must act",
        kind: RuleKind::Phrase {
            phrases: &[
                "should be", "must be", "shall be", "is to be", "are to be", "needs to be", "need to be", "has to be",
                "have to be", "should not be", "must not be", "should never be", "must never be", "should always be",
                "must always be", "should only be", "must only be", "shouldn't be", "mustn't be", "should also be",
                "must also be",
            ],
            check,
        },
    };
}

/// Irregular past participles.
const IRREGULAR: &[&str] = &[
    "done",
    "made",
    "given",
    "shown",
    "taken",
    "written",
    "sent",
    "told",
    "kept",
    "put",
    "set",
    "held",
    "brought",
    "thought",
    "built",
    "sought",
    "found",
    "left",
    "paid",
    "read",
    "run",
    "seen",
    "known",
    "drawn",
    "met",
    "said",
    "understood",
    "withheld",
    "hidden",
    "chosen",
    "spoken",
    "broken",
    "forgotten",
    "bound",
    "caught",
    "taught",
    "led",
    "borne",
    "driven",
    "undertaken",
    "overridden",
    "forbidden",
    "withdrawn",
    "begun",
    "laid",
    "struck",
    "sold",
];

/// Words ending in "-ed" that are adjectives after "be", not passives.
const ADJECTIVES: &[&str] = &[
    "concerned",
    "interested",
    "prepared",
    "supposed",
    "tired",
    "worried",
    "excited",
    "pleased",
    "satisfied",
    "aware",
    "used",
    "allowed",
    "permitted",
    "expected",
    "required",
    "advised",
    "inclined",
    "willing",
    "able",
    "biased",
    "limited",
    "measured",
    "reserved",
    "guarded",
    "balanced",
    "detailed",
    "tailored",
    "related",
    "based",
    "ashamed",
    "embarrassed",
    "scared",
    "surprised",
    "confused",
    "engaged",
    "committed",
    "dedicated",
    "focused",
    "grounded",
    "informed",
    "involved",
    "sophisticated",
    "varied",
    "qualified",
    "skilled",
    "talented",
    "experienced",
    "opinionated",
];

fn is_participle(w: &str) -> bool {
    if ADJECTIVES.contains(&w) {
        return false;
    }
    IRREGULAR.contains(&w) || (w.len() > 4 && w.ends_with("ed"))
}

fn check(m: &PhraseMatch<'_>) -> Option<Finding> {
    // A longer phrase at the same place ("should not be") already covers it.
    let after = m.words_after(10);
    let mut i = 0;
    while after.get(i).is_some_and(|w| w.ends_with("ly") && w.len() > 4) {
        i += 1;
    }
    let participle = after.get(i)?;
    if !is_participle(participle) {
        return None;
    }
    // "should be provided by the assistant" names its actor; stop at the clause end.
    let rest = m.after();
    let clause_end = rest.find([',', ';', ':', '.', '(']).unwrap_or(rest.len());
    if crate::context::words(&rest[..clause_end]).iter().any(|w| w.2 == "by") {
        return None;
    }
    Some(
        phrase_finding(
            m,
            format!("`{} {participle}` does not say who must act", m.source()),
            "by whom?",
        )
        .help("name the actor: \"the assistant should ...\", \"the developer must ...\""),
    )
}
