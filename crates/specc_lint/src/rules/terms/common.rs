//! Defined terms and where prose uses them: the project's definitions split
//! into pieces, and a matcher over normalised text that tolerates plurals,
//! possessives and different hyphens.

use crate::context::{ProjectContext, SentenceContext};
pub use crate::pieces::{Analyzed, Piece, pieces, stem};
use specc_syntax::{Definition, Document};

/// One spelling of a defined term: the term itself or one of its aliases.
#[derive(Clone, Debug)]
pub struct Form {
    /// As written in the definition.
    pub written: String,
    /// Lowercase pieces, the last one stemmed.
    pub pieces: Vec<String>,
    /// Separators between the pieces.
    pub seps: Vec<char>,
    /// All letters of the form, stemmed: the key two spellings share.
    pub key: String,
}

impl Form {
    pub fn new(written: &str) -> Option<Form> {
        let lower = written.to_lowercase();
        let ps = pieces(&lower);
        if ps.is_empty() || ps.iter().skip(1).any(|p| p.sep.is_none()) {
            return None;
        }
        let mut words: Vec<String> = ps.iter().map(|p| p.text.to_string()).collect();
        let last = words.len() - 1;
        words[last] = stem(&words[last]);
        let seps = ps.iter().skip(1).filter_map(|p| p.sep).collect();
        let key = words.concat();
        Some(Form {
            written: written.to_string(),
            pieces: words,
            seps,
            key,
        })
    }
}

/// A definition with all its spellings.
pub struct Term<'a> {
    pub doc: &'a Document,
    pub def: &'a Definition,
    pub forms: Vec<Form>,
}

/// Every definition of the project's documents.
pub fn terms<'a>(p: &ProjectContext<'a>) -> Vec<Term<'a>> {
    let mut out = Vec::new();
    for doc in p.documents {
        for def in &doc.definitions {
            let forms = std::iter::once(&def.term)
                .chain(&def.aliases)
                .filter_map(|w| Form::new(w))
                .collect::<Vec<_>>();
            if !forms.is_empty() {
                out.push(Term { doc, def, forms });
            }
        }
    }
    out
}

/// A place where a form's letters occur in a sentence, possibly spelled differently.
pub struct Occurrence {
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
    /// Separators as written there (empty for a joined spelling).
    pub seps: Vec<char>,
    /// Number of pieces.
    pub len: usize,
}

/// Occurrences of a form's letters in normalised text: the same pieces with
/// any separators, or all pieces joined into one word.
pub fn occurrences(text: &str, form: &Form) -> Vec<Occurrence> {
    occurrences_in(&Analyzed::new(text), form)
}

/// [`occurrences`] over an already analysed sentence.
pub fn occurrences_in(a: &Analyzed<'_>, form: &Form) -> Vec<Occurrence> {
    let ps = &a.pieces;
    let n = form.pieces.len();
    let mut out = Vec::new();
    for i in 0..ps.len() {
        // Same pieces, any separators.
        if i + n <= ps.len() && ps[i + 1..i + n].iter().all(|p| p.sep.is_some()) {
            let same = (0..n).all(|k| {
                if k + 1 == n {
                    a.stems[i + k] == form.pieces[k]
                } else {
                    ps[i + k].text == form.pieces[k]
                }
            });
            // The last piece must end the phrase: "side effects" but not "side effect-free".
            let ends = ps.get(i + n).is_none_or(|p| p.sep != Some('-'));
            let starts = ps[i].sep != Some('-');
            if same && ends && starts {
                out.push(Occurrence {
                    start: ps[i].start,
                    end: ps[i + n - 1].end,
                    seps: ps[i + 1..i + n].iter().filter_map(|p| p.sep).collect(),
                    len: n,
                });
                continue;
            }
        }
        // All pieces joined: "sideeffects".
        if n > 1 && a.stems[i] == form.key && ps[i].sep != Some('-') {
            out.push(Occurrence {
                start: ps[i].start,
                end: ps[i].end,
                seps: Vec::new(),
                len: 1,
            });
        }
    }
    out
}

/// The normative sentences outside the definitions section, with their file.
pub fn prose_sentences<'a, 'b>(p: &'b ProjectContext<'a>) -> impl Iterator<Item = &'b SentenceContext<'a>> {
    p.sentences.iter().filter(|s| !in_definitions(s))
}

/// [`prose_sentences`] analysed, in the same order: computed on first use
/// and shared by the term rules.
pub fn analyzed<'b, 'a>(p: &'b ProjectContext<'a>) -> &'b [Analyzed<'a>] {
    p.analyzed.get_or_init(|| {
        p.sentences
            .iter()
            .filter(|s| !in_definitions(s))
            .map(|s| Analyzed::new(s.norm.text.as_str()))
            .collect()
    })
}

/// Whether a sentence sits in the `definitions` section or below it.
pub fn in_definitions(s: &SentenceContext<'_>) -> bool {
    s.prose
        .section
        .is_some_and(|si| s.doc.ancestors(si).any(|i| s.doc.sections[i].id == "definitions"))
}

/// Whether `word` is `term` with one letter doubled or undoubled, or two
/// neighbouring letters swapped: the usual typos of a long word.
pub fn is_typo(word: &str, term: &str) -> bool {
    // Cheap rejections first: this runs for every word against every one-word term.
    if word == term
        || term.len() < 6
        || word.len().abs_diff(term.len()) > 4
        || word.as_bytes()[..1] != term.as_bytes()[..1]
    {
        return false;
    }
    if term.chars().count() < 6 {
        return false;
    }
    let w: Vec<char> = word.chars().collect();
    let t: Vec<char> = term.chars().collect();
    if w.first() != t.first() {
        return false;
    }
    let doubled = |long: &[char], short: &[char]| {
        long.len() == short.len() + 1
            && (1..long.len()).any(|i| long[i] == long[i - 1] && long[..i] == short[..i] && long[i + 1..] == short[i..])
    };
    let swapped = w.len() == t.len() && {
        let diff: Vec<usize> = (0..w.len()).filter(|&i| w[i] != t[i]).collect();
        diff.len() == 2 && diff[1] == diff[0] + 1 && w[diff[0]] == t[diff[1]] && w[diff[1]] == t[diff[0]]
    };
    doubled(&w, &t) || doubled(&t, &w) || swapped
}
