//! Headings: their titles and `{#id key=value}` attributes, and the section
//! tree built from them once the walk is done.

use super::{Block, Walker};
use crate::ir::*;
use crate::text::{slugify, squash};
use specc_diagnostics::{Code, Diagnostic, Span};

/// Attributes a heading may carry; others draw a warning.
const KNOWN_ATTRIBUTES: &[&str] = &["authority", "tags", "status", "owner", "overrides"];
const STATUSES: &[&str] = &["draft", "active", "deprecated"];

pub(super) struct HeadingBuild {
    id: String,
    explicit: bool,
    title: String,
    level: u8,
    span: Span,
    attributes: Vec<Attribute>,
    declared_authority: Option<String>,
}

impl<'a, 's> Walker<'a, 's> {
    pub(super) fn heading(&mut self, level: u8, span: Span, block: Option<Block>, diags: &mut Vec<Diagnostic>) {
        let first_line_end = self.src[span.range()]
            .find('\n')
            .map(|n| span.start + n)
            .unwrap_or(span.end);
        let line = &self.src[span.start..first_line_end];
        let mut title = squash(&self.heading_text(block.as_ref()));
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
                    if let Some(bad) = unsafe_id_part(i) {
                        diags.push(
                            Diagnostic::new(Code::InvalidAttributeValue, format!("section ID `{i}` contains {bad}"))
                                .at(self.file, tspan)
                                .with_label("IDs name files and anchors")
                                .with_help(
                                    "use letters, digits, `_`, `-`, `.` and `:` only, for example `#refunds_policy`",
                                ),
                        );
                    }
                    id = Some(i.to_string());
                } else if tok.starts_with('.') {
                    // A class: meaningful to HTML renderers only.
                } else {
                    attributes.push(self.attribute(tok, tspan, &mut declared, diags));
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

    /// The heading's inline text and code, in source order, unsquashed.
    fn heading_text(&self, block: Option<&Block>) -> String {
        let mut title = String::new();
        if let Some(b) = block {
            let mut parts: Vec<(usize, &str)> = b.texts.iter().map(|t| (t.start, &self.src[t.range()])).collect();
            parts.extend(b.codes.iter().map(|c| (c.start, self.src[c.range()].trim_matches('`'))));
            parts.sort_by_key(|p| p.0);
            for (_, p) in parts {
                title.push_str(p);
            }
        }
        title
    }

    /// One `key` or `key=value` token of a heading's `{...}`, checked; an
    /// `authority` value is recorded in `declared`.
    fn attribute(
        &self,
        tok: &str,
        tspan: Span,
        declared: &mut Option<String>,
        diags: &mut Vec<Diagnostic>,
    ) -> Attribute {
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
            let close = specc_diagnostics::closest(key, KNOWN_ATTRIBUTES.iter().copied());
            let mut d = Diagnostic::new(Code::UnknownAttribute, format!("unknown heading attribute `{key}`"))
                .at(self.file, tspan)
                .with_label("kept, but specc does not use it")
                .with_help(format!("known attributes: {}", KNOWN_ATTRIBUTES.join(", ")));
            if let Some(k) = close {
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
            if let Some(authority) = self.attribute_value(key, v, tspan, diags) {
                *declared = Some(authority);
            }
        }
        Attribute {
            key: key.to_string(),
            value,
            span: tspan,
        }
    }

    /// Checks the value of a known attribute; returns the authority an
    /// `authority=` value declares (`platform` is the old name of `root`).
    fn attribute_value(&self, key: &str, v: &str, tspan: Span, diags: &mut Vec<Diagnostic>) -> Option<String> {
        match key {
            "authority" => {
                return Some(crate::canonical_authority(v).to_string());
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
        None
    }

    pub(super) fn build_sections(&mut self, diags: &mut Vec<Diagnostic>) -> Vec<Section> {
        let mut out: Vec<Section> = Vec::with_capacity(self.headings.len());
        // One pass with a stack of the sections still open, deepest last: a
        // heading closes those at its level or deeper (their extent ends where
        // it starts) and its parent is what stays open. Linear, where looking
        // back and forward per heading was quadratic in a long flat list.
        let mut ends: Vec<usize> = vec![self.src.len(); self.headings.len()];
        let mut parents: Vec<Option<usize>> = vec![None; self.headings.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, h) in self.headings.iter().enumerate() {
            while let Some(&top) = open.last() {
                if self.headings[top].level >= h.level {
                    ends[top] = h.span.start;
                    open.pop();
                } else {
                    break;
                }
            }
            parents[i] = open.last().copied();
            open.push(i);
        }
        for (i, h) in std::mem::take(&mut self.headings).into_iter().enumerate() {
            let parent = parents[i];
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
                    // (The same ID: another would break the references that use this one.)
                    .with_help(format!(
                        "add `{{#{}}}` to the heading so the ID survives a change of title",
                        h.id
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

/// What makes an ID unsafe as a file name (`precedents/<id>.md`) or an HTML
/// anchor: a path separator, `..`, quotes, angle brackets, control
/// characters or whitespace. `None` for a safe ID.
pub(crate) fn unsafe_id_part(id: &str) -> Option<String> {
    if id.contains("..") {
        return Some("`..`".into());
    }
    id.chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
        .map(|c| match c {
            c if c.is_control() || c.is_whitespace() => format!("the character U+{:04X}", c as u32),
            c => format!("`{c}`"),
        })
}

#[cfg(test)]
mod id_tests {
    use super::unsafe_id_part;

    #[test]
    fn ids_that_could_name_a_path_or_break_markup_are_found() {
        for ok in ["refunds", "refunds_policy", "a-b.c:d", "übersicht"] {
            assert_eq!(unsafe_id_part(ok), None, "{ok}");
        }
        for (bad, what) in [
            ("a/b", "`/`"),
            ("..", "`..`"),
            ("x\"y", "`\"`"),
            ("a<b", "`<`"),
            ("a\\b", "`\\`"),
        ] {
            assert_eq!(unsafe_id_part(bad).as_deref(), Some(what), "{bad}");
        }
    }
}
