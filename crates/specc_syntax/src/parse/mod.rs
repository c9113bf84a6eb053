//! Markdown to IR. pulldown-cmark finds the block structure and inline spans;
//! the dialect's own constructs (attributes, commentary, conversations, clause
//! sentences) are read from the source bytes at those spans.
//!
//! This module holds the entry points and the `Walker`'s event loop; the
//! walker's other parts live beside it, one file per seam: the text pre-pass
//! (`prepass`), headings and sections (`heading`), clauses and definitions
//! (`clauses`), examples, expectations and precedents (`examples`), and case
//! IDs (`case_ids`). Each adds an `impl Walker` block of its own.

mod case_ids;
mod clauses;
mod examples;
mod heading;
mod prepass;

use crate::ir::*;
use crate::text::{self, split_dest, squash};
use case_ids::CaseNamer;
use examples::{PendingKind, PendingTitle};
use heading::HeadingBuild;
use prepass::{RawCommentary, commentary_prepass, example_cuts, swallows_next};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use specc_diagnostics::{Code, Diagnostic, FileId, Span};

/// Parses one file. `path` is only recorded; no IO happens here.
/// Whether a section ID is safe to write (letters, digits, `_`, `-`, `.`, `:`).
pub(crate) fn id_is_safe(id: &str) -> bool {
    !id.is_empty() && heading::unsafe_id_part(id).is_none()
}

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

struct LinkBuild {
    dest: String,
    span: Span,
    text: String,
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
                if let Some(bad) = heading::unsafe_id_part(&label) {
                    diags.push(
                        Diagnostic::new(
                            Code::InvalidAttributeValue,
                            format!("clause ID `{label}` contains {bad}"),
                        )
                        .at(self.file, r)
                        .with_label("IDs name files and anchors")
                        .with_help("use letters, digits, `_`, `-`, `.` and `:` only, for example `[^rf01]`"),
                    );
                }
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
        } else if para_like && self.last_example_fence.is_some() && loose_expect_label(text) {
            // Right after a conversation, `Expect:` can only mean the label.
            diags.push(
                Diagnostic::new(Code::LooseExpectLabel, "expectation label is not `**Expect**:`")
                    .at(self.file, block.span)
                    .with_label("read as `**Expect**:`")
                    .with_help("write the label in bold: `**Expect**:`"),
            );
            self.expect_target = self.last_example_fence.take();
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
        if !(para_like && (strip_label(text, "Expect").is_some() || loose_expect_label(text))) {
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

    /// Builds the document from what the walk collected: sections first, as
    /// clauses, examples, commentary and prose are placed in them.
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

        let examples = self.finish_examples(&sections, &section_at);
        let mut precedents = std::mem::take(&mut self.precedents);
        for p in &mut precedents {
            if let Some(ex) = &mut p.example {
                CaseNamer::default().assign(ex);
            }
            self.validate_precedent(p, diags);
        }

        let mut references = std::mem::take(&mut self.references);
        let commentary = self.commentary(commentary, &section_at, &mut references);
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
        let prose = self.prose(&section_at);
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

    /// Places the examples not yet handed on in their sections (spec documents),
    /// names their cases, and in streaming mode hands them to the sink.
    fn finish_examples(&mut self, sections: &[Section], section_at: &dyn Fn(usize) -> Option<usize>) -> Vec<Example> {
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
        examples
    }

    /// The pre-pass's commentary blocks, placed in sections; links in their
    /// bodies are added to `references`.
    fn commentary(
        &self,
        commentary: Vec<RawCommentary>,
        section_at: &dyn Fn(usize) -> Option<usize>,
        references: &mut Vec<Reference>,
    ) -> Vec<Commentary> {
        commentary
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
            .collect()
    }

    /// The blocks as prose. Only spec documents' prose is read later (lint,
    /// diff, the compiled spec); test files and precedents can hold thousands
    /// of prompts, so theirs is dropped.
    fn prose(&mut self, section_at: &dyn Fn(usize) -> Option<usize>) -> Vec<Prose> {
        let blocks = if self.is_spec {
            std::mem::take(&mut self.blocks)
        } else {
            Vec::new()
        };
        blocks
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
            .collect()
    }
}

/// `**Label**: rest` or `**Label:** rest` to `rest`.
/// `Expect:`, `Expected:`, `*Expect*:`, `**Expected**:` and the like alone on
/// their line: the expectation label not written as `**Expect**:`.
fn loose_expect_label(text: &str) -> bool {
    if strip_label(text, "Expect").is_some() {
        return false;
    }
    // Every paragraph comes here, and most are one long line: look at a short
    // prefix without copying it. The longest label, "Expectations:", is 13
    // bytes; 64 leave room for the emphasis and spaces around it.
    let first = text.split('\n').next().unwrap_or("").trim();
    let mut bare = [0u8; 64];
    let mut len = 0;
    // Where the words start, and a stop at the first byte that is not "expect".
    let mut start = None;
    for &b in first.as_bytes().iter().filter(|b| !matches!(b, b'*' | b'_')) {
        if len == bare.len() {
            return false;
        }
        if start.is_none() && !b.is_ascii_whitespace() {
            start = Some(len);
        }
        if let Some(k) = start.map(|s| len - s)
            && k < 6
            && !b.eq_ignore_ascii_case(&b"expect"[k])
        {
            return false;
        }
        bare[len] = b;
        len += 1;
    }
    // Only ASCII bytes were left out, so the rest is still UTF-8.
    let bare = std::str::from_utf8(&bare[..len]).unwrap_or("").trim();
    ["Expect:", "Expected:", "Expectations:"]
        .iter()
        .any(|l| bare.eq_ignore_ascii_case(l))
}

fn strip_label<'t>(text: &'t str, label: &str) -> Option<&'t str> {
    let rest = text.strip_prefix("**")?.strip_prefix(label)?;
    rest.strip_prefix("**:").or_else(|| rest.strip_prefix(":**"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_expect_label_after_a_conversation_is_read_and_flagged() {
        let text = "Examples for [^ab12] in A:\n\n**Example**: one\n\n~~~xml\n<user>\nhi\n</user>\n~~~\n\n*Expected*:\n- `contains: hello`\n\nExpect: delays in the summer.\n";
        let kind = DocumentKind::TestFile { clause: "ab12".into() };
        let (doc, diags) = parse(FileId(0), "examples/ab12.md", text, kind);
        assert_eq!(doc.examples[0].expectations.len(), 1);
        let codes: Vec<_> = diags.iter().map(|d| d.code).collect();
        // The label after the block, not the prose paragraph that starts with "Expect:".
        assert_eq!(codes, [Code::LooseExpectLabel]);
        assert!(!loose_expect_label("**Expect**:"));
        assert!(loose_expect_label("Expect:") && loose_expect_label("**Expected:**"));
        assert!(loose_expect_label(" _Expectations:_ \nmore") && loose_expect_label("* * EXPECT: * *"));
        assert!(!loose_expect_label("Expected: none") && !loose_expect_label("Expects:"));
    }

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
