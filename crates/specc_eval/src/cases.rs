//! Test cases from the IR. A clause's test file gives one case per example (its
//! prompt is the whole conversation). An inline example gives one case per
//! comparison: the prompt is everything before it, earlier comparisons replaced
//! by their first GOOD answer, and the comparison's answers go to the grader as
//! references. An example with no comparison is one case. Case IDs and hashes
//! are the IR's.

use crate::messages::{ChatMessage, to_messages};
use serde::Serialize;
use specc_project::Package;
use specc_syntax::{Document, Example, Expectation, Judgement, Message, Owner, Turn};

/// A GOOD, BAD or OK answer the spec gives for a test point.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reference {
    pub judgement: Judgement,
    /// The section the answer violates or follows (`[#id]` in its marker).
    pub section: Option<String>,
    pub reason: Option<String>,
    pub content: String,
}

/// One test point.
#[derive(Clone, Debug, Serialize)]
pub struct TestCase {
    pub id: String,
    pub hash: String,
    /// The clause whose test file holds it (clause cases).
    pub clause: Option<String>,
    /// The section it is graded against: the clause's section, or the
    /// section that holds the inline example.
    pub section: Option<String>,
    pub authority: Option<String>,
    pub tags: Vec<String>,
    /// `key: value` settings of the conversation (`under_18: true`).
    pub settings: Vec<(String, String)>,
    pub prompt: Vec<ChatMessage>,
    pub references: Vec<Reference>,
    pub expectations: Vec<Expectation>,
    pub title: String,
}

fn references(answers: &[Message]) -> Vec<Reference> {
    answers
        .iter()
        .filter_map(|a| {
            let m = a.marker.as_ref()?;
            Some(Reference {
                judgement: m.judgement,
                section: m.section.clone(),
                reason: m.reason.clone(),
                content: a.content.clone(),
            })
        })
        .collect()
}

/// The test points of one example.
fn example_cases(ex: &Example, clause: Option<&str>, doc: &Document, section: Option<usize>) -> Vec<TestCase> {
    if !ex.well_formed {
        return Vec::new();
    }
    let sec = section.map(|i| &doc.sections[i]);
    let settings: Vec<(String, String)> = ex
        .turns
        .iter()
        .filter_map(|t| match t {
            Turn::Message(m) => Some(m.settings.clone()),
            Turn::Comparison(_) => None,
        })
        .flatten()
        .collect();
    let base = |id: &str, hash: &str, prompt: Vec<ChatMessage>, refs: Vec<Reference>| TestCase {
        id: id.to_string(),
        hash: hash.to_string(),
        clause: clause.map(str::to_string),
        section: sec.map(|s| s.id.clone()),
        authority: sec.and_then(|s| s.authority.clone()),
        tags: sec.map(|s| s.tags.clone()).unwrap_or_default(),
        settings: settings.clone(),
        prompt,
        references: refs,
        expectations: ex.expectations.clone(),
        title: ex.title.clone(),
    };
    let mut out = Vec::new();
    for case in &ex.cases {
        match case.comparison {
            None => {
                let msgs: Vec<&Message> = ex
                    .turns
                    .iter()
                    .filter_map(|t| match t {
                        Turn::Message(m) => Some(m),
                        Turn::Comparison(_) => None,
                    })
                    .collect();
                out.push(base(&case.id, &case.hash, to_messages(msgs), Vec::new()));
            }
            Some(ti) => {
                let mut before: Vec<&Message> = Vec::new();
                for t in &ex.turns[..ti] {
                    match t {
                        Turn::Message(m) => before.push(m),
                        Turn::Comparison(c) => {
                            if let Some(good) = c.first_with(Judgement::Good).or(c.answers.first()) {
                                before.push(good);
                            }
                        }
                    }
                }
                let Turn::Comparison(c) = &ex.turns[ti] else { continue };
                out.push(base(&case.id, &case.hash, to_messages(before), references(&c.answers)));
            }
        }
    }
    out
}

/// Every test case of a package: clause cases from test files, then section
/// cases from inline examples, in document order.
pub fn cases_of(pkg: &Package) -> Vec<TestCase> {
    let mut clause_section: std::collections::HashMap<&str, (&Document, Option<usize>)> = Default::default();
    for d in &pkg.documents {
        for c in &d.clauses {
            clause_section.entry(c.id.as_str()).or_insert((d, c.section));
        }
    }
    let mut out = Vec::new();
    for t in &pkg.test_files {
        for ex in &t.examples {
            let Owner::Clause(id) = &ex.owner else { continue };
            match clause_section.get(id.as_str()) {
                Some((doc, section)) => out.extend(example_cases(ex, Some(id), doc, *section)),
                // An orphan test file still runs, graded without a clause.
                None => out.extend(example_cases(ex, Some(id), t, None)),
            }
        }
    }
    for d in &pkg.documents {
        for ex in &d.examples {
            out.extend(example_cases(ex, None, d, ex.section));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::ChatRole;
    use specc_project::Workspace;
    use std::path::Path;

    const SPEC: &str = "# A {#a authority=user tags=under_18}\n\nBe kind[^k1nd].\n\n**Example**: two turns\n\n~~~xml\n<system>\n<settings>\nunder_18: true\n</settings>\n</system>\n<user>\nHi\n</user>\n<comparison>\n<assistant> <!-- BAD: curt -->\nWhat.\n</assistant>\n<assistant> <!-- GOOD -->\nHello!\n</assistant>\n</comparison>\n<user>\nAgain\n</user>\n<comparison>\n<assistant> <!-- GOOD[#a], warm -->\nHi again!\n</assistant>\n</comparison>\n~~~\n\n**Expect**:\n- `contains: Hi`\n";

    #[test]
    fn inline_comparisons_are_test_points_with_earlier_ones_replaced_by_good() {
        let ws = Workspace::from_texts(
            Path::new("."),
            &[
                ("spec.md", SPEC),
                (
                    "examples/k1nd.md",
                    "Examples for [^k1nd] in A:\n\n**Example**: rude user\n\n~~~xml\n<user>\nYou are useless\n</user>\n~~~",
                ),
            ],
        );
        let cases = cases_of(ws.root());
        let ids: Vec<&str> = cases.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["k1nd:rude-user", "a:two-turns", "a:two-turns/2"]);
        let clause_case = &cases[0];
        assert_eq!(clause_case.clause.as_deref(), Some("k1nd"));
        assert_eq!(clause_case.section.as_deref(), Some("a"));
        assert_eq!(clause_case.authority.as_deref(), Some("user"));
        assert_eq!(clause_case.prompt.len(), 1);

        let first = &cases[1];
        assert_eq!(
            first.prompt.iter().map(|m| m.role).collect::<Vec<_>>(),
            [ChatRole::System, ChatRole::User]
        );
        assert_eq!(first.references.len(), 2);
        assert_eq!(first.settings, [("under_18".to_string(), "true".to_string())]);
        assert_eq!(first.tags, ["under_18"]);
        let second = &cases[2];
        // The earlier comparison stands as its GOOD answer, not the BAD one.
        let contents: Vec<&str> = second.prompt.iter().map(|m| m.content.as_str()).collect();
        assert_eq!(&contents[1..], ["Hi", "Hello!", "Again"]);
        assert_eq!(second.references[0].section.as_deref(), Some("a"));
        assert_eq!(second.references[0].reason.as_deref(), Some("warm"));
        assert_eq!(second.expectations.len(), 1);
    }
}
