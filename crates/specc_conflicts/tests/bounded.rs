//! The work of extraction and pairing is bounded for hostile input (#13):
//! a paragraph of thousands of rules keeps each statement's text short, and
//! a rule repeated many times is compared, and reported, once.

use specc_conflicts::analyze;
use specc_project::Workspace;
use std::path::Path;

#[test]
fn a_paragraph_of_thousands_of_rules_keeps_each_statement_short() {
    let rules: Vec<String> = (0..3000)
        .map(|i| format!("the assistant must disclose fee number {i} to the customer"))
        .collect();
    let text = format!("# Fees {{#fees authority=system}}\n\n{}.\n", rules.join(", "));
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text.as_str())]);
    let a = analyze(&ws);
    assert_eq!(a.statements.len(), 3000);
    // Each keeps the part of the 180 KB sentence around its own rule.
    assert!(
        a.statements.iter().all(|s| s.text.len() < 700),
        "{}",
        a.statements[0].text.len()
    );
    assert!(a.statements[1500].text.contains("fee number 1500"));
}

#[test]
fn a_rule_repeated_many_times_is_one_conflict_not_thousands() {
    let mut text = String::from("# Fees {#fees authority=system}\n\n");
    for _ in 0..500 {
        text.push_str("The assistant must disclose the fees.\n\n");
    }
    for _ in 0..500 {
        text.push_str("The assistant must not disclose the fees.\n\n");
    }
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text.as_str())]);
    let a = analyze(&ws);
    assert_eq!(a.statements.len(), 1000);
    assert_eq!(a.conflicts.len(), 1, "{:?}", a.conflicts.len());
}
