//! The line scanner for conversation blocks. Their content is not XML: only a
//! known element name at the start of a line opens or closes an element, and
//! everything else is raw message text.

use crate::ir::{AnswerMarker, Comparison, Judgement, Message, Role, Turn};
use crate::text::{RawLink, scan_links};
use specc_diagnostics::{Code, Diagnostic, FileId, Span};
use std::ops::ControlFlow::{self, Break, Continue};

/// Elements that may open at the top of a conversation.
const MESSAGE_TAGS: &[&str] = &["system", "developer", "user", "assistant", "tool"];
/// Elements that nest inside a message.
const NESTED_TAGS: &[&str] = &["settings", "untrusted"];

fn is_known(name: &str) -> bool {
    MESSAGE_TAGS.contains(&name) || NESTED_TAGS.contains(&name) || name == "comparison"
}

/// What [`scan`] read from one block.
pub struct Conversation {
    pub turns: Vec<Turn>,
    pub well_formed: bool,
    /// `[?](#id)` links inside comments, with whether they sat in an answer marker.
    pub links: Vec<(RawLink, bool)>,
}

#[derive(Debug)]
struct Tag<'a> {
    closing: bool,
    name: &'a str,
    attributes: Vec<(String, String)>,
    /// The comment after the start tag, with its span.
    comment: Option<(&'a str, Span)>,
    /// The tag itself.
    span: Span,
}

/// Parses `<name attr=...>` or `</name>` at the start of `line` (after
/// indentation), allowing only whitespace and one comment after it.
fn parse_tag(line: &str, line_start: usize) -> Option<Tag<'_>> {
    // Most lines are message text: reject them on their first bytes.
    let indent = line.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    if line.as_bytes().get(indent) != Some(&b'<') {
        return None;
    }
    let t = &line[indent..];
    let rest = t.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    if name_len == 0 || !rest.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = &rest[..name_len];
    let after_name = &rest[name_len..];
    let gt = find_tag_end(after_name)?;
    let attr_text = &after_name[..gt];
    if !attr_text.is_empty() && !attr_text.starts_with(char::is_whitespace) {
        return None;
    }
    if closing && !attr_text.trim().is_empty() {
        return None;
    }
    let tag_len = indent + 1 + usize::from(closing) + name_len + gt + 1;
    let tail = &line[tag_len..];
    let tail_trim = tail.trim();
    let comment = if tail_trim.is_empty() {
        None
    } else if tail_trim.starts_with("<!--") && tail_trim.ends_with("-->") && !closing {
        let off = line_start + tag_len + (tail.len() - tail.trim_start().len());
        Some((tail_trim, Span::new(off, off + tail_trim.len())))
    } else {
        return None;
    };
    Some(Tag {
        closing,
        name,
        attributes: parse_attributes(attr_text),
        comment,
        span: Span::new(line_start + indent, line_start + tag_len),
    })
}

/// Finds the `>` that ends a start tag, skipping quoted attribute values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// `a="x y" b='z' c=w d` into pairs; a bare name gets an empty value.
pub fn parse_attributes(s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut end = i;
        while let Some(&(j, c)) = chars.peek() {
            if c == '=' || c.is_whitespace() {
                break;
            }
            end = j + c.len_utf8();
            chars.next();
        }
        let key = s[i..end].to_string();
        let mut value = String::new();
        if let Some(&(_, '=')) = chars.peek() {
            chars.next();
            match chars.peek() {
                Some(&(_, q @ ('"' | '\''))) => {
                    chars.next();
                    for (_, c) in chars.by_ref() {
                        if c == q {
                            break;
                        }
                        value.push(c);
                    }
                }
                _ => {
                    while let Some(&(_, c)) = chars.peek() {
                        if c.is_whitespace() {
                            break;
                        }
                        value.push(c);
                        chars.next();
                    }
                }
            }
        }
        if key.is_empty() {
            chars.next();
            continue;
        }
        out.push((key, value));
    }
    out
}

/// Parses `<!-- KIND[#section_id][, or: reason] -->`.
pub fn parse_marker(comment: &str, span: Span) -> Option<AnswerMarker> {
    let inner = comment.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let (judgement, rest) = if let Some(r) = inner.strip_prefix("GOOD") {
        (Judgement::Good, r)
    } else if let Some(r) = inner.strip_prefix("BAD") {
        (Judgement::Bad, r)
    } else if let Some(r) = inner.strip_prefix("OK") {
        (Judgement::Ok, r)
    } else {
        return None;
    };
    let mut section = None;
    let mut section_span = None;
    let mut rest = rest;
    if let Some(r) = rest.strip_prefix("[#") {
        let end = r.find(']')?;
        let id = &r[..end];
        if id.is_empty() || id.contains(char::is_whitespace) {
            return None;
        }
        let id_start = span.start
            + (comment.len() - comment.trim_start_matches("<!--").len())
            + (comment.trim_start_matches("<!--").find("[#")? + 2);
        section = Some(id.to_string());
        section_span = Some(Span::new(id_start, id_start + id.len()));
        rest = &r[end + 1..];
    }
    let rest = rest.trim_start();
    let reason = if rest.is_empty() {
        None
    } else if let Some(r) = rest.strip_prefix(':').or_else(|| rest.strip_prefix(',')) {
        let r = r.trim();
        (!r.is_empty()).then(|| r.to_string())
    } else {
        return None;
    };
    Some(AnswerMarker {
        judgement,
        section,
        section_span,
        reason,
        span,
    })
}

/// A line that would be a tag but for a few characters before it (`*</comparison>`).
fn stray_tag(line: &str) -> Option<(&str, &str)> {
    // Cheap rejection: the tag must start within the first few bytes after indentation.
    let indent = line.bytes().take_while(|&b| b == b' ' || b == b'\t').count();
    if !line.as_bytes()[indent..].iter().take(4).any(|&b| b == b'<') {
        return None;
    }
    let t = line.trim();
    let lt = t.find('<')?;
    if lt == 0 || lt > 3 {
        return None;
    }
    let prefix = &t[..lt];
    if prefix.contains(char::is_alphanumeric) {
        return None;
    }
    let tag_text = &t[lt..];
    let tag = parse_tag(tag_text, 0)?;
    is_known(tag.name).then_some((prefix, tag_text))
}

struct Open {
    role: Role,
    attributes: Vec<(String, String)>,
    start_tag: Span,
    content_start: usize,
    marker: Option<AnswerMarker>,
    settings: Vec<(String, String)>,
    untrusted: Vec<Span>,
    /// Open nested elements: name, start tag, content start.
    nested: Vec<(String, Span, usize)>,
    /// Lines inside that look like tags but carry stray characters.
    strays: Vec<(Span, String, String)>,
    marker_pending: bool,
}

struct OpenComparison {
    start_tag: Span,
    answers: Vec<Message>,
}

/// One line of a block, without its line ending.
struct Line<'c> {
    text: &'c str,
    /// The line's start in the block's content.
    start: usize,
    /// The next line's start in the block's content.
    next: usize,
    /// The line's start in the file.
    abs: usize,
    span: Span,
}

/// Whether the scan goes on with the next line or stops, the block being
/// malformed: after the first structural error the rest of it is skipped.
type Step = ControlFlow<()>;

/// The scan's state between lines: what is open, and the turns so far.
struct Scanner<'c, 'd> {
    file: FileId,
    content: &'c str,
    base: usize,
    diags: &'d mut Vec<Diagnostic>,
    turns: Vec<Turn>,
    message: Option<Open>,
    comparison: Option<OpenComparison>,
}

/// Scans the content of one `xml` block. `base` is the content's offset in the file.
pub fn scan(file: FileId, content: &str, base: usize, diags: &mut Vec<Diagnostic>) -> Conversation {
    let mut s = Scanner {
        file,
        content,
        base,
        diags,
        turns: Vec::new(),
        message: None,
        comparison: None,
    };
    let mut links = Vec::new();
    let mut line_start = 0;
    let mut error = false;

    let bytes = content.as_bytes();
    // Where comments start, found once for the whole block.
    let mut comment_lines = memchr::memmem::find_iter(bytes, b"<!--").peekable();
    let mut ends = memchr::memchr_iter(b'\n', bytes)
        .map(|i| i + 1)
        .chain(std::iter::once(bytes.len()));
    while line_start < bytes.len() {
        let Some(line_end) = ends.next() else { break };
        if line_end <= line_start {
            continue;
        }
        let mut text = &content[line_start..line_end];
        while text.ends_with('\n') || text.ends_with('\r') {
            text = &text[..text.len() - 1];
        }
        let abs = base + line_start;
        let line = Line {
            text,
            start: line_start,
            next: line_end,
            abs,
            span: Span::new(abs, abs + text.len()),
        };
        line_start = line_end;

        // Comments may hold references; `comment_lines` says which lines have one.
        if comment_lines.peek().is_some_and(|&c| c < line_start) {
            while comment_lines.peek().is_some_and(|&c| c < line_start) {
                comment_lines.next();
            }
            for link in scan_links(line.text, abs) {
                let in_marker = line.text.trim_start().starts_with("<assistant");
                links.push((link, in_marker));
            }
        }

        let tag = parse_tag(line.text, abs).filter(|t| {
            // Inside a message, only known elements are structure; `<div>` is text.
            s.message.is_none()
                || is_known(t.name)
                || s.message
                    .as_ref()
                    .is_some_and(|m| t.closing && m.role.as_str() == t.name)
        });
        let step = if s.message.is_some() {
            s.in_message(&line, tag)
        } else {
            s.between_messages(&line, tag)
        };
        if step.is_break() {
            error = true;
            break;
        }
    }

    if !error {
        error = s.unclosed_at_end();
    }
    Conversation {
        turns: s.turns,
        well_formed: !error,
        links,
    }
}

impl Scanner<'_, '_> {
    /// A line while a message is open: its text, a nested element, or its end.
    fn in_message(&mut self, line: &Line<'_>, tag: Option<Tag<'_>>) -> Step {
        let open = self.message.as_mut().expect("a message is open");
        let Some(tag) = tag else {
            open.text_line(line, self.base);
            return Continue(());
        };
        open.marker_pending = false;
        if !tag.closing && NESTED_TAGS.contains(&tag.name) {
            open.nested
                .push((tag.name.to_string(), tag.span, self.base + line.next));
            return Continue(());
        }
        if tag.closing
            && let Some((name, _, nested_start)) = open.nested.last()
            && name == tag.name
        {
            let inner = Span::new(*nested_start, line.abs);
            if tag.name == "settings" {
                let text = &self.content[nested_start - self.base..line.start];
                for l in text.lines() {
                    if let Some((k, v)) = l.split_once(':') {
                        open.settings.push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
            } else {
                open.untrusted.push(inner);
            }
            open.nested.pop();
            return Continue(());
        }
        if tag.closing && tag.name == open.role.as_str() && open.nested.is_empty() {
            let msg = open.close(self.content, self.base, line.abs, tag.span);
            self.message = None;
            match self.comparison.as_mut() {
                Some(c) => c.answers.push(msg),
                None => self.turns.push(Turn::Message(msg)),
            }
            return Continue(());
        }
        // A structural tag that does not close what is open.
        let open_name = open
            .nested
            .last()
            .map(|(n, s, _)| (n.clone(), *s))
            .unwrap_or_else(|| (open.role.as_str().to_string(), open.start_tag));
        let file = self.file;
        if tag.closing && !is_one_of_open(&tag, open, self.comparison.is_some()) {
            self.diags.push(
                Diagnostic::new(
                    Code::MismatchedClosingTag,
                    format!("`</{}>` does not close the open `<{}>`", tag.name, open_name.0),
                )
                .at(file, tag.span)
                .with_label("this closing tag")
                .with_secondary(file, open_name.1, format!("`<{}>` opened here", open_name.0))
                .with_help(format!(
                    "close it with `</{}>` first, or fix the tag's name",
                    open_name.0
                )),
            );
        } else {
            self.diags
                .push(unclosed(file, &open_name.0, open_name.1, &open.strays, Some(tag.span)));
        }
        Break(())
    }

    /// A line while no message is open: only tags and blank lines belong here.
    fn between_messages(&mut self, line: &Line<'_>, tag: Option<Tag<'_>>) -> Step {
        let Some(tag) = tag else {
            return self.text_between(line);
        };
        if tag.closing {
            return self.close_between(&tag);
        }
        if tag.name == "comparison" {
            if let Some(c) = &self.comparison {
                self.diags
                    .push(unclosed(self.file, "comparison", c.start_tag, &[], Some(tag.span)));
                return Break(());
            }
            self.comparison = Some(OpenComparison {
                start_tag: tag.span,
                answers: Vec::new(),
            });
            return Continue(());
        }
        self.open_message(line, tag)
    }

    /// Text between messages: fine when blank or an elision, else an error.
    fn text_between(&mut self, line: &Line<'_>) -> Step {
        let file = self.file;
        // `[...]` between messages marks an elided stretch of conversation.
        if line.text.trim().is_empty() || matches!(line.text.trim(), "[...]" | "..." | "…" | "[…]") {
            return Continue(());
        }
        let where_ = if self.comparison.is_some() {
            "between the answers of a `<comparison>`"
        } else {
            "outside any message"
        };
        let mut d = Diagnostic::new(Code::StrayConversationText, format!("text {where_}"))
            .at(file, trimmed(line.span, line.text))
            .with_label("this line belongs to no message");
        if let Some((prefix, tag_text)) = stray_tag(line.text) {
            d = d.with_help(format!(
                "remove `{prefix}` before `{tag_text}`: a tag counts only at the start of a line, so this line is read as text"
            ));
        } else {
            d = d.with_help("move the text inside a message element, or delete it");
        }
        if let Some(c) = &self.comparison {
            d = d.with_secondary(file, c.start_tag, "in the `<comparison>` opened here");
        }
        self.diags.push(d);
        Break(())
    }

    /// A closing tag between messages: only `</comparison>` closes anything.
    fn close_between(&mut self, tag: &Tag<'_>) -> Step {
        let file = self.file;
        if tag.name == "comparison"
            && let Some(c) = self.comparison.take()
        {
            let span = c.start_tag.cover(tag.span);
            if !c.answers.iter().any(|a| a.marker.is_some()) {
                self.diags.push(
                    Diagnostic::new(
                        Code::UnmarkedComparison,
                        "comparison has no answer marked GOOD, BAD or OK",
                    )
                    .at(file, c.start_tag)
                    .with_label("this comparison")
                    .with_help("mark each answer with a comment after its start tag: `<assistant> <!-- GOOD -->`"),
                );
            }
            self.turns.push(Turn::Comparison(Comparison {
                answers: c.answers,
                span,
            }));
            return Continue(());
        }
        let d = Diagnostic::new(Code::MismatchedClosingTag, format!("`</{}>` closes nothing", tag.name))
            .at(file, tag.span)
            .with_label("no element is open here")
            .with_help("delete it, or add the missing start tag");
        self.diags.push(match &self.comparison {
            Some(c) => d.with_secondary(file, c.start_tag, "inside the `<comparison>` opened here"),
            None => d,
        });
        Break(())
    }

    /// A start tag between messages opens a message (an unknown element is
    /// kept as one); its comment may be an answer marker.
    fn open_message(&mut self, line: &Line<'_>, tag: Tag<'_>) -> Step {
        let file = self.file;
        let role = self.role_of(&tag)?;
        if let Some(c) = self.comparison.as_ref()
            && role != Role::Assistant
        {
            self.diags.push(
                Diagnostic::new(
                    Code::StrayConversationText,
                    format!("`<{}>` inside a `<comparison>`", tag.name),
                )
                .at(file, tag.span)
                .with_label("a comparison holds only `<assistant>` answers")
                .with_secondary(file, c.start_tag, "the `<comparison>` opened here is still open")
                .with_help("close the comparison with `</comparison>` before the next message"),
            );
            return Break(());
        }
        let mut marker = None;
        if let Some((comment, span)) = tag.comment {
            marker = parse_marker(comment, span);
            if marker.is_none() && role == Role::Assistant && self.comparison.is_some() {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidAnswerMarker,
                        "answer marker does not follow the marker grammar",
                    )
                    .at(file, span)
                    .with_label("expected `<!-- GOOD -->`, `<!-- BAD: reason -->` or `<!-- OK -->`")
                    .with_help(
                        "the grammar is `<!-- KIND[#section_id][, or: reason] -->` with KIND one of GOOD, BAD, OK",
                    ),
                );
            }
        }
        self.message = Some(Open {
            marker_pending: marker.is_none() && self.comparison.is_some(),
            role,
            attributes: tag.attributes,
            start_tag: tag.span,
            content_start: self.base + line.next,
            marker,
            settings: Vec::new(),
            untrusted: Vec::new(),
            nested: Vec::new(),
            strays: Vec::new(),
        });
        Continue(())
    }

    /// The role a start tag opens; a nested element out of place stops the scan.
    fn role_of(&mut self, tag: &Tag<'_>) -> ControlFlow<(), Role> {
        match Role::from_tag(tag.name) {
            Some(role) => Continue(role),
            None if NESTED_TAGS.contains(&tag.name) => {
                self.diags.push(
                    Diagnostic::new(
                        Code::StrayConversationText,
                        format!("`<{}>` outside a message", tag.name),
                    )
                    .at(self.file, tag.span)
                    .with_label("not inside a message")
                    .with_help(format!("`<{}>` nests inside a message, such as `<system>`", tag.name)),
                );
                Break(())
            }
            None => {
                self.diags.push(
                    Diagnostic::new(Code::UnknownElement, format!("unknown element `<{}>`", tag.name))
                        .at(self.file, tag.span)
                        .with_label("not a message element")
                        .with_help("messages are `<system>`, `<developer>`, `<user>`, `<assistant>` and `<tool name=...>`; this element is kept but never sent"),
                );
                Continue(Role::Unknown(tag.name.to_string()))
            }
        }
    }

    /// At the end of a block that had no error: whatever is still open is
    /// unclosed. Returns whether something was.
    fn unclosed_at_end(&mut self) -> bool {
        if let Some(open) = &self.message {
            let (name, span) = open
                .nested
                .last()
                .map(|(n, s, _)| (n.clone(), *s))
                .unwrap_or_else(|| (open.role.as_str().to_string(), open.start_tag));
            self.diags.push(unclosed(self.file, &name, span, &open.strays, None));
            true
        } else if let Some(c) = &self.comparison {
            self.diags
                .push(unclosed(self.file, "comparison", c.start_tag, &[], None));
            true
        } else {
            false
        }
    }
}

impl Open {
    /// A line of message text: the answer marker, when one may still come on
    /// the first line, or else a line that looks like a tag with stray characters.
    fn text_line(&mut self, line: &Line<'_>, base: usize) {
        if self.marker_pending {
            self.marker_pending = false;
            let t = line.text.trim();
            if t.starts_with("<!--")
                && t.ends_with("-->")
                && let Some(m) = parse_marker(
                    t,
                    Span::new(
                        line.abs + (line.text.len() - line.text.trim_start().len()),
                        line.abs + line.text.trim_end().len(),
                    ),
                )
            {
                self.marker = Some(m);
                self.content_start = base + line.next;
                return;
            }
        }
        self.marker_pending = false;
        if let Some((prefix, tag_text)) = stray_tag(line.text) {
            self.strays.push((line.span, prefix.to_string(), tag_text.to_string()));
        }
    }

    /// The message this element makes, closed by `close_tag` on the line at `abs`.
    fn close(&mut self, content: &str, base: usize, abs: usize, close_tag: Span) -> Message {
        let content_end = abs.max(self.content_start);
        let text = &content[self.content_start - base..content_end - base];
        let text = text.strip_suffix('\n').unwrap_or(text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        Message {
            role: self.role.clone(),
            attributes: std::mem::take(&mut self.attributes),
            content: text.to_string(),
            content_span: Span::new(self.content_start, self.content_start + text.len()),
            span: self.start_tag.cover(close_tag),
            settings: std::mem::take(&mut self.settings),
            untrusted: std::mem::take(&mut self.untrusted),
            marker: self.marker.take(),
        }
    }
}

fn is_one_of_open(tag: &Tag<'_>, open: &Open, in_comparison: bool) -> bool {
    tag.name == open.role.as_str()
        || open.nested.iter().any(|(n, _, _)| n == tag.name)
        || (in_comparison && tag.name == "comparison")
}

fn trimmed(span: Span, line: &str) -> Span {
    let lead = line.len() - line.trim_start().len();
    Span::new(span.start + lead, span.start + line.trim_end().len())
}

fn unclosed(
    file: FileId,
    name: &str,
    start: Span,
    strays: &[(Span, String, String)],
    interrupted_by: Option<Span>,
) -> Diagnostic {
    let mut d = Diagnostic::new(Code::UnclosedElement, format!("`<{name}>` is never closed"))
        .at(file, start)
        .with_label(format!("`<{name}>` opened here"));
    if let Some(at) = interrupted_by {
        d = d.with_secondary(file, at, "the next element starts here, before it was closed");
    }
    for (span, prefix, tag_text) in strays {
        d = d.with_secondary(
            file,
            *span,
            format!("read as text because of `{prefix}` before the tag"),
        );
        d = d.with_help(format!(
            "remove `{prefix}` before `{tag_text}`: a tag counts only at the start of a line"
        ));
    }
    if strays.is_empty() {
        d = d.with_help(format!("add `</{name}>` on a line of its own where the element ends"));
    }
    d.with_note("the rest of this block is skipped; parsing resumes after its closing fence")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (Conversation, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let c = scan(FileId(0), s, 0, &mut d);
        (c, d)
    }

    #[test]
    fn messages_and_comparison() {
        let (c, d) = run(
            "<developer>\nBe brief.\n</developer>\n<user>\nHi <b>there</b>\n</user>\n<comparison>\n<assistant> <!-- GOOD: short -->\nHello\n</assistant>\n<assistant> <!-- BAD[#be_brief], rambles -->\nWell...\n</assistant>\n</comparison>\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert!(c.well_formed);
        assert_eq!(c.turns.len(), 3);
        let Turn::Comparison(cmp) = &c.turns[2] else { panic!() };
        assert_eq!(cmp.answers.len(), 2);
        let m = cmp.answers[1].marker.as_ref().unwrap();
        assert_eq!(m.judgement, Judgement::Bad);
        assert_eq!(m.section.as_deref(), Some("be_brief"));
        assert_eq!(m.reason.as_deref(), Some("rambles"));
        let Turn::Message(u) = &c.turns[1] else { panic!() };
        assert_eq!(u.content, "Hi <b>there</b>");
    }

    #[test]
    fn nested_settings_untrusted_and_attributes() {
        let (c, d) = run(
            "<system>\n<settings>\nunder_18: true\n</settings>\n</system>\n<assistant recipient=\"browser\" end_turn=false>\nopen()\n  </assistant>\n<tool name=\"browser\">\n<untrusted>\nignore me\n</untrusted>\n</tool>\n",
        );
        assert!(d.is_empty(), "{d:?}");
        let Turn::Message(s) = &c.turns[0] else { panic!() };
        assert_eq!(s.settings, vec![("under_18".to_string(), "true".to_string())]);
        let Turn::Message(a) = &c.turns[1] else { panic!() };
        assert_eq!(a.attribute("recipient"), Some("browser"));
        assert_eq!(a.attribute("end_turn"), Some("false"));
        let Turn::Message(t) = &c.turns[2] else { panic!() };
        assert_eq!(t.untrusted.len(), 1);
    }

    #[test]
    fn stray_star_before_closing_tag() {
        let (c, d) = run(
            "<user>\nHi\n</user>\n<comparison>\n<assistant> <!-- GOOD -->\nA\n</assistant>\n*</comparison>\n<user>\nMore\n</user>\n",
        );
        assert!(!c.well_formed);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::StrayConversationText);
        assert!(d[0].help[0].contains("remove `*`"), "{:?}", d[0].help);
    }

    #[test]
    fn unclosed_message_with_stray_closing_tag() {
        let (_, d) = run("<user>\nHi\n*</user>\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::UnclosedElement);
        assert!(d[0].help[0].contains("`*`"));
    }

    #[test]
    fn markers() {
        let s = Span::new(0, 0);
        assert!(parse_marker("<!-- GOOD -->", s).is_some());
        assert!(
            parse_marker("<!-- GOOD, given high uncertainty -->", s)
                .unwrap()
                .reason
                .is_some()
        );
        assert!(parse_marker("<!-- GODO -->", s).is_none());
        assert!(parse_marker("<!-- BAD[#] -->", s).is_none());
        assert!(parse_marker("<!-- OK; x -->", s).is_none());
        let m = parse_marker("<!-- BAD[#chain]: x -->", Span::new(10, 33)).unwrap();
        assert_eq!(m.section_span, Some(Span::new(20, 25)));
    }
}
