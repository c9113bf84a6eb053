use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A half-open byte range into one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn empty(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Shifts the span by `base`, for text that was cut out of a larger file.
    pub fn offset(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// Identifies a file in a [`SourceMap`]; diagnostics carry it instead of a path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FileId(pub u32);

/// Maps byte offsets to 1-based lines and columns (columns count characters).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    /// u32 and sized exactly: a test file of 100,000 prompts has a million
    /// lines, and every file read keeps its index. (Files stay under 4 GiB.)
    line_starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // (memchr's vector search: this runs over every file a check reports on.)
        let mut line_starts = Vec::with_capacity(1 + memchr::memchr_iter(b'\n', text.as_bytes()).count());
        line_starts.push(0);
        line_starts.extend(memchr_newlines(text).map(|i| i as u32));
        LineIndex { line_starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts[line.saturating_sub(1).min(self.line_starts.len() - 1)] as usize
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line(offset);
        let start = self.line_start(line);
        let col = text[start..offset].chars().count() + 1;
        (line, col)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)
}

pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One file's display path and text. The text is normalised as it enters
/// (see [`normalize`]): every span, hash and comparison sees one form of a
/// file whatever editor saved it; [`SourceFile::as_saved`] turns edited text
/// back into the file's own form before it is written.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Built on first use: most files never have a diagnostic to place, and a
    /// test file of 100,000 prompts has a million lines.
    lines: std::sync::OnceLock<LineIndex>,
    /// How the file was saved: with a UTF-8 byte order mark, with CRLF line ends.
    pub had_bom: bool,
    pub crlf: bool,
}

impl SourceFile {
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// `text` (this file's text, edited) as the file was saved: its byte
    /// order mark and CRLF line ends put back.
    pub fn as_saved(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 3);
        if self.had_bom {
            out.push('\u{feff}');
        }
        if self.crlf {
            out.push_str(&text.replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out
    }
}

/// The one entry point of line ends: a leading byte order mark is dropped,
/// and CRLF and lone CR (old Mac) line ends become LF. Returns the text,
/// whether it had a mark, and whether its line ends were CRLF.
pub fn normalize(text: String) -> (String, bool, bool) {
    let had_bom = text.starts_with('\u{feff}');
    if !had_bom && !text.contains('\r') {
        return (text, false, false);
    }
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let crlf = body.contains("\r\n");
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    (out, had_bom, crlf)
}

/// All files that diagnostics may point into.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file, its text normalised by [`normalize`].
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        let (text, had_bom, crlf) = normalize(text.into());
        self.files.push(SourceFile {
            path: path.into(),
            text,
            lines: std::sync::OnceLock::new(),
            had_bom,
            crlf,
        });
        FileId((self.files.len() - 1) as u32)
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_and_any_line_ends_enter_as_one_form_and_leave_as_they_came() {
        assert_eq!(normalize("a\nb".into()), ("a\nb".into(), false, false));
        assert_eq!(
            normalize("\u{feff}# A\r\nb\r\n".into()),
            ("# A\nb\n".into(), true, true)
        );
        assert_eq!(normalize("# A\rb\r".into()), ("# A\nb\n".into(), false, false));
        assert_eq!(normalize("a\r\r\nb".into()), ("a\n\nb".into(), false, true));
        let mut m = SourceMap::new();
        let f = m.add("x.md", "\u{feff}one\r\ntwo\r\n");
        let file = m.file(f);
        assert_eq!(file.text, "one\ntwo\n");
        assert_eq!(file.as_saved("one\nTWO\n"), "\u{feff}one\r\nTWO\r\n");
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nçd\n\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 5), (2, 2));
        assert_eq!(idx.line_col(text, 7), (3, 1));
        assert_eq!(idx.line_col(text, 8), (4, 1));
        assert_eq!(idx.line_col(text, 100), (4, 2));
    }
}
