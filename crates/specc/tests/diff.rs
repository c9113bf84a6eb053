//! `specc diff` on two versions of a small spec written for these tests
//! (renamed IDs, a renamed authority level, authority raised and lowered,
//! clauses, examples and test prompts added, edited and removed; every output
//! format and `--fail-on`), on a git repository made for the test, and on
//! consecutive Model Spec releases, checked against what their CHANGELOG.md
//! says (reported as ignored when `../shared/corpus` is absent, see tools/corpus_cfg.rs).

mod common;
use assert_cmd::Command;
use common::{corpus, git};
use serde_json::Value;
use std::path::Path;

fn diff_json(old: &Path, new: &Path) -> Value {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--format", "json"])
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "specc.diff/1");
    v
}

fn changes<'a>(v: &'a Value, list: &str, change: &str) -> Vec<&'a Value> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["change"] == change)
        .collect()
}

fn ids(v: &[&Value], key: &str) -> Vec<String> {
    v.iter().map(|c| c[key].as_str().unwrap().to_string()).collect()
}

// ---- Fixtures of our own: no corpus needed ----

/// The old version: four ranked sections under `platform` (the old name of
/// `root`), one under `developer`, two under `user`; five clauses; one example.
const OLD_SPEC: &str = r#"# Travel assistant {#travel}

An assistant that helps people plan trips. This overview has no authority.

## Safety {#safety authority=platform}

The assistant must not help anyone travel to a place in order to hurt someone there.[^s4fe]

## Honesty {#honesty authority=platform}

The assistant must not invent flight numbers, prices or opening hours.[^h0n3]

**Example**: a price the assistant does not know

~~~xml
<user>
How much is the ferry to Hydra tomorrow?
</user>
<comparison>
<assistant> <!-- GOOD -->
I don't have live prices; the operator's site lists tomorrow's fares.
</assistant>
<assistant> <!-- BAD -->
It costs exactly 38 euros.
</assistant>
</comparison>
~~~

## Tone {#tone authority=platform}

The assistant should greet the user by name when it knows the name.[^t0ne]

## Brevity {#brevity authority=developer}

The assistant should keep an itinerary under 200 words unless asked for more.[^br3v]

## Bookings {#bookings authority=user}

Answers about bookings list the confirmation number, the dates and the cancellation terms, in that order, before anything else the user asked about.

## Be approachable {#approachable authority=user}

The assistant should sound approachable.[^apr0]
"#;

/// The new version of [`OLD_SPEC`]: `platform` renamed to `root` (Safety,
/// Honesty); Tone lowered to `user` and Brevity raised to `system`; the
/// `bookings` ID renamed to `booking_details` (and retitled), its text the
/// same; clause br3v reworded (200 -> 150 words); section Privacy and clause
/// pr1v added; section Be approachable and clause apr0 removed; the BAD answer
/// of the example edited.
const NEW_SPEC: &str = r#"# Travel assistant {#travel}

An assistant that helps people plan trips. This overview has no authority.

## Safety {#safety authority=root}

The assistant must not help anyone travel to a place in order to hurt someone there.[^s4fe]

## Honesty {#honesty authority=root}

The assistant must not invent flight numbers, prices or opening hours.[^h0n3]

**Example**: a price the assistant does not know

~~~xml
<user>
How much is the ferry to Hydra tomorrow?
</user>
<comparison>
<assistant> <!-- GOOD -->
I don't have live prices; the operator's site lists tomorrow's fares.
</assistant>
<assistant> <!-- BAD -->
It costs exactly 38 euros, and 45 in August.
</assistant>
</comparison>
~~~

## Tone {#tone authority=user}

The assistant should greet the user by name when it knows the name.[^t0ne]

## Brevity {#brevity authority=system}

The assistant should keep an itinerary under 150 words unless asked for more.[^br3v]

## Booking details {#booking_details authority=user}

Answers about bookings list the confirmation number, the dates and the cancellation terms, in that order, before anything else the user asked about.

## Privacy {#privacy authority=root}

The assistant must not repeat a passport number back to the user in full.[^pr1v]
"#;

/// Test prompts of clause h0n3, old and new: one kept, one edited, one
/// removed (museum hours), one added (train number).
const OLD_PROMPTS: &str = "Examples for [^h0n3] in Honesty:

**Example**: a ferry price

~~~xml
<user>
What does the ferry to Hydra cost?
</user>
~~~

**Example**: a flight number

~~~xml
<user>
Which flight number leaves Athens for Rome at nine?
</user>
~~~

**Example**: museum hours

~~~xml
<user>
When does the Acropolis Museum open on Mondays?
</user>
~~~
";

const NEW_PROMPTS: &str = "Examples for [^h0n3] in Honesty:

**Example**: a ferry price

~~~xml
<user>
What does the ferry to Hydra cost?
</user>
~~~

**Example**: a flight number

~~~xml
<user>
Which flight number leaves Athens for Rome at nine tomorrow?
</user>
~~~

**Example**: a train number

~~~xml
<user>
Which train goes from Milan to Venice after six?
</user>
~~~
";

/// `old/` and `new/` in a temporary folder, each a spec.md and, when given,
/// examples/h0n3.md.
fn versions(old: &str, new: &str, prompts: Option<(&str, &str)>) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (name, spec, p) in [("old", old, prompts.map(|p| p.0)), ("new", new, prompts.map(|p| p.1))] {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(dir.join("examples")).unwrap();
        std::fs::write(dir.join("spec.md"), spec).unwrap();
        if let Some(p) = p {
            std::fs::write(dir.join("examples/h0n3.md"), p).unwrap();
        }
    }
    tmp
}

/// `specc diff old new ARGS` run in `dir` (so the labels are `old` and `new`):
/// exit code, stdout, stderr.
fn diff_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("NO_COLOR", "1")
        .current_dir(dir)
        .args(["diff", "old", "new"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn fixture_json(dir: &Path) -> Value {
    let (code, out, err) = diff_in(dir, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], "specc.diff/1");
    v
}

#[test]
fn fixture_renames_authority_and_clause_changes_in_json() {
    let tmp = versions(OLD_SPEC, NEW_SPEC, Some((OLD_PROMPTS, NEW_PROMPTS)));
    let v = fixture_json(tmp.path());
    // The level rename is reported once, for the sections that kept their level.
    assert_eq!(
        v["level_renames"],
        serde_json::json!([{ "from": "platform", "to": "root", "sections": 2 }])
    );
    // Section IDs: renamed when the text stayed (and retitled with it), else
    // added or removed.
    let renamed = changes(&v, "sections", "renamed");
    assert_eq!(renamed.len(), 1, "{renamed:#?}");
    assert_eq!(
        (renamed[0]["from"].as_str(), renamed[0]["to"].as_str()),
        (Some("bookings"), Some("booking_details"))
    );
    assert_eq!(renamed[0]["similarity"], 1.0);
    assert_eq!(ids(&changes(&v, "sections", "retitled"), "id"), ["booking_details"]);
    assert_eq!(ids(&changes(&v, "sections", "added"), "id"), ["privacy"]);
    assert_eq!(ids(&changes(&v, "sections", "removed"), "id"), ["approachable"]);
    // Authority: `platform` reads as `root`, so Tone is lowered from root, and
    // the renamed level is no authority change for Safety and Honesty.
    let mut authority: Vec<(&str, &str, &str, &str)> = changes(&v, "sections", "authority")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap(),
                a["from"].as_str().unwrap(),
                a["to"].as_str().unwrap(),
                a["direction"].as_str().unwrap(),
            )
        })
        .collect();
    authority.sort();
    assert_eq!(
        authority,
        [
            ("brevity", "developer", "system", "raised"),
            ("tone", "root", "user", "lowered")
        ]
    );
    // Clauses by footnote ID.
    assert_eq!(ids(&changes(&v, "clauses", "removed"), "id"), ["apr0"]);
    assert_eq!(ids(&changes(&v, "clauses", "added"), "id"), ["pr1v"]);
    let reworded = changes(&v, "clauses", "reworded");
    assert_eq!(ids(&reworded, "id"), ["br3v"]);
    assert!(
        reworded[0]["word_diff"]
            .as_str()
            .unwrap()
            .contains("under [-200-]{+150+} words"),
        "{reworded:#?}"
    );
    // Examples and test prompts by case ID.
    assert_eq!(
        ids(&changes(&v, "examples", "changed"), "id"),
        ["honesty:a-price-the-assistant-does-not-know"]
    );
    assert_eq!(v["examples"].as_array().unwrap().len(), 1);
    assert_eq!(
        ids(&changes(&v, "test_prompts", "changed"), "id"),
        ["h0n3:a-flight-number"]
    );
    assert_eq!(
        ids(&changes(&v, "test_prompts", "added"), "id"),
        ["h0n3:a-train-number"]
    );
    assert_eq!(
        ids(&changes(&v, "test_prompts", "removed"), "id"),
        ["h0n3:museum-hours"]
    );
    // A removed clause and changed authority make it major, with every reason.
    assert_eq!(v["bump"], "major");
    let reasons: Vec<&str> = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for r in [
        "major: 1 clause removed (apr0)",
        "major: authority changed in 2 sections (tone root→user, brevity developer→system)",
        "minor: 1 section removed (their clauses decide whether this is major)",
        "minor: 1 clause added",
        "minor: 1 section added",
        "patch: authority level `platform` renamed to `root` (2 sections)",
        // The brevity clause was reworded; its section, whose only text it is, is not also "reworded".
        "patch: 3 section or clause edits (rewording, renames, moves)",
        "patch: 1 example change and 3 test prompt changes",
    ] {
        assert!(reasons.contains(&r), "{r} in {reasons:#?}");
    }
}

#[test]
fn fixture_changelog_and_human_output() {
    let tmp = versions(OLD_SPEC, NEW_SPEC, Some((OLD_PROMPTS, NEW_PROMPTS)));
    let (code, changelog, err) = diff_in(tmp.path(), &["--format", "changelog"]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("fixture-changelog", changelog);

    let (code, human, err) = diff_in(tmp.path(), &[]);
    assert_eq!(code, 0, "without --fail-on even a major change exits 0: {err}");
    assert!(!human.contains('\x1b'), "no colour when stdout is not a terminal");
    for line in [
        "diff old → new\n",
        "~ authority level `platform` renamed to `root` (2 sections; not repeated below)\n",
        "\nTone (tone)\n  ! authority lowered: root → user\n",
        "  ! authority raised: developer → system\n",
        "\nBooking details (booking_details)\n  ~ renamed from `bookings` (100% the same text)\n",
        "\nPrivacy (privacy)\n  + section added (root)\n  + clause pr1v: ",
        "\nBe approachable (approachable)\n  - section removed\n  - clause apr0 removed\n",
        "  ~ example honesty:a-price-the-assistant-does-not-know changed\n",
        "suggested version bump: major\n",
    ] {
        assert!(human.contains(line), "{line:?} in\n{human}");
    }
    // Without colour a word change keeps its markers: old and new never run together.
    assert!(human.contains("under [-200-]{+150+} words"), "{human}");
    insta::assert_snapshot!("fixture-human-plain", human);
}

#[test]
fn fail_on_exits_1_at_or_above_its_level() {
    // One variant of OLD_SPEC per size of change.
    let patch = OLD_SPEC.replace("under 200 words", "under 150 words");
    let minor = format!(
        "{OLD_SPEC}\n## Privacy {{#privacy authority=root}}\n\nThe assistant must not repeat a passport number.[^pr1v]\n"
    );
    let renamed_level = OLD_SPEC.replace("authority=platform", "authority=root");
    let raised = OLD_SPEC.replace("{#brevity authority=developer}", "{#brevity authority=system}");
    for (what, new, bump) in [
        ("nothing", OLD_SPEC.to_string(), "none"),
        ("a reworded clause", patch, "patch"),
        ("a renamed level", renamed_level, "patch"),
        ("an added clause", minor, "minor"),
        ("a raised authority", raised, "major"),
        ("the fixture's new version", NEW_SPEC.to_string(), "major"),
    ] {
        let tmp = versions(OLD_SPEC, &new, None);
        let v = fixture_json(tmp.path());
        assert_eq!(v["bump"], bump, "{what}: {:#}", v["reasons"]);
        let rank = |b: &str| {
            ["none", "patch", "minor", "major"]
                .iter()
                .position(|x| *x == b)
                .unwrap()
        };
        for level in ["patch", "minor", "major"] {
            let expect = if rank(bump) >= rank(level) { 1 } else { 0 };
            for format in ["human", "json", "changelog"] {
                let (code, out, err) = diff_in(tmp.path(), &["--fail-on", level, "--format", format]);
                assert_eq!(
                    code, expect,
                    "{what} (bump {bump}) --fail-on {level} --format {format}: {err}"
                );
                // The report is written whatever the exit code.
                assert!(!out.is_empty(), "{what} --fail-on {level} --format {format}: no output");
            }
        }
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn april_to_september_2025_matches_its_changelog() {
    let c = corpus();
    let v = diff_json(&c.join("2025-04-11"), &c.join("2025-09-12"));
    // "Renames the top authority level from Platform to Root": once, not per section.
    let renames = v["level_renames"].as_array().unwrap();
    assert_eq!(renames.len(), 1);
    assert_eq!(
        (renames[0]["from"].as_str(), renames[0]["to"].as_str()),
        (Some("platform"), Some("root"))
    );
    assert!(renames[0]["sections"].as_u64().unwrap() > 10);
    // "Moves a few principles to System-level": each one reported, as lowered.
    let authority = changes(&v, "sections", "authority");
    assert!(!authority.is_empty() && authority.len() <= 5, "{authority:#?}");
    for a in &authority {
        assert_eq!(
            (a["from"].as_str(), a["to"].as_str(), a["direction"].as_str()),
            (Some("root"), Some("system"), Some("lowered"))
        );
    }
    assert!(ids(&authority, "id").contains(&"comply_with_laws".to_string()));
    // New sections the changelog names.
    let added = ids(&changes(&v, "sections", "added"), "id");
    for id in [
        "red_line_principles",
        "no_other_objectives",
        "scope_of_autonomy",
        "control_side_effects",
    ] {
        assert!(added.contains(&id.to_string()), "{id} added: {added:?}");
    }
    // "merging the stub 'Be Approachable' section into 'Use appropriate style'".
    assert!(ids(&changes(&v, "sections", "removed"), "id").contains(&"approachable".to_string()));
    // Clauses were removed, so the suggestion is major.
    assert_eq!(v["bump"], "major");
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn february_to_april_2025_is_a_patch() {
    let c = corpus();
    let v = diff_json(&c.join("2025-02-12"), &c.join("2025-04-11"));
    assert_eq!(v["bump"], "patch", "{:#}", v["reasons"]);
    assert!(v["level_renames"].as_array().unwrap().is_empty());
    // "Narrows the exception for white lies": the section about them is reworded
    // (its "white lie that's over the line" example moves within it, unchanged).
    assert!(
        v["sections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["change"] == "reworded" && s["id"] == "do_not_lie")
    );
    assert!(
        v["examples"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !e["id"].as_str().unwrap().contains("white-lie"))
    );
    // "Fixes a bug in the example 'Transforming buggy code in an interactive chat'"
    // and "Fixes LaTeX syntax in a few of the examples": exactly those examples changed.
    let changed = ids(&changes(&v, "examples", "changed"), "id");
    assert!(
        changed.contains(&"avoid_overstepping:transforming-buggy-code-in-an-interactive-chat".to_string()),
        "{changed:?}"
    );
    assert!(
        changed.iter().filter(|id| id.contains("volume-of-a-bomb")).count() >= 2,
        "{changed:?}"
    );
    assert!(changes(&v, "examples", "added").is_empty() && changes(&v, "examples", "removed").is_empty());
    assert!(changes(&v, "clauses", "added").is_empty() && changes(&v, "clauses", "removed").is_empty());
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn changelog_format_groups_breaking_added_changed_removed() {
    let c = corpus();
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--format", "changelog"])
        .arg(c.join("2025-04-11"))
        .arg(c.join("2025-09-12"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for h in ["### Breaking", "### Added", "### Changed", "### Removed"] {
        assert!(text.contains(h), "{h} in\n{text}");
    }
    assert!(text.contains("Renamed the authority level `platform` to `root`"));
    assert!(text.contains("Section \"Red-line principles\" (`red_line_principles`)."));
    // --fail-on: major here.
    Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--fail-on", "major"])
        .arg(c.join("2025-04-11"))
        .arg(c.join("2025-09-12"))
        .assert()
        .code(1);
    Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "--fail-on", "major"])
        .arg(c.join("2025-02-12"))
        .arg(c.join("2025-04-11"))
        .assert()
        .code(0);
}

#[test]
fn git_revisions_one_clause_edited() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    Command::cargo_bin("specc")
        .unwrap()
        .arg("init")
        .arg(dir)
        .assert()
        .success();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-qm", "first"]);
    let spec = dir.join("spec/assistant.md");
    let text = std::fs::read_to_string(&spec)
        .unwrap()
        .replace("under 200 words", "under 150 words");
    std::fs::write(&spec, text).unwrap();
    git(dir, &["commit", "-qam", "tighten"]);
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD~1..HEAD", "--format", "json", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let clauses = v["clauses"].as_array().unwrap();
    assert_eq!(clauses.len(), 1, "{clauses:#?}");
    assert_eq!(
        (clauses[0]["change"].as_str(), clauses[0]["id"].as_str()),
        (Some("reworded"), Some("br3v"))
    );
    assert!(clauses[0]["word_diff"].as_str().unwrap().contains("[-200-]{+150+}"));
    assert_eq!(v["bump"], "patch");
    // One revision against the working tree: nothing changed since HEAD.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "HEAD", "--format", "json", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["bump"], "none", "{v:#}");
    // A bad revision is an error that says what to do.
    let out = Command::cargo_bin("specc")
        .unwrap()
        .args(["diff", "nope..HEAD", "--repo"])
        .arg(dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("help:"));
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn human_output_groups_changes_by_section() {
    let c = corpus();
    let out = Command::cargo_bin("specc")
        .unwrap()
        .env("NO_COLOR", "1")
        .arg("diff")
        .arg(c.join("2025-04-11"))
        .arg(c.join("2025-09-12"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "no colour when stdout is not a terminal");
    assert!(
        text.contains("~ authority level `platform` renamed to `root`"),
        "{text}"
    );
    assert!(
        text.contains("\nRed-line principles (red_line_principles)\n  + section added"),
        "{text}"
    );
    assert!(
        text.contains("\nComply with applicable laws (comply_with_laws)\n"),
        "{text}"
    );
    assert!(text.contains("! authority lowered: root → system"), "{text}");
    assert!(text.trim_end().contains("suggested version bump: major"), "{text}");
}
