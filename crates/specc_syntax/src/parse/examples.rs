//! Examples and what belongs to them: the conversation block, the
//! `**Expect**:` list, precedents, and the header of a test file.

use super::prepass::line_offsets;
use super::{Block, Walker, strip_label};
use crate::conversation;
use crate::ir::*;
use crate::text::{split_dest, squash, trim_span};
use specc_diagnostics::{Code, Diagnostic, Span};

pub(super) enum PendingKind {
    Example,
    Precedent(usize),
}

pub(super) struct PendingTitle {
    pub(super) kind: PendingKind,
    pub(super) title: String,
    pub(super) span: Span,
}

impl<'a, 's> Walker<'a, 's> {
    pub(super) fn precedent_paragraph(&mut self, text: &str, block: &Block, diags: &mut Vec<Diagnostic>) {
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

    pub(super) fn title_without_block(&mut self, p: PendingTitle, diags: &mut Vec<Diagnostic>) {
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

    pub(super) fn conversation(&mut self, p: PendingTitle, r: Span, diags: &mut Vec<Diagnostic>) {
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

    pub(super) fn expectation(&self, block: &Block, diags: &mut Vec<Diagnostic>) -> Expectation {
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
        let Some(kind) = AssertionKind::parse(kind_text) else {
            let known: Vec<&str> = AssertionKind::ALL.iter().map(|(n, _)| *n).collect();
            let close = specc_diagnostics::closest(kind_text, known.iter().copied());
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
        self.check_argument(kind, kind_text, argument, code_span, diags);
        Expectation {
            span,
            check: ExpectationKind::Assertion {
                kind,
                argument: argument.to_string(),
            },
        }
    }

    /// Checks an assertion's argument: a regex must compile, a limit be a
    /// whole number, and other kinds but `json` need one.
    fn check_argument(
        &self,
        kind: AssertionKind,
        kind_text: &str,
        argument: &str,
        code_span: Span,
        diags: &mut Vec<Diagnostic>,
    ) {
        let bad = |msg: String, help: &str, diags: &mut Vec<Diagnostic>| {
            diags.push(
                Diagnostic::new(Code::InvalidExpectation, msg)
                    .at(self.file, code_span)
                    .with_help(help.to_string()),
            );
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

    pub(super) fn validate_precedent(&self, p: &Precedent, diags: &mut Vec<Diagnostic>) {
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

    pub(super) fn test_header(&self) -> Option<TestFileHeader> {
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
