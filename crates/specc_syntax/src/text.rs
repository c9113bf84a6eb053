//! Small text helpers shared by the parser: slugs, sentences, inline references.

use specc_diagnostics::Span;

/// A stable slug: lowercase letters and digits, other runs become one `-`.
/// Link syntax is reduced to its text (`[?](#id)` to `id`) first.
pub fn slugify(title: &str) -> String {
    let plain: std::borrow::Cow<'_, str> = if title.contains('[') {
        strip_links(title).into()
    } else {
        title.into()
    };
    // Most titles are ASCII: byte by byte, no character decoding.
    if plain.is_ascii() {
        let mut out = Vec::with_capacity(plain.len());
        let mut dash = false;
        for &b in plain.as_bytes() {
            if b.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push(b'-');
                }
                dash = false;
                out.push(b.to_ascii_lowercase());
            } else if b != b'\'' {
                dash = true;
            }
        }
        if out.is_empty() {
            return "untitled".to_string();
        }
        return String::from_utf8(out).unwrap_or_default();
    }
    slug_of_chars(&plain)
}

/// [`slugify`] character by character (any script).
fn slug_of_chars(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len());
    let mut dash = false;
    for c in plain.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c == '\'' || c == '’' {
            // Apostrophes join words: "don't" is "dont", not "don-t".
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        out.push_str("untitled");
    }
    out
}

/// A section title as compared: curly apostrophes straightened, spaces
/// squashed, lower case (a test file's header names its section this way).
pub fn normalize_title(s: &str) -> String {
    s.replace(['’', '‘'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Replaces `[text](dest)` by `text`, and `[?](#id)` by `id`.
pub fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some(close) = after.find("](")
            && let Some(end) = after[close + 2..].find(')')
            && !after[..close].contains('[')
        {
            let text = &after[..close];
            let dest = &after[close + 2..close + 2 + end];
            if text == "?" {
                out.push_str(dest.rsplit('#').next().unwrap_or(dest));
            } else {
                out.push_str(text);
            }
            rest = &after[close + 2 + end + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A same-length stand-in for a prose block's source: text runs copied, inline
/// code and `[?]` links filled with `x` (one opaque word), everything else
/// (markup, markers, link destinations, line breaks) blanked. Sentence rules
/// and word matching run on it; its offsets are the source's.
pub fn prose_mask<'a>(src: &str, span: Span, texts: &[Span], opaque: impl Iterator<Item = &'a Span>) -> String {
    let base = span.start;
    let mut m = vec![b' '; span.len()];
    for t in texts {
        if t.start >= base && t.end <= span.end {
            m[t.start - base..t.end - base].copy_from_slice(&src.as_bytes()[t.range()]);
        }
    }
    for c in opaque {
        if c.start >= base && c.end <= span.end {
            m[c.start - base..c.end - base].fill(b'x');
        }
    }
    match String::from_utf8(m) {
        Ok(s) => s,
        Err(e) => e
            .into_bytes()
            .into_iter()
            .map(|b| if b.is_ascii() { b as char } else { 'x' })
            .collect(),
    }
}

/// Abbreviations after which a sentence never ends (UAX #29 breaks after them
/// when a capital letter follows).
const NEVER_END_AFTER: &[&str] = &[
    "e.g.", "i.e.", "cf.", "vs.", "viz.", "mr.", "mrs.", "ms.", "dr.", "st.", "approx.",
];

/// Splits `mask` (a same-length stand-in for a block's source where markup is
/// blanked) into sentence spans, by Unicode rules corrected for abbreviations:
/// never after "e.g." or "i.e.", after "etc." only before a capital letter.
pub fn sentences(mask: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut merge_next = false;
    let mut start = 0;
    for end in crate::sentence::boundaries(mask) {
        let span = Span::new(start, end);
        start = end;
        if merge_next && let Some(last) = out.last_mut() {
            last.end = span.end;
        } else {
            out.push(span);
        }
        let current = &mask[out.last().map(|l| l.start).unwrap_or(0)..span.end];
        merge_next = ends_with_abbreviation(current, &mask[span.end..]);
    }
    out
}

/// The sentence of `mask` that holds byte `at` (the last one for `at` at the end).
pub fn sentence_at(mask: &str, at: usize) -> Span {
    let all = sentences(mask);
    all.iter()
        .copied()
        .find(|s| s.contains(at))
        .or(all.last().copied())
        .unwrap_or(Span::new(0, mask.len()))
}

fn ends_with_abbreviation(sentence: &str, following: &str) -> bool {
    let trimmed = sentence.trim_end();
    if !trimmed.ends_with('.') {
        return false;
    }
    let last_word = trimmed
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if NEVER_END_AFTER.iter().any(|a| a.eq_ignore_ascii_case(last_word)) {
        return true;
    }
    if last_word.eq_ignore_ascii_case("etc.") {
        let next = following.trim_start().chars().next();
        return !next.is_some_and(|c| c.is_uppercase());
    }
    false
}

/// A reference found by [`scan_links`]: the whole link, its text, its destination
/// and where the destination's ID starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub span: Span,
    pub text: String,
    pub dest: String,
    pub dest_span: Span,
}

/// Finds `[text](#id)` and `[text](@dep#id)` in raw text that Markdown does not
/// parse for us (comments inside conversations, commentary bodies).
pub fn scan_links(text: &str, base: usize) -> Vec<RawLink> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(rel) = text[i..].find("](") {
        let close = i + rel;
        let dest_start = close + 2;
        let Some(dest_len) = text[dest_start..].find(')') else {
            break;
        };
        let dest = &text[dest_start..dest_start + dest_len];
        let open = text[..close].rfind('[');
        i = dest_start;
        let Some(open) = open else { continue };
        if text[open + 1..close].contains(']') || dest.contains(char::is_whitespace) {
            continue;
        }
        if !(dest.starts_with('#') || dest.starts_with('@')) {
            continue;
        }
        let _ = bytes;
        out.push(RawLink {
            span: Span::new(base + open, base + dest_start + dest_len + 1),
            text: text[open + 1..close].to_string(),
            dest: dest.to_string(),
            dest_span: Span::new(base + dest_start, base + dest_start + dest_len),
        });
    }
    out
}

/// Splits a reference destination into (dependency, id): `#id` or `@dep#id`.
pub fn split_dest(dest: &str) -> Option<(Option<String>, String)> {
    if let Some(id) = dest.strip_prefix('#') {
        return (!id.is_empty()).then(|| (None, id.to_string()));
    }
    let rest = dest.strip_prefix('@')?;
    let (dep, id) = rest.split_once('#')?;
    (!dep.is_empty() && !id.is_empty()).then(|| (Some(dep.to_string()), id.to_string()))
}

/// Trims whitespace from both ends of `span` in `text`.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return Span::empty(span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Collapses runs of whitespace (line breaks included) into single spaces.
pub fn squash(s: &str) -> String {
    // Most text squashes to itself: printable ASCII, single spaces, none at
    // either end. Two vectorisable passes tell, and a copy does.
    let bytes = s.as_bytes();
    if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last())
        && first != b' '
        && last != b' '
        && bytes.iter().fold(true, |ok, &b| ok & (0x20..0x7f).contains(&b))
        && memchr::memmem::find(bytes, b"  ").is_none()
    {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    // Runs of non-space copied whole; most text is ASCII, checked a byte at a time.
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, width) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_whitespace() || bytes[i] == 0x0b, 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        match (run, space) {
            (None, false) => run = Some(i),
            (Some(start), true) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&s[start..i]);
                run = None;
            }
            _ => {}
        }
        i += width;
    }
    if let Some(start) = run {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|sp| s[sp.range()].trim()).collect()
    }

    proptest::proptest! {
        #[test]
        fn squash_is_split_whitespace_joined_for_any_text(s in "[ -~\t\n\r\u{b}\u{c}\u{a0}\u{2003}é]{0,40}") {
            proptest::prop_assert_eq!(squash(&s), s.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    #[test]
    fn squash_is_split_whitespace_joined() {
        for s in [
            "",
            " ",
            "a",
            "  a  b\t\nc ",
            "x\u{a0}y\u{2003}z\u{b}w\u{c}v",
            "caf\u{e9}  na\u{ef}ve\r\n",
            "\u{3000}lead and trail\u{85}",
        ] {
            assert_eq!(squash(s), s.split_whitespace().collect::<Vec<_>>().join(" "), "{s:?}");
        }
    }

    #[test]
    fn sentences_do_not_end_after_eg_or_ie() {
        assert_eq!(
            split("Use tools, e.g. The browser. Then stop."),
            vec!["Use tools, e.g. The browser.", "Then stop."]
        );
        assert_eq!(
            split("Say so, i.e. Be clear. Done."),
            vec!["Say so, i.e. Be clear.", "Done."]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            split("Apples, pears, etc. are fruit. Yes."),
            vec!["Apples, pears, etc. are fruit.", "Yes."]
        );
        assert_eq!(
            split("Apples, pears, etc. Then more."),
            vec!["Apples, pears, etc.", "Then more."]
        );
    }

    #[test]
    fn sentence_at_agrees_with_sentences() {
        let texts = [
            "Use tools, e.g. The browser. Then stop. Apples, pears, etc. are fruit! Is it? \"Yes.\" Then (more).",
            "One. Two three, i.e. Four. Five",
            "No terminator at all",
            "Dr. Who said so. A.B. Cee went home. “Quoted.” Next one.",
        ];
        for t in texts {
            let all = sentences(t);
            for at in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                let expected = all.iter().copied().find(|s| s.contains(at)).unwrap();
                assert_eq!(sentence_at(t, at), expected, "{t:?} at {at}");
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        #[test]
        fn sentence_at_agrees_on_random_prose(t in "([A-Za-z]{1,6}|[.?!]|e\\.g\\.|etc\\.|[ ]{1,2}|[\"')]|’|“|”){0,40}") {
            let all = sentences(&t);
            for at in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                let expected = all.iter().copied().find(|s| s.contains(at)).unwrap();
                proptest::prop_assert_eq!(sentence_at(&t, at), expected, "{:?} at {}", t, at);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn an_ascii_title_slugs_as_by_characters(t in "[ -~]{0,40}") {
            proptest::prop_assume!(!t.contains('['));
            let by_chars = slug_of_chars(&t);
            proptest::prop_assert_eq!(slugify(&t), by_chars);
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Don't be sycophantic!"), "dont-be-sycophantic");
        assert_eq!(
            slugify("against the [?](#respect_creators) section"),
            "against-the-respect-creators-section"
        );
        assert_eq!(slugify("  "), "untitled");
        assert_eq!(slugify("Cultural Sensitivity"), "cultural-sensitivity");
    }

    #[test]
    fn links_in_raw_text() {
        let t = "<!-- BAD: see [?](#protect_privacy) and [x](https://a.b) -->";
        let links = scan_links(t, 10);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].dest, "#protect_privacy");
        assert_eq!(
            &t[links[0].dest_span.start - 10..links[0].dest_span.end - 10],
            "#protect_privacy"
        );
        assert_eq!(split_dest("@dep#x"), Some((Some("dep".into()), "x".into())));
        assert_eq!(split_dest("#"), None);
    }
}
