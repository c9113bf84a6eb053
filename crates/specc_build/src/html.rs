//! The `html` target: the spec as one self-contained page (`index.html`) with
//! its style inline and a Content-Security-Policy that forbids scripts and any
//! network load. Navigation by section; every section's heading carries its ID
//! as the anchor and its authority as a badge; commentary is set apart;
//! conversation examples are chat transcripts with GOOD/BAD/OK answers and
//! their reasons; each section ends with its clauses, their test prompts and,
//! when a run exists, their latest pass rates with Wilson 95% intervals.
//!
//! Every piece of spec or model text is escaped (Markdown is rendered with raw
//! HTML shown as text, see `markdown.rs`). Clause anchors are `clause-<id>`,
//! because clause and section IDs are separate namespaces.

use crate::markdown::{escape, render};
use crate::{OutputFile, relative_path, spec_hash};
use specc_diagnostics::plural;
use specc_project::{Package, Workspace};
use specc_suite::{VerdictCounts, wilson};
use specc_syntax::{
    Clause, Document, DocumentKind, Example, ExpectationKind, Judgement, Message, Precedent, Ruling, Turn,
};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// What a page built on the site adds to it (`specc report`'s failing
/// answers, filters and charts): the site renderer calls these at fixed
/// places and knows nothing else of what implements them. Each returns HTML
/// that is already escaped.
pub(crate) trait Annotate {
    /// The page title's suffix.
    fn title(&self) -> String;
    /// CSS appended to the site's.
    fn css(&self) -> String;
    /// Markup before `<nav>` (the filters' inputs: sibling selectors reach `<main>`).
    fn filter_inputs(&self) -> String;
    /// After the site's header.
    fn summary(&self) -> String;
    /// Opens a section's block; the site closes it after [`Annotate::section_answers`].
    fn section_block_open(&self, section: &str) -> String;
    /// At the end of a section's block.
    fn section_answers(&self, section: &str) -> String;
    /// Classes of a clause's block.
    fn clause_classes(&self, clause: &Clause) -> String;
    /// After a clause's text.
    fn clause_answers(&self, clause: &str) -> String;
    /// At the end of `<main>`.
    fn orphan_results(&self) -> String;
}

/// The latest run's results, per clause (test-file cases) and per section
/// (inline-example cases).
#[derive(Clone, Debug, Default)]
pub struct PassRates {
    /// The run's ID in the results database.
    pub run: i64,
    pub started_at: String,
    /// The target model's identity.
    pub target: String,
    /// By clause ID: the clause's test prompts.
    pub clauses: BTreeMap<String, VerdictCounts>,
    /// By section ID: the section's inline examples.
    pub sections: BTreeMap<String, VerdictCounts>,
}

/// What the site shows besides the spec.
#[derive(Clone, Debug, Default)]
pub struct HtmlOptions {
    /// The latest run's results, when a results database exists.
    pub results: Option<PassRates>,
}

const CSS: &str = r#"
:root { --fg:#1d1f23; --muted:#5c6370; --bg:#fff; --line:#e3e5e8; --accent:#2f5fb3; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--fg); background:var(--bg); display:flex; }
nav#toc { position:sticky; top:0; align-self:flex-start; height:100vh; overflow:auto; width:19rem; flex:none; padding:1rem; border-right:1px solid var(--line); font-size:14px; background:#fafbfc; }
nav#toc ul { list-style:none; padding-left:0.9rem; margin:0.1rem 0; }
nav#toc > ul { padding-left:0; }
nav#toc a { color:var(--fg); text-decoration:none; }
nav#toc a:hover { text-decoration:underline; }
main { max-width:56rem; padding:1rem 2.5rem 4rem; min-width:0; }
a { color:var(--accent); }
h1,h2,h3,h4,h5,h6 { line-height:1.25; margin-top:2rem; scroll-margin-top:1rem; }
.anchor { color:var(--muted); text-decoration:none; font-weight:normal; margin-left:0.3rem; font-size:0.8em; }
.badge { display:inline-block; font-size:12px; font-weight:600; line-height:1; padding:0.25rem 0.45rem; border-radius:0.7rem; margin-left:0.3rem; vertical-align:middle; border:1px solid transparent; }
.authority { background:#eef2f8; color:#2a3f66; border-color:#c9d4e6; }
.authority-root { background:#fde8e8; color:#8a1c1c; border-color:#f2c0c0; }
.authority-system { background:#fff1de; color:#7a4a00; border-color:#f0d2a6; }
.authority-developer { background:#e9f5ea; color:#1e5b27; border-color:#bfe0c3; }
.authority-user { background:#e8f1fd; color:#1f4a85; border-color:#bcd3f3; }
.authority-guideline { background:#f1ecfa; color:#4b2f80; border-color:#d6c9ef; }
.tag, .status { background:#f3f4f6; color:var(--muted); border-color:var(--line); }
.good { background:#e6f4ea; color:#17602b; }
.bad { background:#fde7e7; color:#8f1d1d; }
.ok { background:#fff5d6; color:#6b5200; }
aside.commentary { border-left:4px solid #b8c2d1; background:#f5f7fa; padding:0.4rem 1rem; margin:1rem 0; color:#3b4350; }
aside.commentary .commentary-title { font-weight:700; font-size:13px; text-transform:uppercase; letter-spacing:0.04em; color:var(--muted); margin:0.3rem 0; }
figure.example, figure.test-prompt { margin:1.2rem 0; border:1px solid var(--line); border-radius:0.5rem; padding:0.6rem 0.9rem; background:#fcfcfd; }
figcaption { font-weight:600; margin-bottom:0.4rem; }
.msg { border-radius:0.5rem; padding:0.35rem 0.8rem; margin:0.4rem 0; border:1px solid var(--line); background:#fff; }
.msg .role { font-size:12px; font-weight:700; text-transform:uppercase; color:var(--muted); letter-spacing:0.04em; }
.role-user { margin-left:3rem; background:#f2f6fd; }
.role-system, .role-developer { background:#f6f6f6; }
.role-tool { background:#f7f3ea; }
.comparison { border-left:3px solid var(--line); padding-left:0.6rem; }
.answer.good { border-color:#9fd3ad; background:#f4fbf6; color:inherit; }
.answer.bad { border-color:#eeb1b1; background:#fdf5f5; color:inherit; }
.answer.ok { border-color:#ecd78f; background:#fffcef; color:inherit; }
.reason { color:var(--muted); font-style:italic; }
.msg .role .reason, .msg .role .violates, .msg .role .attr { text-transform:none; letter-spacing:0; font-weight:normal; }
.editor-note { color:var(--muted); font-size:13px; }
.content p:first-child { margin-top:0.2rem; } .content p:last-child { margin-bottom:0.2rem; }
pre { background:#f3f4f6; padding:0.6rem; overflow:auto; white-space:pre-wrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size:0.92em; }
section.clauses { margin:1rem 0 1.5rem; border-top:1px dashed var(--line); padding-top:0.4rem; }
.clause { margin:0.6rem 0; }
.clause-head { margin:0.2rem 0; font-size:14px; }
.clause-text { margin:0.2rem 0 0.2rem 0.5rem; padding-left:0.7rem; border-left:3px solid #d7dce3; }
.pass-rate { font-size:13px; color:var(--muted); margin-left:0.4rem; }
.untested { color:#8f1d1d; font-size:13px; }
.precedent { border-left:3px solid var(--line); padding-left:0.7rem; margin:0.6rem 0; }
.expect { font-size:14px; }
table { border-collapse:collapse; } td, th { border:1px solid var(--line); padding:0.2rem 0.5rem; }
header.site p { color:var(--muted); margin:0.2rem 0; }
"#;

/// The site's files (`index.html`).
pub fn html(ws: &Workspace, pkg: &Package, opts: &HtmlOptions) -> Vec<OutputFile> {
    let page = Page::new(ws, pkg, opts);
    vec![OutputFile {
        path: "index.html".into(),
        contents: page.render(),
    }]
}

pub(crate) struct Page<'a> {
    ws: &'a Workspace,
    pkg: &'a Package,
    opts: &'a HtmlOptions,
    titles: HashMap<String, String>,
    /// Test files by clause.
    tests: HashMap<&'a str, &'a Document>,
    /// Precedents by clause, with the file that holds them.
    precedents: HashMap<&'a str, Vec<(&'a Document, &'a Precedent)>>,
    /// `specc report`'s additions (failing answers, filters, charts); `None` for the site.
    report: Option<&'a dyn Annotate>,
}

impl<'a> Page<'a> {
    pub(crate) fn new(ws: &'a Workspace, pkg: &'a Package, opts: &'a HtmlOptions) -> Page<'a> {
        let mut titles = HashMap::new();
        for d in &pkg.documents {
            for s in &d.sections {
                titles.entry(s.id.clone()).or_insert_with(|| s.title.clone());
            }
        }
        let mut tests = HashMap::new();
        for t in &pkg.test_files {
            if let DocumentKind::TestFile { clause } = &t.kind {
                tests.insert(clause.as_str(), t);
            }
        }
        let mut precedents: HashMap<&str, Vec<_>> = HashMap::new();
        for d in &pkg.precedents {
            for p in &d.precedents {
                precedents.entry(p.clause.as_str()).or_default().push((d, p));
            }
        }
        Page {
            ws,
            pkg,
            opts,
            titles,
            tests,
            precedents,
            report: None,
        }
    }

    /// The same page with a report's annotations.
    pub(crate) fn with_report(mut self, report: &'a dyn Annotate) -> Page<'a> {
        self.report = Some(report);
        self
    }

    pub(crate) fn render(&self) -> String {
        let name = self.pkg.config.spec.name.clone().unwrap_or_else(|| {
            self.pkg
                .root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "spec".into())
        });
        let version = self.pkg.config.spec.version.as_ref().map(|v| v.get_ref().clone());
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
             <meta name=\"generator\" content=\"specc {}\">\n<title>{}</title>\n<style>{CSS}{}</style>\n</head>\n<body>\n",
            if self.report.is_some() { "report" } else { "build" },
            escape(&match self.report {
                Some(r) => format!("{name} — {}", r.title()),
                None => name.clone(),
            }),
            self.report.map(|r| r.css()).unwrap_or_default()
        );
        if let Some(r) = self.report {
            // The filters' inputs come before <main>, so CSS sibling selectors reach everything in it.
            out.push_str(&r.filter_inputs());
        }
        out.push_str("<nav id=\"toc\" aria-label=\"Sections\">\n");
        let _ = writeln!(out, "<p><strong>{}</strong></p>", escape(&name));
        for d in &self.pkg.documents {
            self.nav(&mut out, d);
        }
        out.push_str("</nav>\n<main>\n<header class=\"site\">\n");
        let _ = writeln!(out, "<h1 class=\"site-title\">{}</h1>", escape(&name));
        let _ = writeln!(
            out,
            "<p>{}spec version <code class=\"spec-hash\">{}</code></p>",
            version
                .map(|v| format!("release {} · ", escape(&v)))
                .unwrap_or_default(),
            spec_hash(self.ws, self.pkg)
        );
        match &self.opts.results {
            Some(r) => {
                let _ = writeln!(
                    out,
                    "<p class=\"results-source\">Pass rates from run #{} ({}, target {}).</p>",
                    r.run,
                    escape(&r.started_at),
                    escape(&r.target)
                );
            }
            None => out.push_str("<p class=\"results-source\">No results database: run <code>specc test</code> to see pass rates here.</p>\n"),
        }
        out.push_str("</header>\n");
        if let Some(r) = self.report {
            out.push_str(&r.summary());
        }
        for d in &self.pkg.documents {
            self.document(&mut out, d);
        }
        self.orphan_tests(&mut out);
        if let Some(r) = self.report {
            out.push_str(&r.orphan_results());
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }

    fn nav(&self, out: &mut String, d: &Document) {
        // Children of each section (None: top level), in document order.
        let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (i, s) in d.sections.iter().enumerate() {
            children.entry(s.parent).or_default().push(i);
        }
        fn list(out: &mut String, d: &Document, children: &HashMap<Option<usize>, Vec<usize>>, at: Option<usize>) {
            let Some(kids) = children.get(&at) else { return };
            out.push_str("<ul>\n");
            for &i in kids {
                let s = &d.sections[i];
                let _ = write!(out, "<li><a href=\"#{}\">{}</a>", escape(&s.id), escape(&s.title));
                list(out, d, children, Some(i));
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        list(out, d, &children, None);
    }

    fn document(&self, out: &mut String, d: &Document) {
        let src = &self.ws.sources.file(d.file).text;
        let _ = writeln!(
            out,
            "<article class=\"document\" data-path=\"{}\">",
            escape(&relative_path(self.pkg, &d.path))
        );
        enum Region {
            Heading(usize),
            Commentary(usize),
            Example(usize),
        }
        let mut regions: Vec<(usize, usize, Region)> = Vec::new();
        for (i, s) in d.sections.iter().enumerate() {
            regions.push((s.span.start, s.span.end, Region::Heading(i)));
        }
        for (i, c) in d.commentary.iter().enumerate() {
            regions.push((c.span.start, c.span.end, Region::Commentary(i)));
        }
        for (i, e) in d.examples.iter().enumerate() {
            regions.push((e.span.start, e.span.end, Region::Example(i)));
        }
        regions.sort_by_key(|r| (r.0, r.1));
        let mut at = 0usize;
        let mut current: Option<usize> = None;
        for (start, end, region) in regions {
            if start < at {
                continue; // nested in a region already shown
            }
            self.prose(out, &src[at.min(src.len())..start.min(src.len())]);
            match region {
                Region::Heading(i) => {
                    self.clauses(out, d, current);
                    if let Some(r) = self.report {
                        // Each section's content is one block the filters can hide.
                        if let Some(c) = current {
                            out.push_str(&r.section_answers(&d.sections[c].id));
                            out.push_str("</div>\n");
                        }
                        out.push_str(&r.section_block_open(&d.sections[i].id));
                    }
                    current = Some(i);
                    self.heading(out, d, i);
                }
                Region::Commentary(i) => {
                    let c = &d.commentary[i];
                    let body = dedent(src.get(c.body_span.range()).unwrap_or(""));
                    let _ = write!(
                        out,
                        "<aside class=\"commentary commentary-{}\">\n<p class=\"commentary-title\">{}</p>\n{}</aside>\n",
                        escape(&c.kind),
                        escape(c.title.as_deref().unwrap_or(&c.kind)),
                        render(&body, &self.titles)
                    );
                }
                Region::Example(i) => self.example(out, &d.examples[i], "example", src),
            }
            at = end;
        }
        self.prose(out, &src[at.min(src.len())..]);
        self.clauses(out, d, current);
        if let (Some(r), Some(c)) = (self.report, current) {
            out.push_str(&r.section_answers(&d.sections[c].id));
            out.push_str("</div>\n");
        }
        out.push_str("</article>\n");
    }

    fn prose(&self, out: &mut String, md: &str) {
        if !md.trim().is_empty() {
            out.push_str(&render(md, &self.titles));
        }
    }

    fn heading(&self, out: &mut String, d: &Document, i: usize) {
        let s = &d.sections[i];
        let level = s.level.clamp(1, 6);
        let id = escape(&s.id);
        let _ = write!(out, "<h{level} id=\"{id}\" class=\"section\">{}", escape(&s.title));
        match &s.authority {
            Some(a) => {
                let _ = write!(
                    out,
                    "<span class=\"badge authority authority-{0}\" title=\"authority level\">{0}</span>",
                    escape(a)
                );
            }
            None => out.push_str(
                "<span class=\"badge authority unranked\" title=\"no authority level: not normative\">unranked</span>",
            ),
        }
        for t in &s.tags {
            let _ = write!(out, "<span class=\"badge tag\" title=\"tag\">{}</span>", escape(t));
        }
        if let Some(st) = &s.status {
            let _ = write!(
                out,
                "<span class=\"badge status\" title=\"status\">{}</span>",
                escape(st)
            );
        }
        if let Some(t) = self.opts.results.as_ref().and_then(|r| r.sections.get(&s.id)) {
            out.push_str(&pass_rate(t));
        }
        let _ = writeln!(
            out,
            "<a class=\"anchor\" href=\"#{id}\" aria-label=\"link to this section\">#</a></h{level}>"
        );
    }

    /// A section's clauses with their test prompts and pass rates.
    fn clauses(&self, out: &mut String, d: &Document, section: Option<usize>) {
        let clauses: Vec<_> = d.clauses.iter().filter(|c| c.section == section).collect();
        if clauses.is_empty() {
            return;
        }
        out.push_str("<section class=\"clauses\">\n");
        for c in clauses {
            let id = escape(&c.id);
            let filter = self.report.map(|r| r.clause_classes(c)).unwrap_or_default();
            let _ = write!(
                out,
                "<div class=\"clause{filter}\" id=\"clause-{id}\">\n<p class=\"clause-head\"><a href=\"#clause-{id}\"><code>[^{id}]</code></a>"
            );
            if let Some(a) = &c.authority {
                let _ = write!(
                    out,
                    "<span class=\"badge authority authority-{0}\">{0}</span>",
                    escape(a)
                );
            }
            if let Some(t) = self.opts.results.as_ref().and_then(|r| r.clauses.get(&c.id)) {
                out.push_str(&pass_rate(t));
            }
            out.push_str("</p>\n<div class=\"clause-text\">");
            if let Some(lead) = &c.lead_in {
                out.push_str(&render(lead, &self.titles));
            }
            out.push_str(&render(&c.text, &self.titles));
            out.push_str("</div>\n");
            if let Some(r) = self.report {
                out.push_str(&r.clause_answers(&c.id));
            }
            match self.tests.get(c.id.as_str()) {
                Some(t) if !t.examples.is_empty() => {
                    let n = t.examples.len();
                    let _ = writeln!(
                        out,
                        "<details class=\"test-prompts\"><summary>{} ({})</summary>",
                        plural(n, "test prompt", "test prompts"),
                        escape(&relative_path(self.pkg, &t.path))
                    );
                    let src = &self.ws.sources.file(t.file).text;
                    for ex in &t.examples {
                        self.example(out, ex, "test-prompt", src);
                    }
                    out.push_str("</details>\n");
                }
                _ => out.push_str("<p class=\"untested\">No test prompts.</p>\n"),
            }
            self.precedents(out, &c.id);
            out.push_str("</div>\n");
        }
        out.push_str("</section>\n");
    }

    /// A clause's rulings: the judged conversation, pass or fail, and the rationale.
    fn precedents(&self, out: &mut String, clause: &str) {
        let Some(list) = self.precedents.get(clause) else {
            return;
        };
        let n = list.len();
        let _ = writeln!(
            out,
            "<details class=\"precedents\"><summary>{}</summary>",
            plural(n, "precedent", "precedents")
        );
        for (d, p) in list {
            let (cls, ruling) = match p.ruling {
                Some(Ruling::Pass) => ("good", "pass"),
                Some(Ruling::Fail) => ("bad", "fail"),
                None => ("ok", "no ruling"),
            };
            let _ = writeln!(
                out,
                "<div class=\"precedent\">\n<p><strong>Precedent:</strong> {} <span class=\"badge {cls}\">{ruling}</span>{}</p>",
                escape(&p.title),
                p.decided
                    .as_ref()
                    .map(|x| format!(" <span class=\"reason\">decided {}</span>", escape(x)))
                    .unwrap_or_default()
            );
            if let Some(ex) = &p.example {
                self.example(out, ex, "precedent-conversation", &self.ws.sources.file(d.file).text);
            }
            if let Some(r) = &p.rationale {
                let _ = writeln!(
                    out,
                    "<div class=\"rationale\"><strong>Rationale:</strong> {}</div>",
                    render(r, &self.titles)
                );
            }
            out.push_str("</div>\n");
        }
        out.push_str("</details>\n");
    }

    /// Test files whose clause does not exist still belong in the documentation.
    fn orphan_tests(&self, out: &mut String) {
        let known: std::collections::HashSet<&str> = self
            .pkg
            .documents
            .iter()
            .flat_map(|d| d.clauses.iter().map(|c| c.id.as_str()))
            .collect();
        let orphans: Vec<&Document> = self
            .pkg
            .test_files
            .iter()
            .filter(|t| matches!(&t.kind, DocumentKind::TestFile { clause } if !known.contains(clause.as_str())))
            .collect();
        if orphans.is_empty() {
            return;
        }
        out.push_str("<section class=\"orphans\">\n<h2>Test files without a clause</h2>\n");
        for t in orphans {
            let _ = writeln!(out, "<h3>{}</h3>", escape(&relative_path(self.pkg, &t.path)));
            let src = &self.ws.sources.file(t.file).text;
            for ex in &t.examples {
                self.example(out, ex, "test-prompt", src);
            }
        }
        out.push_str("</section>\n");
    }

    fn example(&self, out: &mut String, ex: &Example, class: &str, src: &str) {
        let anchor = ex
            .cases
            .first()
            .map(|c| format!(" id=\"case-{}\"", escape(&c.id)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<figure class=\"{class}\"{anchor}>\n<figcaption>Example: {}</figcaption>",
            escape(&ex.title)
        );
        if !ex.well_formed {
            let _ = writeln!(
                out,
                "<p class=\"untested\">This example could not be read completely (see <code>specc check</code>); its source:</p>\n<pre>{}</pre>",
                escape(src.get(ex.span.range()).unwrap_or(""))
            );
        } else {
            out.push_str("<div class=\"transcript\">\n");
            for t in &ex.turns {
                match t {
                    Turn::Message(m) => self.message(out, m),
                    Turn::Comparison(c) => {
                        out.push_str("<div class=\"comparison\">\n");
                        for a in &c.answers {
                            self.message(out, a);
                        }
                        out.push_str("</div>\n");
                    }
                }
            }
            out.push_str("</div>\n");
        }
        if !ex.expectations.is_empty() {
            out.push_str("<p class=\"expect-title\"><strong>Expect:</strong></p>\n<ul class=\"expect\">\n");
            for e in &ex.expectations {
                match &e.check {
                    ExpectationKind::Rubric { text } => {
                        let _ = writeln!(out, "<li>{}</li>", escape(text));
                    }
                    ExpectationKind::Assertion { kind, argument } => {
                        let kind = serde_json::to_value(kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default();
                        let _ = writeln!(out, "<li><code>{}: {}</code></li>", escape(&kind), escape(argument));
                    }
                }
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</figure>\n");
    }

    fn message(&self, out: &mut String, m: &Message) {
        let role = m.role.as_str();
        let (class, verdict) = match m.marker.as_ref().map(|mk| mk.judgement) {
            Some(Judgement::Good) => (" answer good", Some(("good", "GOOD"))),
            Some(Judgement::Bad) => (" answer bad", Some(("bad", "BAD"))),
            Some(Judgement::Ok) => (" answer ok", Some(("ok", "OK"))),
            None => ("", None),
        };
        let _ = write!(
            out,
            "<div class=\"msg role-{}{class}\">\n<div class=\"role\">{}",
            escape(role),
            escape(role)
        );
        for (k, v) in m.attributes.iter().filter(|(k, _)| k != "comment") {
            let _ = write!(out, " <span class=\"attr\">{}={}</span>", escape(k), escape(v));
        }
        if let (Some((cls, label)), Some(mk)) = (verdict, &m.marker) {
            let _ = write!(out, " <span class=\"badge verdict {cls}\">{label}</span>");
            if let Some(s) = &mk.section {
                let _ = write!(out, " <a class=\"violates\" href=\"#{0}\">[#{0}]</a>", escape(s));
            }
            if let Some(r) = &mk.reason {
                let _ = write!(out, " <span class=\"reason\">{}</span>", escape(r));
            }
        }
        out.push_str("</div>\n");
        if let Some(note) = m.attribute("comment") {
            let _ = writeln!(out, "<p class=\"editor-note\">Editor's note: {}</p>", escape(note));
        }
        let _ = write!(
            out,
            "<div class=\"content\">{}</div>\n</div>\n",
            render(&dedent(&m.content), &self.titles)
        );
    }
}

/// `pass 80% (95% CI 49–94%, 8 of 10)`, with unclear verdicts and errors beside it.
pub(crate) fn pass_rate(t: &VerdictCounts) -> String {
    let n = t.pass + t.fail;
    let mut s = if n == 0 {
        "<span class=\"pass-rate\">no graded samples".to_string()
    } else {
        let (lo, hi) = wilson(t.pass, n);
        format!(
            "<span class=\"pass-rate\" data-pass=\"{}\" data-n=\"{n}\">pass {:.0}% (95% CI {:.0}–{:.0}%, {} of {n})",
            t.pass,
            100.0 * t.pass as f64 / n as f64,
            100.0 * lo,
            100.0 * hi,
            t.pass
        )
    };
    if t.unclear > 0 {
        let _ = write!(s, ", {} unclear", t.unclear);
    }
    if t.errors > 0 {
        let _ = write!(s, ", {}", plural(t.errors, "error", "errors"));
    }
    s.push_str("</span>");
    s
}

/// Removes the indentation all non-blank lines share (commentary bodies, indented messages).
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    text.lines()
        // Only cut bytes that are the ASCII indentation itself (never inside a character).
        .map(|l| match l.get(..indent) {
            Some(head) if head.bytes().all(|b| b == b' ' || b == b'\t') => &l[indent..],
            _ => l.trim_start(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SPEC: &str = "# Rules {#rules authority=root tags=under_18}\n\nBe kind[^k1nd]. See [?](#other).\n\n!!! meta \"Commentary\"\n    Kindness <b>matters</b>.\n\n**Example**: xss\n\n~~~xml\n<user comment=\"why\">\nHi\n</user>\n<comparison>\n<assistant> <!-- BAD[#other]: injects -->\n<script>alert(1)</script> \"><img src=x onerror=alert(1)>\n</assistant>\n<assistant> <!-- GOOD: plain -->\nHello.\n</assistant>\n</comparison>\n~~~\n\n## Other {#other}\n\nText.\n";

    fn page(results: Option<PassRates>) -> String {
        let ws = Workspace::from_texts(
            Path::new("."),
            &[
                ("spec.md", SPEC),
                (
                    "examples/k1nd.md",
                    "Examples for [^k1nd] in Rules:\n\n**Example**: rude\n\n~~~xml\n<user>\nYou <i>are</i> useless\n</user>\n~~~\n",
                ),
                (
                    "precedents/k1nd.md",
                    "**Precedent**: curt <reply>\n\n~~~xml\n<user>\nHi\n</user>\n<assistant>\nWhat.\n</assistant>\n~~~\n\n**Ruling**: fail\n\n**Rationale**: curt is not <em>kind</em>.\n",
                ),
            ],
        );
        html(&ws, ws.root(), &HtmlOptions { results }).remove(0).contents
    }

    #[test]
    fn anchors_badges_commentary_examples_and_escaping() {
        let h = page(None);
        assert!(h.contains("<h1 id=\"rules\" class=\"section\">Rules<span class=\"badge authority authority-root\""));
        assert!(h.contains("<h2 id=\"other\""));
        assert!(h.contains("<a href=\"#other\">Other</a>"), "[?] takes the title");
        assert!(h.contains("<aside class=\"commentary commentary-meta\">"));
        assert!(h.contains("Kindness &lt;b&gt;matters&lt;/b&gt;"));
        assert!(h.contains("<span class=\"badge verdict bad\">BAD</span> <a class=\"violates\" href=\"#other\">[#other]</a> <span class=\"reason\">injects</span>"));
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!h.contains("<script"), "no script element");
        assert!(!h.contains("<img"), "no img element");
        assert!(h.contains("<div class=\"clause\" id=\"clause-k1nd\">"));
        assert!(h.contains("1 test prompt (examples/k1nd.md)"));
        assert!(h.contains("You &lt;i&gt;are&lt;/i&gt; useless"));
        assert!(h.contains("Editor&#39;s note: why") || h.contains("Editor's note: why"));
        assert_eq!(h.matches("<figure class=\"example\"").count(), 1);
        assert_eq!(h.matches("<figure class=\"test-prompt\"").count(), 1);
        assert!(h.contains("No results database"));
        assert!(
            h.contains("<strong>Precedent:</strong> curt &lt;reply&gt; <span class=\"badge bad\">fail</span>"),
            "{h}"
        );
        assert!(h.contains("curt is not &lt;em&gt;kind&lt;/em&gt;."), "{h}");
    }

    #[test]
    fn dedent_never_cuts_a_character() {
        // The second line is blank but for U+3000, whose first byte sits at the indentation's end.
        assert_eq!(dedent("    a\n  \u{3000}\n    b"), "a\n\nb");
        assert_eq!(dedent("    x\n      y"), "x\n  y");
    }

    #[test]
    fn pass_rates_with_wilson_intervals() {
        let mut r = PassRates {
            run: 7,
            started_at: "2026-01-01 00:00:00".into(),
            target: "m".into(),
            ..Default::default()
        };
        r.clauses.insert(
            "k1nd".into(),
            VerdictCounts {
                pass: 8,
                fail: 2,
                unclear: 1,
                errors: 0,
            },
        );
        let h = page(Some(r));
        assert!(h.contains("pass 80% (95% CI 49–94%, 8 of 10), 1 unclear"), "{h}");
        assert!(h.contains("run #7"));
    }
}
