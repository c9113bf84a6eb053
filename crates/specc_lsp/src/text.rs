//! Positions as the protocol counts them (lines, UTF-16 code units) against
//! byte offsets into a document's text, and edits applied in order.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// Line starts of a text, for offset ↔ position in either direction.
pub struct LineMap<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineMap<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i + 1);
            }
        }
        LineMap { text, starts }
    }

    /// The position of a byte offset (clamped to the text, moved back to a
    /// character boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of a position; a position past the end of its line is
    /// the line's end (before its line break), past the last line the text's end.
    pub fn offset(&self, p: Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(p.line as usize + 1)
            .map(|&e| e - 1)
            .unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            if units >= p.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
            // A position inside a surrogate pair falls on the character's start.
            if units > p.character {
                return start + i;
            }
        }
        start + line.len()
    }
}

/// Applies one change event (a range replacement, or the whole text).
pub fn apply_change(text: &mut String, change: &TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text.clone(),
        Some(range) => {
            let map = LineMap::new(text);
            let start = map.offset(range.start);
            let end = map.offset(range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_positions_round_trip() {
        let text = "a😀b\r\nçd\nlast";
        let map = LineMap::new(text);
        for (offset, _) in text.char_indices() {
            let p = map.position(offset);
            if text[offset..].starts_with('\n') && offset > 0 && text.as_bytes()[offset - 1] == b'\r' {
                continue; // the \n of \r\n is not a position of its own
            }
            assert_eq!(map.offset(p), offset, "{offset} {p:?}");
        }
        assert_eq!(map.position(1), Position::new(0, 1));
        assert_eq!(map.position(5), Position::new(0, 3), "the emoji is two units");
        assert_eq!(
            map.offset(Position::new(0, 2)),
            1,
            "inside the surrogate pair: its start"
        );
        assert_eq!(map.offset(Position::new(0, 99)), 6, "past the end: before \\r\\n");
        assert_eq!(map.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn edits_apply_in_order() {
        let mut text = String::from("hello\nworld\n");
        apply_change(
            &mut text,
            &TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(1, 0), Position::new(1, 5))),
                range_length: None,
                text: "there".into(),
            },
        );
        apply_change(
            &mut text,
            &TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(0, 5), Position::new(0, 5))),
                range_length: None,
                text: ",".into(),
            },
        );
        assert_eq!(text, "hello,\nthere\n");
    }
}
