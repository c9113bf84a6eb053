//! Markdown to IR. pulldown-cmark finds the block structure and inline spans;
//! the dialect's own constructs (attributes, commentary, conversations, clause
//! sentences) are read from the source bytes at those spans.

use crate::conversation;
use crate::ir::*;
use crate::text::{self, slugify, split_dest, squash, trim_span};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use specc_diagnostics::{Code, Diagnostic, FileId, Span};
use std::collections::HashMap;

/// Attributes a heading may carry; others draw a warning.
const KNOWN_ATTRIBUTES: &[&str] = &["authority", "tags", "status", "owner", "overrides"];
const STATUSES: &[&str] = &["draft", "active", "deprecated"];

/// Parses one file. `path` is only recorded; no IO happens here.
pub fn parse(file: FileId, path: &str, text: &str, kind: DocumentKind) -> (Document, Vec<Diagnostic>) {
    parse_inner(file, path, text, kind, None, usize::MAX)
}

/// Parses one test or precedents file, handing each example (with its case IDs
/// and hashes) to `sink` as soon as it is complete instead of keeping it in
/// `Document::examples`: memory stays flat however many prompts the file holds.
/// `Document::streamed` counts what went to the sink. Spec documents need their
/// sections before an example's owner is known, so they are parsed as `parse` does.
pub fn parse_streaming(
    file: FileId,
    path: &str,
    text: &str,
    kind: DocumentKind,
    sink: &mut dyn FnMut(Example),
) -> (Document, Vec<Diagnostic>) {
    parse_streaming_in_chunks(file, path, text, kind, sink, STREAM_CHUNK)
}

/// Bytes of a streamed file parsed at once (see `Walker::walk`).
const STREAM_CHUNK: usize = 64 * 1024;

/// [`parse_streaming`] with a chosen piece size, so tests can cut small
/// documents into many pieces and compare the result with a plain parse.
#[doc(hidden)]
pub fn parse_streaming_in_chunks(
    file: FileId,
    path: &str,
    text: &str,
    kind: DocumentKind,
    sink: &mut dyn FnMut(Example),
    chunk: usize,
) -> (Document, Vec<Diagnostic>) {
    if matches!(kind, DocumentKind::Spec) {
        return parse(file, path, text, kind);
    }
    parse_inner(file, path, text, kind, Some(sink), chunk.max(1))
}

fn parse_inner(
    file: FileId,
    path: &str,
    text: &str,
    kind: DocumentKind,
    sink: Option<&mut dyn FnMut(Example)>,
    chunk: usize,
) -> (Document, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (commentary, masked) = commentary_prepass(text);
    let mut w = Walker::new(file, text, &kind);
    let chunk = sink.as_ref().map(|_| chunk);
    w.sink = sink;
    w.walk(&masked, &mut diags, chunk);
    let doc = w.finish(path, kind, commentary, &mut diags);
    (doc, diags)
}

/// kind, title, whole span, body span.
type RawCommentary = (String, Option<String>, Span, Span);

/// Finds `!!! kind "title"` blocks outside code fences and blanks them (keeping
/// every offset) so the Markdown parser does not read their bodies as prose.
fn commentary_prepass(src: &str) -> (Vec<RawCommentary>, std::borrow::Cow<'_, str>) {
    let mut found = Vec::new();
    // Most files have no commentary at all: skip the line scan for them.
    // memmem is SIMD; `str::contains` with a string pattern is several times slower.
    if memchr::memmem::find(src.as_bytes(), b"!!!").is_none() {
        return (found, std::borrow::Cow::Borrowed(src));
    }
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
        // The body: following lines that are blank or indented by four spaces or a tab.
        let mut body_end = None;
        let mut k = i;
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
    if found.is_empty() {
        return (found, std::borrow::Cow::Borrowed(src));
    }
    // Blank the commentary, keeping every byte offset: each line of it becomes
    // as many spaces as it has bytes, newlines stay.
    const SPACES: &str = "                                                                ";
    let mut masked = String::with_capacity(src.len());
    let mut prev = 0;
    for (_, _, span, _) in &found {
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
    (found, std::borrow::Cow::Owned(masked))
}

/// Where a test file may be cut into pieces parsed on their own: the start of
/// a line that begins (at column 0) with `**Example**` right after a blank
/// line. Such a line ends every open paragraph, list and quote; whether a
/// fence or HTML block is still open there is checked on the parsed piece
/// (`swallows_next`). None when the text has a link reference definition
/// (Markdown applies it to the whole document) or a metadata delimiter.
fn example_cuts(src: &str) -> Option<Vec<usize>> {
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
fn swallows_next(piece: &str, events: &[(Event<'_>, std::ops::Range<usize>)]) -> bool {
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

fn line_offsets(src: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut off = 0;
    src.split_inclusive('\n').map(move |l| {
        let s = off;
        off += l.len();
        (s, l)
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BlockKind {
    Paragraph,
    ItemText,
    Heading,
    Cell,
}

/// The inline content of one paragraph, tight list item, heading or table cell.
#[derive(Debug)]
struct Block {
    kind: BlockKind,
    span: Span,
    texts: Vec<Span>,
    codes: Vec<Span>,
    question_links: Vec<Span>,
    markers: Vec<(String, Span)>,
    item: Option<usize>,
    structural: bool,
}

impl Block {
    fn touch(&mut self, r: Span) {
        if self.span.is_empty() && self.texts.is_empty() && self.codes.is_empty() && self.markers.is_empty() {
            self.span = r;
        } else {
            self.span = self.span.cover(r);
        }
    }
}

#[derive(Debug)]
enum Container {
    Paragraph,
    Heading(Span),
    List(usize),
    Item(usize),
    Cell,
    Code,
    Other,
}

struct ListInfo {
    span: Span,
    lead_in: Option<usize>,
}

struct ItemInfo {
    list: usize,
}

enum PendingKind {
    Example,
    Precedent(usize),
}

struct PendingTitle {
    kind: PendingKind,
    title: String,
    span: Span,
}

struct LinkBuild {
    dest: String,
    span: Span,
    text: String,
}

struct HeadingBuild {
    id: String,
    explicit: bool,
    title: String,
    level: u8,
    span: Span,
    attributes: Vec<Attribute>,
    declared_authority: Option<String>,
}

struct Walker<'a, 's> {
    file: FileId,
    src: &'a str,
    is_spec: bool,
    is_precedents: bool,
    clause_owner: Option<String>,
    blocks: Vec<Block>,
    cur: Option<Block>,
    containers: Vec<Container>,
    lists: Vec<ListInfo>,
    items: Vec<ItemInfo>,
    prev_block: Option<usize>,
    pending: Option<PendingTitle>,
    last_example_fence: Option<usize>,
    expect_target: Option<usize>,
    collecting_expect: Option<(usize, usize)>,
    links: Vec<LinkBuild>,
    headings: Vec<HeadingBuild>,
    /// Examples not yet handed on; `examples[0]` has index `emitted`.
    examples: Vec<Example>,
    emitted: usize,
    sink: Option<&'s mut dyn FnMut(Example)>,
    namer: CaseNamer,
    streamed: Streamed,
    /// Footnote markers of non-spec documents, kept instead of their blocks.
    back_references: Vec<BackReference>,
    references: Vec<Reference>,
    precedents: Vec<Precedent>,
}

impl<'a, 's> Walker<'a, 's> {
    fn new(file: FileId, src: &'a str, kind: &DocumentKind) -> Self {
        let clause_owner = match kind {
            DocumentKind::Spec => None,
            DocumentKind::TestFile { clause } | DocumentKind::Precedents { clause } => Some(clause.clone()),
        };
        Walker {
            file,
            src,
            is_spec: matches!(kind, DocumentKind::Spec),
            is_precedents: matches!(kind, DocumentKind::Precedents { .. }),
            clause_owner,
            blocks: Vec::new(),
            cur: None,
            containers: Vec::new(),
            lists: Vec::new(),
            items: Vec::new(),
            prev_block: None,
            pending: None,
            last_example_fence: None,
            expect_target: None,
            collecting_expect: None,
            links: Vec::new(),
            headings: Vec::new(),
            examples: Vec::new(),
            emitted: 0,
            sink: None,
            namer: CaseNamer::default(),
            streamed: Streamed::default(),
            back_references: Vec::new(),
            references: Vec::new(),
            precedents: Vec::new(),
        }
    }

    /// Walks the Markdown events of `masked`. With `chunk`, the text is parsed
    /// in pieces of about that many bytes, cut only before a top-level
    /// `**Example**:` paragraph: pulldown-cmark builds a tree of the whole input
    /// before its first event (about 12 bytes per byte of a test file), and a
    /// streamed test file must not hold that for 100,000 prompts at once.
    fn walk(&mut self, masked: &str, diags: &mut Vec<Diagnostic>, chunk: Option<usize>) {
        let options = Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_OLD_FOOTNOTES
            | Options::ENABLE_TABLES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
        let cuts = match chunk {
            Some(n) if masked.len() > n => example_cuts(masked).unwrap_or_default(),
            _ => Vec::new(),
        };
        if cuts.is_empty() {
            for (event, range) in Parser::new_ext(masked, options).into_offset_iter() {
                let r = Span::new(range.start.min(self.src.len()), range.end.min(self.src.len()));
                self.event(event, r, diags);
            }
        } else {
            let every = chunk.unwrap_or(usize::MAX);
            let mut cuts = cuts.into_iter();
            let mut start = 0;
            while start < masked.len() {
                let mut end = start;
                // The first cut `every` bytes on; then further ones while the
                // piece would end inside a block the following text belongs to.
                let events = loop {
                    end = cuts
                        .by_ref()
                        .find(|&c| c > end && c - start >= every)
                        .unwrap_or(masked.len());
                    let piece = &masked[start..end];
                    let events: Vec<_> = Parser::new_ext(piece, options).into_offset_iter().collect();
                    if end == masked.len() || !swallows_next(piece, &events) {
                        break events;
                    }
                };
                for (event, range) in events {
                    let (a, b) = (range.start + start, range.end + start);
                    self.event(event, Span::new(a.min(self.src.len()), b.min(self.src.len())), diags);
                }
                start = end;
                // Between pieces nothing is open, so no index into the lists
                // and items seen so far is held: let them go, or they grow
                // with every example's expectation list.
                if self.containers.is_empty() && self.collecting_expect.is_none() && self.expect_target.is_none() {
                    self.lists.clear();
                    self.items.clear();
                }
            }
        }
        self.flush(diags);
        if let Some(p) = self.pending.take() {
            self.title_without_block(p, diags);
        }
    }

    fn event(&mut self, event: Event<'_>, r: Span, diags: &mut Vec<Diagnostic>) {
        match event {
            Event::Start(tag) => self.start(tag, r, diags),
            Event::End(tag) => self.end(tag, r, diags),
            Event::Text(t) => {
                if self.in_code() {
                    return;
                }
                for l in &mut self.links {
                    l.text.push_str(&t);
                }
                let b = self.block();
                b.touch(r);
                b.texts.push(r);
            }
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                for l in &mut self.links {
                    l.text.push_str(&t);
                }
                let b = self.block();
                b.touch(r);
                b.codes.push(r);
            }
            Event::FootnoteReference(label) => {
                let b = self.block();
                b.touch(r);
                b.markers.push((label.to_string(), r));
            }
            Event::InlineHtml(_) | Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = self.cur.as_mut() {
                    b.touch(r);
                }
            }
            Event::Rule => self.block_boundary(diags),
            Event::Html(_) | Event::TaskListMarker(_) => {}
        }
    }

    fn in_code(&self) -> bool {
        matches!(self.containers.last(), Some(Container::Code))
    }

    fn block(&mut self) -> &mut Block {
        if self.cur.is_none() {
            let n = self.containers.len();
            let (kind, item) = match self.containers.last() {
                Some(Container::Heading(_)) => (BlockKind::Heading, None),
                Some(Container::Item(i)) => (BlockKind::ItemText, Some(*i)),
                Some(Container::Cell) => (BlockKind::Cell, None),
                Some(Container::Paragraph) => match n.checked_sub(2).map(|i| &self.containers[i]) {
                    Some(Container::Item(i)) => (BlockKind::ItemText, Some(*i)),
                    _ => (BlockKind::Paragraph, None),
                },
                _ => (BlockKind::Paragraph, None),
            };
            self.cur = Some(Block {
                kind,
                span: Span::default(),
                texts: Vec::new(),
                codes: Vec::new(),
                question_links: Vec::new(),
                markers: Vec::new(),
                item,
                structural: false,
            });
        }
        self.cur.as_mut().expect("just set")
    }

    /// A block-level element that is neither prose nor a conversation starts.
    fn block_boundary(&mut self, diags: &mut Vec<Diagnostic>) {
        self.flush(diags);
        self.prev_block = None;
        self.last_example_fence = None;
        if let Some(p) = self.pending.take() {
            self.title_without_block(p, diags);
        }
    }

    fn start(&mut self, tag: Tag<'_>, r: Span, diags: &mut Vec<Diagnostic>) {
        match tag {
            Tag::Paragraph => {
                self.flush(diags);
                self.containers.push(Container::Paragraph);
            }
            Tag::Heading { .. } => {
                self.block_boundary(diags);
                self.containers.push(Container::Heading(r));
            }
            Tag::List(_) => {
                self.flush(diags);
                let lead_in = self.prev_block.filter(|&b| {
                    // Only spec documents keep their blocks (and need lead-ins).
                    let blk = &self.blocks[b];
                    blk.kind == BlockKind::ItemText || self.src[blk.span.range()].trim_end().ends_with(':')
                });
                self.lists.push(ListInfo { span: r, lead_in });
                let idx = self.lists.len() - 1;
                if let Some(ex) = self.expect_target.take() {
                    self.collecting_expect = Some((ex, idx));
                }
                self.prev_block = None;
                self.containers.push(Container::List(idx));
            }
            Tag::Item => {
                self.flush(diags);
                self.prev_block = None;
                let list = self
                    .containers
                    .iter()
                    .rev()
                    .find_map(|c| match c {
                        Container::List(i) => Some(*i),
                        _ => None,
                    })
                    .unwrap_or(0);
                self.items.push(ItemInfo { list });
                self.containers.push(Container::Item(self.items.len() - 1));
            }
            Tag::CodeBlock(kind) => {
                self.flush(diags);
                self.prev_block = None;
                let is_xml =
                    matches!(&kind, CodeBlockKind::Fenced(info) if info.split_whitespace().next() == Some("xml"));
                match self.pending.take() {
                    Some(p) if is_xml => self.conversation(p, r, diags),
                    Some(p) => {
                        self.title_without_block(p, diags);
                        self.last_example_fence = None;
                    }
                    None => self.last_example_fence = None,
                }
                self.containers.push(Container::Code);
            }
            Tag::TableCell => {
                self.flush(diags);
                self.containers.push(Container::Cell);
            }
            Tag::Link { dest_url, .. } => {
                if !self.in_code() {
                    self.block().touch(r);
                }
                self.links.push(LinkBuild {
                    dest: dest_url.to_string(),
                    span: r,
                    text: String::new(),
                })
            }
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Image { .. } => {
                // Inline markup belongs to the block: `**Example**:` starts at its `**`.
                if !self.in_code() {
                    self.block().touch(r);
                }
            }
            Tag::MetadataBlock(_) => {
                self.block_boundary(diags);
                self.containers.push(Container::Code);
            }
            _ => {
                self.block_boundary(diags);
                self.containers.push(Container::Other);
            }
        }
    }

    fn end(&mut self, tag: TagEnd, r: Span, diags: &mut Vec<Diagnostic>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell => {
                self.flush(diags);
                self.containers.pop();
            }
            TagEnd::Heading(level) => {
                let block = self.cur.take();
                let span = match self.containers.pop() {
                    Some(Container::Heading(s)) => s,
                    _ => r,
                };
                self.heading(level as u8, span, block, diags);
            }
            TagEnd::List(_) => {
                self.flush(diags);
                let ended = self.containers.pop();
                self.prev_block = None;
                if let (Some((_, l)), Some(Container::List(i))) = (self.collecting_expect, ended)
                    && i == l
                {
                    self.collecting_expect = None;
                }
            }
            TagEnd::Link => {
                if let Some(link) = self.links.pop() {
                    self.link(link);
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Image => {}
            _ => {
                self.flush(diags);
                self.containers.pop();
            }
        }
    }

    fn link(&mut self, link: LinkBuild) {
        let question = link.text == "?";
        if question && let Some(b) = self.cur.as_mut() {
            b.question_links.push(link.span);
        }
        let Some((dependency, target)) = split_dest(&link.dest) else {
            return;
        };
        let raw = &self.src[link.span.range()];
        let dest_at = raw.rfind(&format!("({}", link.dest)).map(|p| p + 1);
        let target_span = match dest_at {
            Some(p) => Span::new(link.span.start + p, link.span.start + p + link.dest.len()),
            None => link.span,
        };
        self.references.push(Reference {
            dependency,
            target,
            text: (!question).then(|| link.text.clone()),
            span: link.span,
            target_span,
            context: ReferenceContext::Prose,
        });
    }

    fn flush(&mut self, diags: &mut Vec<Diagnostic>) {
        let Some(mut block) = self.cur.take() else { return };
        let idx = self.blocks.len();
        let text = self.src[block.span.range()].trim();
        let para_like = matches!(block.kind, BlockKind::Paragraph | BlockKind::ItemText);
        let in_expect_list = block
            .item
            .is_some_and(|i| Some(self.items[i].list) == self.collecting_expect.map(|c| c.1));

        if let Some(p) = self.pending.take() {
            self.title_without_block(p, diags);
        }
        block.structural = in_expect_list
            || (para_like
                && ["Example", "Expect", "Precedent", "Ruling", "Rationale", "Decided"]
                    .iter()
                    .any(|l| strip_label(text, l).is_some()));
        if in_expect_list {
            let (ex, _) = self.collecting_expect.expect("checked");
            let e = self.expectation(&block, diags);
            if let Some(example) = ex.checked_sub(self.emitted).and_then(|i| self.examples.get_mut(i)) {
                example.expectations.push(e);
                example.span = example.span.cover(block.span);
            }
        } else if para_like && let Some(title) = strip_label(text, "Example") {
            self.pending = Some(PendingTitle {
                kind: PendingKind::Example,
                title: squash(title),
                span: block.span,
            });
        } else if para_like && strip_label(text, "Expect").is_some() {
            match self.last_example_fence.take() {
                Some(ex) => self.expect_target = Some(ex),
                None => diags.push(
                    Diagnostic::new(Code::InvalidExpectation, "expectation list follows no example")
                        .at(self.file, block.span)
                        .with_label("`**Expect**:` must come right after an example's conversation block")
                        .with_help("move the list directly below the `~~~xml` block it is about"),
                ),
            }
        } else if self.is_precedents && para_like {
            self.precedent_paragraph(text, &block, diags);
        }
        if !(para_like && strip_label(text, "Expect").is_some()) {
            self.last_example_fence = None;
        }
        if self.is_spec {
            self.prev_block = Some(idx);
            self.blocks.push(block);
        } else {
            // Test files and precedents can hold thousands of prompts: of their
            // blocks only the footnote markers (the header's back-references) are read.
            self.prev_block = None;
            self.back_references
                .extend(block.markers.into_iter().map(|(id, span)| BackReference { id, span }));
        }
    }

    fn precedent_paragraph(&mut self, text: &str, block: &Block, diags: &mut Vec<Diagnostic>) {
        if let Some(title) = strip_label(text, "Precedent") {
            self.precedents.push(Precedent {
                title: squash(title),
                span: block.span,
                clause: self.clause_owner.clone().unwrap_or_default(),
                example: None,
                ruling: None,
                rationale: None,
                decided: None,
            });
            self.pending = Some(PendingTitle {
                kind: PendingKind::Precedent(self.precedents.len() - 1),
                title: squash(title),
                span: block.span,
            });
            return;
        }
        let Some(last) = self.precedents.last_mut() else {
            for label in ["Ruling", "Rationale", "Decided"] {
                if strip_label(text, label).is_some() {
                    diags.push(
                        Diagnostic::new(
                            Code::MalformedPrecedent,
                            format!("`**{label}**:` before any `**Precedent**:`"),
                        )
                        .at(self.file, block.span)
                        .with_help("start each precedent with `**Precedent**: <title>`"),
                    );
                }
            }
            return;
        };
        if let Some(v) = strip_label(text, "Ruling") {
            match v.trim().to_ascii_lowercase().as_str() {
                "pass" => last.ruling = Some(Ruling::Pass),
                "fail" => last.ruling = Some(Ruling::Fail),
                other => diags.push(
                    Diagnostic::new(
                        Code::MalformedPrecedent,
                        format!("ruling `{other}` is neither pass nor fail"),
                    )
                    .at(self.file, block.span)
                    .with_help("write `**Ruling**: pass` or `**Ruling**: fail`"),
                ),
            }
            last.span = last.span.cover(block.span);
        } else if let Some(v) = strip_label(text, "Rationale") {
            last.rationale = Some(squash(v));
            last.span = last.span.cover(block.span);
        } else if let Some(v) = strip_label(text, "Decided") {
            last.decided = Some(squash(v));
            last.span = last.span.cover(block.span);
        }
    }

    fn title_without_block(&mut self, p: PendingTitle, diags: &mut Vec<Diagnostic>) {
        match p.kind {
            PendingKind::Example => diags.push(
                Diagnostic::new(Code::ExampleWithoutConversation, "example has no conversation block")
                    .at(self.file, p.span)
                    .with_label("this title is not followed by an `xml` block")
                    .with_help("follow the title with a fenced block whose info string is `xml`: `~~~xml`"),
            ),
            PendingKind::Precedent(_) => {}
        }
    }

    fn conversation(&mut self, p: PendingTitle, r: Span, diags: &mut Vec<Diagnostic>) {
        let raw = &self.src[r.range()];
        let content_start = raw.find('\n').map(|n| r.start + n + 1).unwrap_or(r.end);
        let body = &self.src[content_start.min(r.end)..r.end];
        let last_line_start = body
            .trim_end_matches(['\n', '\r'])
            .rfind('\n')
            .map(|n| n + 1)
            .unwrap_or(0);
        let last_line = body[last_line_start..].trim();
        let opener = raw.trim_start().chars().next().unwrap_or('~');
        let closes = last_line.len() >= 3 && last_line.chars().all(|c| c == opener);
        let content_end = if closes { content_start + last_line_start } else { r.end };
        let content = &self.src[content_start.min(content_end)..content_end];
        let conv = conversation::scan(self.file, content, content_start.min(content_end), diags);
        for (link, in_marker) in conv.links {
            if let Some((dependency, target)) = split_dest(&link.dest) {
                self.references.push(Reference {
                    dependency,
                    target,
                    text: (link.text != "?").then_some(link.text),
                    span: link.span,
                    target_span: link.dest_span,
                    context: if in_marker {
                        ReferenceContext::AnswerMarker
                    } else {
                        ReferenceContext::Example
                    },
                });
            }
        }
        let owner = match &self.clause_owner {
            Some(c) => Owner::Clause(c.clone()),
            None => Owner::Document,
        };
        let example = Example {
            title: p.title,
            title_span: p.span,
            span: p.span.cover(r),
            owner,
            section: None,
            turns: conv.turns,
            expectations: Vec::new(),
            well_formed: conv.well_formed,
            cases: Vec::new(),
        };
        match p.kind {
            PendingKind::Example => {
                self.examples.push(example);
                self.last_example_fence = Some(self.emitted + self.examples.len() - 1);
                self.hand_on_finished();
            }
            PendingKind::Precedent(i) => {
                if let Some(prec) = self.precedents.get_mut(i) {
                    prec.span = prec.span.cover(r);
                    prec.example = Some(example);
                }
            }
        }
    }

    fn expectation(&self, block: &Block, diags: &mut Vec<Diagnostic>) -> Expectation {
        let span = trim_span(self.src, block.span);
        let only_code = block.codes.len() == 1
            && block.markers.is_empty()
            && block.texts.iter().all(|t| self.src[t.range()].trim().is_empty());
        if !only_code {
            return Expectation {
                span,
                check: ExpectationKind::Rubric {
                    text: squash(&self.src[span.range()]),
                },
            };
        }
        let code_span = block.codes[0];
        let inner = self.src[code_span.range()].trim_matches('`').trim();
        let (kind_text, argument) = match inner.split_once(':') {
            Some((k, a)) => (k.trim(), a.trim()),
            None => (inner, ""),
        };
        let bad = |msg: String, help: &str, diags: &mut Vec<Diagnostic>| {
            diags.push(
                Diagnostic::new(Code::InvalidExpectation, msg)
                    .at(self.file, code_span)
                    .with_help(help.to_string()),
            );
        };
        let Some(kind) = AssertionKind::parse(kind_text) else {
            let known: Vec<&str> = AssertionKind::ALL.iter().map(|(n, _)| *n).collect();
            let close = known
                .iter()
                .map(|k| (strsim_like(k, kind_text), *k))
                .min()
                .filter(|(d, _)| *d <= 2)
                .map(|(_, k)| k);
            let mut d = Diagnostic::new(
                Code::InvalidExpectation,
                format!("unknown assertion kind `{kind_text}`"),
            )
            .at(self.file, code_span)
            .with_label("not an assertion kind")
            .with_help(format!(
                "kinds are {}; a plain bullet (no backticks) is a rubric criterion for the grader",
                known.join(", ")
            ));
            if let Some(k) = close {
                d = d.with_suggestion(k);
            }
            diags.push(d);
            return Expectation {
                span,
                check: ExpectationKind::Rubric {
                    text: inner.to_string(),
                },
            };
        };
        match kind {
            AssertionKind::Regex | AssertionKind::NotRegex => {
                if let Err(e) = regex::Regex::new(argument) {
                    let first = e.to_string().lines().last().unwrap_or("").trim().to_string();
                    bad(
                        format!("invalid regex `{argument}`: {first}"),
                        "fix the pattern; it uses Rust `regex` syntax",
                        diags,
                    );
                }
            }
            AssertionKind::MaxWords | AssertionKind::MaxChars => {
                if argument.parse::<usize>().is_err() {
                    bad(
                        format!("`{kind_text}` needs a whole number, found `{argument}`"),
                        "write for example `max-words: 120`",
                        diags,
                    );
                }
            }
            AssertionKind::Json => {}
            _ => {
                if argument.is_empty() {
                    bad(
                        format!("`{kind_text}` needs an argument"),
                        "write `kind: argument`, for example `contains: 988`",
                        diags,
                    );
                }
            }
        }
        Expectation {
            span,
            check: ExpectationKind::Assertion {
                kind,
                argument: argument.to_string(),
            },
        }
    }

    fn heading(&mut self, level: u8, span: Span, block: Option<Block>, diags: &mut Vec<Diagnostic>) {
        let first_line_end = self.src[span.range()]
            .find('\n')
            .map(|n| span.start + n)
            .unwrap_or(span.end);
        let line = &self.src[span.start..first_line_end];
        let mut title = String::new();
        if let Some(b) = &block {
            let mut parts: Vec<(usize, &str)> = b.texts.iter().map(|t| (t.start, &self.src[t.range()])).collect();
            parts.extend(b.codes.iter().map(|c| (c.start, self.src[c.range()].trim_matches('`'))));
            parts.sort_by_key(|p| p.0);
            for (_, p) in parts {
                title.push_str(p);
            }
        }
        let mut title = squash(&title);
        let trimmed = line.trim_end().trim_end_matches('#').trim_end();
        let mut id = None;
        let mut attributes = Vec::new();
        let mut declared = None;
        if trimmed.ends_with('}')
            && let Some(open) = trimmed.rfind('{')
        {
            let inner_start = span.start + open + 1;
            let inner = &trimmed[open + 1..trimmed.len() - 1];
            for (tok, tok_start) in attribute_tokens(inner) {
                let tspan = Span::new(inner_start + tok_start, inner_start + tok_start + tok.len());
                if let Some(i) = tok.strip_prefix('#') {
                    id = Some(i.to_string());
                } else if tok.starts_with('.') {
                    // A class: meaningful to HTML renderers only.
                } else {
                    let (key, value) = match tok.split_once('=') {
                        Some((k, v)) => (k, Some(v)),
                        None => (tok, None),
                    };
                    let mut value = value.map(str::to_string);
                    if let Some(v) = &value
                        && (v.starts_with('"') || v.starts_with('\''))
                    {
                        let unquoted = v.trim_matches(['"', '\'']).to_string();
                        let token_fix = unquoted.split_whitespace().collect::<Vec<_>>().join("_");
                        diags.push(
                            Diagnostic::new(
                                Code::QuotedAttributeValue,
                                format!("attribute `{key}` has a quoted value"),
                            )
                            .at(self.file, tspan)
                            .with_label("values are unquoted tokens")
                            .with_help(format!("write `{key}={token_fix}`")),
                        );
                        value = Some(unquoted);
                    }
                    if !KNOWN_ATTRIBUTES.contains(&key) {
                        let close = KNOWN_ATTRIBUTES
                            .iter()
                            .map(|k| (strsim_like(k, key), *k))
                            .min()
                            .filter(|(d, _)| *d <= 2);
                        let mut d =
                            Diagnostic::new(Code::UnknownAttribute, format!("unknown heading attribute `{key}`"))
                                .at(self.file, tspan)
                                .with_label("kept, but specc does not use it")
                                .with_help(format!("known attributes: {}", KNOWN_ATTRIBUTES.join(", ")));
                        if let Some((_, k)) = close {
                            d = d.with_suggestion(k);
                        }
                        diags.push(d);
                    } else if value.as_deref().is_none_or(str::is_empty) {
                        diags.push(
                            Diagnostic::new(Code::InvalidAttributeValue, format!("attribute `{key}` has no value"))
                                .at(self.file, tspan)
                                .with_help(format!("write `{key}=<value>`")),
                        );
                    } else {
                        let v = value.as_deref().unwrap_or_default();
                        match key {
                            "authority" => {
                                declared = Some(if v == "platform" {
                                    "root".to_string()
                                } else {
                                    v.to_string()
                                })
                            }
                            "status" if !STATUSES.contains(&v) => diags.push(
                                Diagnostic::new(
                                    Code::InvalidAttributeValue,
                                    format!("status `{v}` is not draft, active or deprecated"),
                                )
                                .at(self.file, tspan)
                                .with_help("write `status=draft`, `status=active` or `status=deprecated`"),
                            ),
                            "tags" if v.split(',').any(|t| t.trim().is_empty()) => diags.push(
                                Diagnostic::new(Code::InvalidAttributeValue, format!("tags `{v}` has an empty tag"))
                                    .at(self.file, tspan)
                                    .with_help("write tags separated by commas with no spaces: `tags=under_18,voice`"),
                            ),
                            _ => {}
                        }
                    }
                    attributes.push(Attribute {
                        key: key.to_string(),
                        value,
                        span: tspan,
                    });
                }
            }
            if title.is_empty() {
                title = squash(trimmed[..open].trim_start_matches('#'));
            }
        } else if title.is_empty() {
            title = squash(trimmed.trim_start_matches('#'));
        }
        let explicit = id.as_ref().is_some_and(|i| !i.is_empty());
        let id = id.filter(|i| !i.is_empty()).unwrap_or_else(|| slugify(&title));
        if let Some(b) = block {
            // Markers in a heading make clauses too; keep its inline data.
            if !self.is_spec {
                self.back_references
                    .extend(b.markers.into_iter().map(|(id, span)| BackReference { id, span }));
            } else if !b.markers.is_empty() || !b.question_links.is_empty() {
                self.blocks.push(b);
            }
        }
        self.headings.push(HeadingBuild {
            id,
            explicit,
            title,
            level,
            span: Span::new(span.start, first_line_end),
            attributes,
            declared_authority: declared,
        });
    }

    fn finish(
        mut self,
        path: &str,
        kind: DocumentKind,
        commentary: Vec<RawCommentary>,
        diags: &mut Vec<Diagnostic>,
    ) -> Document {
        let sections = self.build_sections(diags);
        let section_at = |offset: usize| -> Option<usize> {
            match sections.binary_search_by(|s| s.span.start.cmp(&offset)) {
                Ok(i) => Some(i),
                Err(0) => None,
                Err(i) => Some(i - 1),
            }
        };

        let mut clauses = Vec::new();
        let mut back_references = std::mem::take(&mut self.back_references);
        back_references.sort_by_key(|b| b.span.start);
        for (bi, block) in self.blocks.iter().enumerate() {
            if !block.markers.is_empty() {
                clauses.extend(self.clauses_of(bi, &sections, &section_at));
            }
        }

        let mut examples = std::mem::take(&mut self.examples);
        for ex in &mut examples {
            if self.is_spec {
                ex.section = section_at(ex.title_span.start);
                ex.owner = match ex.section {
                    Some(i) => Owner::Section(sections[i].id.clone()),
                    None => Owner::Document,
                };
            }
            self.namer.assign(ex);
        }
        if let Some(sink) = self.sink.as_mut() {
            self.streamed.examples += examples.len();
            self.streamed.cases += examples
                .iter()
                .filter(|e| e.well_formed)
                .map(|e| e.cases.len())
                .sum::<usize>();
            examples.drain(..).for_each(sink);
        }
        let mut precedents = std::mem::take(&mut self.precedents);
        for p in &mut precedents {
            if let Some(ex) = &mut p.example {
                CaseNamer::default().assign(ex);
            }
            self.validate_precedent(p, diags);
        }

        let mut references = std::mem::take(&mut self.references);
        let commentary: Vec<Commentary> = commentary
            .into_iter()
            .map(|(kind, title, span, body)| {
                for link in text::scan_links(&self.src[body.range()], body.start) {
                    if let Some((dependency, target)) = split_dest(&link.dest) {
                        references.push(Reference {
                            dependency,
                            target,
                            text: (link.text != "?").then_some(link.text),
                            span: link.span,
                            target_span: link.dest_span,
                            context: ReferenceContext::Commentary,
                        });
                    }
                }
                Commentary {
                    kind,
                    title,
                    span,
                    body_span: body,
                    section: section_at(span.start),
                }
            })
            .collect();
        references.sort_by_key(|r| r.span.start);

        let definitions = if self.is_spec {
            self.definitions(&sections, &section_at)
        } else {
            Vec::new()
        };
        let header = match &kind {
            DocumentKind::TestFile { .. } => self.test_header(),
            _ => None,
        };

        // Only spec documents' prose is read later (lint, diff, the compiled spec);
        // test files and precedents can hold thousands of prompts, so drop theirs.
        let blocks = if self.is_spec {
            std::mem::take(&mut self.blocks)
        } else {
            Vec::new()
        };
        let prose = blocks
            .into_iter()
            .map(|b| Prose {
                kind: match b.kind {
                    BlockKind::Paragraph => ProseKind::Paragraph,
                    BlockKind::ItemText => ProseKind::ListItem,
                    BlockKind::Heading => ProseKind::Heading,
                    BlockKind::Cell => ProseKind::TableCell,
                },
                span: b.span,
                section: section_at(b.span.start),
                structural: b.structural,
                texts: b.texts,
                code: b.codes,
                markers: b.markers.into_iter().map(|(_, s)| s).collect(),
                question_links: b.question_links,
            })
            .collect();
        Document {
            prose,
            file: self.file,
            path: path.to_string(),
            kind,
            hash: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(self.src.as_bytes())),
            sections,
            clauses,
            examples,
            references,
            definitions,
            commentary,
            precedents,
            header,
            back_references,
            streamed: self.streamed,
        }
    }

    /// In streaming mode, hands on every example that nothing can still add
    /// expectations to: all but the newest and any an open `**Expect**:` list targets.
    fn hand_on_finished(&mut self) {
        if self.sink.is_none() || self.is_spec {
            return;
        }
        let newest = self.emitted + self.examples.len().saturating_sub(1);
        let keep_from = [
            self.last_example_fence,
            self.expect_target,
            self.collecting_expect.map(|c| c.0),
        ]
        .into_iter()
        .flatten()
        .fold(newest, usize::min);
        let n = keep_from.saturating_sub(self.emitted).min(self.examples.len());
        let sink = self.sink.as_mut().expect("checked");
        for mut ex in self.examples.drain(..n) {
            self.namer.assign(&mut ex);
            self.streamed.examples += 1;
            if ex.well_formed {
                self.streamed.cases += ex.cases.len();
            }
            sink(ex);
        }
        self.emitted += n;
    }

    fn validate_precedent(&self, p: &Precedent, diags: &mut Vec<Diagnostic>) {
        let mut missing = Vec::new();
        match &p.example {
            None => missing.push("a conversation (`~~~xml` block)"),
            Some(ex) => {
                let last_is_assistant = matches!(ex.turns.last(), Some(Turn::Message(m)) if m.role == Role::Assistant);
                if ex.well_formed && !last_is_assistant {
                    missing.push("a last `<assistant>` message (the judged answer)");
                }
            }
        }
        if p.ruling.is_none() {
            missing.push("`**Ruling**: pass` or `**Ruling**: fail`");
        }
        if p.rationale.is_none() {
            missing.push("`**Rationale**: ...`");
        }
        if !missing.is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::MalformedPrecedent,
                    format!("precedent `{}` is incomplete", p.title),
                )
                .at(self.file, p.span)
                .with_label("this precedent")
                .with_help(format!("add {}", missing.join(", "))),
            );
        }
    }

    fn build_sections(&mut self, diags: &mut Vec<Diagnostic>) -> Vec<Section> {
        let mut out: Vec<Section> = Vec::with_capacity(self.headings.len());
        let ends: Vec<usize> = (0..self.headings.len())
            .map(|i| {
                self.headings[i + 1..]
                    .iter()
                    .find(|h| h.level <= self.headings[i].level)
                    .map(|h| h.span.start)
                    .unwrap_or(self.src.len())
            })
            .collect();
        for (i, h) in std::mem::take(&mut self.headings).into_iter().enumerate() {
            let parent = out.iter().rposition(|s| s.level < h.level);
            let inherited = parent.and_then(|p| out[p].authority.clone());
            let mut tags: Vec<String> = parent.map(|p| out[p].tags.clone()).unwrap_or_default();
            let get = |k: &str| {
                h.attributes
                    .iter()
                    .find(|a| a.key == k)
                    .and_then(|a| a.value.clone())
                    .filter(|v| !v.is_empty())
            };
            if let Some(t) = get("tags") {
                for tag in t.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    if !tags.iter().any(|x| x == tag) {
                        tags.push(tag.to_string());
                    }
                }
            }
            if !h.explicit && self.is_spec {
                diags.push(
                    Diagnostic::new(
                        Code::MissingSectionId,
                        format!("section `{}` has no explicit ID", h.title),
                    )
                    .at(self.file, h.span)
                    .with_label(format!("its ID is `{}`, made from the title", h.id))
                    .with_help(format!(
                        "add `{{#{}}}` to the heading so the ID survives a change of title",
                        h.id.replace('-', "_")
                    )),
                );
            }
            out.push(Section {
                extent: Span::new(h.span.start, ends[i]),
                authority: h.declared_authority.clone().or(inherited),
                status: get("status"),
                owner: get("owner"),
                overrides: get("overrides"),
                id: h.id,
                explicit_id: h.explicit,
                title: h.title,
                level: h.level,
                span: h.span,
                parent,
                attributes: h.attributes,
                declared_authority: h.declared_authority,
                tags,
            });
        }
        out
    }

    fn mask(&self, block: &Block) -> String {
        text::prose_mask(
            self.src,
            block.span,
            &block.texts,
            block.codes.iter().chain(&block.question_links),
        )
    }

    fn clauses_of(&self, bi: usize, sections: &[Section], section_at: &dyn Fn(usize) -> Option<usize>) -> Vec<Clause> {
        let block = &self.blocks[bi];
        let mask = self.mask(block);
        let base = block.span.start;
        let sentences: Vec<Span> = text::sentences(&mask).into_iter().map(|s| s.offset(base)).collect();
        let sentence_of = |at: usize| sentences.iter().copied().find(|s| s.contains(at)).unwrap_or(block.span);
        let is_item = block.kind == BlockKind::ItemText;
        let list_after = self.lists.iter().find(|l| l.lead_in == Some(bi));
        let last_sentence = sentences
            .iter()
            .rev()
            .copied()
            .find(|s| !self.src[s.range()].trim().is_empty());
        let ends_with_colon = self.src[block.span.range()].trim_end().ends_with(':');

        let lead_in = if is_item {
            block
                .item
                .and_then(|i| self.lists[self.items[i].list].lead_in)
                .map(|lb| {
                    let b = &self.blocks[lb];
                    let m = self.mask(b);
                    let end = m.trim_end().len();
                    let s = if end > 0 {
                        text::sentence_at(&m, end - 1).offset(b.span.start)
                    } else {
                        b.span
                    };
                    trim_span(self.src, s)
                })
        } else {
            None
        };

        let mut out = Vec::new();
        for (k, (id, marker)) in block.markers.iter().enumerate() {
            let sentence = sentence_of(marker.start);
            let text_span = trim_span(self.src, if is_item { block.span } else { sentence });
            let scope = if is_item { block.span } else { sentence };
            let same: Vec<&Span> = block
                .markers
                .iter()
                .map(|(_, s)| s)
                .filter(|s| scope.contains(s.start))
                .collect();
            let focus_span = (same.len() > 1).then(|| {
                let prev_end = block.markers[..k]
                    .iter()
                    .map(|(_, s)| s.end)
                    .rfind(|&e| e > text_span.start && scope.contains(e.saturating_sub(1)))
                    .unwrap_or(text_span.start);
                let raw = &self.src[prev_end..marker.end];
                let skip = raw.len()
                    - raw
                        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'))
                        .len();
                Span::new(prev_end + skip, marker.end)
            });
            let list = list_after
                .filter(|_| {
                    ends_with_colon && last_sentence.is_none_or(|l| l.contains(marker.start) || marker.start >= l.end)
                })
                .map(|l| l.span);
            let section = section_at(marker.start);
            out.push(Clause {
                id: id.clone(),
                marker: *marker,
                text: self.src[text_span.range()].to_string(),
                text_span,
                focus: focus_span.map(|s| self.src[s.range()].to_string()),
                focus_span,
                lead_in: lead_in.map(|s| self.src[s.range()].to_string()),
                lead_in_span: lead_in,
                list: list.map(|s| self.src[s.range()].trim_end().to_string()),
                list_span: list.map(|s| trim_span(self.src, s)),
                section,
                authority: section.and_then(|s| sections[s].authority.clone()),
            });
        }
        out
    }

    fn definitions(&self, sections: &[Section], section_at: &dyn Fn(usize) -> Option<usize>) -> Vec<Definition> {
        let in_definitions = |mut s: Option<usize>| {
            while let Some(i) = s {
                if sections[i].id == "definitions" {
                    return true;
                }
                s = sections[i].parent;
            }
            false
        };
        let mut out = Vec::new();
        for b in &self.blocks {
            if !matches!(b.kind, BlockKind::Paragraph | BlockKind::ItemText)
                || !in_definitions(section_at(b.span.start))
            {
                continue;
            }
            let span = trim_span(self.src, b.span);
            let t = &self.src[span.range()];
            let Some(rest) = t.strip_prefix("**") else { continue };
            let Some(close) = rest.find("**") else { continue };
            let inner = &rest[..close];
            let after = &rest[close + 2..];
            let term = if let Some(term) = inner.strip_suffix(':') {
                term
            } else if after.starts_with(':') {
                inner
            } else {
                continue;
            };
            let term = term.trim();
            if term.is_empty() || ["Example", "Expect", "Precedent", "Ruling", "Rationale", "Decided"].contains(&term) {
                continue;
            }
            let mut aliases = Vec::new();
            let mut scan = after;
            while let Some(o) = scan.find("**") {
                let r = &scan[o + 2..];
                let Some(c) = r.find("**") else { break };
                let a = r[..c].trim();
                if !a.is_empty() && a != term && !aliases.iter().any(|x: &String| x == a) {
                    aliases.push(a.to_string());
                }
                scan = &r[c + 2..];
            }
            out.push(Definition {
                term: term.to_string(),
                span: Span::new(span.start, span.start + 2 + close + 2),
                aliases,
                text: squash(t),
                text_span: span,
            });
        }
        out
    }

    fn test_header(&self) -> Option<TestFileHeader> {
        let (start, line) = line_offsets(self.src).find(|(_, l)| !l.trim().is_empty())?;
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        let rest = t.strip_prefix("Examples for [^")?;
        let close = rest.find(']')?;
        let clause = &rest[..close];
        let after = rest[close + 1..].strip_prefix(" in ")?;
        let title = after.strip_suffix(':').unwrap_or(after).trim();
        let base = start + indent;
        let clause_start = base + "Examples for [^".len();
        let title_start = clause_start + close + 1 + " in ".len();
        Some(TestFileHeader {
            clause: clause.to_string(),
            clause_span: Span::new(clause_start - 2, clause_start + close + 1),
            section_title: title.to_string(),
            title_span: Span::new(title_start, title_start + title.len()),
            span: Span::new(base, base + t.len()),
        })
    }
}

/// Splits the inside of `{...}` at whitespace, keeping quoted values whole.
fn attribute_tokens(s: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if let Some(st) = start.take() {
                    out.push((&s[st..i], st));
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(st) = start {
        out.push((&s[st..], st));
    }
    out
}

/// `**Label**: rest` or `**Label:** rest` to `rest`.
fn strip_label<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    let rest = text.strip_prefix("**")?.strip_prefix(label)?;
    rest.strip_prefix("**:").or_else(|| rest.strip_prefix(":**"))
}

/// Edit distance for short identifiers (a few keys and kinds), without a dependency.
fn strsim_like(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Stable case IDs and content hashes for the examples of one document, in
/// document order: the second "Hello" example of a section is `sec:hello-2`.
#[derive(Default)]
struct CaseNamer {
    /// Keyed by a 64-bit hash of (owner, slug): a test file with 100,000
    /// prompts keeps 100,000 small keys rather than as many string pairs
    /// (two titles collide with odds of about 1 in 10^9 per file that size).
    seen: HashMap<u64, u32>,
}

impl CaseNamer {
    fn assign(&mut self, ex: &mut Example) {
        let owner = match &ex.owner {
            Owner::Section(s) | Owner::Clause(s) => s.as_str(),
            Owner::Document => "document",
        };
        let slug = slugify(&ex.title);
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(owner.as_bytes());
        h.update(b"\0");
        h.update(slug.as_bytes());
        let n = self.seen.entry(h.digest()).or_insert(0);
        *n += 1;
        let base = if *n == 1 {
            format!("{owner}:{slug}")
        } else {
            format!("{owner}:{slug}-{n}")
        };
        ex.cases = case_hashes(ex)
            .into_iter()
            .enumerate()
            .map(|(k, (comparison, hash))| Case {
                id: if k == 0 {
                    base.clone()
                } else {
                    format!("{base}/{}", k + 1)
                },
                comparison,
                hash,
            })
            .collect();
    }
}

/// One hash per test point, computed in one pass: the conversation up to the
/// point (earlier comparisons stand as their first GOOD answer, as the prompt
/// will), the point's answers, and the expectations. Titles and `comment=`
/// notes are left out, so only edits that change a test change its hash.
fn case_hashes(ex: &Example) -> Vec<(Option<usize>, String)> {
    use xxhash_rust::xxh3::Xxh3;
    fn message(h: &mut Xxh3, m: &Message, judged: bool) {
        h.update(m.role.as_str().as_bytes());
        h.update(b"\0");
        for (k, v) in m.attributes.iter().filter(|(k, _)| k != "comment") {
            h.update(k.as_bytes());
            h.update(b"=");
            h.update(v.as_bytes());
            h.update(b"\0");
        }
        if judged && let Some(mk) = &m.marker {
            h.update(match mk.judgement {
                Judgement::Good => b"G",
                Judgement::Bad => b"B",
                Judgement::Ok => b"O",
            });
            h.update(mk.section.as_deref().unwrap_or("").as_bytes());
        }
        h.update(b"\x01");
        h.update(m.content.as_bytes());
        h.update(b"\x02");
    }
    fn finish(mut h: Xxh3, ex: &Example) -> String {
        for e in &ex.expectations {
            match &e.check {
                ExpectationKind::Rubric { text } => {
                    h.update(b"rubric\0");
                    h.update(text.as_bytes());
                }
                ExpectationKind::Assertion { kind, argument } => {
                    h.update(format!("{kind:?}\0").as_bytes());
                    h.update(argument.as_bytes());
                }
            }
            h.update(b"\x03");
        }
        // A content hash for noticing edits, not a security boundary.
        format!("{:016x}", h.digest())
    }
    let mut prefix = Xxh3::new();
    let mut out = Vec::new();
    for (i, t) in ex.turns.iter().enumerate() {
        match t {
            Turn::Message(m) => message(&mut prefix, m, false),
            Turn::Comparison(c) => {
                let mut point = prefix.clone();
                point.update(b"comparison\0");
                for a in &c.answers {
                    message(&mut point, a, true);
                }
                out.push((Some(i), finish(point, ex)));
                if let Some(good) = c.first_with(Judgement::Good).or(c.answers.first()) {
                    message(&mut prefix, good, false);
                }
            }
        }
    }
    if out.is_empty() {
        out.push((None, finish(prefix, ex)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const THREE: &str = "Examples for [^ab12] in A:\n\n**Example**: one\n\n~~~xml\n<user>\nhi\n</user>\n~~~\n\n**Example**: two\n\n~~~xml\n<user>\nho\n</user>\n~~~\n\n**Example**: three\n";

    #[test]
    fn cuts_fall_before_examples_that_follow_a_blank_line() {
        let cuts = example_cuts(THREE).unwrap();
        let at: Vec<&str> = cuts.iter().map(|&c| &THREE[c..c + 16]).collect();
        assert_eq!(at, ["**Example**: one", "**Example**: two", "**Example**: thr"]);
        // A reference definition applies document-wide: no cutting then.
        assert_eq!(example_cuts(&format!("{THREE}\n[x]: https://example.com\n")), None);
    }

    #[test]
    fn streaming_in_pieces_matches_a_plain_parse_on_inputs_proptest_found() {
        let kind = DocumentKind::TestFile { clause: "ab12".into() };
        for text in [
            // A vertical tab is not blank to Markdown: the title continues the paragraph.
            "{#id authority=root}Examples for [^ab12] in Title:\n\u{b}\n**Example**:",
            "\r~~~xml\n#**Example**: a title\n\n**Example**:",
            "#---\ntitle: x\n---\n---\n#**Example**: a title\n\n**Example**:---\ntitle: x\n---\n",
            THREE,
        ] {
            let (plain, diags) = parse(FileId(0), "t.md", text, kind.clone());
            let mut handed = Vec::new();
            let (mut streamed, sdiags) =
                parse_streaming_in_chunks(FileId(0), "t.md", text, kind.clone(), &mut |e| handed.push(e), 1);
            streamed.examples = handed;
            streamed.streamed = Streamed::default();
            assert_eq!(format!("{streamed:?}"), format!("{plain:?}"), "{text:?}");
            assert_eq!(format!("{sdiags:?}"), format!("{diags:?}"), "{text:?}");
        }
    }

    #[test]
    fn a_piece_ending_in_an_open_fence_would_swallow_the_next_one() {
        fn events(t: &str) -> Vec<(Event<'_>, std::ops::Range<usize>)> {
            let options = Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_OLD_FOOTNOTES;
            Parser::new_ext(t, options).into_offset_iter().collect()
        }
        let closed = "**Example**: a\n\n~~~xml\n<user>\nhi\n</user>\n~~~\n\n";
        assert!(!swallows_next(closed, &events(closed)));
        let open = "**Example**: a\n\n~~~xml\n<user>\nhi\n\n";
        assert!(swallows_next(open, &events(open)));
        let html = "<!-- a comment\n\n";
        assert!(swallows_next(html, &events(html)));
    }
}
