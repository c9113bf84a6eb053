//! Word lists and small tests shared by the structure, universals, keywords,
//! reference and terms rules: normative keywords, condition markers and
//! word-level access to a sentence.

/// A word of normalised text: byte range and text.
pub type Word<'a> = (usize, usize, &'a str);

/// How strong a normative keyword is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// must, shall, is required to.
    Must,
    /// should, ought to.
    Should,
}

impl Strength {
    pub fn name(self) -> &'static str {
        match self {
            Strength::Must => "MUST",
            Strength::Should => "SHOULD",
        }
    }
}

/// A normative keyword found in a sentence.
#[derive(Clone, Debug)]
pub struct Modal {
    /// Index of the keyword's first word.
    pub first: usize,
    /// Index of its last word (`required` in "is required to").
    pub last: usize,
    pub strength: Strength,
    /// Followed by "not" or "never", or a contracted negation.
    pub negated: bool,
    /// Index of the verb it governs, past negations and adverbs.
    pub verb: Option<usize>,
}

/// Words between a modal and its verb that are not the verb.
const SKIP_TO_VERB: &[&str] = &[
    "not",
    "never",
    "always",
    "also",
    "only",
    "still",
    "instead",
    "therefore",
    "then",
    "first",
    "simply",
    "just",
    "ever",
    "further",
    "thus",
    "rather",
    "even",
    "at",
    "all",
    "times",
    "both",
    "either",
    "neither",
    "itself",
    // Inverted "nor should it attempt".
    "it",
    "they",
];

/// Words that cannot be the verb a keyword governs.
const NOT_VERBS: &[&str] = &[
    "must", "should", "shall", "may", "might", "can", "could", "will", "would", "and", "or", "but", "nor", "if",
    "unless", "when", "the", "a", "an",
];

/// Whether only single spaces separate words `a` to `b`: normalised text has
/// one space between words, so a longer gap holds punctuation (a clause break).
fn text_gap(words: &[Word<'_>], a: usize, b: usize) -> bool {
    (a..b).all(|k| words[k + 1].0 == words[k].1 + 1)
}

/// The normative keywords of a sentence, in order.
pub fn modals(words: &[Word<'_>]) -> Vec<Modal> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].2;
        let next = words.get(i + 1).map(|x| x.2);
        let (strength, last, contracted) = match w {
            "must" | "shall" => (Strength::Must, i, false),
            "mustn't" | "shan't" => (Strength::Must, i, true),
            "should" => (Strength::Should, i, false),
            "shouldn't" => (Strength::Should, i, true),
            "ought" if next == Some("to") => (Strength::Should, i + 1, false),
            "is" | "are" if next == Some("required") && words.get(i + 2).map(|x| x.2) == Some("to") => {
                (Strength::Must, i + 2, false)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let mut j = last + 1;
        let mut negated = contracted;
        while let Some(x) = words.get(j) {
            if x.2 == "not" || x.2 == "never" {
                negated = true;
            }
            if SKIP_TO_VERB.contains(&x.2) || (x.2.ends_with("ly") && x.2.len() > 4) {
                j += 1;
            } else {
                break;
            }
        }
        // The verb follows in the same clause and is not another keyword or a joiner.
        let verb = words.get(j).filter(|v| !NOT_VERBS.contains(&v.2)).and_then(|v| {
            let gap = text_gap(words, last, j);
            gap.then_some(j).filter(|_| !v.2.is_empty())
        });
        out.push(Modal {
            first: i,
            last,
            strength,
            negated,
            verb,
        });
        i = last + 1;
    }
    out
}

/// Whether the text between two byte offsets of `text` holds only spaces.
pub fn only_space_between(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|t| t.chars().all(|c| c == ' '))
}

/// Whether a word is a bare run of `x` (a blanked quotation or inline code).
pub fn is_blank(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c == 'x')
}

/// Condition words that introduce a light, stock condition when followed by
/// one of these (`if needed`, `when appropriate`): not counted as a condition.
pub const STOCK_CONDITIONS: &[&str] = &[
    "any",
    "applicable",
    "available",
    "appropriate",
    "needed",
    "necessary",
    "possible",
    "relevant",
    "so",
    "ever",
    "anything",
    "desired",
    "known",
    "practical",
    "feasible",
    "warranted",
    "present",
];

/// Words after which "if" or "when" opens an embedded question, not a condition.
pub const EMBEDDED_QUESTION: &[&str] = &[
    "tell",
    "know",
    "knows",
    "knowing",
    "ask",
    "asks",
    "asked",
    "asking",
    "check",
    "checks",
    "checking",
    "see",
    "determine",
    "determining",
    "decide",
    "decides",
    "deciding",
    "wonder",
    "unclear",
    "sure",
    "of",
    "about",
    "on",
    "as",
    "judge",
    "understand",
    "clarify",
    "confirm",
    "assess",
    "assessing",
    "evaluate",
    "consider",
    "considering",
    "verify",
    "whether",
    "recognize",
    "notice",
    "learn",
    "signal",
    "indicate",
    "indicating",
];

/// Verbs whose object may be an embedded question a few words on ("ask the user if").
const QUESTION_VERBS: &[&str] = &[
    "ask",
    "asks",
    "asked",
    "asking",
    "tell",
    "telling",
    "wonder",
    "wondering",
    "check",
    "checking",
    "whether",
];

/// Condition markers of a sentence: (first word index, last word index, the marker as written).
pub fn conditions<'a>(words: &[Word<'a>]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let w = |i: usize| words.get(i).map(|x| x.2);
    let mut i = 0;
    while i < words.len() {
        let cur = words[i].2;
        let prev = i.checked_sub(1).and_then(w);
        let next = w(i + 1);
        let found: Option<usize> = match cur {
            "if" | "when" | "whenever" => {
                let stock = next.is_some_and(|n| STOCK_CONDITIONS.contains(&n));
                let embedded = prev.is_some_and(|p| EMBEDDED_QUESTION.contains(&p))
                    || words[i.saturating_sub(3)..i]
                        .iter()
                        .any(|x| QUESTION_VERBS.contains(&x.2));
                // "even if" widens a rule rather than limiting it.
                let concessive = prev == Some("even");
                let infinitive = cur == "when" && next == Some("to");
                if stock || embedded || infinitive || concessive {
                    None
                } else {
                    Some(i)
                }
            }
            "unless" => Some(i),
            "except" => Some(
                if matches!(next, Some("when" | "if" | "for" | "that" | "in" | "where")) {
                    i + 1
                } else {
                    i
                },
            ),
            "provided" | "providing" if next == Some("that") => Some(i + 1),
            "as" | "so" if next == Some("long") && w(i + 2) == Some("as") => Some(i + 2),
            "only"
                if matches!(next, Some("if" | "when" | "where"))
                    && i >= 2
                    && prev == Some("and")
                    && w(i - 2) == Some("if") =>
            {
                // "if and only if" is one condition.
                i += 2;
                continue;
            }
            "only" if matches!(next, Some("if" | "when" | "where")) => {
                // Counted once, with the "if" or "when" it governs.
                out.push((i, i + 1, format!("only {}", next.unwrap_or_default())));
                i += 2;
                continue;
            }
            _ => None,
        };
        if let Some(last) = found {
            let text = words[i..=last].iter().map(|x| x.2).collect::<Vec<_>>().join(" ");
            out.push((i, last, text));
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// A span from [`crate::context::NormText::source_span`] widened to whole
/// characters: a word that ends in a multi-byte character ("café") otherwise
/// ends inside it.
pub fn whole_chars(src: &str, span: specc_diagnostics::Span) -> specc_diagnostics::Span {
    let mut end = span.end.min(src.len());
    while !src.is_char_boundary(end) {
        end += 1;
    }
    specc_diagnostics::Span::new(span.start.min(end), end)
}
