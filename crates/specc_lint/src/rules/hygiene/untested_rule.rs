use crate::context::{ProjectContext, SentenceContext};
use crate::coverage::{Coverage, Touch};
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use specc_diagnostics::FileId;
use specc_syntax::{DocumentKind, ProseKind};

declare_rule! {
    /// ## What it does
    /// Flags a strong rule (one with `must`, `must not`, `never`, `may not`,
    /// `should not`, `shall`, `is prohibited`, or a directive `avoid`,
    /// `refrain from`, `refuse to`, `decline to`) in a section with an authority
    /// level that no clause marker covers, when no example of its section and
    /// no test prompt of the section's clauses uses any of its distinctive
    /// words: the content words that few sections of the spec use. The finding
    /// lists those words. A section with no marker and no example at all is
    /// S001's, not this rule's.
    ///
    /// Off by default (`--select S002` turns it on): words cannot see an
    /// example that tests a rule in other words ("im 16, can u book it?"
    /// for "must not accept a booking where the lead guest is under 18").
    /// `specc clarify` asks about these rules anyway, where "tested
    /// elsewhere" is an answer.
    ///
    /// ## Why is this bad?
    /// The rule is in force, but `specc test` never sends a prompt where it
    /// matters: the suite passes whether a model keeps it or not, and a change
    /// to it shows in no result. Sections with a few marked clauses often hold
    /// such rules in the sentences around them, added later.
    ///
    /// ## Example
    /// ```markdown
    /// ## Handle refunds {#refunds authority=developer}
    ///
    /// The assistant should confirm the order number before a refund[^rf01].
    /// The assistant must never promise a delivery date for a replacement.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Handle refunds {#refunds authority=developer}
    ///
    /// The assistant should confirm the order number before a refund[^rf01].
    /// The assistant must never promise a delivery date for a replacement[^rf02].
    /// ```
    pub static RULE = {
        code: "S002",
        name: "untested-rule",
        category: Hygiene,
        severity: Warning,
        default: false,
        summary: "A strong rule no clause marks and no example or test prompt of its section touches",
        kind: RuleKind::Project(check),
    };
}

/// Modal phrases that make a sentence a strong rule, in normalised text.
const STRONG: &[&str] = &[
    "avoid",
    "refrain from",
    "refuse to",
    "decline to",
    "must",
    "mustn't",
    "shall",
    "never",
    "may not",
    "should not",
    "shouldn't",
    "is prohibited",
    "are prohibited",
    "is forbidden",
    "are forbidden",
    "is not allowed",
    "are not allowed",
];

/// Openings of sentences that illustrate or comment on a rule rather than state one.
const NOT_A_RULE: &[&str] = &[
    "for example",
    "for instance",
    "e.g.",
    "this ",
    "that ",
    "these ",
    "those ",
    "there ",
    "note that",
    "(",
    "the user ",
    "users ",
    "the developer ",
    "developers ",
];

/// Whether normalised, lower-case text holds a strong modal (a ban or a duty).
pub(crate) fn is_strong(norm: &str) -> bool {
    let spaced = format!(" {} ", norm.replace(|c: char| !(c.is_alphanumeric() || c == '\''), " "));
    STRONG.iter().any(|m| {
        spaced.match_indices(&format!(" {m} ")).any(|(at, found)| {
            // "avoid", "refrain from", "refuse to", "decline to" ban only as a
            // directive: after a modal ("should avoid"), joined to one ("should
            // be explicit and refuse to"), or opening the sentence ("Avoid
            // jargon"); not as a purpose or a value ("to avoid exacerbating",
            // "it is important to refrain from").
            if ["avoid", "refrain from", "refuse to", "decline to"].contains(m) {
                // An adverb in between counts for nothing ("or simply refuse to").
                let before = spaced[..at]
                    .split(' ')
                    .rev()
                    .find(|w| !w.is_empty() && !w.ends_with("ly"))
                    .unwrap_or("");
                return before.is_empty()
                    || [
                        "should", "must", "shall", "will", "always", "and", "or", "please", "strictly",
                    ]
                    .contains(&before);
            }
            // "may not be aware", "may not have": a possibility, not a ban;
            // "may not be forwarded" is a ban.
            let mut next = spaced[at + found.len()..].split(' ');
            let (first, second) = (next.next().unwrap_or(""), next.next().unwrap_or(""));
            let participle = second.ends_with("ed")
                || ["shown", "given", "sent", "told", "written", "done", "made"].contains(&second);
            !(m.starts_with("may")
                && (["have", "always", "apply", "know"].contains(&first) || (first == "be" && !participle)))
        })
    })
}

fn check(p: &ProjectContext<'_>, out: &mut Vec<(FileId, Finding)>) {
    for doc in p.documents {
        if doc.kind != DocumentKind::Spec {
            continue;
        }
        let coverage = Coverage::of(doc, p.sources, p.test_files);
        let sentences: Vec<&SentenceContext<'_>> = p.sentences.iter().filter(|s| s.file == doc.file).collect();
        for (k, s) in sentences.iter().enumerate() {
            let Some(section) = s.section else { continue };
            if section.authority.is_none() || !untested_candidate(s) {
                continue;
            }
            let Some(si) = doc.sections.iter().position(|x| std::ptr::eq(x, section)) else {
                continue;
            };
            if !coverage.tested(si) {
                continue; // S001's
            }
            // A section's opening paragraph states what its examples illustrate.
            let opening = doc
                .prose
                .iter()
                .find(|pr| pr.section == Some(si) && !pr.structural && pr.kind != ProseKind::Heading)
                .is_some_and(|pr| pr.span.contains(s.span.start));
            if opening && doc.examples.iter().any(|e| section.extent.contains(e.span.start)) {
                continue;
            }
            // "It shouldn't just say yes. Instead, it may push back[^a9sq]": the
            // marked sentence after it states the same rule the other way round.
            if let Some(next) = sentences.get(k + 1)
                && std::ptr::eq(next.prose, s.prose)
                && next.source().contains("[^")
                && ["instead", "rather"]
                    .iter()
                    .any(|w| next.norm.text.trim_start().to_lowercase().starts_with(w))
            {
                continue;
            }
            let Touch::Unexercised(words) = coverage.touch(si, &s.norm.text) else {
                continue;
            };
            out.push((
                doc.file,
                Finding::new(
                    s.span,
                    format!(
                        "a rule of `{}` ({} authority) that no clause marks, and no example or test prompt of the section uses its words ({})",
                        section.id,
                        section.authority.as_deref().unwrap_or_default(),
                        words.join(", ")
                    ),
                )
                .label("nothing tests this rule")
                .help("mark it as a clause (`[^id]`) with a test file, or add an example that shows it"),
            ));
        }
    }
}

/// Whether a sentence states a strong rule of its own, unmarked.
fn untested_candidate(s: &SentenceContext<'_>) -> bool {
    let lower = s.norm.text.trim_start().to_lowercase();
    // "While the assistant must adhere to X, it is important to Y": the
    // strong modal sits in the concession; the rule is the main clause.
    let main = match lower.strip_prefix("while ").or_else(|| lower.strip_prefix("although ")) {
        Some(rest) => rest.split_once(", ").map_or(rest, |(_, main)| main),
        None => lower.as_str(),
    };
    !s.source().contains("[^")
        && !s
            .prose
            .markers
            .iter()
            .any(|m| s.span.start <= m.start && m.start <= s.span.end)
        && !NOT_A_RULE.iter().any(|p| lower.starts_with(p))
        && is_strong(main)
}
