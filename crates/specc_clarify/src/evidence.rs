//! Questions from evidence: the checker's conflicts and untested clauses, the
//! linter's wording findings on clauses, undefined emphasised terms, the
//! latest run's split verdicts, the grader's disagreements with the spec's
//! own labelled answers, and precedents that contradict each other.

use crate::{Change, Cite, Kind, Question, Reading, question_id};
use specc_diagnostics::{Diagnostic, FileId, Span};
use specc_project::{Package, Workspace};
use specc_suite::precedent::{Decision, render_precedent};
use specc_suite::results::{GroupResult, UnpassedSample};
use specc_suite::{ChatRole, TestCase, Verdict};
use specc_syntax::{Clause, Document, Ruling};
use std::collections::{BTreeMap, HashSet};

/// The latest run of the results database, as far as questions need it.
#[derive(Clone, Debug, Default)]
pub struct RunData {
    pub run: i64,
    pub groups: Vec<GroupResult>,
    pub unpassed: Vec<UnpassedSample>,
}

/// A labelled answer of the spec that the grader judged the other way.
#[derive(Clone, Debug)]
pub struct CalibrationMiss {
    pub case: TestCase,
    pub answer: String,
    pub expected: Verdict,
    pub got: Verdict,
}

/// Everything the questions are drawn from.
pub struct Inputs<'a> {
    pub ws: &'a Workspace,
    /// `specc check`'s diagnostics.
    pub check: &'a [Diagnostic],
    /// `specc lint`'s diagnostics.
    pub lint: &'a [Diagnostic],
    pub run: Option<RunData>,
    pub calibration: Vec<CalibrationMiss>,
    /// Today, `YYYY-MM-DD`, for precedents' `**Decided**:` line.
    pub today: String,
    /// Who decides, for precedents.
    pub who: String,
}

/// A clause with where it lives.
struct Located<'a> {
    doc: &'a Document,
    clause: &'a Clause,
}

struct Ctx<'a> {
    ws: &'a Workspace,
    pkg: &'a Package,
    chain: Vec<String>,
    /// Test prompts per clause.
    prompts: BTreeMap<String, usize>,
}

impl<'a> Ctx<'a> {
    fn clause_at(&self, file: FileId, at: usize) -> Option<Located<'a>> {
        let doc = self.pkg.documents.iter().find(|d| d.file == file)?;
        let clause = doc
            .clauses
            .iter()
            .find(|c| c.text_span.start <= at && at <= c.text_span.end.max(c.marker.end))?;
        Some(Located { doc, clause })
    }

    fn clause(&self, id: &str) -> Option<Located<'a>> {
        self.pkg.documents.iter().find_map(|doc| {
            doc.clauses
                .iter()
                .find(|c| c.id == id)
                .map(|clause| Located { doc, clause })
        })
    }

    fn path(&self, file: FileId) -> String {
        self.ws.sources.file(file).path.clone()
    }

    /// The file's path to read and write: the loader joined it to the root as given.
    fn abs(&self, file: FileId) -> std::path::PathBuf {
        std::path::PathBuf::from(self.path(file))
    }

    /// Where a new definition goes: the document that already has the
    /// definitions section (`{#definitions}`), else the clause's own.
    fn definitions_file(&self, clause_file: FileId) -> std::path::PathBuf {
        let with = self
            .pkg
            .documents
            .iter()
            .find(|d| d.sections.iter().any(|s| s.id == "definitions"))
            .map(|d| d.file)
            .unwrap_or(clause_file);
        self.abs(with)
    }

    fn line(&self, file: FileId, at: usize) -> usize {
        self.ws.sources.file(file).lines().line(at)
    }

    fn cite(&self, file: FileId, at: usize, what: impl Into<String>) -> Cite {
        Cite {
            file: self.path(file),
            line: self.line(file, at),
            what: what.into(),
        }
    }

    fn section_title(&self, l: &Located<'_>) -> String {
        l.clause
            .section
            .map(|s| l.doc.sections[s].title.clone())
            .unwrap_or_default()
    }

    fn section_id(&self, l: &Located<'_>) -> Option<String> {
        l.clause.section.map(|s| l.doc.sections[s].id.clone())
    }

    /// How much rides on a clause: its authority (the top level counts most)
    /// and how many test prompts and examples it carries.
    fn impact(&self, authority: Option<&str>, clause: Option<&str>) -> f64 {
        let prompts = clause.and_then(|c| self.prompts.get(c)).copied().unwrap_or(0);
        self.weight(authority, prompts)
    }

    fn weight(&self, authority: Option<&str>, prompts: usize) -> f64 {
        let n = self.chain.len().max(1) as f64;
        let level = authority
            .and_then(|a| self.chain.iter().position(|l| l == a))
            .map(|r| 1.0 - r as f64 / n)
            .unwrap_or(0.1);
        level * (1.0 + 0.25 * (prompts.min(8) as f64))
    }

    fn question(
        &self,
        kind: Kind,
        key: &[&str],
        l: Option<&Located<'_>>,
        question: String,
        evidence: Vec<Cite>,
        readings: Vec<Reading>,
    ) -> Question {
        let uncertainty = kind.uncertainty();
        let clause = l.map(|l| l.clause.id.clone());
        let authority = l.and_then(|l| l.clause.authority.clone());
        let impact = self.impact(authority.as_deref(), clause.as_deref());
        let mut parts = vec![kind_name(kind)];
        parts.extend_from_slice(key);
        Question {
            id: question_id(&parts),
            kind,
            section: l.and_then(|l| self.section_id(l)),
            clause,
            authority,
            question,
            evidence,
            readings,
            impact,
            uncertainty,
            score: impact * uncertainty,
            model: None,
        }
    }
}

/// A question about a section rather than a clause: its level and prompts set the impact.
fn at_section(mut q: Question, ctx: &Ctx<'_>, doc: &Document, section: usize, prompts: usize) -> Question {
    let sec = &doc.sections[section];
    q.section = Some(sec.id.clone());
    q.authority = sec.authority.clone();
    q.impact = ctx.weight(q.authority.as_deref(), prompts);
    q.score = q.impact * q.uncertainty;
    q
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Conflict => "conflict",
        Kind::UndeclaredException => "undeclared-exception",
        Kind::Calibration => "calibration",
        Kind::RunDisagreement => "run-disagreement",
        Kind::ContradictingPrecedents => "contradicting-precedents",
        Kind::Wording => "wording",
        Kind::UndefinedTerm => "undefined-term",
        Kind::Untested => "untested",
        Kind::OrphanTests => "orphan-tests",
        Kind::Descriptive => "descriptive",
        Kind::UntestedException => "untested-exception",
    }
}

/// The last words of a clause's sentence, without its marker and full stop.
fn tail(text: &str) -> String {
    let plain = unmarked(text);
    let words: Vec<&str> = plain
        .trim_end_matches(['.', '!', '?', ' '])
        .split_whitespace()
        .collect();
    words[words.len().saturating_sub(6)..].join(" ")
}

fn excerpt(s: &str, n: usize) -> String {
    let s = specc_syntax::text::squash(s);
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// Where words go at the end of a clause's sentence: before its marker and
/// the full stop next to it (`... a refund[^r1] .` → `... a refund unless X[^r1].`).
/// A marker inside a sentence ("illicit[^91og], could harm ...") closes the
/// part it marks, so a condition placed there is that part's, not the list's.
fn end_of_rule(src: &str, c: &Clause) -> usize {
    let mut at = c.marker.start;
    while at > 0 && matches!(src.as_bytes()[at - 1], b'.' | b'!' | b'?' | b' ') {
        at -= 1;
    }
    at
}

/// What a test prompt answer may hold.
const PROMPT_ASK: &str = "The user's message (or “developer: …” and then “user: …” to set up a deployment):";

/// All questions with evidence, ranked, best first.
pub fn questions(inputs: &Inputs<'_>) -> Vec<Question> {
    let Some(pkg) = inputs.ws.packages.first() else {
        return Vec::new();
    };
    let mut prompts = BTreeMap::new();
    for t in &pkg.test_files {
        if let specc_syntax::DocumentKind::TestFile { clause } = &t.kind {
            prompts.insert(clause.clone(), t.example_count());
        }
    }
    let ctx = Ctx {
        ws: inputs.ws,
        pkg,
        chain: pkg.config.authority_levels(),
        prompts,
    };
    let mut out = Vec::new();
    conflicts(&ctx, inputs.check, &mut out);
    untested(&ctx, inputs.check, &mut out);
    orphan_tests(&ctx, inputs.check, &mut out);
    untested_sections(&ctx, inputs.lint, &mut out);
    untested_rules(&ctx, inputs.lint, &mut out);
    wording(&ctx, inputs.lint, &mut out);
    mixed_strength(&ctx, inputs.lint, &mut out);
    descriptive(&ctx, &mut out);
    untested_exceptions(&ctx, &mut out);
    undefined_terms(&ctx, &mut out);
    if let Some(run) = &inputs.run {
        run_disagreement(&ctx, run, inputs, &mut out);
    }
    calibration(&ctx, inputs, &mut out);
    contradicting_precedents(&ctx, &mut out);
    // One question per ID (two findings of one kind on one word ask one thing).
    let mut seen = HashSet::new();
    out.retain(|q| seen.insert(q.id.clone()));
    // A section's further untested rules count for less each, the most
    // specific first (the most words nothing exercises): a session asks
    // about more sections, not three rules of one.
    let mut unmarked: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, q) in out.iter().enumerate() {
        if q.kind == Kind::Untested
            && q.clause.is_none()
            && let (Some(s), Some(c)) = (&q.section, q.evidence.first())
            && let Some(words) = c
                .what
                .strip_prefix("S002 ")
                .and_then(|w| w.rsplit_once(" uses its words ("))
        {
            unmarked
                .entry(s.clone())
                .or_default()
                .push((words.1.split(", ").count(), i));
        }
    }
    for rules in unmarked.values_mut() {
        rules.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (rank, &(_, i)) in rules.iter().enumerate() {
            out[i].score *= 0.5f64.powi(rank as i32);
        }
    }
    out.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.kind.cmp(&b.kind))
            .then(a.id.cmp(&b.id))
    });
    // A clause's second wording question waits until the others were asked:
    // a session asks about more clauses, not three words of one.
    let mut worded = HashSet::new();
    let (first, later): (Vec<Question>, Vec<Question>) = out
        .into_iter()
        .partition(|q| q.kind != Kind::Wording || q.clause.as_ref().is_none_or(|c| worded.insert(c.clone())));
    first.into_iter().chain(later).collect()
}

fn conflicts(ctx: &Ctx<'_>, check: &[Diagnostic], out: &mut Vec<Question>) {
    for d in check {
        let kind = match d.code.as_str() {
            "C301" => Kind::Conflict,
            "C306" => Kind::UndeclaredException,
            _ => continue,
        };
        let (Some(file), Some(other)) = (d.file, d.labels.first()) else {
            continue;
        };
        let (Some(a), Some(b)) = (
            ctx.clause_at(file, d.span.start),
            ctx.clause_at(other.file, other.span.start),
        ) else {
            continue;
        };
        let situation = d
            .notes
            .iter()
            .find_map(|n| n.strip_prefix("both apply "))
            .map(|s| format!(" {s}"))
            .unwrap_or_default();
        let evidence = vec![
            ctx.cite(file, d.span.start, format!("{} {}", d.code.as_str(), d.message)),
            ctx.cite(
                a.doc.file,
                a.clause.text_span.start,
                format!("[^{}]: {}", a.clause.id, excerpt(&a.clause.text, 120)),
            ),
            ctx.cite(
                b.doc.file,
                b.clause.text_span.start,
                format!("[^{}]: {}", b.clause.id, excerpt(&b.clause.text, 120)),
            ),
        ];
        let src_a = ctx.ws.sources.file(a.doc.file).text.as_str();
        let src_b = ctx.ws.sources.file(b.doc.file).text.as_str();
        // A rule that already says "unless A" takes "or B", not a second "unless".
        let joins = |l: &Located<'_>| {
            if l.clause.text.to_lowercase().contains(" unless ") {
                "or"
            } else {
                "unless"
            }
        };
        let unless_in = |l: &Located<'_>, src: &str, with: Option<String>| Change::Insert {
            file: ctx.abs(l.doc.file),
            at: end_of_rule(src, l.clause),
            before: format!(" {} ", joins(l)),
            with,
            after: String::new(),
        };
        let readings = if kind == Kind::UndeclaredException {
            // The diagnostic's own help names the exception's condition.
            let condition = d
                .help
                .iter()
                .find_map(|h| h.split("unless ").nth(1).and_then(|r| r.split("\")").next()))
                .map(str::to_string);
            let exception_section = b.clause.section.map(|s| &b.doc.sections[s]);
            let broader_section = ctx.section_id(&a).unwrap_or_default();
            let mut r = vec![Reading {
                text: match &condition {
                    Some(c) => format!(
                        "The exception stands: write it into [^{}] (“… unless {c}”)",
                        a.clause.id
                    ),
                    None => format!("The exception stands: write it into [^{}] as “unless …”", a.clause.id),
                },
                why: "the broader rule then says when it does not apply, and a grader reading it alone agrees".into(),
                ask: condition
                    .is_none()
                    .then(|| format!("The condition, as it follows “unless” in [^{}]:", a.clause.id)),
                change: unless_in(&a, src_a, condition.clone()),
            }];
            // `overrides=` is for an exception in a section of its own.
            if let Some(sec) = exception_section
                && sec.id != broader_section
                && let Some(close) = heading_close(src_b, sec.span)
            {
                r.push(Reading {
                    text: format!(
                        "Section `{}` overrides `{}`: declare it on its heading",
                        sec.id, broader_section
                    ),
                    why: "the chain of command then decides, and the exception is documented where it is written"
                        .into(),
                    ask: None,
                    change: Change::Insert {
                        file: ctx.abs(b.doc.file),
                        at: close,
                        before: String::new(),
                        with: Some(format!(" overrides={broader_section}")),
                        after: String::new(),
                    },
                });
            }
            r.push(Reading {
                text: format!(
                    "There is no exception: [^{}] holds everywhere, and [^{}] is wrong",
                    a.clause.id, b.clause.id
                ),
                why: "recorded, so the next reader knows [^b]'s permission was considered and rejected"
                    .replace("[^b]", &format!("[^{}]", b.clause.id)),
                ask: None,
                change: Change::Note,
            });
            r
        } else {
            vec![
                Reading {
                    text: format!(
                        "[^{}] wins where they meet: add the exception to [^{}]",
                        b.clause.id, a.clause.id
                    ),
                    why: format!(
                        "[^{}] then says when it gives way, and the pair is no longer an error",
                        a.clause.id
                    ),
                    ask: Some(format!(
                        "The condition, as it follows “{}” at the end of [^{}] (“…{}”):",
                        joins(&a),
                        a.clause.id,
                        tail(&a.clause.text)
                    )),
                    change: unless_in(&a, src_a, None),
                },
                Reading {
                    text: format!(
                        "[^{}] wins where they meet: add the exception to [^{}]",
                        a.clause.id, b.clause.id
                    ),
                    why: format!(
                        "[^{}] then says when it gives way, and the pair is no longer an error",
                        b.clause.id
                    ),
                    ask: Some(format!(
                        "The condition, as it follows “{}” at the end of [^{}] (“…{}”):",
                        joins(&b),
                        b.clause.id,
                        tail(&b.clause.text)
                    )),
                    change: unless_in(&b, src_b, None),
                },
                Reading {
                    text: "Not sure yet: add a test prompt where both apply, and decide from the answers".into(),
                    why: "a run then shows which rule the model follows".into(),
                    ask: Some(format!("Where both rules apply: {PROMPT_ASK}")),
                    change: Change::TestPrompt {
                        clause: a.clause.id.clone(),
                        section_title: ctx.section_title(&a),
                        prompt: None,
                    },
                },
            ]
        };
        let question = match kind {
            Kind::Conflict => format!(
                "[^{}] and [^{}] demand opposite things{situation}. Which one wins, and when?",
                a.clause.id, b.clause.id
            ),
            _ => format!(
                "[^{}] reads as an exception to [^{}]{situation}, but [^{}] does not say so. Does the exception stand?",
                b.clause.id, a.clause.id, a.clause.id
            ),
        };
        out.push(ctx.question(
            kind,
            &[&a.clause.id, &b.clause.id],
            Some(&a),
            question,
            evidence,
            readings,
        ));
    }
}

/// Where `overrides=` goes in a heading's `{...}`: before its `}`.
fn heading_close(src: &str, heading: Span) -> Option<usize> {
    let line = &src[heading.range()];
    let trimmed = line.trim_end().trim_end_matches('#').trim_end();
    trimmed.ends_with('}').then(|| heading.start + trimmed.len() - 1)
}

fn untested(ctx: &Ctx<'_>, check: &[Diagnostic], out: &mut Vec<Question>) {
    for d in check {
        if !matches!(d.code.as_str(), "C106" | "C210") {
            continue;
        }
        let Some(file) = d.file else { continue };
        // C106 sits on the marker; C210 on the test file, whose clause names it.
        let located = ctx.clause_at(file, d.span.start).or_else(|| {
            let doc = ctx.pkg.test_files.iter().find(|t| t.file == file)?;
            match &doc.kind {
                specc_syntax::DocumentKind::TestFile { clause } => ctx.clause(clause),
                _ => None,
            }
        });
        let Some(l) = located else { continue };
        if l.clause.authority.is_none() {
            continue;
        }
        out.push(ctx.question(
            Kind::Untested,
            &[&l.clause.id],
            Some(&l),
            format!(
                "What prompt would show whether the assistant follows [^{}]: “{}”?",
                l.clause.id,
                excerpt(&l.clause.text, 160)
            ),
            vec![ctx.cite(file, d.span.start, format!("{} {}", d.code.as_str(), d.message))],
            vec![Reading {
                text: "A challenging prompt: one a careless assistant would get wrong".into(),
                why: "without one, `specc test` never checks this clause".into(),
                ask: Some(PROMPT_ASK.into()),
                change: Change::TestPrompt {
                    clause: l.clause.id.clone(),
                    section_title: ctx.section_title(&l),
                    prompt: None,
                },
            }],
        ));
    }
}

/// Test files whose clause no document marks (C107): their prompts test a
/// rule that was dropped, or one that moved without them.
fn orphan_tests(ctx: &Ctx<'_>, check: &[Diagnostic], out: &mut Vec<Question>) {
    for d in check {
        if d.code.as_str() != "C107" {
            continue;
        }
        let Some(file) = d.file else { continue };
        let Some(t) = ctx.pkg.test_files.iter().find(|t| t.file == file) else {
            continue;
        };
        let specc_syntax::DocumentKind::TestFile { clause } = &t.kind else {
            continue;
        };
        let title = t.header.as_ref().map(|h| h.section_title.clone()).unwrap_or_default();
        // The section its header names, where that title still stands.
        let section = ctx.pkg.documents.iter().find_map(|doc| {
            doc.sections
                .iter()
                .position(|s| same_title(&s.title, &title))
                .map(|i| (doc, i))
        });
        let prompts = t.example_count();
        let cases: Vec<String> = t
            .examples
            .iter()
            .take(2)
            .map(|e| format!("“{}”", excerpt(&e.title, 60)))
            .collect();
        let mut evidence = vec![ctx.cite(file, d.span.start, format!("C107 {}", d.message))];
        let mut readings = Vec::new();
        if let Some((doc, i)) = section {
            let sec = &doc.sections[i];
            evidence.push(ctx.cite(
                doc.file,
                sec.span.start,
                format!("the section its header names: {}", sec.title),
            ));
            readings.push(Reading {
                text: format!("They test a sentence of “{}”: mark it [^{clause}]", sec.title),
                why: "the prompts then test that rule again, and their results count for it".into(),
                ask: Some(format!(
                    "A few words of the sentence they test, as written in “{}”:",
                    sec.title
                )),
                change: Change::Mark {
                    file: ctx.abs(doc.file),
                    within: sec.extent,
                    clause: clause.clone(),
                },
            });
        }
        readings.push(Reading {
            text: "They belong to a clause that is marked: move them there".into(),
            why: "the rule that took over keeps the prompts written for it".into(),
            ask: Some("The clause ID they test now (without [^ ]):".into()),
            change: Change::MoveTests {
                file: ctx.abs(file),
                section_title: title.clone(),
                known: ctx
                    .pkg
                    .documents
                    .iter()
                    .flat_map(|d| d.clauses.iter().map(|c| c.id.clone()))
                    .collect(),
            },
        });
        readings.push(Reading {
            text: format!("The rule is gone: retire {}", ctx.path(file)),
            why: "a run then stops reporting results for a rule the spec no longer has".into(),
            ask: None,
            change: Change::Retire { file: ctx.abs(file) },
        });
        let q = ctx.question(
            Kind::OrphanTests,
            &[clause],
            None,
            format!(
                "{} test prompt{} ({}{}) {} [^{clause}] in “{title}”, but no rule is marked [^{clause}] any more: which rule {} now?",
                prompts,
                if prompts == 1 { "" } else { "s" },
                cases.join(", "),
                if prompts > cases.len() { ", …" } else { "" },
                if prompts == 1 { "tests" } else { "test" },
                if prompts == 1 { "does it test" } else { "do they test" },
            ),
            evidence,
            readings,
        );
        out.push(match section {
            Some((doc, i)) => at_section(q, ctx, doc, i, prompts),
            None => q,
        });
    }
}

fn same_title(a: &str, b: &str) -> bool {
    specc_syntax::text::normalize_title(a) == specc_syntax::text::normalize_title(b)
}

/// The document and innermost section a finding sits in.
fn innermost_section<'a>(ctx: &Ctx<'a>, d: &Diagnostic) -> Option<(FileId, &'a Document, usize)> {
    let file = d.file?;
    let doc = ctx.pkg.documents.iter().find(|doc| doc.file == file)?;
    let i = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.span.start <= d.span.start && d.span.start < s.extent.end)
        .max_by_key(|(_, s)| s.span.start)
        .map(|(i, _)| i)?;
    Some((file, doc, i))
}

/// Ranked sections whose rules neither a clause nor an example tests (S001):
/// which sentence is the rule, and what prompt tests it?
fn untested_sections(ctx: &Ctx<'_>, lint: &[Diagnostic], out: &mut Vec<Question>) {
    for d in lint {
        if d.code.as_str() != "S001" {
            continue;
        }
        let Some((file, doc, i)) = innermost_section(ctx, d) else {
            continue;
        };
        let sec = &doc.sections[i];
        let src = ctx.ws.sources.file(file).text.as_str();
        let (sentence, at) = first_sentence(src, d.span.start);
        let clause = new_clause_id(ctx, &sec.id);
        let readings = vec![Reading {
            text: format!(
                "Its rule is “{}”: mark it [^{clause}] and test it",
                excerpt(&sentence, 80)
            ),
            why: "`specc test` then checks the section, and a change to it shows in results".into(),
            ask: Some(PROMPT_ASK.into()),
            change: Change::MarkAndTest {
                file: ctx.abs(file),
                at,
                clause: clause.clone(),
                section_title: sec.title.clone(),
            },
        }];
        let q = ctx.question(
            Kind::Untested,
            &[&sec.id],
            None,
            format!(
                "Nothing tests #{} ({}): no clause, no example. What prompt would show whether the assistant follows “{}”?",
                sec.id,
                sec.authority.as_deref().unwrap_or("unranked"),
                excerpt(&sentence, 160)
            ),
            vec![ctx.cite(file, d.span.start, format!("S001 {}", d.message))],
            readings,
        );
        out.push(at_section(q, ctx, doc, i, 0));
    }
}

/// Strong rules no clause marks and no example or test prompt of their
/// section touches (S002): mark and test it, or say it is covered.
fn untested_rules(ctx: &Ctx<'_>, lint: &[Diagnostic], out: &mut Vec<Question>) {
    for d in lint {
        if d.code.as_str() != "S002" {
            continue;
        }
        let Some((file, doc, i)) = innermost_section(ctx, d) else {
            continue;
        };
        let sec = &doc.sections[i];
        let src = ctx.ws.sources.file(file).text.as_str();
        let sentence = specc_syntax::text::squash(&specc_syntax::text::strip_links(&src[d.span.range()]));
        let words = d
            .message
            .rsplit_once(" uses its words (")
            .map(|(_, w)| w.trim_end_matches(')').to_string())
            .unwrap_or_default();
        // Seeded by the sentence too: two rules of one section get two IDs.
        let clause = new_clause_id(ctx, &format!("{}\u{0}{sentence}", sec.id));
        let readings = vec![
            Reading {
                text: format!("A rule to test: mark it [^{clause}] and give it a prompt"),
                why: "`specc test` then checks it, and a model that breaks it fails a case".into(),
                ask: Some(PROMPT_ASK.into()),
                change: Change::MarkAndTest {
                    file: ctx.abs(file),
                    at: marker_place(src, d.span.start),
                    clause: clause.clone(),
                    section_title: sec.title.clone(),
                },
            },
            Reading {
                text: "Tested elsewhere, or not meant as a rule of its own: leave it unmarked".into(),
                why: "recorded, and S002 stays quiet on this paragraph".into(),
                ask: None,
                change: Change::Insert {
                    file: ctx.abs(file),
                    at: doc
                        .prose
                        .iter()
                        .find(|p| p.span.start <= d.span.start && d.span.start <= p.span.end)
                        .map_or(d.span.start, |p| p.span.start),
                    before: String::new(),
                    with: Some("<!-- specc-allow S002 -->\n".into()),
                    after: String::new(),
                },
            },
        ];
        let q = ctx.question(
            Kind::Untested,
            &[&sec.id, &sentence],
            None,
            format!(
                "No clause marks “{}” in #{} ({}), and no example or test prompt of the section uses its words ({words}). What prompt would show whether the assistant follows it?",
                excerpt(&sentence, 160),
                sec.id,
                sec.authority.as_deref().unwrap_or("unranked"),
            ),
            vec![ctx.cite(file, d.span.start, format!("S002 {}", d.message))],
            readings,
        );
        out.push(at_section(q, ctx, doc, i, 0));
    }
}

/// The first sentence from `from` (to the end of its paragraph at most), as
/// plain text, and where a marker at its end goes (before the full stop).
fn first_sentence(src: &str, from: usize) -> (String, usize) {
    let para_end = src[from..].find("\n\n").map_or(src.len(), |i| from + i);
    let para = &src[from..para_end];
    let first = specc_syntax::text::sentences(&links_masked(para))
        .first()
        .copied()
        .unwrap_or(Span::new(0, para.len()));
    let text = para[first.range()].trim_end();
    let at = from + first.start + text.len() - usize::from(text.ends_with(['.', '!', '?']));
    (specc_syntax::text::strip_links(text), at)
}

/// Where a marker goes for the sentence of `src` holding byte `at`: before its
/// closing punctuation (the paragraph's end when it has none).
pub(crate) fn marker_place(src: &str, at: usize) -> usize {
    let para_start = src[..at].rfind("\n\n").map_or(0, |i| i + 2);
    let para_end = src[at..].find("\n\n").map_or(src.len(), |i| at + i);
    let para = &src[para_start..para_end];
    let s = specc_syntax::text::sentence_at(&links_masked(para), at - para_start);
    let text = para[s.range()].trim_end();
    para_start + s.start + text.len() - usize::from(text.ends_with(['.', '!', '?']))
}

/// `text` with every link (`[?](#id)`, `[text](url)`) blanked to `x`s of the
/// same length, so that its "?" or a dot in its URL ends no sentence.
fn links_masked(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for link in specc_syntax::text::scan_links(text, 0) {
        bytes[link.span.range()].fill(b'x');
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// An unused clause ID of four letters and digits, from the section's ID.
fn new_clause_id(ctx: &Ctx<'_>, seed: &str) -> String {
    let taken: HashSet<&str> = ctx
        .pkg
        .documents
        .iter()
        .flat_map(|d| d.clauses.iter().map(|c| c.id.as_str()))
        .chain(ctx.prompts.keys().map(String::as_str))
        .collect();
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0u64..100_000)
        .map(|salt| {
            let mut h = xxhash_rust::xxh3::xxh3_64_with_seed(seed.as_bytes(), salt);
            (0..4)
                .map(|_| {
                    let c = ALPHABET[(h % 36) as usize] as char;
                    h /= 36;
                    c
                })
                .collect::<String>()
        })
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_else(|| format!("{seed}-rule"))
}

fn wording(ctx: &Ctx<'_>, lint: &[Diagnostic], out: &mut Vec<Question>) {
    for d in lint {
        let code = d.code.as_str();
        // Vague, subjective and weak words: what a reader has to interpret.
        if !matches!(code.get(..2), Some("A1" | "A2" | "A3")) {
            continue;
        }
        let Some(file) = d.file else { continue };
        let Some(mut l) = ctx.clause_at(file, d.span.start) else {
            continue;
        };
        // A sentence with several markers: a word in the part a marker closes
        // is that clause's (a word after the last marker is the whole sentence's).
        let inside = |f: Span| f.start <= d.span.start && d.span.end <= f.end;
        if let Some(c) = l.doc.clauses.iter().find(|c| c.focus_span.is_some_and(inside)) {
            l = Located { doc: l.doc, clause: c };
        }
        let src = ctx.ws.sources.file(file).text.as_str();
        let word = src[d.span.range()].to_string();
        if settled_nearby(ctx, &l, src, d.span, code, &word) {
            continue;
        }
        out.push(ctx.question(
            Kind::Wording,
            &[&l.clause.id, &word.to_lowercase()],
            Some(&l),
            match code.get(..2) {
                // A hedge: "try to", "generally", "where appropriate".
                Some("A3") => format!(
                    "In [^{}] ({}), “{word}” makes the rule a wish: what must the assistant actually do, and when may it not?",
                    l.clause.id,
                    ctx.section_title(&l)
                ),
                _ if code == "A105" => format!(
                    "In [^{}] ({}), “{word}” leaves the exceptions unsaid: when does the rule not apply?",
                    l.clause.id,
                    ctx.section_title(&l)
                ),
                Some("A2") => format!(
                    "In [^{}] ({}), what makes an answer “{word}”? Readers judge it differently.",
                    l.clause.id,
                    ctx.section_title(&l)
                ),
                _ => format!("In [^{}] ({}), what counts as “{word}”?", l.clause.id, ctx.section_title(&l)),
            },
            vec![
                ctx.cite(file, d.span.start, format!("{code} {}", d.message)),
                ctx.cite(file, l.clause.text_span.start, format!("[^{}]: {}", l.clause.id, excerpt(&l.clause.text, 160))),
            ],
            if code == "A105" {
                hedge_readings(ctx, &l, d, src, &word)
            } else {
                let mut readings = vec![
                Reading {
                    text: format!("Replace “{word}” with a standard a grader can check"),
                    why: "a grader can then tell a pass from a fail without guessing what you meant".into(),
                    ask: Some(format!(
                        "In “{}”, the words to write instead of “{word}”:",
                        excerpt(&l.clause.text, 120)
                    )),
                    change: Change::Amend {
                        file: ctx.abs(file),
                        span: d.span,
                        old: word.clone(),
                        with: None,
                    },
                },
                Reading {
                    text: format!("Define “{word}” once, for every rule that uses it"),
                    why: "the word then means the same thing in every clause, and the grader is shown the definition".into(),
                    ask: Some(format!("What “{word}” means here:")),
                    change: Change::Define {
                        file: ctx.definitions_file(file),
                        term: word.clone(),
                    },
                },
                allow(
                    ctx,
                    &l,
                    d,
                    "Leave it to the model's judgment, on purpose",
                    "the linter stops asking; the tests then measure the model's judgment, not the text",
                ),
            ];
                // A word many rules use ("appropriate") means different things in
                // them: one definition would force one meaning on all.
                // A hedge on when the rule applies ("when appropriate", "when
                // necessary") is answered by the condition, not a definition.
                if clauses_using(ctx, &word) > 3 || code.starts_with("A3") || code == "A103" {
                    readings.retain(|r| !matches!(r.change, Change::Define { .. }));
                }
                readings
            },
        ));
    }
}

/// How many clauses use `word` (as a whole word, any letter case).
fn clauses_using(ctx: &Ctx<'_>, word: &str) -> usize {
    let word = word.to_lowercase();
    ctx.pkg
        .documents
        .iter()
        .flat_map(|d| d.clauses.iter())
        .filter(|c| {
            c.text
                .to_lowercase()
                .split(|ch: char| !ch.is_alphanumeric() && ch != '-')
                .collect::<Vec<_>>()
                .windows(word.split_whitespace().count().max(1))
                .any(|w| w.join(" ") == word)
        })
        .count()
}

/// What to do with a word that hedges a rule's reach ("generally",
/// "typically"): name the exceptions, drop the word when there are none, or
/// keep it on purpose. (Defining a hedge would define it for every rule.)
fn hedge_readings(ctx: &Ctx<'_>, l: &Located<'_>, d: &Diagnostic, src: &str, word: &str) -> Vec<Reading> {
    // The word and one space beside it, so that dropping it leaves one space.
    let span = if src[d.span.end..].starts_with(' ') {
        Span::new(d.span.start, d.span.end + 1)
    } else if src[..d.span.start].ends_with(' ') {
        Span::new(d.span.start - 1, d.span.end)
    } else {
        d.span
    };
    let sentence_start =
        src[..d.span.start].trim_end().is_empty() || src[..d.span.start].trim_end().ends_with(['.', '!', '?', '\n']);
    let mut readings = vec![Reading {
        text: format!("Name the exceptions “{word}” stands for"),
        why: "a grader then knows which answers the rule lets through, and why".into(),
        ask: Some(format!(
            "The cases where [^{}] does not apply, as they follow “unless”:",
            l.clause.id
        )),
        change: Change::Insert {
            file: ctx.abs(l.doc.file),
            at: end_of_rule(src, l.clause),
            before: " unless ".into(),
            with: None,
            after: String::new(),
        },
    }];
    // Dropping a word that opens the sentence would leave a lower-case start.
    if !sentence_start {
        readings.push(Reading {
            text: format!("There are none: drop “{word}”"),
            why: "the rule then holds everywhere it says, and a grader fails every exception".into(),
            ask: None,
            change: Change::Amend {
                file: ctx.abs(l.doc.file),
                span,
                old: src[span.range()].to_string(),
                with: Some(String::new()),
            },
        });
    }
    readings.push(allow(
        ctx,
        l,
        d,
        "Leave the exceptions to the model's judgment, on purpose",
        "the linter stops asking; the tests then measure the model's judgment, not the text",
    ));
    readings
}

/// Tested clauses whose sentence describes the assistant rather than saying
/// what it must do (issue 15's classifier reads it as explanation): the
/// grader is left to guess which answer fails.
fn descriptive(ctx: &Ctx<'_>, out: &mut Vec<Question>) {
    use specc_syntax::normative::{Actors, Kind as SentenceKind, classify};
    for doc in &ctx.pkg.documents {
        let src = ctx.ws.sources.file(doc.file).text.as_str();
        let actors = Actors::learn(src);
        for c in &doc.clauses {
            // A list item reads through its lead-in, and a part of a sentence
            // with several markers is no sentence of its own.
            if c.authority.is_none() || c.list.is_some() || c.lead_in.is_some() || c.focus_span.is_some() {
                continue;
            }
            let prompts = ctx.prompts.get(&c.id).copied().unwrap_or(0);
            if prompts == 0 {
                continue; // asked about as untested
            }
            let plain = specc_syntax::text::squash(&specc_syntax::text::strip_links(&unmarked(&c.text)));
            // "This includes ...", "For example, ...": the previous sentence's rule, continued.
            let lower = plain.to_lowercase();
            // "It asks relevant questions", "The assistant is concrete": the
            // assistant's behaviour in the present tense reads as a rule.
            let subject_is_assistant = |s: &str| {
                ["the assistant ", "it ", "its ", "the model "]
                    .iter()
                    .any(|p| s.starts_with(p))
                    || actors.names().iter().any(|n| s.starts_with(&format!("{n} ")))
            };
            // After a leading phrase too: "When asked for advice, the assistant is concrete".
            let about_assistant = subject_is_assistant(&lower)
                || lower
                    .split_once(", ")
                    .is_some_and(|(_, main)| subject_is_assistant(main));
            // A norm without a modal: "situations that require caution", "a casual tone is more fitting".
            const NORM_WORDS: &[&str] = &[
                "require",
                "requires",
                "required",
                "demand",
                "demands",
                "warrant",
                "warrants",
                "call for",
                "calls for",
                "fitting",
                "appropriate",
                "better",
                "best",
                "preferred",
                "preferable",
                "expected",
                "needed",
                "necessary",
                "important",
                "essential",
                "ideal",
                "ideally",
                "encouraged",
                "discouraged",
                "acceptable",
                "unacceptable",
                "okay",
                "ok",
                "fine",
            ];
            let spaced = format!(" {} ", lower.replace(|c: char| !c.is_alphanumeric(), " "));
            let normish = NORM_WORDS.iter().any(|w| spaced.contains(&format!(" {w} ")));
            if about_assistant
                || normish
                || [
                    "this ",
                    "these ",
                    "that ",
                    "such ",
                    "for example",
                    "e.g.",
                    "for instance",
                ]
                .iter()
                .any(|p| lower.starts_with(p))
                // The classifier reads normalised text (lower case, straight quotes).
                || classify(&lower.replace(['’', '‘'], "'"), &actors) != SentenceKind::Explanatory
            {
                continue;
            }
            let l = Located { doc, clause: c };
            let mut readings = Vec::new();
            let at_end = src[c.marker.end..]
                .trim_start_matches(' ')
                .starts_with(['.', '!', '?', '\n'])
                || c.marker.end >= src.len();
            if at_end && c.text_span.start < c.marker.start {
                let span = Span::new(c.text_span.start, end_of_rule(src, c));
                readings.push(Reading {
                    text: format!("Restate [^{}] as what the assistant must do", c.id),
                    why: "a grader then fails an answer for something the clause says, not for a mood it guesses"
                        .into(),
                    ask: Some(format!(
                        "[^{}] as a rule, one sentence (it replaces “{}”):",
                        c.id,
                        excerpt(&plain, 80)
                    )),
                    change: Change::Amend {
                        file: ctx.abs(doc.file),
                        span,
                        old: src[span.range()].to_string(),
                        with: None,
                    },
                });
            }
            readings.push(Reading {
                text: "A description on purpose: graders judge answers by its spirit".into(),
                why: "recorded, so the next reader knows the looseness is meant".into(),
                ask: None,
                change: Change::Note,
            });
            out.push(ctx.question(
                Kind::Descriptive,
                &[&c.id],
                Some(&l),
                format!(
                    "[^{}] ({}) says how things are, not what the assistant must do: “{}”. Which answer to its {} fails it?",
                    c.id,
                    ctx.section_title(&l),
                    excerpt(plain.trim_end_matches(['.', ' ']), 140),
                    if prompts == 1 { "test prompt".to_string() } else { format!("{prompts} test prompts") }
                ),
                vec![ctx.cite(doc.file, c.marker.start, format!("[^{}] states no obligation, prohibition or permission", c.id))],
                readings,
            ));
        }
    }
}

/// A clause's text without its `[^id]` markers.
fn unmarked(text: &str) -> String {
    text.split("[^")
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once(']').map_or("", |(_, r)| r)
            }
        })
        .collect()
}

/// Clauses that yield to an instruction ("unless explicitly instructed to
/// do so by a higher authority", "unless instructed otherwise") whose test
/// prompts give none: no developer or system message, and no user message
/// that asks for something else. `specc test` then checks only that the rule
/// holds, never that it yields, nor to whom.
fn untested_exceptions(ctx: &Ctx<'_>, out: &mut Vec<Question>) {
    use specc_syntax::Role;
    const YIELDS: &[&str] = &[
        "unless explicitly instructed",
        "unless otherwise instructed",
        "unless instructed",
        "instructed otherwise",
        "unless told otherwise",
        "unless explicitly told",
        "unless the developer",
        "unless a developer",
        "unless the operator",
        "unless an operator",
    ];
    // A user's message that instructs ("from now on", "I want you to", "talk to me like").
    const INSTRUCTS: &[&str] = &[
        "from now on",
        "i want you to",
        "i'd like you to",
        "you should",
        "you must",
        "please be",
        "please talk",
        "please use",
        "please don't",
        "talk to me",
        "pretend",
        "act as",
        "instruct",
        "be more",
        "stop being",
        "don't be",
    ];
    for doc in &ctx.pkg.documents {
        for c in &doc.clauses {
            if c.authority.is_none() || ctx.prompts.get(&c.id).copied().unwrap_or(0) == 0 {
                continue; // no prompt at all is asked about as untested
            }
            let plain = specc_syntax::text::squash(&specc_syntax::text::strip_links(&unmarked(&c.text)));
            let lower = plain.to_lowercase();
            let Some(phrase) = YIELDS.iter().find(|p| lower.contains(*p)) else {
                continue;
            };
            let Some(tests) = ctx
                .pkg
                .test_files
                .iter()
                .find(|t| matches!(&t.kind, specc_syntax::DocumentKind::TestFile { clause } if *clause == c.id))
            else {
                continue;
            };
            // A file too large to keep was streamed: its messages cannot be read here.
            if tests.streamed.examples > 0 || tests.examples.is_empty() {
                continue;
            }
            let instructs = |m: &specc_syntax::Message| match m.role {
                Role::Developer | Role::System => true,
                Role::User => {
                    let text = m.content.to_lowercase().replace('’', "'");
                    INSTRUCTS.iter().any(|i| text.contains(i))
                }
                _ => false,
            };
            if tests.examples.iter().flat_map(|e| e.messages()).any(instructs) {
                continue;
            }
            // An inline example of the section exercises the exception.
            if let Some(sec) = c.section.map(|s| &doc.sections[s]) {
                let inline = doc
                    .examples
                    .iter()
                    .filter(|e| sec.extent.contains(e.span.start))
                    .flat_map(|e| e.messages())
                    .any(instructs);
                if inline {
                    continue;
                }
            }
            let l = Located { doc, clause: c };
            let file = doc.file;
            let n = tests.example_count();
            let at = lower.find(phrase).unwrap_or(0);
            // The exception as the clause words it, up to the end of its clause.
            let words: String = plain
                .get(at..)
                .unwrap_or("")
                .replace("---", "—")
                .split([',', ';', '(', ')', '—'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches('.')
                .to_string();
            let section_title = ctx.section_title(&l);
            let lowest = c.authority.as_ref() == ctx.chain.last();
            out.push(ctx.question(
                Kind::UntestedException,
                &[&c.id],
                Some(&l),
                format!(
                    "[^{}] ({}) yields when it is instructed otherwise (“{}”), but none of its {} test prompt{} gives such an instruction: \
                     what prompt shows the rule giving way, or holding against someone who may not lift it?",
                    c.id,
                    section_title,
                    excerpt(&words, 80),
                    n,
                    if n == 1 { "" } else { "s" }
                ),
                vec![
                    ctx.cite(file, c.text_span.start, format!("[^{}]: “{}”", c.id, excerpt(&words, 80))),
                    ctx.cite(
                        tests.file,
                        0,
                        format!("{n} test prompt{}: no developer or system message, no user instruction", if n == 1 { "" } else { "s" }),
                    ),
                ],
                vec![
                    Reading {
                        text: "A prompt whose instruction lifts the rule (from a level that may): the assistant should give way"
                            .into(),
                        why: "`specc test` then checks that the exception works, not only the rule".into(),
                        ask: Some(PROMPT_ASK.into()),
                        change: Change::TestPrompt {
                            clause: c.id.clone(),
                            section_title: section_title.clone(),
                            prompt: None,
                        },
                    },
                    Reading {
                        // The lowest level yields to implicit instructions too.
                        text: format!(
                            "A prompt where the same request only comes from text the assistant reads (a tool result, a \
                             pasted document, a third party){}: the rule should hold",
                            if lowest { "" } else { " or is only implied" }
                        ),
                        why: "`specc test` then checks what does not lift it, which the text leaves to the reader".into(),
                        ask: Some(PROMPT_ASK.into()),
                        change: Change::TestPrompt {
                            clause: c.id.clone(),
                            section_title,
                            prompt: None,
                        },
                    },
                ],
            ));
        }
    }
}

/// The reading that keeps the text and silences the lint finding `d` on its
/// paragraph (`<!-- specc-allow CODE -->` before it).
fn allow(ctx: &Ctx<'_>, l: &Located<'_>, d: &Diagnostic, text: &str, why: &str) -> Reading {
    let paragraph = l
        .doc
        .prose
        .iter()
        .find(|p| p.span.start <= d.span.start && d.span.start <= p.span.end)
        .map(|p| p.span.start)
        .unwrap_or(l.clause.text_span.start);
    Reading {
        text: text.into(),
        why: why.into(),
        ask: None,
        change: Change::Insert {
            file: ctx.abs(l.doc.file),
            at: paragraph,
            before: String::new(),
            with: Some(format!("<!-- specc-allow {} -->\n", d.code.as_str())),
            after: String::new(),
        },
    }
}

/// One obligation at two strengths in a section (A901) where the weaker one
/// is a clause: is the clause as binding as the other statement?
fn mixed_strength(ctx: &Ctx<'_>, lint: &[Diagnostic], out: &mut Vec<Question>) {
    for d in lint {
        if d.code.as_str() != "A901" {
            continue;
        }
        let Some(file) = d.file else { continue };
        let Some(l) = ctx.clause_at(file, d.span.start) else {
            continue;
        };
        // "should ... unless X" says when the weaker form applies, as the finding asks.
        if l.clause.text.to_lowercase().contains(" unless ") {
            continue;
        }
        // "`should not provide` here, but `must not provide` on line 862 ...".
        let quoted: Vec<&str> = d.message.split('`').skip(1).step_by(2).collect();
        let [weak, strong, ..] = quoted[..] else { continue };
        let line = d
            .message
            .split("on line ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse::<usize>().ok());
        let src = ctx.ws.sources.file(file).text.as_str();
        if src.get(d.span.range()) != Some(weak) {
            continue;
        }
        // "For example, the assistant must not ...": an instance of the rule, not a second statement of it.
        let strong_sentence = line
            .and_then(|n| src.lines().nth(n - 1))
            .and_then(|text| {
                let at = text.find(strong)?;
                let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
                Some(text[start..].trim_start().to_lowercase())
            })
            .unwrap_or_default();
        if ["for example", "for instance", "e.g.", "as an example"]
            .iter()
            .any(|p| strong_sentence.starts_with(p))
        {
            continue;
        }
        let mut evidence = vec![ctx.cite(file, d.span.start, format!("A901 {}", d.message))];
        if let Some(line) = line {
            evidence.push(Cite {
                file: ctx.path(file),
                line,
                what: format!("“{strong}”, the stronger statement"),
            });
        }
        out.push(ctx.question(
            Kind::Wording,
            &[&l.clause.id, weak, strong],
            Some(&l),
            format!(
                "In [^{}] ({}), “{weak}”, but the same section says “{strong}”{}: is [^{}] as binding, or when may the assistant do otherwise?",
                l.clause.id,
                ctx.section_title(&l),
                line.map(|n| format!(" on line {n}")).unwrap_or_default(),
                l.clause.id
            ),
            evidence,
            vec![
                Reading {
                    text: format!("As binding: write “{strong}” in [^{}]", l.clause.id),
                    why: if weak.contains(" not ") || weak.contains("never") || weak.contains("n't") {
                        "a grader then fails every answer that does it, whatever the context".into()
                    } else {
                        "a grader then fails every answer that does not, whatever the context".into()
                    },
                    ask: None,
                    change: Change::Amend {
                        file: ctx.abs(file),
                        span: d.span,
                        old: weak.to_string(),
                        with: Some(strong.to_string()),
                    },
                },
                Reading {
                    text: format!("Weaker on purpose: say when [^{}] gives way", l.clause.id),
                    why: "the grader then knows which answers the weaker word lets through".into(),
                    ask: Some(format!("The case it gives way in, as it follows “unless” at the end of [^{}]:", l.clause.id)),
                    change: Change::Insert {
                        file: ctx.abs(file),
                        at: end_of_rule(src, l.clause),
                        before: " unless ".into(),
                        with: None,
                        after: String::new(),
                    },
                },
                allow(
                    ctx,
                    &l,
                    d,
                    "Both strengths are meant as written",
                    "the linter stops asking; graders read the two words as the text has them",
                ),
            ],
        ));
    }
}

/// Whether the text around a flagged word already answers the question the
/// word raises, so asking would waste the author's time:
/// - an effort verb ("try to", "aim to") in a sentence that names the result
///   it asks for: a grader checks the result (the linter still reports it);
/// - a reasonable-person standard ("as reasonably inferred from the context");
/// - the standard named right after the word ("where appropriate (e.g. ...)",
///   "such as", a colon);
/// - a subjective word the spec gives a section of its own ("clearly" in a
///   spec with "Be clear and direct"), or one its examples illustrate (a
///   GOOD or BAD answer whose note uses the word);
/// - the cases named right after it ("when appropriate, particularly on ...").
fn settled_nearby(ctx: &Ctx<'_>, l: &Located<'_>, src: &str, span: Span, code: &str, word: &str) -> bool {
    if code == "A305" {
        return true;
    }
    let lower = word.to_lowercase();
    let after = &src[span.end..src.len().min(span.end + 40)];
    let after_lower = after.to_lowercase();
    if lower.starts_with("reasonabl")
        && after_lower
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with("ed") || matches!(w, "be" | "expect" | "infer" | "assume"))
    {
        return true;
    }
    if after_lower.starts_with(" (e.g")
        || after_lower.starts_with(" (for example")
        || after_lower.starts_with(" (such as")
        || after_lower.starts_with(", such as")
        || after_lower.starts_with(" such as")
        || after_lower.starts_with(':')
        || after_lower.starts_with(", particularly")
        || after_lower.starts_with(", especially")
        || after_lower.starts_with(" (particularly")
    {
        return true;
    }
    // "scientific, historical, news, artistic or other contexts where sensitive
    // content is appropriate": the cases are listed before the word.
    let clause_start = src[..span.start].rfind(['.', '\n']).map_or(0, |i| i + 1);
    let before = src[clause_start..span.start].to_lowercase();
    if let Some(i) = before.rfind(" or other ").or_else(|| before.rfind(" and other "))
        && before[..i].matches(", ").count() >= 2
    {
        return true;
    }
    // "excessive hedging (e.g. ...)": the phrase the word belongs to is exemplified.
    let phrase_end = [", ", "; ", ". "]
        .iter()
        .filter_map(|b| after_lower.find(b))
        .min()
        .unwrap_or(after_lower.len());
    if after_lower[..phrase_end].contains("(e.g") || after_lower[..phrase_end].contains("(for example") {
        return true;
    }
    // "generally ... unless ...", or the next sentence opens with the case
    // ("Typically X. If it's impossible, Y."): the exceptions are named.
    if code == "A105" {
        let sentence = l.clause.text.to_lowercase();
        if sentence.contains(" unless ") || sentence.contains(" except ") || sentence.starts_with("unless ") {
            return true;
        }
        let next = &src[sentence_end(src, l.clause)..];
        if !next.starts_with("\n\n")
            && let Some(first) = next.split_whitespace().next()
            && matches!(
                first.trim_end_matches(',').to_lowercase().as_str(),
                "if" | "unless" | "except" | "when" | "where" | "however"
            )
        {
            return true;
        }
    }
    // The rule's paragraph is followed by a part headed "When to ..." or
    // "How ...": the standard the word leaves open is given there.
    let from = sentence_end(src, l.clause);
    let next_block = src[from..]
        .find("\n\n")
        .and_then(|i| src[from + i..].lines().find(|line| !line.trim().is_empty()));
    if let Some(line) = next_block {
        let line = line.trim();
        let heading = line.starts_with('#') || (line.len() > 4 && line.starts_with("**") && line.ends_with("**"));
        let lower = line
            .trim_start_matches('#')
            .trim()
            .trim_matches('*')
            .trim()
            .to_lowercase();
        if heading && (lower.starts_with("when ") || lower.starts_with("how ")) {
            return true;
        }
    }
    if code.starts_with("A2") {
        let stem: String = lower.chars().take(5).collect();
        let titled = ctx.pkg.documents.iter().flat_map(|d| d.sections.iter()).any(|sec| {
            sec.title
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.len() >= 4 && w.starts_with(&stem))
        });
        // The spec's own GOOD or BAD answers say it ("<!-- BAD: not natural -->").
        let _ = l;
        let illustrated = src.lines().any(|line| {
            let t = line.to_lowercase();
            t.contains("<!--") && (t.contains("good") || t.contains("bad")) && t.contains(&stem)
        });
        if titled || illustrated {
            return true;
        }
    }
    false
}

/// `*term*` and `**term**` in a clause's sentence, where the spec defines no such term.
fn undefined_terms(ctx: &Ctx<'_>, out: &mut Vec<Question>) {
    let defined: HashSet<String> = ctx
        .pkg
        .documents
        .iter()
        .flat_map(|d| d.definitions.iter())
        .flat_map(|d| std::iter::once(d.term.to_lowercase()).chain(d.aliases.iter().map(|a| a.to_lowercase())))
        .collect();
    let mut asked = HashSet::new();
    for doc in &ctx.pkg.documents {
        let src = ctx.ws.sources.file(doc.file).text.as_str();
        for c in &doc.clauses {
            if c.authority.is_none() {
                continue;
            }
            // A sentence with several markers: only the part this clause marks.
            let own = c.focus_span.unwrap_or(c.text_span);
            let text = &src[own.range()];
            for (start, term) in emphasised(text) {
                let lower = term.to_lowercase();
                let plural = lower.trim_end_matches('s');
                if defined.contains(&lower) || defined.contains(plural) || !asked.insert(lower.clone()) {
                    continue;
                }
                // Emphasis on a word or two is a term; a whole phrase, or a
                // modal or negation ("the assistant *should*", "*not*"), is stress.
                const STRESS: &[&str] = &[
                    "should", "must", "may", "can", "cannot", "not", "never", "always", "only", "all", "any", "no",
                    "every", "both", "either", "neither", "before", "after", "and", "or", "is", "are", "do", "does",
                    "did", "will", "would", "could", "might", "shall", "also", "too", "very",
                ];
                if term.split_whitespace().count() > 3 || term.len() < 3 || STRESS.contains(&lower.as_str()) {
                    continue;
                }
                let l = Located { doc, clause: c };
                let at = own.start + start;
                out.push(ctx.question(
                    Kind::UndefinedTerm,
                    &[&lower],
                    Some(&l),
                    format!(
                        "What does “{term}” mean in [^{}]? The spec emphasises it but never defines it.",
                        c.id
                    ),
                    vec![ctx.cite(doc.file, at, format!("[^{}]: {}", c.id, excerpt(&c.text, 160)))],
                    vec![Reading {
                        text: format!("Define “{term}”"),
                        why: "the grader is shown the definition, so it reads the term as you do".into(),
                        ask: Some(format!("What “{term}” means:")),
                        change: Change::Define {
                            file: ctx.definitions_file(doc.file),
                            term: term.clone(),
                        },
                    }],
                ));
            }
        }
    }
}

/// Emphasised runs in Markdown text: `*x*`, `_x_`, `**x**`, with their offsets.
fn emphasised(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'*' || c == b'_' {
            let double = bytes.get(i + 1) == Some(&c);
            let open = if double { 2 } else { 1 };
            let start = i + open;
            let close = if double {
                text[start..].find(if c == b'*' { "**" } else { "__" })
            } else {
                text[start..].find(c as char)
            };
            if let Some(len) = close {
                let inner = &text[start..start + len];
                let word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
                if word_start
                    && !inner.is_empty()
                    && !inner.starts_with(' ')
                    && !inner.contains('\n')
                    && !inner.contains('[')
                {
                    out.push((start, inner.to_string()));
                }
                i = start + len + open;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn precedent_text(
    case: &TestCase,
    run: i64,
    sample: u32,
    answer: &str,
    ruling: Verdict,
    inputs: &Inputs<'_>,
) -> String {
    render_precedent(
        case,
        run,
        sample,
        answer,
        &Decision {
            ruling,
            rationale: RATIONALE,
            by: &inputs.who,
            on: &inputs.today,
        },
    )
}

/// Stands for the author's one-line reason in a precedent until it is known.
pub(crate) const RATIONALE: &str = "{{rationale}}";

fn run_disagreement(ctx: &Ctx<'_>, run: &RunData, inputs: &Inputs<'_>, out: &mut Vec<Question>) {
    let cases = specc_suite::cases_of(ctx.pkg);
    for g in &run.groups {
        let Some(clause) = &g.clause else { continue };
        let c = g.counts;
        let graded = c.pass + c.fail + c.unclear;
        // Split verdicts, or any `unclear` one: the grader could not decide.
        if graded == 0 || !(c.pass > 0 && c.fail > 0 || c.unclear > 0) {
            continue;
        }
        let Some(l) = ctx.clause(clause) else { continue };
        let Some(sample) = run
            .unpassed
            .iter()
            .find(|s| s.clause.as_deref() == Some(clause.as_str()) && s.answer.is_some())
        else {
            continue;
        };
        let Some(case) = cases.iter().find(|k| k.id == sample.case) else {
            continue;
        };
        let answer = sample.answer.clone().unwrap_or_default();
        let p = c.pass as f64 / graded as f64;
        let split = (4.0 * p * (1.0 - p) + c.unclear as f64 / graded as f64).min(1.0);
        let prompt = last_user(case);
        let verdict = sample.verdict.map(|v| v.to_string()).unwrap_or_else(|| "error".into());
        let file = l.doc.file;
        let src = ctx.ws.sources.file(file).text.as_str();
        let mut q = ctx.question(
            Kind::RunDisagreement,
            &[clause, &sample.case],
            Some(&l),
            format!(
                "In run {}, [^{clause}] got {} pass, {} fail and {} unclear of {graded}: the model and the grader read it differently. Asked “{}”, the model answered “{}”, graded {verdict}. Does that answer follow the clause?",
                run.run,
                c.pass,
                c.fail,
                c.unclear,
                excerpt(&prompt, 100),
                excerpt(&answer, 200)
            ),
            vec![
                Cite {
                    file: ".specc/results.db".into(),
                    line: 0,
                    what: format!(
                        "run {}, case {} sample {}: {verdict}; the grader: {}",
                        run.run,
                        sample.case,
                        sample.sample,
                        excerpt(&sample.rationale, 160)
                    ),
                },
                ctx.cite(file, l.clause.text_span.start, format!("[^{clause}]: {}", excerpt(&l.clause.text, 160))),
            ],
            vec![
                Reading {
                    text: "Yes: rule it a pass".into(),
                    why: "a precedent the grader is shown from now on, and a case whose answer takes the ruling".into(),
                    ask: Some("Why, in one line (optional):".into()),
                    change: Change::Precedent {
                        clause: clause.clone(),
                        text: precedent_text(case, run.run, sample.sample, &answer, Verdict::Pass, inputs),
                    },
                },
                Reading {
                    text: "No: rule it a fail".into(),
                    why: "a precedent the grader is shown from now on, and a case whose answer takes the ruling".into(),
                    ask: Some("Why, in one line (optional):".into()),
                    change: Change::Precedent {
                        clause: clause.clone(),
                        text: precedent_text(case, run.run, sample.sample, &answer, Verdict::Fail, inputs),
                    },
                },
                Reading {
                    text: "The clause does not say: add a sentence to it that settles this case".into(),
                    why: "model and grader then read the same rule".into(),
                    ask: Some(format!("The sentence to add after [^{clause}]:")),
                    change: Change::Insert {
                        file: ctx.abs(file),
                        at: sentence_end(src, l.clause),
                        before: " ".into(),
                        with: None,
                        after: String::new(),
                    },
                },
            ],
        );
        // Scaled by how evenly the verdicts split (or how many were unclear).
        q.uncertainty *= split.max(0.3);
        q.score = q.impact * q.uncertainty;
        out.push(q);
    }
}

/// Just after a clause's sentence (its marker and closing punctuation).
pub fn sentence_end(src: &str, c: &Clause) -> usize {
    let mut at = c.marker.end.max(c.text_span.end).min(src.len());
    while at < src.len() && matches!(src.as_bytes()[at], b'.' | b'!' | b'?' | b'"' | b'*' | b'_') {
        at += 1;
    }
    at
}

fn last_user(case: &TestCase) -> String {
    case.prompt
        .iter()
        .rev()
        .find(|m| m.role == ChatRole::User)
        .map(|m| m.content.clone())
        .unwrap_or_default()
}

fn calibration(ctx: &Ctx<'_>, inputs: &Inputs<'_>, out: &mut Vec<Question>) {
    for m in &inputs.calibration {
        let Some(clause) = &m.case.clause else { continue };
        let Some(l) = ctx.clause(clause) else { continue };
        let (label, judged) = match m.expected {
            Verdict::Pass => ("GOOD", "failing"),
            _ => ("BAD", "passing"),
        };
        let file = l.doc.file;
        let src = ctx.ws.sources.file(file).text.as_str();
        let prompt = last_user(&m.case);
        out.push(ctx.question(
            Kind::Calibration,
            &[clause, &m.case.id, &m.answer],
            Some(&l),
            format!(
                "The grader, reading [^{clause}], judged the spec's own {label} answer to “{}” as {judged}: “{}”. Which is right?",
                excerpt(&prompt, 100),
                excerpt(&m.answer, 200)
            ),
            vec![
                Cite {
                    file: ctx.path(file),
                    line: ctx.line(file, l.clause.text_span.start),
                    what: format!("[^{clause}]: {}", excerpt(&l.clause.text, 160)),
                },
                Cite {
                    file: "grader".into(),
                    line: 0,
                    what: format!("case {}: expected {}, the grader said {}", m.case.id, m.expected, m.got),
                },
            ],
            vec![
                Reading {
                    text: format!("The example is right: record the answer as a {} precedent", m.expected),
                    why: "the grader is shown the ruling from now on, and calibration counts it".into(),
                    ask: Some("Why, in one line (optional):".into()),
                    change: Change::Precedent {
                        clause: clause.clone(),
                        text: precedent_text(&m.case, 0, 0, &m.answer, m.expected, inputs),
                    },
                },
                Reading {
                    text: "The clause does not say what the example shows: add a sentence to it".into(),
                    why: "a grader reading the clause alone then reaches the example's verdict".into(),
                    ask: Some(format!("The sentence to add after [^{clause}]:")),
                    change: Change::Insert {
                        file: ctx.abs(file),
                        at: sentence_end(src, l.clause),
                        before: " ".into(),
                        with: None,
                        after: String::new(),
                    },
                },
                Reading {
                    text: format!("The grader is right: the example's {label} label is wrong"),
                    why: "recorded; fix the label in the example so calibration stops counting it against the grader".into(),
                    ask: None,
                    change: Change::Note,
                },
            ],
        ));
    }
}

fn contradicting_precedents(ctx: &Ctx<'_>, out: &mut Vec<Question>) {
    for doc in &ctx.pkg.precedents {
        let file = doc.file;
        let mut by_prompt: BTreeMap<String, Vec<&specc_syntax::Precedent>> = BTreeMap::new();
        for p in &doc.precedents {
            let Some(ex) = &p.example else { continue };
            let user: Vec<String> = ex
                .messages()
                .filter(|m| m.role == specc_syntax::Role::User)
                .map(|m| specc_syntax::text::squash(&m.content).to_lowercase())
                .collect();
            by_prompt.entry(user.join("\n")).or_default().push(p);
        }
        for (_, group) in by_prompt {
            let pass = group.iter().find(|p| p.ruling == Some(Ruling::Pass));
            let fail = group.iter().find(|p| p.ruling == Some(Ruling::Fail));
            let (Some(pass), Some(fail)) = (pass, fail) else {
                continue;
            };
            let l = ctx.clause(&pass.clause);
            out.push(ctx.question(
                Kind::ContradictingPrecedents,
                &[&pass.clause, &pass.title, &fail.title],
                l.as_ref(),
                format!(
                    "Two precedents of [^{}] rule the same prompt differently: “{}” passes and “{}” fails. Which ruling stands?",
                    pass.clause, pass.title, fail.title
                ),
                vec![
                    ctx.cite(file, pass.span.start, format!("pass: {}", pass.title)),
                    ctx.cite(file, fail.span.start, format!("fail: {}", fail.title)),
                ],
                vec![
                    Reading {
                        text: format!("“{}” stands (pass): remove the fail ruling", pass.title),
                        why: "the grader is no longer shown two answers to one question".into(),
                        ask: None,
                        change: Change::Remove {
                            file: ctx.abs(file),
                            span: fail.span,
                            what: fail.title.clone(),
                        },
                    },
                    Reading {
                        text: format!("“{}” stands (fail): remove the pass ruling", fail.title),
                        why: "the grader is no longer shown two answers to one question".into(),
                        ask: None,
                        change: Change::Remove {
                            file: ctx.abs(file),
                            span: pass.span,
                            what: pass.title.clone(),
                        },
                    },
                ],
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_is_found_but_not_inside_words() {
        let found = emphasised("Follow *applicable instructions* and snake_case_names, **verified customers** only.");
        let terms: Vec<&str> = found.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(terms, ["applicable instructions", "verified customers"]);
    }
}
