//! Words of normalised text as the term rules compare them: pieces (runs of
//! letters, digits and apostrophes, with what separates them) and their
//! stems, computed once per sentence and shared ([`Analyzed`]).

/// A run of letters, digits and apostrophes in normalised text, with the
/// separator that links it to the previous piece: `' '`, `'-'` (any hyphen), or
/// `None` when anything else (punctuation, the start) stands between.
#[derive(Clone, Copy, Debug)]
pub struct Piece<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub sep: Option<char>,
}

/// Splits text into pieces.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out: Vec<Piece<'_>> = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap = String::new();
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'';
        match (start, part) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push_piece(text, &mut out, s, i, &gap);
                gap.clear();
                start = None;
                gap.push(c);
            }
            (None, false) => gap.push(c),
            _ => {}
        }
    }
    if let Some(s) = start {
        push_piece(text, &mut out, s, text.len(), &gap);
    }
    out
}

fn push_piece<'a>(text: &'a str, out: &mut Vec<Piece<'a>>, s: usize, e: usize, gap: &str) {
    let sep = match gap {
        " " => Some(' '),
        "-" | "\u{2010}" | "\u{2011}" => Some('-'),
        _ => None,
    };
    let sep = if out.is_empty() { None } else { sep };
    out.push(Piece {
        start: s,
        end: e,
        text: &text[s..e],
        sep,
    });
}

/// A word without a possessive or a plural `s`, for comparing forms.
pub fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(&w)
        .to_string();
    match w.strip_suffix("ies") {
        Some(s) if s.len() > 2 => format!("{s}y"),
        _ => w.strip_suffix('s').filter(|s| s.len() > 2).unwrap_or(&w).to_string(),
    }
}

/// A sentence's pieces and their stems, computed once and matched against
/// every form.
pub struct Analyzed<'a> {
    pub pieces: Vec<Piece<'a>>,
    pub stems: Vec<String>,
}

impl<'a> Analyzed<'a> {
    pub fn new(text: &'a str) -> Self {
        let pieces = pieces(text);
        let stems = pieces.iter().map(|p| stem(p.text)).collect();
        Analyzed { pieces, stems }
    }
}
