//! Clauses (the sentences or list items footnote markers sit in) and the
//! definitions of a spec's `definitions` section.

use super::{Block, BlockKind, Walker};
use crate::ir::*;
use crate::text::{self, squash, trim_span};
use specc_diagnostics::Span;

impl<'a, 's> Walker<'a, 's> {
    fn mask(&self, block: &Block) -> String {
        text::prose_mask(
            self.src,
            block.span,
            &block.texts,
            block.codes.iter().chain(&block.question_links),
        )
    }

    pub(super) fn clauses_of(
        &self,
        bi: usize,
        sections: &[Section],
        section_at: &dyn Fn(usize) -> Option<usize>,
    ) -> Vec<Clause> {
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

    pub(super) fn definitions(
        &self,
        sections: &[Section],
        section_at: &dyn Fn(usize) -> Option<usize>,
    ) -> Vec<Definition> {
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
}
