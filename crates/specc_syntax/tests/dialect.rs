//! Each construct of the dialect on a small input written for it.

use specc_diagnostics::{Code, Diagnostic, FileId};
use specc_syntax::*;

fn spec(text: &str) -> (Document, Vec<Diagnostic>) {
    parse(FileId(0), "spec.md", text, DocumentKind::Spec)
}

fn codes(d: &[Diagnostic]) -> Vec<Code> {
    d.iter().map(|d| d.code).collect()
}

#[test]
fn sections_inherit_authority_and_tags() {
    let (doc, d) = spec(
        "# Top {#top authority=platform tags=a}\n\n## Mid {#mid tags=b,c status=draft owner=trust}\n\n### Low {#low authority=user overrides=dep:x}\n\n# Other {#other}\n",
    );
    assert!(d.is_empty(), "{d:?}");
    let s = &doc.sections;
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].authority.as_deref(), Some("root"), "platform reads as root");
    assert_eq!(s[1].authority.as_deref(), Some("root"));
    assert_eq!(s[1].tags, ["a", "b", "c"]);
    assert_eq!(s[1].status.as_deref(), Some("draft"));
    assert_eq!(s[1].owner.as_deref(), Some("trust"));
    assert_eq!(s[2].authority.as_deref(), Some("user"));
    assert_eq!(s[2].parent, Some(1));
    assert_eq!(s[2].overrides.as_deref(), Some("dep:x"));
    assert_eq!(s[3].authority, None);
    assert_eq!(s[3].parent, None);
    assert_eq!(s[0].title, "Top");
}

#[test]
fn heading_without_id_gets_a_slug_and_a_hint() {
    let (doc, d) = spec("# Don't be evil\n");
    assert_eq!(doc.sections[0].id, "dont-be-evil");
    assert!(!doc.sections[0].explicit_id);
    assert_eq!(codes(&d), [Code::MissingSectionId]);
}

#[test]
fn attribute_problems() {
    let (_, d) = spec("# A {#a owner=\"trust team\" colour=red status=final tags=}\n");
    assert_eq!(
        codes(&d),
        [
            Code::QuotedAttributeValue,
            Code::UnknownAttribute,
            Code::InvalidAttributeValue,
            Code::InvalidAttributeValue
        ]
    );
}

#[test]
fn clause_sentence_and_unranked_clause() {
    let (doc, _) =
        spec("# Overview {#overview}\n\nIntro, e.g. Things. The assistant must be kind[^k1nd]. Next sentence.\n");
    let c = &doc.clauses[0];
    assert_eq!(c.text, "The assistant must be kind[^k1nd].");
    assert_eq!(c.authority, None, "unranked");
    assert_eq!(c.focus, None);
    let (doc, _) = spec("# A {#a authority=user}\n\nUse tools (e.g. The browser) when needed[^t00l]. Done.\n");
    assert_eq!(doc.clauses[0].text, "Use tools (e.g. The browser) when needed[^t00l].");
    assert_eq!(doc.clauses[0].authority.as_deref(), Some("user"));
}

#[test]
fn marker_after_the_period_stays_with_its_sentence() {
    let (doc, _) = spec("# A {#a}\n\nBe brief.[^br1f] Then stop.\n");
    assert_eq!(doc.clauses[0].text, "Be brief.[^br1f]");
}

#[test]
fn wrapped_lines_are_one_sentence() {
    let (doc, _) = spec("# A {#a}\n\nThe assistant must\nanswer in the user's\nlanguage[^l4ng]. Other.\n");
    assert_eq!(
        doc.clauses[0].text,
        "The assistant must\nanswer in the user's\nlanguage[^l4ng]."
    );
}

#[test]
fn list_items_take_the_lead_in_and_a_marker_can_introduce_a_list() {
    let text = "# A {#a authority=user}\n\nContext here. If and only if asked, the assistant may:\n\n- tell jokes[^j0ke]\n- sing songs\n\nIt may use any of the following[^f0ll]:\n\n1. tools\n2. memory\n";
    let (doc, _) = spec(text);
    let joke = doc.clauses.iter().find(|c| c.id == "j0ke").unwrap();
    assert_eq!(joke.text, "tell jokes[^j0ke]");
    assert_eq!(
        joke.lead_in.as_deref(),
        Some("If and only if asked, the assistant may:")
    );
    let foll = doc.clauses.iter().find(|c| c.id == "f0ll").unwrap();
    assert_eq!(foll.list.as_deref(), Some("1. tools\n2. memory"));
    assert_eq!(foll.lead_in, None);
}

#[test]
fn commentary_is_not_prose_but_its_references_count() {
    let text = "# A {#a}\n\n!!! meta \"Commentary\"\n    Not a clause[^n0pe], see [?](#a).\n\n    Second paragraph.\n\nBack to prose[^y3s1].\n";
    let (doc, d) = spec(text);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(doc.commentary.len(), 1);
    assert_eq!(doc.commentary[0].kind, "meta");
    assert_eq!(doc.commentary[0].title.as_deref(), Some("Commentary"));
    assert!(text[doc.commentary[0].body_span.range()].ends_with("Second paragraph."));
    let ids: Vec<&str> = doc.clauses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["y3s1"]);
    assert_eq!(doc.references.len(), 1);
    assert_eq!(doc.references[0].context, ReferenceContext::Commentary);
}

#[test]
fn references_of_every_form() {
    let text = "# A {#a}\n\nSee [?](#b), [the rules](#c), [?](@dep#d) and [web](https://x.y).\n\n**Example**: t\n\n~~~xml\n<user>\nHi\n</user>\n<comparison>\n<assistant> <!-- BAD: see [?](#e) -->\nNo\n</assistant>\n</comparison>\n~~~\n";
    let (doc, d) = spec(text);
    assert!(d.is_empty(), "{d:?}");
    let r: Vec<(Option<&str>, &str, Option<&str>, ReferenceContext)> = doc
        .references
        .iter()
        .map(|r| (r.dependency.as_deref(), r.target.as_str(), r.text.as_deref(), r.context))
        .collect();
    assert_eq!(
        r,
        [
            (None, "b", None, ReferenceContext::Prose),
            (None, "c", Some("the rules"), ReferenceContext::Prose),
            (Some("dep"), "d", None, ReferenceContext::Prose),
            (None, "e", None, ReferenceContext::AnswerMarker),
        ]
    );
    for r in &doc.references {
        assert!(text[r.target_span.range()].ends_with(&r.target));
    }
}

#[test]
fn definitions_with_aliases() {
    let text = "# Definitions {#definitions}\n\n**Assistant**: the entity users talk to. Also **assistants**.\n\n- **Tool:** a program the **assistant** calls.\n\n**Example**: not a definition\n\n~~~xml\n<user>\nHi\n</user>\n~~~\n\n# Other {#other}\n\n**Developer**: not here.\n";
    let (doc, _) = spec(text);
    let terms: Vec<&str> = doc.definitions.iter().map(|d| d.term.as_str()).collect();
    assert_eq!(terms, ["Assistant", "Tool"]);
    assert_eq!(doc.definitions[0].aliases, ["assistants"]);
}

#[test]
fn examples_cases_and_hashes() {
    let text = "# A {#a authority=user}\n\n**Example**: same title\n\n~~~xml\n<user comment=\"note\">\nHi\n</user>\n<comparison>\n<assistant> <!-- GOOD -->\nHello\n</assistant>\n</comparison>\n<user>\nAgain\n</user>\n<comparison>\n<assistant> <!-- OK -->\nHi again\n</assistant>\n</comparison>\n~~~\n\n**Example**: Same title!\n\n```xml\n<user>\nHi\n</user>\n```\n";
    let (doc, d) = spec(text);
    assert!(d.is_empty(), "{d:?}");
    let ids: Vec<&str> = doc
        .examples
        .iter()
        .flat_map(|e| e.cases.iter().map(|c| c.id.as_str()))
        .collect();
    assert_eq!(ids, ["a:same-title", "a:same-title/2", "a:same-title-2"]);
    assert_eq!(doc.examples[0].owner, Owner::Section("a".into()));
    // The hash ignores titles and comment= notes but not content.
    let h = |t: &str| spec(t).0.examples[0].cases[0].hash.clone();
    let base = h(text);
    assert_eq!(base, h(&text.replace("same title", "other title")));
    assert_eq!(base, h(&text.replace("comment=\"note\"", "comment=\"changed\"")));
    assert_ne!(base, h(&text.replacen("Hi\n", "Hey\n", 1)));
}

#[test]
fn expectations_follow_their_example() {
    let text = "# A {#a}\n\n**Example**: t\n\n~~~xml\n<user>\nHelp\n</user>\n~~~\n\n**Expect**:\n- points to resources\n- `contains: 988`\n- `not-regex: (?i)step \\d`\n- `json`\n- `max-words: 50`\n";
    let (doc, d) = spec(text);
    assert!(d.is_empty(), "{d:?}");
    let e = &doc.examples[0].expectations;
    assert_eq!(e.len(), 5);
    assert!(matches!(&e[0].check, ExpectationKind::Rubric { text } if text == "points to resources"));
    assert!(
        matches!(&e[1].check, ExpectationKind::Assertion { kind: AssertionKind::Contains, argument } if argument == "988")
    );
    assert!(matches!(
        &e[2].check,
        ExpectationKind::Assertion {
            kind: AssertionKind::NotRegex,
            ..
        }
    ));
    let (_, d) = spec("# A {#a}\n\n**Expect**:\n- orphan\n");
    assert_eq!(codes(&d), [Code::InvalidExpectation]);
}

#[test]
fn test_file_header_is_a_back_reference() {
    let text = "Examples for [^ab12] in Be kind:\n\n**Example**: t\n\n~~~xml\n<user>\nHi\n</user>\n~~~";
    let (doc, d) = parse(
        FileId(0),
        "examples/ab12.md",
        text,
        DocumentKind::TestFile { clause: "ab12".into() },
    );
    assert!(d.is_empty(), "{d:?}");
    assert!(doc.clauses.is_empty());
    assert_eq!(doc.back_references.len(), 1);
    let h = doc.header.unwrap();
    assert_eq!((h.clause.as_str(), h.section_title.as_str()), ("ab12", "Be kind"));
    assert_eq!(doc.examples[0].cases[0].id, "ab12:t");
    assert_eq!(doc.examples[0].owner, Owner::Clause("ab12".into()));
}

#[test]
fn precedents() {
    let text = "**Precedent**: refuses bread\n\n~~~xml\n<user>\nBread?\n</user>\n<assistant>\nNo.\n</assistant>\n~~~\n\n**Ruling**: fail\n\n**Rationale**: over-refusal.\n\n**Decided**: 2026-01-02 by policy team\n";
    let (doc, d) = parse(
        FileId(0),
        "precedents/ab12.md",
        text,
        DocumentKind::Precedents { clause: "ab12".into() },
    );
    assert!(d.is_empty(), "{d:?}");
    let p = &doc.precedents[0];
    assert_eq!(p.ruling, Some(Ruling::Fail));
    assert_eq!(p.rationale.as_deref(), Some("over-refusal."));
    assert_eq!(p.decided.as_deref(), Some("2026-01-02 by policy team"));
    assert_eq!(p.example.as_ref().unwrap().turns.len(), 2);
    let (_, d) = parse(
        FileId(0),
        "p.md",
        "**Precedent**: x\n\n**Ruling**: maybe\n",
        DocumentKind::Precedents { clause: "ab12".into() },
    );
    assert_eq!(codes(&d), [Code::MalformedPrecedent, Code::MalformedPrecedent]);
}

#[test]
fn example_title_without_block() {
    let (_, d) = spec("# A {#a}\n\n**Example**: t\n\nJust prose.\n");
    assert_eq!(codes(&d), [Code::ExampleWithoutConversation]);
}

#[test]
fn recovery_after_a_broken_block() {
    let text = "# A {#a}\n\n**Example**: broken\n\n~~~xml\n<user>\nHi\n~~~\n\nAfter the break, a clause[^aft3].\n\n**Example**: fine\n\n~~~xml\n<user>\nHi\n</user>\n~~~\n";
    let (doc, d) = spec(text);
    assert_eq!(codes(&d), [Code::UnclosedElement]);
    assert_eq!(doc.examples.len(), 2);
    assert!(!doc.examples[0].well_formed && doc.examples[1].well_formed);
    assert_eq!(doc.clauses.len(), 1);
}
