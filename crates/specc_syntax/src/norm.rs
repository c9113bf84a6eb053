//! From a prose block to normalised sentences: the linter and the conflict
//! checker read normative prose the same way (lowercase, single spaces, straight
//! quotes, quoted passages and inline code blanked), with a map back to source
//! offsets.

use crate::{Prose, text};
use specc_diagnostics::Span;

/// Text normalised for matching (lowercase, one space between words, straight
/// apostrophes and quotes, quoted passages and inline code blanked to `x`),
/// with the source offset of every byte.
#[derive(Debug, Clone, Default)]
pub struct NormText {
    pub text: String,
    /// `map[i]` is the source offset of the character that produced `text`'s byte `i`.
    pub map: Vec<usize>,
    /// `ends[i]` is the source offset just past that character.
    pub ends: Vec<usize>,
}

impl NormText {
    /// The source span of a byte range of the normalised text, always on
    /// character boundaries of the source.
    pub fn source_span(&self, start: usize, end: usize) -> Span {
        let s = self.map.get(start).copied().unwrap_or(0);
        let e = if end == 0 || end <= start {
            s
        } else {
            self.ends.get(end - 1).copied().unwrap_or(s)
        };
        Span::new(s, e.max(s))
    }
}

/// Whether normalised text has a dash between spaces (" - ", as the
/// normaliser writes "—"): one prebuilt search, asked of every sentence.
pub fn has_spaced_dash(bytes: &[u8]) -> bool {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    FINDER
        .get_or_init(|| memchr::memmem::Finder::new(b" - "))
        .find(bytes)
        .is_some()
}

/// Splits normalised text into words (letters, digits, apostrophes and hyphens).
pub fn words(text: &str) -> Vec<(usize, usize, &str)> {
    // Which ASCII bytes are part of a word, looked up rather than tested.
    const WORD: [bool; 128] = {
        let mut t = [false; 128];
        let mut b = 0;
        while b < 128 {
            t[b] = (b as u8).is_ascii_alphanumeric() || b == b'\'' as usize || b == b'-' as usize;
            b += 1;
        }
        t
    };
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut start = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            // A run of ASCII word bytes, or of ASCII others, taken whole.
            let part = WORD[b as usize];
            match (start, part) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push((s, i, &text[s..i]));
                    start = None;
                }
                _ => {}
            }
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii() && WORD[bytes[i] as usize] == part {
                i += 1;
            }
            continue;
        }
        // Other characters decoded.
        let c = text[i..].chars().next().unwrap_or(' ');
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i, &text[s..i]));
                start = None;
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    if let Some(s) = start {
        out.push((s, text.len(), &text[s..]));
    }
    out
}

/// Blanks quoted passages (`"..."`, `“...”`) in a prose mask: quoted text is
/// cited, not ruled, so it is not linted. Quotes are paired within the block;
/// an unpaired quote blanks nothing.
fn blank_quotes(mask: &mut String) {
    // Most blocks quote nothing: start at the first '"' or three-byte
    // character that opens with 0xE2 (as '“' does), found by memchr.
    let Some(from) = memchr::memchr2(b'"', 0xE2, mask.as_bytes()) else {
        return;
    };
    let mut spans = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in mask[from..].char_indices().map(|(i, c)| (i + from, c)) {
        match (open, c) {
            (None, '“') => open = Some((i, '”')),
            (None, '"') => open = Some((i, '"')),
            (Some((s, close)), c) if c == close => {
                spans.push((s, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    if spans.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(mask).into_bytes();
    for (s, e) in spans {
        // Keep the quote marks (sentence rules see a quotation), blank the inside.
        let first = if bytes[s] == b'"' { 1 } else { 3 };
        let mut last = if bytes[e - 1] == b'"' { 1 } else { 3 };
        // A full stop that ends the quotation may end the sentence too
        // (`say "I don't know." It must not guess.`): the sentence rules see it.
        if e - last > s + first && bytes[e - last - 1] == b'.' {
            last += 1;
        }
        for b in &mut bytes[s + first..e - last] {
            *b = b'x';
        }
    }
    *mask = String::from_utf8(bytes).unwrap_or_default();
}

/// The block's mask with quotes blanked, and its sentence spans in source offsets.
pub fn block_sentences(src: &str, prose: &Prose) -> (String, Vec<Span>) {
    let mut mask = text::prose_mask(
        src,
        prose.span,
        &prose.texts,
        prose.code.iter().chain(&prose.question_links),
    );
    blank_quotes(&mut mask);
    let sentences = text::sentences(&mask)
        .into_iter()
        .map(|s| trim(&mask, s).offset(prose.span.start))
        .filter(|s| !s.is_empty())
        .collect();
    (mask, sentences)
}

fn trim(mask: &str, s: Span) -> Span {
    let t = &mask[s.range()];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead == t.len() {
        return Span::empty(s.start);
    }
    Span::new(s.start + lead, s.end - trail)
}

/// Normalises `mask[span]` (offsets relative to `base`, the block's start).
pub fn normalize(mask: &str, base: usize, span: Span) -> NormText {
    let slice = &mask[span.start - base..span.end - base];
    let mut text = String::with_capacity(slice.len());
    let mut map = Vec::with_capacity(slice.len() + 1);
    let mut ends = Vec::with_capacity(slice.len() + 1);
    let mut pending_space: Option<usize> = None;
    let bytes = slice.as_bytes();
    // Printable ASCII but the backtick, which becomes an apostrophe.
    let plain = |b: u8| (0x21..0x7f).contains(&b) && b != b'`';
    let mut i = 0;
    while i < bytes.len() {
        // Runs of plain ASCII (most of any spec) are copied whole: their
        // bytes map one to one, so the maps are two ranges. A single space
        // before a plain byte is kept as itself, as the loop below would.
        if plain(bytes[i]) {
            let mut run = i + 1;
            while run < bytes.len() {
                if plain(bytes[run]) {
                    run += 1;
                } else if bytes[run] == b' ' && bytes.get(run + 1).is_some_and(|&b| plain(b)) {
                    run += 2;
                } else {
                    break;
                }
            }
            if let Some(sp) = pending_space.take() {
                text.push(' ');
                map.push(sp);
                ends.push(sp + 1);
            }
            let from = text.len();
            text.push_str(&slice[i..run]);
            text[from..].make_ascii_lowercase();
            map.extend(span.start + i..span.start + run);
            ends.extend(span.start + i + 1..span.start + run + 1);
            i = run;
            continue;
        }
        let Some(c) = slice[i..].chars().next() else { break };
        let at = span.start + i;
        i += c.len_utf8();
        let after = at + c.len_utf8();
        if c.is_whitespace() {
            if !text.is_empty() && pending_space.is_none() {
                pending_space = Some(at);
            }
            continue;
        }
        if let Some(sp) = pending_space.take() {
            text.push(' ');
            map.push(sp);
            ends.push(sp + 1);
        }
        let c = match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            '–' | '—' => '-',
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        };
        if c.is_ascii() {
            text.push(c.to_ascii_lowercase());
            map.push(at);
            ends.push(after);
        } else {
            for l in c.to_lowercase() {
                let before = text.len();
                text.push(l);
                map.extend(std::iter::repeat_n(at, text.len() - before));
                ends.extend(std::iter::repeat_n(after, text.len() - before));
            }
        }
    }
    NormText { text, map, ends }
}

/// One sentence of a document's prose (outside headings, commentary, code and
/// the dialect's structure), with its section and normalised text.
pub struct ProseSentence {
    /// Index into [`Document::prose`](crate::Document::prose).
    pub prose: usize,
    pub section: Option<usize>,
    pub span: Span,
    pub norm: NormText,
}

/// Every sentence of `doc`'s prose, in order, ranked sections or not.
pub fn prose_sentences(src: &str, doc: &crate::Document) -> Vec<ProseSentence> {
    let mut out = Vec::new();
    for (pi, prose) in doc.prose.iter().enumerate() {
        if prose.structural || prose.kind == crate::ProseKind::Heading {
            continue;
        }
        let (mask, spans) = block_sentences(src, prose);
        for span in spans {
            out.push(ProseSentence {
                prose: pi,
                section: prose.section,
                span,
                norm: normalize(&mask, prose.span.start, span),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`normalize`] as first written, one character at a time: the fast
    /// path for ASCII runs must give the same text and the same maps.
    fn normalize_char_by_char(mask: &str, base: usize, span: Span) -> NormText {
        let slice = &mask[span.start - base..span.end - base];
        let (mut text, mut map, mut ends) = (String::new(), Vec::new(), Vec::new());
        let mut pending_space: Option<usize> = None;
        for (i, c) in slice.char_indices() {
            let at = span.start + i;
            let after = at + c.len_utf8();
            if c.is_whitespace() {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(at);
                }
                continue;
            }
            if let Some(sp) = pending_space.take() {
                text.push(' ');
                map.push(sp);
                ends.push(sp + 1);
            }
            let c = match c {
                '’' | '‘' | '`' => '\'',
                '“' | '”' => '"',
                '–' | '—' | '\u{2010}' | '\u{2011}' => '-',
                c => c,
            };
            for l in c.to_lowercase() {
                let before = text.len();
                text.push(l);
                map.extend(std::iter::repeat_n(at, text.len() - before));
                ends.extend(std::iter::repeat_n(after, text.len() - before));
            }
        }
        NormText { text, map, ends }
    }

    /// [`words`] as first written, one character at a time.
    fn words_char_by_char(text: &str) -> Vec<(usize, usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            let part = c.is_alphanumeric() || c == '\'' || c == '-';
            match (start, part) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    out.push((s, i, &text[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, text.len(), &text[s..]));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn words_split_as_characters_do(text in "[ -~\t\n’“”–ÄÉİßΣ١٢😀\u{a0}]{0,60}") {
            proptest::prop_assert_eq!(words(&text), words_char_by_char(&text));
        }

        #[test]
        fn ascii_runs_normalise_as_characters_do(
            mask in "[ -~\t\n\u{0b}\u{0c}\u{7f}`’‘“”–—\u{2010}\u{2011}\u{a0}\u{2003}ÄÉİßΣ]{0,60}",
            base in 0usize..50,
        ) {
            let span = Span::new(base, base + mask.len());
            let fast = normalize(&mask, base, span);
            let slow = normalize_char_by_char(&mask, base, span);
            proptest::prop_assert_eq!(&fast.text, &slow.text);
            proptest::prop_assert_eq!(&fast.map, &slow.map);
            proptest::prop_assert_eq!(&fast.ends, &slow.ends);
        }
    }

    #[test]
    fn normalised_text_maps_back_to_source() {
        let mask = "  The  Assistant’s “quoted  words” rule.";
        let n = normalize(mask, 100, Span::new(102, 100 + mask.len()));
        assert_eq!(n.text, "the assistant's \"quoted words\" rule.");
        let at = n.text.find("assistant's").unwrap();
        let sp = n.source_span(at, at + "assistant's".len());
        assert_eq!(&mask[sp.start - 100..sp.end - 100], "Assistant’s");
    }

    #[test]
    fn spans_end_on_character_boundaries() {
        let mask = "Caf\u{e9} caf\u{e9} na\u{ef}ve";
        let n = normalize(mask, 0, Span::new(0, mask.len()));
        for (s, e, _) in words(&n.text) {
            let sp = n.source_span(s, e);
            assert!(
                mask.is_char_boundary(sp.start) && mask.is_char_boundary(sp.end),
                "{sp:?}"
            );
        }
        let sp = n.source_span(0, 4);
        assert_eq!(&mask[sp.range()], "Caf\u{e9}");
    }

    #[test]
    fn quotes_are_blanked() {
        let mut m = "Say \"some things\" or “several” now".to_string();
        blank_quotes(&mut m);
        assert_eq!(m, "Say \"xxxxxxxxxxx\" or “xxxxxxx” now");
    }
}
