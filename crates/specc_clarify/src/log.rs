//! `clarifications.md`, beside the spec: one entry per decision (question,
//! evidence, answer, what changed, date). It has no authority level, so specc
//! reads it as commentary: no rule, nothing linted, nothing tested. Each
//! entry's heading carries the question's ID, so a question answered once is
//! not asked again.

use crate::Question;
use std::collections::HashSet;

pub const LOG_FILE: &str = "clarifications.md";

/// The IDs of the questions `clarifications.md` already answers.
pub fn answered(log: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut rest = log;
    while let Some(i) = rest.find("{#q-") {
        let id = &rest[i + 2..];
        let end = id.find('}').unwrap_or(id.len());
        let id = &id[..end];
        if id.len() == 10 && id[2..].chars().all(|c| c.is_ascii_hexdigit()) {
            out.insert(id.to_string());
        }
        rest = &rest[i + 4..];
    }
    out
}

/// Clause markers in log text would be read as clauses: name them instead.
fn unmark(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("[^") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(']') {
            Some(j) if j > 0 && after[..j].chars().all(|c| c.is_alphanumeric() || "_-.:".contains(c)) => {
                if out.ends_with(|c: char| c.is_alphanumeric()) {
                    out.push(' ');
                }
                out.push_str(&format!("clause `{}`", &after[..j]));
                rest = &after[j + 1..];
            }
            _ => {
                out.push_str("[^");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text to append to `clarifications.md` (its title too when `existing` is empty).
pub fn log_entry(
    existing: &str,
    q: &Question,
    chosen: &str,
    answer: Option<&str>,
    changed: &str,
    date: &str,
) -> String {
    let mut out = String::new();
    if existing.trim().is_empty() {
        out.push_str("# Clarifications {#clarifications}\n\nWhat the spec's authors decided when `specc clarify` asked, and why the text changed. This file has no authority level: nothing in it is a rule.\n");
    }
    // A blank line before the entry: after the title, or after the last entry.
    out.push_str(if existing.is_empty() || existing.ends_with('\n') {
        "\n"
    } else {
        "\n\n"
    });
    // A heading: the question's words up to about 80 characters, cut between
    // words, without Markdown that a cut could leave open.
    let plain: String = unmark(&q.question)
        .chars()
        .filter(|c| !matches!(c, '`' | '*' | '_' | '#' | '{' | '}' | '[' | ']'))
        .collect();
    let mut short = String::new();
    for w in plain.split_whitespace() {
        if short.len() + w.len() > 80 {
            short.push_str(" …");
            break;
        }
        if !short.is_empty() {
            short.push(' ');
        }
        short.push_str(w);
    }
    out.push_str(&format!("## {short} {{#{}}}\n\n", q.id));
    out.push_str(&format!("- **Question**: {}\n", unmark(&q.question)));
    for e in &q.evidence {
        if e.line > 0 {
            out.push_str(&format!("- **Evidence**: {}:{}: {}\n", e.file, e.line, unmark(&e.what)));
        } else {
            out.push_str(&format!("- **Evidence**: {}: {}\n", e.file, unmark(&e.what)));
        }
    }
    out.push_str(&format!("- **Answer**: {}", unmark(chosen)));
    if let Some(a) = answer.filter(|a| !a.trim().is_empty()) {
        out.push_str(&format!(": “{}”", unmark(a.trim())));
    }
    out.push('\n');
    out.push_str(&format!("- **Change**: {}\n", unmark(changed)));
    out.push_str(&format!("- **Decided**: {date}\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cite, Kind};

    #[test]
    fn an_entry_names_its_question_and_holds_no_clause_marker() {
        let q = Question {
            id: "q-0badcafe".into(),
            kind: Kind::Wording,
            clause: Some("ap1y".into()),
            section: Some("privacy".into()),
            authority: Some("system".into()),
            question: "In [^ap1y] (Privacy), what counts as “appropriately”?".into(),
            evidence: vec![Cite {
                file: "spec.md".into(),
                line: 7,
                what: "A104 `appropriately` leaves the standard to the reader".into(),
            }],
            readings: vec![],
            impact: 1.0,
            uncertainty: 0.6,
            score: 0.6,
            model: None,
        };
        let text = log_entry(
            "",
            &q,
            "Define it",
            Some("kind to [^ap1y] readers"),
            "defined **appropriately**",
            "2026-12-05",
        );
        assert!(!text.contains("[^"), "{text}");
        assert!(text.contains("clause `ap1y`"), "{text}");
        assert_eq!(answered(&text).into_iter().collect::<Vec<_>>(), ["q-0badcafe"]);
        let (doc, _) = specc_syntax::parse(
            specc_diagnostics::FileId(0),
            "clarifications.md",
            &text,
            specc_syntax::DocumentKind::Spec,
        );
        assert!(doc.clauses.is_empty() && doc.sections.iter().all(|s| s.authority.is_none()));
    }
}
