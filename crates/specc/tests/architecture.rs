//! ARCHITECTURE.md stays true: its crate graph is `cargo metadata`'s, and no
//! crate has a cycle between its top-level modules.
//!
//! A module cycle is read from `use` lines and paths: module `a` depends on
//! module `b` when a file of `a` (`src/a.rs` or anything under `src/a/`) names
//! `crate::b`. The crate root (`lib.rs`, `main.rs`) is the crate's facade and
//! not a node; a submodule's references to its parent stay inside one node.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Crate → the workspace crates it depends on (normal dependencies).
fn metadata_graph() -> BTreeMap<String, BTreeSet<String>> {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(workspace())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let packages = v["packages"].as_array().unwrap();
    let names: BTreeSet<String> = packages
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["kind"].is_null())
                .map(|d| d["name"].as_str().unwrap().to_string())
                .filter(|d| names.contains(d))
                .collect();
            (p["name"].as_str().unwrap().to_string(), deps)
        })
        .collect()
}

/// The graph ARCHITECTURE.md draws: the lines "- `a` → `b`, `c`" (or "→ nothing")
/// under its "## Crate graph" heading.
fn documented_graph() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(workspace().join("ARCHITECTURE.md")).unwrap();
    let section = text
        .split("\n## ")
        .find(|s| s.starts_with("Crate graph"))
        .expect("ARCHITECTURE.md has a `## Crate graph` section");
    let names = |s: &str| -> BTreeSet<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
    section
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .filter_map(|l| l.split_once('→'))
        .map(|(from, to)| (names(from).into_iter().next().unwrap(), names(to)))
        .collect()
}

#[test]
fn the_crate_graph_in_architecture_md_is_cargo_metadata() {
    let (doc, real) = (documented_graph(), metadata_graph());
    for (name, deps) in &real {
        assert_eq!(
            doc.get(name),
            Some(deps),
            "ARCHITECTURE.md's crate graph for `{name}` differs from Cargo.toml's dependencies"
        );
    }
    assert_eq!(
        doc.len(),
        real.len(),
        "ARCHITECTURE.md lists crates that do not exist: {doc:?}"
    );
}

/// The top-level modules a source text names through `crate::`.
fn crate_references(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            // `crate::{a::X, b}` names several.
            let heads: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group
                    .split('}')
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(|p| p.trim().split("::").next().unwrap_or(""))
                    .collect(),
                None => vec![
                    rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or(""),
                ],
            };
            // `pub(crate)` is a visibility, and `$crate` a macro path: neither is a module.
            if code[..code.len() - rest.len() - "crate::".len()].ends_with('$') {
                continue;
            }
            found.extend(heads.into_iter().filter(|h| modules.contains(*h)).map(str::to_string));
        }
    }
    found
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// Module → the modules it names, for one crate's `src/`.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let module_of = |p: &Path| -> Option<String> {
        let rel = p.strip_prefix(src).ok()?;
        let first = rel.components().next()?.as_os_str().to_string_lossy().to_string();
        let name = first.trim_end_matches(".rs").to_string();
        (name != "lib" && name != "main").then_some(name)
    };
    let files = rust_files(src);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for f in &files {
        let Some(m) = module_of(f) else { continue };
        let refs = crate_references(&std::fs::read_to_string(f).unwrap(), &modules);
        graph.get_mut(&m).unwrap().extend(refs.into_iter().filter(|r| r != &m));
    }
    graph
}

/// A cycle, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for next in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_crate_has_a_cycle_between_its_modules() {
    let crates = workspace().join("crates");
    let mut cycles = Vec::new();
    for e in std::fs::read_dir(&crates).unwrap().flatten() {
        let src = e.path().join("src");
        if !src.is_dir() {
            continue;
        }
        if let Some(c) = find_cycle(&module_graph(&src)) {
            cycles.push(format!("{}: {}", e.file_name().to_string_lossy(), c.join(" -> ")));
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_cycle_finder_finds_a_planted_cycle_and_reads_use_groups() {
    let modules: BTreeSet<String> = ["html", "report", "markdown"].iter().map(|s| s.to_string()).collect();
    let refs = crate_references(
        "use crate::{html::Page, markdown};\npub(crate) fn f() {} // crate::report\nlet x = $crate::report::X;",
        &modules,
    );
    assert_eq!(refs, BTreeSet::from(["html".to_string(), "markdown".to_string()]));
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.insert("html".into(), BTreeSet::from(["markdown".to_string()]));
    g.insert("markdown".into(), BTreeSet::new());
    g.insert("report".into(), BTreeSet::from(["html".to_string()]));
    assert_eq!(find_cycle(&g), None);
    g.get_mut("html").unwrap().insert("report".into());
    assert_eq!(find_cycle(&g).unwrap(), ["html", "report", "html"]);
}

#[test]
fn no_command_uses_another() {
    let dir = workspace().join("crates/specc/src/commands");
    let commands: Vec<String> = rust_files(&dir)
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().to_string()))
        .filter(|s| s != "mod")
        .collect();
    for f in rust_files(&dir) {
        let text = std::fs::read_to_string(&f).unwrap();
        for c in &commands {
            for pattern in [format!("commands::{c}"), format!("super::{c}::")] {
                assert!(
                    !text.contains(&pattern) || f.file_stem().is_some_and(|s| s == "mod"),
                    "{} uses the command `{c}`",
                    f.display()
                );
            }
        }
    }
}

/// `rust-version` is what the locked dependencies need: no older toolchain
/// can build the lock file, so claiming one would be false.
#[test]
fn rust_version_is_what_the_lock_file_needs() {
    let out = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let parse = |v: &str| -> (u64, u64) {
        let mut it = v.split('.').map(|x| x.parse::<u64>().unwrap_or(0));
        (it.next().unwrap_or(0), it.next().unwrap_or(0))
    };
    let ours = m["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "specc")
        .and_then(|p| p["rust_version"].as_str())
        .map(parse)
        .expect("specc declares a rust-version");
    let (needed, by) = m["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| Some((parse(p["rust_version"].as_str()?), p["name"].as_str()?.to_string())))
        .max()
        .unwrap();
    assert_eq!(ours, needed, "rust-version is {ours:?}, but {by} needs {needed:?}");
}
