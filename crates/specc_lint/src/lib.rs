//! The ambiguity linter: rules over the normative prose of a spec (never its
//! commentary, examples, code, headings, link targets or quotations).
//!
//! One pass per document: prose blocks are split into sentences and normalised
//! once; all phrase rules share one Aho-Corasick automaton over that text;
//! sentence rules and project rules then run over the same sentences. Rules
//! live one per file under `rules/<category>/`.

pub mod baseline;
pub mod context;
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
    // Whether each sentence states a rule (`specc_syntax::normative`).
    let mut normative: Vec<bool> = Vec::new();
    let mut unranked = std::collections::HashSet::new();
    for doc in &pkg.documents {
        let src = ws.sources.file(doc.file).text.as_str();
        result.documents += 1;
        let actors = specc_syntax::normative::Actors::learn(src);
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
            for (k, span) in spans.into_iter().enumerate() {
                let norm = normalize::normalize(&mask, prose.span.start, span);
                let rule = specc_syntax::normative::states_rule(&norm.text, &actors);
                if !rule {
                    result.explanatory += 1;
                }
                normative.push(rule);
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
    let mut seen = std::collections::HashSet::new();
    for (ri, file, f, si) in findings {
        let rule = rules::all()[ri];
        let code = rule.info.code;
        // Ambiguity is a fault in a rule, not in the prose that explains it:
        // "can reasonably decline" in an analogy binds no one.
        if reads_rules_only(code) && si.is_some_and(|si| !normative[si]) {
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
        if opts.vocabulary.contains(&matched) {
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

/// Rule families about the wording of rules (vagueness, subjectivity,
/// weakness, universals, keywords), which read only the sentences that state
/// one. Open lists, references, structure and terms read all ranked prose: a
/// definition's "inter alia" or a "see below" matter wherever they are.
pub fn reads_rules_only(code: &str) -> bool {
    matches!(code.get(..2), Some("A1" | "A2" | "A3" | "A6" | "A9"))
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
