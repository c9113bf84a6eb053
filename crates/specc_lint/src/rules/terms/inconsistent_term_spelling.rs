use crate::context::ProjectContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::structure::common::whole_chars;
use crate::rules::terms::common::{Form, analyzed, is_typo, occurrences_in, pieces, prose_sentences, terms};
use specc_diagnostics::{Applicability, Edit, FileId, Fix, Span};
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Flags a defined term spelled differently from its definition in
    /// normative prose: other hyphenation or spacing ("side effects" for the
    /// defined **side-effects**, "chain of thought message" for **chain-of-thought
    /// message**), or a typo of a long term ("developper", "asisstant"). Each
    /// spelling is flagged once per section. Case, plurals, possessives and the
    /// kind of hyphen do not count as differences.
    ///
    /// ## Why is this bad?
    /// A reader, a grader and a search all have to decide whether "side effects"
    /// is the defined term or an ordinary phrase. One spelling makes the link
    /// between a rule and its definition mechanical.
    ///
    /// ## Example
    /// ```markdown
    /// # Definitions {#definitions}
    ///
    /// **Side-effects**: changes to the world that a tool call causes.
    ///
    /// # Rules {#rules authority=root}
    ///
    /// The assistant should minimize side effects.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant should minimize side-effects.
    /// ```
    pub static RULE = {
        code: "A802",
        name: "inconsistent-term-spelling",
        category: Terms,
        severity: Warning,
        default: true,
        summary: "A defined term is spelled differently from its definition",
        kind: RuleKind::Project(check),
    };
}

fn check(p: &ProjectContext<'_>, out: &mut Vec<(FileId, Finding)>) {
    let terms = terms(p);
    // Every spelling some definition uses, by key: those are never wrong.
    let defined: HashSet<(String, Vec<char>)> = terms
        .iter()
        .flat_map(|t| t.forms.iter().map(|f| (f.key.clone(), f.seps.clone())))
        .collect();
    let single: Vec<(&Form, &str)> = terms
        .iter()
        .flat_map(|t| {
            t.forms
                .iter()
                .filter(|f| f.pieces.len() == 1)
                .map(move |f| (f, t.def.term.as_str()))
        })
        .collect();
    let single_keys: HashSet<&str> = single.iter().map(|(f, _)| f.key.as_str()).collect();
    // (section, spelling) pairs already reported.
    let mut seen: HashSet<(usize, Option<usize>, String)> = HashSet::new();
    for (s, analyzed) in prose_sentences(p).zip(analyzed(p)) {
        let text = s.norm.text.as_str();
        let sec = s.prose.section;
        let file = s.file.0 as usize;
        for t in &terms {
            for f in t.forms.iter().filter(|f| f.pieces.len() > 1) {
                for o in occurrences_in(analyzed, f) {
                    let spelled_as = (f.key.clone(), o.seps.clone());
                    if o.len == f.pieces.len() && defined.contains(&spelled_as) {
                        continue;
                    }
                    if o.len == 1 && defined.contains(&(f.key.clone(), Vec::new())) {
                        continue;
                    }
                    let used = &text[o.start..o.end];
                    if !seen.insert((file, sec, format!("{}|{used}", f.key))) {
                        continue;
                    }
                    let span = whole_chars(s.src, s.norm.source_span(o.start, o.end));
                    let mut finding = Finding::new(
                        span,
                        format!("`{}` is defined as `{}`", &s.src[span.range()], f.written),
                    )
                    .label("spelled differently")
                    .help("use the defined spelling, or change the definition so that the two agree");
                    if o.len == f.pieces.len() {
                        finding = finding.fix(respell(s, o.start, o.end, f));
                    }
                    out.push((s.file, finding));
                }
            }
        }
        // Typos of one-word terms.
        for (piece, w) in analyzed.pieces.iter().zip(&analyzed.stems) {
            if single_keys.contains(w.as_str()) {
                continue;
            }
            let Some((f, _)) = single.iter().find(|(f, _)| is_typo(w, &f.key)) else {
                continue;
            };
            if !seen.insert((file, sec, format!("{}|{}", f.key, piece.text))) {
                continue;
            }
            let span = whole_chars(s.src, s.norm.source_span(piece.start, piece.end));
            out.push((
                s.file,
                Finding::new(
                    span,
                    format!(
                        "`{}` looks like a misspelling of the defined `{}`",
                        &s.src[span.range()],
                        f.written
                    ),
                )
                .label("misspelled?")
                .help("use the defined spelling"),
            ));
        }
    }
}

/// The used words with the definition's separators, as an unsafe fix.
fn respell(s: &crate::context::SentenceContext<'_>, start: usize, end: usize, f: &Form) -> Fix {
    let ps = pieces(&s.norm.text[start..end]);
    let mut replacement = String::new();
    for (k, pc) in ps.iter().enumerate() {
        if k > 0 {
            replacement.push(f.seps[k - 1]);
        }
        let sp = whole_chars(s.src, s.norm.source_span(start + pc.start, start + pc.end));
        replacement.push_str(&s.src[sp.range()]);
    }
    let span: Span = whole_chars(s.src, s.norm.source_span(start, end));
    Fix {
        applicability: Applicability::Unsafe,
        message: format!("write `{replacement}`"),
        edits: vec![Edit { span, replacement }],
    }
}
