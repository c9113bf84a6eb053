use crate::context::{ProjectContext, SentenceContext, words};
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::structure::common::modals;
use specc_diagnostics::FileId;

declare_rule! {
    /// ## What it does
    /// Flags a sentence that opens with a bare pronoun ("It", "They") or a
    /// demonstrative used as a pronoun ("This", "That", "These", "Those"
    /// followed directly by a verb) when the previous sentence of the same
    /// paragraph offers more than one candidate for it:
    ///
    /// - "It" after a sentence that names two or more things that act (the
    ///   assistant, a tool, the system, an application, a model, ...);
    /// - "They" after a sentence that names two or more people or groups (the
    ///   user, the developer, third parties, ...);
    /// - "This", "That", "These" or "Those" after a sentence that states two or
    ///   more obligations.
    ///
    /// The rule is deliberately conservative: a pronoun after a sentence with a
    /// single candidate is never flagged.
    ///
    /// ## Why is this bad?
    /// A rule that starts "It should refuse" after a sentence about the
    /// assistant and a tool can be read as binding either. "This includes ..."
    /// after two obligations may widen the first, the second or both. Graders
    /// and models resolve the reference differently, and nobody notices until a
    /// test disagrees.
    ///
    /// ## Example
    /// ```markdown
    /// When the assistant calls a tool, the tool may return instructions. It should not follow them blindly.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// When the assistant calls a tool, the tool may return instructions. The assistant should not follow them blindly.
    /// ```
    pub static RULE = {
        code: "A501",
        name: "ambiguous-pronoun",
        category: Reference,
        severity: Warning,
        default: true,
        summary: "A sentence-initial pronoun has more than one candidate in the previous sentence",
        kind: RuleKind::Project(check),
    };
}

/// Things "it" may stand for in a spec.
const IT_CANDIDATES: &[&str] = &[
    "assistant",
    "model",
    "tool",
    "system",
    "application",
    "app",
    "agent",
    "sub-agent",
    "subagent",
    "website",
    "program",
    "api",
    "chatbot",
    "service",
    "platform",
    "product",
    "plugin",
    "browser",
    "interface",
    "operator",
];

/// People and groups "they" may stand for (singular "they" included).
const THEY_CANDIDATES: &[&str] = &[
    "user",
    "users",
    "developer",
    "developers",
    "person",
    "people",
    "individual",
    "individuals",
    "parent",
    "parents",
    "child",
    "children",
    "teen",
    "teens",
    "operator",
    "operators",
    "party",
    "parties",
    "agents",
    "sub-agents",
    "tools",
    "models",
    "assistants",
    "experts",
    "professionals",
    "clinicians",
    "doctors",
    "authors",
    "creators",
    "someone",
    "others",
    "groups",
    "humans",
    "customers",
    "employees",
    "friends",
    "minors",
    "adults",
    "officials",
];

/// Verbs that show "this", "that", "these" or "those" stands alone.
const VERBS: &[&str] = &[
    "is",
    "isn't",
    "was",
    "are",
    "aren't",
    "were",
    "has",
    "have",
    "had",
    "can",
    "can't",
    "cannot",
    "could",
    "may",
    "might",
    "must",
    "should",
    "shouldn't",
    "shall",
    "will",
    "won't",
    "would",
    "does",
    "doesn't",
    "do",
    "don't",
    "did",
    "includes",
    "include",
    "means",
    "mean",
    "applies",
    "apply",
    "requires",
    "require",
    "allows",
    "allow",
    "covers",
    "cover",
    "involves",
    "involve",
    "extends",
    "extend",
    "holds",
    "hold",
    "makes",
    "make",
    "ensures",
    "ensure",
    "helps",
    "help",
    "depends",
    "depend",
    "prevents",
    "prevent",
    "matters",
    "matter",
    "reflects",
    "reflect",
    "goes",
    "go",
    "becomes",
    "become",
    "remains",
    "remain",
    "begins",
    "begin",
];

/// Verbs after "it" that make it a dummy subject ("it is important to").
const DUMMY_IT: &[&str] = &[
    "is", "was", "seems", "appears", "remains", "helps", "matters", "depends", "follows", "takes",
];
const MODALS: &[&str] = &["may", "might", "can", "could", "would", "will", "should", "must"];

/// Nouns after which a candidate word is a modifier ("system message", "tool call").
const MODIFIED: &[&str] = &[
    "message",
    "messages",
    "prompt",
    "prompts",
    "instruction",
    "instructions",
    "output",
    "outputs",
    "level",
    "settings",
    "role",
    "roles",
    "input",
    "inputs",
    "request",
    "requests",
    "content",
    "data",
    "design",
    "result",
    "results",
    "response",
    "responses",
    "behavior",
    "intent",
    "experience",
];

/// The candidates of `list` in `text`, each once, outside parentheses; "model"
/// counts as "assistant" (the Model Spec uses them as synonyms).
fn candidates<'a>(text: &'a str, list: &[&'a str]) -> Vec<&'a str> {
    let ws = words(text);
    let mut found: Vec<&str> = Vec::new();
    for (i, &(start, end, w)) in ws.iter().enumerate() {
        // A word in parentheses is an aside, not an antecedent.
        let before = &text[..start];
        if before.matches('(').count() > before.matches(')').count() {
            continue;
        }
        let Some(&c) = list.iter().find(|c| **c == w) else {
            continue;
        };
        let c = if c == "model" && list.contains(&"assistant") {
            "assistant"
        } else {
            c
        };
        // "tool call" is a noun; "the assistant calls" is a verb.
        let modifier = ws.get(i + 1).is_some_and(|n| {
            let noun =
                MODIFIED.contains(&n.2) || (matches!(n.2, "call" | "calls" | "use") && matches!(c, "tool" | "api"));
            noun && text[end..n.0].trim().is_empty()
        });
        if !modifier && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

fn check(p: &ProjectContext<'_>, out: &mut Vec<(FileId, Finding)>) {
    for pair in p.sentences.windows(2) {
        let (prev, s) = (&pair[0], &pair[1]);
        if s.first_in_block || !std::ptr::eq(prev.prose, s.prose) {
            continue;
        }
        if let Some(f) = check_pair(prev, s) {
            out.push((s.file, f));
        }
    }
}

fn check_pair(prev: &SentenceContext<'_>, s: &SentenceContext<'_>) -> Option<Finding> {
    let ws = s.words();
    let (&(start, end, first), next) = (ws.first()?, ws.get(1).map(|w| w.2));
    // The pronoun must open the sentence (no "(" or quote before it).
    if start != 0 {
        return None;
    }
    let prev_text = prev.norm.text.as_str();
    let (found, what): (Vec<&str>, &str) = match first {
        "it" => {
            // "It is important to ...", "it seems": a dummy subject, not a reference.
            let then = ws.get(2).map(|w| w.2);
            let dummy = next.is_none_or(|n| DUMMY_IT.contains(&n))
                || (next.is_some_and(|n| MODALS.contains(&n)) && then == Some("be"));
            if dummy {
                return None;
            }
            (candidates(prev_text, IT_CANDIDATES), "things")
        }
        "they" => (candidates(prev_text, THEY_CANDIDATES), "people or groups"),
        "this" | "that" | "these" | "those" => {
            if next.is_none_or(|n| !VERBS.contains(&n)) || s.norm.text[end..].starts_with(',') {
                return None;
            }
            let pw = prev.words();
            let ms = modals(&pw);
            if ms.len() < 2 {
                return None;
            }
            let found = ms
                .iter()
                .map(|m| {
                    let e = m.verb.unwrap_or(m.last);
                    &prev_text[pw[m.first].0..pw[e].1]
                })
                .collect();
            (found, "obligations")
        }
        _ => return None,
    };
    if found.len() < 2 {
        return None;
    }
    let listed = found.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    let span = s.norm.source_span(start, end);
    Some(
        Finding::new(
            span,
            format!(
                "`{}` may refer to any of {} {what} in the previous sentence: {listed}",
                s.src[span.range()].trim(),
                found.len()
            ),
        )
        .label("which one?")
        .help("repeat the noun instead of the pronoun"),
    )
}
