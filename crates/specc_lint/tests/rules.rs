//! Data-driven rule tests. Each rule has `tests/fixtures/rules/<CODE>.md`, a
//! spec with two sections:
//!
//! - `## Flagged {#flagged authority=user}`: every paragraph or list item must
//!   draw at least one finding of the rule;
//! - `## Not flagged {#not_flagged authority=user}`: no paragraph or list item
//!   may draw one (the harmless senses go here).
//!
//! The rendered findings of the whole fixture are snapshot-tested. A rule
//! without a fixture, or a fixture without both sections, fails.

use specc_diagnostics::{HumanRenderer, Span};
use specc_lint::{LintOptions, lint, registry};
use specc_project::Workspace;
use std::path::{Path, PathBuf};

fn fixture_path(code: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/rules/{code}.md"))
}

/// Spans of the prose blocks (paragraphs, list items) of a section.
fn blocks_in(ws: &Workspace, section_id: &str) -> Vec<Span> {
    let doc = &ws.root().documents[0];
    let Some(si) = doc.sections.iter().position(|s| s.id == section_id) else {
        return Vec::new();
    };
    let extent = doc.sections[si].extent;
    doc.prose
        .iter()
        .filter(|p| p.kind != specc_syntax::ProseKind::Heading && extent.contains(p.span.start))
        .map(|p| p.span)
        .collect()
}

#[test]
fn every_rule_has_a_fixture_with_both_sections_and_behaves() {
    let mut failures = Vec::new();
    for rule in registry::rules() {
        let code = rule.info.code;
        let path = fixture_path(code);
        let Ok(text) = std::fs::read_to_string(&path) else {
            failures.push(format!("{code}: no fixture at {}", path.display()));
            continue;
        };
        let ws = Workspace::from_texts(Path::new("."), &[("spec.md", &text)]);
        let opts = LintOptions {
            select: vec![code.to_string()],
            ..Default::default()
        };
        let result = lint(&ws, &opts);
        let flagged = blocks_in(&ws, "flagged");
        let clean = blocks_in(&ws, "not_flagged");
        if flagged.is_empty() || clean.is_empty() {
            failures.push(format!(
                "{code}: the fixture needs paragraphs under both {{#flagged}} and {{#not_flagged}}"
            ));
            continue;
        }
        let src = &ws.sources.file(ws.root().documents[0].file).text;
        for b in &flagged {
            if !result
                .diagnostics
                .iter()
                .any(|d| d.code.as_str() == code && b.contains(d.span.start))
            {
                failures.push(format!("{code}: not flagged: {:?}", &src[b.range()]));
            }
        }
        for b in &clean {
            for d in result
                .diagnostics
                .iter()
                .filter(|d| d.code.as_str() == code && b.contains(d.span.start))
            {
                failures.push(format!(
                    "{code}: wrongly flagged `{}` in {:?}",
                    &src[d.span.range()],
                    &src[b.range()]
                ));
            }
        }
        let r = HumanRenderer::new(false);
        let rendered: Vec<String> = result.diagnostics.iter().map(|d| r.render(d, &ws.sources)).collect();
        insta::with_settings!({ snapshot_path => "snapshots/rules", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(code, rendered.join("\n\n"));
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_is_documented_with_the_four_headings() {
    for rule in registry::rules() {
        let doc = specc_lint::rule_doc(rule);
        for heading in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"] {
            assert!(doc.contains(heading), "{} lacks `{heading}`", rule.info.code);
        }
        assert!(
            !rule.info.summary.ends_with('.'),
            "{}: summary ends with a period",
            rule.info.code
        );
    }
}

#[test]
fn codes_are_unique_sorted_and_match_their_category() {
    let rules = registry::rules();
    for w in rules.windows(2) {
        assert!(
            w[0].info.code < w[1].info.code,
            "{} before {}",
            w[0].info.code,
            w[1].info.code
        );
    }
    for r in rules {
        let c = r.info.code;
        let expected = match r.category {
            specc_lint::rule::Category::Hygiene => "S",
            specc_lint::rule::Category::Vagueness => "A1",
            specc_lint::rule::Category::Subjectivity => "A2",
            specc_lint::rule::Category::Weakness => "A3",
            specc_lint::rule::Category::OpenEnded => "A4",
            specc_lint::rule::Category::Reference => "A5",
            specc_lint::rule::Category::Universals => "A6",
            specc_lint::rule::Category::Structure => "A7",
            specc_lint::rule::Category::Terms => "A8",
            specc_lint::rule::Category::Keywords => "A9",
        };
        assert!(c.starts_with(expected), "{c} is in category {:?}", r.category);
        assert!(specc_diagnostics::lookup(c).is_none(), "{c} collides with a check code");
    }
}
