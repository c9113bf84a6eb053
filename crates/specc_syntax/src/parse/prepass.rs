//! The text pre-pass: commentary blocks found and blanked before Markdown
//! parsing, the places a streamed test file may be cut, and line helpers.

use pulldown_cmark::{Event, TagEnd};
use specc_diagnostics::Span;

/// kind, title, whole span, body span.
pub(super) type RawCommentary = (String, Option<String>, Span, Span);

/// Finds `!!! kind "title"` blocks outside code fences and blanks them (keeping
/// every offset) so the Markdown parser does not read their bodies as prose.
pub(super) fn commentary_prepass(src: &str) -> (Vec<RawCommentary>, std::borrow::Cow<'_, str>) {
    // Most files have no commentary at all: skip the line scan for them.
    // memmem is SIMD; `str::contains` with a string pattern is several times slower.
    if memchr::memmem::find(src.as_bytes(), b"!!!").is_none() {
        return (Vec::new(), std::borrow::Cow::Borrowed(src));
    }
    let found = find_commentary(src);
    if found.is_empty() {
        return (found, std::borrow::Cow::Borrowed(src));
    }
    let masked = blank_commentary(src, &found);
    (found, std::borrow::Cow::Owned(masked))
}

/// The commentary blocks of `src`, in order; those inside code fences are not.
fn find_commentary(src: &str) -> Vec<RawCommentary> {
    let mut found = Vec::new();
    let bytes = src.as_bytes();
    // Line starts from one memchr pass; per-line searches cost more on short lines.
    let mut starts: Vec<usize> = Vec::with_capacity(bytes.len() / 40);
    starts.push(0);
    starts.extend(
        memchr::memchr_iter(b'\n', bytes)
            .map(|i| i + 1)
            .filter(|&i| i < bytes.len()),
    );
    let end_of = |i: usize| starts.get(i + 1).copied().unwrap_or(bytes.len());
    let mut fence: Option<(u8, usize)> = None;
    let mut i = 0;
    while i < starts.len() {
        let (pos, line_end) = (starts[i], end_of(i));
        i += 1;
        // Only lines starting (after up to three spaces) with a fence or `!!!` matter.
        let mut j = pos;
        while j < line_end && j - pos < 4 && bytes[j] == b' ' {
            j += 1;
        }
        let first = if j < line_end { bytes[j] } else { b'\n' };
        if j - pos > 3 || !matches!(first, b'`' | b'~' | b'!') {
            continue;
        }
        let line = &src[pos..line_end];
        let t = &src[j..line_end];
        if let Some((ch, len)) = fence {
            if fence_run(t, ch) >= len && t.trim_start_matches(ch as char).trim().is_empty() {
                fence = None;
            }
            continue;
        }
        if first != b'!' {
            let n = fence_run(t, first);
            if n >= 3 {
                fence = Some((first, n));
            }
            continue;
        }
        let Some(rest) = t.strip_prefix("!!!").filter(|r| r.starts_with([' ', '\t'])) else {
            continue;
        };
        let rest = rest.trim();
        let (kind, title) = match rest.find(char::is_whitespace) {
            Some(p) => (&rest[..p], Some(rest[p..].trim().trim_matches('"').to_string())),
            None => (rest, None),
        };
        let body_end = commentary_body_end(src, &starts, i);
        let header_end = pos + line.trim_end_matches(['\n', '\r']).len();
        let end = body_end.unwrap_or(header_end);
        let body_start = if body_end.is_some() { line_end } else { end };
        found.push((
            kind.to_string(),
            title.filter(|t| !t.is_empty()),
            Span::new(pos, end),
            Span::new(body_start.min(end), end),
        ));
        if body_end.is_some() {
            // Resume at the line after the body's last line.
            while i < starts.len() && starts[i] <= end {
                i += 1;
            }
        }
    }
    found
}

/// Where the body of a commentary block whose header is the line before
/// `starts[first]` ends: the body is the following lines that are blank or
/// indented by four spaces or a tab. None when no indented line follows.
fn commentary_body_end(src: &str, starts: &[usize], first: usize) -> Option<usize> {
    let end_of = |i: usize| starts.get(i + 1).copied().unwrap_or(src.len());
    let mut body_end = None;
    let mut k = first;
    while k < starts.len() {
        let l = &src[starts[k]..end_of(k)];
        if l.trim().is_empty() {
            k += 1;
            continue;
        }
        if l.starts_with("    ") || l.starts_with('\t') {
            body_end = Some(starts[k] + l.trim_end_matches(['\n', '\r']).len());
            k += 1;
            continue;
        }
        break;
    }
    body_end
}

/// Blanks the commentary, keeping every byte offset: each line of it becomes
/// as many spaces as it has bytes, newlines stay.
fn blank_commentary(src: &str, found: &[RawCommentary]) -> String {
    const SPACES: &str = "                                                                ";
    let mut masked = String::with_capacity(src.len());
    let mut prev = 0;
    for (_, _, span, _) in found {
        masked.push_str(&src[prev..span.start]);
        for (k, line) in src[span.start..span.end].split('\n').enumerate() {
            if k > 0 {
                masked.push('\n');
            }
            let mut left = line.len();
            while left > 0 {
                let n = left.min(SPACES.len());
                masked.push_str(&SPACES[..n]);
                left -= n;
            }
        }
        prev = span.end;
    }
    masked.push_str(&src[prev..]);
    masked
}

/// Where a test file may be cut into pieces parsed on their own: the start of
/// a line that begins (at column 0) with `**Example**` right after a blank
/// line. Such a line ends every open paragraph, list and quote; whether a
/// fence or HTML block is still open there is checked on the parsed piece
/// (`swallows_next`). None when the text has a link reference definition
/// (Markdown applies it to the whole document) or a metadata delimiter.
pub(super) fn example_cuts(src: &str) -> Option<Vec<usize>> {
    let bytes = src.as_bytes();
    let mut cuts = Vec::new();
    let mut prev_blank = false;
    let mut pos = 0;
    while pos < bytes.len() {
        // Markdown ends lines at \n, \r\n and a lone \r.
        let end = memchr::memchr2(b'\n', b'\r', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
        let next = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        let line = &src[pos..end];
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() <= 3 && t.starts_with('[') && t.contains("]:") {
            return None;
        }
        // pulldown-cmark opens YAML metadata blocks away from the top too, and
        // only when their closing line exists: not a decision one piece can make.
        if matches!(line.trim_end(), "---" | "+++") {
            return None;
        }
        if prev_blank && line.starts_with("**Example**") {
            cuts.push(pos);
        }
        // Blank as Markdown means it: spaces and tabs only (a vertical tab is text).
        prev_blank = line.bytes().all(|b| b == b' ' || b == b'\t');
        pos = next;
    }
    Some(cuts)
}

/// Whether a piece ends inside a fenced code or HTML block, which would have
/// gone on into the next piece: such a block reaches over the piece's
/// trailing blank lines, which a closed one never does.
pub(super) fn swallows_next(piece: &str, events: &[(Event<'_>, std::ops::Range<usize>)]) -> bool {
    let content = piece.trim_end_matches([' ', '\t', '\n', '\r']).len();
    let blank_start = piece[content..].find(['\n', '\r']).map_or(piece.len(), |i| {
        let i = content + i;
        if piece[i..].starts_with("\r\n") { i + 2 } else { i + 1 }
    });
    events.iter().any(|(e, r)| {
        matches!(
            e,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_))
        ) && r.end > blank_start
    })
}

fn fence_run(s: &str, ch: u8) -> usize {
    s.bytes().take_while(|&b| b == ch).count()
}

pub(super) fn line_offsets(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0;
    src.split_inclusive('\n').map(move |l| {
        let s = off;
        off += l.len();
        (s, l)
    })
}
