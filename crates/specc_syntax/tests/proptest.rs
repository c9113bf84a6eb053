//! Property tests: [`specc_syntax::parse`] never panics, and every span it
//! returns (in the IR and in diagnostics) lies within the text and on char
//! boundaries, for every [`DocumentKind`].
//!
//! Three generators: strings built from a Markdown-heavy alphabet of the
//! dialect's constructs, documents around conversation blocks built from
//! (mostly) well-formed messages and comparisons, and mutations of windows of
//! the real corpus. The two tests that read `../shared/corpus` are reported as
//! ignored when it is absent (see tools/corpus_cfg.rs); run anyway, they fail.
//!
//! The case counts add up to 30,000 (each parsed as all three kinds; 20,000
//! without the corpus) and the file runs in a few seconds in a debug build.

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use specc_diagnostics::{Diagnostic, FileId, Span};
use specc_syntax::{Document, DocumentKind, Example, Message, Turn, parse, parse_streaming_in_chunks};
use std::path::PathBuf;
use std::sync::OnceLock;

const FILE: FileId = FileId(7);

/// The pieces the generated documents are made of: the dialect's constructs,
/// Markdown block syntax, and multi-byte characters.
const ALPHABET: &[&str] = &[
    "#",
    "# ",
    "## ",
    "### ",
    "###### ",
    "Title",
    "word",
    " ",
    "  ",
    "    ",
    "\t",
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "{#id authority=root}",
    "{#id}",
    "{#x tags=a,b status=draft}",
    "{#",
    "}",
    " authority=platform",
    " owner=\"a b\"",
    "[^ab12]",
    "[^x]",
    "[^",
    "]",
    "[?](#x)",
    "[?](#id)",
    "[the text](#sec)",
    "[dep](@dep#id)",
    "[link](https://example.com)",
    "(#",
    ")",
    "**Example**:",
    "**Example**: a title\n\n",
    "**Expect**:\n",
    "- `contains: x`\n",
    "- `regex: (`\n",
    "- `max-words: nope`\n",
    "**Precedent**: p\n",
    "**Ruling**: pass\n",
    "**Ruling**: maybe\n",
    "**Rationale**: because\n",
    "**Decided**: 2025-01-01\n",
    "**term**",
    "**",
    "*",
    "_",
    "Examples for [^ab12] in Title:\n",
    "Examples for [^",
    " in ",
    "~~~xml\n",
    "```xml\n",
    "~~~\n",
    "```\n",
    "~~~",
    "<user>",
    "</user>",
    "<user>\nhi\n</user>\n",
    "<assistant>",
    "</assistant>",
    "<assistant recipient=functions.f end_turn=false>",
    "<developer>",
    "</developer>",
    "<system>",
    "<tool name=t>",
    "</tool>",
    "<settings>\nk: v\n</settings>",
    "<untrusted>",
    "</untrusted>",
    "<comparison>",
    "</comparison>",
    "<assistant> <!-- GOOD -->",
    "<assistant> <!-- BAD#x, or: reason -->",
    "<assistant> <!-- OK -->",
    "<!-- GOOD",
    "-->",
    "<!--",
    "<unknown a=\"b\">",
    "<",
    ">",
    "/",
    "=",
    "\"",
    "!!! meta \"C\"\n    body",
    "!!! note\n    indented\n\n    more\n",
    "!!! ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "|a|b|\n|-|-|\n|c|d|\n",
    "|",
    "---\n",
    "---\ntitle: x\n---\n",
    "`",
    "`code`",
    "\\",
    ".",
    ". ",
    ":",
    "&amp;",
    "&#x1F600;",
    "é",
    "’",
    "日",
    "🦀",
    "\u{200b}",
    "\u{0}",
];

fn kinds() -> [DocumentKind; 3] {
    [
        DocumentKind::Spec,
        DocumentKind::TestFile { clause: "ab12".into() },
        DocumentKind::Precedents { clause: "ab12".into() },
    ]
}

/// Collects every span problem of one parse into `errors`.
struct SpanCheck<'a> {
    text: &'a str,
    errors: Vec<String>,
}

impl SpanCheck<'_> {
    fn span(&mut self, what: &str, s: Span) {
        let t = self.text;
        if s.start > s.end {
            self.errors.push(format!("{what}: reversed span {s:?}"));
        } else if s.end > t.len() {
            self.errors
                .push(format!("{what}: span {s:?} past the end ({})", t.len()));
        } else if !t.is_char_boundary(s.start) || !t.is_char_boundary(s.end) {
            self.errors.push(format!("{what}: span {s:?} not on char boundaries"));
        }
    }

    fn opt(&mut self, what: &str, s: Option<Span>) {
        if let Some(s) = s {
            self.span(what, s);
        }
    }

    fn index(&mut self, what: &str, i: Option<usize>, len: usize) {
        if let Some(i) = i
            && i >= len
        {
            self.errors.push(format!("{what}: index {i} out of {len}"));
        }
    }

    fn document(&mut self, doc: &Document) {
        let n = doc.sections.len();
        for (i, s) in doc.sections.iter().enumerate() {
            let w = format!("sections[{i}]");
            self.span(&format!("{w}.span"), s.span);
            self.span(&format!("{w}.extent"), s.extent);
            if let Some(p) = s.parent
                && p >= i
            {
                self.errors.push(format!("{w}.parent {p} is not an earlier section"));
            }
            if !(1..=6).contains(&s.level) {
                self.errors.push(format!("{w}.level {} not in 1..=6", s.level));
            }
            for (j, a) in s.attributes.iter().enumerate() {
                self.span(&format!("{w}.attributes[{j}]"), a.span);
            }
        }
        for (i, c) in doc.clauses.iter().enumerate() {
            let w = format!("clauses[{i}]");
            self.span(&format!("{w}.marker"), c.marker);
            self.span(&format!("{w}.text_span"), c.text_span);
            self.opt(&format!("{w}.focus_span"), c.focus_span);
            self.opt(&format!("{w}.lead_in_span"), c.lead_in_span);
            self.opt(&format!("{w}.list_span"), c.list_span);
            self.index(&format!("{w}.section"), c.section, n);
        }
        for (i, e) in doc.examples.iter().enumerate() {
            self.example(&format!("examples[{i}]"), e, n);
        }
        for (i, r) in doc.references.iter().enumerate() {
            self.span(&format!("references[{i}].span"), r.span);
            self.span(&format!("references[{i}].target_span"), r.target_span);
        }
        for (i, d) in doc.definitions.iter().enumerate() {
            self.span(&format!("definitions[{i}].span"), d.span);
            self.span(&format!("definitions[{i}].text_span"), d.text_span);
        }
        for (i, c) in doc.commentary.iter().enumerate() {
            self.span(&format!("commentary[{i}].span"), c.span);
            self.span(&format!("commentary[{i}].body_span"), c.body_span);
            self.index(&format!("commentary[{i}].section"), c.section, n);
        }
        for (i, p) in doc.precedents.iter().enumerate() {
            self.span(&format!("precedents[{i}].span"), p.span);
            if let Some(e) = &p.example {
                self.example(&format!("precedents[{i}].example"), e, n);
            }
        }
        if let Some(h) = &doc.header {
            self.span("header.span", h.span);
            self.span("header.clause_span", h.clause_span);
            self.span("header.title_span", h.title_span);
        }
        for (i, b) in doc.back_references.iter().enumerate() {
            self.span(&format!("back_references[{i}]"), b.span);
        }
        for (i, p) in doc.prose.iter().enumerate() {
            self.span(&format!("prose[{i}].span"), p.span);
            self.index(&format!("prose[{i}].section"), p.section, n);
            for (k, s) in p
                .texts
                .iter()
                .chain(&p.code)
                .chain(&p.markers)
                .chain(&p.question_links)
                .enumerate()
            {
                self.span(&format!("prose[{i}].inline[{k}]"), *s);
            }
        }
    }

    fn example(&mut self, w: &str, e: &Example, sections: usize) {
        self.span(&format!("{w}.title_span"), e.title_span);
        self.span(&format!("{w}.span"), e.span);
        self.index(&format!("{w}.section"), e.section, sections);
        for (i, t) in e.turns.iter().enumerate() {
            match t {
                Turn::Message(m) => self.message(&format!("{w}.turns[{i}]"), m),
                Turn::Comparison(c) => {
                    self.span(&format!("{w}.turns[{i}].span"), c.span);
                    for (j, a) in c.answers.iter().enumerate() {
                        self.message(&format!("{w}.turns[{i}].answers[{j}]"), a);
                    }
                }
            }
        }
        for (i, x) in e.expectations.iter().enumerate() {
            self.span(&format!("{w}.expectations[{i}]"), x.span);
        }
        for (i, c) in e.cases.iter().enumerate() {
            if let Some(t) = c.comparison
                && !matches!(e.turns.get(t), Some(Turn::Comparison(_)))
            {
                self.errors
                    .push(format!("{w}.cases[{i}].comparison {t} is not a comparison turn"));
            }
        }
    }

    fn message(&mut self, w: &str, m: &Message) {
        self.span(&format!("{w}.content_span"), m.content_span);
        self.span(&format!("{w}.span"), m.span);
        for (i, u) in m.untrusted.iter().enumerate() {
            self.span(&format!("{w}.untrusted[{i}]"), *u);
        }
        if let Some(mk) = &m.marker {
            self.span(&format!("{w}.marker.span"), mk.span);
            self.opt(&format!("{w}.marker.section_span"), mk.section_span);
        }
    }

    fn diagnostics(&mut self, diags: &[Diagnostic]) {
        for (i, d) in diags.iter().enumerate() {
            if d.file.is_some_and(|f| f != FILE) {
                self.errors
                    .push(format!("diagnostics[{i}]: file {:?} is not {FILE:?}", d.file));
            }
            self.span(&format!("diagnostics[{i}] ({})", d.code.as_str()), d.span);
            for (j, l) in d.labels.iter().enumerate() {
                if l.file == FILE {
                    self.span(&format!("diagnostics[{i}].labels[{j}]"), l.span);
                } else {
                    self.errors.push(format!(
                        "diagnostics[{i}].labels[{j}]: file {:?} is not {FILE:?}",
                        l.file
                    ));
                }
            }
        }
    }
}

/// Parses `text` as every kind; fails with the problems found (a panic in the
/// parser fails the case on its own, and proptest shrinks it).
fn check_all_kinds(text: &str) -> Result<(), TestCaseError> {
    for kind in kinds() {
        let label = format!("{kind:?}");
        let (doc, diags) = parse(FILE, "prop.md", text, kind);
        let mut c = SpanCheck {
            text,
            errors: Vec::new(),
        };
        c.document(&doc);
        c.diagnostics(&diags);
        prop_assert!(c.errors.is_empty(), "{label}: {:#?}\ninput: {text:?}", c.errors);
        if !matches!(doc.kind, DocumentKind::Spec) {
            // Streaming hands on the very examples a plain parse keeps, in order,
            // for text as specc reads it: `SourceMap::add` turns CR and CRLF into
            // LF before any parse (a lone CR is a line end to pulldown-cmark but
            // not to the streaming cutter, which never sees one).
            let (text, _, _) = specc_diagnostics::normalize_line_ends(text.to_string());
            let text = text.as_str();
            let (doc, diags) = parse(FILE, "prop.md", text, doc.kind.clone());
            let mut handed = Vec::new();
            // Pieces as small as the cutting rules allow: every cut is exercised.
            let (mut streamed, sdiags) =
                parse_streaming_in_chunks(FILE, "prop.md", text, doc.kind.clone(), &mut |e| handed.push(e), 1);
            prop_assert_eq!(streamed.streamed.examples, handed.len());
            streamed.examples = handed;
            streamed.streamed = Default::default();
            prop_assert_eq!(
                format!("{streamed:?}"),
                format!("{doc:?}"),
                "{}: input {:?}",
                label,
                text
            );
            prop_assert_eq!(format!("{sdiags:?}"), format!("{diags:?}"));
        }
    }
    Ok(())
}

/// One piece: mostly from the alphabet, sometimes any char.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(ALPHABET).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn markdown_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..160).prop_map(|v| v.concat())
}

/// Lines of a conversation block, well-formed and not.
const CONVERSATION_LINES: &[&str] = &[
    "<user>",
    "</user>",
    "<assistant>",
    "</assistant>",
    "<developer>",
    "</developer>",
    "<system>",
    "</system>",
    "<tool name=\"t\">",
    "</tool>",
    "<comparison>",
    "</comparison>",
    "<assistant> <!-- GOOD -->",
    "<assistant> <!-- BAD#x, or: reason é -->",
    "<assistant> <!-- OK#sec -->",
    "<!-- GOOD -->",
    "<!-- BAD#[?](#x) -->",
    "<!-- OK",
    "<!-- see [?](#x) and [t](@dep#y) -->",
    "<assistant recipient=functions.f end_turn=false>",
    "<user comment=\"why ’ [?](#x)\">",
    "<user name=>",
    "<settings>",
    "</settings>",
    "key: value",
    "émoji: 日🦀",
    "<untrusted>",
    "</untrusted>",
    "<div>",
    "</div>",
    "<unknown>",
    "</unknown>",
    "hello é ’ 日",
    "  <user>",
    "<user/>",
    "</ user>",
    "<user",
    "<>",
    "</>",
    "",
    "~~~",
    "```",
    "    indented",
    "\t<assistant>",
    "<assistant>\r",
];

fn conversation_line() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(CONVERSATION_LINES).prop_map(str::to_string),
        1 => prop::collection::vec(piece(), 0..4).prop_map(|v| v.concat()),
    ]
}

/// A line of message text: mostly prose, sometimes structure.
fn content_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&["Hello.", "say é’日 [?](#x)", "", "<settings>\nk: v\n</settings>", "<untrusted>\nx\n</untrusted>", "  indented <b>"][..]).prop_map(str::to_string),
        1 => conversation_line(),
    ]
}

/// One message, mostly well-formed: start tag, content lines, end tag.
fn message() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&["user", "assistant", "developer", "system", "tool", "unknown"][..]),
        prop::sample::select(
            &[
                "",
                " recipient=functions.f",
                " end_turn=false",
                " name=\"t é\"",
                " comment=\"[?](#x)\"",
            ][..],
        ),
        prop::sample::select(
            &[
                "",
                " <!-- GOOD -->",
                " <!-- BAD#x, or: r -->",
                " <!-- OK -->",
                " <!-- nope -->",
            ][..],
        ),
        prop::collection::vec(content_line(), 0..4),
        prop_oneof![6 => Just(true), 1 => Just(false)],
    )
        .prop_map(|(role, attrs, marker, lines, closed)| {
            let mut s = format!("<{role}{attrs}>{marker}\n");
            for l in lines {
                s.push_str(&l);
                s.push('\n');
            }
            if closed {
                s.push_str(&format!("</{role}>\n"));
            }
            s
        })
}

/// A conversation block's body: messages, comparisons of answers, stray lines.
fn conversation_body() -> impl Strategy<Value = String> {
    let comparison = (prop::collection::vec(message(), 0..4), any::<bool>()).prop_map(|(answers, closed)| {
        let close = if closed { "</comparison>\n" } else { "" };
        format!("<comparison>\n{}{close}", answers.concat())
    });
    let unit = prop_oneof![
        5 => message(),
        2 => comparison,
        1 => conversation_line().prop_map(|l| l + "\n"),
    ];
    prop::collection::vec(unit, 0..8).prop_map(|v| v.concat())
}

/// A document around one or more conversation blocks, so that generated input
/// reaches the conversation scanner, expectations and precedents often.
fn conversation_soup() -> impl Strategy<Value = String> {
    let preamble = prop::sample::select(
        &[
            "",
            "# Title {#sec authority=root}\n\nA rule.[^ab12]\n\n",
            "Examples for [^ab12] in Title:\n\n",
            "## Precedent one\n\n**Precedent**: p\n\n",
            "**Precedent**: p\n\n",
        ][..],
    );
    let block = (
        prop::sample::select(&["**Example**: t\n\n", "**Example**: t’日\n", "**Example**:\n\n", ""][..]),
        prop::sample::select(&["~~~xml\n", "```xml\n", "~~~~xml\n", "~~~ xml\n", " ~~~xml\n", "~~~\n"][..]),
        conversation_body(),
        prop::sample::select(&["~~~\n", "```\n", "~~~~\n", ""][..]),
        prop::sample::select(
            &[
                "",
                "\n**Expect**:\n\n- plain rubric\n- `contains: x`\n- `regex: (`\n- `max-words: 1é`\n",
                "\n**Expect**:\n- `json`\n- `nope: x`\n",
                "\n**Ruling**: pass\n\n**Rationale**: r\n\n**Decided**: d\n",
                "\n**Ruling**: fail\n",
            ][..],
        ),
    )
        .prop_map(|(title, open, body, close, after)| format!("{title}{open}{body}{close}{after}\n"));
    (preamble, prop::collection::vec(block, 1..4)).prop_map(|(p, blocks)| format!("{p}{}", blocks.concat()))
}

// ---- the corpus -----------------------------------------------------------

fn release_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/openai-model-spec/2025-12-18")
}

/// Reads a corpus file; a file that cannot be read fails the test.
fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("this test needs the Model Spec corpus: {}: {e}", path.display()))
}

/// The corpus files of a release folder: its model_spec.md and its examples.
fn release_files(release: &std::path::Path) -> Vec<PathBuf> {
    let examples = release.join("examples");
    let rd = std::fs::read_dir(&examples)
        .unwrap_or_else(|e| panic!("this test needs the Model Spec corpus: {}: {e}", examples.display()));
    let mut paths: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths.insert(0, release.join("model_spec.md"));
    paths
}

/// model_spec.md (first) and the examples of the 2025-12-18 release, every one
/// read: a missing corpus or an unreadable file panics.
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let files: Vec<String> = release_files(&release_dir()).iter().map(|p| read(p)).collect();
        // model_spec.md and its 114 test files.
        assert!(files.len() > 100, "only {} corpus files read", files.len());
        files
    })
}

/// The largest char boundary `<= i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Clone, Debug)]
enum Edit {
    Insert(f64, String),
    Delete(f64, usize),
    Replace(f64, usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0f64, piece()).prop_map(|(p, s)| Edit::Insert(p, s)),
        (0.0..1.0f64, 1..24usize).prop_map(|(p, n)| Edit::Delete(p, n)),
        (0.0..1.0f64, 1..8usize, piece()).prop_map(|(p, n, s)| Edit::Replace(p, n, s)),
    ]
}

fn apply(mut s: String, edits: &[Edit]) -> String {
    for e in edits {
        let at = |p: f64, s: &str| floor_boundary(s, (p * s.len() as f64) as usize);
        match e {
            Edit::Insert(p, ins) => {
                let i = at(*p, &s);
                s.insert_str(i, ins);
            }
            Edit::Delete(p, n) | Edit::Replace(p, n, _) => {
                let i = at(*p, &s);
                let j = s[i..].char_indices().nth(*n).map_or(s.len(), |(k, _)| i + k);
                let with = match e {
                    Edit::Replace(_, _, r) => r.as_str(),
                    _ => "",
                };
                s.replace_range(i..j, with);
            }
        }
    }
    s
}

/// A window of one corpus file (model_spec.md half of the time), then edits.
fn mutated_corpus() -> impl Strategy<Value = String> {
    (
        0..2usize,
        any::<prop::sample::Index>(),
        0.0..1.0f64,
        0..3000usize,
        prop::collection::vec(edit(), 0..12),
    )
        .prop_map(|(spec, file, start, len, edits)| {
            let files = corpus();
            let text = if spec == 0 || files.len() == 1 {
                &files[0]
            } else {
                &files[1 + file.index(files.len() - 1)]
            };
            let a = floor_boundary(text, (start * text.len() as f64) as usize);
            let b = floor_boundary(text, a + len);
            apply(text[a..b].to_string(), &edits)
        })
}

// ---- properties ------------------------------------------------------------

/// Each case parses its input three times, once per [`DocumentKind`].
const SOUP_CASES: u32 = 10_000;
const MUTATION_CASES: u32 = 10_000;

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(SOUP_CASES) })]

    #[test]
    fn markdown_soup_parses_with_valid_spans(text in markdown_soup()) {
        check_all_kinds(&text)?;
    }

    #[test]
    fn conversation_soup_parses_with_valid_spans(text in conversation_soup()) {
        check_all_kinds(&text)?;
    }
}

/// Corpus mutations; a plain test driving a runner, so that the corpus is read
/// (or its absence reported) once, before the first case.
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn mutated_corpus_parses_with_valid_spans() {
    corpus();
    let config = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(MUTATION_CASES)
    };
    let mut runner = TestRunner::new(config);
    if let Err(e) = runner.run(&mutated_corpus(), |text| check_all_kinds(&text)) {
        panic!("{e}");
    }
}

/// Every file of every release in the corpus, unmutated. Every file listed is
/// read (an unreadable one fails the test), and the count is checked, so the
/// test cannot pass having parsed nothing.
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn whole_corpus_files_parse_with_valid_spans() {
    let root = release_dir().join("..");
    let releases = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("this test needs the Model Spec corpus: {}: {e}", root.display()));
    let mut files = Vec::new();
    for release in releases.map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        files.extend(release_files(&release));
    }
    let (mut specs, mut tests) = (0, 0);
    for path in &files {
        let text = read(path);
        if let Err(e) = check_all_kinds(&text) {
            panic!("{}: {e}", path.display());
        }
        if path.ends_with("model_spec.md") {
            specs += 1;
        } else {
            tests += 1;
        }
    }
    // Five releases, 582 test files (120, 120, 114, 114, 114).
    assert!(
        specs >= 5 && tests >= 580,
        "read {specs} model_spec.md and {tests} test files under {}",
        root.display()
    );
}

/// The checker itself flags what it should, so the properties are not vacuous.
#[test]
fn span_check_flags_bad_spans() {
    let mut c = SpanCheck {
        text: "aé",
        errors: Vec::new(),
    };
    c.span("whole", Span::new(0, 3));
    c.span("empty at end", Span::empty(3));
    c.span("inside é", Span::new(0, 2));
    c.span("past the end", Span::new(1, 4));
    c.span("reversed", Span { start: 1, end: 0 });
    c.index("index", Some(2), 2);
    assert_eq!(c.errors.len(), 4, "{:#?}", c.errors);
}

/// What the property found on 2026-12-05: a lone CR before an example title
/// read differently by the plain parse and the streaming cutter. specc never
/// parses a CR (SourceMap::add normalises line ends first), and on normalised
/// text the two agree.
#[test]
fn a_lone_carriage_return_is_read_after_normalisation_alike_streamed_or_not() {
    let raw = "<assistant>!!! note\n    indented\n\n    more\n\r**Example**:";
    check_all_kinds(raw).unwrap();
}
