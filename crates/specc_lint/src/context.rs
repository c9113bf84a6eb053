//! What rules see: normalised sentences of normative prose with a map back to
//! source offsets, phrase matches within them, and the project as a whole.

use specc_diagnostics::{FileId, Span};
pub use specc_syntax::norm::{NormText, words};
use specc_syntax::{Document, Prose, Section};

/// One sentence of normative prose.
pub struct SentenceContext<'a> {
    pub file: FileId,
    /// The whole file's text.
    pub src: &'a str,
    pub doc: &'a Document,
    pub prose: &'a Prose,
    pub section: Option<&'a Section>,
    /// The sentence in the source, trimmed.
    pub span: Span,
    pub norm: NormText,
    /// Whether this sentence is a list item's text.
    pub in_list_item: bool,
    /// Whether it is the first sentence of its block.
    pub first_in_block: bool,
}

impl<'a> SentenceContext<'a> {
    /// The sentence's source text.
    pub fn source(&self) -> &'a str {
        &self.src[self.span.range()]
    }

    /// Words of the normalised text with their byte ranges in it.
    pub fn words(&self) -> Vec<(usize, usize, &str)> {
        words(&self.norm.text)
    }
}

/// A phrase found in a sentence.
pub struct PhraseMatch<'a> {
    pub sentence: &'a SentenceContext<'a>,
    /// The phrase as listed by the rule.
    pub phrase: &'static str,
    /// Byte range in `sentence.norm.text`.
    pub start: usize,
    pub end: usize,
}

impl<'a> PhraseMatch<'a> {
    /// The matched words in the source.
    pub fn span(&self) -> Span {
        self.sentence.norm.source_span(self.start, self.end)
    }

    /// The source text of the match.
    pub fn source(&self) -> &'a str {
        &self.sentence.src[self.span().range()]
    }

    /// Normalised text before the match.
    pub fn before(&self) -> &'a str {
        &self.sentence.norm.text[..self.start]
    }

    /// Normalised text after the match.
    pub fn after(&self) -> &'a str {
        &self.sentence.norm.text[self.end..]
    }

    /// Up to `n` words before the match, nearest last.
    pub fn words_before(&self, n: usize) -> Vec<&'a str> {
        let w = words(self.before());
        w[w.len().saturating_sub(n)..].iter().map(|x| x.2).collect()
    }

    /// Up to `n` words after the match, nearest first.
    pub fn words_after(&self, n: usize) -> Vec<&'a str> {
        words(self.after()).into_iter().take(n).map(|x| x.2).collect()
    }
}

/// The whole package, for rules that compare across sentences and documents.
pub struct ProjectContext<'a> {
    pub documents: &'a [Document],
    /// The test files (`examples/<clause>.md`), for rules that ask what is tested.
    pub test_files: &'a [Document],
    pub sources: &'a specc_diagnostics::SourceMap,
    /// Every normative sentence, in document order.
    pub sentences: &'a [SentenceContext<'a>],
    /// The prose sentences split into pieces and stemmed, once for every
    /// term rule that needs them ([`crate::rules::terms::common::analyzed`]).
    pub(crate) analyzed: std::cell::OnceCell<Vec<crate::pieces::Analyzed<'a>>>,
}
