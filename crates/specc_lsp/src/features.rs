//! The requests: hover, definition, references, symbols, rename, completion
//! and code actions, each reading the latest [`crate::Analysis`].

use crate::Server;
use crate::text::LineMap;
use lsp_server::ResponseError;
use lsp_types::*;
use specc_diagnostics::{Diagnostic, FileId, Span};
use specc_syntax::{Document, DocumentKind};
use std::collections::HashMap;

/// What sits under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A section, by ID, in the root package or a dependency (`@dep#id`).
    Section {
        dependency: Option<String>,
        id: String,
        span: Span,
    },
    /// A clause ID (a marker `[^id]`, or a test file's header).
    Clause { id: String, span: Span },
}

/// The documents of a package that hold sections.
fn documents(s: &Server, package: usize) -> impl Iterator<Item = &Document> {
    s.analysis
        .ws
        .packages
        .get(package)
        .into_iter()
        .flat_map(|p| p.documents.iter())
}

fn package_named(s: &Server, name: &str) -> Option<usize> {
    let root = s.analysis.ws.packages.first()?;
    root.dependencies
        .iter()
        .find(|d| d.name == name)
        .and_then(|d| d.package)
}

/// Every loaded document of the root package: spec documents, test files, precedents.
fn all_documents(s: &Server) -> impl Iterator<Item = &Document> {
    s.analysis
        .ws
        .packages
        .first()
        .into_iter()
        .flat_map(|p| p.documents.iter().chain(&p.test_files).chain(&p.precedents))
}

fn document_of(s: &Server, file: FileId) -> Option<&Document> {
    s.analysis
        .ws
        .packages
        .iter()
        .flat_map(|p| p.documents.iter().chain(&p.test_files).chain(&p.precedents))
        .find(|d| d.file == file)
}

/// The byte offset of a position in a loaded file.
fn offset_at(s: &Server, file: FileId, p: Position) -> usize {
    LineMap::new(s.analysis.text(file)).offset(p)
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

/// The target under `offset` in a file: a marker, a link's destination, a
/// heading with its ID, or a test file's header.
fn target_at(s: &Server, file: FileId, offset: usize) -> Option<Target> {
    let text = s.analysis.text(file);
    let doc = document_of(s, file)?;
    // `[^id]` anywhere on the line.
    let line_start = text[..offset.min(text.len())].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = text[offset.min(text.len())..]
        .find('\n')
        .map(|i| offset + i)
        .unwrap_or(text.len());
    let line = &text[line_start..line_end];
    let mut i = 0;
    while let Some(at) = line[i..].find("[^") {
        let start = line_start + i + at;
        let id_start = start + 2;
        let id_len = text[id_start..line_end].find(']').unwrap_or(0);
        let end = id_start + id_len + 1;
        if id_len > 0 && start <= offset && offset < end {
            return Some(Target::Clause {
                id: text[id_start..id_start + id_len].to_string(),
                span: Span::new(id_start, id_start + id_len),
            });
        }
        i += at + 2;
    }
    // `](#id)` and `](@dep#id)`.
    for r in &doc.references {
        if r.span.start <= offset && offset < r.span.end.max(r.span.start + 1) {
            return Some(Target::Section {
                dependency: r.dependency.clone(),
                id: r.target.clone(),
                span: r.target_span,
            });
        }
    }
    // A heading: its section.
    if let Some(sec) = doc
        .sections
        .iter()
        .find(|sec| sec.span.start <= offset && offset <= sec.span.end)
    {
        let span = id_span(text, sec).unwrap_or(sec.span);
        return Some(Target::Section {
            dependency: None,
            id: sec.id.clone(),
            span,
        });
    }
    None
}

/// The span of the ID in a heading's `{#id ...}`.
fn id_span(text: &str, sec: &specc_syntax::Section) -> Option<Span> {
    let line = &text[sec.span.range()];
    let at = line.find(&format!("{{#{}", sec.id)).or_else(|| {
        line.find("{")
            .and_then(|b| line[b..].find(&format!("#{}", sec.id)).map(|i| b + i - 1))
    })?;
    let start = sec.span.start + at + 2;
    Some(Span::new(start, start + sec.id.len()))
}

/// The section with an ID, in the root package or a dependency.
fn find_section<'a>(
    s: &'a Server,
    dependency: Option<&str>,
    id: &str,
) -> Option<(&'a Document, &'a specc_syntax::Section)> {
    let package = match dependency {
        Some(dep) => package_named(s, dep)?,
        None => 0,
    };
    documents(s, package).find_map(|d| d.sections.iter().find(|sec| sec.id == id).map(|sec| (d, sec)))
}

fn find_clause<'a>(s: &'a Server, id: &str) -> Option<(&'a Document, &'a specc_syntax::Clause)> {
    documents(s, 0).find_map(|d| d.clauses.iter().find(|c| c.id == id).map(|c| (d, c)))
}

fn test_file<'a>(s: &'a Server, clause: &str) -> Option<&'a Document> {
    s.analysis
        .ws
        .packages
        .first()?
        .test_files
        .iter()
        .find(|t| matches!(&t.kind, DocumentKind::TestFile { clause: c } if c == clause))
}

pub fn hover(s: &Server, p: HoverParams) -> Option<Hover> {
    let pos = p.text_document_position_params;
    let file = s.file_of(&pos.text_document.uri)?;
    let offset = offset_at(s, file, pos.position);
    let text = match target_at(s, file, offset) {
        Some(Target::Section { dependency, id, .. }) => {
            let (doc, sec) = find_section(s, dependency.as_deref(), &id)?;
            let si = doc.sections.iter().position(|x| x.id == sec.id)?;
            let clauses = doc.clauses.iter().filter(|c| c.section == Some(si)).count();
            let authority = match (&sec.authority, &sec.declared_authority) {
                (Some(a), Some(_)) => format!("`{a}`"),
                (Some(a), None) => format!("`{a}` (inherited)"),
                (None, _) => "none (not normative)".into(),
            };
            let ceiling = dependency
                .as_deref()
                .and_then(|d| {
                    s.analysis
                        .ws
                        .packages
                        .first()?
                        .dependencies
                        .iter()
                        .find(|x| x.name == d)?
                        .ceiling
                        .clone()
                })
                .map(|c| format!(", ceiling `{c}`"))
                .unwrap_or_default();
            let tags = if sec.tags.is_empty() {
                String::new()
            } else {
                format!("\n\ntags: {}", sec.tags.join(", "))
            };
            format!(
                "**{}** `#{}`\n\nauthority: {authority}{ceiling}\n\n{} {}{tags}",
                sec.title,
                sec.id,
                clauses,
                if clauses == 1 { "clause" } else { "clauses" }
            )
        }
        Some(Target::Clause { id, .. }) => {
            let (_, clause) = find_clause(s, &id)?;
            let prompts = test_file(s, &id).map(|t| t.example_count());
            let tests = match prompts {
                Some(n) => format!("{n} test {}", if n == 1 { "prompt" } else { "prompts" }),
                None => format!("no test file (`examples/{id}.md`)"),
            };
            let rate = pass_rate(s, &id)
                .map(|r| format!("\n\nlatest run: {r}"))
                .unwrap_or_default();
            let authority = clause.authority.as_deref().unwrap_or("none");
            format!(
                "clause `{id}` · authority `{authority}`\n\n> {}\n\n{tests}{rate}",
                clause.text.replace('\n', " ")
            )
        }
        None => {
            // A finding under the cursor: its rule's summary.
            let d =
                s.analysis.diagnostics.iter().find(|d| {
                    d.file == Some(file) && d.span.start <= offset && offset <= d.span.end.max(d.span.start)
                })?;
            let info = d.code.info();
            format!(
                "**{}** `{}`: {}\n\n`specc explain {}` says more",
                info.code, info.name, info.summary, info.code
            )
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: None,
    })
}

/// The clause's pass rate in the latest run of `.specc/results.db`, read-only
/// (a running `specc test` is never locked out), with its Wilson 95% interval.
fn pass_rate(s: &Server, clause: &str) -> Option<String> {
    let db = s.root.join(".specc/results.db");
    if !db.is_file() {
        return None;
    }
    let conn = rusqlite::Connection::open_with_flags(
        &db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    let (run, pass, graded): (i64, i64, i64) = conn
        .query_row(
            "SELECT c.run_id, SUM(g.verdict = 'pass'), SUM(g.verdict IN ('pass', 'fail', 'unclear'))
             FROM cases c JOIN grades g ON g.run_id = c.run_id AND g.case_id = c.case_id
             WHERE c.clause = ?1 AND c.run_id = (SELECT MAX(c2.run_id) FROM cases c2 WHERE c2.clause = ?1)",
            [clause],
            |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(1)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                ))
            },
        )
        .ok()?;
    if graded == 0 {
        return None;
    }
    let (lo, hi) = wilson(pass as f64, graded as f64);
    Some(format!(
        "{pass}/{graded} passed ({:.0}%, 95% interval {:.0}–{:.0}%), run {run}",
        100.0 * pass as f64 / graded as f64,
        100.0 * lo,
        100.0 * hi
    ))
}

/// The Wilson score interval at 95%.
fn wilson(k: f64, n: f64) -> (f64, f64) {
    let z = 1.959_963_984_540_054_f64;
    let p = k / n;
    let d = 1.0 + z * z / n;
    let c = (p + z * z / (2.0 * n)) / d;
    let h = z * ((p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt()) / d;
    ((c - h).max(0.0), (c + h).min(1.0))
}

pub fn definition(s: &Server, p: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let pos = p.text_document_position_params;
    let file = s.file_of(&pos.text_document.uri)?;
    let offset = offset_at(s, file, pos.position);
    let location = match target_at(s, file, offset)? {
        Target::Section { dependency, id, .. } => {
            let (doc, sec) = find_section(s, dependency.as_deref(), &id)?;
            s.analysis.location(doc.file, sec.span)?
        }
        Target::Clause { id, .. } => {
            let here = document_of(s, file)?;
            if matches!(here.kind, DocumentKind::Spec) {
                // The marker leads to the clause's test file.
                let t = test_file(s, &id)?;
                s.analysis.location(t.file, Span::empty(0))?
            } else {
                let (doc, clause) = find_clause(s, &id)?;
                s.analysis.location(doc.file, clause.marker)?
            }
        }
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

/// Every place that names the target: links to a section (and its heading),
/// markers of a clause and its test file's header.
fn occurrences(s: &Server, target: &Target) -> Vec<(FileId, Span)> {
    let mut out = Vec::new();
    match target {
        Target::Section { dependency, id, .. } => {
            for d in all_documents(s) {
                for r in &d.references {
                    if r.target == *id && r.dependency == *dependency {
                        out.push((d.file, r.target_span));
                    }
                }
            }
            if dependency.is_none()
                && let Some((doc, sec)) = find_section(s, None, id)
                && let Some(span) = id_span(s.analysis.text(doc.file), sec)
            {
                out.push((doc.file, span));
            }
        }
        Target::Clause { id, .. } => {
            for d in all_documents(s) {
                let text = s.analysis.text(d.file);
                let needle = format!("[^{id}]");
                let mut from = 0;
                while let Some(i) = text[from..].find(&needle) {
                    let start = from + i + 2;
                    out.push((d.file, Span::new(start, start + id.len())));
                    from = start;
                }
            }
        }
    }
    out.sort_by_key(|(f, sp)| (f.0, sp.start));
    out.dedup();
    out
}

pub fn references(s: &Server, p: ReferenceParams) -> Option<Vec<Location>> {
    let pos = p.text_document_position;
    let file = s.file_of(&pos.text_document.uri)?;
    let target = target_at(s, file, offset_at(s, file, pos.position))?;
    Some(
        occurrences(s, &target)
            .into_iter()
            .filter_map(|(f, sp)| s.analysis.location(f, sp))
            .collect(),
    )
}

#[allow(deprecated)] // DocumentSymbol.deprecated is required by the type
pub fn document_symbols(s: &Server, p: DocumentSymbolParams) -> Option<DocumentSymbolResponse> {
    let file = s.file_of(&p.text_document.uri)?;
    let doc = document_of(s, file)?;
    let map = LineMap::new(s.analysis.text(file));
    // The outline: sections nested by their parents, clauses inside them.
    let mut nodes: Vec<DocumentSymbol> = doc
        .sections
        .iter()
        .map(|sec| DocumentSymbol {
            name: sec.title.clone(),
            detail: Some(format!(
                "#{}{}",
                sec.id,
                sec.authority.as_deref().map(|a| format!(" · {a}")).unwrap_or_default()
            )),
            kind: SymbolKind::NAMESPACE,
            tags: None,
            deprecated: None,
            range: map.range(sec.extent.start, sec.extent.end),
            selection_range: map.range(sec.span.start, sec.span.end),
            children: Some(Vec::new()),
        })
        .collect();
    for c in &doc.clauses {
        if let Some(si) = c.section
            && let Some(node) = nodes.get_mut(si)
        {
            node.children.get_or_insert_with(Vec::new).push(DocumentSymbol {
                name: format!("[^{}]", c.id),
                detail: Some(c.text.chars().take(80).collect()),
                kind: SymbolKind::CONSTANT,
                tags: None,
                deprecated: None,
                range: map.range(c.text_span.start.min(c.marker.start), c.marker.end.max(c.text_span.end)),
                selection_range: map.range(c.marker.start, c.marker.end),
                children: None,
            });
        }
    }
    // Children before parents, so each is complete when moved.
    let mut roots = Vec::new();
    for i in (0..nodes.len()).rev() {
        let node = std::mem::replace(&mut nodes[i], empty_symbol());
        match doc.sections[i].parent {
            Some(parent) => nodes[parent].children.get_or_insert_with(Vec::new).insert(0, node),
            None => roots.insert(0, node),
        }
    }
    Some(DocumentSymbolResponse::Nested(roots))
}

#[allow(deprecated)]
fn empty_symbol() -> DocumentSymbol {
    DocumentSymbol {
        name: String::new(),
        detail: None,
        kind: SymbolKind::NULL,
        tags: None,
        deprecated: None,
        range: Range::default(),
        selection_range: Range::default(),
        children: None,
    }
}

#[allow(deprecated)]
pub fn workspace_symbols(s: &Server, p: WorkspaceSymbolParams) -> Option<Vec<SymbolInformation>> {
    let query = p.query.to_lowercase();
    let mut out = Vec::new();
    for d in documents(s, 0) {
        for sec in &d.sections {
            if sec.id.to_lowercase().contains(&query) || sec.title.to_lowercase().contains(&query) {
                out.push(SymbolInformation {
                    name: format!("{} #{}", sec.title, sec.id),
                    kind: SymbolKind::NAMESPACE,
                    tags: None,
                    deprecated: None,
                    location: s.analysis.location(d.file, sec.span)?,
                    container_name: sec.authority.clone(),
                });
            }
        }
        for c in &d.clauses {
            if c.id.to_lowercase().contains(&query) {
                out.push(SymbolInformation {
                    name: format!("[^{}]", c.id),
                    kind: SymbolKind::CONSTANT,
                    tags: None,
                    deprecated: None,
                    location: s.analysis.location(d.file, c.marker)?,
                    container_name: c.section.map(|si| d.sections[si].id.clone()),
                });
            }
        }
    }
    Some(out)
}

fn refuse(message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: lsp_server::ErrorCode::RequestFailed as i32,
        message: message.into(),
        data: None,
    }
}

pub fn prepare_rename(
    s: &Server,
    p: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, ResponseError> {
    let file = s
        .file_of(&p.text_document.uri)
        .ok_or_else(|| refuse("not a file of this spec project"))?;
    let target = target_at(s, file, offset_at(s, file, p.position))
        .ok_or_else(|| refuse("only a section ID or a clause ID can be renamed here"))?;
    let map = LineMap::new(s.analysis.text(file));
    match &target {
        Target::Section {
            dependency: Some(dep), ..
        } => Err(refuse(format!(
            "`{dep}` is a dependency: rename the section in its own project"
        ))),
        Target::Section { id, span, .. } => {
            let (doc, sec) = find_section(s, None, id).ok_or_else(|| refuse(format!("no section `{id}`")))?;
            if !sec.explicit_id {
                return Err(refuse(format!(
                    "section `{id}` has no explicit ID to rename: add `{{#{id}}}` to its heading first (a code action does it)"
                )));
            }
            let _ = doc;
            Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: map.range(span.start, span.end),
                placeholder: id.clone(),
            }))
        }
        Target::Clause { id, span } => {
            find_clause(s, id).ok_or_else(|| refuse(format!("no clause `{id}` in the spec")))?;
            Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
                range: map.range(span.start, span.end),
                placeholder: id.clone(),
            }))
        }
    }
}

pub fn rename(s: &Server, p: RenameParams) -> Result<Option<WorkspaceEdit>, ResponseError> {
    let pos = p.text_document_position;
    let new = p.new_name.trim().to_string();
    if new.is_empty() || !new.chars().all(is_id_char) {
        return Err(refuse(format!(
            "`{new}` is not an ID: use letters, digits, `_`, `-`, `.` and `:`"
        )));
    }
    let prepared = prepare_rename(s, pos.clone())?;
    let file = s
        .file_of(&pos.text_document.uri)
        .ok_or_else(|| refuse("not a file of this spec project"))?;
    let Some(target) = target_at(s, file, offset_at(s, file, pos.position)) else {
        return Ok(None);
    };
    let _ = prepared;
    let taken = match &target {
        Target::Section { .. } => documents(s, 0).any(|d| d.sections.iter().any(|sec| sec.id == new)),
        Target::Clause { .. } => find_clause(s, &new).is_some() || test_file(s, &new).is_some(),
    };
    if taken {
        return Err(refuse(format!("`{new}` is already used in this project")));
    }
    let mut by_file: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for (f, span) in occurrences(s, &target) {
        let Some(uri) = s.analysis.url_of(f) else { continue };
        let map = LineMap::new(s.analysis.text(f));
        by_file
            .entry(uri)
            .or_default()
            .push(TextEdit::new(map.range(span.start, span.end), new.clone()));
    }
    let mut changes: Vec<DocumentChangeOperation> = by_file
        .into_iter()
        .map(|(uri, edits)| {
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            })
        })
        .collect();
    // A clause's test file takes the new name too (its header was edited above).
    if let Target::Clause { id, .. } = &target
        && let Some(t) = test_file(s, id)
        && let Some(old_uri) = s.analysis.url_of(t.file)
        && let Ok(new_uri) = Url::from_file_path(s.analysis.path_of(t.file).with_file_name(format!("{new}.md")))
    {
        changes.push(DocumentChangeOperation::Op(ResourceOp::Rename(RenameFile {
            old_uri,
            new_uri,
            options: None,
            annotation_id: None,
        })));
    }
    Ok(Some(WorkspaceEdit {
        changes: None,
        document_changes: Some(DocumentChanges::Operations(changes)),
        change_annotations: None,
    }))
}

pub fn completion(s: &Server, p: CompletionParams) -> Option<CompletionResponse> {
    let pos = p.text_document_position;
    let file = s.file_of(&pos.text_document.uri)?;
    let text = s.analysis.text(file);
    let offset = offset_at(s, file, pos.position);
    let line_start = text[..offset].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let before = &text[line_start..offset];
    let partial_len = before
        .chars()
        .rev()
        .take_while(|c| is_id_char(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    let head = &before[..before.len() - partial_len];
    let item = |label: String, kind: CompletionItemKind, detail: Option<String>| CompletionItem {
        label,
        kind: Some(kind),
        detail,
        ..Default::default()
    };
    let mut items = Vec::new();
    if head.ends_with("](#") {
        for d in documents(s, 0) {
            for sec in &d.sections {
                items.push(item(
                    sec.id.clone(),
                    CompletionItemKind::REFERENCE,
                    Some(sec.title.clone()),
                ));
            }
        }
    } else if let Some(at) = head.rfind("](@")
        && head.ends_with('#')
    {
        let dep = &head[at + 3..head.len() - 1];
        if let Some(pkg) = package_named(s, dep) {
            for d in documents(s, pkg) {
                for sec in &d.sections {
                    items.push(item(
                        sec.id.clone(),
                        CompletionItemKind::REFERENCE,
                        Some(sec.title.clone()),
                    ));
                }
            }
        }
    } else if head.ends_with("[^") {
        for d in documents(s, 0) {
            for c in &d.clauses {
                items.push(item(
                    c.id.clone(),
                    CompletionItemKind::CONSTANT,
                    Some(c.text.chars().take(80).collect()),
                ));
            }
        }
    } else if before.trim_start().starts_with('#') && head.contains('{') && !head[head.rfind('{')?..].contains('}') {
        let levels = s
            .analysis
            .ws
            .packages
            .first()
            .map(|p| p.config.authority_levels())
            .unwrap_or_default();
        if head.ends_with("authority=") {
            for l in levels {
                items.push(item(l, CompletionItemKind::ENUM_MEMBER, Some("authority level".into())));
            }
        } else if head.ends_with("status=") {
            for st in ["draft", "active", "deprecated"] {
                items.push(item(st.into(), CompletionItemKind::ENUM_MEMBER, Some("status".into())));
            }
        } else if head.ends_with(' ') || head.ends_with('{') {
            for l in &levels {
                items.push(item(
                    format!("authority={l}"),
                    CompletionItemKind::PROPERTY,
                    Some("authority level".into()),
                ));
            }
            for a in ["tags=", "status=", "owner=", "overrides="] {
                items.push(item(
                    a.into(),
                    CompletionItemKind::PROPERTY,
                    Some("heading attribute".into()),
                ));
            }
        }
    } else if head.ends_with('<') && in_conversation(text, offset) {
        for e in ["user", "assistant", "system", "developer", "tool", "comparison"] {
            items.push(item(
                e.into(),
                CompletionItemKind::KEYWORD,
                Some("conversation element".into()),
            ));
        }
    }
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items.dedup_by(|a, b| a.label == b.label);
    Some(CompletionResponse::Array(items))
}

/// Whether an offset is inside a fenced `xml` conversation block.
fn in_conversation(text: &str, offset: usize) -> bool {
    let mut inside = false;
    for line in text[..offset].lines() {
        let t = line.trim_start();
        if t.starts_with("~~~") || t.starts_with("```") {
            inside = !inside && t.trim_start_matches(['~', '`']).trim() == "xml";
        }
    }
    inside
}

pub fn code_actions(s: &Server, p: CodeActionParams) -> Option<CodeActionResponse> {
    let file = s.file_of(&p.text_document.uri)?;
    let uri = p.text_document.uri.clone();
    let text = s.analysis.text(file);
    let map = LineMap::new(text);
    let start = map.offset(p.range.start);
    let end = map.offset(p.range.end);
    let mut out: Vec<CodeActionOrCommand> = Vec::new();
    let touches = |span: Span| span.start <= end && start <= span.end;
    for d in &s.analysis.diagnostics {
        if d.file != Some(file) || !touches(d.span) {
            continue;
        }
        // The linter's and checker's mechanical fixes.
        if let Some(fix) = &d.fix {
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit::new(map.range(e.span.start, e.span.end), e.replacement.clone()))
                .collect();
            out.push(action(
                format!("{} ({})", fix.message, d.code.as_str()),
                &uri,
                edits,
                None,
                true,
            ));
        }
    }
    let doc = document_of(s, file)?;
    // A clause without a test file: create it with its header.
    for c in &doc.clauses {
        if touches(c.marker) && test_file(s, &c.id).is_none() {
            let examples = s
                .analysis
                .ws
                .packages
                .first()
                .map(|p| p.root.join(p.config.spec.examples_dir()))?;
            let title = c.section.map(|si| doc.sections[si].title.clone()).unwrap_or_default();
            if let Ok(new_uri) = Url::from_file_path(examples.join(format!("{}.md", c.id))) {
                out.push(create_file(
                    format!("create the test file examples/{}.md", c.id),
                    new_uri,
                    format!("Examples for [^{}] in {title}:\n\n", c.id),
                ));
            }
        }
    }
    for sec in &doc.sections {
        if !touches(sec.span) {
            continue;
        }
        // A heading without an explicit ID: write the one specc derives.
        if !sec.explicit_id {
            let line = &text[sec.span.range()];
            let at = sec.span.start + line.trim_end().trim_end_matches('#').trim_end().len();
            let edit = TextEdit::new(map.range(at, at), format!(" {{#{}}}", sec.id));
            out.push(action(
                format!("add the section ID `{}`", sec.id),
                &uri,
                vec![edit],
                None,
                false,
            ));
        }
    }
    // Clarify this clause: every reading of its open questions that needs no
    // words from the author, as the edit `specc clarify` would make (logged
    // in clarifications.md as there).
    if let Some(c) = doc.clauses.iter().find(|c| touches(c.marker) || touches(c.text_span)) {
        out.extend(clarify_actions(
            s,
            &s.analysis.diagnostics,
            &format!("clarify [^{}]", c.id),
            |q| q.clause.as_deref() == Some(c.id.as_str()),
        ));
    } else if matches!(doc.kind, DocumentKind::Spec) {
        // A strong rule no clause marks and nothing tests (S002, which
        // `specc clarify` always reads though `specc lint` does not by default):
        // its question's readings too, found by the line its evidence cites.
        out.extend(untested_rule_actions(s, file, start, end));
    }
    // Mint a clause ID after the sentence under the cursor, in a ranked section.
    if matches!(doc.kind, DocumentKind::Spec)
        && let Some(si) = doc
            .sections
            .iter()
            .rposition(|sec| sec.extent.start <= start && start < sec.extent.end)
        && doc.sections[si].authority.is_some()
        && !doc
            .clauses
            .iter()
            .any(|c| c.text_span.start <= start && start <= c.marker.end)
        && let Some(prose) = doc
            .prose
            .iter()
            .find(|pr| pr.span.start <= start && start <= pr.span.end && !pr.structural)
    {
        let (_, spans) = specc_syntax::norm::block_sentences(text, prose);
        if let Some(sentence) = spans.iter().find(|sp| sp.start <= start && start <= sp.end) {
            let used: std::collections::HashSet<String> = documents(s, 0)
                .flat_map(|d| d.clauses.iter().map(|c| c.id.clone()))
                .chain(
                    s.analysis
                        .ws
                        .packages
                        .first()
                        .into_iter()
                        .flat_map(|p| p.test_files.iter())
                        .filter_map(|t| match &t.kind {
                            DocumentKind::TestFile { clause } => Some(clause.clone()),
                            _ => None,
                        }),
                )
                .collect();
            let id = specc_syntax::adopt::mint_id(&text[sentence.range()], &used);
            let body = &text[sentence.range()];
            let trimmed = body.trim_end_matches(['.', '!', '?']);
            let at = sentence.start + trimmed.len();
            let edit = TextEdit::new(map.range(at, at), format!("[^{id}]"));
            out.push(action(
                format!("mint a clause ID here ([^{id}])"),
                &uri,
                vec![edit],
                None,
                false,
            ));
        }
    }
    Some(out)
}

fn action(
    title: String,
    uri: &Url,
    edits: Vec<TextEdit>,
    kind: Option<CodeActionKind>,
    preferred: bool,
) -> CodeActionOrCommand {
    let mut changes = HashMap::new();
    changes.insert(uri.clone(), edits);
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind.unwrap_or(CodeActionKind::QUICKFIX)),
        diagnostics: None,
        edit: Some(WorkspaceEdit {
            changes: Some(changes),
            document_changes: None,
            change_annotations: None,
        }),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}

fn create_file(title: String, uri: Url, text: String) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: None,
        edit: Some(WorkspaceEdit {
            changes: None,
            document_changes: Some(DocumentChanges::Operations(replace_whole(uri, None, text))),
            change_annotations: None,
        }),
        command: None,
        is_preferred: None,
        disabled: None,
        data: None,
    })
}

/// "Clarify this clause": the readings of the clause's open questions that
/// need no typed answer, each as a workspace edit (the files it changes and
/// the entry in `clarifications.md`).
/// The clarify actions of the S002 findings (untested strong rules) under
/// the cursor.
fn untested_rule_actions(s: &Server, file: FileId, start: usize, end: usize) -> Vec<CodeActionOrCommand> {
    let Some(pkg) = s.analysis.ws.packages.first() else {
        return Vec::new();
    };
    let options = specc_lint::LintOptions {
        select: vec!["S002".into()],
        ..specc_lint::LintOptions::from_config(&pkg.config.lint)
    };
    let found: Vec<Diagnostic> = specc_lint::lint(&s.analysis.ws, &options)
        .diagnostics
        .into_iter()
        .filter(|d| d.code.as_str() == "S002" && d.file == Some(file) && d.span.start <= end && start <= d.span.end)
        .collect();
    let Some(first) = found.first() else {
        return Vec::new();
    };
    let source = s.analysis.ws.sources.file(file);
    let (path, line) = (source.path.as_str(), source.lines().line(first.span.start));
    clarify_actions(s, &found, "clarify this rule", |q| {
        q.clause.is_none() && q.evidence.iter().any(|c| c.file == path && c.line == line)
    })
}

/// Every reading that needs no words from the author of the open questions
/// `wanted` picks, as code actions titled `{title}: {reading}`.
fn clarify_actions(
    s: &Server,
    lint: &[Diagnostic],
    title: &str,
    wanted: impl Fn(&specc_clarify::Question) -> bool,
) -> Vec<CodeActionOrCommand> {
    let Some(pkg) = s.analysis.ws.packages.first() else {
        return Vec::new();
    };
    let inputs = specc_clarify::Inputs {
        ws: &s.analysis.ws,
        check: &s.analysis.diagnostics,
        lint,
        run: None,
        calibration: Vec::new(),
        today: String::new(),
        who: "the spec's author".into(),
    };
    let log_path = pkg.root.join(specc_clarify::LOG_FILE);
    // The editor's buffers are what the edits apply to.
    let read = |p: &std::path::Path| -> Option<String> {
        s.analysis
            .file_at(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
            .map(|f| s.analysis.text(f).to_string())
            .or_else(|| std::fs::read_to_string(p).ok())
    };
    let log = read(&log_path).unwrap_or_default();
    let done = specc_clarify::answered(&log);
    let examples = pkg.root.join(pkg.config.spec.examples_dir());
    let precedents = pkg.root.join(pkg.config.spec.precedents_dir());
    let folders = specc_clarify::Folders {
        examples: &examples,
        precedents: &precedents,
    };
    let mut out = Vec::new();
    for q in specc_clarify::questions(&inputs) {
        if !wanted(&q) || done.contains(&q.id) {
            continue;
        }
        for (k, r) in q.readings.iter().enumerate() {
            if r.change.needs_text() {
                continue;
            }
            let Ok((edits, changed)) = specc_clarify::plan(&q, k, None, &folders, &read) else {
                continue;
            };
            let mut ops: Vec<DocumentChangeOperation> = Vec::new();
            for e in edits {
                let Ok(uri) = Url::from_file_path(std::path::absolute(&e.path).unwrap_or(e.path.clone())) else {
                    continue;
                };
                if e.delete {
                    ops.push(DocumentChangeOperation::Op(ResourceOp::Delete(DeleteFile {
                        uri,
                        options: None,
                    })));
                } else {
                    ops.extend(replace_whole(uri, e.before.as_deref(), e.after));
                }
            }
            let entry = specc_clarify::log_entry(&log, &q, &r.text, None, &changed, &specc_suite::precedent::today());
            if let Ok(uri) = Url::from_file_path(std::path::absolute(&log_path).unwrap_or(log_path.clone())) {
                let before = (!log.is_empty()).then_some(log.as_str());
                ops.extend(replace_whole(uri, before, format!("{log}{entry}")));
            }
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("{title}: {}", r.text),
                kind: Some(CodeActionKind::new("refactor.rewrite.clarify")),
                diagnostics: None,
                edit: Some(WorkspaceEdit {
                    changes: None,
                    document_changes: Some(DocumentChanges::Operations(ops)),
                    change_annotations: None,
                }),
                command: None,
                is_preferred: None,
                disabled: None,
                data: None,
            }));
        }
    }
    out
}

/// A file's new text as edits: the whole old text replaced, or a new file.
fn replace_whole(uri: Url, before: Option<&str>, after: String) -> Vec<DocumentChangeOperation> {
    match before {
        Some(old) => {
            let map = LineMap::new(old);
            vec![DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit::new(map.range(0, old.len()), after))],
            })]
        }
        None => vec![
            DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                uri: uri.clone(),
                options: Some(CreateFileOptions {
                    overwrite: Some(false),
                    ignore_if_exists: Some(true),
                }),
                annotation_id: None,
            })),
            DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                edits: vec![OneOf::Left(TextEdit::new(Range::default(), after))],
            }),
        ],
    }
}
