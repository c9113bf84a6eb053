//! docs/configuration.md against the configuration types: for each table,
//! an unknown key makes specc name the keys it accepts (serde's "expected one
//! of"), and those must be exactly the keys the page lists for that table.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn documented() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/configuration.md")).unwrap()
}

/// The keys of a table's section on the page: the first column of its table.
fn keys_on_page(page: &str, heading: &str) -> BTreeSet<String> {
    let start = page
        .find(&format!("## `{heading}`"))
        .unwrap_or_else(|| panic!("no section {heading}"));
    let rest = &page[start + 3..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    rest[..end]
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_string)
        .collect()
}

/// The keys specc names when a table holds an unknown one.
fn keys_specc_accepts(toml: &str) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("specc.toml"), toml).unwrap();
    let out = Command::cargo_bin("specc")
        .unwrap()
        .arg("check")
        .arg(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let expected = text.split("expected ").nth(1).unwrap_or_else(|| panic!("{text}"));
    let line = expected.lines().next().unwrap();
    line.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

#[test]
fn every_table_lists_exactly_the_keys_specc_accepts() {
    let page = documented();
    for (heading, toml) in [
        ("[spec]", "[spec]\nzzz = 1\n"),
        ("[lint]", "[lint]\nzzz = 1\n"),
        ("[test]", "[test]\nzzz = 1\n"),
        ("[deep]", "[deep]\nzzz = 1\n"),
        ("[models.<name>]", "[models.target]\nzzz = 1\n"),
        ("[dependencies]", "[dependencies]\nx = { path = \"a\", zzz = 1 }\n"),
    ] {
        let accepted = keys_specc_accepts(toml);
        let listed = keys_on_page(&page, heading);
        assert_eq!(listed, accepted, "docs/configuration.md's {heading} against specc");
    }
    // And the tables themselves.
    let tables = keys_specc_accepts("zzz = 1\n");
    for t in &tables {
        assert!(page.contains(&format!("## `[{t}")), "no section for [{t}]");
    }
}
