//! Feeds arbitrary UTF-8 to the parser as every document kind. The parser must
//! never panic, and every span it returns must lie within the text on char
//! boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use specc_diagnostics::{FileId, Span};
use specc_syntax::{DocumentKind, Example, Message, Turn, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [
        DocumentKind::Spec,
        DocumentKind::TestFile { clause: "ab12".into() },
        DocumentKind::Precedents { clause: "ab12".into() },
    ] {
        let (doc, diags) = parse(FileId(0), "fuzz.md", text, kind);
        let mut spans = Vec::new();
        for s in &doc.sections {
            spans.extend([s.span, s.extent]);
            spans.extend(s.attributes.iter().map(|a| a.span));
        }
        for c in &doc.clauses {
            spans.extend([c.marker, c.text_span]);
            spans.extend([c.focus_span, c.lead_in_span, c.list_span].into_iter().flatten());
        }
        for e in doc
            .examples
            .iter()
            .chain(doc.precedents.iter().filter_map(|p| p.example.as_ref()))
        {
            example_spans(e, &mut spans);
        }
        spans.extend(doc.precedents.iter().map(|p| p.span));
        spans.extend(doc.references.iter().flat_map(|r| [r.span, r.target_span]));
        spans.extend(doc.definitions.iter().flat_map(|d| [d.span, d.text_span]));
        spans.extend(doc.commentary.iter().flat_map(|c| [c.span, c.body_span]));
        spans.extend(doc.header.iter().flat_map(|h| [h.span, h.clause_span, h.title_span]));
        spans.extend(doc.back_references.iter().map(|b| b.span));
        for d in &diags {
            spans.push(d.span);
            spans.extend(d.labels.iter().map(|l| l.span));
        }
        for s in spans {
            assert!(
                s.start <= s.end && text.get(s.start..s.end).is_some(),
                "bad span {s:?} in a text of {} bytes",
                text.len()
            );
        }
    }
});

fn example_spans(e: &Example, out: &mut Vec<Span>) {
    out.extend([e.title_span, e.span]);
    out.extend(e.expectations.iter().map(|x| x.span));
    for t in &e.turns {
        match t {
            Turn::Message(m) => message_spans(m, out),
            Turn::Comparison(c) => {
                out.push(c.span);
                c.answers.iter().for_each(|a| message_spans(a, out));
            }
        }
    }
}

fn message_spans(m: &Message, out: &mut Vec<Span>) {
    out.extend([m.content_span, m.span]);
    out.extend(m.untrusted.iter().copied());
    if let Some(mk) = &m.marker {
        out.push(mk.span);
        out.extend(mk.section_span);
    }
}
