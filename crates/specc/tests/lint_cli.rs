//! `specc lint` end to end on small projects written to temporary folders: the
//! output formats, suppressions, `[lint]` configuration, command-line filters,
//! what is never linted, `--fix`, check errors, bad selectors and `specc explain`.
//!
//! Only rules A101 (vague degree word), A402 (etc. after such as) and A701
//! (overlong sentence) are relied on, and every run selects them explicitly, so
//! rules added later do not change these results.

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// The three rules these tests use.
const RULES: &str = "A101,A402,A701";

/// A spec with findings for the three rules, and vague words in every place
/// the linter must skip: an overview without authority, a suppressed block,
/// commentary, inline code, quotations, a heading and a conversation example.
const FIXTURE: &str = r#"# Fixture {#fixture}

The overview says the assistant should avoid undue hedging.

## Style {#style authority=user tags=style}

The assistant should avoid excessive hedging.

<!-- specc-allow A101 -->
The assistant must give a reasonable amount of detail.

The assistant should give sufficient detail.

<!-- specc-allow A1 -->
Answers must be substantially shorter than the question.

<!-- specc-allow A4 -->
Answers must be significantly shorter than the question.

The assistant should refuse weapons such as explosives, nerve agents, etc. It should say so.

!!! meta "Commentary"
    Commentary is not linted: adequate pens, pencils, etc. and so on.

The assistant may write `excessive` in code and "an adequate quote" in quotes.

### Substantial detail {#substantial_detail}

**Example**: an unduly long answer.

~~~xml
<user>
Give me an adequately long answer.
</user>
<assistant>
Sure, an excessively long one.
</assistant>
~~~

The assistant should keep lists short, such as three items, etc.

## Safety {#safety authority=root tags=safety}

The assistant must refuse requests that could cause significant harm.

The assistant must decline to help with a request when the request asks for detailed operational instructions that would give a meaningful uplift to someone trying to cause harm to other people, and when the same information is not already available to the public in an easy form, and when the user has not given any context that would make the request clearly benign or clearly part of their legitimate professional work.
"#;

fn specc() -> Command {
    let mut c = Command::cargo_bin("specc").unwrap();
    c.env("NO_COLOR", "1");
    c
}

/// A temporary project holding `files` (path, text).
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = tmp.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    tmp
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `specc ARGS .` in `dir`, as a user in the project folder would, so
/// paths in the output are relative to it.
fn run(args: &[&str], dir: &Path) -> Out {
    let out = specc().current_dir(dir).args(args).arg(".").output().unwrap();
    Out {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn lint(dir: &Path, args: &[&str]) -> Out {
    let mut all = vec!["lint"];
    all.extend_from_slice(args);
    run(&all, dir)
}

struct JsonRun {
    code: i32,
    diagnostics: Vec<Value>,
    summary: Value,
    stderr: String,
}

/// `specc lint --format json`: every line is JSON with the lint schema, the
/// last one the summary.
fn lint_json(dir: &Path, args: &[&str]) -> JsonRun {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let out = lint(dir, &all);
    let mut lines: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}\n{}", out.stderr)))
        .collect();
    for l in &lines {
        assert_eq!(l["schema"], "specc.lint/1", "{l}");
    }
    let summary = lines
        .pop()
        .unwrap_or_else(|| panic!("no output at all\n{}", out.stderr));
    assert_eq!(summary["type"], "summary", "the last line is the summary: {summary}");
    for d in &lines {
        assert_eq!(d["type"], "diagnostic", "{d}");
    }
    JsonRun {
        code: out.code,
        diagnostics: lines,
        summary,
        stderr: out.stderr,
    }
}

/// (code, line) of each diagnostic.
fn found(diags: &[Value]) -> BTreeSet<(String, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The 1-based line of the one line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` must be on exactly one line: {lines:?}");
    lines[0] as u64
}

fn at(code: &str, needle: &str) -> (String, u64) {
    (code.to_string(), line_of(FIXTURE, needle))
}

/// What the three rules find in [`FIXTURE`].
fn expected() -> BTreeSet<(String, u64)> {
    [
        at("A101", "avoid excessive hedging"),
        at("A101", "sufficient detail"),
        // `specc-allow A4` does not cover A101.
        at("A101", "significantly shorter"),
        at("A402", "nerve agents, etc."),
        at("A402", "three items, etc."),
        at("A101", "significant harm"),
        at("A701", "decline to help"),
    ]
    .into_iter()
    .collect()
}

/// Lines of [`FIXTURE`] that must never carry a finding.
const NEVER_LINTED: &[&str] = &[
    "avoid undue hedging",                // a section without authority
    "reasonable amount",                  // specc-allow A101
    "substantially shorter",              // specc-allow A1
    "Commentary is not linted",           // commentary body
    "an adequate quote",                  // inline code and a quotation
    "### Substantial detail",             // a heading
    "an unduly long answer",              // the line introducing an example
    "Give me an adequately long answer.", // conversation
    "Sure, an excessively long one.",     // conversation
];

#[test]
fn human_output_ends_with_the_summary_line() {
    let p = project(&[("spec.md", FIXTURE)]);
    let out = lint(p.path(), &["--select", RULES]);
    assert_eq!(out.code, 0, "warnings only: exit 0\n{}{}", out.stdout, out.stderr);
    let last = out.stdout.lines().last().unwrap();
    assert_eq!(
        last, "linted 1 document: 11 normative sentences with 3 lint rules; 0 errors, 7 warnings",
        "{}",
        out.stdout
    );
    let line = line_of(FIXTURE, "avoid excessive hedging");
    assert!(
        out.stdout
            .contains("warning[A101]: `excessive` leaves the threshold to the reader"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains(&format!("spec.md:{line}:28")), "{}", out.stdout);
    assert!(
        out.stdout.contains("fix (safe, `--fix` applies it): remove `, etc.`"),
        "{}",
        out.stdout
    );
    // `--deny warnings` turns the same findings into a failure.
    let out = lint(p.path(), &["--select", RULES, "--deny", "warnings"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    // A clean project ends with the summary line too.
    let clean = project(&[(
        "spec.md",
        "# A {#a authority=user}\n\nThe assistant answers in English.\n",
    )]);
    let out = lint(clean.path(), &["--select", RULES]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout.trim_end(),
        "linted 1 document: 1 normative sentence with 3 lint rules; 0 errors, 0 warnings"
    );
}

#[test]
fn json_lines_carry_the_schema_and_end_with_a_summary() {
    let p = project(&[("spec.md", FIXTURE)]);
    let r = lint_json(p.path(), &["--select", RULES]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(found(&r.diagnostics), expected());
    let s = &r.summary;
    assert_eq!(
        (s["documents"].as_u64(), s["rules"].as_u64(), s["errors"].as_u64()),
        (Some(1), Some(3), Some(0)),
        "{s}"
    );
    assert_eq!(s["warnings"].as_u64(), Some(r.diagnostics.len() as u64), "{s}");
    assert_eq!(s["suppressed"], 2, "two blocks carry specc-allow: {s}");
    assert_eq!(s["sentences"], 11, "{s}");
    // A diagnostic in full: location, name, severity, the safe fix.
    let a402 = r.diagnostics.iter().find(|d| d["code"] == "A402").unwrap();
    assert_eq!(a402["name"], "etc-after-such-as");
    assert_eq!(a402["severity"], "warning");
    assert_eq!(a402["location"]["file"], "spec.md");
    assert_eq!(a402["fix"]["applicability"], "safe");
    assert_eq!(a402["fix"]["edits"][0]["replacement"], ".");
    let (start, end) = (
        a402["location"]["byte_start"].as_u64().unwrap() as usize,
        a402["location"]["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&FIXTURE[start..end], "etc.");
}

#[test]
fn github_format_escapes_properties_and_data() {
    // A file name with `,` and `:`; a message with a newline (the flagged words
    // span a line break) and one with `%` (a section ID in a dangling reference).
    let p = project(&[(
        "odd,name:1.md",
        "# Odd {#odd authority=user}\n\nThe assistant should list tools such as hammers, saws, and so\non. See [?](#100%).\n\nThe assistant should avoid excessive hedging.\n",
    )]);
    let out = lint(p.path(), &["--format", "github", "--select", RULES]);
    assert_eq!(out.code, 1, "the dangling reference is an error\n{}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    // Check errors come first, then the lint findings in file order.
    assert_eq!(
        lines,
        [
            "::error file=odd%2Cname%3A1.md,line=4,col=13,endLine=4,endColumn=18,title=C103 dangling-reference::reference to missing section `100%25`",
            "::warning file=odd%2Cname%3A1.md,line=3,col=56,endLine=4,endColumn=3,title=A402 etc-after-such-as::`and so%0Aon` after a list that \"such as\" already marks as examples",
            "::warning file=odd%2Cname%3A1.md,line=6,col=28,endLine=6,endColumn=37,title=A101 vague-degree-word::`excessive` leaves the threshold to the reader",
        ],
        "{}",
        out.stdout
    );
    // Every line is one workflow command: `::kind props::message`.
    for l in &lines {
        let rest = l
            .strip_prefix("::warning ")
            .or_else(|| l.strip_prefix("::error "))
            .unwrap();
        let (props, message) = rest.split_once("::").unwrap();
        assert!(
            props.starts_with("file=") && props.contains(",line=") && props.contains(",col="),
            "{l}"
        );
        assert!(!message.is_empty() && !message.contains('\n'), "{l}");
    }
}

#[test]
fn specc_allow_suppresses_the_next_block_only() {
    let p = project(&[("spec.md", FIXTURE)]);
    let with = found(&lint_json(p.path(), &["--select", RULES]).diagnostics);
    assert!(!with.contains(&at("A101", "reasonable amount")), "{with:?}");
    assert!(
        !with.contains(&at("A101", "substantially shorter")),
        "a prefix (A1) allows too: {with:?}"
    );
    // The paragraph right after an allowed one is still linted...
    assert!(with.contains(&at("A101", "sufficient detail")), "{with:?}");
    // ...and an allow for another prefix does not cover A101.
    assert!(with.contains(&at("A101", "significantly shorter")), "{with:?}");
    // Without the comments, both blocks are flagged.
    let bare = FIXTURE
        .replace("<!-- specc-allow A101 -->\n", "")
        .replace("<!-- specc-allow A1 -->\n", "");
    let q = project(&[("spec.md", &bare)]);
    let r = lint_json(q.path(), &["--select", RULES]);
    let lines: BTreeSet<u64> = found(&r.diagnostics).into_iter().map(|(_, l)| l).collect();
    assert!(lines.contains(&line_of(&bare, "reasonable amount")), "{lines:?}");
    assert!(lines.contains(&line_of(&bare, "substantially shorter")), "{lines:?}");
    assert_eq!(r.summary["suppressed"], 0);
    // Several codes in one comment, comma- or space-separated.
    let several = FIXTURE.replace(
        "The assistant should refuse weapons",
        "<!-- specc-allow A402, A101 -->\nThe assistant should refuse weapons",
    );
    let q = project(&[("spec.md", &several)]);
    let r = lint_json(q.path(), &["--select", RULES]);
    assert!(
        !found(&r.diagnostics).contains(&("A402".to_string(), line_of(&several, "nerve agents"))),
        "{:?}",
        r.diagnostics
    );
}

#[test]
fn never_linted_commentary_examples_code_headings_quotes_and_unauthoritative_sections() {
    let p = project(&[("spec.md", FIXTURE)]);
    let got = found(&lint_json(p.path(), &["--select", RULES]).diagnostics);
    for needle in NEVER_LINTED {
        let line = line_of(FIXTURE, needle);
        assert!(
            !got.iter().any(|(_, l)| *l == line),
            "line {line} ({needle}) was linted: {got:?}"
        );
    }
    // A project whose only vague words sit in those places has no findings at all.
    let quiet = r#"# Overview {#overview}

The assistant should avoid excessive hedging, such as caveats, disclaimers, etc.

## Rules {#rules authority=root}

The assistant answers the question it was asked.

!!! meta "Commentary"
    Excessive, undue and substantial caveats, such as these, etc. are commentary.

The assistant may print `an excessive, undue value` and cite "a reasonable, adequate quote".

### Reasonable and adequate answers {#reasonable_answers}

**Example**: a user asks for a list.

~~~xml
<user>
List sufficiently many tools, such as hammers, saws, etc.
</user>
<assistant>
An adequate list: hammers and saws.
</assistant>
~~~
"#;
    let q = project(&[("spec.md", quiet)]);
    let r = lint_json(q.path(), &["--select", RULES]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.summary["suppressed"], 0);
}

#[test]
fn lint_config_select_ignore_severity_vocabulary() {
    let with_config = |toml: &str| project(&[("specc.toml", toml), ("spec.md", FIXTURE)]);
    let codes = |r: &JsonRun| -> BTreeSet<String> {
        r.diagnostics
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let set = |c: &[&str]| -> BTreeSet<String> { c.iter().map(|s| s.to_string()).collect() };

    // select: a prefix (other A1 rules may exist; only A1 rules run).
    let p = with_config("[lint]\nselect = [\"A1\"]\n");
    let r = lint_json(p.path(), &[]);
    assert!(codes(&r).iter().all(|c| c.starts_with("A1")), "{:?}", codes(&r));
    assert!(codes(&r).contains("A101"), "{:?}", codes(&r));

    // ignore on top of select.
    let p = with_config("[lint]\nselect = [\"A101\", \"A402\", \"A701\"]\nignore = [\"A7\"]\n");
    let r = lint_json(p.path(), &[]);
    assert_eq!(codes(&r), set(&["A101", "A402"]));
    assert_eq!(r.summary["rules"], 2);
    // The command line's --select replaces the configured one; --ignore adds to it.
    let r = lint_json(p.path(), &["--select", "A701"]);
    assert_eq!(codes(&r), set(&[]), "A7 is still ignored by the config");
    let r = lint_json(p.path(), &["--select", "A402"]);
    assert_eq!(codes(&r), set(&["A402"]));
    let r = lint_json(p.path(), &["--ignore", "A1"]);
    assert_eq!(codes(&r), set(&["A402"]));

    // severity: "error" fails the run, "off" removes the rule's findings.
    let p = with_config(
        "[lint]\nselect = [\"A101\", \"A402\", \"A701\"]\n\n[lint.severity]\nA1 = \"error\"\nA402 = \"off\"\n",
    );
    let r = lint_json(p.path(), &[]);
    assert_eq!(r.code, 1, "an error-level finding exits 1");
    assert_eq!(codes(&r), set(&["A101", "A701"]));
    for d in &r.diagnostics {
        let want = if d["code"] == "A101" { "error" } else { "warning" };
        assert_eq!(d["severity"], want, "{d}");
    }
    assert_eq!(r.summary["errors"], 4, "{}", r.summary);
    assert_eq!(r.summary["warnings"], 1, "{}", r.summary);
    let out = lint(p.path(), &[]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("error[A101]"), "{}", out.stdout);
    assert!(out.stdout.trim_end().ends_with("4 errors, 1 warning"), "{}", out.stdout);
    // The longest selector wins: A101 as warning over A1 as error.
    let p = with_config(
        "[lint]\nselect = [\"A101\", \"A402\", \"A701\"]\n\n[lint.severity]\nA1 = \"error\"\nA101 = \"warning\"\n",
    );
    assert_eq!(lint_json(p.path(), &[]).code, 0);

    // vocabulary: accepted terms are not flagged (case-insensitively), and count as suppressed.
    let p = with_config(
        "[lint]\nselect = [\"A101\", \"A402\", \"A701\"]\nvocabulary = [\"Sufficient\", \"significant\"]\n",
    );
    let r = lint_json(p.path(), &[]);
    let got = found(&r.diagnostics);
    assert!(!got.contains(&at("A101", "sufficient detail")), "{got:?}");
    assert!(!got.contains(&at("A101", "significant harm")), "{got:?}");
    assert!(
        got.contains(&at("A101", "significantly shorter")),
        "only whole terms: {got:?}"
    );
    assert_eq!(got.len(), expected().len() - 2);
    assert_eq!(r.summary["suppressed"], 4, "{}", r.summary);

    // A bad severity value is a config error.
    let p = with_config("[lint.severity]\nA101 = \"loud\"\n");
    let out = lint(p.path(), &[]);
    assert_ne!(out.code, 0);
    assert!(out.stdout.contains("C003"), "{}{}", out.stdout, out.stderr);
}

#[test]
fn command_line_filters() {
    let p = project(&[("spec.md", FIXTURE)]);
    let codes_lines = |args: &[&str]| found(&lint_json(p.path(), args).diagnostics);
    let all = expected();
    let only = |f: &dyn Fn(&(String, u64)) -> bool| -> BTreeSet<(String, u64)> {
        all.iter().filter(|x| f(x)).cloned().collect()
    };
    // --select by prefix (rules other than the three may match it: only the
    // prefix's rules run), comma-separated or repeated.
    let ours = |got: BTreeSet<(String, u64)>| -> BTreeSet<(String, u64)> {
        got.into_iter().filter(|(c, _)| RULES.contains(c.as_str())).collect()
    };
    let got = codes_lines(&["--select", "A4"]);
    assert!(got.iter().all(|(c, _)| c.starts_with("A4")), "{got:?}");
    assert_eq!(ours(got), only(&|(c, _)| c == "A402"));
    let got = codes_lines(&["--select", "A4", "--select", "A7"]);
    assert!(
        got.iter().all(|(c, _)| c.starts_with("A4") || c.starts_with("A7")),
        "{got:?}"
    );
    assert_eq!(ours(got), only(&|(c, _)| c != "A101"));
    assert_eq!(
        codes_lines(&["--select", "A402", "--select", "A701"]),
        only(&|(c, _)| c != "A101")
    );
    assert_eq!(
        codes_lines(&["--select", "a101,A701"]),
        only(&|(c, _)| c != "A402"),
        "codes are case-insensitive"
    );
    // --ignore.
    assert_eq!(
        codes_lines(&["--select", RULES, "--ignore", "A1,A7"]),
        only(&|(c, _)| c == "A402")
    );
    // --tag: tags are inherited by subsections.
    let safety_start = line_of(FIXTURE, "## Safety");
    assert_eq!(
        codes_lines(&["--select", RULES, "--tag", "safety"]),
        only(&|(_, l)| *l > safety_start)
    );
    assert_eq!(
        codes_lines(&["--select", RULES, "--tag", "style"]),
        only(&|(_, l)| *l < safety_start)
    );
    assert_eq!(codes_lines(&["--select", RULES, "--tag", "nope"]), BTreeSet::new());
    // --section: the section and its subsections.
    assert_eq!(
        codes_lines(&["--select", RULES, "--section", "style"]),
        only(&|(_, l)| *l < safety_start)
    );
    assert_eq!(
        codes_lines(&["--select", RULES, "--section", "substantial_detail"]),
        [at("A402", "three items, etc.")].into_iter().collect()
    );
    assert_eq!(
        codes_lines(&["--select", RULES, "--section", "substantial_detail,safety"]),
        only(&|(_, l)| *l > line_of(FIXTURE, "### Substantial detail"))
    );
    let r = lint_json(p.path(), &["--select", RULES, "--section", "safety"]);
    assert_eq!(r.summary["sentences"], 2, "only the section's sentences are linted");
}

#[test]
fn fix_applies_the_safe_a402_fix() {
    // (The fixture's second "etc." ends its paragraph before a heading, where
    // the fix drops the sentence's period: see `fix_keeps_the_period_before_a_heading`.)
    let text = FIXTURE.replace("three items, etc.", "three items, etc. Keep them short.");
    let p = project(&[("spec.md", &text)]);
    let spec = p.path().join("spec.md");
    let out = lint(p.path(), &["--select", RULES, "--fix"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("fixed 2 findings in") && out.stderr.contains("spec.md"),
        "{}",
        out.stderr
    );
    let fixed = std::fs::read_to_string(&spec).unwrap();
    let want = text
        .replace("nerve agents, etc. It should", "nerve agents. It should")
        .replace("three items, etc. Keep", "three items. Keep");
    assert_eq!(fixed, want, "only the two A402 spans change");
    // What is left is reported: everything but A402.
    let last = out.stdout.lines().last().unwrap();
    assert!(last.ends_with("0 errors, 5 warnings"), "{}", out.stdout);
    assert!(!out.stdout.contains("A402"), "{}", out.stdout);
    // A second run finds nothing for A402 and fixes nothing.
    let r = lint_json(p.path(), &["--select", "A402"]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let again = lint(p.path(), &["--select", RULES, "--fix"]);
    assert!(!again.stderr.contains("fixed"), "{}", again.stderr);
    assert_eq!(std::fs::read_to_string(&spec).unwrap(), want);
}

#[test]
fn fix_keeps_the_period_before_a_heading() {
    for next in ["## Next {#next}", "- item", "!!! meta \"Commentary\"\n    Note."] {
        let text = format!("# A {{#a authority=user}}\n\nKeep lists short, such as three items, etc.\n\n{next}\n");
        let p = project(&[("spec.md", &text)]);
        let out = lint(p.path(), &["--select", "A402", "--fix"]);
        assert!(out.stderr.contains("fixed 1 finding"), "{}", out.stderr);
        let fixed = std::fs::read_to_string(p.path().join("spec.md")).unwrap();
        assert_eq!(fixed, text.replace("three items, etc.", "three items."));
    }
}

#[test]
fn fix_keeps_check_errors_at_their_place() {
    // A fix earlier in the file shifts what follows; check's errors must be
    // reported against the fixed text.
    let text = "# A {#a authority=user}\n\nRefuse weapons such as explosives, nerve agents, etc. Then stop.\n\nSee [?](#nope).\n";
    let p = project(&[("spec.md", text)]);
    let r = lint_json(p.path(), &["--select", RULES, "--fix"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("fixed 1 finding in"), "{}", r.stderr);
    let fixed = std::fs::read_to_string(p.path().join("spec.md")).unwrap();
    let c103 = r.diagnostics.iter().find(|d| d["code"] == "C103").expect("C103");
    let (s, e) = (
        c103["location"]["byte_start"].as_u64().unwrap() as usize,
        c103["location"]["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&fixed[s..e], "#nope", "{c103}");
    assert_eq!(c103["location"]["line"], 5);
    assert_eq!(c103["location"]["column"], 9);
}

#[test]
fn check_errors_are_reported_and_exit_1() {
    let p = project(&[(
        "spec.md",
        "# A {#a authority=user}\n\nThe assistant should avoid excessive hedging. See [?](#nope).\n",
    )]);
    let r = lint_json(p.path(), &["--select", RULES]);
    assert_eq!(r.code, 1);
    let got = found(&r.diagnostics);
    assert_eq!(
        got,
        [("C103".to_string(), 3), ("A101".to_string(), 3)].into_iter().collect()
    );
    assert_eq!(r.diagnostics[0]["code"], "C103", "check's errors come first");
    assert_eq!(r.diagnostics[0]["severity"], "error");
    assert_eq!(
        (r.summary["errors"].as_u64(), r.summary["warnings"].as_u64()),
        (Some(1), Some(1))
    );
    let out = lint(p.path(), &["--select", RULES]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("error[C103]: reference to missing section `nope`"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.trim_end().ends_with("1 error, 1 warning"), "{}", out.stdout);
    // A project that cannot be loaded at all exits 2.
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(lint(empty.path(), &[]).code, 2);
}

#[test]
fn unknown_selector_exits_2() {
    let p = project(&[("spec.md", FIXTURE)]);
    for args in [
        &["--select", "Z999"][..],
        &["--select", "A101,B7"],
        &["--ignore", "nonsense"],
    ] {
        let out = lint(p.path(), args);
        assert_eq!(out.code, 2, "{args:?}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains("selects no lint rule"), "{}", out.stderr);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
    // In specc.toml too.
    let q = project(&[("specc.toml", "[lint]\nselect = [\"A9999\"]\n"), ("spec.md", FIXTURE)]);
    let out = lint(q.path(), &[]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("`A9999` selects no lint rule"), "{}", out.stderr);
}

#[test]
fn explain_prints_the_rule_doc() {
    for query in ["A101", "a101", "vague-degree-word"] {
        let out = specc().args(["explain", query]).output().unwrap();
        assert!(out.status.success(), "{query}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with("# A101 vague-degree-word"), "{text}");
        let mut at = 0;
        for heading in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"] {
            let i = text[at..]
                .find(&format!("\n{heading}\n"))
                .unwrap_or_else(|| panic!("`{heading}` missing or out of order:\n{text}"));
            at += i + 1;
        }
        assert!(text.contains("The assistant should avoid excessive hedging."), "{text}");
    }
    // Each of the rules these tests use has the four headings.
    for code in ["A402", "A701"] {
        let text = String::from_utf8(specc().args(["explain", code]).output().unwrap().stdout).unwrap();
        for heading in ["## What it does", "## Why is this bad?", "## Example", "## Use instead"] {
            assert!(text.contains(heading), "{code}: {heading}\n{text}");
        }
    }
    // An unknown code exits 2.
    specc().args(["explain", "Z999"]).assert().code(2);
}

/// A policy written without authority levels: lint says why it read nothing
/// and how to fix it, and `[spec] default-authority` is that fix.
#[test]
fn a_policy_without_levels_is_explained_and_default_authority_lints_it() {
    let policy = "# Policy\n\n## Refunds\n\nThe assistant should try to help with refunds where appropriate.\n";
    let p = project(&[("policy.md", policy)]);
    let out = lint(p.path(), &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("linted 1 document: 0 normative sentences"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("note: 1 paragraph in 1 section without an authority level was not read"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("default-authority"), "{}", out.stdout);
    assert!(out.stdout.contains("specc adopt"), "{}", out.stdout);
    let p = project(&[
        ("policy.md", policy),
        ("specc.toml", "[spec]\ndefault-authority = \"system\"\n"),
    ]);
    let out = lint(p.path(), &[]);
    assert!(
        out.stdout.contains("linted 1 document: 1 normative sentence"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("note:"), "{}", out.stdout);
    assert!(
        out.stdout.contains("try to"),
        "the weak phrasing is found: {}",
        out.stdout
    );
}

/// A sentence its author marked as a clause is a rule and is linted, even when
/// it is phrased as a description (from a new user's trial, 2026-12-06); the
/// same sentence unmarked is explanation and is not.
#[test]
fn a_marked_sentence_is_linted_however_it_is_phrased() {
    let p = project(&[
        (
            "specc.toml",
            "[spec]\nname = \"rail\"\nversion = \"0.1.0\"\ndocuments = [\"spec.md\"]\n",
        ),
        (
            "spec.md",
            "# Rail {#rail}\n\n## Tone {#tone authority=user}\n\n\
             The assistant is friendly and reasonable in tone[^tn01].\n\n\
             ## Background {#background authority=user}\n\n\
             The assistant is friendly and reasonable in tone.\n",
        ),
        (
            "examples/tn01.md",
            "Examples for [^tn01] in Tone:\n\n**Example**: rude customer\n\n~~~xml\n<user>\nYour trains are always late.\n</user>\n~~~\n",
        ),
    ]);
    let run = lint_json(p.path(), &["--select", RULES]);
    let lines: Vec<u64> = run
        .diagnostics
        .iter()
        .filter(|d| d["code"] == "A101")
        .map(|d| d["location"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [5], "{:#?}", run.diagnostics);
    assert_eq!(run.summary["explanatory"], 1, "{}", run.summary);
}
