//! Unicode sentence boundaries (UAX #29, rules SB1–SB11), hand-rolled because
//! the general-purpose table lookups of unicode-segmentation cost more than
//! the whole Markdown parse on the Model Spec. ASCII is classified exactly;
//! other characters by `char` properties and lists of the terminators, closing
//! punctuation and continuation marks that prose uses. A property test holds
//! it equal to unicode-segmentation on prose-like text.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Sep,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
    Extend,
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return match c {
            '\n' | '\r' => Class::Sep,
            ' ' | '\t' | '\x0B' | '\x0C' => Class::Sp,
            'a'..='z' => Class::Lower,
            'A'..='Z' => Class::Upper,
            '0'..='9' => Class::Numeric,
            '.' => Class::ATerm,
            '!' | '?' => Class::STerm,
            '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Class::Close,
            ',' | '-' | ':' | ';' => Class::SContinue,
            _ => Class::Other,
        };
    }
    match c {
        '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Sep,
        '\u{2024}' | '\u{FE52}' | '\u{FF0E}' => Class::ATerm,
        '\u{055C}'
        | '\u{055E}'
        | '\u{0589}'
        | '\u{061F}'
        | '\u{06D4}'
        | '\u{0700}'..='\u{0702}'
        | '\u{07F9}'
        | '\u{0964}'
        | '\u{0965}'
        | '\u{203C}'
        | '\u{203D}'
        | '\u{2047}'..='\u{2049}'
        | '\u{2E2E}'
        | '\u{2E3C}'
        | '\u{3002}'
        | '\u{FE56}'
        | '\u{FE57}'
        | '\u{FF01}'
        | '\u{FF1F}'
        | '\u{FF61}' => Class::STerm,
        '\u{00AB}'
        | '\u{00BB}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2039}'
        | '\u{203A}'
        | '\u{2045}'
        | '\u{2046}'
        | '\u{207D}'
        | '\u{207E}'
        | '\u{208D}'
        | '\u{208E}'
        | '\u{2308}'..='\u{230B}'
        | '\u{2329}'
        | '\u{232A}'
        | '\u{275B}'..='\u{2760}'
        | '\u{2768}'..='\u{2775}'
        | '\u{27E6}'..='\u{27EF}'
        | '\u{2983}'..='\u{2998}'
        | '\u{2E02}'..='\u{2E05}'
        | '\u{2E09}'
        | '\u{2E0A}'
        | '\u{2E0C}'
        | '\u{2E0D}'
        | '\u{2E1C}'
        | '\u{2E1D}'
        | '\u{2E20}'..='\u{2E29}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301B}'
        | '\u{301D}'..='\u{301F}'
        | '\u{FD3E}'
        | '\u{FD3F}'
        | '\u{FE59}'..='\u{FE5E}'
        | '\u{FF08}'
        | '\u{FF09}'
        | '\u{FF3B}'
        | '\u{FF3D}'
        | '\u{FF5B}'
        | '\u{FF5D}'
        | '\u{FF5F}'
        | '\u{FF60}'
        | '\u{FF62}'
        | '\u{FF63}' => Class::Close,
        '\u{055D}' | '\u{060C}' | '\u{060D}' | '\u{07F8}' | '\u{1802}' | '\u{1808}' | '\u{2013}' | '\u{2014}'
        | '\u{3001}' | '\u{FE10}' | '\u{FE11}' | '\u{FE13}' | '\u{FE31}' | '\u{FE32}' | '\u{FE50}' | '\u{FE51}'
        | '\u{FE55}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0C}' | '\u{FF0D}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF64}' => {
            Class::SContinue
        }
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0000}'..='\u{E0FFF}' => Class::Extend,
        c if c.is_whitespace() => Class::Sp,
        c if c.is_lowercase() => Class::Lower,
        c if c.is_uppercase() => Class::Upper,
        c if c.is_alphabetic() => Class::OLetter,
        c if c.is_numeric() => Class::Numeric,
        _ => Class::Other,
    }
}

/// The class of the character at byte `i` and the offset after it and any
/// Extend or Format characters that follow (SB5 folds those into it).
fn class_at(text: &str, i: usize) -> Option<(Class, usize)> {
    let c = text[i..].chars().next()?;
    let cl = class(c);
    let mut j = i + c.len_utf8();
    if cl != Class::Sep {
        while let Some(n) = text[j..].chars().next() {
            if class(n) != Class::Extend {
                break;
            }
            j += n.len_utf8();
        }
    }
    Some((cl, j))
}

/// The class of the last non-Extend character before byte `i`.
fn class_before(text: &str, i: usize) -> Option<Class> {
    text[..i].chars().rev().map(class).find(|c| *c != Class::Extend)
}

/// Byte offsets where sentences end (the last is `text.len()` for non-empty text).
/// Only terminators and paragraph separators can end a sentence, so the scan
/// jumps from one candidate byte to the next and classifies little else.
pub fn boundaries(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if b < 0x80 && !matches!(b, b'.' | b'!' | b'?' | b'\n' | b'\r') {
            i += 1;
            continue;
        }
        if b >= 0x80 && !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let Some((cl, after)) = class_at(text, i) else { break };
        match cl {
            Class::Sep => {
                // SB3: CR × LF; SB4: break after a paragraph separator.
                let mut j = after;
                if b == b'\r' && bytes.get(j) == Some(&b'\n') {
                    j += 1;
                }
                if j < n {
                    out.push(j);
                }
                i = j;
                continue;
            }
            Class::ATerm | Class::STerm => {}
            _ => {
                i = after;
                continue;
            }
        }
        let next = class_at(text, after).map(|c| c.0);
        if cl == Class::ATerm {
            // SB6: ATerm × Numeric. SB7: (Upper | Lower) ATerm × Upper.
            let prev = class_before(text, i);
            if next == Some(Class::Numeric)
                || (matches!(prev, Some(Class::Upper | Class::Lower)) && next == Some(Class::Upper))
            {
                i = after;
                continue;
            }
        }
        let mut j = after;
        while let Some((Class::Close, e)) = class_at(text, j) {
            j = e;
        }
        while let Some((Class::Sp, e)) = class_at(text, j) {
            j = e;
        }
        let Some((following, e)) = class_at(text, j) else { break };
        if following == Class::Sep {
            // SB11 with the paragraph separator.
            let mut end = e;
            if bytes[j] == b'\r' && bytes.get(end) == Some(&b'\n') {
                end += 1;
            }
            if end < n {
                out.push(end);
            }
            i = end;
            continue;
        }
        // SB8a: SATerm Close* Sp* × (SContinue | SATerm).
        if matches!(following, Class::SContinue | Class::ATerm | Class::STerm) {
            i = j;
            continue;
        }
        // SB8: ATerm Close* Sp* × (¬(OLetter | Upper | Lower | ParaSep | SATerm))* Lower.
        if cl == Class::ATerm {
            let mut k = j;
            let mut first_letter = None;
            while let Some((c, e)) = class_at(text, k) {
                if matches!(
                    c,
                    Class::OLetter | Class::Upper | Class::Lower | Class::Sep | Class::ATerm | Class::STerm
                ) {
                    first_letter = Some(c);
                    break;
                }
                k = e;
            }
            if first_letter == Some(Class::Lower) {
                i = j;
                continue;
            }
        }
        // SB11: break.
        out.push(j);
        i = j;
    }
    if n > 0 {
        out.push(n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn reference(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices().map(|(i, s)| i + s.len()).collect()
    }

    #[test]
    fn agrees_on_samples() {
        for t in [
            "Hello world. This is it.",
            "He said \"Stop.\" Then left.",
            "U.S. Army went. e.g. the case. Then 3.14 is pi.",
            "Wait... what? Yes! ok.\nNew line. “Quoted.” Next — dash. Really?! Sure.",
            "End with spaces.   ",
            "a.\r\nb",
            "日本語。次の文。",
            "",
        ] {
            assert_eq!(boundaries(t), reference(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(10_000))]
        #[test]
        fn agrees_with_unicode_segmentation(
            t in "([A-Za-z]{1,5}|[0-9]|[.?!]|[ ]{1,2}|\n|\r\n|[\"'()\\[\\]]|[,:;-]|[’“”«»]|[—–]|[。！？]|[éÉß]|日本|\u{301}|\u{2029}|\u{2024}){0,30}"
        ) {
            proptest::prop_assert_eq!(boundaries(&t), reference(&t), "{:?}", t);
        }
    }
}
