//! `specc build` end to end: the binary on `tests/fixtures/build` (snapshots of
//! its small outputs) and on the 2025-12-18 Model Spec (reported as ignored
//! when `../shared/corpus` is absent, see tools/corpus_cfg.rs). Every JSON Lines record is validated against
//! its schema in `docs/schemas/`.

mod common;
use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build")
}

fn specc() -> Command {
    Command::cargo_bin("specc").unwrap()
}

/// Runs `specc build` and returns (exit code, stdout, stderr).
fn build(project: &Path, args: &[&str]) -> (i32, String, String) {
    let o = specc().arg("build").arg(project).args(args).output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

fn build_ok(project: &Path, args: &[&str]) -> String {
    let (code, out, err) = build(project, args);
    assert_eq!(code, 0, "specc build {args:?} failed:\n{err}");
    out
}

fn schema(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/schemas")
        .join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses a JSONL file and validates every line; returns the records.
fn records(path: &Path, schema_name: &str) -> Vec<Value> {
    let v = schema(schema_name);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let rec: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), i + 1));
        let errors: Vec<String> = v
            .iter_errors(&rec)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}:{}: {errors:?}\n{line}", path.display(), i + 1);
        out.push(rec);
    }
    out
}

/// Builds evals, sft and dpo into a temporary folder and validates every record.
/// Returns (inspect, openai evals, sft, pairs, openai preference, provenance).
fn all_records(project: &Path) -> [Vec<Value>; 6] {
    let tmp = tempfile::tempdir().unwrap();
    let dir = |n: &str| tmp.path().join(n);
    for t in ["evals", "sft", "dpo"] {
        build_ok(project, &["--target", t, "--out", dir(t).to_str().unwrap()]);
    }
    [
        records(&dir("evals").join("inspect.jsonl"), "inspect-sample.schema.json"),
        records(
            &dir("evals").join("openai-evals.jsonl"),
            "openai-evals-sample.schema.json",
        ),
        records(&dir("sft").join("sft.jsonl"), "sft-record.schema.json"),
        records(&dir("dpo").join("pairs.jsonl"), "dpo-pair.schema.json"),
        records(
            &dir("dpo").join("openai-preference.jsonl"),
            "openai-preference.schema.json",
        ),
        records(&dir("dpo").join("provenance.jsonl"), "dpo-provenance.schema.json"),
    ]
}

fn check_summary(project: &Path) -> Value {
    let o = specc()
        .args(["check", "--format", "json"])
        .arg(project)
        .output()
        .unwrap();
    let text = String::from_utf8(o.stdout).unwrap();
    serde_json::from_str(text.lines().last().unwrap()).unwrap()
}

fn dump_ir(project: &Path) -> Value {
    let o = specc().args(["check", "--dump-ir"]).arg(project).output().unwrap();
    serde_json::from_slice(&o.stdout).unwrap()
}

/// The spec hash every record must carry: the one `--target json` reports.
fn spec_hash(project: &Path) -> String {
    let ir: Value = serde_json::from_str(&build_ok(project, &["--target", "json"])).unwrap();
    ir["spec_hash"].as_str().unwrap().to_string()
}

fn html(project: &Path) -> String {
    let tmp = tempfile::tempdir().unwrap();
    build_ok(project, &["--target", "html", "--out", tmp.path().to_str().unwrap()]);
    std::fs::read_to_string(tmp.path().join("index.html")).unwrap()
}

#[test]
fn fixture_records_match_their_schemas_and_carry_provenance() {
    let [inspect, openai, sft, pairs, preference, provenance] = all_records(&fixture());
    // 3 test prompts + 2 inline comparisons; 2 GOOD answers; 2 GOOD/BAD pairs.
    assert_eq!((inspect.len(), openai.len(), sft.len()), (5, 5, 2));
    assert_eq!((pairs.len(), preference.len(), provenance.len()), (2, 2, 2));
    let hash = spec_hash(&fixture());
    for r in inspect.iter().chain(&openai) {
        assert_eq!(r["metadata"]["spec_hash"], hash.as_str());
        assert!(r["metadata"]["clause"].is_string() || r["metadata"]["section"].is_string());
    }
    for r in sft.iter().chain(&provenance) {
        assert_eq!(r["spec_hash"], hash.as_str());
    }
    let safety = inspect.iter().find(|r| r["id"] == "safety:dangerous-request").unwrap();
    assert_eq!(safety["metadata"]["target_kind"], "good_answer");
    assert_eq!(safety["metadata"]["authority"], "root");
    let clause_case = inspect.iter().find(|r| r["id"] == "st1e:short-answer").unwrap();
    assert_eq!(clause_case["metadata"]["target_kind"], "clause_text");
    assert!(
        clause_case["target"]
            .as_str()
            .unwrap()
            .starts_with("Keep answers short")
    );
    assert_eq!(sft[0]["cited_clauses"][0], "s4fe");
    insta::assert_snapshot!("fixture_inspect", to_lines(&inspect));
    insta::assert_snapshot!("fixture_sft", to_lines(&sft));
    insta::assert_snapshot!("fixture_pairs", to_lines(&pairs));
    insta::assert_snapshot!("fixture_provenance", to_lines(&provenance));
}

fn to_lines(v: &[Value]) -> String {
    v.iter()
        .map(|r| serde_json::to_string_pretty(r).unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn fixture_prompt_in_authority_order_without_commentary() {
    let p = build_ok(&fixture(), &["--target", "prompt"]);
    let pos = |s: &str| p.find(s).unwrap_or_else(|| panic!("{s} missing from\n{p}"));
    assert!(pos("[safety, root]") < pos("[math, user]") && pos("[math, user]") < pos("[style, guideline]"));
    assert!(!p.contains("Commentary text"), "{p}");
    assert!(!p.contains("nerve agent"), "examples only with --examples");
    // The document's preamble, as context that rules nothing, before the rules.
    assert!(pos("This spec describes") < pos("[safety, root]"), "{p}");
    insta::assert_snapshot!("fixture_prompt", p);

    let with = build_ok(&fixture(), &["--target", "prompt", "--examples", "--authority", "root"]);
    assert!(
        with.contains("<assistant> <!-- BAD[#safety]: gives steps -->"),
        "{with}"
    );
    assert!(!with.contains("[math, user]"), "{with}");
}

#[test]
fn prompt_budget_reports_what_it_left_out_lowest_authority_first() {
    let full = build_ok(&fixture(), &["--target", "prompt"]);
    // (Room for neither the preamble nor the lowest section.)
    let start = full[..full.find(", context]").expect("a preamble")]
        .rfind("\n## ")
        .unwrap();
    let preamble = full[start + 1..].find("\n## ").unwrap() + 1;
    let budget = (full.len() - preamble).div_ceil(4) - 1;
    let (code, out, err) = build(&fixture(), &["--target", "prompt", "--max-tokens", &budget.to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.len().div_ceil(4) <= budget);
    assert!(
        !out.contains("[style, guideline]") && out.contains("[safety, root]"),
        "{out}"
    );
    assert!(
        err.contains("left out (lowest authority first):\n  preamble [")
            && err.contains("\n  section [style] (guideline"),
        "{err}"
    );

    let (code, _, err) = build(&fixture(), &["--target", "prompt", "--max-tokens", "5"]);
    assert_eq!(code, 2);
    assert!(err.contains("leaves no room"), "{err}");
}

#[test]
fn prompt_to_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("out/prompt.md");
    let out = build_ok(&fixture(), &["--target", "prompt", "--out", f.to_str().unwrap()]);
    assert!(out.is_empty());
    assert!(std::fs::read_to_string(&f).unwrap().contains("[safety, root]"));
}

#[test]
fn fixture_html_escapes_model_text_and_links_every_section() {
    let h = html(&fixture());
    assert!(
        h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the XSS answer is shown as text"
    );
    assert!(h.contains("&gt;&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        !h.contains("<script") && !h.contains("<img"),
        "no script or img element"
    );
    assert!(
        !h.contains("http://") && !h.contains("https://"),
        "nothing to load from the network"
    );
    assert!(h.contains("default-src 'none'"), "CSP forbids scripts and loads");
    // LaTeX shown as readable source.
    assert!(h.contains("\\( \\frac{4}{3}\\pi r^3 \\)"));
    assert!(h.contains(
        "<span class=\"badge verdict good\">GOOD</span> <span class=\"reason\">declines and points to help</span>"
    ));
    assert!(h.contains("<aside class=\"commentary commentary-meta\">"));
    assert!(h.contains("<a href=\"#safety\">the safety rules</a>"));
    assert!(
        h.contains("<a href=\"#definitions\">Definitions</a>"),
        "[?] links take the title"
    );
    let ir = dump_ir(&fixture());
    for s in ir["packages"][0]["documents"][0]["sections"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        assert!(h.contains(&format!(" id=\"{id}\"")), "anchor {id}");
        assert!(h.contains(&format!("<a href=\"#{id}\">")), "nav link {id}");
    }
    let summary = check_summary(&fixture());
    assert_eq!(
        h.matches("<figure class=\"example\"").count() as u64,
        summary["examples"].as_u64().unwrap()
    );
    assert_eq!(
        h.matches("<figure class=\"test-prompt\"").count() as u64,
        summary["test_prompts"].as_u64().unwrap()
    );
    assert!(h.contains("No results database"));
}

#[test]
fn html_shows_the_latest_runs_pass_rates() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("results.db");
    let ws = specc_project::Workspace::load(&fixture());
    let cases = specc_eval::cases_of(ws.root());
    let store = specc_eval::store::Store::open(&db).unwrap();
    let run = store
        .begin_run(&specc_eval::store::RunMeta {
            spec_hash: "x".into(),
            target: "target-model".into(),
            grader: "g".into(),
            settings: "{}".into(),
            ..Default::default()
        })
        .unwrap();
    let case = cases.iter().find(|c| c.clause.as_deref() == Some("s4fe")).unwrap();
    store.add_case(run, case).unwrap();
    for (i, verdict) in ["pass", "pass", "pass", "fail"].iter().enumerate() {
        let g = specc_eval::store::GradeRecord {
            verdict: specc_eval::Verdict::parse(verdict),
            ..Default::default()
        };
        store.record_grade(run, &case.id, i as u32, &g, None).unwrap();
    }
    drop(store);
    let out = tmp.path().join("site");
    build_ok(
        &fixture(),
        &[
            "--target",
            "html",
            "--db",
            db.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let h = std::fs::read_to_string(out.join("index.html")).unwrap();
    // Wilson 95% interval of 3 of 4: 30%–95%.
    assert!(h.contains("pass 75% (95% CI 30–95%, 3 of 4)"), "{h}");
    assert!(h.contains("run #1"));
}

#[test]
fn release_refuses_a_project_with_errors() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("spec.md"),
        "# A {#a authority=user}\n\nSee [?](#nowhere).\n",
    )
    .unwrap();
    let (code, _, err) = build(tmp.path(), &["--target", "prompt", "--release"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("refuses to build: the project has 1 error") && err.contains("specc check"),
        "{err}"
    );
    let (code, out, err) = build(tmp.path(), &["--target", "prompt"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("building although the project has 1 error"), "{err}");
    assert!(out.contains("[a, user]"));
    let (code, _, err) = build(&fixture(), &["--target", "prompt", "--release"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bad_flags_are_clear_errors() {
    let (code, _, err) = build(&fixture(), &["--target", "prompt", "--section", "saftey"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no section `saftey`") && err.contains("did you mean `safety`"),
        "{err}"
    );
    let (code, _, err) = build(&fixture(), &["--target", "evals", "--authority", "admin"]);
    assert_eq!(code, 2);
    assert!(err.contains("`admin` is not an authority level"), "{err}");
    let (code, _, err) = build(&fixture(), &["--target", "html", "--max-tokens", "10"]);
    assert_eq!(code, 2);
    assert!(err.contains("--max-tokens applies to --target prompt only"), "{err}");
    let (code, _, err) = build(Path::new("/nonexistent/specc-project"), &["--target", "json"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn json_is_the_ir_with_the_spec_hash() {
    let built: Value = serde_json::from_str(&build_ok(&fixture(), &["--target", "json"])).unwrap();
    let mut dumped = dump_ir(&fixture());
    dumped["spec_hash"] = built["spec_hash"].clone();
    assert_eq!(built, dumped);
    assert_eq!(built["schema"], "specc.ir/1");
    assert_eq!(built["spec_hash"].as_str().unwrap().len(), 16);
    // The same spec reached by another path (relative, from another folder) has the same hash.
    let o = specc()
        .current_dir(fixture().parent().unwrap())
        .args(["build", "build", "--target", "json"])
        .output()
        .unwrap();
    let relative: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(relative["spec_hash"], built["spec_hash"]);
}

#[test]
fn filters_select_records() {
    let tmp = tempfile::tempdir().unwrap();
    build_ok(
        &fixture(),
        &[
            "--target",
            "evals",
            "--section",
            "math",
            "--out",
            tmp.path().to_str().unwrap(),
        ],
    );
    let recs = records(&tmp.path().join("inspect.jsonl"), "inspect-sample.schema.json");
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["m4th:cube-volume", "math:sphere-volume"]);
}

// ---- The 2025-12-18 Model Spec ----

fn newest() -> PathBuf {
    common::corpus().join("2025-12-18")
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn corpus_html_has_every_section_and_example() {
    let spec = newest();
    let h = html(&spec);
    let ir = dump_ir(&spec);
    let mut sections = 0;
    for d in ir["packages"][0]["documents"].as_array().unwrap() {
        for s in d["sections"].as_array().unwrap() {
            let id = s["id"].as_str().unwrap();
            assert!(h.contains(&format!(" id=\"{id}\" class=\"section\"")), "anchor {id}");
            assert!(h.contains(&format!("<a href=\"#{id}\">")), "nav link {id}");
            sections += 1;
        }
    }
    let summary = check_summary(&spec);
    assert_eq!(sections, summary["sections"].as_u64().unwrap());
    assert_eq!(
        h.matches(" class=\"section\"").count() as u64,
        summary["sections"].as_u64().unwrap()
    );
    assert_eq!(
        h.matches("<figure class=\"example\"").count() as u64,
        summary["examples"].as_u64().unwrap()
    );
    assert_eq!(
        h.matches("<figure class=\"test-prompt\"").count() as u64,
        summary["test_prompts"].as_u64().unwrap()
    );
    assert_eq!(
        h.matches("<span class=\"badge verdict good\">").count() as u64,
        summary["good"].as_u64().unwrap()
    );
    assert_eq!(
        h.matches("<span class=\"badge verdict bad\">").count() as u64,
        summary["bad"].as_u64().unwrap()
    );
    assert!(!h.contains("<script") && !h.contains("<img"));
    // Every internal link resolves to an anchor on the page.
    for (i, _) in h.match_indices("href=\"#") {
        let rest = &h[i + 7..];
        let id = &rest[..rest.find('"').unwrap()];
        assert!(h.contains(&format!(" id=\"{id}\"")), "link #{id} has no anchor");
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn corpus_prompt_has_every_normative_section_in_authority_order_and_no_commentary() {
    let spec = newest();
    let p = build_ok(&spec, &["--target", "prompt"]);
    let ir = dump_ir(&spec);
    let levels = ["root", "system", "developer", "user", "guideline"];
    let mut expected: Vec<(usize, usize, String)> = Vec::new();
    let doc = &ir["packages"][0]["documents"][0];
    for (i, s) in doc["sections"].as_array().unwrap().iter().enumerate() {
        if let Some(a) = s["authority"].as_str() {
            let rank = levels.iter().position(|l| *l == a).unwrap();
            let heading = format!(
                "## {} [{}, {a}]\n",
                s["title"].as_str().unwrap(),
                s["id"].as_str().unwrap()
            );
            expected.push((rank, i, heading));
        }
    }
    assert!(expected.len() > 50, "the Model Spec has many ranked sections");
    expected.sort();
    let mut at = 0;
    for (_, _, heading) in &expected {
        let found = p[at..]
            .find(heading.as_str())
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        at += found + heading.len();
    }
    let src = std::fs::read_to_string(spec.join("model_spec.md")).unwrap();
    let commentary = doc["commentary"].as_array().unwrap();
    assert!(commentary.len() >= 10);
    for c in commentary {
        let (s, e) = (
            c["body_span"]["start"].as_u64().unwrap() as usize,
            c["body_span"]["end"].as_u64().unwrap() as usize,
        );
        let first_line = src[s..e].lines().map(str::trim).find(|l| l.len() > 30).unwrap();
        assert!(!p.contains(first_line), "commentary in the prompt: {first_line}");
    }
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus/openai-model-spec")]
fn corpus_records_match_their_schemas() {
    let spec = newest();
    let [inspect, openai, sft, pairs, preference, provenance] = all_records(&spec);
    let summary = check_summary(&spec);
    // One case per test point of every well-formed example (the IR lists them).
    let ir = dump_ir(&spec);
    let pkg = &ir["packages"][0];
    let mut cases = 0u64;
    for d in pkg["documents"]
        .as_array()
        .unwrap()
        .iter()
        .chain(pkg["test_files"].as_array().unwrap())
    {
        for ex in d["examples"].as_array().unwrap() {
            if ex["well_formed"] == true {
                cases += ex["cases"].as_array().unwrap().len() as u64;
            }
        }
    }
    assert_eq!(inspect.len() as u64, cases);
    assert_eq!(openai.len(), inspect.len());
    assert!(sft.len() > 100, "{}", sft.len());
    assert_eq!(pairs.len(), preference.len());
    assert_eq!(pairs.len(), provenance.len());
    assert!(pairs.len() as u64 >= summary["comparisons"].as_u64().unwrap() / 2);
}

/// Every target on every diagnostic fixture (broken files, bad configs,
/// malformed examples): an exit code and a message, never a panic.
#[test]
fn every_target_survives_every_broken_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut runs = 0;
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for target in ["html", "prompt", "evals", "sft", "dpo", "json"] {
            let tmp = tempfile::tempdir().unwrap();
            let out = tmp.path().join("out");
            let (code, _, err) = build(&dir, &["--target", target, "--out", out.to_str().unwrap()]);
            assert!(
                [0, 1, 2].contains(&code) && !err.contains("panicked"),
                "{} --target {target}: exit {code}\n{err}",
                dir.display()
            );
            if code != 0 {
                assert!(
                    err.contains("error"),
                    "{} --target {target}: exit {code} without an error message\n{err}",
                    dir.display()
                );
            }
            runs += 1;
        }
    }
    assert!(runs >= 6 * 20, "{runs}");
}
