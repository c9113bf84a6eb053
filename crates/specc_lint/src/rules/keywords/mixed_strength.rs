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
    /// the keyword, and the two must share a word of what follows it ("must
    /// offer a refund" and "should offer still water" are two obligations,
    /// not one at two strengths), unless one sentence is an example ("For
    /// example, the assistant must not ..."). Generic verbs (*be*, *have*, *do*, *use*,
    /// *take*, *make*, *consider*, *try*) are skipped, since their objects
    /// differ too much to compare.
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
    /// The content words after the verb, up to the clause's end, in the
    /// singular: what the obligation is about.
    about: Vec<String>,
    /// The sentence gives an example ("For example, the assistant must not
    /// ..."): it is about the rule it illustrates, whatever its words.
    example: bool,
}

/// Words that say nothing of what an obligation is about.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "your", "our", "to", "of", "for", "in", "on", "at", "with", "and",
    "or", "by", "from", "about", "that", "this", "these", "those", "when", "if", "it", "them", "they", "any", "all",
    "every", "each", "not", "no", "be", "is", "are", "either", "also", "only", "too", "as", "so",
];

/// The content words of a clause after its verb (see [`Use::about`]).
fn about(text: &str, words: &[(usize, usize, &str)], verb: usize) -> Vec<String> {
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate().skip(verb + 1) {
        // The clause ends at a comma, semicolon or colon before this word.
        if text[words[k - 1].1..w.0].contains([',', ';', ':']) {
            break;
        }
        let w = w.2;
        if w.len() < 3 || FUNCTION_WORDS.contains(&w) {
            continue;
        }
        // "replies" and "reply", "sources" and "source".
        let w = match w.strip_suffix("ies") {
            Some(stem) if stem.len() >= 2 => format!("{stem}y"),
            _ => w
                .strip_suffix('s')
                .filter(|s| s.len() >= 3 && !s.ends_with('s'))
                .unwrap_or(w)
                .to_string(),
        };
        out.push(w);
    }
    out
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
                about: about(text, &words, v),
                example: ["for example", "for instance", "e.g."]
                    .iter()
                    .any(|p| text.starts_with(p)),
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
        if must.is_empty() || should.is_empty() {
            continue;
        }
        for weak in should {
            // The same act on the same thing: a shared word of what follows
            // the verb, nothing after it on either side, or an example of
            // the other.
            let Some(strong) = must.iter().find(|strong| {
                strong.example
                    || weak.example
                    || strong.about.is_empty()
                    || weak.about.is_empty()
                    || strong.about.iter().any(|w| weak.about.contains(w))
            }) else {
                continue;
            };
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
