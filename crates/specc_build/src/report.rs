//! `specc report` (#report): one self-contained HTML file for a run of
//! `specc test`. It is the documentation site (`html.rs`) of the spec with,
//! besides each clause's pass rate and Wilson 95% interval, the answers that
//! did not pass with the grader's rationale, a summary table, filters by
//! section, authority and verdict, and charts (pass rate by section and by
//! authority level, and the trend across the spec's runs) drawn as inline SVG.
//!
//! The page keeps the site's Content-Security-Policy (`default-src 'none'`):
//! no script runs and nothing loads from the network. The filters are CSS
//! only: hidden radio buttons placed before `<main>`, and one rule per choice
//! (`#fs-3:checked ~ main .filterable:not(.in-s3) { display: none }`). Without
//! CSS every result is still shown. Filter classes are built from indexes,
//! never from spec or model text. Every model answer and rationale is
//! HTML-escaped and shown as preformatted text, never as Markdown, so a model
//! cannot add a link or markup to the page.

use crate::html::{Annotate, HtmlOptions, Page, PassRates, pass_rate};
use crate::markdown::escape;
use specc_diagnostics::plural;
use specc_project::{Package, Workspace};
use specc_suite::VerdictCounts;
use specc_suite::results::{CaseOutcome, RunInfo, TrendPoint, UnpassedSample};
use specc_suite::{Verdict, wilson};
use specc_syntax::Clause;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;

/// A run's results, read from the results database by the caller.
#[derive(Clone, Debug)]
pub struct ReportData {
    pub run: RunInfo,
    /// Verdict counts per case of the run.
    pub outcomes: Vec<CaseOutcome>,
    /// The samples of the run that did not pass.
    pub unpassed: Vec<UnpassedSample>,
    /// The runs of the same spec, oldest first (the run itself included).
    pub trend: Vec<TrendPoint>,
    /// `[test] pass-threshold`, to flag clauses below it.
    pub threshold: f64,
}

/// Renders the report page.
pub fn report(ws: &Workspace, pkg: &Package, data: &ReportData) -> String {
    let mut rates = PassRates {
        run: data.run.id,
        started_at: data.run.started_at.clone(),
        target: data.run.target.clone(),
        ..Default::default()
    };
    for o in &data.outcomes {
        let t = tally(o);
        match (&o.clause, &o.section) {
            (Some(c), _) => rates.clauses.entry(c.clone()).or_default().add(&t),
            (None, Some(s)) => rates.sections.entry(s.clone()).or_default().add(&t),
            (None, None) => {}
        }
    }
    let opts = HtmlOptions { results: Some(rates) };
    let notes = Annotations::new(pkg, data, &opts);
    Page::new(ws, pkg, &opts).with_report(&notes).render()
}

fn tally(o: &CaseOutcome) -> VerdictCounts {
    o.counts
}

/// A section as the filters and charts know it.
struct SectionInfo {
    title: String,
    depth: usize,
    /// Its index and its ancestors' (global indexes over every document).
    chain: Vec<usize>,
    authority: Option<String>,
}

/// What the report adds to the site's page; `html.rs` calls these hooks.
struct Annotations<'a> {
    pkg: &'a Package,
    data: &'a ReportData,
    opts: &'a HtmlOptions,
    /// Sections in document order; their position is their filter index.
    sections: Vec<(String, SectionInfo)>,
    section_index: HashMap<String, usize>,
    /// Authority levels, highest first, then `unranked`.
    levels: Vec<String>,
    /// Unpassed samples by clause ID or `§section`.
    unpassed: HashMap<String, Vec<&'a UnpassedSample>>,
    /// Verdict kinds present in each section's own results (clauses and inline examples).
    section_verdicts: HashMap<String, BTreeSet<&'static str>>,
    /// The clause IDs of the spec, to tell which results have no clause any more.
    clause_ids: HashMap<&'a str, &'a Clause>,
}

/// Answers shown per clause: enough to see what goes wrong, while a large
/// failing run still makes a page a browser opens.
const MAX_ANSWERS: usize = 20;

const VERDICTS: [(&str, &str); 5] = [
    ("fail", "failing"),
    ("unclear", "unclear"),
    ("error", "errors"),
    ("pass", "passing"),
    ("none", "no results"),
];

fn verdicts_of(t: Option<&VerdictCounts>) -> BTreeSet<&'static str> {
    let mut v = BTreeSet::new();
    match t {
        Some(t) => {
            if t.pass > 0 {
                v.insert("pass");
            }
            if t.fail > 0 {
                v.insert("fail");
            }
            if t.unclear > 0 {
                v.insert("unclear");
            }
            if t.errors > 0 {
                v.insert("error");
            }
            if v.is_empty() {
                v.insert("none");
            }
        }
        None => {
            v.insert("none");
        }
    }
    v
}

fn key_of(clause: Option<&String>, section: Option<&String>) -> String {
    match (clause, section) {
        (Some(c), _) => c.clone(),
        (None, s) => format!("§{}", s.map(String::as_str).unwrap_or("")),
    }
}

impl<'a> Annotations<'a> {
    fn new(pkg: &'a Package, data: &'a ReportData, opts: &'a HtmlOptions) -> Annotations<'a> {
        let mut sections: Vec<(String, SectionInfo)> = Vec::new();
        let mut section_index = HashMap::new();
        for d in &pkg.documents {
            let base = sections.len();
            for (k, s) in d.sections.iter().enumerate() {
                let chain: Vec<usize> = d.ancestors(k).map(|i| base + i).collect();
                let depth = chain.len() - 1;
                section_index.entry(s.id.clone()).or_insert(sections.len());
                sections.push((
                    s.id.clone(),
                    SectionInfo {
                        title: s.title.clone(),
                        depth,
                        chain,
                        authority: s.authority.clone(),
                    },
                ));
            }
        }
        let mut levels = pkg.config.authority_levels();
        levels.push("unranked".into());
        let mut unpassed: HashMap<String, Vec<&UnpassedSample>> = HashMap::new();
        for u in &data.unpassed {
            unpassed
                .entry(key_of(u.clause.as_ref(), u.section.as_ref()))
                .or_default()
                .push(u);
        }
        let results = opts.results.as_ref();
        let mut clause_ids = HashMap::new();
        let mut section_verdicts: HashMap<String, BTreeSet<&'static str>> = HashMap::new();
        for d in &pkg.documents {
            for c in &d.clauses {
                clause_ids.entry(c.id.as_str()).or_insert(c);
                if let Some(si) = c.section {
                    let v = verdicts_of(results.and_then(|r| r.clauses.get(&c.id)));
                    section_verdicts.entry(d.sections[si].id.clone()).or_default().extend(v);
                }
            }
            for s in &d.sections {
                let v = verdicts_of(results.and_then(|r| r.sections.get(&s.id)));
                let e = section_verdicts.entry(s.id.clone()).or_default();
                // A section with no inline example of its own says nothing by itself.
                if results.is_some_and(|r| r.sections.contains_key(&s.id)) || e.is_empty() {
                    e.extend(v);
                }
            }
        }
        Annotations {
            pkg,
            data,
            opts,
            sections,
            section_index,
            levels,
            unpassed,
            section_verdicts,
            clause_ids,
        }
    }

    fn title(&self) -> String {
        format!("report of run #{}", self.data.run.id)
    }

    fn level_index(&self, authority: Option<&str>) -> usize {
        let a = authority.map_or("unranked", specc_syntax::canonical_authority);
        self.levels.iter().position(|l| l == a).unwrap_or(self.levels.len() - 1)
    }

    /// ` filterable in-s1 in-s4 a-2 v-fail v-pass`: the classes the filters select on.
    fn classes<'v>(
        &self,
        section: Option<&str>,
        authority: Option<&str>,
        verdicts: impl IntoIterator<Item = &'v str>,
    ) -> String {
        let mut s = String::from(" filterable");
        if let Some(i) = section.and_then(|id| self.section_index.get(id)) {
            for k in &self.sections[*i].1.chain {
                let _ = write!(s, " in-s{k}");
            }
        }
        let _ = write!(s, " a-{}", self.level_index(authority));
        for v in verdicts {
            let _ = write!(s, " v-{v}");
        }
        s
    }

    fn clause_classes(&self, c: &Clause) -> String {
        let section = c.section.and_then(|si| {
            self.pkg
                .documents
                .iter()
                .find(|d| d.clauses.iter().any(|x| std::ptr::eq(x, c)))
                .map(|d| d.sections[si].id.as_str())
        });
        let t = self.opts.results.as_ref().and_then(|r| r.clauses.get(&c.id));
        self.classes(section, c.authority.as_deref(), verdicts_of(t))
    }

    fn section_block_open(&self, id: &str) -> String {
        let authority = self
            .section_index
            .get(id)
            .and_then(|i| self.sections[*i].1.authority.as_deref());
        let v = self.section_verdicts.get(id).cloned().unwrap_or_default();
        format!(
            "<div class=\"sec-block{}\">\n",
            self.classes(Some(id), authority, v.iter().copied())
        )
    }

    /// The answers of a clause that did not pass, folded under the clause.
    fn clause_answers(&self, clause: &str) -> String {
        self.answers(clause)
    }

    /// The answers of a section's inline examples that did not pass.
    fn section_answers(&self, section: &str) -> String {
        self.answers(&format!("§{section}"))
    }

    fn answers(&self, key: &str) -> String {
        let Some(list) = self.unpassed.get(key) else {
            return String::new();
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<details class=\"unpassed\" open><summary>{} that did not pass</summary>",
            plural(list.len(), "answer", "answers")
        );
        for u in list.iter().take(MAX_ANSWERS) {
            let kind = match u.verdict.map(Verdict::as_str) {
                Some("fail") => "fail",
                Some("unclear") => "unclear",
                _ => "error",
            };
            let badge = match kind {
                "fail" => "<span class=\"badge bad\">fail</span>",
                "unclear" => "<span class=\"badge ok\">unclear</span>",
                _ => "<span class=\"badge status\">error</span>",
            };
            let _ = writeln!(
                out,
                "<div class=\"answer-note{}\">\n<p class=\"answer-head\">{badge} <a href=\"#case-{}\"><code>{}</code></a> sample {}</p>",
                self.classes(u.section.as_deref(), u.authority.as_deref(), [kind]),
                escape(example_anchor(&u.case)),
                escape(&u.case),
                u.sample
            );
            match &u.answer {
                Some(a) => {
                    let _ = writeln!(out, "<pre class=\"model-text\">{}</pre>", escape(a));
                }
                None => out.push_str("<p class=\"untested\">No answer.</p>\n"),
            }
            if !u.rationale.is_empty() {
                let _ = writeln!(
                    out,
                    "<p class=\"grader-rationale\"><strong>Grader:</strong> {}</p>",
                    escape(&u.rationale)
                );
            }
            if let Some(e) = &u.error {
                let _ = writeln!(
                    out,
                    "<p class=\"grader-error\"><strong>Error:</strong> {}</p>",
                    escape(e)
                );
            }
            out.push_str("</div>\n");
        }
        if list.len() > MAX_ANSWERS {
            let _ = writeln!(
                out,
                "<p class=\"report-note\">{} more not shown; <code>specc test --format junit</code> lists every sample.</p>",
                list.len() - MAX_ANSWERS
            );
        }
        out.push_str("</details>\n");
        out
    }

    fn css(&self) -> String {
        let mut css = String::from(REPORT_CSS);
        let mut rule = |input: String, class: String| {
            let _ = writeln!(
                css,
                "#{input}:checked ~ main .filterable:not(.{class}) {{ display:none; }}\n#{input}:checked ~ main label[for={input}] {{ background:var(--accent); color:#fff; border-color:var(--accent); }}"
            );
        };
        for i in 0..self.sections.len() {
            rule(format!("fs-{i}"), format!("in-s{i}"));
        }
        for i in 0..self.levels.len() {
            rule(format!("fa-{i}"), format!("a-{i}"));
        }
        for (v, _) in VERDICTS {
            rule(format!("fv-{v}"), format!("v-{v}"));
        }
        for all in ["fs-all", "fa-all", "fv-all"] {
            let _ = writeln!(
                css,
                "#{all}:checked ~ main label[for={all}] {{ background:var(--accent); color:#fff; border-color:var(--accent); }}"
            );
        }
        css
    }

    fn filter_inputs(&self) -> String {
        let mut out = String::new();
        let mut radio = |name: &str, id: String, checked: bool| {
            let _ = writeln!(
                out,
                "<input type=\"radio\" class=\"filter-input\" name=\"{name}\" id=\"{id}\"{}>",
                if checked { " checked" } else { "" }
            );
        };
        radio("fs", "fs-all".into(), true);
        for i in 0..self.sections.len() {
            radio("fs", format!("fs-{i}"), false);
        }
        radio("fa", "fa-all".into(), true);
        for i in 0..self.levels.len() {
            radio("fa", format!("fa-{i}"), false);
        }
        radio("fv", "fv-all".into(), true);
        for (v, _) in VERDICTS {
            radio("fv", format!("fv-{v}"), false);
        }
        out
    }

    /// The run, the overall pass rate, the charts, the filters and the table of results.
    fn summary(&self) -> String {
        let run = &self.data.run;
        let mut overall = VerdictCounts::default();
        let mut by_level: BTreeMap<usize, VerdictCounts> = BTreeMap::new();
        let mut by_section: BTreeMap<usize, VerdictCounts> = BTreeMap::new();
        let mut orphan_sections = VerdictCounts::default();
        for o in &self.data.outcomes {
            let t = tally(o);
            overall.add(&t);
            by_level
                .entry(self.level_index(o.authority.as_deref()))
                .or_default()
                .add(&t);
            match o.section.as_ref().and_then(|s| self.section_index.get(s)) {
                Some(i) => by_section.entry(*i).or_default().add(&t),
                None => orphan_sections.add(&t),
            }
        }
        let mut out = String::from("<section class=\"report\" id=\"report\">\n<h2>Report</h2>\n");
        let _ = writeln!(
            out,
            "<dl class=\"run-meta\"><dt>Run</dt><dd>#{} ({}), {}</dd><dt>Started</dt><dd>{}{}</dd><dt>Target</dt><dd><code>{}</code></dd><dt>Grader</dt><dd><code>{}</code></dd>{}{}</dl>",
            run.id,
            escape(&run.status),
            escape(
                run.spec_version
                    .as_deref()
                    .map(|v| format!("spec release {v}"))
                    .as_deref()
                    .unwrap_or("no spec release")
            ),
            escape(&run.started_at),
            run.finished_at
                .as_deref()
                .map(|f| format!(", finished {}", escape(f)))
                .unwrap_or_default(),
            escape(&run.target),
            escape(&run.grader),
            run.git_rev
                .as_deref()
                .map(|g| format!("<dt>Git revision</dt><dd><code>{}</code></dd>", escape(g)))
                .unwrap_or_default(),
            format_args!(
                "<dt>Spec hash of the run</dt><dd><code>{}</code></dd>",
                escape(&run.spec_hash)
            ),
        );
        let _ = writeln!(
            out,
            "<p class=\"overall\"><strong>Overall:</strong> {}</p>",
            pass_rate(&overall)
        );
        out.push_str("<p class=\"report-note\">Pass rates count pass over pass plus fail; unclear verdicts and errors are shown beside them. Intervals are Wilson 95% score intervals.</p>\n");

        out.push_str("<div class=\"charts\">\n");
        let sec_rows: Vec<(String, VerdictCounts)> = by_section
            .iter()
            .map(|(i, t)| {
                let (_, s) = &self.sections[*i];
                (s.title.clone(), *t)
            })
            .collect();
        out.push_str(&figure(
            "chart-sections",
            "Pass rate by section",
            &bar_chart("chart-sections", &sec_rows),
        ));
        let level_rows: Vec<(String, VerdictCounts)> =
            by_level.iter().map(|(i, t)| (self.levels[*i].clone(), *t)).collect();
        out.push_str(&figure(
            "chart-authority",
            "Pass rate by authority level",
            &bar_chart("chart-authority", &level_rows),
        ));
        out.push_str(&figure(
            "chart-trend",
            &format!(
                "Overall pass rate across runs of {}",
                self.data
                    .run
                    .spec_name
                    .as_deref()
                    .map(|n| format!("“{n}”"))
                    .unwrap_or_else(|| "this spec".into())
            ),
            &trend_chart(&self.data.trend, run.id),
        ));
        out.push_str("</div>\n");

        out.push_str(&self.filter_panel());
        out.push_str(&self.results_table());
        out.push_str("</section>\n");
        out
    }

    fn filter_panel(&self) -> String {
        let mut out = String::from(
            "<div class=\"filters\" id=\"filters\" aria-label=\"Filters\">\n<p class=\"filters-note\">Filters hide what does not match, here and in the spec below.</p>\n",
        );
        let label = |out: &mut String, id: &str, text: &str| {
            let _ = write!(out, "<label for=\"{id}\" class=\"chip\">{}</label> ", escape(text));
        };
        out.push_str("<div class=\"filter-row\"><span class=\"filter-name\">Verdict:</span> ");
        label(&mut out, "fv-all", "all");
        for (v, text) in VERDICTS {
            label(&mut out, &format!("fv-{v}"), text);
        }
        out.push_str("</div>\n<div class=\"filter-row\"><span class=\"filter-name\">Authority:</span> ");
        label(&mut out, "fa-all", "all");
        for (i, l) in self.levels.iter().enumerate() {
            label(&mut out, &format!("fa-{i}"), l);
        }
        out.push_str("</div>\n<details class=\"filter-row\"><summary><span class=\"filter-name\">Section</span> (with its subsections)</summary>\n<div class=\"section-chips\">");
        label(&mut out, "fs-all", "all sections");
        for (i, (_, s)) in self.sections.iter().enumerate() {
            let _ = write!(
                out,
                "<label for=\"fs-{i}\" class=\"chip depth-{}\">{}</label> ",
                s.depth.min(4),
                escape(&s.title)
            );
        }
        out.push_str("</div></details>\n</div>\n");
        out
    }

    fn results_table(&self) -> String {
        let results = self.opts.results.as_ref();
        let mut out = String::from(
            "<table class=\"results\" id=\"results\">\n<caption>Results by clause and by section (inline examples)</caption>\n<thead><tr><th>clause / section</th><th>section</th><th>authority</th><th>pass rate (95% CI)</th><th>pass</th><th>fail</th><th>unclear</th><th>errors</th></tr></thead>\n<tbody>\n",
        );
        let row = |out: &mut String,
                   href: String,
                   label: String,
                   section: Option<&str>,
                   authority: Option<&str>,
                   t: Option<&VerdictCounts>| {
            let below = t.is_some_and(|t| {
                let n = t.pass + t.fail;
                n > 0 && (t.pass as f64 / n as f64) < self.data.threshold
            });
            let rate = match t {
                Some(t) if t.pass + t.fail > 0 => {
                    let n = t.pass + t.fail;
                    let (lo, hi) = wilson(t.pass, n);
                    format!(
                        "{:.0}% ({:.0}–{:.0}%){}",
                        100.0 * t.pass as f64 / n as f64,
                        100.0 * lo,
                        100.0 * hi,
                        if below {
                            " <span class=\"badge bad\">below threshold</span>"
                        } else {
                            ""
                        }
                    )
                }
                Some(_) => "no graded sample".into(),
                None => "not run".into(),
            };
            let t = t.copied().unwrap_or_default();
            let section_title = section
                .and_then(|s| self.section_index.get(s))
                .map(|i| self.sections[*i].1.title.as_str())
                .or(section)
                .unwrap_or("");
            let _ = writeln!(
                out,
                "<tr class=\"{}\"><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{rate}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                self.classes(section, authority, verdicts_of(Some(&t))).trim_start(),
                escape(&href),
                label,
                escape(section_title),
                escape(authority.unwrap_or("unranked")),
                t.pass,
                t.fail,
                t.unclear,
                t.errors
            );
        };
        for d in &self.pkg.documents {
            for (si, s) in d.sections.iter().enumerate() {
                if let Some(t) = results.and_then(|r| r.sections.get(&s.id)) {
                    row(
                        &mut out,
                        s.id.clone(),
                        format!("§ {}", escape(&s.title)),
                        Some(&s.id),
                        s.authority.as_deref(),
                        Some(t),
                    );
                }
                for c in d.clauses.iter().filter(|c| c.section == Some(si)) {
                    row(
                        &mut out,
                        format!("clause-{}", c.id),
                        format!("<code>[^{}]</code>", escape(&c.id)),
                        Some(&s.id),
                        c.authority.as_deref(),
                        results.and_then(|r| r.clauses.get(&c.id)),
                    );
                }
            }
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }

    /// Results of clauses or sections the spec no longer has (renamed or removed since the run).
    fn orphan_results(&self) -> String {
        let mut missing: BTreeMap<String, VerdictCounts> = BTreeMap::new();
        for o in &self.data.outcomes {
            let gone = match (&o.clause, &o.section) {
                (Some(c), _) => !self.clause_ids.contains_key(c.as_str()),
                (None, Some(s)) => !self.section_index.contains_key(s),
                (None, None) => true,
            };
            if gone {
                missing.entry(o.key()).or_default().add(&tally(o));
            }
        }
        if missing.is_empty() {
            return String::new();
        }
        let mut out = String::from(
            "<section class=\"orphan-results\" id=\"orphan-results\">\n<h2>Results for clauses and sections not in the spec</h2>\n<p>The run graded these, but the spec as it is now has no such clause or section (renamed or removed since).</p>\n",
        );
        for (key, t) in &missing {
            let _ = writeln!(
                out,
                "<div class=\"clause{}\"><p class=\"clause-head\"><code>{}</code>{}</p>\n{}</div>",
                self.classes(None, None, verdicts_of(Some(t))),
                escape(key),
                pass_rate(t),
                self.answers(key)
            );
        }
        out.push_str("</section>\n");
        out
    }
}

/// The anchor of the example that holds a case: the site anchors each example
/// at its first case, and the later comparisons of a multi-turn example are
/// `<first>/2`, `<first>/3`.
fn example_anchor(case: &str) -> &str {
    match case.rsplit_once('/') {
        Some((first, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => first,
        _ => case,
    }
}

fn figure(id: &str, caption: &str, svg: &str) -> String {
    format!(
        "<figure class=\"chart\" id=\"{id}-figure\">\n<figcaption>{}</figcaption>\n{svg}</figure>\n",
        escape(caption)
    )
}

const CHART_W: f64 = 680.0;
const LABEL_W: f64 = 250.0;
const ROW_H: f64 = 22.0;

/// A horizontal bar chart of pass rates (0–100%) with Wilson 95% whiskers.
fn bar_chart(id: &str, rows: &[(String, VerdictCounts)]) -> String {
    if rows.is_empty() {
        return "<p class=\"untested\">No graded samples.</p>\n".into();
    }
    let plot_w = CHART_W - LABEL_W - 130.0;
    let h = ROW_H * rows.len() as f64 + 30.0;
    let mut s = format!(
        "<svg class=\"chart-svg\" id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {CHART_W} {h}\" width=\"{CHART_W}\" height=\"{h}\">\n<title id=\"{id}-title\">Pass rate with 95% interval, one bar per row</title>\n"
    );
    for k in 0..=4 {
        let x = LABEL_W + plot_w * k as f64 / 4.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"4\" x2=\"{x:.1}\" y2=\"{:.1}\" class=\"grid\"/><text x=\"{x:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"middle\">{}%</text>",
            h - 22.0,
            h - 8.0,
            k * 25
        );
    }
    for (i, (label, t)) in rows.iter().enumerate() {
        let y = 6.0 + ROW_H * i as f64;
        let n = t.pass + t.fail;
        // About 6.5 pixels a character at 12px: 36 fit the label column.
        let name: String = if label.chars().count() > 36 {
            format!("{}…", label.chars().take(35).collect::<String>())
        } else {
            label.clone()
        };
        let _ = write!(
            s,
            "<g class=\"bar-row\"><title>{}</title><text x=\"{:.1}\" y=\"{:.1}\" class=\"label\" text-anchor=\"end\">{}</text>",
            escape(label),
            LABEL_W - 6.0,
            y + 13.0,
            escape(&name)
        );
        if n == 0 {
            let _ = writeln!(
                s,
                "<text x=\"{LABEL_W:.1}\" y=\"{:.1}\" class=\"value\">no graded sample</text></g>",
                y + 13.0
            );
            continue;
        }
        let rate = t.pass as f64 / n as f64;
        let (lo, hi) = wilson(t.pass, n);
        let class = if rate >= 0.8 {
            "bar-good"
        } else if rate >= 0.5 {
            "bar-mid"
        } else {
            "bar-bad"
        };
        let _ = writeln!(
            s,
            "<rect x=\"{LABEL_W:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" class=\"{class}\"/><line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" class=\"whisker\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"value\">{:.0}% ({} of {n})</text></g>",
            y + 3.0,
            (plot_w * rate).max(0.5),
            ROW_H - 8.0,
            LABEL_W + plot_w * lo,
            LABEL_W + plot_w * hi,
            y + 8.0,
            y + 8.0,
            LABEL_W + plot_w + 6.0,
            y + 13.0,
            100.0 * rate,
            t.pass
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The overall pass rate of each run of the spec, oldest to newest, with the
/// reported run marked.
fn trend_chart(points: &[TrendPoint], current: i64) -> String {
    let graded: Vec<&TrendPoint> = points.iter().filter(|p| p.counts.pass + p.counts.fail > 0).collect();
    if graded.is_empty() {
        return "<p class=\"untested\">No graded run yet.</p>\n".into();
    }
    let (left, right, top, bottom) = (44.0, 16.0, 10.0, 34.0);
    let h = 200.0;
    let plot_w = CHART_W - left - right;
    let plot_h = h - top - bottom;
    let x = |i: usize| {
        if graded.len() == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (graded.len() - 1) as f64
        }
    };
    let y = |r: f64| top + plot_h * (1.0 - r);
    let mut s = format!(
        "<svg class=\"chart-svg\" id=\"chart-trend\" role=\"img\" aria-labelledby=\"chart-trend-title\" viewBox=\"0 0 {CHART_W} {h}\" width=\"{CHART_W}\" height=\"{h}\">\n<title id=\"chart-trend-title\">Overall pass rate of {}, oldest first</title>\n",
        plural(graded.len(), "run", "runs")
    );
    for k in 0..=4 {
        let yy = y(k as f64 / 4.0);
        let _ = writeln!(
            s,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" class=\"grid\"/><text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{}%</text>",
            left + plot_w,
            left - 6.0,
            yy + 4.0,
            k * 25
        );
    }
    let rate = |p: &TrendPoint| p.counts.pass as f64 / (p.counts.pass + p.counts.fail) as f64;
    let path: Vec<String> = graded
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(rate(p))))
        .collect();
    let _ = writeln!(s, "<polyline points=\"{}\" class=\"trend-line\"/>", path.join(" "));
    // Label at most about 12 runs on the axis, so labels never overlap.
    let every = graded.len().div_ceil(12).max(1);
    for (i, p) in graded.iter().enumerate() {
        let (cx, cy) = (x(i), y(rate(p)));
        let (lo, hi) = wilson(p.counts.pass, p.counts.pass + p.counts.fail);
        let _ = writeln!(
            s,
            "<g class=\"trend-point{}\"><title>run #{} ({}): {:.0}% ({} of {}), 95% CI {:.0}–{:.0}%</title><line x1=\"{cx:.1}\" x2=\"{cx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" class=\"whisker\"/><circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"{}\"/></g>",
            if p.run == current { " current" } else { "" },
            p.run,
            escape(&p.started_at),
            100.0 * rate(p),
            p.counts.pass,
            p.counts.pass + p.counts.fail,
            100.0 * lo,
            100.0 * hi,
            y(lo),
            y(hi),
            if p.run == current { 6 } else { 4 }
        );
        if i % every == 0 || p.run == current {
            let _ = writeln!(
                s,
                "<text x=\"{cx:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"middle\">#{}</text>",
                h - 14.0,
                p.run
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

const REPORT_CSS: &str = r#"
.filter-input { position:absolute; opacity:0; width:1px; height:1px; overflow:hidden; }
section.report { border-bottom:2px solid var(--line); padding-bottom:1rem; }
dl.run-meta { display:grid; grid-template-columns:max-content 1fr; gap:0.1rem 1rem; font-size:14px; }
dl.run-meta dt { color:var(--muted); } dl.run-meta dd { margin:0; }
.report-note { color:var(--muted); font-size:13px; }
.charts { display:flex; flex-direction:column; gap:0.5rem; }
figure.chart { margin:0.5rem 0; } figure.chart figcaption { font-weight:600; }
.chart-svg { max-width:100%; height:auto; font: 12px system-ui, sans-serif; }
.chart-svg .grid { stroke:#e3e5e8; stroke-width:1; }
.chart-svg .axis, .chart-svg .value { fill:#5c6370; }
.chart-svg .label { fill:#1d1f23; }
.chart-svg .bar-good { fill:#5aa469; } .chart-svg .bar-mid { fill:#e0a93b; } .chart-svg .bar-bad { fill:#d9534f; }
.chart-svg .whisker { stroke:#1d1f23; stroke-width:1.5; }
.chart-svg .trend-line { fill:none; stroke:#2f5fb3; stroke-width:2; }
.chart-svg .trend-point circle { fill:#2f5fb3; } .chart-svg .trend-point.current circle { fill:#d9534f; }
.filters { border:1px solid var(--line); border-radius:0.5rem; padding:0.5rem 0.8rem; margin:1rem 0; background:#fafbfc; }
.filters-note { margin:0 0 0.3rem; font-size:13px; color:var(--muted); }
.filter-row { margin:0.3rem 0; } .filter-name { font-weight:600; font-size:14px; }
.chip { display:inline-block; border:1px solid var(--line); border-radius:1rem; padding:0.1rem 0.6rem; margin:0.1rem 0; font-size:13px; cursor:pointer; background:#fff; }
.section-chips { display:flex; flex-wrap:wrap; gap:0.2rem; margin-top:0.3rem; }
table.results { width:100%; font-size:14px; margin:1rem 0; } table.results caption { text-align:left; font-weight:600; }
details.unpassed { margin:0.4rem 0 0.4rem 0.5rem; } details.unpassed > summary { color:#8f1d1d; cursor:pointer; }
.answer-note { border-left:3px solid #eeb1b1; padding-left:0.7rem; margin:0.5rem 0; }
.answer-head { margin:0.2rem 0; font-size:14px; }
pre.model-text { white-space:pre-wrap; word-break:break-word; }
.grader-rationale, .grader-error { font-size:14px; margin:0.2rem 0; }
"#;

// The site calls the report through this trait only.
impl Annotate for Annotations<'_> {
    fn title(&self) -> String {
        Annotations::title(self)
    }
    fn css(&self) -> String {
        Annotations::css(self)
    }
    fn filter_inputs(&self) -> String {
        Annotations::filter_inputs(self)
    }
    fn summary(&self) -> String {
        Annotations::summary(self)
    }
    fn section_block_open(&self, section: &str) -> String {
        Annotations::section_block_open(self, section)
    }
    fn section_answers(&self, section: &str) -> String {
        Annotations::section_answers(self, section)
    }
    fn clause_classes(&self, clause: &Clause) -> String {
        Annotations::clause_classes(self, clause)
    }
    fn clause_answers(&self, clause: &str) -> String {
        Annotations::clause_answers(self, clause)
    }
    fn orphan_results(&self) -> String {
        Annotations::orphan_results(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SPEC: &str = "# Rules {#rules authority=root}\n\nBe kind[^k1nd].\n\n## Style {#style authority=user}\n\nBe brief[^br1f].\n\n**Example**: hi\n\n~~~xml\n<user>\nHi\n</user>\n<comparison>\n<assistant> <!-- GOOD -->\nHello.\n</assistant>\n</comparison>\n~~~\n";

    fn info(id: i64) -> RunInfo {
        RunInfo {
            id,
            started_at: "2026-01-02 03:04:05".into(),
            finished_at: None,
            status: "complete".into(),
            spec_name: Some("demo".into()),
            spec_version: None,
            spec_hash: "abc".into(),
            git_rev: None,
            target: "openai|http://127.0.0.1:1/v1|m".into(),
            grader: "g".into(),
            scope: None,
        }
    }

    fn outcome(case: &str, clause: Option<&str>, section: &str, authority: &str, pass: u64, fail: u64) -> CaseOutcome {
        CaseOutcome {
            case: case.into(),
            hash: "h".into(),
            clause: clause.map(str::to_string),
            section: Some(section.into()),
            authority: Some(authority.into()),
            counts: VerdictCounts {
                pass,
                fail,
                unclear: 0,
                errors: 0,
            },
        }
    }

    fn page() -> String {
        let ws = Workspace::from_texts(
            Path::new("."),
            &[
                ("spec.md", SPEC),
                (
                    "examples/k1nd.md",
                    "**Example**: rude\n\n~~~xml\n<user>\nYou are useless\n</user>\n~~~\n",
                ),
            ],
        );
        let data = ReportData {
            run: info(2),
            outcomes: vec![
                outcome("k1nd:rude", Some("k1nd"), "rules", "root", 1, 3),
                outcome("style:hi", None, "style", "user", 2, 0),
                outcome("gone:x", Some("gone"), "rules", "root", 1, 0),
            ],
            unpassed: vec![UnpassedSample {
                case: "k1nd:rude".into(),
                sample: 1,
                clause: Some("k1nd".into()),
                section: Some("rules".into()),
                authority: Some("root".into()),
                answer: Some(
                    "<script>alert(1)</script> \"><img src=x onerror=alert(1)> [x](https://evil.example/)".into(),
                ),
                verdict: Some(Verdict::Fail),
                rationale: "rude & <b>curt</b>".into(),
                error: None,
            }],
            trend: vec![
                TrendPoint {
                    run: 1,
                    started_at: "2026-01-01 00:00:00".into(),
                    status: "complete".into(),
                    counts: VerdictCounts {
                        pass: 6,
                        fail: 0,
                        unclear: 0,
                        errors: 0,
                    },
                },
                TrendPoint {
                    run: 2,
                    started_at: "2026-01-02 03:04:05".into(),
                    status: "complete".into(),
                    counts: VerdictCounts {
                        pass: 4,
                        fail: 3,
                        unclear: 0,
                        errors: 0,
                    },
                },
            ],
            threshold: 0.8,
        };
        report(&ws, ws.root(), &data)
    }

    #[test]
    fn annotated_spec_with_escaped_answers_charts_and_filters() {
        let h = page();
        assert!(h.contains("<title>demo — report of run #2</title>") || h.contains("report of run #2</title>"));
        assert!(h.contains("default-src 'none'"), "the site's CSP stays");
        assert!(!h.contains("<script"), "no script element");
        assert!(!h.contains("<img"), "no img element");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(
            !h.contains("href=\"https://evil.example/\""),
            "model text is never Markdown"
        );
        assert!(h.contains("<strong>Grader:</strong> rude &amp; &lt;b&gt;curt&lt;/b&gt;"));
        assert!(
            h.contains("pass 25% (95% CI 5–70%, 1 of 4)"),
            "the clause's rate and interval"
        );
        assert!(h.contains("<h1 id=\"rules\""));
        assert!(h.contains("<h2 id=\"style\""));
        assert_eq!(h.matches("<svg").count(), 3, "sections, authority, trend");
        assert!(h.contains("class=\"trend-point current\""));
        // Filters: CSS only, one rule per section, level and verdict.
        assert!(h.contains("#fs-1:checked ~ main .filterable:not(.in-s1) { display:none; }"));
        assert!(h.contains("#fv-fail:checked ~ main .filterable:not(.v-fail) { display:none; }"));
        assert!(
            h.contains("<div class=\"clause filterable in-s0 a-0 v-fail v-pass\" id=\"clause-k1nd\">"),
            "{h}"
        );
        assert!(
            h.contains("<div class=\"sec-block filterable in-s1 in-s0 a-3 v-none v-pass\">"),
            "{h}"
        );
        assert!(h.contains("Results for clauses and sections not in the spec"));
        assert!(h.contains("<code>gone</code>"));
        assert!(h.contains("below threshold"));
        // The page's elements balance: every div opened is closed.
        assert_eq!(h.matches("<div").count(), h.matches("</div>").count());
    }

    #[test]
    fn later_comparisons_link_to_their_example() {
        assert_eq!(example_anchor("a:two-turns/2"), "a:two-turns");
        assert_eq!(example_anchor("a:two-turns"), "a:two-turns");
        assert_eq!(example_anchor("a:x/y"), "a:x/y");
    }

    #[test]
    fn long_lists_of_failing_answers_are_cut_with_a_note() {
        let ws = Workspace::from_texts(Path::new("."), &[("spec.md", SPEC)]);
        let unpassed: Vec<UnpassedSample> = (0..25)
            .map(|i| UnpassedSample {
                case: "k1nd:rude".into(),
                sample: i,
                clause: Some("k1nd".into()),
                section: Some("rules".into()),
                authority: Some("root".into()),
                answer: Some(format!("answer number {i}")),
                verdict: Some(Verdict::Fail),
                rationale: String::new(),
                error: None,
            })
            .collect();
        let data = ReportData {
            run: info(1),
            outcomes: vec![outcome("k1nd:rude", Some("k1nd"), "rules", "root", 0, 25)],
            unpassed,
            trend: vec![],
            threshold: 0.8,
        };
        let h = report(&ws, ws.root(), &data);
        assert!(h.contains("25 answers that did not pass"));
        assert!(h.contains("answer number 19<") && !h.contains("answer number 20<"));
        assert!(h.contains("5 more not shown"));
        assert!(h.contains("No graded run yet"), "an empty trend is said, not drawn");
    }
}
