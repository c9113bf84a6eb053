//! Test cases from the IR. A clause's test file gives one case per example (its
//! prompt is the whole conversation). An inline example gives one case per
//! comparison: the prompt is everything before it, earlier comparisons replaced
//! by their first GOOD answer, and the comparison's answers go to the grader as
//! references. An example with no comparison is one case. Case IDs and hashes
//! are the IR's.

use crate::messages::{ChatMessage, to_messages};
use crate::selection::Scope;
use serde::Serialize;
use specc_project::{Package, Workspace};
use specc_syntax::{Document, DocumentKind, Example, Expectation, Judgement, Message, Owner, Turn};
use std::collections::HashMap;

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
                let msgs: Vec<&Message> = ex.messages().collect();
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

/// Where each clause sits: its spec document and section.
fn clause_sections(pkg: &Package) -> HashMap<&str, (&Document, Option<usize>)> {
    let mut m: HashMap<&str, (&Document, Option<usize>)> = HashMap::new();
    for d in &pkg.documents {
        for c in &d.clauses {
            m.entry(c.id.as_str()).or_insert((d, c.section));
        }
    }
    m
}

/// The cases of one test-file example, graded against its clause.
fn clause_cases(clauses: &HashMap<&str, (&Document, Option<usize>)>, t: &Document, ex: &Example) -> Vec<TestCase> {
    let Owner::Clause(id) = &ex.owner else {
        return Vec::new();
    };
    match clauses.get(id.as_str()) {
        Some((doc, section)) => example_cases(ex, Some(id), doc, *section),
        // An orphan test file still runs, graded without a clause.
        None => example_cases(ex, Some(id), t, None),
    }
}

/// Every test case of a package: clause cases from test files, then section
/// cases from inline examples, in document order. Needs a workspace read by
/// `Workspace::load` (a lean one has no test-file examples in memory; use
/// [`for_each_case`]).
pub fn cases_of(pkg: &Package) -> Vec<TestCase> {
    let clauses = clause_sections(pkg);
    let mut out = Vec::new();
    for t in &pkg.test_files {
        for ex in &t.examples {
            out.extend(clause_cases(&clauses, t, ex));
        }
    }
    for d in &pkg.documents {
        for ex in &d.examples {
            out.extend(example_cases(ex, None, d, ex.section));
        }
    }
    out
}

impl TestCase {
    pub fn scope(&self) -> Scope<'_> {
        Scope {
            clause: self.clause.as_deref(),
            section: self.section.as_deref(),
            authority: self.authority.as_deref(),
            tags: &self.tags,
        }
    }
}

/// How many cases [`for_each_case`] yields for the scopes `keep` accepts,
/// without parsing test files again: a lean load counted them.
pub fn count_cases(pkg: &Package, keep: &mut dyn FnMut(Scope<'_>) -> bool) -> usize {
    let clauses = clause_sections(pkg);
    let mut n = 0;
    for t in &pkg.test_files {
        let DocumentKind::TestFile { clause } = &t.kind else {
            continue;
        };
        let (doc, section) = clauses.get(clause.as_str()).copied().unwrap_or((t, None));
        let sec = section.map(|i| &doc.sections[i]);
        let scope = Scope {
            clause: Some(clause),
            section: sec.map(|s| s.id.as_str()),
            authority: sec.and_then(|s| s.authority.as_deref()),
            tags: sec.map(|s| s.tags.as_slice()).unwrap_or(&[]),
        };
        if keep(scope) {
            n += t.streamed.cases;
            n += t
                .examples
                .iter()
                .map(|ex| clause_cases(&clauses, t, ex).len())
                .sum::<usize>();
        }
    }
    for d in &pkg.documents {
        for ex in &d.examples {
            n += example_cases(ex, None, d, ex.section)
                .iter()
                .filter(|c| keep(c.scope()))
                .count();
        }
    }
    n
}

/// The cases of `pkg` whose IDs are in `ids`, found by streaming
/// [`for_each_case`] and stopping once all are found (a lean workspace keeps
/// no test-file examples in memory).
pub fn cases_by_id(
    ws: &Workspace,
    pkg: &Package,
    ids: &std::collections::HashSet<String>,
) -> HashMap<String, TestCase> {
    let mut found = HashMap::new();
    if ids.is_empty() {
        return found;
    }
    if ids.iter().any(|id| is_precedent(id)) {
        for c in precedent_cases(pkg) {
            if ids.contains(&c.id) {
                found.insert(c.id.clone(), c);
            }
        }
    }
    for_each_case(ws, pkg, &mut |c| {
        if ids.contains(&c.id) {
            found.insert(c.id.clone(), c);
        }
        found.len() < ids.len()
    });
    found
}

/// What marks a precedent's case ID (`<clause>:precedent:<slug>`); a slug
/// never holds a colon, so no other case ID does.
pub const PRECEDENT_ID: &str = ":precedent:";

/// Whether a case ID is a precedent's ([`precedent_cases`]).
pub fn is_precedent(case_id: &str) -> bool {
    case_id.contains(PRECEDENT_ID)
}

/// Hands every case of `pkg` to `f`, in [`cases_of`]'s order, until `f`
/// returns false. Test files of a lean workspace are parsed again one example
/// at a time, so only the case in hand is in memory.
pub fn for_each_case(ws: &Workspace, pkg: &Package, f: &mut dyn FnMut(TestCase) -> bool) {
    let clauses = clause_sections(pkg);
    let mut go = true;
    for t in &pkg.test_files {
        if ws.is_lean() {
            let src = ws.sources.file(t.file);
            specc_syntax::parse_streaming(t.file, &t.path, &src.text, t.kind.clone(), &mut |ex| {
                for c in clause_cases(&clauses, t, &ex) {
                    go = go && f(c);
                }
            });
        } else {
            for ex in &t.examples {
                for c in clause_cases(&clauses, t, ex) {
                    go = go && f(c);
                }
            }
        }
        if !go {
            return;
        }
    }
    for d in &pkg.documents {
        for ex in &d.examples {
            for c in example_cases(ex, None, d, ex.section) {
                if !f(c) {
                    return;
                }
            }
        }
    }
}

/// Precedents as labelled answers: the judged answer (the conversation's last
/// assistant message) is expected to pass or fail as the ruling says. A
/// precedents file is named after a clause, or after a section for rulings on
/// its inline examples.
pub fn precedent_cases(pkg: &Package) -> Vec<TestCase> {
    use specc_syntax::{Role, Ruling};
    let mut out = Vec::new();
    // (clause, section, authority) of a precedents file's owner.
    let owner = |id: &str| -> (Option<String>, Option<String>, Option<String>) {
        let clause = pkg.documents.iter().find_map(|d| {
            d.clauses.iter().find(|c| c.id == id).map(|c| {
                let s = c.section.map(|i| &d.sections[i]);
                (
                    Some(id.to_string()),
                    s.map(|s| s.id.clone()),
                    s.and_then(|s| s.authority.clone()),
                )
            })
        });
        let section = || {
            pkg.documents.iter().find_map(|d| {
                d.sections
                    .iter()
                    .find(|s| s.id == id)
                    .map(|s| (None, Some(id.to_string()), s.authority.clone()))
            })
        };
        clause.or_else(section).unwrap_or((Some(id.to_string()), None, None))
    };
    for doc in &pkg.precedents {
        let DocumentKind::Precedents { clause } = &doc.kind else {
            continue;
        };
        for p in &doc.precedents {
            let (Some(ex), Some(ruling)) = (&p.example, p.ruling) else {
                continue;
            };
            let messages: Vec<&Message> = ex.messages().collect();
            let Some((last, before)) = messages.split_last() else {
                continue;
            };
            if last.role != Role::Assistant {
                continue;
            }
            let (owner_clause, section, authority) = owner(clause);
            let case = TestCase {
                id: format!("{clause}{PRECEDENT_ID}{}", specc_syntax::text::slugify(&p.title)),
                // What the ruling covers: the conversation, the answer and the verdict.
                hash: format!(
                    "{:016x}",
                    xxhash_rust::xxh3::xxh3_64(
                        format!(
                            "{:?}\u{1f}{}\u{1f}{ruling:?}",
                            to_messages(before.iter().copied()),
                            last.content
                        )
                        .as_bytes()
                    )
                ),
                clause: owner_clause,
                section,
                authority,
                tags: Vec::new(),
                settings: Vec::new(),
                prompt: to_messages(before.iter().copied()),
                references: vec![Reference {
                    judgement: if ruling == Ruling::Pass {
                        Judgement::Good
                    } else {
                        Judgement::Bad
                    },
                    section: None,
                    reason: p.rationale.clone(),
                    content: last.content.clone(),
                }],
                expectations: Vec::new(),
                title: p.title.clone(),
            };
            out.push(case);
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

    #[test]
    fn a_lean_workspace_streams_the_cases_a_full_one_holds_and_counts_them() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("examples")).unwrap();
        std::fs::write(dir.path().join("spec.md"), SPEC).unwrap();
        let mut tests = String::from("Examples for [^k1nd] in A:\n");
        for i in 0..50 {
            tests.push_str(&format!(
                "\n**Example**: q {}\n\n~~~xml\n<user>\nQ{i}\n</user>\n~~~\n",
                i % 7
            ));
        }
        std::fs::write(dir.path().join("examples/k1nd.md"), tests).unwrap();
        let full = Workspace::load(dir.path());
        let lean = Workspace::load_lean(dir.path());
        assert!(lean.root().test_files[0].examples.is_empty());
        let mut streamed = Vec::new();
        for_each_case(&lean, lean.root(), &mut |c| {
            streamed.push(c);
            true
        });
        let held = cases_of(full.root());
        assert_eq!(held.len(), 52);
        assert_eq!(format!("{streamed:?}"), format!("{held:?}"));
        assert_eq!(count_cases(lean.root(), &mut |_| true), 52);
        assert_eq!(count_cases(lean.root(), &mut |s| s.clause.is_none()), 2);
        // `f` returning false stops the stream.
        let mut n = 0;
        for_each_case(&lean, lean.root(), &mut |_| {
            n += 1;
            n < 3
        });
        assert_eq!(n, 3);
    }
}
