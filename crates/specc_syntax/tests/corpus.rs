//! Facts about real Model Spec releases that a reader can check by eye.
//! Without `../shared/corpus` each test is reported as ignored (see tools/corpus_cfg.rs);
//! run anyway, it fails.

use specc_diagnostics::{FileId, LineIndex};
use specc_syntax::{Clause, Document, DocumentKind, parse};
use std::path::PathBuf;

fn corpus_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec")
}

/// The text and path of a release's model_spec.md; panics when it is absent.
fn release(name: &str) -> (String, PathBuf) {
    let path = corpus_root().join(name).join("model_spec.md");
    match std::fs::read_to_string(&path) {
        Ok(t) => (t, path),
        Err(e) => panic!("this test needs the Model Spec corpus: {}: {e}", path.display()),
    }
}

fn parse_spec(text: &str) -> Document {
    parse(FileId(0), "model_spec.md", text, DocumentKind::Spec).0
}

fn clauses_on_line<'d>(doc: &'d Document, text: &str, line: usize) -> Vec<&'d Clause> {
    let idx = LineIndex::new(text);
    doc.clauses
        .iter()
        .filter(|c| idx.line(c.marker.start) == line)
        .collect()
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn four_markers_in_one_sentence_share_the_sentence_with_four_focuses() {
    let (text, _) = release("2025-12-18");
    let doc = parse_spec(&text);
    let on_line = clauses_on_line(&doc, &text, 4251);
    let ids: Vec<&str> = on_line.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["hcvn", "nyxg", "hscu", "i271"]);
    let sentence = &on_line[0].text;
    assert!(
        sentence.starts_with("The assistant should avoid excessive hedging"),
        "{sentence}"
    );
    assert!(sentence.ends_with("[^i271]."), "{sentence}");
    assert!(
        !sentence.contains("Such comments"),
        "the next sentence is not part of it: {sentence}"
    );
    for c in &on_line {
        assert_eq!(&c.text, sentence);
    }
    let focuses: Vec<&str> = on_line
        .iter()
        .map(|c| c.focus.as_deref().expect("several markers give a focus"))
        .collect();
    assert!(focuses[0].starts_with("The assistant should avoid excessive hedging") && focuses[0].ends_with("[^hcvn]"));
    assert!(
        focuses[1].starts_with("disclaimers") && focuses[1].ends_with("[^nyxg]"),
        "{}",
        focuses[1]
    );
    assert!(
        focuses[2].starts_with("apologies") && focuses[2].ends_with("[^hscu]"),
        "{}",
        focuses[2]
    );
    assert!(
        focuses[3].starts_with("and reminders") && focuses[3].ends_with("[^i271]"),
        "{}",
        focuses[3]
    );
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn list_item_clause_carries_the_lead_in() {
    let (text, _) = release("2025-12-18");
    let doc = parse_spec(&text);
    let c = doc.clauses.iter().find(|c| c.id == "934q").expect("clause 934q");
    assert!(c.text.starts_with("Placing code inside code blocks"), "{}", c.text);
    assert_eq!(
        c.lead_in.as_deref(),
        Some("The following behaviors are encouraged if and only if the assistant is in an interactive setting:")
    );
    assert_eq!(doc.sections[c.section.unwrap()].id, "support_programmatic_use");
    assert_eq!(c.authority.as_deref(), Some("guideline"));
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn marker_that_introduces_a_list_takes_the_list() {
    let (text, _) = release("2025-12-18");
    let doc = parse_spec(&text);
    let c = doc.clauses.iter().find(|c| c.id == "u3nx").expect("clause u3nx");
    assert!(
        c.text.ends_with("any combination of the following[^u3nx]:"),
        "{}",
        c.text
    );
    let list = c.list.as_deref().expect("the list is part of the clause");
    assert!(list.trim_start().starts_with("- "), "{list}");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn sentences_do_not_split_at_eg() {
    let (text, _) = release("2025-12-18");
    let doc = parse_spec(&text);
    for c in &doc.clauses {
        assert!(
            !c.text.trim_start().starts_with(|ch: char| ch.is_lowercase())
                || c.lead_in.is_some()
                || c.text.starts_with('`'),
            "clause {} starts mid-sentence: {}",
            c.id,
            c.text
        );
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn platform_reads_as_root_in_older_releases() {
    let (text, _) = release("2025-02-12");
    let doc = parse_spec(&text);
    assert!(text.contains("authority=platform"));
    assert!(
        doc.sections
            .iter()
            .any(|s| s.declared_authority.as_deref() == Some("root"))
    );
    assert!(!doc.sections.iter().any(|s| s.authority.as_deref() == Some("platform")));
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn unclosed_comparison_typo_is_reported_and_parsing_recovers() {
    for name in ["2025-02-12", "2025-04-11"] {
        let (text, _) = release(name);
        let (doc, diags) = parse(FileId(0), "model_spec.md", &text, DocumentKind::Spec);
        let idx = LineIndex::new(&text);
        let errors: Vec<_> = diags
            .iter()
            .filter(|d| d.severity == specc_diagnostics::Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{name}: {errors:#?}");
        let line = idx.line(errors[0].span.start);
        assert_eq!(
            text.lines().nth(line - 1),
            Some("*</comparison>"),
            "{name}: reported at the stray line"
        );
        assert!(
            errors[0].help.iter().any(|h| h.contains("remove `*`")),
            "{name}: {:?}",
            errors[0].help
        );
        // Everything after the broken block is still read.
        let titles = text.matches("\n**Example**:").count();
        assert_eq!(doc.examples.len(), titles, "{name}");
        let broken = doc.examples.iter().filter(|e| !e.well_formed).count();
        assert_eq!(broken, 1, "{name}");
        let after = doc
            .examples
            .iter()
            .filter(|e| e.title_span.start > errors[0].span.start)
            .count();
        assert!(after > 0, "{name}: examples after the typo are read");
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn test_files_parse_on_their_own_with_headers() {
    let (_, path) = release("2025-12-18");
    let dir = path.parent().unwrap().join("examples");
    let mut prompts = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        let id = p.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&p).unwrap();
        let (doc, diags) = parse(FileId(0), "t.md", &text, DocumentKind::TestFile { clause: id.clone() });
        assert!(
            diags.iter().all(|d| d.severity != specc_diagnostics::Severity::Error),
            "{id}: {diags:?}"
        );
        assert!(doc.clauses.is_empty(), "markers in test files are back-references");
        let header = doc.header.as_ref().expect("every 2025-12-18 test file has a header");
        assert_eq!(header.clause, id);
        prompts += doc.examples.len();
        for ex in &doc.examples {
            assert!(ex.cases[0].id.starts_with(&format!("{id}:")));
        }
    }
    assert_eq!(prompts, 272);
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn case_ids_are_unique_and_stable() {
    let (text, _) = release("2025-12-18");
    let doc = parse_spec(&text);
    let ids: Vec<&str> = doc
        .examples
        .iter()
        .flat_map(|e| e.cases.iter().map(|c| c.id.as_str()))
        .collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), unique.len(), "case IDs are unique");
    // A multi-turn example yields `/2` for its second comparison.
    assert!(ids.iter().any(|i| i.ends_with("/2")));
    let again = parse_spec(&text);
    let ids2: Vec<&str> = again
        .examples
        .iter()
        .flat_map(|e| e.cases.iter().map(|c| c.id.as_str()))
        .collect();
    assert_eq!(ids, ids2);
}

/// Every test file of every release: a streaming parse hands on exactly the
/// examples (with their case IDs and hashes) a plain parse keeps.
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn streaming_parse_of_every_corpus_test_file_equals_the_plain_parse() {
    let root = corpus_root();
    let releases = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("this test needs the Model Spec corpus: {}: {e}", root.display()));
    let mut files = 0;
    for release in releases.flatten() {
        for entry in std::fs::read_dir(release.path().join("examples"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let clause = entry.path().file_stem().unwrap().to_string_lossy().to_string();
            let kind = DocumentKind::TestFile { clause };
            let (plain, diags) = parse(FileId(0), "t.md", &text, kind.clone());
            let mut handed = Vec::new();
            // Cut before every example the rules allow.
            let (mut streamed, sdiags) =
                specc_syntax::parse_streaming_in_chunks(FileId(0), "t.md", &text, kind, &mut |e| handed.push(e), 1);
            assert_eq!(streamed.example_count(), plain.examples.len());
            assert!(streamed.examples.is_empty() && streamed.streamed.examples == handed.len());
            streamed.examples = handed;
            streamed.streamed = Default::default();
            assert_eq!(
                format!("{streamed:?}"),
                format!("{plain:?}"),
                "{}",
                entry.path().display()
            );
            assert_eq!(format!("{sdiags:?}"), format!("{diags:?}"));
            files += 1;
        }
    }
    assert!(files > 400, "only {files} test files found");
}
