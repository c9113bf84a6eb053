use crate::context::ProjectContext;
use crate::declare_rule;
use crate::rule::{Finding, RuleKind};
use crate::rules::structure::common::{Strength, is_blank, modals, whole_chars};
use specc_diagnostics::FileId;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Flags a section that states the same obligation at two strengths: "must
    /// cite" in one sentence and "should cite" in another (or "must not" and
    /// "should not" on the same verb). Sections are compared on their own
    /// prose, not their subsections; the verb is compared as written after
    /// the keyword. Generic verbs (*be*, *have*, *do*, *use*, *take*,
    /// *make*, *consider*, *try*) are skipped, since their objects differ too
    /// much to compare.
    ///
    /// ## Why is this bad?
    /// The reader cannot tell whether the weaker sentence relaxes the stronger
    /// one (for some cases, or always) or is a slip. Graders apply one or the
    /// other, and a model trained on both learns that the rule is negotiable.
    ///
    /// ## Example
    /// ```markdown
    /// The assistant must cite its sources for medical claims. For other claims it should cite its sources.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The assistant must cite its sources for medical claims, and should cite them for other claims unless the user asks it not to.
    /// ```
    pub static RULE = {
        code: "A901",
        name: "mixed-strength",
        category: Keywords,
        severity: Warning,
        default: true,
        summary: "The same obligation is stated at two strengths in one section",
        kind: RuleKind::Project(check),
    };
}

/// Verbs too generic to compare across sentences.
const GENERIC: &[&str] = &[
    "be", "have", "do", "use", "take", "make", "consider", "try", "get", "go", "give", "keep", "let", "put", "seem",
    "attempt", "strive", "aim", "also", "instead", "still",
];

struct Use {
    file: FileId,
    span: specc_diagnostics::Span,
    phrase: String,
    line_start: usize,
}

fn check(p: &ProjectContext<'_>, out: &mut Vec<(FileId, Finding)>) {
    // (document, section, verb, negated) -> uses at MUST and at SHOULD strength.
    type Key = (usize, usize, String, bool);
    let mut uses: HashMap<Key, (Vec<Use>, Vec<Use>)> = HashMap::new();
    let mut order: Vec<Key> = Vec::new();
    for s in p.sentences {
        let Some(sec) = s.prose.section else { continue };
        let words = s.words();
        let text = s.norm.text.as_str();
        for m in modals(&words) {
            let Some(v) = m.verb else { continue };
            let verb = words[v].2;
            if GENERIC.contains(&verb) || is_blank(verb) {
                continue;
            }
            let key = (s.file.0 as usize, sec, verb.to_string(), m.negated);
            let span = whole_chars(s.src, s.norm.source_span(words[m.first].0, words[v].1));
            let u = Use {
                file: s.file,
                span,
                phrase: text[words[m.first].0..words[v].1].to_string(),
                line_start: span.start,
            };
            let entry = uses.entry(key.clone()).or_insert_with(|| {
                order.push(key);
                (Vec::new(), Vec::new())
            });
            match m.strength {
                Strength::Must => entry.0.push(u),
                Strength::Should => entry.1.push(u),
            }
        }
    }
    for key in order {
        let (must, should) = &uses[&key];
        let (Some(strong), false) = (must.first(), should.is_empty()) else {
            continue;
        };
        for weak in should {
            let src = &p.sources.file(weak.file).text;
            let line = src[..strong.line_start].matches('\n').count() + 1;
            out.push((
                weak.file,
                Finding::new(
                    weak.span,
                    format!(
                        "`{}` here, but `{}` on line {line} of the same section",
                        weak.phrase, strong.phrase
                    ),
                )
                .label("SHOULD here")
                .help("state the obligation once, at one strength, and say when the weaker form applies"),
            ));
        }
    }
}
