//! What a spec's examples and test prompts exercise, section by section, as
//! far as words can tell: a rule is exercised by its section when an example
//! or a test prompt of one of the section's clauses uses one of the rule's
//! distinctive words (content words that few sections of the spec use), or
//! when an example's title or GOOD/BAD note names two of the rule's content
//! words ("BAD: changes content" against "should not introduce unrequested
//! changes in the content"). Read by S002 and by `specc clarify`.

use specc_diagnostics::SourceMap;
use specc_syntax::{Document, DocumentKind, Example};
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};

/// Words too common in any spec to tell what a rule is about.
const COMMON: &[&str] = &[
    "and",
    "any",
    "are",
    "but",
    "can",
    "did",
    "for",
    "had",
    "has",
    "her",
    "him",
    "his",
    "how",
    "its",
    "may",
    "not",
    "now",
    "off",
    "one",
    "our",
    "out",
    "own",
    "per",
    "she",
    "the",
    "too",
    "two",
    "use",
    "via",
    "was",
    "way",
    "who",
    "why",
    "yes",
    "yet",
    "you",
    "avoid",
    "refrain",
    "refuse",
    "decline",
    "about",
    "after",
    "also",
    "always",
    "among",
    "another",
    "assistant",
    "because",
    "before",
    "being",
    "both",
    "cannot",
    "could",
    "does",
    "doing",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "from",
    "have",
    "having",
    "into",
    "itself",
    "just",
    "like",
    "made",
    "make",
    "many",
    "might",
    "more",
    "most",
    "much",
    "must",
    "never",
    "only",
    "other",
    "over",
    "rather",
    "same",
    "said",
    "shall",
    "should",
    "shouldn't",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "unless",
    "upon",
    "very",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "will",
    "with",
    "within",
    "without",
    "would",
    "your",
    "user",
    "users",
    "good",
    "bad",
    "explicitly",
    "don't",
    "doesn't",
    "isn't",
    "aren't",
    "can't",
    "won't",
    "it's",
    "let's",
];

/// A word's key for matching its forms: a light stem's first five letters
/// ("escalate", "escalating" and "escalation" share `escal`); words of three
/// letters count ("tax", "fee", "age"), function words do not.
fn key(word: &str) -> Option<String> {
    let w = crate::pieces::stem(word);
    if w.chars().count() < 3
        || !w.chars().all(|c| c.is_alphabetic() || c == '\'')
        || COMMON.contains(&w.as_str())
        || COMMON.contains(&word.to_lowercase().as_str())
    {
        return None;
    }
    Some(w.chars().take(5).collect())
}

fn keys(text: &str) -> BTreeSet<String> {
    crate::pieces::pieces(&text.to_lowercase())
        .iter()
        .filter_map(|p| key(p.text))
        .collect()
}

/// What one section (with its subsections) exercises.
#[derive(Default)]
struct SectionUse {
    /// Whether it has any example or clause marker at all.
    tested: bool,
    /// Keys of its examples and of its clauses' test prompts.
    keys: BTreeSet<String>,
    /// Keys of each example's title and GOOD/BAD notes.
    notes: Vec<BTreeSet<String>>,
}

/// Whether a rule's section exercises it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touch {
    /// An example or test prompt uses its words.
    Exercised,
    /// Nothing does; its distinctive words, as written.
    Unexercised(Vec<String>),
    /// Too few distinctive words to tell, or a section with no example and no clause.
    Unknown,
}

/// One spec document's coverage. A section's examples and test prompts are
/// read when a rule of it is first asked about.
pub struct Coverage<'a> {
    doc: &'a Document,
    tests: HashMap<&'a str, &'a Document>,
    spread: HashMap<String, usize>,
    rare: usize,
    sections: Vec<OnceCell<SectionUse>>,
}

impl<'a> Coverage<'a> {
    /// `test_files` are the package's (`examples/<clause>.md`).
    pub fn of(doc: &'a Document, sources: &'a SourceMap, test_files: &'a [Document]) -> Coverage<'a> {
        let src = sources.file(doc.file).text.as_str();
        let tests = test_files
            .iter()
            .filter_map(|t| match &t.kind {
                DocumentKind::TestFile { clause } => Some((clause.as_str(), t)),
                _ => None,
            })
            .collect();
        // In how many sections each key occurs: a key most sections share
        // ("content", "request") tells nothing about which rule a test tests.
        let mut spread: HashMap<String, usize> = HashMap::new();
        for (si, sec) in doc.sections.iter().enumerate() {
            let end = doc
                .sections
                .get(si + 1)
                .map_or(sec.extent.end, |next| next.span.start)
                .clamp(sec.span.start, src.len());
            for k in keys(&src[sec.span.start..end]) {
                *spread.entry(k).or_default() += 1;
            }
        }
        Coverage {
            doc,
            tests,
            spread,
            rare: (doc.sections.len() / 10).max(2),
            sections: doc.sections.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    fn section(&self, si: usize) -> Option<&SectionUse> {
        let cell = self.sections.get(si)?;
        Some(cell.get_or_init(|| {
            let doc = self.doc;
            let ext = doc.sections[si].extent;
            let examples: Vec<&Example> = doc.examples.iter().filter(|e| ext.contains(e.span.start)).collect();
            let clauses: Vec<&str> = doc
                .clauses
                .iter()
                .filter(|c| ext.contains(c.marker.start))
                .map(|c| c.id.as_str())
                .collect();
            // What the examples say: their titles, messages, answers (a GOOD
            // answer shows the rule kept) and notes, not a test file's header
            // ("Examples for [^rf01] in Refunds:" names only the section).
            let mut text = String::new();
            let mut asked = |e: &Example| {
                text.push_str(&e.title);
                text.push('\n');
                for m in e.messages() {
                    text.push_str(&m.content);
                    text.push('\n');
                }
                for c in e.comparisons() {
                    for a in &c.answers {
                        text.push_str(&a.content);
                        text.push('\n');
                        if let Some(reason) = a.marker.as_ref().and_then(|m| m.reason.as_deref()) {
                            text.push_str(reason);
                            text.push('\n');
                        }
                    }
                }
            };
            for e in &examples {
                asked(e);
            }
            for c in &clauses {
                if let Some(t) = self.tests.get(c) {
                    t.examples.iter().for_each(&mut asked);
                }
            }
            let notes = examples
                .iter()
                .map(|e| {
                    let mut note = e.title.clone();
                    for c in e.comparisons() {
                        for a in &c.answers {
                            if let Some(reason) = a.marker.as_ref().and_then(|m| m.reason.as_deref()) {
                                note.push(' ');
                                note.push_str(reason);
                            }
                        }
                    }
                    keys(&note)
                })
                .collect();
            SectionUse {
                tested: !examples.is_empty() || !clauses.is_empty(),
                keys: keys(&text),
                notes,
            }
        }))
    }

    /// Whether section `section` (index into the document's sections) has
    /// any example or clause marker.
    pub fn tested(&self, section: usize) -> bool {
        self.section(section).is_some_and(|s| s.tested)
    }

    /// Whether section `section` exercises the rule `text`.
    pub fn touch(&self, section: usize, text: &str) -> Touch {
        let Some(used) = self.section(section).filter(|s| s.tested) else {
            return Touch::Unknown;
        };
        let all = keys(text);
        // Words a third of the sections use ("content", "instructions") name no behaviour.
        let telling: BTreeSet<String> = all
            .iter()
            .filter(|k| self.spread.get(*k).is_some_and(|&n| n * 3 <= self.sections.len()))
            .cloned()
            .collect();
        if used.notes.iter().any(|n| n.intersection(&telling).count() >= 2) {
            return Touch::Exercised;
        }
        let own: Vec<&String> = all
            .iter()
            .filter(|k| self.spread.get(*k).is_some_and(|&n| n <= self.rare))
            .collect();
        if own.iter().any(|k| used.keys.contains(*k)) {
            return Touch::Exercised;
        }
        if own.len() < 2 {
            return Touch::Unknown;
        }
        // The distinctive words as written, in order, once each.
        let mut seen = BTreeSet::new();
        let words = crate::pieces::pieces(text)
            .iter()
            .filter_map(|p| {
                key(p.text)
                    .filter(|k| own.contains(&k) && seen.insert(k.clone()))
                    .map(|_| p.text.to_lowercase())
            })
            .collect();
        Touch::Unexercised(words)
    }
}
