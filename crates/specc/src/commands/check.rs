use crate::cli::Format;
use crate::output::{out, stdout_color, write_line};
use serde_json::json;
use specc_check::{CHECK_SCHEMA, Summary, check};
use specc_diagnostics::{HumanRenderer, Severity, json_object, plural};
use specc_project::Workspace;
use std::io::Write;
use std::path::Path;

/// The conflict checker's flags of `specc check`.
#[derive(Debug, Default)]
pub struct ConflictFlags {
    /// Print the normative statements instead of diagnostics.
    pub statements: bool,
    /// Ask the grader model about candidate pairs (up to `deep_pairs`).
    pub deep: bool,
    pub deep_pairs: usize,
    /// Print `--deep`'s candidate pairs without asking the grader.
    pub deep_candidates: bool,
    /// Record the dependencies' current state in specc.lock.
    pub update_lock: bool,
}

/// `--select` and `--ignore`: which diagnostics are reported, by code or
/// code prefix (as ruff's and `specc lint`'s do). The summary counts only
/// what is reported, so the exit status follows it.
pub struct CodeFilter {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl CodeFilter {
    /// Fails on a code or prefix that names no diagnostic `specc check`
    /// reports, which is most likely a typo (`--ignore C21O`).
    pub fn new(select: Vec<String>, ignore: Vec<String>) -> anyhow::Result<CodeFilter> {
        let norm = |v: Vec<String>| -> anyhow::Result<Vec<String>> {
            v.into_iter()
                .map(|c| c.trim().to_uppercase())
                .filter(|c| !c.is_empty())
                .map(|c| {
                    if specc_diagnostics::Code::ALL.iter().any(|k| k.as_str().starts_with(c.as_str())) {
                        Ok(c)
                    } else {
                        Err(anyhow::anyhow!(
                            "`{c}` is no code or code prefix of `specc check`\nhelp: `specc explain` lists the codes (C… are the check's; A… and S… are `specc lint`'s)"
                        ))
                    }
                })
                .collect()
        };
        Ok(CodeFilter {
            select: norm(select)?,
            ignore: norm(ignore)?,
        })
    }

    fn keeps(&self, code: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| code.starts_with(p.as_str())))
            && !self.ignore.iter().any(|p| code.starts_with(p.as_str()))
    }
}

pub fn run(
    path: &Path,
    format: Format,
    deny_warnings: bool,
    dump_ir: bool,
    no_info: bool,
    flags: &ConflictFlags,
    codes: &CodeFilter,
) -> anyhow::Result<u8> {
    let ws = Workspace::load(path);
    let mut result = check(&ws);
    let mut w = out();

    if flags.statements {
        // (The statements the check read: none is read twice.)
        let all_statements = std::mem::take(&mut result.statements);
        let chain = ws
            .packages
            .first()
            .map(|p| p.config.authority_levels())
            .unwrap_or_default();
        // `specc check FILE --statements`: that file's statements.
        let statements: Vec<_> = match crate::output::only_file_id(&ws.sources)? {
            Some(id) => all_statements.into_iter().filter(|s| s.file == id).collect(),
            None => all_statements,
        };
        let notes = sentence_notes(&ws, &statements);
        let unread = unread_clauses(
            &ws,
            &statements,
            crate::output::only_file_id(&ws.sources)?,
            notes.unread_rules,
        );
        print_statements(
            &mut w,
            format,
            &statements,
            &chain,
            (notes.unranked, notes.explanatory),
            &unread,
        )?;
        w.flush()?;
        // A listing succeeds when the project could be read (exit 0, as
        // `cargo metadata` does); the verdict is `specc check`'s. Say what it
        // found, as the diagnostics themselves are not printed here.
        if !ws.fatal && result.summary.errors + result.summary.warnings > 0 {
            eprintln!(
                "specc: note: the check also found {} and {}; run `specc check` without --statements to see them",
                plural(result.summary.errors, "error", "errors"),
                plural(result.summary.warnings, "warning", "warnings")
            );
        }
        return Ok(listing_exit_code(&ws));
    }
    if flags.deep_candidates {
        if ws.fatal {
            return Ok(exit_code(&ws, &result.summary, deny_warnings));
        }
        let analysis = specc_conflicts::analyze(&ws);
        let mut pairs = crate::deep::candidates(path, &ws, &analysis, flags.deep_pairs)?;
        // `specc check FILE --deep-candidates`: the pairs with a side in that file.
        if let Some(id) = crate::output::only_file_id(&ws.sources)? {
            pairs.retain(|c| analysis.statements[c.a].file == id || analysis.statements[c.b].file == id);
        }
        print_candidates(&mut w, format, &analysis.statements, &pairs)?;
        w.flush()?;
        return Ok(listing_exit_code(&ws));
    }
    if flags.deep && !ws.fatal {
        let analysis = specc_conflicts::analyze(&ws);
        let (found, stats) = crate::deep::run(path, &ws, &analysis, flags.deep_pairs)?;
        eprintln!(
            "specc: --deep: {}, {} from the cache, {} asked, {} judged conflicting, {} without an answer",
            plural(stats.candidates, "candidate pair", "candidate pairs"),
            stats.cached,
            stats.asked,
            stats.flagged,
            stats.failed
        );
        for d in found {
            result.summary.warnings += 1;
            result.diagnostics.push(d);
        }
    }
    // The lock is written when absent (or on request), never over a broken project.
    let has_deps = ws.packages.first().is_some_and(|p| !p.dependencies.is_empty());
    if has_deps && !ws.fatal && !dump_ir && (flags.update_lock || ws.lock.is_none()) {
        let written = specc_project::lock::write(&ws)?;
        specc_diagnostics::note!("specc: recorded the dependencies in {}", written.display());
        if flags.update_lock {
            let before = result.diagnostics.len();
            result
                .diagnostics
                .retain(|d| d.code != specc_diagnostics::Code::ChangedDependency);
            result.summary.warnings -= before - result.diagnostics.len();
        }
    }

    if !ws.fatal && !dump_ir {
        crate::output::keep_only_file(&mut result.diagnostics, &ws.sources, path)?;
        result.diagnostics.retain(|d| codes.keeps(d.code.as_str()));
        let count = |s: Severity| result.diagnostics.iter().filter(|d| d.severity == s).count();
        (result.summary.errors, result.summary.warnings, result.summary.infos) =
            (count(Severity::Error), count(Severity::Warning), count(Severity::Info));
    }

    if dump_ir {
        // One definition of the IR dump, shared with `specc build --target json`.
        let ir = specc_build::ir::ir_json(&ws);
        serde_json::to_writer(&mut w, &ir)?;
        writeln!(w)?;
        if result.summary.errors > 0 {
            eprintln!(
                "specc: the IR was printed, but the project has {}; run `specc check` to see what to fix",
                plural(result.summary.errors, "error", "errors")
            );
        }
        return Ok(exit_code(&ws, &result.summary, deny_warnings));
    }

    // Rules the conflict checker could not read, and sentences of ranked
    // sections read as facts: compared with nothing (`None` where no
    // section is ranked, which the human output says otherwise).
    let not_compared =
        (!ws.fatal && unranked_rules(&ws).is_none() && (matches!(format, Format::Json) || !specc_diagnostics::quiet()))
            .then(|| -> anyhow::Result<NotCompared> {
                let only = crate::output::only_file_id(&ws.sources)?;
                // (Those the check read: a second reading would take as long again.)
                let statements: Vec<_> = std::mem::take(&mut result.statements)
                    .into_iter()
                    .filter(|s| only.is_none_or(|f| s.file == f))
                    .collect();
                let notes = sentence_notes(&ws, &statements);
                Ok(NotCompared {
                    facts: notes.explanatory.len(),
                    unread: unread_clauses(&ws, &statements, only, notes.unread_rules).len(),
                })
            })
            .transpose()?;
    // `-q` prints findings (errors and warnings), not infos, to a person.
    let hide_info = no_info || (specc_diagnostics::quiet() && matches!(format, Format::Human));
    let shown = result
        .diagnostics
        .iter()
        .filter(|d| !(hide_info && d.severity == Severity::Info));
    match format {
        Format::Human => {
            let renderer = HumanRenderer::new(stdout_color());
            let mut codes = Vec::new();
            for d in shown {
                write_line(&mut w, &renderer.render(d, &ws.sources))?;
                writeln!(w)?;
                codes.push((d.code.as_str(), d.severity == Severity::Error));
            }
            // The summary stays the last line, for scripts that read it.
            if let Some(hint) = crate::output::explain_hint(codes) {
                write_line(&mut w, &hint)?;
            }
            // A spec with rules but no ranked section passes with nothing
            // compared: say so, or "0 errors" reads as "no contradictions".
            if !ws.fatal
                && let Some(n) = unranked_rules(&ws)
            {
                write_line(
                    &mut w,
                    &format!(
                        "note: no section has an authority level, so the conflict checker compared none of the {} that read as rules\nhelp: give sections a level (`## Refunds {{#refunds authority=system}}`), set `default-authority = \"system\"` under [spec] in specc.toml, or run `specc adopt`",
                        plural(n, "sentence", "sentences")
                    ),
                )?;
            }
            // Rules the conflict checker could not read were compared with
            // nothing: say how many, or "0 errors" reads as "no contradictions".
            if let Some(NotCompared { unread, facts }) = not_compared
                && unread + facts > 0
            {
                let mut parts = Vec::new();
                if unread > 0 {
                    parts.push(format!(
                        "{} {} no statement the conflict checker reads",
                        plural(unread, "rule", "rules"),
                        if unread == 1 { "gives" } else { "give" }
                    ));
                }
                if facts > 0 {
                    parts.push(format!(
                        "{} of ranked sections {} read as facts or explanation",
                        plural(facts, "sentence", "sentences"),
                        if facts == 1 { "was" } else { "were" }
                    ));
                }
                write_line(
                    &mut w,
                    &format!(
                        "note: {}, so {} compared with no other rule; `specc check --statements` lists {}",
                        parts.join(" and "),
                        if unread + facts == 1 { "it was" } else { "they were" },
                        if unread + facts == 1 { "it" } else { "them" }
                    ),
                )?;
            }
            write_line(&mut w, &summary_line(&result.summary))?;
        }
        Format::Json => {
            for d in shown {
                serde_json::to_writer(&mut w, &json_object(d, &ws.sources, CHECK_SCHEMA))?;
                writeln!(w)?;
            }
            let mut summary = serde_json::to_value(&result.summary)?;
            if let Some(o) = summary.as_object_mut() {
                o.insert("schema".into(), json!(CHECK_SCHEMA));
                o.insert("type".into(), json!("summary"));
                o.insert("root".into(), json!(path.display().to_string()));
                if let Some(n) = &not_compared {
                    o.insert("unread_rules".into(), json!(n.unread));
                    o.insert("sentences_read_as_facts".into(), json!(n.facts));
                }
            }
            serde_json::to_writer(&mut w, &summary)?;
            writeln!(w)?;
        }
    }
    w.flush()?;
    Ok(exit_code(&ws, &result.summary, deny_warnings))
}

/// What the conflict checker compared with no other rule.
struct NotCompared {
    /// Rules (marked, or read as rules) that give no statement it reads.
    unread: usize,
    /// Sentences of ranked sections read as facts or explanation.
    facts: usize,
}

/// How many sentences of the root package's spec documents read as rules
/// when no section of them has an authority level (`None` when one has, or
/// none reads as a rule).
fn unranked_rules(ws: &Workspace) -> Option<usize> {
    let pkg = ws.packages.first()?;
    let specs = pkg
        .documents
        .iter()
        .filter(|d| matches!(d.kind, specc_syntax::DocumentKind::Spec));
    if specs.clone().any(|d| d.sections.iter().any(|s| s.authority.is_some())) {
        return None;
    }
    let mut n = 0;
    for doc in specs {
        let src = ws.sources.file(doc.file).text.as_str();
        let actors = specc_syntax::normative::Actors::learn(src);
        n += specc_syntax::norm::prose_sentences(src, doc)
            .iter()
            .filter(|s| specc_syntax::normative::states_rule(&s.norm.text, &actors))
            .count();
    }
    (n > 0).then_some(n)
}

/// What the root package's prose sentences say of the rules the conflict
/// checker did not compare, read in one pass: each sentence is split and
/// classified once, on rayon's pool (the classifier is the costly part,
/// and `specc check` prints these notes on every run).
struct SentenceNotes {
    /// Sentences in sections without an authority level.
    unranked: usize,
    /// Sentences of ranked sections that read as explanation (a house rule
    /// written as a fact, "The deposit is £50", is one: its author can see
    /// it was not compared).
    explanatory: Vec<UnreadClause>,
    /// Sentences of ranked sections that read as rules, have no clause
    /// marker and gave no statement, with their files.
    unread_rules: Vec<(specc_diagnostics::FileId, UnreadClause)>,
}

fn sentence_notes(ws: &Workspace, statements: &[specc_conflicts::Statement]) -> SentenceNotes {
    use rayon::prelude::*;
    let mut notes = SentenceNotes {
        unranked: 0,
        explanatory: Vec::new(),
        unread_rules: Vec::new(),
    };
    let Some(pkg) = ws.packages.first() else {
        return notes;
    };
    // The spans the statements were read from, by file and start, so each
    // sentence finds the ones that overlap it without a scan of them all.
    let mut spans: Vec<(specc_diagnostics::FileId, usize, usize)> = statements
        .iter()
        .filter(|s| s.package == 0)
        .map(|s| (s.file, s.span.start, s.span.end))
        .collect();
    spans.sort_unstable();
    let longest = spans.iter().map(|&(_, a, b)| b - a).max().unwrap_or(0);
    let read = |file: specc_diagnostics::FileId, span: specc_diagnostics::Span| {
        let end = spans.partition_point(|&(f, a, _)| (f, a) < (file, span.end));
        spans[..end]
            .iter()
            .rev()
            .take_while(|&&(f, a, _)| f == file && a + longest >= span.start)
            .any(|&(_, _, b)| span.start < b)
    };
    enum Note {
        Explanatory(UnreadClause),
        UnreadRule(UnreadClause),
    }
    for doc in &pkg.documents {
        let source = ws.sources.file(doc.file);
        let src = source.text.as_str();
        let actors = specc_syntax::normative::Actors::learn(src);
        let listed = |span: specc_diagnostics::Span| UnreadClause {
            clause: None,
            path: source.path.clone(),
            line: source.lines().line(span.start),
            // (Whole: JSON lists it so; the human listing shortens it.)
            text: specc_syntax::text::squash(&specc_syntax::text::strip_links(
                src.get(span.range()).unwrap_or_default(),
            )),
        };
        let sentences = specc_syntax::norm::prose_sentences(src, doc);
        notes.unranked += sentences
            .iter()
            .filter(|s| s.section.and_then(|i| doc.sections[i].authority.as_ref()).is_none())
            .count();
        let found: Vec<Note> = sentences
            .par_iter()
            .filter_map(|sentence| {
                let span = sentence.span;
                sentence.section.and_then(|i| doc.sections[i].authority.as_ref())?;
                // (A sentence the statement reader read, a present-tense
                // house rule too, is neither: no need to classify it.)
                if read(doc.file, span) {
                    return None;
                }
                if !specc_syntax::normative::states_rule(&sentence.norm.text, &actors) {
                    return Some(Note::Explanatory(listed(span)));
                }
                // A sentence with no marker that reads as a rule and gave no
                // statement: a rule the author cannot see is never compared.
                let marked = doc
                    .clauses
                    .iter()
                    .any(|c| span.start <= c.marker.start && c.marker.start <= span.end);
                // (A lead-in's rules are its items': "must not store any of the following:".)
                let lead_in = sentence.norm.text.trim_end().ends_with(':');
                (!marked && !lead_in).then(|| Note::UnreadRule(listed(span)))
            })
            .collect();
        for note in found {
            match note {
                Note::Explanatory(u) => notes.explanatory.push(u),
                Note::UnreadRule(u) => notes.unread_rules.push((doc.file, u)),
            }
        }
    }
    notes
}

/// A sentence cut at 90 characters for a listing.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(90) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// A clause its author marked in a ranked section that holds no statement the
/// conflict checker reads: it is never compared with any other rule.
#[derive(serde::Serialize)]
struct UnreadClause {
    /// The marker's ID; none for a sentence the classifier reads as a rule
    /// that has no marker.
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<String>,
    path: String,
    line: usize,
    text: String,
}

/// The root package's marked clauses in ranked sections whose sentence gave
/// no statement (of `only`, the one file `specc check FILE` names, if any).
fn unread_clauses(
    ws: &Workspace,
    statements: &[specc_conflicts::Statement],
    only: Option<specc_diagnostics::FileId>,
    unread_rules: Vec<(specc_diagnostics::FileId, UnreadClause)>,
) -> Vec<UnreadClause> {
    let Some(pkg) = ws.packages.first() else {
        return Vec::new();
    };
    let own: Vec<&specc_conflicts::Statement> = statements.iter().filter(|s| s.package == 0).collect();
    let mut out = Vec::new();
    for doc in pkg.documents.iter().filter(|d| only.is_none_or(|f| f == d.file)) {
        let source = ws.sources.file(doc.file);
        for c in &doc.clauses {
            // Read when a statement names it, or when its sentence (several
            // markers in one) gave a statement.
            let read = own.iter().any(|s| {
                s.clause.as_deref() == Some(c.id.as_str())
                    || (s.file == doc.file && s.span.start <= c.marker.start && c.marker.start <= s.span.end)
            });
            if c.authority.is_none() || read {
                continue;
            }
            // The sentence without its markers, as a reader would say it.
            let mut plain = String::new();
            let mut rest = c.text.as_str();
            while let Some(i) = rest.find("[^") {
                plain.push_str(&rest[..i]);
                rest = rest[i..].split_once(']').map_or("", |(_, r)| r);
            }
            plain.push_str(rest);
            let text = specc_syntax::text::squash(&specc_syntax::text::strip_links(&plain));
            out.push(UnreadClause {
                clause: Some(c.id.clone()),
                path: source.path.clone(),
                line: source.lines().line(c.marker.start),
                text,
            });
        }
    }
    // Sentences with no marker that read as rules and gave no statement.
    out.extend(
        unread_rules
            .into_iter()
            .filter(|(file, _)| only.is_none_or(|f| f == *file))
            .map(|(_, u)| u),
    );
    out.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    out
}

fn print_statements(
    w: &mut impl Write,
    format: Format,
    statements: &[specc_conflicts::Statement],
    chain: &[String],
    (unranked, explanatory): (usize, Vec<UnreadClause>),
    unread: &[UnreadClause],
) -> anyhow::Result<()> {
    use std::collections::BTreeMap;
    let mut by_modality: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_authority: BTreeMap<&str, usize> = BTreeMap::new();
    let own: Vec<&specc_conflicts::Statement> = statements.iter().filter(|s| s.package == 0).collect();
    for s in &own {
        *by_modality.entry(s.modality.as_str()).or_default() += 1;
        *by_authority.entry(s.authority.as_str()).or_default() += 1;
    }
    match format {
        Format::Json => {
            let v = json!({
                "schema": specc_conflicts::STATEMENTS_SCHEMA,
                "counts": { "total": own.len(), "by_modality": by_modality, "by_authority": by_authority },
                "statements": statements,
                "unread_clauses": unread,
                "explanatory_sentences": explanatory,
            });
            serde_json::to_writer_pretty(&mut *w, &v)?;
            writeln!(w)?;
        }
        Format::Human => {
            for s in statements {
                let module = s.module.as_deref().map(|m| format!("@{m} ")).unwrap_or_default();
                let clause = s.clause.as_deref().map(|c| format!(" [^{c}]")).unwrap_or_default();
                let conditions = if s.conditions.is_empty() {
                    String::new()
                } else {
                    // (Names as the rule writes them: "at Exeter Airport".)
                    let joined = s
                        .conditions
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; ");
                    format!(
                        " ({})",
                        specc_conflicts::conflict::as_written(&joined, &[s.text.as_str()])
                    )
                };
                // A statement read from another ("never waive" is "charge").
                let reading = s
                    .reading
                    .as_deref()
                    .map(|r| format!(" (read as: {r})"))
                    .unwrap_or_default();
                // Whose rule it is: the assistant's, or its own subject's
                // ("obligation client: register").
                let who = s.action.subject.as_deref().unwrap_or(s.actor.as_str());
                write_line(
                    &mut *w,
                    &format!(
                        "{module}{}:{} {} {} {who}: {}{conditions}{clause}{reading}",
                        s.path,
                        s.line,
                        s.authority,
                        s.modality.as_str(),
                        s.action.display_act()
                    ),
                )?;
            }
            // Modalities are nouns ("2 permissions"); authority levels are not ("3 root").
            let modalities = by_modality
                .iter()
                .map(|(k, v)| plural(*v, k, &format!("{k}s")))
                .collect::<Vec<_>>()
                .join(", ");
            // Highest authority first, as the chain of command reads.
            let mut levels: Vec<(&str, usize)> = by_authority.iter().map(|(k, v)| (*k, *v)).collect();
            levels.sort_by_key(|(k, _)| chain.iter().position(|l| l == k).unwrap_or(usize::MAX));
            let levels = levels
                .iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ");
            let line = if own.is_empty() {
                "0 statements".to_string()
            } else {
                format!(
                    "{}: {modalities}; by authority: {levels}",
                    plural(own.len(), "statement", "statements")
                )
            };
            write_line(&mut *w, &line)?;
            // "(member) pause their membership": say what the parentheses mean.
            if let Some(s) = own.iter().find(|s| s.action.subject.is_some()) {
                write_line(
                    &mut *w,
                    &format!(
                        "note: a rule whose subject is not the assistant (line {}: `{}`) binds that subject, a person or a thing the assistant writes; such rules meet only rules with the same subject",
                        s.line,
                        s.action.subject.as_deref().unwrap_or_default()
                    ),
                )?;
            }
            if !explanatory.is_empty() {
                let n = explanatory.len();
                write_line(
                    &mut *w,
                    &format!(
                        "note: {} of ranked sections {} no rule (reasons, analogies, examples, facts) and {} not read:",
                        plural(n, "sentence", "sentences"),
                        if n == 1 { "states" } else { "state" },
                        if n == 1 { "was" } else { "were" }
                    ),
                )?;
                // (A house rule written as a fact, "The deposit is £50", is
                // among them: its author can see it was not compared. All of
                // them: `--statements` is the listing an author asked for.)
                for e in &explanatory {
                    write_line(&mut *w, &format!("  {}:{} {}", e.path, e.line, shortened(&e.text)))?;
                }
            }
            if !unread.is_empty() {
                // Marked as rules by their author, yet no statement: never compared.
                write_line(
                    &mut *w,
                    &format!(
                        "note: {} in ranked sections (marked, or read as rules) {} no statement this checker reads, so {} never compared with other rules:",
                        plural(unread.len(), "rule", "rules"),
                        if unread.len() == 1 { "gives" } else { "give" },
                        if unread.len() == 1 { "it is" } else { "they are" }
                    ),
                )?;
                for u in unread {
                    let marker = u.clause.as_deref().map(|c| format!(" [^{c}]")).unwrap_or_default();
                    write_line(
                        &mut *w,
                        &format!("  {}:{}{marker} {}", u.path, u.line, shortened(&u.text)),
                    )?;
                }
                write_line(
                    &mut *w,
                    "help: a rule reads best as \"The assistant must/must not/may ...\" or an imperative (\"Never quote ...\"); `--deep` asks a model about pairs the rules miss",
                )?;
            }
            if unranked > 0 {
                write_line(
                    &mut *w,
                    &format!(
                        "note: {} in sections without an authority level {} not read: only sections with a level (`{{#id authority=system}}`) hold rules{}",
                        plural(unranked, "sentence", "sentences"),
                        if unranked == 1 { "was" } else { "were" },
                        if own.is_empty() {
                            "\nhelp: run `specc adopt` to bring the policy into the dialect, or set `default-authority = \"system\"` under [spec] in specc.toml"
                        } else {
                            ""
                        }
                    ),
                )?;
            }
        }
    }
    Ok(())
}

/// `--deep-candidates`: one pair per entry, most worth asking first.
fn print_candidates(
    w: &mut impl Write,
    format: Format,
    statements: &[specc_conflicts::Statement],
    pairs: &[specc_conflicts::deep::Candidate],
) -> anyhow::Result<()> {
    for c in pairs {
        let (a, b) = (&statements[c.a], &statements[c.b]);
        match format {
            Format::Json => {
                let side = |s: &specc_conflicts::Statement| json!({ "path": s.path, "line": s.line, "name": s.name(), "modality": s.modality.as_str(), "authority": s.authority, "text": s.text });
                let v = json!({ "type": "candidate", "route": c.route, "similarity": c.similarity, "a": side(a), "b": side(b) });
                serde_json::to_writer(&mut *w, &v)?;
                writeln!(w)?;
            }
            Format::Human => {
                let side = |s: &specc_conflicts::Statement| {
                    format!(
                        "{} {} ({}): {}",
                        crate::deep::describe(s),
                        s.modality.as_str(),
                        s.authority,
                        s.text
                    )
                };
                write_line(&mut *w, &format!("{} {:.3}", c.route.measure(), c.similarity))?;
                write_line(&mut *w, &format!("  {}", side(a)))?;
                write_line(&mut *w, &format!("  {}", side(b)))?;
            }
        }
    }
    if format == Format::Human {
        write_line(&mut *w, &plural(pairs.len(), "candidate pair", "candidate pairs"))?;
    }
    Ok(())
}

/// The exit status of a mode that lists instead of checking (`--statements`,
/// `--deep-candidates`, `--dump-ir`): 2 when the project could not be read, else 0.
fn listing_exit_code(ws: &Workspace) -> u8 {
    if ws.fatal { 2 } else { 0 }
}

fn exit_code(ws: &Workspace, s: &Summary, deny_warnings: bool) -> u8 {
    if ws.fatal {
        2
    } else if s.errors > 0 || (deny_warnings && s.warnings > 0) {
        1
    } else {
        0
    }
}

/// `checked 1 document: 81 sections, 116 clauses, ...; 0 errors, 2 warnings`.
pub fn summary_line(s: &Summary) -> String {
    format!(
        "checked {}: {}, {}, {}, {}; {}, {}",
        plural(s.documents, "document", "documents"),
        plural(s.sections, "section", "sections"),
        plural(s.clauses, "clause", "clauses"),
        plural(s.examples, "example", "examples"),
        plural(s.test_prompts, "test prompt", "test prompts"),
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
    )
}
