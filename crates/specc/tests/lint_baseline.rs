//! `specc lint --baseline`: first on small fixtures of its own (always run),
//! then across real Model Spec releases: a baseline written on one release's
//! `model_spec.md`, then used on the next release copied over it, must report
//! exactly the findings in sentences that changed. Without `../shared/corpus`
//! the release tests are reported as ignored (see tools/corpus_cfg.rs).
//!
//! A finding's sentence is what the baseline keys it by: the text from the
//! last `.`, `!`, `?` or line break before the finding to the first one after
//! it. Two properties are checked on every finding of the releases:
//!
//! - reported with the baseline => its sentence does not occur verbatim in the
//!   old release (it was added or edited);
//! - found without the baseline and its sentence does not occur in the old
//!   release => reported with the baseline.
//!
//! Hand-picked findings pin both directions to known edits.

mod common;
use assert_cmd::Command;
use common::corpus;
use serde_json::Value;
use std::path::Path;

/// The rules whose findings are pinned below; others may be added while the
/// rule set grows, so runs that pin findings select these.
const RULES: &str = "A101,A402,A701";

fn release(corpus: &Path, r: &str) -> String {
    std::fs::read_to_string(corpus.join(r).join("model_spec.md")).unwrap()
}

#[derive(Debug, Clone)]
struct Finding {
    code: String,
    line: u64,
    /// The flagged text.
    flagged: String,
    /// The finding's sentence, as the baseline keys it.
    sentence: String,
}

/// The sentence around `start..end` of `text`, as the baseline delimits it.
fn sentence_of(text: &str, start: usize, end: usize) -> String {
    let s = text[..start].rfind(['.', '!', '?', '\n']).map(|i| i + 1).unwrap_or(0);
    let e = text[end..]
        .find(['.', '!', '?', '\n'])
        .map(|i| end + i)
        .unwrap_or(text.len());
    text[s..e].trim().to_string()
}

/// `specc lint --format json` in `dir` with `args` on the release copied to
/// `model_spec.md`: the findings (check's errors left out), and stderr.
fn lint(dir: &Path, args: &[&str], text: &str) -> (Vec<Finding>, String) {
    lint_file(dir, "model_spec.md", args, text)
}

/// `specc lint --format json` in `dir` with `args`, where every finding is in
/// `file`, whose text is `text`: the findings (check's errors left out), and stderr.
fn lint_file(dir: &Path, file: &str, args: &[&str], text: &str) -> (Vec<Finding>, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .args(["lint", "--format", "json"])
        .args(args)
        .arg(".")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}\n{stdout}\n{stderr}",
        out.status.code()
    );
    let mut findings = Vec::new();
    for l in stdout.lines() {
        let d: Value = serde_json::from_str(l).unwrap();
        assert_eq!(d["schema"], "specc.lint/1");
        let code = d["code"].as_str().unwrap_or_default();
        if d["type"] != "diagnostic" || code.starts_with('C') {
            continue;
        }
        assert_eq!(d["location"]["file"], file, "{d}");
        let (s, e) = (
            d["location"]["byte_start"].as_u64().unwrap() as usize,
            d["location"]["byte_end"].as_u64().unwrap() as usize,
        );
        findings.push(Finding {
            code: code.to_string(),
            line: d["location"]["line"].as_u64().unwrap(),
            flagged: text[s..e].to_string(),
            sentence: sentence_of(text, s, e),
        });
    }
    (findings, stderr)
}

// ---- Fixtures of our own: no corpus needed ----

/// A spec with three findings of the three rules: A101 `sufficient` and
/// `excessive`, A402 `etc.`.
const BEFORE: &str = "# Support {#support authority=user}

The assistant should give sufficient detail when it explains a refund.

The assistant should avoid excessive apologies.

The assistant may mention partner offers such as upgrades, vouchers, etc. when the user asks.
";

/// [`BEFORE`] edited: a paragraph added above everything (every old finding
/// moves down two lines), the `sufficient` sentence edited, a new sentence with
/// a finding (`significant`), and the `excessive` sentence repeated in a new
/// section (the baseline knows it once).
const AFTER: &str = "# Support {#support authority=user}

Refunds and delays are the two questions users ask most.

The assistant should give sufficient detail when it explains a refund or a delay.

The assistant should avoid excessive apologies.

The assistant should put significant caveats first.

The assistant may mention partner offers such as upgrades, vouchers, etc. when the user asks.

## Escalation {#escalation authority=user}

The assistant should avoid excessive apologies.
";

/// A project folder holding `spec.md` with `text`.
fn fixture(text: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("spec.md"), text).unwrap();
    tmp
}

fn write_spec(dir: &Path, text: &str) {
    std::fs::write(dir.join("spec.md"), text).unwrap();
}

/// (code, line, flagged text) of each finding.
fn keys(fs: &[Finding]) -> Vec<(String, u64, String)> {
    let mut v: Vec<_> = fs.iter().map(|f| (f.code.clone(), f.line, f.flagged.clone())).collect();
    v.sort();
    v
}

fn key(code: &str, line: u64, flagged: &str) -> (String, u64, String) {
    (code.to_string(), line, flagged.to_string())
}

fn baseline_file(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn baseline_reports_new_and_edited_findings_and_hides_old_ones() {
    let p = fixture(BEFORE);
    let dir = p.path();
    let sel = ["--select", RULES];
    let (before, _) = lint_file(dir, "spec.md", &sel, BEFORE);
    assert_eq!(
        keys(&before),
        [
            key("A101", 3, "sufficient"),
            key("A101", 5, "excessive"),
            key("A402", 7, "etc."),
        ]
    );

    // Write: no findings printed, the count on stderr, one entry per finding.
    let (written, stderr) = lint_file(dir, "spec.md", &["--select", RULES, "--baseline", "write"], BEFORE);
    assert!(written.is_empty(), "--baseline write prints no findings: {written:?}");
    assert!(stderr.contains("wrote 3 findings to"), "{stderr}");
    let b = baseline_file(&dir.join(".specc/lint-baseline.json"));
    insta::assert_json_snapshot!("fixture-baseline", b);

    // The edited spec, without the baseline: every finding, old ones on new lines.
    write_spec(dir, AFTER);
    let (all, _) = lint_file(dir, "spec.md", &sel, AFTER);
    assert_eq!(
        keys(&all),
        [
            key("A101", 5, "sufficient"),
            key("A101", 7, "excessive"),
            key("A101", 9, "significant"),
            key("A101", 15, "excessive"),
            key("A402", 11, "etc."),
        ]
    );
    // With it: the new sentence and the edited one are reported, and the second
    // copy of the old sentence (the entry counts one); the unchanged sentences
    // that moved are not.
    let (with, stderr) = lint_file(dir, "spec.md", &["--select", RULES, "--baseline", "use"], AFTER);
    assert_eq!(
        keys(&with),
        [
            key("A101", 5, "sufficient"),
            key("A101", 9, "significant"),
            key("A101", 15, "excessive"),
        ]
    );
    assert!(
        stderr.contains("2 findings are in the baseline and not shown"),
        "{stderr}"
    );
    // The same run as a person reads it.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(["lint", "--select", RULES, "--baseline", "use", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings only");
    insta::assert_snapshot!("fixture-baseline-use-human", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn baseline_fingerprints_do_not_depend_on_line_numbers() {
    let p = fixture(BEFORE);
    let dir = p.path();
    let write = ["--select", RULES, "--baseline", "write"];
    lint_file(dir, "spec.md", &write, BEFORE);
    let first = baseline_file(&dir.join(".specc/lint-baseline.json"));
    // The same sentences, every one further down, in other paragraphs' company.
    let moved = BEFORE.replace(
        "authority=user}\n",
        "authority=user}\n\nA first paragraph.\n\nAnd a second one,\nover two lines.\n",
    );
    write_spec(dir, &moved);
    let (all, _) = lint_file(dir, "spec.md", &["--select", RULES], &moved);
    assert_eq!(
        keys(&all),
        [
            key("A101", 8, "sufficient"),
            key("A101", 10, "excessive"),
            key("A402", 12, "etc."),
        ],
        "the findings moved five lines down"
    );
    let (with, stderr) = lint_file(dir, "spec.md", &["--select", RULES, "--baseline", "use"], &moved);
    assert!(with.is_empty(), "moved findings are still known: {with:?}");
    assert!(
        stderr.contains("3 findings are in the baseline and not shown"),
        "{stderr}"
    );
    // Written again on the moved text, the baseline is the same file.
    lint_file(dir, "spec.md", &write, &moved);
    assert_eq!(baseline_file(&dir.join(".specc/lint-baseline.json")), first);
    // Whereas one edited word in a flagged sentence changes its fingerprint.
    let edited = BEFORE.replace("explains a refund", "explains a refund policy");
    write_spec(dir, &edited);
    lint_file(dir, "spec.md", &write, &edited);
    let again = baseline_file(&dir.join(".specc/lint-baseline.json"));
    let prints = |b: &Value| -> Vec<String> {
        b["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let (a, b) = (prints(&first), prints(&again));
    assert_eq!(a.len(), 3);
    assert_eq!(a.iter().filter(|f| b.contains(f)).count(), 2, "{a:?} vs {b:?}");
}

#[test]
fn baseline_file_option_and_a_missing_baseline() {
    let p = fixture(BEFORE);
    let dir = p.path();
    // `--baseline-file` writes and reads where it is told, not .specc/.
    let (_, stderr) = lint_file(
        dir,
        "spec.md",
        &[
            "--select",
            RULES,
            "--baseline",
            "write",
            "--baseline-file",
            "lint/known.json",
        ],
        BEFORE,
    );
    assert!(stderr.contains("wrote 3 findings to lint/known.json"), "{stderr}");
    assert!(!dir.join(".specc/lint-baseline.json").exists());
    write_spec(dir, AFTER);
    let (with, _) = lint_file(
        dir,
        "spec.md",
        &[
            "--select",
            RULES,
            "--baseline",
            "use",
            "--baseline-file",
            "lint/known.json",
        ],
        AFTER,
    );
    assert_eq!(with.len(), 3, "{with:?}");
    // Using a baseline that was never written is an error that says what to do.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .current_dir(dir)
        .args(["lint", "--baseline", "use", "."])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot read baseline") && stderr.contains("specc lint --baseline write"),
        "{stderr}"
    );
}

// ---- The Model Spec releases ----

struct Pair {
    old: String,
    new: String,
    /// On the new release, without and with the baseline.
    without: Vec<Finding>,
    with: Vec<Finding>,
}

/// Writes a baseline on `old`'s model_spec.md, copies `new`'s over it, and
/// lints without and with the baseline.
fn baseline_pair(corpus: &Path, old: &str, new: &str, select: Option<&str>) -> Pair {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let spec = dir.join("model_spec.md");
    let (old_text, new_text) = (release(corpus, old), release(corpus, new));
    let sel: Vec<&str> = select.map(|s| vec!["--select", s]).unwrap_or_default();

    std::fs::write(&spec, &old_text).unwrap();
    let (old_findings, _) = lint(dir, &sel, &old_text);
    let mut args = sel.clone();
    args.extend(["--baseline", "write"]);
    let (written, stderr) = lint(dir, &args, &old_text);
    assert!(written.is_empty(), "--baseline write prints no findings");
    assert!(
        stderr.contains(&format!("wrote {} findings to", old_findings.len())),
        "{stderr}"
    );
    let b: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".specc/lint-baseline.json")).unwrap()).unwrap();
    assert_eq!(b["schema"], "specc.lint-baseline/1");
    let counted: u64 = b["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, old_findings.len());

    std::fs::write(&spec, &new_text).unwrap();
    let (without, _) = lint(dir, &sel, &new_text);
    let mut args = sel.clone();
    args.extend(["--baseline", "use"]);
    let (with, stderr) = lint(dir, &args, &new_text);
    assert!(
        stderr.contains(&format!("{} findings are in the baseline", without.len() - with.len())),
        "{stderr}"
    );
    eprintln!(
        "{old} -> {new} ({}): {} findings in {old}, {} in {new}, {} reported with the baseline",
        select.unwrap_or("default rules"),
        old_findings.len(),
        without.len(),
        with.len()
    );
    Pair {
        old: old_text,
        new: new_text,
        without,
        with,
    }
}

/// The two properties of the module comment. Findings of project-wide rules
/// (`A8`, terms: a term defined in one place, used in another; `S002`, a rule
/// no example of its section touches) may legitimately appear in unchanged
/// sentences when text elsewhere changed, so they are held to the second
/// property only.
fn check_properties(p: &Pair) {
    let same = |a: &Finding, b: &Finding| a.code == b.code && a.line == b.line && a.flagged == b.flagged;
    for f in &p.with {
        assert!(
            p.without.iter().any(|w| same(w, f)),
            "the baseline only removes findings: {f:?}"
        );
        if !f.code.starts_with("A8") && f.code != "S002" {
            assert!(
                !p.old.contains(&f.sentence),
                "reported, but its sentence is unchanged since the old release: {f:?}"
            );
        }
    }
    for f in &p.without {
        if !p.old.contains(&f.sentence) {
            assert!(
                p.with.iter().any(|w| same(w, f)),
                "in a new or edited sentence, but hidden by the baseline: {f:?}"
            );
        }
    }
}

/// The finding of `code` on the line of `new` holding `needle`, flagging
/// `flagged` (any text for sentence rules: `None`).
fn pick<'a>(fs: &'a [Finding], new: &str, code: &str, needle: &str, flagged: Option<&str>) -> Option<&'a Finding> {
    let lines: Vec<u64> = new
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i as u64 + 1)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` is on one line of the new release");
    fs.iter()
        .find(|f| f.code == code && f.line == lines[0] && flagged.is_none_or(|x| f.flagged.eq_ignore_ascii_case(x)))
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn baseline_from_2025_10_27_applied_to_2025_12_18() {
    let corpus = corpus();
    let p = baseline_pair(&corpus, "2025-10-27", "2025-12-18", Some(RULES));
    check_properties(&p);
    // Findings in sentences that did not change, though their lines moved
    // (2716 -> 2671, 3507 -> 3462, 1465 -> 1475), are found without the
    // baseline and hidden with it.
    for (code, needle, flagged) in [
        (
            "A701",
            "Trivial questions may waste the user's time and cognitive resources",
            None,
        ),
        (
            "A402",
            "Sometimes, a developer or user requests a specific output format",
            Some("etc."),
        ),
        (
            "A101",
            "wait until there is sufficient signal that danger is imminent",
            Some("sufficient"),
        ),
    ] {
        assert!(
            pick(&p.without, &p.new, code, needle, flagged).is_some(),
            "{code} at `{needle}` without the baseline"
        );
        assert!(
            pick(&p.with, &p.new, code, needle, flagged).is_none(),
            "{code} at `{needle}` hidden by the baseline"
        );
        assert!(p.old.contains(needle), "unchanged in the old release: {needle}");
    }
    // The three rules flag no sentence that 2025-12-18 added or edited: every
    // finding is hidden. (The new sentences, e.g. the under-18 principles, use
    // none of their phrases; see the next tests for edits that do.)
    assert!(p.with.is_empty(), "{:#?}", p.with);

    // The default rule set, whatever it holds: the same two properties.
    let p = baseline_pair(&corpus, "2025-10-27", "2025-12-18", None);
    check_properties(&p);
    // The under-18 principles are new in 2025-12-18: "Speak with warmth" draws
    // A203 (a tone word with no example of it) and the baseline does not hide it.
    let needle = "Speak with warmth and respect";
    assert!(!p.old.contains(needle), "new in 2025-12-18");
    assert!(
        pick(&p.with, &p.new, "A203", needle, Some("warmth")).is_some(),
        "{:#?}",
        p.with
    );
    assert!(
        p.with.len() < p.without.len() / 4,
        "most findings are old: {:#?}",
        p.with
    );
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn baseline_reports_findings_in_added_and_edited_sentences() {
    let corpus = corpus();
    // 2025-09-12 added the "reasonable assumptions" sentence and edited two
    // others: "If the assistant makes a significant error, it should..." gained
    // "or takes an action with side effects ...", and "cognitive bandwidth"
    // became "cognitive resources" in a 61-word sentence.
    let p = baseline_pair(&corpus, "2025-04-11", "2025-09-12", Some(RULES));
    check_properties(&p);
    for (code, needle, flagged, old_version) in [
        (
            "A101",
            "If uncertainty persists, reasonable assumptions should be made",
            Some("reasonable"),
            None,
        ),
        (
            "A101",
            "If the assistant makes a significant error or takes an action with side effects",
            Some("significant"),
            Some("If the assistant makes a significant error, it should attempt to immediately acknowledge the error"),
        ),
        (
            "A701",
            "Trivial questions may waste the user's time and cognitive resources",
            None,
            Some("Trivial questions may waste the user's time and cognitive bandwidth"),
        ),
    ] {
        let f = pick(&p.with, &p.new, code, needle, flagged)
            .unwrap_or_else(|| panic!("{code} at `{needle}` is reported with the baseline: {:#?}", p.with));
        assert!(!p.old.contains(&f.sentence), "{f:?}");
        assert!(!p.old.contains(needle), "new or edited in 2025-09-12: {needle}");
        if let Some(v) = old_version {
            assert!(p.old.contains(v), "the edited sentence's old version: {v}");
        }
    }

    // 2025-10-27 added "... initiating undue emotional familiarity ...".
    let p = baseline_pair(&corpus, "2025-09-12", "2025-10-27", Some(RULES));
    check_properties(&p);
    let needle = "initiating undue emotional familiarity";
    assert!(!p.old.contains(needle));
    assert!(
        pick(&p.with, &p.new, "A101", needle, Some("undue")).is_some(),
        "{:#?}",
        p.with
    );
    // Everything else of that release is old.
    assert_eq!(p.with.len(), 1, "{:#?}", p.with);
}
