//! SARIF 2.1.0 output, so GitHub code scanning shows findings with each rule's
//! help text.

use serde_json::{Value, json};
use specc_diagnostics::{CodeInfo, Diagnostic, Severity, SourceMap};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference (RFC 3986): every byte but unreserved
/// characters and `/` percent-encoded, so names with spaces, `%`, `:` (which
/// would read as a scheme) or non-ASCII letters stay valid URIs.
fn uri_reference(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A SARIF log with one run. `root` is the project path as given; artifact
/// URIs are relative to it, as code scanning expects repository-relative paths.
pub fn to_sarif(diags: &[Diagnostic], sources: &SourceMap, root: &str, version: &str) -> Value {
    let mut infos: Vec<&'static CodeInfo> = Vec::new();
    for d in diags {
        let info = d.code.info();
        if !infos.iter().any(|i| i.code == info.code) {
            infos.push(info);
        }
    }
    infos.sort_by_key(|i| i.code);
    let rules: Vec<Value> = infos
        .iter()
        .map(|i| {
            let category = crate::registry::lookup(i.code)
                .map(|r| r.category.name())
                .unwrap_or("check");
            let doc = i
                .doc
                .lines()
                .map(|l| l.strip_prefix(' ').unwrap_or(l))
                .collect::<Vec<_>>()
                .join("\n");
            json!({
                "id": i.code,
                "name": i.name,
                "shortDescription": { "text": i.summary },
                "fullDescription": { "text": i.summary },
                "help": { "text": doc, "markdown": doc },
                "defaultConfiguration": { "level": level(i.severity) },
                "properties": { "tags": [category] },
            })
        })
        .collect();
    let root_prefix = format!("{}/", root.trim_end_matches('/'));
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let rule_index = infos.iter().position(|i| i.code == d.code.as_str()).unwrap_or(0);
            let mut message = d.message.clone();
            for h in &d.help {
                message.push_str(&format!("\nhelp: {h}"));
            }
            let mut r = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": rule_index,
                "level": level(d.severity),
                "message": { "text": message },
            });
            if let Some(file) = d.file.and_then(|f| sources.get(f)) {
                let (sl, sc) = file.lines().line_col(&file.text, d.span.start);
                let (el, ec) = file.lines().line_col(&file.text, d.span.end);
                let uri = uri_reference(file.path.strip_prefix(&root_prefix).unwrap_or(&file.path));
                r["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec.max(if el == sl { sc + 1 } else { 1 }) },
                    }
                }]);
                if let Some((code, fkey, fp)) = crate::baseline::fingerprint(d, sources) {
                    r["partialFingerprints"] = json!({ "specc/v1": format!("{code}:{fkey}:{fp}") });
                }
                if let Some(fix) = &d.fix {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| {
                            let (sl, sc) = file.lines().line_col(&file.text, e.span.start);
                            let (el, ec) = file.lines().line_col(&file.text, e.span.end);
                            json!({
                                "deletedRegion": { "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec },
                                "insertedContent": { "text": e.replacement },
                            })
                        })
                        .collect();
                    r["fixes"] = json!([{
                        "description": { "text": fix.message },
                        "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
                    }]);
                }
            }
            r
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "specc",
                "version": version,
                "informationUri": "https://github.com/specc/specc",
                "rules": rules,
            }},
            "results": results,
            "columnKind": "unicodeCodePoints",
        }],
    })
}
