//! The linter, with every rule on, never panics and reports only spans inside
//! the text on character boundaries, whatever the prose.

use proptest::prelude::*;
use specc_lint::{LintOptions, lint, registry};
use specc_project::Workspace;
use std::path::Path;

fn all_rules() -> LintOptions {
    LintOptions {
        select: registry::rules().iter().map(|r| r.info.code.to_string()).collect(),
        ..Default::default()
    }
}

fn check(text: &str) {
    let ws = Workspace::from_texts(Path::new("."), &[("spec.md", text)]);
    let result = lint(&ws, &all_rules());
    for d in &result.diagnostics {
        let src = &ws.sources.file(d.file.unwrap()).text;
        assert!(
            d.span.end <= src.len() && src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end),
            "{d:?}"
        );
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                assert!(
                    e.span.end <= src.len() && src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end)
                );
            }
        }
    }
}

const PIECES: &[&str] = &[
    "# Defs {#definitions}\n\n",
    "**Term**: a thing. ",
    "## R {#r authority=user}\n\n",
    "### S {#s authority=root tags=a}\n\n",
    "The assistant ",
    "must ",
    "should ",
    "may ",
    "never ",
    "always ",
    "not ",
    "avoid ",
    "some ",
    "several ",
    "appropriate ",
    "reasonable ",
    "if possible ",
    "such as ",
    "etc. ",
    "e.g. ",
    "and/or ",
    "the the ",
    "This ",
    "It ",
    "above ",
    "best ",
    "better ",
    "try to ",
    "including but not limited to ",
    "TBD ",
    "*emphasis* ",
    "**Bold** ",
    "`code` ",
    "\"quoted words\" ",
    "“curly” ",
    "café ",
    "naïve ",
    "日本 ",
    "— ",
    "[^ab12] ",
    "[?](#r) ",
    ". ",
    "; ",
    ", ",
    ":\n\n- item ",
    "\n- ",
    "\n\n",
    "if ",
    "unless ",
    "when ",
    "except ",
    "side-effects ",
    "side effects ",
    "chain‑of‑thought ",
    "\u{301}",
    "…",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]
    #[test]
    fn lint_never_panics_on_prose_soup(parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..80)) {
        check(&format!("# Defs {{#definitions}}\n\n**Term**: x.\n\n## R {{#r authority=user}}\n\n{}", parts.concat()));
    }

    #[test]
    fn lint_never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        check(&format!("## R {{#r authority=user}}\n\n{s}"));
    }
}
