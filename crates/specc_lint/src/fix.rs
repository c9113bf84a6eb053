//! Applying safe fixes to source text.

use specc_diagnostics::{Applicability, Diagnostic, Edit};

/// Applies the safe fixes among `diags` to `text`. Edits that overlap an
/// earlier accepted edit are skipped (the next run picks them up). Returns the
/// new text and how many diagnostics were fixed.
pub fn apply_safe(text: &str, diags: &[&Diagnostic]) -> (String, usize) {
    let mut chosen: Vec<&Edit> = Vec::new();
    let mut fixed = 0;
    let mut fixes: Vec<&Diagnostic> = diags
        .iter()
        .copied()
        .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe))
        .collect();
    fixes.sort_by_key(|d| d.span.start);
    for d in fixes {
        let fix = d.fix.as_ref().expect("filtered");
        let overlaps = fix.edits.iter().any(|e| {
            chosen
                .iter()
                .any(|c| e.span.start < c.span.end && c.span.start < e.span.end || e.span == c.span)
        });
        let valid = fix.edits.iter().all(|e| {
            e.span.end <= text.len() && text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end)
        });
        if overlaps || !valid {
            continue;
        }
        chosen.extend(fix.edits.iter());
        fixed += 1;
    }
    chosen.sort_by_key(|e| e.span.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in chosen {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, fixed)
}
