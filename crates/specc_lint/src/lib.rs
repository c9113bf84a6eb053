//! The ambiguity linter: rules over the normative prose of a spec (never its
//! commentary, examples, code, headings, link targets or quotations).
//!
//! One pass per document: prose blocks are split into sentences and normalised
//! once; all phrase rules share one Aho-Corasick automaton over that text;
//! sentence rules and project rules then run over the same sentences. Rules
//! live one per file under `rules/<category>/`.

pub mod baseline;
pub mod context;
pub mod coverage;
pub mod fix;
mod normalize;
mod pieces;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod sarif;

use aho_corasick::AhoCorasick;
use context::{PhraseMatch, ProjectContext, SentenceContext};
use rule::{Finding, Rule, RuleKind};
use specc_diagnostics::{Code, Diagnostic, FileId, Severity, Span};
use specc_project::{LintConfig, Workspace};
use specc_suite::Selection;
use specc_syntax::ProseKind;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The JSON schema name of `specc lint --format json` lines.
pub const LINT_SCHEMA: &str = "specc.lint/1";

/// What to lint and how, from `[lint]` in specc.toml and the command line.
#[derive(Debug, Clone, Default)]
pub struct LintOptions {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Per code or prefix: a severity, or `None` for off.
    pub severity: Vec<(String, Option<Severity>)>,
    /// Accepted project terms, never flagged (matched case-insensitively).
    pub vocabulary: Vec<String>,
    /// Which sections (`--section`, `--authority`, `--tag`); everything by default.
    pub selection: Selection,
}

impl LintOptions {
    pub fn from_config(c: &LintConfig) -> Self {
        LintOptions {
            select: c.select.iter().map(|s| s.get_ref().clone()).collect(),
            ignore: c.ignore.iter().map(|s| s.get_ref().clone()).collect(),
            severity: c
                .severity
                .iter()
                .map(|(k, v)| {
                    let sev = match v.get_ref().as_str() {
                        "error" => Some(Severity::Error),
                        "warning" => Some(Severity::Warning),
                        "info" => Some(Severity::Info),
                        _ => None,
                    };
                    (k.clone(), sev)
                })
                .collect(),
            vocabulary: c.vocabulary.iter().map(|v| v.to_lowercase()).collect(),
            ..Default::default()
        }
    }
}

/// The result of [`lint`].
#[derive(Debug, Default)]
pub struct LintResult {
    pub diagnostics: Vec<Diagnostic>,
    pub documents: usize,
    pub sentences: usize,
    pub rules: usize,
    pub suppressed: usize,
    /// Paragraphs not read because their section has no authority level, and
    /// in how many sections: said when nothing else was read.
    pub unranked_paragraphs: usize,
    pub unranked_sections: usize,
    /// Sentences of ranked sections that state no rule (explanation, examples,
    /// analogies: [`specc_syntax::normative`]), not linted.
    pub explanatory: usize,
}

/// The code of a rule, as diagnostics carry it.
pub fn code_of(rule: &'static Rule) -> Code {
    Code::new(&rule.info)
}

struct Automaton {
    ac: AhoCorasick,
    /// Pattern index to (index in `rules::all()`, phrase).
    patterns: Vec<(usize, &'static str)>,
}

fn automaton() -> &'static Automaton {
    static A: OnceLock<Automaton> = OnceLock::new();
    A.get_or_init(|| {
        let mut patterns = Vec::new();
        for (i, r) in rules::all().iter().enumerate() {
            if let RuleKind::Phrase { phrases, .. } = r.kind {
                patterns.extend(phrases.iter().map(|p| (i, *p)));
            }
        }
        let ac = AhoCorasick::new(patterns.iter().map(|p| p.1)).expect("phrases are plain strings");
        Automaton { ac, patterns }
    })
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '_')
}

/// Codes allowed by `<!-- specc-allow A101 A2 -->` right before a block.
fn allowed_before(src: &str, start: usize) -> Vec<String> {
    let before = src[..start].trim_end();
    let Some(body) = before.strip_suffix("-->") else {
        return Vec::new();
    };
    let Some(open) = body.rfind("<!--") else {
        return Vec::new();
    };
    let inner = body[open + 4..].trim();
    match inner.strip_prefix("specc-allow") {
        Some(codes) => codes
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    }
}

/// Lints the root package of `ws`.
pub fn lint(ws: &Workspace, opts: &LintOptions) -> LintResult {
    let mut result = LintResult::default();
    let Some(pkg) = ws.packages.first() else { return result };
    let selected = registry::selected(&opts.select, &opts.ignore);
    result.rules = selected.len();
    let enabled: Vec<bool> = rules::all()
        .iter()
        .map(|r| selected.iter().any(|s| std::ptr::eq(*s, *r)))
        .collect();

    // Sentences of normative prose, with the codes allowed for their block.
    let mut sentences: Vec<SentenceContext<'_>> = Vec::new();
    let mut allowed: Vec<Vec<String>> = Vec::new();
    // Whether each sentence states a rule (`specc_syntax::normative`), and
    // the assistant's names in its document.
    let mut normative: Vec<bool> = Vec::new();
    let mut actors_of: Vec<std::rc::Rc<specc_syntax::normative::Actors>> = Vec::new();
    let mut unranked = std::collections::HashSet::new();
    for doc in &pkg.documents {
        let src = ws.sources.file(doc.file).text.as_str();
        result.documents += 1;
        let actors = std::rc::Rc::new(specc_syntax::normative::Actors::learn(src));
        let mut lead_ins = specc_syntax::normative::LeadIns::new();
        for prose in &doc.prose {
            if prose.structural || prose.kind == ProseKind::Heading {
                continue;
            }
            let Some(si) = prose.section else { continue };
            let section = &doc.sections[si];
            // Prose under no authority is non-normative (overviews, definitions).
            if section.authority.is_none() {
                result.unranked_paragraphs += 1;
                unranked.insert((doc.file, si));
                continue;
            }
            if !opts
                .selection
                .keeps(Some(&section.id), section.authority.as_deref(), &section.tags)
            {
                continue;
            }
            let allow = allowed_before(src, prose.span.start);
            let (mask, spans) = normalize::block_sentences(src, prose);
            let count = spans.len();
            for (k, span) in spans.into_iter().enumerate() {
                let norm = normalize::normalize(&mask, prose.span.start, span);
                let kind = lead_ins.kind(
                    &src[span.range()],
                    &norm.text,
                    prose.kind == ProseKind::ListItem,
                    k + 1 == count,
                    &actors,
                );
                // A sentence its author marked as a clause is a rule, however it is
                // phrased ("The assistant is friendly and reasonable in tone[^tn01].").
                let marked = prose
                    .markers
                    .iter()
                    .any(|m| span.start <= m.start && m.start <= span.end);
                let rule = kind == specc_syntax::normative::Kind::Normative || marked;
                if !rule {
                    result.explanatory += 1;
                }
                normative.push(rule);
                actors_of.push(actors.clone());
                sentences.push(SentenceContext {
                    file: doc.file,
                    src,
                    doc,
                    prose,
                    section: Some(section),
                    span,
                    norm,
                    in_list_item: prose.kind == ProseKind::ListItem,
                    first_in_block: k == 0,
                });
                allowed.push(allow.clone());
            }
        }
    }
    result.sentences = sentences.len() - result.explanatory;
    result.unranked_sections = unranked.len();

    let mut findings: Vec<(usize, FileId, Finding, Option<usize>)> = Vec::new();
    let auto = automaton();
    let mut phrase_hits: Vec<(usize, Finding)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let text = s.norm.text.as_str();
        for m in auto.ac.find_overlapping_iter(text) {
            let (ri, phrase) = auto.patterns[m.pattern().as_usize()];
            if !enabled[ri] {
                continue;
            }
            if is_word_char(text[..m.start()].chars().next_back()) || is_word_char(text[m.end()..].chars().next()) {
                continue;
            }
            let RuleKind::Phrase { check, .. } = rules::all()[ri].kind else {
                continue;
            };
            let pm = PhraseMatch {
                sentence: s,
                phrase,
                start: m.start(),
                end: m.end(),
            };
            if let Some(f) = check(&pm) {
                phrase_hits.push((ri, f));
            }
        }
        // Within one rule the longest match wins: "a few" over "few", "etc." over "etc".
        for (k, (ri, f)) in phrase_hits.iter().enumerate() {
            let inside_another = phrase_hits.iter().enumerate().any(|(j, (rj, g))| {
                j != k && rj == ri && g.span.start <= f.span.start && f.span.end <= g.span.end && g.span != f.span
            });
            if !inside_another {
                findings.push((*ri, s.file, f.clone(), Some(si)));
            }
        }
        phrase_hits.clear();
        for (ri, r) in rules::all().iter().enumerate() {
            if let (true, RuleKind::Sentence(f)) = (enabled[ri], &r.kind) {
                let mut out = Vec::new();
                f(s, &mut out);
                findings.extend(out.into_iter().map(|x| (ri, s.file, x, Some(si))));
            }
        }
    }
    let project = ProjectContext {
        documents: &pkg.documents,
        test_files: &pkg.test_files,
        sources: &ws.sources,
        sentences: &sentences,
        analyzed: Default::default(),
    };
    for (ri, r) in rules::all().iter().enumerate() {
        if let (true, RuleKind::Project(f)) = (enabled[ri], &r.kind) {
            let mut out = Vec::new();
            f(&project, &mut out);
            for (file, finding) in out {
                let si = sentences
                    .iter()
                    .position(|s| s.file == file && s.span.contains(finding.span.start));
                findings.push((ri, file, finding, si));
            }
        }
    }

    // Findings to diagnostics: severities, suppressions, vocabulary.
    let severity_of = |code: &str, default: Severity| -> Option<Severity> {
        // The longest matching selector wins: `A101` over `A1` over `A`.
        opts.severity
            .iter()
            .filter(|(sel, _)| registry::matches(sel, code))
            .max_by_key(|(sel, _)| sel.len())
            .map(|(_, s)| *s)
            .unwrap_or(Some(default))
    };
    let defined: std::collections::HashSet<String> = pkg
        .documents
        .iter()
        .flat_map(|d| d.definitions.iter())
        .flat_map(|d| std::iter::once(d.term.to_lowercase()).chain(d.aliases.iter().map(|a| a.to_lowercase())))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for (ri, file, f, si) in findings {
        let rule = rules::all()[ri];
        let code = rule.info.code;
        // Ambiguity is a fault in a rule, not in the prose that explains it:
        // "can reasonably decline" in an analogy binds no one.
        if reads_rules_only(code) && si.is_some_and(|si| !normative[si]) {
            continue;
        }
        if judges_wording(code)
            && let Some(si) = si
            && in_description(&sentences[si], f.span, &actors_of[si])
        {
            continue;
        }
        if let Some(si) = si
            && allowed[si].iter().any(|a| registry::matches(a, code))
        {
            result.suppressed += 1;
            continue;
        }
        let src = ws.sources.file(file).text.as_str();
        let matched = src.get(f.span.range()).unwrap_or("").to_lowercase();
        // A word the spec defines is anchored by its definition.
        if opts.vocabulary.contains(&matched) || judges_wording(code) && defined.contains(&matched) {
            result.suppressed += 1;
            continue;
        }
        let Some(severity) = severity_of(code, rule.info.severity) else {
            continue;
        };
        if !seen.insert((code, file, f.span)) {
            continue;
        }
        let mut d = Diagnostic::new(code_of(rule), f.message)
            .at(file, f.span)
            .with_severity(severity);
        if let Some(l) = f.label {
            d = d.with_label(l);
        }
        if let Some(h) = f.help {
            d = d.with_help(h);
        }
        if let Some(fx) = f.fix {
            d = d.with_fix(fx);
        }
        result.diagnostics.push(d);
    }
    result
        .diagnostics
        .sort_by_key(|d| (d.file.map(|f| f.0), d.span.start, d.code));
    result
}

/// Rule families about the wording and shape of rules (vagueness,
/// subjectivity, weakness, references, universals, structure, keywords),
/// which read only the sentences that state one: a long description or a
/// "described above" in an introduction binds no one. Open lists (a
/// definition's "inter alia", a placeholder) and terms read all ranked prose.
pub fn reads_rules_only(code: &str) -> bool {
    matches!(code.get(..2), Some("A1" | "A2" | "A3" | "A5" | "A6" | "A7" | "A9"))
}

/// Families whose words judge a standard (vague, subjective, weak): inside a
/// comparison or an analogy ("in the same way a new employee follows
/// reasonable instructions") the word describes the thing compared, not the rule.
fn judges_wording(code: &str) -> bool {
    matches!(code.get(..2), Some("A1" | "A2" | "A3"))
}

/// Whether a finding's words sit in the part of a rule that describes rather
/// than rules: a comparison or an analogy ("in the same way a new employee
/// follows reasonable instructions"), or a coordinated clause that states no
/// rule of its own ("a good branch manager listens for the second question,
/// and Harbor should too").
fn in_description(
    s: &SentenceContext<'_>,
    span: specc_diagnostics::Span,
    actors: &specc_syntax::normative::Actors,
) -> bool {
    let inside = |a: usize, b: usize| {
        let range = s.norm.source_span(a, b);
        range.start <= span.start && span.end <= range.end
    };
    if comparison_spans(&s.norm.text).iter().any(|&(a, b)| inside(a, b)) {
        return true;
    }
    let text = s.norm.text.as_str();
    let mut cuts = vec![0];
    for sep in ["; ", ", and ", ", but ", ", whereas ", ", because "] {
        let mut from = 0;
        while let Some(i) = text[from..].find(sep) {
            cuts.push(from + i + 1);
            from += i + sep.len();
        }
    }
    cuts.sort();
    cuts.push(text.len());
    if cuts.len() <= 2 {
        return false;
    }
    cuts.windows(2).any(|c| {
        let clause = text[c[0]..c[1]].trim_start_matches([';', ',', ' ']);
        // "..., and should be honest about ...": the subject is the rule's own.
        let bare = clause
            .trim_start_matches("and ")
            .trim_start_matches("but ")
            .trim_start_matches("or ");
        let continues_the_rule = [
            "should", "must", "may", "shall", "never", "always", "can", "cannot", "will",
        ]
        .iter()
        .any(|m| bare.starts_with(&format!("{m} ")));
        inside(c[0], c[1]) && !continues_the_rule && !specc_syntax::normative::is_normative(clause, actors)
    })
}

/// Byte ranges of the normalised sentence that compare or illustrate: from
/// an opener ("in the same way", "just as", "like a", "rather than") to the
/// end of its clause.
fn comparison_spans(text: &str) -> Vec<(usize, usize)> {
    const OPENERS: &[&str] = &[
        "in the same way",
        "the same way",
        "just as",
        "much as",
        "like a ",
        "like an ",
        "as a ",
        "as an ",
        "as if",
        "as though",
        "rather than",
        "instead of",
        "the way a ",
        "the way an ",
        "think of",
        "imagine",
        "such as",
        "for example",
        "for instance",
        "e.g.",
    ];
    let mut out = Vec::new();
    for o in OPENERS {
        let mut from = 0;
        while let Some(i) = text[from..].find(o) {
            let start = from + i;
            let word_start = start == 0 || !text[..start].ends_with(|c: char| c.is_alphanumeric());
            from = start + o.len();
            if !word_start {
                continue;
            }
            let end = text[from..]
                .find([',', ';', ':', '(', ')'])
                .map(|j| from + j)
                .unwrap_or(text.len());
            out.push((start, end));
        }
    }
    out
}

/// The normalised text of the sentence a diagnostic sits in, for fingerprints.
pub(crate) fn sentence_text(src: &str, span: Span) -> String {
    let start = src[..span.start]
        .rfind(['.', '!', '?', '\n'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let end = src[span.end..]
        .find(['.', '!', '?', '\n'])
        .map(|i| span.end + i)
        .unwrap_or(src.len());
    src[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Rule documentation with the one leading space of doc comments removed.
pub fn rule_doc(rule: &Rule) -> String {
    rule.info
        .doc
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Groups diagnostics by file, for fixes and reports.
pub fn by_file(diags: &[Diagnostic]) -> HashMap<FileId, Vec<&Diagnostic>> {
    let mut m: HashMap<FileId, Vec<&Diagnostic>> = HashMap::new();
    for d in diags {
        if let Some(f) = d.file {
            m.entry(f).or_default().push(d);
        }
    }
    m
}
